#!/usr/bin/env python
"""Build the sealed Harrowdene test documents (fictional): Word files, PDFs made from the
Word sources in sources/ with LibreOffice, texts/<file>.txt and expected.yaml.

    /work/main/.venv/bin/python tests/data/sealed/harrowdene/make_documents.py
"""
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from render import build  # noqa: E402

HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------------------
# Harrowdene documents
# ---------------------------------------------------------------------------
D = datetime.datetime

AR1920 = {
    "name": "hdscp-annual-report-2019-20.pdf",
    "meta": {"type": "annual_report", "period": "2019-20", "date": "2020-10-12",
             "publisher": "Harrowdene Safeguarding Children Partnership"},
    "header": "Harrowdene Safeguarding Children Partnership – Annual Report 2019-20",
    "font": "Arial", "size": 10.5,
    "props": {"title": "LSCB Annual Report 2018-19", "author": "HDSCP Business Unit", "subject": "",
              "created": D(2019, 6, 3, 9, 12), "modified": D(2020, 10, 9, 16, 40)},
    "blocks": [
        ("title", "Harrowdene Safeguarding Children Partnership"),
        ("sub", "Annual Report 2019-20"),
        ("p", "Covering 1 April 2019 to 31 March 2020"),
        ("p", "Published 12 October 2020"),
        ("h1", "A word from the safeguarding partners"),
        ("p", "This is the first annual report of the Harrowdene Safeguarding Children Partnership (HDSCP). "
              "The partnership took over from the Harrowdene Local Safeguarding Children Board on 29 September 2019, "
              "when Harrowdene Metropolitan Borough Council, Marlow Vale Police and Harrowdene and Tarn Clinical "
              "Commissioning Group became the three safeguarding partners for the borough."),
        ("p", "The year ended in a way none of us expected. In the last fortnight of March 2020 schools closed to most "
              "pupils, health visiting moved largely to telephone contact and many of our meetings went online. The "
              "figures in this report describe a year that was mostly ordinary, but the recommendations and priorities "
              "at the end of it were written with the pandemic in mind."),
        ("p", "We thank the practitioners, volunteers and families who have helped us to understand what life is like "
              "for children in Harrowdene."),
        ("p", "Rachel Amankwah, Director of Children's Services, Harrowdene Metropolitan Borough Council; Chief "
              "Superintendent Owen Marsh, Marlow Vale Police; Helen Varga, Chief Nurse, Harrowdene and Tarn Clinical "
              "Commissioning Group"),
        ("h1", "Harrowdene in numbers"),
        ("table", [
            ["Measure", "2018-19", "2019-20"],
            ["Children and young people aged 0-17", "61,200", "61,850"],
            ["Contacts to the Children's Front Door", "9,412", "10,087"],
            ["Children in need (31 March)", "1,904", "1,977"],
            ["Children subject to a child protection plan (31 March)", "231", "262"],
            ["Children looked after (31 March)", "318", "327"],
            ["Episodes of children missing from home", "702", "774"],
        ], True),
        ("p", "Neglect was the main category of need for 57% of child protection plans at the end of the year, a higher "
              "share than in our statistical neighbours. The rise in missing episodes was concentrated among a small "
              "group of teenagers, eleven of whom accounted for almost a third of all episodes."),
        ("h1", "How the partnership works"),
        ("p", "The three partners meet as the Executive Group every two months. Four groups report to it: the "
              "Performance and Quality Group, the Learning from Practice Group, the Exploitation and Missing Sub-group "
              "and the Education Safeguarding Forum. A small business unit, led by the Business Manager, supports all "
              "of them. Dr Miriam Oyelaran was appointed Independent Chair in October 2019 and also acts as the "
              "partnership's independent scrutineer."),
        ("p", "In 2019-20 the partners contributed £286,400 to the partnership budget: the council 52%, the CCG 28% "
              "and the police 20%."),
        ("h1", "What we did in 2019-20"),
        ("h2", "Learning from serious cases"),
        ("p", "The serious case review about Child K, commissioned by the former Board in 2018, was published in "
              "January 2020. The review made six recommendations, and the Learning from Practice Group is overseeing "
              "the multi-agency action plan. Two rapid reviews were held during the year; in both, the National Panel "
              "agreed that a local child safeguarding practice review was not needed."),
        ("h2", "Training"),
        ("p", "The partnership ran 64 multi-agency courses, attended by 1,318 people. Most courses were rated good or "
              "very good by those attending, but we do not yet know whether training changes what practitioners do."),
        ("h2", "Exploitation and missing children"),
        ("p", "The Exploitation and Missing Sub-group met monthly. A snapshot audit in November 2019 looked at 20 "
              "children at risk of criminal exploitation; in 13 of them the first strategy discussion took more than "
              "three working days to arrange, and health was not represented in nine."),
        ("p", "Return home interviews were offered to 68% of children after a missing episode, and only 41% of "
              "interviews took place within 72 hours."),
        ("h1", "Recommendations from our independent chair"),
        ("p", "At the end of her first six months, the Independent Chair reviewed the evidence gathered for this report "
              "and made the following recommendations to the safeguarding partners. Each has an owner and a target "
              "date, and progress will be reported to the Executive Group every quarter."),
        ("table", [
            ["No.", "Recommendation", "Owner", "Target date"],
            ["1", "The partnership should agree a single neglect assessment tool and train practitioners in every "
                  "agency to use it.", "Performance and Quality Group", "March 2021"],
            ["2", "Strategy discussions for children at risk of exploitation must take place within one working day, "
                  "with health represented in every case.", "Exploitation and Missing Sub-group", "December 2020"],
            ["3", "All agencies should record children's own words in assessments and plans, and not only what adults "
                  "say about them.", "All partner agencies", "Ongoing"],
            ["4", "The CCG should commission a perinatal mental health pathway that includes fathers and male carers.",
             "Harrowdene and Tarn CCG", "September 2021"],
            ["5", "Schools need a voice at the top of the partnership: the partners should create a place for "
                  "education on the Executive Group.", "Safeguarding partners", "April 2021"],
            ["6", "The partnership must publish a multi-agency training needs analysis and evaluate the impact of its "
                  "training on practice.", "Learning from Practice Group", "March 2021"],
            ["7", "Every child who has been missing should be offered a return home interview within 72 hours.",
             "Harrowdene MBC Children's Services", "October 2020"],
            ["8", "Information-sharing agreements with neighbouring partnerships should be renewed before the new Tarn "
                  "hospital site opens.", "HDSCP Business Unit", "2021-22"],
        ], True, [1.1, 8.6, 4.0, 2.9]),
        ("h1", "Priorities for 2020-22"),
        ("p", "The safeguarding partners agreed four priorities for the two years from April 2020. Each has a lead "
              "group and a short statement of what we want to achieve."),
        ("h2", "Priority One – Neglect"),
        ("p", "Aim: children living with neglect are noticed earlier and helped before harm becomes entrenched. Lead: "
              "Performance and Quality Group."),
        ("p", "We will publish a neglect strategy for Harrowdene during 2020-21."),
        ("h2", "Priority Two – Exploitation"),
        ("p", "Aim: children at risk of criminal or sexual exploitation are identified early and protected by a "
              "joined-up response from police, social care, health, schools and youth services. Lead: Exploitation and "
              "Missing Sub-group."),
        ("p", "We will map the places and networks where children are exploited, using police intelligence and what "
              "young people tell us, by March 2021."),
        ("h2", "Priority Three – Hearing the child"),
        ("p", "Aim: what children say and feel shapes the help they get and the way the partnership works. Lead: "
              "Learning from Practice Group."),
        ("p", "We will work with Harrowdene Youth Council to hold a young people's safeguarding summit each year."),
        ("h2", "Priority Four – Babies and the under-ones"),
        ("p", "Aim: babies are safe in their first year of life, and parents under strain get help early. Lead: "
              "Learning from Practice Group with the CCG."),
        ("p", "We will refresh the multi-agency pre-birth assessment protocol in 2020-21."),
        ("h1", "Looking ahead to 2020-21"),
        ("p", "Because of the pandemic, the business unit will also:"),
        ("b", "move all multi-agency training online until face-to-face courses can safely restart;"),
        ("b", "recruit a second training officer, funded by the council for two years;"),
        ("b", "set up a fortnightly call with designated safeguarding leads while schools are partly closed."),
        ("p", "This report was approved by the Executive Group on 29 September 2020."),
    ],
}

