#!/usr/bin/env python
"""Build the sealed Saltmarsh test documents (fictional): Word files, PDFs made from the
Word sources in sources/ with LibreOffice, texts/<file>.txt and expected.yaml.

    /work/main/.venv/bin/python tests/data/sealed/saltmarsh/make_documents.py
"""
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from render import build  # noqa: E402

HERE = Path(__file__).resolve().parent


# ---------------------------------------------------------------------------
# Saltmarsh documents
# ---------------------------------------------------------------------------
D = datetime.datetime

AR2223 = {
    "name": "sscp-annual-report-2022-23-and-plan-2023-25.pdf",
    "meta": {"type": "annual_report", "period": "2022-23", "date": "2023-07-19",
             "publisher": "Saltmarsh Safeguarding Children Partnership"},
    "header": "Saltmarsh Safeguarding Children Partnership",
    "font": "Verdana", "size": 10, "shade": "DEEAF6",
    "props": {"title": "Annual Report", "author": "", "subject": "", "last_modified_by": "sscp.business",
              "created": D(2023, 5, 2, 9, 45), "modified": D(2023, 7, 18, 11, 20)},
    "blocks": [
        ("title", "Saltmarsh Safeguarding Children Partnership"),
        ("sub", "Annual Report 2022-23 and Partnership Plan 2023-25"),
        ("p", "Published 19 July 2023"),
        ("h1", "Introduction from the lead safeguarding partners"),
        ("p", "Saltmarsh is a district of contrasts: inland market towns with some of the lowest unemployment in the "
              "region, and a string of coastal towns where seasonal work, poor housing and long journeys to services "
              "shape children's lives. This report tells the story of 2022-23 and sets out what the partnership will "
              "do over the next two years."),
        ("p", "The three lead safeguarding partners are the Chief Executive of Saltmarsh District Council, the Chief "
              "Constable of Estuary Coast Constabulary and the Chief Executive of North Estuary Integrated Care Board. "
              "Day-to-day leadership is delegated to the council's Director of Children's Services, the Constabulary's "
              "Head of Public Protection and the ICB's Chief Nurse."),
        ("cols", 2),
        ("h2", "Saltmarsh at a glance"),
        ("p", "About 48,600 children and young people under 18 live in Saltmarsh. One in four children in the coastal "
              "wards lives in relative poverty, against one in eight in the rest of the district."),
        ("p", "In 2022-23 there were 6,914 contacts to the Saltmarsh Front Door, 1,102 children in need assessments and "
              "188 children subject to a child protection plan at the end of the year."),
        ("p", "There were 412 missing episodes involving 156 children. Thirty-one children were referred to the "
              "exploitation panels in the north and south of the district."),
        ("h2", "How we work"),
        ("p", "The partnership's Safeguarding Executive meets every six weeks. Its work is carried out by three groups: "
              "Practice Review and Learning, Quality Assurance and Performance, and Safeguarding in Education. "
              "Professor Alan Tregarthen was appointed as independent scrutineer in April 2023."),
        ("p", "Saltmarsh District Council hosts the partnership's business unit of four staff, which supports the "
              "groups, runs the training programme and manages the website."),
        ("cols", 1),
        ("h1", "Our year: 2022-23"),
        ("p", "Over the year the partnership published its new neglect strategy, completed one local child safeguarding "
              "practice review and trained 1,460 practitioners. The exploitation panels for the north and south of the "
              "district continued to meet separately, which meant that young people moving between coastal towns were "
              "sometimes discussed by both panels and sometimes by neither."),
        ("h2", "Learning from Child S"),
        ("p", "Child S was a 13-year-old boy who had been electively home educated for two years when it was found that "
              "he had been sexually abused by a family friend. The review was published in March 2023. It recommended "
              "that:"),
        ("b", "agencies should not rely on one parent's account of a child's education and welfare when a child is "
              "home educated;"),
        ("b", "the council should make sure that children missing education are seen by a professional within ten "
              "school days of being identified;"),
        ("b", "Estuary Coast Constabulary should tell the education welfare service when an adult who poses a risk to "
              "children is known to be visiting a home-educated child."),
        ("h1", "Our plan for 2023-25"),
        ("p", "For 2023-25 the partners have chosen three priorities: protecting adolescents from exploitation; neglect "
              "and poverty in coastal communities; and the emotional wellbeing and mental health of children and young "
              "people."),
        ("p", "Alongside the three priorities, partners agreed at their development day in March 2023 that the areas of "
              "focus for 2023-24 would be:"),
        ("b", "putting the new threshold guidance, Getting Help in Saltmarsh, into everyday practice"),
        ("b", "improving the quality of referrals from health services and schools"),
        ("b", "hearing the voices of children who are educated at home"),
        ("b", "strengthening how schools respond to harmful sexual behaviour"),
        ("h2", "What we will do"),
        ("g", "▪", "We will bring the two exploitation panels together into one district-wide panel by October 2023."),
        ("g", "▪", "We will train 300 practitioners in the Saltmarsh Neglect Screening Tool by March 2024."),
        ("g", "▪", "We will publish Getting Help in Saltmarsh by September 2023 and run briefings on it in every "
                   "locality."),
        ("g", "▪", "We will ask every school to return the annual section 175 safeguarding audit by December 2023."),
        ("g", "▪", "We will commission a needs assessment of children's mental health with Public Health by January "
                   "2024."),
        ("g", "▪", "We will set up a young inspectors scheme, so that young people can review services alongside us, by "
                   "summer 2024."),
        ("g", "▪", "We will agree a fair funding formula with all three partners before the end of 2023."),
        ("p", "We will report progress on each of these in our 2023-24 report."),
        ("h1", "Our budget"),
        ("table", [
            ["Partner", "2022-23 contribution"],
            ["Saltmarsh District Council", "£127,000"],
            ["Estuary Coast Constabulary", "£48,000"],
            ["North Estuary ICB", "£61,000"],
            ["Total", "£236,000"],
        ], True, [9.0, 5.0]),
        ("p", "The partners have not yet agreed how contributions should be shared in future. The present split dates "
              "from 2016 and no longer reflects the demand each agency places on the partnership."),
    ],
}

