#!/usr/bin/env python
"""Write the hand labels of the Calderbrook documents, by tests/data/labels/RULES.md.

The judgements (kind, made_by, confidence, status, rationale...) are written by hand below.
Only the `section` / `evidence_section` heading paths are looked up from the document text held
in make_documents.py, so that they match the documents exactly.

    /work/main/.venv/bin/python tests/data/mixed/calderbrook/make_labels.py

Writes tests/data/labels/items/<file>.jsonl and tests/data/labels/links/<file>.jsonl for the
Calderbrook inputs only.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_documents as md  # noqa: E402

LABELS = HERE.parent.parent / "labels"

FILES = {
    "ar17": "cscb-annual-report-2016-17.docx",
    "ar21": "cscp-annual-report-2020-21.pdf",
    "sp22": "calderbrook-childrens-scrutiny-panel-minutes-2022-03-14.docx",
    "isr23": "cscp-independent-scrutineer-report-2022-23.docx",
    "cab23": "calderbrook-cabinet-decision-2023-11-05.pdf",
    "ex24": "calderbrook-scanned-minutes-2024-06-10.pdf",
    "yr24": "cscp-yearly-report-2023-24.pdf",
    "sp25": "calderbrook-childrens-scrutiny-panel-item-2024-25-yearly-report.docx",
    "note": "calderbrook-partnership-note-undated.docx",
}
BLOCKS = {
    "ar17": md.DOC1, "ar21": md.DOC2, "sp22": md.DOC3, "isr23": md.DOC5, "cab23": md.DOC4,
    "ex24": md.DOC8, "yr24": md.DOC6, "sp25": md.DOC7, "note": md.DOC9,
}
# documents in date order (the undated note has no place in it)
ORDER = ["ar17", "ar21", "sp22", "isr23", "cab23", "ex24", "yr24", "sp25"]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def units(key):
    """(section path, text unit) for every paragraph, list item, table cell or minutes paragraph."""
    out = []
    stack = []
    lead = None
    for b in BLOCKS[key]:
        kind = b[0]
        if kind in ("h1", "h2"):
            level = 1 if kind == "h1" else 2
            stack = [s for s in stack if s[0] < level] + [(level, b[1])]
            lead = None
            continue
        path = " > ".join(s[1] for s in stack)
        if kind in md.LIST_KINDS:
            sec = f"{path} > {lead}" if lead else path
            out.append((sec, md.block_text(b)))
            continue
        if kind == "p":
            lead = b[1] if b[1].rstrip().endswith(":") else None
            out.append((path, b[1]))
        elif kind in ("title", "subtitle"):
            out.append((path, b[1]))
        elif kind == "table":
            for row in b[1][1:]:
                for cell in row:
                    out.append((path, cell))
        elif kind == "mtable":
            for number, paras in b[1]:
                for para in paras:
                    out.append((f"{number} {paras[0]}", para))
    return out


def find_section(key, text, hint=None):
    t = norm(text)
    cands = [(sec, u) for sec, u in units(key) if t in norm(u)]
    if hint:
        cands = [c for c in cands if hint in c[0]]
    exact = [c for c in cands if norm(c[1]) == t]
    if exact:
        cands = exact
    secs = sorted(set(c[0] for c in cands))
    if not secs:
        raise SystemExit(f"[{key}] text not found: {text!r} (hint {hint!r})")
    if len(secs) > 1:
        raise SystemExit(f"[{key}] ambiguous: {text!r}: {secs}")
    return secs[0] or "(title block)"


# ---------------------------------------------------------------------------------------
# Items. I(key, n, kind, text, made_by, detail, addressee, due, for_period, confidence, themes,
#          note, section=None (override), hint=None (to pick a section))
# ---------------------------------------------------------------------------------------

ITEMS = []


def I(key, n, kind, text, made_by, detail=None, addressee=None, due=None, for_period=None,
      confidence="clear", themes=(), note=None, section=None, hint=None):
    sec = section if section is not None else find_section(key, text, hint)
    ITEMS.append({
        "id": f"c-{key}-{n:03d}", "doc": FILES[key], "kind": kind, "text": text, "section": sec,
        "made_by": made_by, "made_by_detail": detail, "addressee": addressee, "due": due,
        "for_period": for_period, "confidence": confidence, "themes": list(themes), "note": note,
    })


R, P, A = "recommendation", "priority", "action"
CHAIR17 = "CSCB Independent Chair"
CHAIR17D = "Independent Chair (Geoffrey Lindqvist)"
IS = "Independent Scrutineer"
ISD = "Independent Scrutineer (Dr Ruth Okafor)"
PANEL = "Children's Scrutiny Panel"
CBC = "Calderbrook Borough Council"

# --- 1. CSCB annual report 2016-17 -----------------------------------------------------
I("ar17", 1, R, "It is less good at showing what difference multi-agency work makes to children, and its "
  "sub-groups have too often met without health or police in the room.", CHAIR17, CHAIR17D, "CSCB",
  confidence="borderline", themes=["governance and leadership", "quality assurance and audit"],
  note="Finding with no modal verb that implies a need; the formal recommendations follow in the list.")
I("ar17", 2, R, "Embed the Neglect Toolkit in every agency, with an audit of how it is used before the end "
  "of 2017-18.", CHAIR17, CHAIR17D, "CSCB partner agencies", due="2018-03-31",
  themes=["neglect", "quality assurance and audit"],
  note="Bullet with no modal verb; the lead-in 'To improve, the Board should:' carries the meaning.")
I("ar17", 3, R, "Consistent attendance by health and police representatives at every sub-group.", CHAIR17,
  CHAIR17D, "CSCB (health and police members)", themes=["governance and leadership", "health"],
  note="Verbless bullet under the lead-in.")
I("ar17", 4, R, "A single strategy for child sexual and criminal exploitation, agreed by all partners.",
  CHAIR17, CHAIR17D, "CSCB", themes=["exploitation and contextual safeguarding"], note="Verbless bullet.")
I("ar17", 5, R, "Quarterly reports to the Board on the views of children subject to child protection plans.",
  CHAIR17, CHAIR17D, "CSCB", themes=["voice of the child"], note="Verbless bullet.")
I("ar17", 6, R, "A review of the terms of reference and timescales of the Serious Case Review sub-group.",
  CHAIR17, CHAIR17D, "CSCB Serious Case Review sub-group", themes=["case reviews and learning"],
  note="Verbless bullet.")
I("ar17", 7, R, "Equal contributions to the Board budget from the council, the police and the clinical "
  "commissioning group.", CHAIR17, CHAIR17D, "Calderbrook Borough Council, Pennine Vale Police, "
  "Calderbrook Clinical Commissioning Group", themes=["governance and leadership"], note="Verbless bullet.")
I("ar17", 8, R, "Greater awareness of private fostering among schools and GPs.", CHAIR17, CHAIR17D,
  "CSCB (schools and GPs)", themes=["private fostering", "education", "health"], note="Verbless bullet.")
for n, t in ((9, "neglect"), (10, "exploitation"), (11, "the voice of the child")):
    I("ar17", n, P, t, "CSCB", "Board members (development day, March 2017)", "CSCB", for_period="2017-18",
      themes={"neglect": ["neglect"], "exploitation": ["exploitation and contextual safeguarding"],
              "the voice of the child": ["voice of the child"]}[t],
      section="Our priorities for 2017-18",
      note="One of three priorities listed inside one sentence: 'Our priorities for 2017-18 are: neglect; "
           "exploitation; the voice of the child.'")
BP = "Business plan 2017-18 > The business plan sets out how we will deliver our priorities:"
I("ar17", 12, A, "The Learning and Improvement sub-group will publish a two-page learning brief within "
  "three months of each case review being signed off.", "CSCB Learning and Improvement sub-group", None,
  "CSCB Learning and Improvement sub-group", themes=["case reviews and learning"],
  section=BP + " > Learning and improvement",
  note="Level-2 item (1.1) of a two-level Word numbered list; level-1 entries are headings, not items.")
I("ar17", 13, A, "A multi-agency audit of children who go missing from home will be completed by "
  "November 2017.", "CSCB", None, "CSCB", due="2017-11", themes=["missing children",
  "quality assurance and audit"], section=BP + " > Learning and improvement")
I("ar17", 14, A, "Neglect Toolkit training will be delivered to 400 practitioners by March 2018.", "CSCB",
  None, "CSCB", due="2018-03", themes=["neglect", "training and workforce"],
  section=BP + " > Workforce development")
I("ar17", 15, A, "The threshold document will be rewritten with head teachers and re-issued to every "
  "school.", "CSCB", None, "CSCB / schools", themes=["levels of need and thresholds", "education"],
  section=BP + " > Workforce development")
I("ar17", 16, A, "A young people's advisory group will be set up by December 2017.", "CSCB", None, "CSCB",
  due="2017-12", themes=["voice of the child"], section=BP + " > Hearing from children")
I("ar17", 17, A, "Every sub-group will hear feedback from children at each of its meetings.", "CSCB", None,
  "CSCB sub-groups", themes=["voice of the child", "governance and leadership"],
  section=BP + " > Hearing from children")

# --- 2. CSCP annual report 2020-21 (two-column PDF) ------------------------------------
TB21 = "Our priorities in 2020-21"
rows21 = [
    (1, "Neglect", 2, "We would relaunch the Neglect Toolkit with a shorter version for universal services.",
     ["neglect"]),
    (3, "Exploitation", 4, "We would map the places where young people are at risk and share the maps with "
     "the police and community safety teams.", ["exploitation and contextual safeguarding"]),
    (5, "Voice of the child", 6, "We would ask Calderbrook Voices to review the leaflets we give to children.",
     ["voice of the child"]),
    (7, "Emotional health", 8, "We would work with schools to shorten waits for mental health support.",
     ["health", "education"]),
]
for pn, ptext, an, atext, th in rows21:
    I("ar21", pn, P, ptext, "CSCP", "CSCP (priorities set for 2020-21)", "CSCP", for_period="2020-21",
      themes=th, section=TB21, note="'Priority' cell of the priorities table (Priority | What we said | "
      "End of year update).")
    I("ar21", an, A, atext, "CSCP", None, "CSCP", due="2020-21", themes=th, section=TB21,
      note="'What we said' cell: the step promised for this priority.")
I("ar21", 9, R, "She also found that the partnership did not yet know enough about the experiences of "
  "children from Black, Asian and minority ethnic communities.", IS, ISD, "CSCP", confidence="borderline",
  themes=["data and performance", "voice of the child"],
  note="Finding with no modal verb that implies a need; 'She' = Dr Ruth Okafor (previous paragraph).")
I("ar21", 10, R, "Publish a multi-agency dataset that can be broken down by ethnicity and disability.", IS,
  ISD, "CSCP", themes=["data and performance"])
I("ar21", 11, R, "Involve schools more fully, as the largest group of relevant agencies.", IS, ISD, "CSCP",
  themes=["education", "governance and leadership"])
I("ar21", 12, R, "Test whether learning from practice reviews has changed practice, rather than counting "
  "the number of briefings held.", IS, ISD, "CSCP Case Review Group",
  themes=["case reviews and learning", "quality assurance and audit"])
for n, t, th in ((13, "Neglect – helping families earlier, before neglect becomes entrenched.", ["neglect",
                  "early help"]),
                 (14, "Exploitation – a joined-up response to children at risk outside the home.",
                  ["exploitation and contextual safeguarding"]),
                 (15, "Emotional health and wellbeing – shorter waits and better support in schools.",
                  ["health", "education"])):
    I("ar21", n, P, t, "CSCP", "safeguarding partners", "CSCP", for_period="2021-24", themes=th)
I("ar21", 16, A, "Restart exploitation mapping in the four wards with the most missing episodes.", "CSCP",
  None, "CSCP Exploitation Group", due="2021-22", themes=["exploitation and contextual safeguarding",
  "missing children"])
I("ar21", 17, A, "Agree a joint emotional health plan with the CCG and schools by March 2022.", "CSCP", None,
  "CSCP / NHS Calderbrook CCG / schools", due="2022-03", themes=["health", "education"])
I("ar21", 18, A, "Appoint a schools safeguarding lead to the partnership team.", "CSCP", None, "CSCP",
  due="2021-22", themes=["education"])
I("ar21", 19, A, "Restart the quarterly reports on the views of children with child protection plans.",
  "CSCP", None, "CSCP", due="2021-22", themes=["voice of the child"])
I("ar21", 20, A, "Ask Calderbrook Voices to help us design a survey for children in care.", "CSCP", None,
  "CSCP", due="2021-22", themes=["voice of the child", "children in care and placements"])

# --- 3. Children's Scrutiny Panel minutes 14/03/2022 -------------------------------------
I("sp22", 1, A, "The Independent Scrutineer said the partnership would continue to hold monthly "
  "exploitation meetings with the police and community safety teams.", "CSCP",
  "Independent Scrutineer (Dr Ruth Okafor), reporting a partnership commitment", "CSCP",
  themes=["exploitation and contextual safeguarding"], note="Reported commitment in minutes.")
I("sp22", 2, R, "She highlighted the need for a dataset that could show outcomes for children by ethnicity "
  "and disability.", IS, ISD, "CSCP", themes=["data and performance"],
  note="'She' = the Independent Scrutineer, Dr Ruth Okafor, named in the previous sentences.")
I("sp22", 3, A, "Detective Superintendent Mark Hollis said that a new analyst had been recruited and that "
  "the mapping of the four priority wards would be finished by the end of June 2022.",
  "Pennine Vale Police", "Detective Superintendent Mark Hollis", "Pennine Vale Police", due="2022-06-30",
  themes=["exploitation and contextual safeguarding"])
I("sp22", 4, A, "The Director of Children's Services said that a schools safeguarding lead would be in post "
  "from April 2022.", CBC, "Director of Children's Services (Claire Benton)", "CSCP partnership team",
  due="2022-04", themes=["education"])
I("sp22", 5, R, "She said it would be useful for the panel to see the joint emotional health plan once it "
  "was agreed.", PANEL, "Chair (Councillor Anita Desai)", "CSCP / Calderbrook Borough Council",
  confidence="borderline", themes=["health"],
  note="'She' = the Chair, Councillor Anita Desai, named in the previous sentence. Debate remark ('would "
       "be useful'); the formal version is resolution (c).")
I("sp22", 6, R, "Members stressed the need for the partnership to hear directly from children in care and "
  "care leavers.", PANEL, None, "CSCP", themes=["voice of the child", "children in care and placements",
  "care leavers and transitions"])
RES = "12.5 Calderbrook Safeguarding Children Partnership Annual Report 2020-21 > RESOLVED"
I("sp22", 7, A, "the annual report 2020-21 be noted", PANEL, None, "panel", confidence="borderline",
  section=RES + " (a)", note="Procedural 'be noted' resolution; evaluators may exclude.")
I("sp22", 8, R, "the panel recommends that the partnership publishes its dataset broken down by ethnicity "
  "and disability in its next annual report", PANEL, None, "CSCP", themes=["data and performance"],
  section=RES + " (b)", note="Inline lettered resolution 'RESOLVED: That (a) ...; (b) ...'. Due: the "
  "partnership's next annual report (2021-22).")
I("sp22", 9, R, "the Director of Children's Services brings the joint emotional health plan to the panel by "
  "September 2022", PANEL, None, "Calderbrook Borough Council (Director of Children's Services)",
  due="2022-09", themes=["health"], section=RES + " (c)")
I("sp22", 10, R, "the partnership reports to the panel in 2023 on progress with its exploitation priority",
  PANEL, None, "CSCP", due="2023-12", themes=["exploitation and contextual safeguarding",
  "governance and leadership"], section=RES + " (d)", note="Due 'in 2023'.")
I("sp22", 11, A, "The panel agreed to add the Calderbrook Safeguarding Children Partnership annual report "
  "to its work programme for each municipal year.", PANEL, None, "panel",
  themes=["governance and leadership"])

# --- 5. Independent Scrutineer's report 2022-23 ------------------------------------------
I("isr23", 1, R, "The partnership publishes a quarterly dataset, but it still cannot show outcomes by "
  "ethnicity or disability, because the police and health systems record these differently.", IS, ISD,
  "CSCP", confidence="borderline", themes=["data and performance"],
  note="Finding under 'What needs to improve' with no modal verb; the formal recommendation is c-isr23-007.")
I("isr23", 2, R, "Waiting times for the children and young people's mental health service remain too long.",
  IS, ISD, "Calderbrook and Dene ICB", confidence="borderline", themes=["health"],
  note="Finding implying a need; see c-isr23-006.")
I("isr23", 3, R, "Information about children at risk of exploitation is still shared across three separate "
  "meetings, and it can take several days to reach the practitioner who needs it.", IS, ISD, "CSCP",
  confidence="borderline", themes=["exploitation and contextual safeguarding"],
  note="Finding implying a need; see c-isr23-005.")
I("isr23", 4, R, "Fathers and male carers are largely invisible in the audits I read.", IS, ISD, "CSCP",
  confidence="borderline", themes=["families and parents", "quality assurance and audit"],
  note="Finding implying a need; see c-isr23-009.")
AFD = "Areas for development"
I("isr23", 5, R, "Bring police, social care, health and youth workers together in a single exploitation "
  "hub, so that information about children at risk outside the home is shared on the same day.", IS, ISD,
  "CSCP (safeguarding partners)", themes=["exploitation and contextual safeguarding"],
  note="Bullet under the heading 'Areas for development' (no lead-in, no colon).")
I("isr23", 6, R, "Agree with the Integrated Care Board a target for mental health waiting times and report "
  "against it every quarter.", IS, ISD, "CSCP / Calderbrook and Dene ICB", themes=["health",
  "data and performance"])
I("isr23", 7, R, "Make the dataset comparable across agencies so that outcomes can be shown by ethnicity and "
  "disability.", IS, ISD, "CSCP", themes=["data and performance"])
I("isr23", 8, R, "Prepare for Working Together 2023 by naming delegated safeguarding partners and giving "
  "education a place on the executive.", IS, ISD, "CSCP (lead safeguarding partners)",
  themes=["governance and leadership", "education"])
I("isr23", 9, R, "Hear from fathers and male carers, not only mothers, in audits and reviews.", IS, ISD,
  "CSCP", themes=["families and parents", "quality assurance and audit"])
I("isr23", 10, R, "Revisit the neglect strategy, which has not been refreshed since 2018.", IS, ISD, "CSCP",
  themes=["neglect"])
I("isr23", 11, R, "As Independent Scrutineer, I recommend that the partnership agrees a written response to "
  "these areas for development by the end of December 2023.", IS, ISD, "CSCP executive",
  due="2023-12-31", themes=["governance and leadership"], note="First person: 'I' = the Independent "
  "Scrutineer.")
I("isr23", 12, R, "I also recommend that the lead safeguarding partners meet the Children's Scrutiny Panel "
  "at least once a year.", IS, ISD, "CSCP lead safeguarding partners", themes=["governance and leadership"])
I("isr23", 13, A, "I will look at progress on each area in my next report.", IS, ISD, IS,
  confidence="borderline", themes=["governance and leadership"],
  note="The scrutineer's own commitment about her next report.")

# --- 4. Cabinet decision record 05/11/2023 ------------------------------------------------
I("cab23", 1, R, "In October 2023 the partnership's Independent Scrutineer recommended bringing police, "
  "social care, health and youth workers together in a single exploitation hub.", IS,
  "Independent Scrutineer (reported in the Cabinet decision record)", "CSCP", confidence="borderline",
  themes=["exploitation and contextual safeguarding"],
  note="Restates c-isr23-005 from the scrutineer's report; a duplicate, not a new recommendation.")
DEC = "Decision > Cabinet agreed to:"
I("cab23", 2, A, "Approve one-off capital funding of £180,000 to adapt the ground floor of Dene House as the "
  "base for the Calderbrook Child Exploitation Hub.", CBC, "Cabinet", "Calderbrook Borough Council",
  themes=["exploitation and contextual safeguarding"], section=DEC)
I("cab23", 3, A, "Approve revenue funding of £145,000 a year for two years, starting in April 2024, for a "
  "hub manager and two exploitation practitioners.", CBC, "Cabinet", "Calderbrook Borough Council",
  due="2024-25", themes=["exploitation and contextual safeguarding"], section=DEC,
  note="Funding from April 2024 for two years (2024-26).")
I("cab23", 4, A, "Delegate to the Director of Children's Services, in consultation with the Cabinet Member "
  "for Children and Families, authority to agree a partnership agreement with Pennine Vale Police and "
  "Calderbrook and Dene Integrated Care Board.", CBC, "Cabinet", "Director of Children's Services",
  themes=["exploitation and contextual safeguarding", "governance and leadership"], section=DEC)
I("cab23", 5, A, "Recruit the hub manager", CBC, "Cabinet (actions table)", "Director of Children's Services",
  due="2024-01-31", themes=["exploitation and contextual safeguarding"], section="Actions",
  note="'Action' cell of the actions table (Action | Lead | Due); due from the 'Due' cell.")
I("cab23", 6, A, "Complete the building works at Dene House", CBC, "Cabinet (actions table)",
  "Head of Property Services", due="2024-03-31", themes=["exploitation and contextual safeguarding"],
  section="Actions")
I("cab23", 7, A, "Open the hub to referrals", CBC, "Cabinet (actions table)", "Hub manager",
  due="2024-03-31", themes=["exploitation and contextual safeguarding"], section="Actions")
I("cab23", 8, A, "Report on the first six months of the hub to the Children's Scrutiny Panel", CBC,
  "Cabinet (actions table)", "Director of Children's Services", due="2024-10-31",
  themes=["exploitation and contextual safeguarding", "governance and leadership"], section="Actions")

# --- 8. Partnership executive minutes 10 June 2024 (scanned) ----------------------------
I("ex24", 1, A, "The hub manager will present a monthly performance report to the executive, starting in "
  "July 2024.", "CSCP", "Partnership Executive (ACTION on the hub manager)", "Hub manager", due="2024-07",
  themes=["exploitation and contextual safeguarding", "data and performance"],
  note="Minuted 'ACTION:' line; the text excludes the 'ACTION:' label.")
I("ex24", 2, A, "Members agreed that it would be built into the audit programme from September 2024.",
  "CSCP", "Partnership Executive", "CSCP", due="2024-09", themes=["families and parents",
  "quality assurance and audit"], note="'it' = work to hear from fathers and male carers in audits "
  "(previous sentence).")
I("ex24", 3, A, "The Partnership Manager will circulate the refreshed neglect strategy for comment by 30 "
  "June 2024.", "CSCP", "Partnership Executive (ACTION on the Partnership Manager)", "Partnership Manager",
  due="2024-06-30", themes=["neglect"])
I("ex24", 4, R, "Dr Okafor said the report should state plainly that the waiting-time target had not been "
  "met.", IS, ISD, "CSCP (authors of the yearly report 2023-24)", themes=["health", "data and performance"])
I("ex24", 5, A, "The Partnership Manager will publish the yearly report by 30 September 2024.", "CSCP",
  "Partnership Executive (ACTION on the Partnership Manager)", "Partnership Manager", due="2024-09-30",
  themes=["governance and leadership"])
I("ex24", 6, R, "Dr Okafor reminded members that her contract ends in March 2025 and that recruitment of a "
  "successor should begin in the autumn.", IS, ISD, "CSCP (lead safeguarding partners)", due="2024-11",
  themes=["governance and leadership"], note="Due 'in the autumn' (of 2024).")

# --- 6. CSCP yearly report 2023-24 ---------------------------------------------------------
TB24 = "Update on last year's priorities"
rows24 = [
    (1, "Neglect", 2, "Refresh the neglect strategy and audit how the Neglect Toolkit is used.", ["neglect"]),
    (3, "Exploitation", 4, "Set up the exploitation hub and agree shared measures with the police.",
     ["exploitation and contextual safeguarding"]),
    (5, "Emotional health and wellbeing", 6, "Bring the wait for a first mental health appointment down to "
     "12 weeks.", ["health"]),
]
for pn, ptext, an, atext, th in rows24:
    I("yr24", pn, P, ptext, "CSCP", "CSCP (2021-24 priorities, final year)", "CSCP", for_period="2023-24",
      themes=th, section=TB24, note="'Priority' cell of the update table; same priority as the 2021-24 "
      "list in the 2020-21 report.")
    I("yr24", an, A, atext, "CSCP", None, "CSCP", due="2023-24", themes=th, section=TB24,
      note="'What we planned for 2023-24' cell.")
LR = "Learning from reviews"
I("yr24", 7, R, "Practitioners need to ask who else lives in the home whenever a new adult moves in.",
  "CSCP Case Review Group", "Case Review Group (two rapid reviews, 2023-24)", "all practitioners",
  themes=["case reviews and learning", "families and parents"],
  note="Paragraph typed with a '–' glyph and a hanging indent.")
I("yr24", 8, R, "GPs and health visitors must tell each other when they are worried about a parent's "
  "drinking.", "CSCP Case Review Group", "Case Review Group (two rapid reviews, 2023-24)",
  "GPs and health visitors", themes=["case reviews and learning", "health"])
I("yr24", 9, R, "Professionals should see where a baby sleeps rather than relying on a parent's description.",
  "CSCP Case Review Group", "Case Review Group (two rapid reviews, 2023-24)", "all practitioners",
  themes=["case reviews and learning"])
for n, t, th in ((10, "family help", ["early help", "neglect"]),
                 (11, "exploitation", ["exploitation and contextual safeguarding"]),
                 (12, "emotional health and wellbeing", ["health"]),
                 (13, "safer sleep for babies", ["health"])):
    I("yr24", n, P, t, "CSCP", "CSCP strategic plan agreed June 2024", "CSCP", for_period="2024-27",
      themes=th, section="Our priorities for 2024-27",
      note="One of four priorities listed inside one sentence ('Our priorities for 2024-27 are: family "
           "help; exploitation; emotional health and wellbeing; and safer sleep for babies.').")
YA = "The year ahead"
I("yr24", 14, A, "Agree shared exploitation measures with Pennine Vale Police by December 2024.", "CSCP",
  None, "CSCP / Pennine Vale Police", due="2024-12", themes=["exploitation and contextual safeguarding",
  "data and performance"], note="Bullet typed with '➢' under the heading 'The year ahead' (no colon).")
I("yr24", 15, A, "Sign the data-sharing agreement so that outcomes can be reported by ethnicity and "
  "disability.", "CSCP", None, "CSCP safeguarding partners", due="2024-25",
  themes=["data and performance"])
I("yr24", 16, A, "Include fathers and male carers in every multi-agency audit from September 2024.", "CSCP",
  None, "CSCP", due="2024-09", themes=["families and parents", "quality assurance and audit"])
I("yr24", 17, A, "Publish the first evaluation of the Child Exploitation Hub by September 2025.", "CSCP",
  None, "CSCP", due="2025-09", themes=["exploitation and contextual safeguarding"])
I("yr24", 18, A, "Launch a safer sleep campaign with midwives, health visitors and housing officers in the "
  "autumn.", "CSCP", None, "CSCP", due="2024-11", themes=["health"], note="Due 'in the autumn' (2024).")

# --- 7. Scrutiny panel cover report, 3 February 2025 ------------------------------------
I("sp25", 1, A, "Notes the Calderbrook Safeguarding Children Partnership Yearly Report 2023-24.", PANEL,
  "proposed resolution in the Scrutiny Officer's report", "panel", confidence="borderline",
  note="Procedural 'notes the report'.")
I("sp25", 2, R, "Asks the partnership to bring the first evaluation of the Child Exploitation Hub to the "
  "panel by October 2025.", PANEL, "proposed resolution in the Scrutiny Officer's report", "CSCP",
  due="2025-10", themes=["exploitation and contextual safeguarding"],
  note="Lettered Word list '(b)' under 'That the Panel:'.")
I("sp25", 3, R, "Invites the Integrated Care Board to its next meeting to explain how waits for mental health "
  "support will be brought down to 12 weeks.", PANEL, "proposed resolution in the Scrutiny Officer's "
  "report", "Calderbrook and Dene ICB", themes=["health"])
I("sp25", 4, A, "The Director of Children's Services will bring the hub's referral figures for January 2025 "
  "to the meeting.", CBC, "Director of Children's Services", "Director of Children's Services",
  due="2025-02-03", themes=["exploitation and contextual safeguarding", "data and performance"])
I("sp25", 5, A, "Any recommendations the panel makes will be sent to the partnership executive, which will "
  "respond within two months.", "CSCP", "Partnership executive (as stated in the council's report)",
  "CSCP executive", confidence="borderline", themes=["governance and leadership"],
  note="A commitment of the partnership stated by a council officer.")

# --- 9. Undated practice briefing --------------------------------------------------------
I("note", 1, R, "Safer sleep advice was given once and not repeated when the household changed.",
  "CSCP Case Review Group", "rapid review (Baby R)", "midwives and health visitors", confidence="borderline",
  themes=["case reviews and learning", "health"], note="Review finding with no modal verb.")
I("note", 2, R, "The partner was not known to any agency working with the family.", "CSCP Case Review Group",
  "rapid review (Baby R)", "all agencies", confidence="borderline",
  themes=["case reviews and learning", "families and parents"], note="Review finding with no modal verb.")
I("note", 3, R, "The GP knew that the mother had been drinking more heavily, but this was not shared with "
  "the health visitor.", "CSCP Case Review Group", "rapid review (Baby R)", "GPs and health visitors",
  confidence="borderline", themes=["case reviews and learning", "health"],
  note="Review finding with no modal verb.")
for n, t, th in ((4, "Ask every parent where the baby sleeps, and look for yourself when you visit.",
                  ["health"]),
                 (5, "Talk about safer sleep again whenever the family's circumstances change, for example a "
                     "move, a new partner or a family celebration.", ["health", "families and parents"]),
                 (6, "Record the name of every adult who lives in or regularly visits the home.",
                  ["families and parents"]),
                 (7, "Tell the health visitor if you are worried that a parent is drinking or using drugs.",
                  ["health"])):
    I("note", n, R, t, "CSCP Case Review Group", "rapid review (Baby R)", "all practitioners",
      themes=["case reviews and learning"] + th, note="Imperative bullet under the lead-in 'The review asks "
      "all practitioners to:'.")
I("note", 8, A, "The partnership will run a safer sleep campaign with midwives, health visitors and housing "
  "officers.", "CSCP", None, "CSCP", themes=["health"])
I("note", 9, A, "The Case Review Group will check whether this learning has reached practice by re-auditing "
  "a sample of cases.", "CSCP Case Review Group", None, "CSCP Case Review Group",
  themes=["case reviews and learning", "quality assurance and audit"])

# ---------------------------------------------------------------------------------------
# Links. L(item_id, evidence_key or None, evidence_text, status, rationale, hint=None)
# ---------------------------------------------------------------------------------------

LINKS = []
BY_ID = {}


def L(item_id, ev_key, ev_text, status, rationale, hint=None):
    item = BY_ID[item_id]
    item_key = item_id.split("-")[1]
    if ev_key is None:
        assert status == "no_evidence"
        LINKS.append({"item_id": item_id, "item_doc": item["doc"], "item_kind": item["kind"],
                      "item_text": item["text"], "evidence_doc": None, "evidence_text": None,
                      "evidence_section": None, "status": "no_evidence", "rationale": rationale,
                      "same_doc": False})
        return
    same = ev_key == item_key
    if not same:
        assert ORDER.index(ev_key) > ORDER.index(item_key), (item_id, ev_key)
    LINKS.append({"item_id": item_id, "item_doc": item["doc"], "item_kind": item["kind"],
                  "item_text": item["text"], "evidence_doc": FILES[ev_key], "evidence_text": ev_text,
                  "evidence_section": find_section(ev_key, ev_text, hint), "status": status,
                  "rationale": rationale, "same_doc": same})


IMP, INP, NOT, SUP, UNC = "implemented", "in_progress", "not_implemented", "superseded", "unclear"

# evidence passages used more than once
E21_ATTEND = ("Health and police were represented at 47 of the 50 group meetings held in 2020-21, which "
              "answers a long-standing concern of the former Board.")
E21_QUARTERLY_STOPPED = ("Quarterly reports to partners on the views of children with child protection plans "
                         "stopped when the pandemic began and have not restarted.")
E23_TOOLKIT = ("The Neglect Toolkit is now part of everyday practice in health visiting and in most primary "
               "schools, although secondary schools use it less.")
E23_MAPPING = ("Exploitation mapping of the four priority wards was completed in July 2022, a month later "
               "than the police had told the scrutiny panel.")
E23_SCHOOLS = ("A schools safeguarding lead joined the partnership team in May 2022 and has set up a termly "
               "network for designated safeguarding leads.")
E23_EHPLAN = ("The joint emotional health plan was agreed in June 2022 and was taken to the Children's "
              "Scrutiny Panel in September 2022.")
E23_QUARTERLY = "Quarterly reports on the views of children with child protection plans restarted in April 2022."
E23_DATA = ("The partnership publishes a quarterly dataset, but it still cannot show outcomes by ethnicity or "
            "disability, because the police and health systems record these differently.")
E23_WAITS = ("Waiting times for the children and young people's mental health service remain too long. In "
             "March 2023 the average wait for a first appointment was 19 weeks.")
E23_THREE = ("Information about children at risk of exploitation is still shared across three separate "
             "meetings, and it can take several days to reach the practitioner who needs it.")
E24X_OPENED = ("The Chair reported that the hub had opened to referrals on 13 May 2024, six weeks later than "
               "planned because the building works at Dene House overran.")
E24X_MANAGER = "The hub manager started in post on 8 January 2024."
E24X_TARGET = ("The ICB confirmed that the 12-week waiting-time target agreed in February 2024 is now reported "
               "to the executive every quarter.")
E24X_FATHERS_NOT = "Work to hear from fathers and male carers in audits has not yet started."
E24X_FATHERS_PLAN = "Members agreed that it would be built into the audit programme from September 2024."
E24_NEGLECT_ROW = ("An audit of 40 cases in March 2024 found the toolkit had been used in 36 of them. The "
                   "refreshed neglect strategy was signed off by the executive in July 2024.")
E24_EXPL_ROW = ("The council agreed funding in November 2023 and the hub opened in May 2024. Shared measures "
                "with the police have been drafted but not yet agreed.")
E24_MH_ROW = ("The average wait fell from 19 weeks to 15 weeks, so the target was not met. Two mental health "
              "support teams now work in 31 schools.")
E24_MH_NOTMET = "The average wait fell from 19 weeks to 15 weeks, so the target was not met."
E24_HUB = ("Exploitation hub: done. The Calderbrook Child Exploitation Hub opened at Dene House on 13 May 2024, "
           "bringing together police officers, social workers, a youth worker and a nurse from the "
           "Integrated Care Board.")
E24_MEETINGS = ("The monthly multi-agency exploitation meetings ended when the hub opened and have been "
                "replaced by a daily risk briefing in the hub.")
E24_TARGET = ("Mental health waiting times: done. A 12-week target for a first appointment was agreed with the "
              "Integrated Care Board in February 2024, and performance against it is reported to the "
              "executive every quarter.")
E24_DATA = ("Comparable data on ethnicity and disability: not done. Police and health systems still record "
            "ethnicity in different ways, and the data-sharing agreement that would let us link records has "
            "not been signed.")
E24_DSA_PLAN = "Sign the data-sharing agreement so that outcomes can be reported by ethnicity and disability."
E24_FATHERS = ("Fathers and male carers: under way. Our spring 2024 audit of pre-birth assessments asked "
               "whether the father had been seen; in 14 of the 25 cases he had.")
E24_FATHERS_PLAN = "Include fathers and male carers in every multi-agency audit from September 2024."
E24_NSTRAT = ("Neglect strategy: done. The refreshed strategy was signed off in July 2024, six years after the "
              "last one.")
E24_ARR = ("Each lead safeguarding partner has named a delegated safeguarding partner to act for them, and the "
           "Head of Education Inclusion joined the partnership executive in April 2024 to represent schools "
           "and colleges.")
E24_QUARTERLY = ("Quarterly reports on the views of children with child protection plans restarted in April "
                 "2022 and now go to the executive every quarter.")
E24_PRIOS = ("Our priorities for 2024-27 are: family help; exploitation; emotional health and wellbeing; and "
             "safer sleep for babies.")
E25_HUB = ("Since the Child Exploitation Hub opened in May 2024 it has received 187 referrals, and 71% of "
           "requests for information were answered on the same day.")
E25_MH = ("The average wait for a first mental health appointment was 15 weeks in March 2024, against a target "
          "of 12 weeks.")
E25_DATA = ("Outcomes still cannot be reported by ethnicity or disability because the data-sharing agreement "
            "between the partners has not been signed.")
E25_MEASURES = "Shared exploitation measures with Pennine Vale Police were agreed in December 2024."
E25_SLEEP = ("The safer sleep campaign has been postponed until spring 2025 because of vacancies in the health "
             "visiting service.")
E25_FATHERS = "Fathers and male carers were included in the October 2024 multi-agency audit of neglect cases."


def build_links():
    # ---- from the 2016-17 Board report ----
    L("c-ar17-001", "ar21", E21_ATTEND, INP, "Health and police attendance at the successor groups is now "
      "strong; nothing later shows the partnership demonstrating the difference multi-agency work makes.")
    L("c-ar17-002", "ar21", "The Neglect Toolkit is now used in every partner agency. A multi-agency audit in "
      "February 2020 found it had been used in 21 of the 30 cases sampled, so there is more to do before it "
      "is routine.", INP, "Toolkit in every agency and audited, but late (February 2020) and used in only 21 "
      "of 30 cases.")
    L("c-ar17-002", "isr23", E23_TOOLKIT, INP, "Everyday practice in health visiting and primary schools, less "
      "so in secondary schools.")
    L("c-ar17-002", "yr24", "An audit of 40 cases in March 2024 found the toolkit had been used in 36 of them.",
      IMP, "A further audit shows use in 36 of 40 cases.")
    L("c-ar17-002", "yr24", "The Neglect Toolkit audit described above shows that the toolkit is now part of "
      "everyday practice.", IMP, "The progress chapter closes the Board's recommendation.")
    L("c-ar17-003", "ar21", E21_ATTEND, IMP, "47 of 50 group meetings had health and police present.")
    L("c-ar17-004", "ar21", "All partners agreed a joint strategy for child sexual and criminal exploitation in "
      "July 2019.", IMP, "Joint strategy agreed by all partners.")
    L("c-ar17-005", "ar21", E21_QUARTERLY_STOPPED, NOT, "The reports stopped in 2020 and had not restarted.")
    L("c-ar17-005", "ar21", "Restart the quarterly reports on the views of children with child protection "
      "plans.", INP, "Planned for 2021-22 under 'What we will do in 2021-22'.")
    L("c-ar17-005", "isr23", E23_QUARTERLY, IMP, "Restarted in April 2022.")
    L("c-ar17-005", "yr24", E24_QUARTERLY, IMP, "Restarted and now go to the executive every quarter.")
    L("c-ar17-006", "ar21", "The Serious Case Review sub-group closed at the same time; rapid reviews and local "
      "child safeguarding practice reviews are now led by the Case Review Group.", SUP,
      "The sub-group was abolished when the partnership replaced the Board; reviews moved to a new group "
      "under a new process.")
    L("c-ar17-007", "ar21", "The council still meets just over half of the cost, and the partners have not "
      "reached agreement on equal shares.", NOT, "No agreement on equal shares.")
    L("c-ar17-007", "yr24", "Contributions are still unequal: the council pays 52%, the Integrated Care Board "
      "26% and the police 22%.", NOT, "Still unequal in 2023-24.")
    L("c-ar17-007", "yr24", "The equal funding shares that the Board's chair called for have still not been "
      "agreed; see the budget figures above.", NOT, "The report says so explicitly. (The panel report's "
      "question 'Should the three partners share the cost...?' in 2025 is a question, not evidence.)")
    L("c-ar17-008", None, None, "no_evidence", "No later document mentions private fostering. The 2023-24 "
      "report's sentence on the fostering service recruiting 22 foster carers shares the word 'fostering' "
      "but is about mainstream foster care, not awareness of private fostering.")
    L("c-ar17-009", "ar21", "Neglect – helping families earlier, before neglect becomes entrenched.", INP,
      "Neglect carried forward as a 2021-24 priority.")
    L("c-ar17-010", "ar21", "Exploitation – a joined-up response to children at risk outside the home.", INP,
      "Exploitation carried forward as a 2021-24 priority.")
    L("c-ar17-011", "ar21", "Our young people's advisory group, Calderbrook Voices, was set up in January 2018 "
      "and now has 14 members aged 12 to 19.", INP, "Work on the voice of the child continued through the "
      "advisory group.")
    L("c-ar17-011", "ar21", "Listening to children is no longer a separate priority; we expect it to run "
      "through all three.", SUP, "The stand-alone priority was replaced by a cross-cutting approach.")
    L("c-ar17-012", "ar21", "Learning briefs were published for both local child safeguarding practice reviews "
      "completed this year, each within ten weeks of sign-off.", IMP, "Briefs within ten weeks, inside the "
      "three-month target.")
    L("c-ar17-013", None, None, "no_evidence", "No later document reports a multi-agency audit of "
      "children missing from home in 2017. Distractors: the 2020-21 monthly report on children missing from "
      "home and the 2023 single-agency audit of return home interviews are different pieces of work.")
    L("c-ar17-014", "ar21", "By March 2018, 352 practitioners had completed Neglect Toolkit training, short of "
      "the 400 we planned. A further 510 have been trained since then.", IMP, "The target was missed at the "
      "due date (352) but passed afterwards (862 in all).")
    L("c-ar17-015", "ar21", "The threshold document was rewritten with head teachers, renamed Right Support at "
      "the Right Time, and launched to all schools in November 2020.", IMP, "Rewritten with head teachers and "
      "launched to all schools.")
    L("c-ar17-016", "ar21", "Our young people's advisory group, Calderbrook Voices, was set up in January 2018 "
      "and now has 14 members aged 12 to 19.", IMP, "Set up in January 2018, one month after the due date.")
    L("c-ar17-017", "yr24", "Feedback from children is now a standing item on the agenda of every partnership "
      "group, usually presented by a member of Calderbrook Voices.", IMP, "Every partnership group (the "
      "successors of the sub-groups) now takes children's feedback.")

    # ---- from the 2020-21 partnership report ----
    L("c-ar21-001", "ar21", "The shorter toolkit was launched in October 2020 and has been used 410 times by "
      "schools and health visitors.", IMP, "End of year update column.")
    L("c-ar21-002", "ar21", "The shorter toolkit was launched in October 2020 and has been used 410 times by "
      "schools and health visitors.", IMP, "End of year update column.")
    L("c-ar21-003", "ar21", "Mapping began in two wards but was paused when the analyst post fell vacant, and "
      "was not completed.", NOT, "End of year update: the promised mapping was not completed.")
    L("c-ar21-004", "ar21", "Mapping began in two wards but was paused when the analyst post fell vacant, and "
      "was not completed.", NOT, "End of year update.")
    L("c-ar21-004", "sp22", "Detective Superintendent Mark Hollis said that a new analyst had been recruited "
      "and that the mapping of the four priority wards would be finished by the end of June 2022.", INP,
      "Restarted with a new analyst and a date.")
    L("c-ar21-004", "isr23", E23_MAPPING, IMP, "Completed in July 2022.")
    L("c-ar21-005", "ar21", "Calderbrook Voices reviewed four leaflets, and the rewritten versions are now in "
      "use.", IMP, "End of year update column.")
    L("c-ar21-006", "ar21", "Calderbrook Voices reviewed four leaflets, and the rewritten versions are now in "
      "use.", IMP, "End of year update column.")
    L("c-ar21-007", "ar21", "Waits rose during the pandemic. A joint emotional health plan with the CCG and "
      "schools is being drafted.", INP, "Waits rose; a plan is being drafted.")
    L("c-ar21-008", "ar21", "Waits rose during the pandemic. A joint emotional health plan with the CCG and "
      "schools is being drafted.", INP, "Waits rose; a plan is being drafted.")
    L("c-ar21-008", "isr23", E23_WAITS, NOT, "Waits still 19 weeks in March 2023.")
    L("c-ar21-008", "yr24", E24_MH_ROW, INP, "Waits down to 15 weeks and mental health support teams in 31 "
      "schools; target not met.")
    L("c-ar21-008", "sp25", E25_MH, INP, "Still 15 weeks against a 12-week target.")
    L("c-ar21-009", "isr23", E23_DATA, UNC, "The data still cannot show ethnicity, but the finding was about "
      "knowing children's experiences, which could be learned in other ways; not settled.")
    L("c-ar21-010", "isr23", E23_DATA, NOT, "Quarterly dataset published but it cannot be broken down by "
      "ethnicity or disability.")
    L("c-ar21-010", "yr24", E24_DATA, NOT, "'Not done.'")
    L("c-ar21-010", "yr24", E24_DSA_PLAN, UNC, "A plan for the year ahead with no date; does not settle it.")
    L("c-ar21-010", "sp25", E25_DATA, NOT, "Still not possible in February 2025.")
    L("c-ar21-011", "isr23", E23_SCHOOLS, INP, "A schools lead and a network for designated safeguarding "
      "leads.")
    L("c-ar21-011", "yr24", E24_ARR, IMP, "Education now sits on the executive.")
    L("c-ar21-011", "yr24", "Designated safeguarding leads from 58 of the borough's 71 schools attended the "
      "termly network.", IMP, "Most schools now take part.")
    L("c-ar21-012", "yr24", "We now re-audit a sample of cases six months after each briefing; the first "
      "re-audit, in January 2024, found that 9 of the 12 practitioners we spoke to could describe the "
      "learning and had used it.", IMP, "Re-audits now test whether learning changed practice.")
    L("c-ar21-013", "isr23", E23_TOOLKIT, INP, "Continuing focus on neglect; toolkit embedded except in "
      "secondary schools.")
    L("c-ar21-013", "yr24", E24_NEGLECT_ROW, IMP, "Final-year update: toolkit used in 36 of 40 cases and "
      "strategy refreshed.")
    L("c-ar21-013", "yr24", "Neglect is no longer a separate priority; it is now part of our family help "
      "priority.", SUP, "Folded into the new family help priority for 2024-27.")
    L("c-ar21-014", "isr23", E23_THREE, NOT, "In 2022-23 the response was still split across three meetings.")
    L("c-ar21-014", "yr24", E24_EXPL_ROW, INP, "Hub open; shared measures not yet agreed.")
    L("c-ar21-014", "yr24", E24_PRIOS, INP, "Exploitation carried forward as a 2024-27 priority.")
    L("c-ar21-014", "sp25", E25_MEASURES, IMP, "The last outstanding part (shared measures) agreed in December "
      "2024.")
    L("c-ar21-015", "isr23", E23_WAITS, NOT, "Waits still too long (19 weeks).")
    L("c-ar21-015", "yr24", E24_MH_ROW, INP, "Waits down to 15 weeks, more support in schools; target missed.")
    L("c-ar21-015", "sp25", E25_MH, INP, "15 weeks against a 12-week target.")
    L("c-ar21-016", "sp22", "Detective Superintendent Mark Hollis said that a new analyst had been recruited "
      "and that the mapping of the four priority wards would be finished by the end of June 2022.", INP,
      "Restarted with a date.")
    L("c-ar21-016", "isr23", E23_MAPPING, IMP, "Completed in July 2022.")
    L("c-ar21-017", "isr23", E23_EHPLAN, IMP, "Agreed in June 2022, three months after the due date.")
    L("c-ar21-018", "sp22", "The Director of Children's Services said that a schools safeguarding lead would be "
      "in post from April 2022.", INP, "Appointment expected from April 2022.")
    L("c-ar21-018", "isr23", E23_SCHOOLS, IMP, "Joined in May 2022.")
    L("c-ar21-019", "isr23", E23_QUARTERLY, IMP, "Restarted in April 2022.")
    L("c-ar21-019", "yr24", E24_QUARTERLY, IMP, "Restarted and reported every quarter.")
    L("c-ar21-020", "isr23", "Calderbrook Voices helped to design the survey of children in care, which 212 "
      "children completed.", IMP, "Survey designed with Calderbrook Voices and completed by 212 children.")

    # ---- from the scrutiny panel minutes, March 2022 ----
    L("c-sp22-001", "isr23", E23_THREE, UNC, "Shows separate exploitation meetings still running, but not "
      "whether the monthly meeting was kept up.")
    L("c-sp22-001", "yr24", E24_MEETINGS, SUP, "Monthly meetings replaced by a daily risk briefing in the "
      "hub.")
    L("c-sp22-002", "isr23", E23_DATA, NOT, "The dataset still cannot show ethnicity or disability.")
    L("c-sp22-002", "yr24", E24_DATA, NOT, "'Not done.'")
    L("c-sp22-002", "sp25", E25_DATA, NOT, "Still not possible.")
    L("c-sp22-003", "isr23", E23_MAPPING, IMP, "Completed in July 2022, a month late.")
    L("c-sp22-004", "isr23", E23_SCHOOLS, IMP, "In post from May 2022, a month late.")
    L("c-sp22-005", "isr23", E23_EHPLAN, IMP, "The plan was taken to the panel in September 2022.")
    L("c-sp22-006", "isr23", "Calderbrook Voices helped to design the survey of children in care, which 212 "
      "children completed.", IMP, "Children in care were asked directly through a survey.")
    L("c-sp22-006", "yr24", "Two members of the Children in Care Council now attend every meeting of the "
      "executive.", IMP, "Children in care now attend the executive.")
    L("c-sp22-007", None, None, "no_evidence", "Procedural resolution; nothing to follow up.")
    L("c-sp22-008", "isr23", E23_DATA, NOT, "Not broken down by ethnicity or disability.")
    L("c-sp22-008", "yr24", E24_DATA, NOT, "'Not done.'")
    L("c-sp22-008", "sp25", E25_DATA, NOT, "Still not possible in February 2025.")
    L("c-sp22-009", "isr23", E23_EHPLAN, IMP, "Taken to the panel in September 2022.")
    L("c-sp22-010", "yr24", "In March 2022 the panel asked for a report on progress with our exploitation "
      "priority. We presented it to the panel in June 2023.", IMP, "Presented in June 2023.")
    L("c-sp22-011", "sp25", "The panel has considered each of the partnership's reports since March 2022, when "
      "it added them to its work programme.", IMP, "Reports considered every year since.")

    # ---- from the scrutineer's report 2022-23 ----
    L("c-isr23-001", "yr24", E24_DATA, NOT, "'Not done.'")
    L("c-isr23-001", "sp25", E25_DATA, NOT, "Still not possible.")
    L("c-isr23-002", "ex24", E24X_TARGET, UNC, "A target is now reported, but this does not say whether waits "
      "have fallen.")
    L("c-isr23-002", "yr24", E24_MH_NOTMET, INP, "Waits fell from 19 to 15 weeks but remain above target.")
    L("c-isr23-002", "sp25", E25_MH, INP, "15 weeks against 12.")
    L("c-isr23-003", "cab23", "A hub where the agencies sit together will allow information to be shared on "
      "the same day.", INP, "Cabinet funded the hub to fix this, with dates.")
    L("c-isr23-003", "yr24", E24_MEETINGS, IMP, "The separate meetings ended and a daily briefing replaced "
      "them.")
    L("c-isr23-003", "sp25", E25_HUB, IMP, "71% of information requests answered the same day.")
    L("c-isr23-004", "ex24", E24X_FATHERS_NOT, NOT, "Not started by June 2024.")
    L("c-isr23-004", "yr24", E24_FATHERS, INP, "Fathers now asked about in the pre-birth audit.")
    L("c-isr23-004", "sp25", E25_FATHERS, INP, "Included in the October 2024 audit.")
    L("c-isr23-005", "cab23", "Approve one-off capital funding of £180,000 to adapt the ground floor of Dene "
      "House as the base for the Calderbrook Child Exploitation Hub.", INP, "Funded by Cabinet with a "
      "timetable.")
    L("c-isr23-005", "ex24", E24X_OPENED, IMP, "Hub open on 13 May 2024.")
    L("c-isr23-005", "yr24", E24_HUB, IMP, "'Done.'")
    L("c-isr23-005", "sp25", E25_HUB, IMP, "Hub running, 187 referrals.")
    L("c-isr23-006", "ex24", E24X_TARGET, IMP, "Target agreed and reported every quarter.")
    L("c-isr23-006", "yr24", E24_TARGET, IMP, "'Done': target agreed and reported quarterly.")
    L("c-isr23-006", "sp25", E25_MH, UNC, "Reports performance against the target; the recommendation was to "
      "agree and report a target, which this does not add to.")
    L("c-isr23-007", "yr24", E24_DATA, NOT, "'Not done.'")
    L("c-isr23-007", "yr24", E24_DSA_PLAN, UNC, "Plan without a date.")
    L("c-isr23-007", "sp25", E25_DATA, NOT, "Data-sharing agreement still not signed.")
    L("c-isr23-008", "yr24", E24_ARR, IMP, "Delegated partners named; education on the executive.")
    L("c-isr23-009", "ex24", E24X_FATHERS_NOT, NOT, "Not started by June 2024.")
    L("c-isr23-009", "ex24", E24X_FATHERS_PLAN, INP, "Planned into the audit programme from September 2024.")
    L("c-isr23-009", "yr24", E24_FATHERS, INP, "'Under way.'")
    L("c-isr23-009", "yr24", E24_FATHERS_PLAN, INP, "Planned with a date.")
    L("c-isr23-009", "sp25", E25_FATHERS, INP, "In audits now; nothing on reviews.")
    L("c-isr23-010", "ex24", "The Partnership Manager will circulate the refreshed neglect strategy for comment "
      "by 30 June 2024.", INP, "Draft refreshed strategy about to go out for comment.")
    L("c-isr23-010", "yr24", E24_NSTRAT, IMP, "'Done': signed off in July 2024.")
    L("c-isr23-011", "ex24", "Members noted that the written response to the scrutineer's areas for "
      "development had been agreed in January 2024, a month later than she had asked.", IMP,
      "Agreed in January 2024, a month late.")
    L("c-isr23-011", "yr24", "Our written response to the scrutineer's report was agreed by the executive in "
      "January 2024.", IMP, "Agreed in January 2024.")
    L("c-isr23-012", "yr24", "The three lead safeguarding partners attended the Children's Scrutiny Panel in "
      "February 2024 and have agreed to do so every year.", IMP, "Attended and committed to yearly.")
    L("c-isr23-013", "sp25", "Dr Okafor's final report as Independent Scrutineer will be presented to the "
      "executive in March 2025.", UNC, "Her next report is scheduled, but nothing shows what it says about "
      "progress.")

    # ---- from the Cabinet decision, November 2023 ----
    L("c-cab23-001", "yr24", E24_HUB, IMP, "The hub opened in May 2024.")
    L("c-cab23-002", "ex24", E24X_OPENED, IMP, "Dene House was adapted and the hub opened (the works ran "
      "late).")
    L("c-cab23-003", "ex24", E24X_MANAGER, IMP, "The funded hub manager post is filled.")
    L("c-cab23-003", "ex24", "Two exploitation practitioners have been appointed, and Pennine Vale Police have "
      "placed a detective sergeant and two constables in the hub.", IMP, "Both funded practitioner posts "
      "filled.")
    L("c-cab23-004", None, None, "no_evidence", "No later document mentions the partnership agreement for the "
      "hub. The 2025 panel report's unsigned 'data-sharing agreement between the partners' is a different "
      "agreement (a distractor).")
    L("c-cab23-005", "ex24", E24X_MANAGER, IMP, "Started 8 January 2024, before the 31 January due date.")
    L("c-cab23-006", "ex24", E24X_OPENED, IMP, "The works overran but were finished; the hub opened on 13 May "
      "2024 (six weeks after the due date).")
    L("c-cab23-007", "ex24", E24X_OPENED, IMP, "Opened 13 May 2024, six weeks late.")
    L("c-cab23-007", "yr24", E24_HUB, IMP, "Opened 13 May 2024.")
    L("c-cab23-007", "sp25", E25_HUB, IMP, "Open and taking referrals since May 2024.")
    L("c-cab23-008", "sp25", "The report on the hub's first six months, which Cabinet asked to be brought to "
      "this panel by 31 October 2024, has not yet been received.", NOT, "Not received by February 2025.")

    # ---- from the executive minutes, June 2024 ----
    L("c-ex24-001", None, None, "no_evidence", "Neither later document mentions monthly hub performance "
      "reports. The 2023-24 report's 'performance against it is reported to the executive every quarter' is "
      "about the mental health target (a distractor).")
    L("c-ex24-002", "yr24", E24_FATHERS_PLAN, INP, "Planned from September 2024.")
    L("c-ex24-002", "sp25", E25_FATHERS, IMP, "Fathers were included in the first audit after September 2024.")
    L("c-ex24-003", "yr24", "The refreshed neglect strategy was signed off by the executive in July 2024.", UNC,
      "Sign-off in July implies a comment round, but the circulation itself is not reported.")
    L("c-ex24-004", "yr24", E24_MH_NOTMET, IMP, "The published report says plainly that the target was not "
      "met.")
    L("c-ex24-005", "yr24", "Published: 26 September 2024", IMP, "Published before 30 September 2024.")
    L("c-ex24-005", "sp25", "The yearly report for 2023-24 was published on 26 September 2024.", IMP,
      "Published on time.")
    L("c-ex24-006", None, None, "no_evidence", "Nothing on recruiting a successor. The 2025 panel report's "
      "sentence about Dr Okafor's final report shares words but says nothing about recruitment.")

    # ---- from the 2023-24 yearly report ----
    L("c-yr24-001", "yr24", E24_NEGLECT_ROW, IMP, "Update column: toolkit audited and strategy refreshed.")
    L("c-yr24-002", "yr24", E24_NEGLECT_ROW, IMP, "Both parts done (audit March 2024, strategy July 2024).")
    L("c-yr24-003", "yr24", E24_EXPL_ROW, INP, "Hub open; measures not agreed.")
    L("c-yr24-004", "yr24", E24_EXPL_ROW, INP, "Hub open; measures not agreed.")
    L("c-yr24-004", "sp25", E25_MEASURES, IMP, "Measures agreed in December 2024, completing the plan.")
    L("c-yr24-005", "yr24", E24_MH_ROW, INP, "Waits down to 15 weeks; target not met.")
    L("c-yr24-006", "yr24", E24_MH_NOTMET, INP, "Partly achieved: 19 to 15 weeks, target 12.")
    L("c-yr24-006", "sp25", E25_MH, INP, "15 weeks against 12.")
    L("c-yr24-007", None, None, "no_evidence", "The panel report does not return to this learning.")
    L("c-yr24-008", None, None, "no_evidence", "The panel report does not return to this learning.")
    L("c-yr24-009", "sp25", E25_SLEEP, UNC, "Same theme (safer sleep) but the delayed campaign does not show "
      "whether practitioners now see where babies sleep.")
    L("c-yr24-010", None, None, "no_evidence", "The panel report says nothing about family help.")
    L("c-yr24-011", "sp25", E25_MEASURES, INP, "Work under the continuing exploitation priority.")
    L("c-yr24-011", "sp25", E25_HUB, INP, "The hub is running in the first year of the 2024-27 priority.")
    L("c-yr24-012", "sp25", E25_MH, UNC, "March 2024 figures predate the 2024-27 priority; they do not show "
      "progress on it.")
    L("c-yr24-013", "sp25", E25_SLEEP, NOT, "The main safer sleep work was postponed.")
    L("c-yr24-014", "sp25", E25_MEASURES, IMP, "Agreed in December 2024, on time.")
    L("c-yr24-015", "sp25", E25_DATA, NOT, "Not signed by February 2025.")
    L("c-yr24-016", "sp25", E25_FATHERS, IMP, "Included in the October 2024 audit, the first after September "
      "2024.")
    L("c-yr24-017", None, None, "no_evidence", "Not yet due. Recommendation (b) of the 2025 panel report asks "
      "for the evaluation by October 2025; that is a request, not evidence of progress.")
    L("c-yr24-018", "sp25", E25_SLEEP, NOT, "Postponed to spring 2025.")


def main():
    for it in ITEMS:
        assert it["id"] not in BY_ID, it["id"]
        BY_ID[it["id"]] = it
    build_links()
    (LABELS / "items").mkdir(parents=True, exist_ok=True)
    (LABELS / "links").mkdir(parents=True, exist_ok=True)
    for key, name in FILES.items():
        its = [i for i in ITEMS if i["doc"] == name]
        if its:
            with open(LABELS / "items" / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                for i in its:
                    fh.write(json.dumps(i, ensure_ascii=False) + "\n")
        lks = [lk for lk in LINKS if lk["item_doc"] == name]
        if lks:
            with open(LABELS / "links" / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                for lk in lks:
                    fh.write(json.dumps(lk, ensure_ascii=False) + "\n")
    print(len(ITEMS), "items,", len(LINKS), "links")


if __name__ == "__main__":
    main()