MIN2011 = {
    "name": "harrowdene-cypl-scrutiny-minutes-2020-11-18.pdf",
    "meta": {"type": "minutes", "period": "2019-20", "date": "2020-11-18",
             "publisher": "Harrowdene Metropolitan Borough Council"},
    "header": "Children, Young People and Learning Scrutiny Committee – 18 November 2020",
    "font": "Arial", "size": 11, "margin": 2.5,
    "props": {"title": "Minutes", "author": "ldenholm", "subject": "", "comments": "",
              "created": D(2020, 11, 19, 10, 2), "modified": D(2020, 12, 1, 14, 55)},
    "blocks": [
        ("title", "HARROWDENE METROPOLITAN BOROUGH COUNCIL"),
        ("sub", "CHILDREN, YOUNG PEOPLE AND LEARNING SCRUTINY COMMITTEE"),
        ("p", "Minutes of the meeting held on Wednesday 18 November 2020 at 6.30 pm (held remotely via Microsoft Teams)"),
        ("pb", "Present:"),
        ("p", "Councillor D Harcourt (Chair); Councillors M Blake, P Chaudhry, S Ellery, R Nwosu, T Osei and "
              "J Whitcombe; Mrs A Lowther (co-opted, Diocesan representative)."),
        ("pb", "Also in attendance:"),
        ("p", "Dr M Oyelaran (Independent Chair, Harrowdene Safeguarding Children Partnership), Detective "
              "Superintendent S Pryce (Marlow Vale Police), Ms F Qureshi (Designated Nurse for Safeguarding Children, "
              "Harrowdene and Tarn CCG)."),
        ("pb", "Officers:"),
        ("p", "R Amankwah (Director of Children's Services), P Lindqvist (Head of Service, Safeguarding and Quality "
              "Assurance), C Ferris (HDSCP Business Manager), L Denholm (Scrutiny Officer)."),
        ("pb", "20/28 APOLOGIES FOR ABSENCE"),
        ("p", "Apologies were received from Councillor K Fairbairn."),
        ("pb", "20/29 DECLARATIONS OF INTEREST"),
        ("p", "Councillor Osei declared a non-pecuniary interest as a foster carer for the council."),
        ("pb", "20/30 MINUTES"),
        ("p", "Resolved – That the minutes of the meeting held on 23 September 2020 be approved as a correct record."),
        ("pb", "20/31 HARROWDENE SAFEGUARDING CHILDREN PARTNERSHIP ANNUAL REPORT 2019-20"),
        ("p", "Dr Oyelaran presented the first annual report of the partnership, which had been published on 12 October "
              "2020. She drew the committee's attention to the high proportion of child protection plans for neglect, "
              "the delay in strategy discussions found in the exploitation audit, and the eight recommendations she had "
              "made to the safeguarding partners."),
        ("p", "Dr Oyelaran advised that the partnership would publish a neglect strategy in February 2021, so that it "
              "could be launched alongside training in the new assessment tool."),
        ("p", "Councillor Blake asked how many children had been reported missing more than five times during the year. "
              "The Head of Service replied that fourteen children had, and that all of them were known to children's "
              "social care."),
        ("p", "Councillor Blake then asked whether the 72-hour target for return home interviews could be met with the "
              "current staffing. The Head of Service advised that the team would recruit two additional return home "
              "workers from January 2021, funded through the Supporting Families grant."),
        ("p", "Detective Superintendent Pryce explained that Marlow Vale Police had started a daily exploitation triage "
              "meeting in September. She said that the force would review in the spring whether the meeting had "
              "shortened the time taken to arrange strategy discussions."),
        ("p", "Members welcomed the figures on training attendance but felt that numbers alone said little about "
              "quality. Members urged the partnership to evaluate whether its courses changed practice and to share the "
              "findings with the committee."),
        ("p", "Councillor Chaudhry asked what support was available for new mothers whose mental health had worsened "
              "during the lockdown. Ms Qureshi said that the CCG hoped to begin commissioning a perinatal pathway that "
              "included fathers in the next financial year, although this depended on funding."),
        ("p", "Councillor Ellery commented that it would be useful for the committee to hear directly from young people "
              "about their experience of services."),
        ("p", "Members stressed the need for all councillors, not only those on this committee, to receive "
              "safeguarding training, given their role as corporate parents."),
        ("p", "In response to a question from Councillor Whitcombe about the exploitation audit, the Director of "
              "Children's Services undertook to circulate the partnership's exploitation dashboard to committee members "
              "every quarter."),
        ("p", "Councillor Nwosu asked whether schools had been involved in writing the report. Dr Oyelaran said that "
              "they had not, and that this was one reason for her recommendation about education on the Executive "
              "Group."),
        ("p", "Mr T Gallagher, a member of the public, had submitted a question asking whether the partnership would "
              "fund a telephone advice line for parents. The Chair noted that a written answer had been sent to him "
              "before the meeting."),
        ("p", "Resolved –"),
        ("tl", "(a)", "that the annual report of the Harrowdene Safeguarding Children Partnership for 2019-20 be noted;"),
        ("tl", "(b)", "that the partnership be asked to provide a written update on progress against the Independent "
                      "Chair's recommendations to the committee's meeting in March 2021;"),
        ("tl", "(c)", "that the Member Development Steering Group be recommended to include safeguarding training in the "
                      "induction programme for all councillors; and"),
        ("tl", "(d)", "that members of Harrowdene Youth Council be invited to the committee's February 2021 meeting to "
                      "talk about their experience of local services."),
        ("pb", "20/32 WORK PROGRAMME 2020-21"),
        ("p", "The Scrutiny Officer presented the draft work programme."),
        ("p", "Resolved – That the work programme be agreed, with the addition of a report on elective home education "
              "to the meeting in March 2021."),
        ("p", "The meeting closed at 8.14 pm."),
        ("p", "Chair"),
    ],
}