CAB = {
    "name": "sdc-record-of-decision-cab-2024-017.docx",
    "meta": {"type": "minutes", "period": "2024-25", "date": "2024-02-14",
             "publisher": "Saltmarsh District Council"},
    "header": "Saltmarsh District Council – Record of Executive Decision",
    "font": "Arial", "size": 11, "shade": "D9D9D9",
    "props": {"title": "Record of Decision TEMPLATE v2", "author": "Democratic Services", "subject": "",
              "last_modified_by": "nfretwell", "created": D(2021, 4, 6, 13, 10), "modified": D(2024, 2, 15, 9, 2)},
    "blocks": [
        ("title", "SALTMARSH DISTRICT COUNCIL"),
        ("sub", "RECORD OF EXECUTIVE DECISION"),
        ("table", [
            ["Decision reference", "CAB/2024/017"],
            ["Decision taken by", "Cabinet"],
            ["Date of decision", "14/02/2024"],
            ["Subject", "Funding for the Saltmarsh Safeguarding Children Partnership 2024-25 and the district-wide "
                        "exploitation panel"],
            ["Portfolio", "Children, Families and Education (Councillor Bryony Kell)"],
            ["Key decision", "Yes – included in the Forward Plan published on 12/01/2024"],
            ["Date decision may be implemented (subject to call-in)", "23/02/2024"],
        ], False, [6.0, 10.5]),
        ("h2", "1. Decision"),
        ("p", "Cabinet RESOLVED:"),
        ("n", "To approve a contribution of £148,000 from the council to the Saltmarsh Safeguarding Children Partnership "
              "budget for 2024-25, an increase of £21,000 on 2023-24."),
        ("n", "To approve one-off funding of £60,000 from the Children's Services transformation reserve for a "
              "co-ordinator for the district-wide exploitation panel for eighteen months."),
        ("n", "To delegate authority to the Director of Children's Services, in consultation with the Portfolio Holder, "
              "to agree a funding formula for the partnership with Estuary Coast Constabulary and North Estuary "
              "Integrated Care Board."),
        ("n", "To ask the Children and Young People Select Committee to review the impact of the co-ordinator post in "
              "the spring of 2025."),
        ("h2", "2. Reasons for the decision"),
        ("p", "The partnership's budget has been shared on a fixed split since 2016. Demand on the partnership has grown, "
              "and the independent scrutineer's statement of December 2023 advised the partners to agree a new formula "
              "before 2024-25. The two exploitation panels were merged in November 2023, and the new panel needs "
              "dedicated co-ordination to work across the whole district."),
        ("h2", "3. Alternative options considered and rejected"),
        ("p", "Cabinet considered keeping the council's contribution at the 2023-24 level. This was rejected because the "
              "partnership would have had to stop its multi-agency training programme for part of the year. Cabinet "
              "also considered asking the Constabulary to fund the co-ordinator post, but the Constabulary has already "
              "committed a detective sergeant to the panel."),
        ("h2", "4. Views of the Children and Young People Select Committee"),
        ("p", "The Select Committee considered the draft report on 30/01/2024 and made two recommendations to Cabinet:"),
        ("b", "that the funding formula should be based on each partner's share of safeguarding activity rather than a "
              "fixed split; and"),
        ("b", "that part of the increase should be ring-fenced for the young inspectors scheme promised in the "
              "partnership plan."),
        ("p", "Cabinet accepted the first recommendation, which will shape the formula agreed under delegated authority. "
              "Cabinet did not accept the second, because the young inspectors scheme is to be funded from the "
              "partnership's existing training budget."),
        ("h2", "5. Actions arising"),
        ("table", [
            ["Action", "Lead officer", "Due"],
            ["Publish this record and notify the three partners of the decision", "Democratic Services Manager",
             "16/02/2024"],
            ["Issue a revised partnership funding agreement to the Constabulary and the ICB", "Head of Legal Services",
             "31/03/2024"],
            ["Recruit the exploitation panel co-ordinator", "Head of Safeguarding Partnerships", "01/06/2024"],
            ["Report the agreed funding formula to Cabinet for information", "Director of Children's Services",
             "30/09/2024"],
        ], True, [9.0, 5.0, 2.6]),
        ("h2", "6. Declarations"),
        ("p", "Conflicts of interest declared: none. Dispensations granted: none."),
        ("p", "Signed: Councillor Bryony Kell, Portfolio Holder for Children, Families and Education"),
        ("p", "Proper officer: Naomi Fretwell, Democratic Services Manager"),
    ],
}