BRIEF = {
    "name": "hdscp-7-minute-briefing-baby-m.docx",
    "meta": {"type": "other", "period": None, "date": "2021-03-15",
             "publisher": "Harrowdene Safeguarding Children Partnership"},
    "header": "HDSCP Seven-minute briefing",
    "font": "Calibri", "size": 11, "footer": False, "box_shade": "E2EFDA",
    "props": {"title": "7MB template", "author": "", "subject": "Rapid review", "last_modified_by": "Business Unit",
              "created": D(2019, 2, 11, 8, 30), "modified": D(2021, 3, 12, 17, 5)},
    "blocks": [
        ("title", "Seven-minute briefing"),
        ("sub", "Rapid review: Baby M"),
        ("p", "Harrowdene Safeguarding Children Partnership | Learning from Practice Group | Issued 15 March 2021"),
        ("h2", "1. Background"),
        ("p", "Baby M was ten weeks old when she was taken to Tarn General Hospital in December 2020 with a fractured "
              "arm and bruising to her ear. She had been seen by five agencies since birth. Her mother had a history of "
              "anxiety and depression; her mother's partner, who was not Baby M's father, had moved into the home two "
              "weeks after the birth and was not known to any of the health professionals involved."),
        ("h2", "2. The rapid review"),
        ("p", "The partnership held a rapid review on 11 January 2021. The National Panel agreed with our view that the "
              "learning could be captured without a full local child safeguarding practice review, and this briefing "
              "shares it instead. Baby M has recovered and lives with her maternal grandmother."),
        ("h2", "3. What we found"),
        ("b", "Nobody asked who else was living in the home, so the partner's presence was not known to the midwife or "
              "the health visitor."),
        ("b", "Mother's worsening mental health was noted by the health visitor at six weeks but not shared with the GP "
              "until the case was closed to health visiting."),
        ("b", "A small bruise on Baby M's cheek at seven weeks was explained by her mother as a scratch from a sibling, "
              "and the bruising protocol was not followed."),
        ("b", "Early help closed the family's case while a referral to the perinatal mental health team was still "
              "waiting to be seen."),
        ("h2", "4. Why it matters"),
        ("p", "Babies under one are the age group most at risk of serious harm from abuse. Bruising in a baby who is not "
              "yet crawling or cruising is rare and is a warning sign. Men in the household are often invisible to "
              "services that are designed around mothers."),
        ("h2", "5. Learning for practitioners"),
        ("b", "Practitioners should ask who lives in, or regularly stays at, the home, and record the answer in the "
              "child's record."),
        ("b", "Midwives and health visitors should tell the GP about concerns for a parent's mental health when they "
              "arise, not when their involvement ends."),
        ("b", "Practitioners should follow the bruising protocol for every non-mobile baby with a bruise, however it is "
              "explained."),
        ("b", "Practitioners should be curious about fathers and other men in the baby's life, and invite them to "
              "appointments and assessments."),
        ("b", "Managers should not agree to close a case to early help while a referral to another service is still "
              "outstanding."),
        ("h2", "6. Questions to ask yourself"),
        ("b", "Do I know who the adults around this baby are?"),
        ("b", "When did I last share a worry with another professional at the time I had it?"),
        ("b", "Would I recognise a bruise as a safeguarding concern if the parent's explanation sounded reasonable?"),
        ("h2", "7. What we will do"),
        ("box", [
            "What we will do",
            "The Learning from Practice Group will relaunch the bruising protocol for non-mobile babies, with a short "
            "video for GP practices, by 30 June 2021.",
            "Harrowdene and Tarn CCG will audit how midwifery and health visiting records capture fathers and male "
            "carers, and report to the partnership in September 2021.",
            "We will add a 'Think Dad' session to the multi-agency training programme from autumn 2021.",
            "The early help service will change its closure checklist so that a case cannot be closed while a referral "
            "is pending.",
            "In twelve months we will check whether practice has changed, through a multi-agency audit of ten cases of "
            "babies under one.",
        ]),
        ("p", "The bruising protocol, the pre-birth guidance and the terms of reference for rapid reviews are on the "
              "partnership's website."),
    ],
}

AR2122 = {
    "name": "HDSCP_Annual_Report_2021-22_final.docx",
    "meta": {"type": "annual_report", "period": "2021-22", "date": "2022-09-28",
             "publisher": "Harrowdene Safeguarding Children Partnership"},
    "header": "HDSCP Annual Report 2021-22",
    "font": "Calibri", "size": 11, "shade": "E7E6E6",
    "props": {"title": "HDSCP Annual Report 2020-21", "author": "Colm Ferris", "subject": "",
              "last_modified_by": "Ferris, Colm", "created": D(2021, 7, 14, 11, 0), "modified": D(2022, 9, 27, 18, 21)},
    "blocks": [
        ("title", "Harrowdene Safeguarding Children Partnership"),
        ("sub", "Annual Report 2021-22"),
        ("p", "Period covered: April 2021 – March 2022. Published 28 September 2022."),
        ("h1", "Foreword"),
        ("p", "Our third annual report covers a year in which services returned to face-to-face work and demand rose "
              "sharply. Contacts to the Children's Front Door were 18% higher than in 2019-20, and the number of "
              "children with a child protection plan reached 301 in February 2022."),
        ("p", "On 1 July 2022, after the end of the year this report covers, Harrowdene and Tarn Clinical Commissioning "
              "Group was replaced by Harrowdene and Tarn Integrated Care Board, which has taken on the CCG's role as a "
              "safeguarding partner."),
        ("p", "This report looks back at the recommendations the Independent Chair made in our 2019-20 report, at our "
              "priorities for 2020-22, and at the learning from the Baby M rapid review. It ends with what we will do "
              "in 2022-23."),
        ("h1", "Progress on recommendations"),
        ("p", "The table gives the status of each of the Independent Chair's 2019-20 recommendations at 31 March 2022. "
              "Complete means the recommendation has been met in full; On track means work is under way and on "
              "schedule; Delayed means it has slipped or not started."),
        ("table", [
            ["No.", "Recommendation (2019-20)", "Status", "What happened"],
            ["1", "A single neglect assessment tool", "Complete",
             "The Graded Care Profile 2 became the single neglect tool for all agencies in May 2021, and 612 "
             "practitioners have been trained to use it."],
            ["2", "Exploitation strategy discussions within one working day, with health", "On track",
             "In 2021-22, 81% of exploitation strategy discussions took place within one working day and health "
             "attended 64% of them."],
            ["3", "Children's own words in assessments and plans", "On track",
             "Our spring audit found the child's own words in 58% of plans, compared with 37% in 2019."],
            ["4", "Perinatal mental health pathway including fathers", "Delayed",
             "The pathway has not been commissioned, because funding could not be found in 2021-22."],
            ["5", "Education on the Executive Group", "Complete",
             "A primary headteacher and the principal of Harrowdene College have been members of the Executive Group "
             "since April 2021."],
            ["6", "Training needs analysis and evaluation of impact", "Delayed",
             "The training needs analysis was published in March 2022, a year later than planned, but the evaluation "
             "of impact has not begun."],
            ["7", "Return home interviews within 72 hours", "Replaced",
             "Stand-alone return home interviews ended in September 2021. Under the new Harrowdene missing protocol, "
             "the child's allocated worker or a trusted adult chosen by the child now holds a return conversation, "
             "usually within two days."],
            ["8", "Renewed information-sharing agreements with neighbouring partnerships", "Delayed",
             "No work has been done, because the new Tarn hospital site will not open until 2024."],
        ], True, [1.1, 4.4, 2.1, 9.0]),
        ("h1", "What became of our priorities for 2020-22"),
        ("h2", "Priority One – Neglect"),
        ("p", "The Harrowdene Neglect Strategy was published in February 2021, as the Independent Chair had promised "
              "the scrutiny committee, and was launched with the first Graded Care Profile 2 courses. Neglect is still "
              "the main category for child protection plans, at 52%."),
        ("h2", "Priority Two – Exploitation"),
        ("p", "Marlow Vale Police reviewed its daily exploitation triage meeting in April 2021 and decided to keep it, "
              "because the time taken to arrange strategy discussions had fallen from an average of four days to under "
              "two. The mapping of places and networks where children are exploited was completed in June 2021, three "
              "months late, and is now refreshed every quarter."),
        ("h2", "Priority Three – Hearing the child"),
        ("p", "Eight members of Harrowdene Youth Council spoke to the Children, Young People and Learning Scrutiny "
              "Committee in February 2021 about mental health support and feeling safe on public transport. The young "
              "people's safeguarding summit could not be held in 2020 or 2021 because of restrictions; the first "
              "summit is now booked for November 2022."),
        ("h2", "Priority Four – Babies and the under-ones"),
        ("p", "The pre-birth assessment protocol was not refreshed in 2020-21 as planned; the work has been folded into "
              "the new Harrowdene and Tarn pre-birth pathway that is being written with the ICB. After the Baby M rapid "
              "review, the Learning from Practice Group relaunched the bruising protocol for non-mobile babies in June "
              "2021, with a four-minute video that every GP practice has received."),
        ("p", "The CCG's audit of how health records capture fathers and male carers was completed in October 2021, a "
              "month later than planned. It found that a father's name was recorded in 71% of midwifery records but in "
              "only 44% of health visiting records. The 'Think Dad' session has been written but has not yet been run, "
              "because the trainer who wrote it left the partnership in January 2022. The twelve-month audit of ten "
              "cases of babies under one was carried out in April 2022 and its findings will be reported in next "
              "year's report."),
        ("h1", "What we told the scrutiny committee"),
        ("p", "A written update on the Independent Chair's recommendations went to the Children, Young People and "
              "Learning Scrutiny Committee in March 2021, as the committee had asked. Safeguarding training was added "
              "to the induction programme for councillors after the May 2021 elections, and 41 of the council's 51 "
              "members have completed it."),
        ("p", "The two return home workers recruited in January 2021 joined the new missing team when stand-alone "
              "return home interviews ended."),
        ("h1", "The Independent Chair's view"),
        ("p", "Dr Oyelaran's assessment is that the partnership is stronger than it was two years ago but still relies "
              "too heavily on the council for its data. She recommends that Marlow Vale Police and the ICB should each "
              "provide a named analyst to the Performance and Quality Group for at least one day a week. She also "
              "recommends that the partners should test how well the new missing protocol works by asking children who "
              "have been missing what their return conversation was like."),
        ("h1", "Our priorities for 2022-24"),
        ("p", "The partners reviewed the priorities in March 2022. Three continue, and a fourth has been added because "
              "of a rise in knife crime involving teenagers. Babies and the under-ones is no longer a separate "
              "priority: the remaining work now sits with the ICB's pre-birth pathway project."),
        ("table", [
            ["Priority", "Lead group", "What success looks like"],
            ["Neglect", "Performance and Quality Group", "Fewer children on plans for neglect for a second time"],
            ["Exploitation", "Exploitation and Missing Sub-group", "Children at risk are identified before they are harmed"],
            ["The voice and lived experience of the child", "Learning from Practice Group",
             "Children's words shape their plans"],
            ["Serious youth violence", "Harrowdene Community Safety Partnership with the Exploitation and Missing "
                                       "Sub-group", "Fewer young people are injured or arrested for weapon offences"],
        ], True),
        ("h1", "Next year: what we will do in 2022-23"),
        ("n", "We will publish a revised neglect strategy, informed by the findings of our Graded Care Profile 2 audit, "
              "by December 2022."),
        ("n", "We will open an exploitation hub, with Marlow Vale Police officers working alongside the missing team, "
              "by April 2023."),
        ("n", "We will commission an independent evaluation of the impact of multi-agency training and report its "
              "findings by March 2023."),
        ("n", "We will set up a young people's advisory group with at least twelve members by September 2022."),
        ("n", "We will review our published safeguarding arrangements once the government issues revised Working "
              "Together guidance."),
        ("n", "Harrowdene and Tarn ICB will include the perinatal mental health pathway in its commissioning plan for "
              "2023-24."),
        ("n", "The business unit will run the 'Think Dad' session at least four times before March 2023."),
        ("p", "Progress on each of these will be reported in our 2022-23 annual report."),
    ],
}