SCRUT = {
    "name": "SSCP_Independent_Scrutineer_Statement.docx",
    "meta": {"type": "scrutineer_report", "period": "2023-24", "date": "2023-12-08",
             "publisher": "Saltmarsh Safeguarding Children Partnership"},
    "header": "",
    "font": "Georgia", "size": 11, "footer_prefix": "",
    "props": {"title": "", "author": "A Tregarthen", "subject": "", "last_modified_by": "A Tregarthen",
              "created": D(2023, 11, 20, 20, 14), "modified": D(2023, 12, 7, 22, 48)},
    "blocks": [
        ("title", "Independent Scrutiny of Safeguarding Arrangements in Saltmarsh"),
        ("sub", "Statement by the Independent Scrutineer"),
        ("p", "Professor Alan Tregarthen | 8 December 2023"),
        ("h2", "Why I have written this statement"),
        ("p", "I was appointed as independent scrutineer to the Saltmarsh Safeguarding Children Partnership in April "
              "2023. This statement sets out what I have seen in my first eight months, what I think is working, and "
              "what I recommend the lead safeguarding partners do next. It draws on observation of 14 partnership "
              "meetings, conversations with 63 practitioners and managers, two visits to the Saltmarsh Front Door and a "
              "session with members of the council's Youth Voice group."),
        ("h2", "The role of independent scrutiny"),
        ("p", "The statutory guidance is clear about what the role involves. Working Together to Safeguard Children "
              "2023 states that:"),
        ("q", "“The independent scrutineer should give the lead safeguarding partners an impartial view of how well the "
              "arrangements are working for children and families. The scrutineer must be independent of the agencies "
              "being scrutinised and should be free to report findings openly. Safeguarding partners should make sure "
              "that the scrutineer can reach the information and the people needed to form that view. The scrutineer "
              "should consider in particular whether the partners work well together and whether the voices of "
              "children and families shape the arrangements.”"),
        ("p", "I have tried to do exactly that, and I am grateful to partners for the open access I have been given."),
        ("h2", "What is working"),
        ("p", "Leadership is visible and stable. The Safeguarding Executive is well attended, and the new threshold "
              "guidance, Getting Help in Saltmarsh, was published on time in September 2023 and is already being used "
              "in referral discussions. The merger of the two exploitation panels, although a month late, has removed "
              "a real risk that young people moving between coastal towns would fall through the gap."),
        ("h2", "What needs to change"),
        ("p", "The lead safeguarding partners have met only twice this year outside the Safeguarding Executive, and on "
              "both occasions one of them sent a deputy. I recommend that the lead safeguarding partners meet at least "
              "six times a year, and that each attends in person."),
        ("p", "The partnership's budget is still shared on a formula agreed in 2016. The partners need to agree a new "
              "formula before the 2024-25 financial year begins; without one, the business unit cannot plan its "
              "training programme."),
        ("p", "Schools told me that they do not know who to contact when they disagree with a decision made at the "
              "Front Door. The escalation policy should be relaunched with schools in mind, and its use by schools "
              "should be monitored by the Safeguarding in Education group."),
        ("p", "The needs assessment of children's mental health promised in the partnership plan is at risk, because "
              "Public Health has not yet received the data it needs from the ICB. The partners should resolve this "
              "before the end of January 2024."),
        ("h2", "Hearing from children"),
        ("p", "The young people I met were clear that annual reports are not written for them. I recommend that the "
              "partnership publishes a short version of its annual report for children and families, written with "
              "young people."),
        ("p", "I recommend that the district-wide exploitation panel reports its data by town from its first quarter, "
              "so that the partners can compare coastal and inland areas."),
        ("h2", "What I will do next"),
        ("p", "In the spring of 2024 I will observe a sample of strategy discussions and report what I find to the lead "
              "safeguarding partners."),
        ("p", "I will also look again at the escalation policy and at the mental health needs assessment in my next "
              "statement, which I expect to publish in the autumn of 2024."),
        ("p", "Professor Alan Tregarthen, Independent Scrutineer"),
    ],
}