JTAI = {
    "name": "harrowdene-jtai-letter.pdf",
    "meta": {"type": "inspection_report", "period": None, "date": "2022-12-06", "publisher": "Ofsted"},
    "header": "",
    "font": "Arial", "size": 11, "footer_prefix": "",
    "props": {"title": "", "author": "Ofsted", "subject": "JTAI letter",
              "created": D(2022, 11, 21, 9, 0), "modified": D(2022, 12, 5, 12, 30)},
    "blocks": [
        ("p", "Ofsted | Care Quality Commission | HMI Constabulary and Fire & Rescue Services"),
        ("p", "6 December 2022"),
        ("p", "Rachel Amankwah, Director of Children's Services, Harrowdene Metropolitan Borough Council"),
        ("p", "Claire Whitfield, Chief Executive, Harrowdene and Tarn Integrated Care Board"),
        ("p", "Nadeem Sheikh, Chief Constable, Marlow Vale Police"),
        ("p", "Dear Ms Amankwah, Ms Whitfield and Mr Sheikh"),
        ("pb", "Joint targeted area inspection of the multi-agency response to children and families who need help in "
               "Harrowdene"),
        ("p", "Between 10 and 14 October 2022, Ofsted, the Care Quality Commission (CQC) and His Majesty's Inspectorate "
              "of Constabulary and Fire & Rescue Services (HMICFRS) inspected together how agencies in Harrowdene "
              "respond to children and families who need help. This letter, sent to all three safeguarding partners, "
              "sets out what we found about the partnership as a whole and about individual agencies."),
        ("h2", "Headline findings"),
        ("p", "Children and families in Harrowdene who need help benefit from a committed workforce and from "
              "safeguarding partners who know their area well. The move to a single neglect tool has given "
              "practitioners a shared language, and most children who need help are identified early. However, the "
              "quality of help is uneven. Health information is too often missing when decisions are made, and the "
              "safeguarding partners have limited oversight of early help assessments completed by agencies other than "
              "the council."),
        ("h2", "What needs to improve?"),
        ("p", "The safeguarding partners should act to improve:"),
        ("n", "the timeliness and quality of health contributions to strategy discussions, so that health information "
              "is available when decisions are made;"),
        ("n", "the use of the neglect tool by universal services, especially schools and GP practices;"),
        ("n", "the partners' oversight of the quality of early help assessments completed by partner agencies;"),
        ("n", "how early help plans describe children's lived experience, so that what children say shapes the help "
              "they receive;"),
        ("n", "the sharing of police domestic abuse notifications with schools before the start of the next school day."),
        ("h2", "Strengths"),
        ("b", "Strategy discussions for children at risk of exploitation are now held quickly, usually on the day risk "
              "is identified."),
        ("b", "The Graded Care Profile 2 is well embedded in children's social care and health visiting."),
        ("b", "Young people's views have clearly influenced the partnership's work, including the design of the new "
              "missing protocol."),
        ("h2", "Main findings"),
        ("p", "The Children's Front Door is well staffed, and decisions about next steps are made within 24 hours in "
              "almost all cases. Thresholds are understood by most partners."),
        ("p", "Health practitioners do not consistently take part in strategy discussions. In the cases we looked at, "
              "health information was absent from four of eleven strategy discussions held for children at risk of "
              "significant harm. This means that some decisions are made without knowing about a child's health needs "
              "or a parent's health history."),
        ("p", "Schools and GP practices make little use of the neglect tool. Leaders recognise this and have plans to "
              "widen training."),
        ("p", "Early help assessments completed by schools and health visitors vary widely in quality. The safeguarding "
              "partners do not routinely audit them, and so they cannot be confident that families are getting the "
              "right help."),
        ("p", "Police notify schools of domestic abuse incidents through Operation Encompass, but notifications made "
              "over a weekend often reach schools on Tuesday or later."),
        ("p", "Children's voices are heard well in statutory social work, but in early help plans what children say is "
              "often reduced to a single line."),
        ("h2", "Next steps"),
        ("p", "The director of children's services should, with the ICB and Marlow Vale Police, prepare a written "
              "statement of the action the partnership will take in response to this letter. The statement should say "
              "which actions fall to the partnership as a whole and which to individual agencies, and should be sent to "
              "the inspectorates by 16 March 2023. The safeguarding partners should oversee delivery of the plan "
              "through their multi-agency arrangements."),
        ("p", "Yours sincerely"),
        ("p", "Marcus Heale, National Director, Regulation and Social Care, Ofsted"),
        ("p", "Priya Raman, Chief Inspector of Primary and Community Care, Care Quality Commission"),
        ("p", "Andrew Cole, His Majesty's Inspector of Constabulary"),
    ],
}

YR2324 = {
    "name": "hdscp-yearly-report-2023-24.pdf",
    "meta": {"type": "annual_report", "period": "2023-24", "date": "2024-09-26",
             "publisher": "Harrowdene Safeguarding Children Partnership"},
    "header": "Harrowdene Safeguarding Children Partnership | Yearly Report 2023-24",
    "font": "Calibri", "size": 11, "shade": "FBE4D5",
    "props": {"title": "Keeping Harrowdene's Children Safe", "author": "HDSCP", "subject": "Annual report 2022-23",
              "created": D(2023, 8, 30, 10, 0), "modified": D(2024, 9, 24, 15, 45)},
    "blocks": [
        ("title", "Keeping Harrowdene's Children Safe"),
        ("sub", "Harrowdene Safeguarding Children Partnership – Yearly Report 2023-24"),
        ("p", "Published: 26/09/2024"),
        ("h1", "Introduction"),
        ("p", "This report covers April 2023 to March 2024. It is written by the three lead safeguarding partners – the "
              "Chief Executive of Harrowdene Metropolitan Borough Council, the Chief Constable of Marlow Vale Police and "
              "the Chief Executive of Harrowdene and Tarn Integrated Care Board – with a section from our independent "
              "scrutineer. Our 2022-23 report, published last autumn, is on the partnership's website."),
        ("p", "The year was dominated by our response to the joint targeted area inspection of October 2022 and by the "
              "opening of the exploitation hub."),
        ("h1", "Responding to the joint targeted area inspection"),
        ("p", "Our written statement of action was sent to the inspectorates on 14 March 2023, two days before the "
              "deadline, and the Executive Group has checked progress against it at every meeting since."),
        ("table", [
            ["Area for improvement", "What we did", "Where we are"],
            ["Health in strategy discussions",
             "A named health professional now joins every strategy discussion held in working hours, and the on-call "
             "paediatrician is contacted out of hours.",
             "Health took part in 93% of strategy discussions in 2023-24, up from 64%."],
            ["The neglect tool in schools and GP practices",
             "Graded Care Profile 2 training was offered to every school and GP practice, and 190 school staff "
             "attended.",
             "Schools completed 212 assessments, up from 40; GP practices have still not used the tool."],
            ["Oversight of early help assessments by partner agencies",
             "The Performance and Quality Group audits eight early help assessments from partner agencies every "
             "quarter.",
             "Audit grades have improved, with 62% rated good in the final quarter."],
            ["Children's lived experience in early help plans",
             "A new early help plan template was introduced in May 2023.",
             "An audit in February 2024 found that only half of early help plans described what daily life was like "
             "for the child."],
            ["Domestic abuse notifications to schools",
             "Marlow Vale Police moved Operation Encompass notifications to a 7am daily send, including weekends.",
             "In 97% of cases schools now hear of an incident before the next school day begins."],
        ], True, [4.0, 6.3, 6.3]),
        ("h1", "What we said we would do in 2022-23"),
        ("table", [
            ["Commitment", "Result"],
            ["Revised neglect strategy by December 2022", "Done – published in January 2023, one month late."],
            ["Exploitation hub by April 2023", "Done – the hub opened at Harrowdene police station in June 2023."],
            ["Independent evaluation of training impact by March 2023",
             "Not done – the evaluation has still not been commissioned. The University of Tarn has been asked to carry "
             "it out in 2024-25."],
            ["Young people's advisory group by September 2022",
             "Done – Voice of Harrowdene has 15 members and met nine times in 2023-24."],
            ["Review of safeguarding arrangements after new Working Together",
             "Under way – revised arrangements were agreed by the lead partners in June 2024 and will be published by "
             "December 2024."],
            ["Perinatal mental health pathway in the ICB's 2023-24 commissioning plan",
             "Done – the pathway for mothers and fathers opened in January 2024."],
            ["'Think Dad' session to run four times", "Done – run six times, reaching 104 practitioners."],
        ], True, [6.5, 10.1]),
        ("h1", "Other progress"),
        ("p", "Around 140 young people came to our safeguarding summit in November 2023, the second to be held since the "
              "pandemic."),
        ("p", "The twelve-month audit that followed the Baby M rapid review found that the adults in the household were "
              "recorded in nine of the ten cases, and that the bruising protocol had been followed in all three cases "
              "where a baby had a bruise."),
        ("p", "Since April 2023, Marlow Vale Police and the ICB have each given the Performance and Quality Group an "
              "analyst for one day a week, so the partnership's data no longer comes almost entirely from the council."),
        ("p", "The perinatal mental health pathway has supported 187 parents since January 2024, 38 of them fathers."),
        ("h1", "Our area in 2023-24"),
        ("p", "Neglect remains the most common reason for a child protection plan, accounting for 46% of plans at 31 "
              "March 2024."),
        ("p", "Early help closures rose by 12% as the service worked through a backlog of cases after moving to its new "
              "recording system."),
        ("p", "Harrowdene Youth Council's 'Get Home Safe' campaign persuaded the bus company to add two late-night "
              "services from the town centre."),
        ("p", "Twelve councillors attended a briefing on the cost of living and its effect on families with young "
              "children."),
        ("p", "The exploitation dashboard was rebuilt in Power BI in 2023 and now includes British Transport Police "
              "data."),
        ("p", "Missing episodes fell by 9% in 2023-24, and repeat episodes by 15%."),
        ("p", "The ICB's information governance team signed a new data-sharing agreement with Tarn Valley Hospitals in "
              "2023, covering the transfer of maternity records."),
        ("h1", "Our independent scrutineer's view"),
        ("p", "Following Working Together 2023, the partnership is now led by the three lead safeguarding partners, and "
              "Dr Oyelaran's role has changed from Independent Chair to independent scrutineer."),
        ("p", "In my view the partnership has responded well to the inspection, but two things worry me. First, the "
              "evaluation of training has been promised for four years and still has not happened. I recommend that "
              "the lead safeguarding partners set a firm date for it and report the results publicly. Second, GP "
              "practices remain largely outside the partnership's work on neglect. The ICB should agree with the local "
              "medical committee how GPs will take part, and report back to the Executive Group within six months."),
        ("p", "I also recommend that the partners ask the young people in Voice of Harrowdene to help choose the themes "
              "of future multi-agency audits."),
        ("h1", "Our priorities for 2024-26"),
        ("p", "Our priorities for the next two years are:"),
        ("g", "•", "Neglect, with a new focus on GP practices and dental services"),
        ("g", "•", "Exploitation and serious youth violence, now a single priority led through the hub"),
        ("g", "•", "Children's lived experience, from early help to child protection"),
        ("g", "•", "Safeguarding children with special educational needs and disabilities"),
        ("h1", "Next steps"),
        ("n", "The lead safeguarding partners will publish revised safeguarding arrangements by 31 December 2024."),
        ("n", "The hub will extend its opening hours to 10pm on Fridays and Saturdays from October 2024."),
        ("n", "We will hold the next young people's safeguarding summit in November 2024."),
    ],
}

DOCS = [AR1920, MIN2011, BRIEF, AR2122, JTAI, YR2324]

if __name__ == "__main__":
    build(DOCS, "Harrowdene", HERE)
    print("\n".join(d["name"] for d in DOCS))