YR2324 = {
    "name": "sscp-yearly-report-2023-24.pdf",
    "meta": {"type": "annual_report", "period": "2023-24", "date": "2024-09-30",
             "publisher": "Saltmarsh Safeguarding Children Partnership"},
    "header": "SSCP Yearly Report 2023-24",
    "font": "Verdana", "size": 10, "shade": "E2EFDA",
    "props": {"title": "SSCP Annual Report 2022-23 and Partnership Plan", "author": "sscp.business", "subject": "",
              "created": D(2023, 5, 2, 9, 45), "modified": D(2024, 9, 27, 14, 5)},
    "blocks": [
        ("title", "Saltmarsh Safeguarding Children Partnership"),
        ("sub", "Yearly Report 2023-24"),
        ("p", "April 2023 to March 2024 | Published 30 September 2024"),
        ("h1", "Summary"),
        ("p", "This report sets out what happened to each of the commitments in our 2022-23 report, how we responded to "
              "our independent scrutineer's first statement, and what we will focus on in 2024-25."),
        ("p", "Ofsted inspected the council's children's services in January 2024 and judged them to be good. The "
              "inspectors' findings on the Front Door are reflected in our plans for 2024-25."),
        ("h1", "What we said we would do"),
        ("table", [
            ["Commitment (2022-23 report)", "What happened", "Rating"],
            ["One district-wide exploitation panel by October 2023",
             "The Estuary Exploitation Panel first met in November 2023 and had discussed 74 young people by March "
             "2024.", "Achieved late"],
            ["Train 300 practitioners in the Saltmarsh Neglect Screening Tool by March 2024",
             "226 practitioners had been trained by 31 March 2024, and courses continue monthly.", "Partly achieved"],
            ["Publish Getting Help in Saltmarsh by September 2023",
             "Published on 4 September 2023; briefings were held in all five localities.", "Achieved"],
            ["Every school to return the section 175 audit by December 2023",
             "Forty-seven of the district's 52 schools returned the audit; the education safeguarding lead is following "
             "up the other five.", "Partly achieved"],
            ["Mental health needs assessment by January 2024",
             "Not started. Public Health could not obtain the ICB data in time, and the assessment is now planned to "
             "begin in October 2024.", "Not achieved"],
            ["Young inspectors scheme by summer 2024",
             "Young people told us they would rather join the council's paid Youth Voice panel than a separate "
             "inspection scheme, so the partnership now buys four panel places each year instead.", "Changed"],
            ["Funding formula agreed before the end of 2023",
             "A formula based on each partner's share of safeguarding activity was agreed in March 2024 and applies "
             "from 2024-25.", "Achieved late"],
        ], True, [5.0, 9.0, 2.6]),
        ("h1", "Areas of focus for 2023-24"),
        ("p", "Getting Help in Saltmarsh is now used in every referral discussion at the Front Door."),
        ("p", "The share of referrals from health services and schools that led to an assessment rose from 38% to 51%, "
              "which suggests that referrals are better targeted."),
        ("p", "A harmful sexual behaviour toolkit for schools was launched in January 2024, and 31 designated "
              "safeguarding leads have been trained to use it."),
        ("p", "The number of children registered as electively home educated rose to 398, from 341 a year earlier."),
        ("h1", "Learning from Child S"),
        ("p", "Guidance for elective home education visits was rewritten in October 2023 and now expects the child to be "
              "seen and spoken to alone wherever possible."),
        ("p", "Estuary Coast Constabulary now tells the education welfare service within two working days when an adult "
              "who poses a risk is known to be in contact with a home-educated child."),
        ("p", "At 31 March 2024, 87 children were recorded as missing education, compared with 112 a year earlier."),
        ("h1", "Responding to our independent scrutineer"),
        ("table", [
            ["Recommendation (December 2023)", "Response"],
            ["Lead safeguarding partners to meet six times a year, in person",
             "The lead partners have met in person every two months since January 2024, with all three present each "
             "time."],
            ["A new funding formula before 2024-25", "Agreed in March 2024, in time for the 2024-25 budget."],
            ["Relaunch the escalation policy for schools",
             "Not yet done. The policy will be rewritten once the new Front Door model is in place."],
            ["A children's version of the annual report",
             "Our Year in Saltmarsh, a short version of this report written with the Youth Voice panel, is published "
             "alongside it."],
            ["Exploitation panel data by town",
             "Panel data has been reported by town since the first quarter, and shows that 60% of the young people "
             "discussed live in the three largest coastal towns."],
            ["Resolve the data needed for the mental health needs assessment",
             "See above: the data was not received in time."],
        ], True, [6.0, 10.6]),
        ("p", "Professor Tregarthen observed eleven strategy discussions in April and May 2024 and reported to the lead "
              "partners in June. He found that police and social care worked well together, but that schools were "
              "rarely invited, even when the child was of school age."),
        ("h1", "Cabinet funding decision"),
        ("p", "In February 2024 Saltmarsh District Council's Cabinet increased the council's contribution to £148,000 "
              "for 2024-25 and funded a co-ordinator for the exploitation panel for eighteen months. The co-ordinator, "
              "Jade Pentreath, started on 3 June 2024."),
        ("p", "The partnership agreement with the Saltmarsh Voluntary Sector Forum was renewed in April 2024 for three "
              "years."),
        ("h1", "Budget"),
        ("table", [
            ["Partner", "2023-24", "2024-25"],
            ["Saltmarsh District Council", "£127,000", "£148,000"],
            ["Estuary Coast Constabulary", "£48,000", "£55,000"],
            ["North Estuary ICB", "£61,000", "£74,000"],
            ["Total", "£236,000", "£277,000"],
        ], True, [8.0, 4.0, 4.0]),
        ("p", "Separately, the Home Office's Serious Violence Duty grant provided £34,000, which the community safety "
              "partnership used for detached youth work on the seafront."),
        ("h1", "Our focus for 2024-25"),
        ("p", "The three priorities in our 2023-25 plan continue. Within them, in 2024-25 we will concentrate on:"),
        ("n", "making sure schools are invited to strategy discussions whenever a child is of school age"),
        ("n", "completing the mental health needs assessment and agreeing what it means for services"),
        ("n", "testing how well Getting Help in Saltmarsh is understood by GPs and dentists"),
        ("p", "We will publish the mental health needs assessment by March 2025."),
    ],
}

DOCS = [AR2223, CAB, SCRUT, YR2324]

if __name__ == "__main__":
    build(DOCS, "Saltmarsh", HERE)
    print("\n".join(d["name"] for d in DOCS))
