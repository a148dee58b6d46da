#!/usr/bin/env python
"""Build the fictional Northmoor / Eastholme test documents.

Every document is held here as a list of blocks (headings, paragraphs, lists,
tables).  From the same blocks the script writes

* the Word file (``*.docx``; for PDF outputs the Word file goes to ``sources/``
  and LibreOffice exports it to PDF),
* ``texts/<file name>.txt``: the text in reading order, and
* ``expected.yaml``: metadata and the exact text of every list item.

Run with the project's virtualenv:

    /work/main/.venv/bin/python tests/data/mixed/northmoor/make_documents.py

All names, places, people and figures are invented.
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
TEXTS = HERE / "texts"

# --------------------------------------------------------------------------
# Word building helpers
# --------------------------------------------------------------------------

def _el(tag, **attrs):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), str(v))
    return e


LIST_FORMATS = {
    # key: (numFmt, lvlText for level 0, font for the marker or None)
    "bullet": ("bullet", "\uf0b7", "Symbol"),
    "decimal": ("decimal", "%1.", None),
    "letter": ("lowerLetter", "(%1)", None),
    "roman": ("lowerRoman", "(%1)", None),
}
ABSTRACT_IDS = {"bullet": 90, "decimal": 91, "letter": 92, "roman": 93}


class Builder:
    """Accumulates a python-docx Document and a reading-order text."""

    def __init__(self, font="Arial", size=11, margins_cm=2.2):
        self.doc = docx.Document()
        self.lines: list[str] = []
        self.list_items: list[str] = []
        self.numbered_paragraphs: list[str] = []
        self._next_num = 100
        self._list_counter: dict[int, int] = {}
        st = self.doc.styles["Normal"]
        st.font.name = font
        st.font.size = Pt(size)
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        rfonts.set(qn("w:eastAsia"), font)
        rfonts.set(qn("w:cs"), font)
        st.paragraph_format.space_after = Pt(6)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            s = self.doc.styles[name]
            s.font.name = font
            r = s.element.get_or_add_rPr().find(qn("w:rFonts"))
            if r is not None:
                for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    if r.get(qn(a)) is not None:
                        del r.attrib[qn(a)]
                r.set(qn("w:ascii"), font)
                r.set(qn("w:hAnsi"), font)
        for sec in self.doc.sections:
            sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
            sec.left_margin = sec.right_margin = Cm(margins_cm)
            sec.top_margin = sec.bottom_margin = Cm(2.0)
        self._setup_numbering()

    # ---- numbering -----------------------------------------------------
    def _setup_numbering(self):
        numbering = self.doc.part.numbering_part.element
        first_num = numbering.find(qn("w:num"))
        for key, (fmt, text, font) in LIST_FORMATS.items():
            a = _el("w:abstractNum", **{"w:abstractNumId": ABSTRACT_IDS[key]})
            a.append(_el("w:multiLevelType", **{"w:val": "hybridMultilevel"}))
            for ilvl in range(2):
                lvl = _el("w:lvl", **{"w:ilvl": ilvl})
                lvl.append(_el("w:start", **{"w:val": 1}))
                if key == "bullet" and ilvl == 1:
                    lvl.append(_el("w:numFmt", **{"w:val": "bullet"}))
                    lvl.append(_el("w:lvlText", **{"w:val": "o"}))
                    mfont = "Courier New"
                else:
                    lvl.append(_el("w:numFmt", **{"w:val": fmt}))
                    lvl.append(_el("w:lvlText", **{"w:val": text.replace("%1", f"%{ilvl + 1}")}))
                    mfont = font
                lvl.append(_el("w:lvlJc", **{"w:val": "left"}))
                ppr = _el("w:pPr")
                ppr.append(_el("w:ind", **{"w:left": 720 + 360 * ilvl, "w:hanging": 360}))
                lvl.append(ppr)
                if mfont:
                    rpr = _el("w:rPr")
                    rpr.append(_el("w:rFonts", **{"w:ascii": mfont, "w:hAnsi": mfont, "w:hint": "default"}))
                    lvl.append(rpr)
                a.append(lvl)
            if first_num is not None:
                first_num.addprevious(a)
            else:
                numbering.append(a)

    def _new_num(self, key):
        numbering = self.doc.part.numbering_part.element
        nid = self._next_num
        self._next_num += 1
        num = _el("w:num", **{"w:numId": nid})
        num.append(_el("w:abstractNumId", **{"w:val": ABSTRACT_IDS[key]}))
        ov = _el("w:lvlOverride", **{"w:ilvl": 0})
        ov.append(_el("w:startOverride", **{"w:val": 1}))
        num.append(ov)
        numbering.append(num)
        return nid

    # ---- text blocks ---------------------------------------------------
    def _emit(self, line):
        self.lines.append(line)

    def title(self, text, size=24, bold=True, color=None, space_after=6):
        p = self.doc.add_paragraph()
        r = p.add_run(text)
        r.bold = bold
        r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
        p.paragraph_format.space_after = Pt(space_after)
        self._emit(text)
        return p

    def h(self, level, text):
        self.doc.add_heading(text, level=level)
        self._emit(text)

    def p(self, text, bold=False, italic=False, size=None, align=None, keep_next=False):
        p = self.doc.add_paragraph()
        r = p.add_run(text)
        r.bold = bold
        r.italic = italic
        if size:
            r.font.size = Pt(size)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "justify":
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if keep_next:
            p.paragraph_format.keep_with_next = True
        self._emit(text)
        return p

    def runs(self, parts):
        """A paragraph made of (text, bold) runs; text is their concatenation."""
        p = self.doc.add_paragraph()
        for text, bold in parts:
            r = p.add_run(text)
            r.bold = bold
        self._emit("".join(t for t, _ in parts))
        return p

    def word_list(self, key, items, level=0, space_after=3):
        """A real Word list (bullet, decimal, (a), (i)) restarted at 1."""
        nid = self._new_num(key)
        for i, text in enumerate(items, 1):
            p = self.doc.add_paragraph()
            p.add_run(text)
            ppr = p._p.get_or_add_pPr()
            numpr = _el("w:numPr")
            numpr.append(_el("w:ilvl", **{"w:val": level}))
            numpr.append(_el("w:numId", **{"w:val": nid}))
            ppr.insert(0, numpr)
            p.paragraph_format.space_after = Pt(space_after)
            if key == "bullet":
                marker = "•" if level == 0 else "o"
            elif key == "decimal":
                marker = f"{i}."
            elif key == "letter":
                marker = f"({'abcdefghij'[i - 1]})"
            else:
                marker = f"({['i', 'ii', 'iii', 'iv', 'v', 'vi'][i - 1]})"
            self._emit(f"{marker} {text}")
            self.list_items.append(text)

    def bullets(self, items, level=0):
        self.word_list("bullet", items, level)

    def glyph(self, glyph, text, level=0, size=None):
        """A typed glyph at the start of a hanging-indent paragraph (no Word numbering)."""
        p = self.doc.add_paragraph()
        r = p.add_run(f"{glyph}\t{text}")
        if size:
            r.font.size = Pt(size)
        left = Cm(0.75 + 0.75 * level)
        pf = p.paragraph_format
        pf.left_indent = left
        pf.first_line_indent = -Cm(0.6)
        pf.tab_stops.add_tab_stop(left)
        pf.space_after = Pt(3)
        self._emit(f"{glyph} {text}")
        self.list_items.append(text)

    def numpara(self, number, text):
        """A typed paragraph number (1.1) followed by a tab, hanging indent."""
        p = self.doc.add_paragraph()
        p.add_run(f"{number}\t{text}")
        pf = p.paragraph_format
        pf.left_indent = Cm(1.25)
        pf.first_line_indent = -Cm(1.25)
        pf.tab_stops.add_tab_stop(Cm(1.25))
        self._emit(f"{number} {text}")
        self.numbered_paragraphs.append(number)

    def table(self, rows, header=True, widths_cm=None, size=None, style="Table Grid"):
        t = self.doc.add_table(rows=0, cols=len(rows[0]))
        t.style = self.doc.styles[style]
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        for ri, row in enumerate(rows):
            cells = t.add_row().cells
            for ci, text in enumerate(row):
                cell = cells[ci]
                cell.text = ""
                para = cell.paragraphs[0]
                run = para.add_run(text)
                para.paragraph_format.space_after = Pt(2)
                if size:
                    run.font.size = Pt(size)
                if header and ri == 0:
                    run.bold = True
                if widths_cm:
                    cell.width = Cm(widths_cm[ci])
            trpr = t.rows[ri]._tr.get_or_add_trPr()
            trpr.append(_el("w:cantSplit"))
            self._emit(" | ".join(row))
        if widths_cm:
            t.autofit = False
            grid = t._tbl.tblGrid
            for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
                gc.set(qn("w:w"), str(int(w * 567)))
            tblpr = t._tbl.tblPr
            tblw = tblpr.find(qn("w:tblW"))
            if tblw is None:
                tblw = _el("w:tblW")
                tblpr.append(tblw)
            tblw.set(qn("w:w"), str(int(sum(widths_cm) * 567)))
            tblw.set(qn("w:type"), "dxa")
        if header:
            trpr = t.rows[0]._tr.get_or_add_trPr()
            trpr.append(_el("w:tblHeader"))
        # a little space after the table
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)
        return t

    def page_break(self):
        from docx.enum.text import WD_BREAK
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def columns(self, n, space_cm=0.8):
        """Start a new continuous section with n text columns."""
        sec = self.doc.add_section(WD_SECTION.CONTINUOUS)
        sectpr = sec._sectPr
        cols = sectpr.find(qn("w:cols"))
        if cols is None:
            cols = _el("w:cols")
            sectpr.append(cols)
        cols.set(qn("w:num"), str(n))
        cols.set(qn("w:space"), str(int(space_cm * 567)))
        return sec

    def footer(self, text, page_numbers=True, size=8):
        sec = self.doc.sections[0]
        para = sec.footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = para.add_run(text + ("    Page " if page_numbers else ""))
        r.font.size = Pt(size)
        if page_numbers:
            for kind, instr in (("begin", None), (None, " PAGE "), ("end", None)):
                run = para.add_run()
                run.font.size = Pt(size)
                if kind:
                    run._r.append(_el("w:fldChar", **{"w:fldCharType": kind}))
                else:
                    it = _el("w:instrText")
                    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    it.text = instr
                    run._r.append(it)

    def props(self, author="", title="", subject="", created=None, modified=None,
              last_modified_by="", keywords="", comments=""):
        cp = self.doc.core_properties
        cp.author = author
        cp.title = title
        cp.subject = subject
        cp.keywords = keywords
        cp.comments = comments
        cp.last_modified_by = last_modified_by
        cp.revision = 3
        if created:
            cp.created = created
        if modified:
            cp.modified = modified

    def save(self, path: Path):
        self.doc.save(str(path))

    def text(self):
        return "\n\n".join(self.lines) + "\n"


def D(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm, 0)


# --------------------------------------------------------------------------
# 1. NSCP annual report 2018-19 (PDF from Word)
# --------------------------------------------------------------------------

def annual_report_2018_19():
    b = Builder(font="Arial", size=11)
    b.title("Northmoor Safeguarding Children Partnership", size=20, color="1F4E79")
    b.title("Annual Report 2018-19", size=26)
    b.p("The final report of the Northmoor Safeguarding Children Board, covering 1 April 2018 to 31 March 2019")
    b.p("Published: 27 September 2019", bold=True)

    b.h(1, "Foreword")
    b.p("This is the last annual report of the Northmoor Safeguarding Children Board. On 29 September 2019 "
        "the Board hands over to the Northmoor Safeguarding Children Partnership, led jointly by Northmoor "
        "County Council, Northmoor Constabulary and NHS Northmoor Clinical Commissioning Group. The report "
        "looks back on 2018-19 and describes what the new partnership has taken on.")
    b.p("It has been a demanding year. The number of children subject to a child protection plan rose from "
        "402 to 461, and the county's Ofsted inspection in November 2018 found that services for children "
        "were improving but not yet good.")
    b.p("Gareth Pell, Independent Chair, Northmoor Safeguarding Children Board", italic=True)

    b.h(1, "1. What inspectors told us")
    b.p("Ofsted inspected Northmoor County Council's children's services in November 2018 and judged overall "
        "effectiveness to require improvement to be good. Inspectors found that children at immediate risk "
        "were protected and that the front door was working well. They identified these areas for improvement:")
    b.bullets([
        "Strategy discussions need to involve health and education partners consistently.",
        "The quality of supervision for social workers in the assessment and child protection teams.",
        "The response to children who go missing from home, including the take-up of return home interviews.",
    ])
    b.p("The County Council's improvement plan was shared with the Board in February 2019, and the Board has "
        "tracked it at every meeting since.")

    b.h(1, "2. Learning from serious case reviews")
    b.p("The Board published one serious case review in 2018-19, about a four-month-old baby known as Child M, "
        "who suffered serious injuries at home. The reviewer found that professionals had worked hard with the "
        "family but that information about the baby's father was held by several agencies and was never "
        "brought together.")
    b.p("The review's recommendations were accepted in full. Agencies should make sure that a child's GP is "
        "told when a child protection plan starts or ends. The health visiting service should review how it "
        "follows up families who miss two or more appointments in a row.")
    b.p("The Learning and Review Group will publish a seven-minute briefing on the Child M review by "
        "November 2019.")

    b.h(1, "3. Exploitation and missing children")
    b.p("In 2018-19, 212 children were reported missing from home on 611 occasions. Return home interviews "
        "were offered after 58% of episodes and accepted after 37%. Thirty-one children were assessed as at "
        "high risk of criminal exploitation, most of them linked to drug supply lines running from larger "
        "cities into Ashby Cross and Kelbrook.")
    b.p("Northmoor Constabulary will introduce a dedicated missing children coordinator from October 2019.")

    b.h(1, "4. Multi-agency training")
    b.p("The Board ran 64 multi-agency courses, attended by 1,412 practitioners. Feedback at the end of "
        "courses was positive, with 94% rating them good or very good, but the Board has no reliable way of "
        "knowing whether training changes what practitioners do.")

    b.h(1, "5. The Independent Chair's closing assessment")
    b.p("The Independent Chair believes the Board leaves the new partnership a sound base, with strong "
        "attendance and a culture of challenge. In his closing assessment he made three recommendations to "
        "the safeguarding partners. To agree a single way of measuring the impact of multi-agency training on "
        "practice. To bring the Child Death Overview Panel's findings to the partnership executive at least "
        "once a year. To give schools a formal voice in the new arrangements.")

    b.h(1, "6. Our priorities for 2019-21")
    b.p("The Board and the incoming partners agreed four priorities for the next two years, each with an aim "
        "against which progress will be judged.")
    for pr, aim in [
        ("Priority 1: Tackling neglect",
         "Our aim is that practitioners in every agency recognise neglect early and use one shared approach to assessing it."),
        ("Priority 2: Protecting children from exploitation and from going missing",
         "Our aim is that children at risk of criminal or sexual exploitation are identified quickly and get a joined-up response."),
        ("Priority 3: Hearing the voice of children and young people",
         "Our aim is that children's views shape their own plans and the work of the partnership."),
        ("Priority 4: Learning from reviews and audits",
         "Our aim is that lessons from reviews and audits lead to changes that can be seen in practice."),
    ]:
        b.p(pr, bold=True, keep_next=True)
        b.p(aim)

    b.h(1, "7. Looking ahead")
    b.p("The Board's final meeting in July 2019 reflected on what the new partnership must get right in its "
        "first year. The new partnership will inherit a strong base, but the scrutiny exercise also showed "
        "gaps. Looking ahead, our focus next year should be:")
    b.bullets([
        "making sure the voice of the child is recorded in every multi-agency audit;",
        "training staff in schools to spot the early signs of criminal exploitation;",
        "getting health and education into every strategy discussion;",
        "publishing a clear escalation policy so that professionals can challenge each other's decisions.",
    ])
    b.p("In August 2019 the partners appointed Colin Marsh as Independent Chair and Scrutineer. He will take "
        "up the post when the new arrangements begin on 29 September 2019.")
    b.p("A first draft of the multi-agency neglect strategy was discussed at the Board's final meeting in "
        "July 2019, and a practitioner toolkit is being designed alongside it.")
    b.p("From 29 September 2019, serious incidents will be considered for a local child safeguarding practice "
        "review rather than a serious case review.")
    b.footer("Northmoor Safeguarding Children Partnership - Annual Report 2018-19")
    b.props(author="Tom Elliott", title="NSCB Annual Report 2017-18", subject="",
            created=D(2018, 9, 3, 10, 12), modified=D(2019, 9, 24, 16, 40),
            last_modified_by="Tom Elliott")
    return b


# --------------------------------------------------------------------------
# 2. Multi-agency safeguarding arrangements 2019 (Word)
# --------------------------------------------------------------------------

def arrangements_2019():
    b = Builder(font="Arial", size=11)
    b.title("Northmoor Safeguarding Children Partnership", size=18)
    b.title("Multi-Agency Safeguarding Arrangements", size=22, color="2E5E3E")
    b.p("Published: 28 June 2019")
    b.p("These arrangements take effect on 29 September 2019")

    b.h(1, "1. Introduction")
    b.numpara("1.1", "This document describes how Northmoor County Council, Northmoor Constabulary and NHS "
              "Northmoor Clinical Commissioning Group, the three safeguarding partners for the county, will work "
              "together and with other agencies to keep children safe.")
    b.numpara("1.2", "The Northmoor Safeguarding Children Board (NSCB) will hold its final meeting in July 2019 and "
              "will close on 28 September 2019. From 29 September 2019 its functions pass to the Northmoor "
              "Safeguarding Children Partnership (NSCP).")
    b.numpara("1.3", "The Children and Social Work Act 2017 and Working Together to Safeguard Children 2018 require "
              "the safeguarding partners to agree local arrangements, to name the relevant agencies they will "
              "work with, and to publish the arrangements. Working Together also says that the published "
              "arrangements must explain how independent scrutiny will be provided.")
    b.numpara("1.4", "The arrangements cover the whole of the administrative county of Northmoor, where around "
              "131,000 children and young people under 18 live in three towns and a large rural area.")

    b.h(1, "2. Vision and principles")
    b.numpara("2.1", "Our shared vision is that every child in Northmoor grows up safe, feels listened to and gets "
              "the right help at the right time.")
    b.numpara("2.2", "Four principles guide the partnership: children first; one conversation, not many; learning "
              "without blame; and decisions based on evidence.")

    b.h(1, "3. Leadership and governance")
    b.numpara("3.1", "The lead representatives of the three partners are the Director of Children's Services of "
              "Northmoor County Council, the Assistant Chief Constable (Protective Services) and the Chief Nurse "
              "of the Clinical Commissioning Group. They share equal responsibility for the arrangements.")
    b.numpara("3.2", "The lead representatives form the Safeguarding Partners Executive, which meets every two months "
              "and is chaired by the Independent Chair and Scrutineer.")
    b.h(2, "Terms of reference of the Safeguarding Partners Executive")
    b.p("The Executive's terms of reference are to:")
    b.bullets([
        "set the strategic direction and annual business plan of the partnership;",
        "hold relevant agencies to account for the quality of their safeguarding work;",
        "agree the partnership budget and how it is spent;",
        "commission local child safeguarding practice reviews when the criteria are met;",
        "receive reports from the subgroups and from the Independent Chair and Scrutineer.",
    ])
    b.numpara("3.3", "Four subgroups report to the Executive: the Quality Assurance and Performance Group, the "
              "Learning and Review Group, the Exploitation and Missing Group and the Workforce Development Group. "
              "Their terms of reference are published on the partnership website.")
    b.numpara("3.4", "The relevant agencies named under these arrangements include every school, college and early "
              "years setting in Northmoor, Northmoor Healthcare NHS Foundation Trust, the probation service, the "
              "district councils, Cafcass and the voluntary sector forum Northmoor Together.")

    b.h(1, "4. Independent scrutiny")
    b.numpara("4.1", "The purpose of independent scrutiny is to test whether the arrangements are working for "
              "children and families, and to challenge the partners where they are not.")
    b.numpara("4.2", "The partners will appoint an Independent Chair and Scrutineer by the end of September 2019.")
    b.numpara("4.3", "The Independent Chair and Scrutineer will write an assessment of the partnership's "
              "effectiveness each year, which will be included in the yearly report.")

    b.h(1, "5. Funding")
    b.numpara("5.1", "The pooled budget for 2019-20 is £398,000, made up of contributions from the County Council "
              "(52%), the Clinical Commissioning Group (28%) and the Constabulary (20%).")
    b.numpara("5.2", "A fair funding formula for partner contributions will be agreed before the 2020-21 budget is set.")

    b.h(1, "6. Learning from cases")
    b.numpara("6.1", "Serious case reviews end when the new arrangements start. Under the new national framework, "
              "the County Council must tell the Child Safeguarding Practice Review Panel about a serious incident "
              "within five working days of becoming aware of it.")
    b.numpara("6.2", "Rapid reviews are led by the Learning and Review Group, which decides whether a local child "
              "safeguarding practice review is needed.")

    b.h(1, "7. Our commitments")
    b.numpara("7.1", "The partners will review these arrangements annually and publish any changes on the "
              "partnership website.")
    b.numpara("7.2", "The partnership will run a section 11 audit of all relevant agencies every two years, "
              "starting in 2020.")
    b.numpara("7.3", "We have committed to the following work:")
    b.bullets([
        "Develop a multi-agency neglect strategy and a neglect toolkit for practitioners by March 2020.",
        "Build a shared multi-agency data set that brings together information from all three partners.",
        "Replace serious case reviews with local child safeguarding practice reviews in line with the national framework.",
        "Set up a young people's advisory group so that children can influence the partnership's work.",
    ])
    b.numpara("7.4", "Progress on these commitments will be reported in the partnership's yearly report.")

    b.h(1, "8. Sign-off")
    b.table([
        ["Safeguarding partner", "Lead representative"],
        ["Northmoor County Council", "Paul Brennan, Director of Children's Services"],
        ["Northmoor Constabulary", "Rachel Foy, Assistant Chief Constable"],
        ["NHS Northmoor Clinical Commissioning Group", "Dr Kemi Adeyemi, Chief Nurse"],
    ], widths_cm=[7.5, 8.5])
    b.p("Northmoor Safeguarding Children Partnership Business Unit, County Hall, Ashby Cross. Telephone 01632 960 412.")
    b.props(author="", title="Multi-agency safeguarding arrangements", subject="Working Together 2018",
            created=D(2019, 3, 11, 14, 2), modified=D(2019, 6, 27, 11, 30), last_modified_by="NSCB Business Unit")
    return b


# --------------------------------------------------------------------------
# 3. Scrutiny committee minutes, 9 October 2020 (PDF from Word)
# --------------------------------------------------------------------------

def minutes_2020():
    b = Builder(font="Arial", size=11)
    b.p("NORTHMOOR COUNTY COUNCIL", bold=True, size=14, align="center")
    b.p("CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE", bold=True, align="center")
    b.p("Minutes of the meeting of the Children and Families Overview and Scrutiny Committee held on Friday 9th "
        "Oct 2020 at 10.00 am by remote video conference (Microsoft Teams)")
    b.p("Present: County Councillor Margaret Hollins (Chair); County Councillors Dev Sharma (Vice-Chair), Alan "
        "Crabtree, Joan Ibbotson, Peter Lowe and Nadia Sadiq")
    b.p("Co-opted members: Reverend Ann Tull (Diocese of Northmoor) and Mr Ravi Kapoor (parent governor representative)")
    b.p("Also present: County Councillor Brian Weston (Cabinet Member for Children and Families)")
    b.p("Officers and guests: Colin Marsh (Independent Chair and Scrutineer, Northmoor Safeguarding Children "
        "Partnership), Paul Brennan (Director of Children's Services), Detective Superintendent Lisa Carver "
        "(Northmoor Constabulary), Angela Moss (Designated Nurse, NHS Northmoor Clinical Commissioning Group), "
        "Tom Elliott (Partnership Business Manager) and Sarah Quinn (Democratic Services Officer)")

    b.p("19. APOLOGIES FOR ABSENCE", bold=True, keep_next=True)
    b.p("Apologies were received from County Councillor Helen Dunn.")
    b.p("20. DECLARATIONS OF INTEREST", bold=True, keep_next=True)
    b.p("County Councillor Sadiq declared a personal interest in item 22 as a foster carer.")
    b.p("21. MINUTES OF THE PREVIOUS MEETING", bold=True, keep_next=True)
    b.p("RESOLVED: That the minutes of the meeting held on 11 September 2020 be confirmed as a correct record "
        "and signed by the Chair.")

    b.p("22. NORTHMOOR SAFEGUARDING CHILDREN PARTNERSHIP ANNUAL REPORT 2019-20", bold=True, keep_next=True)
    b.p("The Independent Chair and Scrutineer presented the partnership's first annual report under the new "
        "arrangements. The report covered April 2019 to March 2020; an addendum described how partners had "
        "worked during the first months of the COVID-19 pandemic.")
    b.p("He explained that the partnership had taken over from the Safeguarding Children Board on 29 September "
        "2019 and that the Safeguarding Partners Executive had met every two months since then, with full "
        "attendance from all three partners.")
    b.p("The escalation policy promised in the Board's last annual report had been published in January 2020 "
        "and had been used 14 times by the end of March. The seven-minute briefing on the Child M review had "
        "been shared with over 1,900 staff across partner agencies.")
    b.p("He reported that a draft Neglect Strategy had been completed in February 2020, but its launch had been "
        "put back because of the pandemic. The strategy and toolkit would now be launched in spring 2021.")
    b.p("During lockdown there had been a need to strengthen the way information was shared with schools, and "
        "a weekly call between the partnership and head teachers had been set up in April 2020.")
    b.p("The Detective Superintendent reported that the missing children coordinator, in post since October "
        "2019, now reviewed every missing episode within 24 hours. Return home interviews had been offered after "
        "71% of episodes in 2019-20, compared with 58% the year before.")
    b.p("A multi-agency exploitation hub would be established in early 2021, bringing police officers, social "
        "workers and youth workers together in one team in Ashby Cross. In response to a question, the "
        "Detective Superintendent confirmed that the hub would also work with children placed in Northmoor by "
        "other local authorities.")
    b.p("The Independent Chair said that for 2020-21 the focus would be on making sure that children's views "
        "were heard in every plan made for them.")
    b.p("County Councillor Sharma highlighted the need for the partnership to publish its performance data so "
        "that members and the public could see whether things were improving. The Director of Children's "
        "Services agreed that this mattered. Each agency still produced its own reports, and work on a shared "
        "data set had started; it would be in place by April 2021.")
    b.p("The Chair asked how the partnership knew whether its training made any difference to practice. She "
        "stressed that the committee wanted to see evidence of the impact of training, and not only attendance "
        "figures, in the next annual report. The Chair also felt it would be useful for members of the committee "
        "to visit the multi-agency safeguarding hub.")
    b.p("The Designated Nurse explained that health visitors had returned to face-to-face visits for all "
        "families with a child protection plan from July 2020.")
    b.p("RESOLVED: That the committee:")
    b.word_list("decimal", [
        "recommends that the Safeguarding Children Partnership includes evidence of the impact of multi-agency "
        "training on practice in its 2020-21 annual report;",
        "requests that the Independent Chair reports back to the committee within six months on progress in "
        "setting up the exploitation hub;",
        "recommends that the partnership finds a way for children and young people to review its annual report "
        "before it is published; and",
        "notes the report.",
    ])

    b.p("23. WORK PROGRAMME", bold=True, keep_next=True)
    b.p("The committee considered its work programme for 2020-21.")
    b.p("RESOLVED: That the work programme be agreed, with an item on the exploitation hub added for the "
        "meeting in April 2021.")
    b.p("The meeting ended at 12.10 pm.")
    b.p("Chair")
    b.props(author="Democratic Services", title="", created=D(2020, 10, 12, 9, 5),
            modified=D(2020, 10, 20, 15, 1), last_modified_by="Sarah Quinn")
    return b


# --------------------------------------------------------------------------
# 4. NSCP annual report 2021-22: two-column designed report (PDF from Word)
# --------------------------------------------------------------------------

def annual_report_2021_22():
    b = Builder(font="Arial", size=10, margins_cm=1.8)
    b.title("Northmoor Safeguarding Children Partnership", size=16, color="7A1F5C")
    b.title("Annual Report 2021-22", size=28, color="7A1F5C")
    b.p("1 April 2021 to 31 March 2022", size=12)
    b.p("Published 30 November 2022", size=12)
    b.columns(2)

    b.h(1, "Foreword from the safeguarding partners")
    b.p("This report describes the work of the Northmoor Safeguarding Children Partnership between April 2021 "
        "and March 2022, the partnership's third year. It was a year of recovery from the pandemic and of "
        "rising demand: contacts to the front door rose by 14%, and the number of children with a child "
        "protection plan reached 498 at the end of March 2022.")
    b.p("In July 2022, after the period covered by this report, NHS Northmoor Clinical Commissioning Group became "
        "the Northmoor Integrated Care Board. The Integrated Care Board now takes the health partner's place in "
        "our arrangements.")
    b.p("Colin Marsh stepped down as Independent Chair and Scrutineer in March 2022 after two and a half years. "
        "We thank him for his challenge and his support. Jane Whitcombe became Independent Chair on 1 April 2022.")
    b.p("Sue Hartley, Executive Director of Children and Families, Northmoor County Council; Assistant Chief "
        "Constable Rachel Foy, Northmoor Constabulary; Dr Kemi Adeyemi, Chief Nurse, Northmoor Integrated Care Board",
        italic=True)

    b.h(1, "About Northmoor")
    b.p("Northmoor has about 133,000 children and young people under 18. Around one in six lives in a household "
        "with an income below the poverty line, and rural isolation is a growing concern in the north of the "
        "county, where several bus routes were withdrawn in 2021.")
    b.p("At 31 March 2022, 3,214 children were receiving early help, 1,904 were children in need, 498 had a "
        "child protection plan and 611 were in the care of the County Council. Domestic abuse was recorded as a "
        "factor in 57% of assessments.")

    b.h(1, "Our arrangements")
    b.p("The partners reviewed the arrangements in March 2021 and again in March 2022. The only change was to "
        "merge the Exploitation and Missing Group into a wider Exploitation and Harm Outside the Home Group.")
    b.p("Since September 2021 two head teachers, one from a primary school and one from a secondary school, "
        "have sat on the Safeguarding Partners Executive as education representatives.")
    b.p("The partnership budget for 2021-22 was £412,000.")
    b.p("Schools completed the annual section 175 safeguarding audit, and 231 of the county's 240 schools "
        "returned it on time.")

    b.h(1, "What we said we would do")
    b.p("This section reports on the commitments we made in our 2019 arrangements and on the recommendations and "
        "priorities in our 2018-19 annual report.")
    b.h(2, "Progress on our priorities")
    b.p("Our four priorities were first set in 2019 and were extended to March 2022 because of the pandemic. "
        "The table shows where we have got to.")
    b.table([
        ["Priority", "Progress"],
        ["Priority 1: Tackling neglect",
         "The Neglect Strategy was launched in May 2021, and the neglect toolkit followed in September 2021. So "
         "far 410 practitioners have been trained to use the toolkit. Embedding it in everyday practice will "
         "continue in 2022-23."],
        ["Priority 2: Protecting children from exploitation and from going missing",
         "The Northmoor Exploitation Hub opened in April 2021. Police officers, social workers and youth workers "
         "now share one office in Ashby Cross and hold a daily meeting about children at risk. Return home "
         "interviews are now offered after 92% of missing episodes, within 72 hours."],
        ["Priority 3: Hearing the voice of children and young people",
         "Partly achieved. Plans for a separate young people's advisory group were set aside in 2021; instead we "
         "now work through the Northmoor Youth Council and the Children in Care Council. Members of the Youth "
         "Council read a draft of this report in October 2022, and their comments are included in it."],
        ["Priority 4: Learning from reviews and audits",
         "Delayed. Two local child safeguarding practice reviews were completed and published. However, the "
         "multi-agency audit programme was paused from April to September 2021 because of vacancies in the "
         "Business Unit, and only two of the four planned audits took place."],
    ], widths_cm=[3.0, 5.3], size=9)

    b.h(2, "Recommendations from 2018-19")
    b.p("Health and education partners now take part in 87% of strategy discussions, compared with 41% in 2018-19.")
    b.p("Since June 2021 GP practices have been told automatically when a child protection plan starts or ends, "
        "through a link between the social care record and the GP clinical system.")
    b.p("Health visitors completed 96% of new birth visits within 14 days in 2021-22.")
    b.p("A training impact survey, sent to every practitioner three months after a course, was introduced in "
        "January 2022 as the partnership's single measure of whether training changes practice.")
    b.p("The Child Death Overview Panel, which Northmoor shares with Eastholme, reviewed 31 deaths of children in "
        "2021-22; modifiable factors were found in nine of them.")
    b.p("Training on criminal exploitation has been delivered to designated safeguarding leads in 188 of the "
        "county's 240 schools. The remaining schools will be offered places in 2022-23.")
    b.p("Multi-agency case audits have been replaced by twice-yearly practice weeks, in which auditors read "
        "records and also talk directly with children, parents and the practitioners who work with them.")
    b.p("In the first practice week, in February 2022, auditors found that the child's views were clearly "
        "recorded in only 9 of the 20 plans they read.")

    b.h(2, "Responding to the Scrutiny Committee")
    b.p("We were not able to report the impact of training on practice in our 2020-21 report, as the Scrutiny "
        "Committee had asked, because there was no agreed measure at that point.")
    b.p("The first results of the training impact survey show that 71% of practitioners say they have changed "
        "something in their practice as a result of a course, most often the way they record a child's views.")
    b.p("The Independent Chair reported to the committee on the Exploitation Hub's progress in April 2021.")
    b.p("A summary of the multi-agency data set has been published on the partnership website every quarter "
        "since July 2021. The data set now holds information from the County Council and the Constabulary; "
        "health data is still missing because an information-sharing agreement has not yet been signed.")

    b.h(1, "Learning from reviews")
    b.p("The two local child safeguarding practice reviews completed this year were about Child R, a 15-year-old "
        "exploited through county lines, and the T siblings, three children who lived with chronic neglect for "
        "several years. Both reviews found that professionals each saw part of the picture but did not bring the "
        "parts together, a theme first seen in the Child M review in 2019.")
    b.p("The Learning and Review Group will publish briefings on both reviews by January 2023.")

    b.h(1, "Early help and domestic abuse")
    b.p("The number of families supported by early help rose by 9%. Family hubs opened in Kelbrook and "
        "Ashby Cross in autumn 2021, and a third hub in Harrowby is being fitted out.")
    b.p("Northmoor Constabulary recorded 6,870 domestic abuse incidents in 2021-22, and children were present at "
        "2,140 of them. Operation Encompass notifications now reach schools before the start of the next school "
        "day in 96% of cases.")

    b.h(1, "Missing children")
    b.p("In 2021-22, 231 children were reported missing on 689 occasions. Most episodes were short, but 41 "
        "children went missing five or more times, and each of them was discussed at the Exploitation Hub's daily "
        "meeting. Children in care placed in Northmoor by other local authorities accounted for a quarter of all "
        "missing episodes.")

    b.h(1, "Multi-agency training")
    b.p("The Workforce Development Group ran 71 courses in 2021-22, 58 of them online. In all, 1,655 "
        "practitioners attended, 17% more than the year before. Courses on neglect, domestic abuse and "
        "exploitation were the most popular, while a course on working with fathers was the least well attended.")
    b.p("Courses returned to face-to-face delivery from January 2022, although short briefings are still held "
        "online because practitioners in the north of the county find them easier to attend.")

    b.h(1, "Health")
    b.p("Northmoor Healthcare NHS Foundation Trust trained 2,304 staff in level 3 safeguarding during the year. "
        "The Trust's safeguarding team now includes a named nurse for exploitation, funded jointly with the "
        "Constabulary.")
    b.p("Community paediatricians saw 84 children for child protection medicals, 19% more than in 2020-21, and "
        "the average time between referral and medical fell from 31 hours to 22 hours.")

    b.h(1, "Education")
    b.p("Designated safeguarding leads met each term in three local networks, with attendance strongest among "
        "primary schools. The number of children electively home educated rose to 912, and the County Council's "
        "elective home education team grew from two officers to four.")

    b.h(1, "Children's voices")
    b.p("A 14-year-old told the practice week team that her social worker had asked what she thought before the "
        "meeting rather than during it, and that this was the first time anyone had done so. A father said that "
        "he understood his son's plan for the first time when it was written in plain English.")

    b.h(1, "Budget 2021-22")
    b.table([
        ["Partner", "Contribution"],
        ["Northmoor County Council", "£214,000"],
        ["Northmoor Constabulary", "£82,000"],
        ["NHS Northmoor Clinical Commissioning Group", "£116,000"],
        ["Total", "£412,000"],
    ], widths_cm=[5.3, 3.0], size=9)

    b.h(1, "Independent scrutiny")
    b.p("Colin Marsh's final assessment as Independent Chair and Scrutineer is summarised here.")
    b.p("He found that the three partners now share responsibility more evenly than in 2019, but that the "
        "Business Unit is too small for the work it is asked to do.")
    b.p("He recommended that the partners agree a written plan for independent scrutiny at the start of each "
        "year. He also recommended that the Executive checks whether the Exploitation Hub's way of working "
        "reaches children in the rural north of the county as well as those in the towns.")

    b.h(1, "What young people told us")
    b.p("Young people from the Youth Council said that the draft of this report was too long and used too many "
        "initials. They asked us to spell out names in full and to show more clearly what has changed for "
        "children because of the partnership.")

    b.h(1, "Planned work for 2022-23")
    b.bullets([
        "Add health data to the multi-agency data set once an information-sharing agreement with the Integrated "
        "Care Board is signed.",
        "Refresh the Neglect Strategy and audit how the toolkit is being used by March 2023.",
        "Hold two practice weeks, one on exploitation and one on children under five.",
        "Publish new threshold guidance, Right Support at the Right Time, written with partners and families.",
        "Train the designated safeguarding lead in every school on harmful sexual behaviour.",
        "Review partner contributions to the budget, which have not changed since 2019.",
        "Recruit to the two vacant posts in the Business Unit.",
    ])
    b.p("Northmoor Safeguarding Children Partnership, County Hall, Ashby Cross. Telephone 01632 960 412.",
        size=8)
    b.footer("NSCP Annual Report 2021-22")
    b.props(author="", title="Annual Report", subject="",
            created=D(2022, 8, 15, 9, 0), modified=D(2022, 11, 28, 17, 5), last_modified_by="Design Studio")
    return b


# --------------------------------------------------------------------------
# 5. Report to Cabinet, 18 July 2023 (Word)
# --------------------------------------------------------------------------

def cabinet_2023():
    b = Builder(font="Arial", size=11)
    b.p("NORTHMOOR COUNTY COUNCIL", bold=True, size=14)
    b.p("Report to Cabinet", bold=True, size=16)
    b.p("Date of meeting: 18 July 2023")
    b.p("Report of: Executive Director of Children and Families")
    b.p("Cabinet Member: County Councillor Aisha Rahman, Cabinet Member for Children, Young People and Families")
    b.p("Subject: Northmoor Safeguarding Children Partnership Annual Report 2022-23")
    b.p("Key decision: No. Wards affected: All. Exempt information: None.")

    b.h(2, "1. Purpose of the report")
    b.p("1.1 This report presents the Northmoor Safeguarding Children Partnership's annual report for 2022-23 "
        "(Appendix A) and asks Cabinet to approve the County Council's contribution to the partnership budget "
        "for 2023-24.")
    b.h(2, "2. Recommendations")
    b.p("Cabinet is recommended to:")
    b.word_list("letter", [
        "note the Northmoor Safeguarding Children Partnership Annual Report 2022-23 at Appendix A;",
        "approve a County Council contribution of £236,000 to the partnership budget for 2023-24; and",
        "ask the Executive Director of Children and Families to bring the partnership's response to the "
        "forthcoming Ofsted inspection to Cabinet within six months of the inspection report being published.",
    ])
    b.h(2, "3. Reasons for the recommendations")
    b.p("3.1 The County Council is one of the three safeguarding partners and shares equal responsibility for "
        "the arrangements with Northmoor Constabulary and the Northmoor Integrated Care Board. Under Working "
        "Together to Safeguard Children 2018, the partners must publish a report on the arrangements at least "
        "once in every twelve months.")
    b.h(2, "4. Summary of the annual report 2022-23")
    b.p("4.1 The partnership has agreed the following priorities for 2023-25:")
    b.bullets([
        "Neglect",
        "Exploitation and harm outside the home",
        "Children's emotional wellbeing and mental health",
    ])
    b.p("4.2 The report shows progress on several parts of the 2022-23 plan. New threshold guidance, Right "
        "Support at the Right Time, was published in March 2023 after consultation with 140 parents and carers. "
        "Two practice weeks were held, on exploitation and on children under five. Briefings on the Child R and "
        "T siblings reviews were published in December 2022.")
    b.p("4.3 Other parts of the plan have not moved as quickly. Health data has still not been added to the "
        "multi-agency data set, the refresh of the Neglect Strategy has not started, and partner contributions "
        "to the budget remain at 2019 levels.")
    b.p("4.4 The two vacant posts in the partnership Business Unit have not been filled, and the Independent "
        "Chair links this to the slower progress.")
    b.p("4.5 The County Council will lead a review of partner contributions with the Constabulary and the "
        "Integrated Care Board during 2023-24, so that a new formula can take effect from April 2024.")
    b.p("4.6 The Business Unit will recruit to both vacant posts by October 2023.")
    b.p("4.7 Ofsted inspected the County Council's children's services in June 2023, and the inspection report is "
        "expected to be published in August.")
    b.h(2, "5. Financial implications")
    b.p("5.1 The partnership budget for 2023-24 is £455,000. The County Council's share, £236,000, is the same as "
        "in 2022-23 and is met from the Children and Families base budget.")
    b.h(2, "6. Legal implications")
    b.p("6.1 The Children Act 2004, as amended by the Children and Social Work Act 2017, places a duty on the "
        "three safeguarding partners to make arrangements to work together. The County Council cannot meet this "
        "duty on its own.")
    b.h(2, "7. Risk")
    b.p("7.1 If partner contributions are not reviewed, the County Council will continue to carry more than half "
        "of the cost of the arrangements.")
    b.h(2, "Background papers")
    b.p("None.")
    b.p("Contact officer: Tom Elliott, Partnership Business Manager. Telephone 01632 960 412.")
    b.props(author="Sarah Quinn", title="Cabinet report template v4", subject="",
            created=D(2021, 1, 6, 8, 45), modified=D(2023, 7, 6, 12, 20), last_modified_by="Sarah Quinn")
    return b


# --------------------------------------------------------------------------
# 6. Ofsted-style inspection report, 2023 (Word)
# --------------------------------------------------------------------------

def ofsted_2023():
    b = Builder(font="Arial", size=11)
    b.p("Northmoor County Council", bold=True, size=16)
    b.p("Inspection of children's social care services", size=14)
    b.p("Inspection dates: 12 to 23 June 2023")
    b.p("Lead inspector: Fiona Darby, His Majesty's Inspector")
    b.table([
        ["Judgement", "Grade"],
        ["The impact of leaders on social work practice with children and families", "Requires improvement to be good"],
        ["The experiences and progress of children who need help and protection", "Requires improvement to be good"],
        ["The experiences and progress of children in care", "Good"],
        ["The experiences and progress of care leavers", "Requires improvement to be good"],
        ["Overall effectiveness", "Requires improvement to be good"],
    ], widths_cm=[11.0, 5.5], size=10)
    b.p("Published: 1 August 2023")

    b.p("Services for children in Northmoor have improved since the last inspection in 2018, when they also "
        "required improvement to be good. Leaders have a realistic view of where practice is strong and where it "
        "is not, and the Executive Director of Children and Families, appointed in 2021, has strengthened the "
        "management team.")
    b.h(2, "What needs to improve")
    b.bullets([
        "The quality of supervision, so that it challenges drift and sets clear actions for social workers.",
        "The timeliness of initial health assessments for children who come into care.",
        "The extent to which children's views and experiences inform their plans.",
        "The use of multi-agency data to understand the impact of early help.",
        "The response to 16- and 17-year-olds who present as homeless.",
    ])
    b.h(2, "The experiences and progress of children who need help and protection: requires improvement to be good")
    b.p("Children at immediate risk of harm are protected. Strategy discussions are timely, and health and "
        "education partners now attend almost all of them.")
    b.p("The Northmoor Exploitation Hub is a strength. Children at risk of exploitation receive a prompt, "
        "coordinated response, and return home interviews are offered quickly to children who go missing, with "
        "the information used well to disrupt those who exploit them.")
    b.p("Supervision is regular, but too often it records what has happened rather than directing what should "
        "happen next. This allows drift in some children's plans.")
    b.p("Children's plans are reviewed regularly, but children's own views do not always shape them.")
    b.p("Leaders know that the partnership's multi-agency data set does not yet include health information, "
        "which limits their understanding of the impact of early help.")
    b.h(2, "The experiences and progress of children in care: good")
    b.p("Children in care live in stable homes, and most see their social worker often. Initial health "
        "assessments are too often late, so some children wait months for their health needs to be identified.")
    b.h(2, "The experiences and progress of care leavers: requires improvement to be good")
    b.p("Care leavers speak warmly about their personal advisers. Sixteen- and seventeen-year-olds who present as "
        "homeless do not always receive a timely assessment of their needs, and a small number have been placed "
        "in unsuitable bed and breakfast accommodation.")
    b.p("Ofsted, Piccadilly Gate, Store Street, Manchester. Unique reference number: 80000N.", size=9)
    b.props(author="Ofsted", title="", subject="", created=D(2023, 7, 3, 13, 0),
            modified=D(2023, 7, 28, 10, 10), last_modified_by="")
    return b


# --------------------------------------------------------------------------
# 7. NSCP yearly report 2023-24 (Word)
# --------------------------------------------------------------------------

def yearly_report_2023_24():
    b = Builder(font="Arial", size=11)
    b.title("Northmoor Safeguarding Children Partnership", size=18, color="1F4E79")
    b.title("Yearly Report 2023-24", size=24)
    b.p("Covering 1 April 2023 to 31 March 2024")
    b.p("Published 15 October 2024")

    b.h(1, "1. Introduction from the Independent Chair")
    b.p("This is my second yearly report as Independent Chair of the Northmoor Safeguarding Children "
        "Partnership. It sets out what the partnership did in 2023-24, what difference it made for children, "
        "and where I think the partners have fallen short.")
    b.p("This introduction, together with section 7, is my assessment of how well the partnership worked in "
        "2023-24. I published a scrutiny plan for 2023-24 in May 2023, and each of the three partners agreed to it.")
    b.p("The year was shaped by Ofsted's inspection of the County Council in June 2023 and by the new national "
        "guidance, Working Together to Safeguard Children 2023.")
    b.p("As Independent Chair, I have asked partners to bring health data into the multi-agency data set before "
        "the end of 2024. I have also asked the Executive to set out, by March 2025, how it will know whether "
        "the Neglect Strategy is making a difference for children.")
    b.p("Jane Whitcombe, Independent Chair", italic=True)

    b.h(1, "2. Our arrangements")
    b.p("The partners reviewed the arrangements and republished them in December 2023 to reflect Working "
        "Together 2023. The three lead safeguarding partners now meet as a Lead Safeguarding Partners Group twice "
        "a year, and the Safeguarding Partners Executive continues to meet every two months.")
    b.p("Following the Youth Council's advice last year, this report spells out names in full and includes a "
        "short summary of what has changed for children.")
    b.p("The three partners contributed £455,000 to the partnership budget in 2023-24, of which the County "
        "Council paid £236,000.")

    b.h(1, "3. About Northmoor's children")
    b.p("At 31 March 2024, 520 children had a child protection plan, and neglect was the main concern for 48% "
        "of them. There were 640 children in care and 402 care leavers aged 18 to 25.")
    b.p("The partnership's annual conference in March 2024, on children's mental health, was attended by 210 "
        "practitioners, including staff from the district councils' housing teams.")

    b.h(1, "4. Progress on our plan for 2022-23")
    b.p("Our 2021-22 report set out the work we planned for 2022-23, and some of it ran on into 2023-24. The "
        "table gives the position at 31 March 2024.")
    b.table([
        ["4.1", "Health data. The information-sharing agreement with the Integrated Care Board was signed in "
                "February 2024, but health data will not flow into the multi-agency data set until autumn 2024."],
        ["4.2", "Neglect. The refresh of the Neglect Strategy has slipped to 2024-25 because the Business Unit "
                "carried two vacancies for most of the year. Both posts were filled in February 2024. Neglect "
                "remains a priority for 2024-25."],
        ["4.3", "Practice weeks. Four practice weeks have now been held: on exploitation and on children under "
                "five in 2022-23, and on neglect and on children's mental health in 2023-24."],
        ["4.4", "Thresholds. Right Support at the Right Time, published in March 2023, was updated in January "
                "2024 with a new section on young carers."],
        ["4.5", "Harmful sexual behaviour. 162 designated safeguarding leads have completed the training. "
                "Sessions for the remaining schools are booked for the autumn term of 2024."],
        ["4.6", "Funding. Partners agreed a new funding formula in January 2024. From April 2024 the County "
                "Council pays 45%, the Integrated Care Board 35% and the Constabulary 20%."],
    ], header=False, widths_cm=[1.3, 15.2], style="Table Grid")

    b.h(1, "5. Responding to Ofsted")
    b.p("Ofsted found that services for children require improvement to be good and named five areas for "
        "improvement. The County Council's improvement plan, agreed with partners, was reported to Cabinet on "
        "16 January 2024. Progress at 31 March 2024 in the areas where the partnership has a role:")
    b.glyph("•", "Supervision: a new supervision standard was introduced in November 2023.")
    b.glyph("o", "In the March 2024 audit, 70% of supervision records set clear actions with timescales, up from "
                 "35% in June 2023.", level=1)
    b.glyph("o", "The aim is 90% by March 2025.", level=1)
    b.glyph("•", "Health assessments: initial health assessments completed within 20 working days rose from 38% "
                 "in June 2023 to 74% in March 2024.")
    b.glyph("•", "Children's views: children's views were clearly recorded in 15 of the 20 plans read during the "
                 "March 2024 practice week.")
    b.glyph("•", "Early help data: no progress has yet been made on measuring the impact of early help, because "
                 "health and school data are not yet linked to the data set.")

    b.h(1, "6. Our priorities for 2023-25: how we are doing")
    b.glyph("■", "Neglect: the Graded Care Profile 2 assessment tool was introduced in September 2023, and 280 "
                 "practitioners have been trained to use it.")
    b.glyph("■", "Exploitation and harm outside the home: the Exploitation Hub now also works with young people "
                 "aged 18 to 20 who were known to it before their 18th birthday.")
    b.glyph("■", "Children's emotional wellbeing and mental health: two new mental health support teams began "
                 "working in 34 schools in the east of the county in September 2023.")
    b.p("Referrals to children's mental health services rose by 18% in 2023-24.")
    b.p("The Exploitation Hub's caseload at 31 March 2024 was 146 young people, a third of whom live outside the "
        "three main towns.")

    b.h(1, "7. Independent Chair's assessment")
    b.p("Partners have made real progress since Ofsted's visit, and I have seen stronger challenge between "
        "agencies at the Executive. However, the partnership still cannot show the difference its work makes, "
        "because its data remains incomplete.")
    b.p("As Independent Chair, I have asked partners to agree, by December 2024, a single set of measures for "
        "each priority, and to report against them at every Executive meeting.")
    b.p("I have asked the Integrated Care Board to make sure that health colleagues attend every initial child "
        "protection conference; attendance was 68% this year.")

    b.h(1, "8. Priorities for 2024-25")
    b.p("The Executive has agreed these priorities for 2024-25:")
    b.glyph("•", "Neglect: refresh the Neglect Strategy and measure its impact.")
    b.glyph("•", "Exploitation and harm outside the home, with a focus on the move to adulthood.")
    b.glyph("•", "Children's emotional wellbeing and mental health.")
    b.glyph("•", "Completing the move to the Working Together 2023 arrangements.")
    b.h(2, "Next steps")
    b.glyph("■", "The Business Unit will publish a multi-agency neglect dashboard by June 2025.")
    b.glyph("■", "The Workforce Development Group will evaluate the Graded Care Profile 2 training by December 2024.")
    b.props(author="NSCP Business Unit", title="NSCP Yearly Report 2022-23", subject="Annual report",
            created=D(2023, 9, 1, 9, 30), modified=D(2024, 10, 9, 14, 55), last_modified_by="Jane Whitcombe")
    return b


# --------------------------------------------------------------------------
# 8. Eastholme scrutiny minutes, 16 January 2024 (Word)
# --------------------------------------------------------------------------

def eastholme_minutes_2024():
    b = Builder(font="Verdana", size=10)
    b.p("EASTHOLME CITY COUNCIL", bold=True, size=13)
    b.p("Children's Services Scrutiny Panel", bold=True, size=12)
    b.p("Meeting: 16/01/2024")
    b.p("Venue: Committee Room 2, Civic Centre, Eastholme. Start: 6.00pm")
    b.p("MINUTES", bold=True)
    b.p("Present: Councillor Priya Nair (Chair), Councillors Tom Baird, Ellen Cho, Marcus Finch and Joyce Adebayo")
    b.p("In attendance: Dr Maryam Haddad (Independent Scrutineer, Eastholme Safeguarding Children Partnership), "
        "Mark Delaney (Director of Children's Services), Inspector Gail Rowe (Northmoor Constabulary, Eastholme "
        "district) and Kelly Price (Scrutiny Officer)")
    b.h(2, "1. Apologies")
    b.p("None.")
    b.h(2, "2. Eastholme Safeguarding Children Partnership Annual Report 2022/23")
    b.p("Dr Haddad introduced the partnership's annual report for 2022/23 and gave an update on progress since "
        "March 2023.")
    b.p("She reported that the neglect strategy had been fully implemented and that every social work team now "
        "used the neglect screening tool. She added that the multi-agency data set was now complete, with health "
        "and education data added in October 2023.")
    b.p("A member asked how the partnership knew whether the strategy was helping children. Dr Haddad said that "
        "training numbers alone did not answer that question, and that an outcomes framework for neglect would be "
        "in place by September 2024.")
    b.p("The Director of Children's Services reported that the safer sleep campaign had been launched in both of "
        "the city's maternity units in May 2023.")
    b.p("The Chair welcomed the two members of the Eastholme Youth Parliament who were observing the meeting.")
    b.p("Members noted that 3 of the 12 partnership actions for 2022/23 were still open. The Panel stressed the "
        "need for the partnership to publish a summary of its data set on its website.")
    b.p("RESOLVED: That the Panel:")
    b.word_list("roman", [
        "notes the annual report; and",
        "asks the partnership to present its outcomes framework for neglect to the Panel in autumn 2024.",
    ])
    b.h(2, "3. Date of next meeting")
    b.p("12 March 2024 at 6.00pm.")
    b.props(author="j.pearson", title="", created=D(2024, 1, 17, 11, 0), modified=D(2024, 1, 22, 9, 41),
            last_modified_by="Kelly Price")
    return b


# --------------------------------------------------------------------------
# 9. Eastholme SCP annual report 2022-23 (PDF from Word)
# --------------------------------------------------------------------------

def eastholme_annual_report_2022_23():
    b = Builder(font="Arial", size=11)
    b.title("Eastholme Safeguarding Children Partnership", size=18, color="0B6E4F")
    b.title("Annual Report 2022/23", size=24)
    b.p("April 2022 - March 2023")

    b.h(1, "Who we are")
    b.p("The Eastholme Safeguarding Children Partnership (ESCP) brings together Eastholme City Council, the "
        "Eastholme and Vale Integrated Care Board and Northmoor Constabulary, which polices both the city and the "
        "neighbouring county. About 58,000 children live in the city.")
    b.h(1, "Our priorities for 2022-24")
    b.word_list("decimal", [
        "Neglect: make the Eastholme Neglect Strategy part of everyday practice in every team.",
        "A shared picture: finish the multi-agency data set so that partners can see the same information.",
        "Safer sleep: reduce the risk of sudden unexpected death in infancy.",
    ])
    b.h(1, "What we did in 2022/23")
    b.p("The Eastholme Neglect Strategy was launched in June 2022, and 640 staff have been trained in the neglect "
        "screening tool. The multi-agency data set holds city council and police data; health and education data "
        "are still to be added.")
    b.p("The Child Death Overview Panel, which Eastholme shares with Northmoor, identified unsafe sleeping as a "
        "factor in three infant deaths in the city during 2021-23.")
    b.h(1, "Independent scrutiny")
    b.p("Our Independent Scrutineer, Dr Maryam Haddad, visited front-line teams in January 2023. The Independent "
        "Scrutineer recommends that the partnership:")
    b.bullets([
        "completes the multi-agency data set so that it includes health and education information;",
        "measures whether the Neglect Strategy is changing outcomes for children, not only how many staff have "
        "been trained;",
        "involves young people in checking the partnership's work at least once a year.",
    ])
    b.h(1, "Next steps")
    b.p("We will launch a safer sleep campaign in every maternity unit in the city by June 2023.")
    b.p("The partnership will publish a new escalation policy by September 2023.")
    b.props(author="", title="", created=D(2023, 6, 5, 10, 0), modified=D(2023, 9, 14, 16, 30),
            last_modified_by="ESCP")
    return b


# --------------------------------------------------------------------------
# Catalogue and expected metadata
# --------------------------------------------------------------------------

DOCS = [
    # (output file, builder, export to pdf?, metadata)
    ("nscp-annual-report-2018-19.pdf", annual_report_2018_19, True, dict(
        title="Northmoor Safeguarding Children Partnership Annual Report 2018-19",
        type="annual_report", period="2018-19", date="2019-09-27", partnership="Northmoor",
        publisher="Northmoor Safeguarding Children Partnership",
        layout=dict(source="sources/nscp-annual-report-2018-19.docx", pdf_from_docx=True, two_column=False,
                    bullet_glyph="U+F0B7 (Symbol-font private-use bullet from Word bullet lists)",
                    running_footer="Northmoor Safeguarding Children Partnership - Annual Report 2018-19    Page N",
                    lead_in_colon_inside_paragraph=True, verbless_to_sentences_in_paragraph=True,
                    priority_lines="'Priority N: ...' bold paragraphs, each followed by an aim sentence",
                    core_properties="author a person; title stale ('NSCB Annual Report 2017-18')"),
        notes="Last report of the NSCB, published by the new NSCP; covers 2018-19.")),
    ("nscp-multi-agency-arrangements-2019.docx", arrangements_2019, False, dict(
        title="Northmoor Safeguarding Children Partnership Multi-Agency Safeguarding Arrangements",
        type="arrangements", period=None, date="2019-06-28", partnership="Northmoor",
        publisher="Northmoor Safeguarding Children Partnership",
        layout=dict(two_column=False, numbered_paragraphs="typed '1.1<TAB>' numbers with hanging indent (not list items)",
                    terms_of_reference_list=True, table=True,
                    core_properties="author blank; generic title"),
        notes="Arrangements take effect 29 September 2019. Terms-of-reference bullets are not items.")),
    ("northmoor-cyp-scrutiny-minutes-2020-10-09.pdf", minutes_2020, True, dict(
        title="Children and Families Overview and Scrutiny Committee minutes, 9 October 2020",
        type="minutes", period="2019-20", date="2020-10-09", partnership="Northmoor",
        publisher="Northmoor County Council",
        layout=dict(source="sources/northmoor-cyp-scrutiny-minutes-2020-10-09.docx", pdf_from_docx=True,
                    two_column=False, date_format="'held on Friday 9th Oct 2020' (ordinal, abbreviated month)",
                    minute_headings="bold numbered paragraphs (19. ... 23.), not heading styles",
                    resolutions="RESOLVED lead-in followed by a Word decimal list",
                    core_properties="author 'Democratic Services'; title blank"),
        notes="Discusses the NSCP annual report 2019-20.")),
    ("nscp-annual-report-2021-22.pdf", annual_report_2021_22, True, dict(
        title="Northmoor Safeguarding Children Partnership Annual Report 2021-22",
        type="annual_report", period="2021-22", date="2022-11-30", partnership="Northmoor",
        publisher="Northmoor Safeguarding Children Partnership",
        layout=dict(source="sources/nscp-annual-report-2021-22.docx", pdf_from_docx=True, two_column=True,
                    two_column_pages="pages 1-3 (all pages): one-column title block at the top of page 1, then a "
                                     "continuous section break into two columns",
                    table="'Priority | Progress' inside the right column of page 1, continuing in the left column "
                          "of page 2 with its header row repeated; a second table 'Partner | Contribution' is "
                          "split between the columns of page 3, header repeated",
                    sentence_across_pages="'Children in care placed in Northmoor by / other local authorities ...' "
                                          "runs from the bottom of page 2 right column to the top of page 3 left column",
                    line_end_hyphen="'2018-19' is broken after the hyphen at a line end in the two-column text",
                    bullet_glyph="U+F0B7",
                    running_footer="NSCP Annual Report 2021-22    Page N",
                    planned_work_heading_without_colon=True,
                    core_properties="author blank; title 'Annual Report'"),
        notes="Reports progress on the 2019 arrangements, the 2018-19 report and the October 2020 resolutions.")),
    ("northmoor-cabinet-report-2023-07-18.docx", cabinet_2023, False, dict(
        title="Report to Cabinet: Northmoor Safeguarding Children Partnership Annual Report 2022-23",
        type="minutes", period="2022-23", date="2023-07-18", partnership="Northmoor",
        publisher="Northmoor County Council",
        layout=dict(two_column=False, lettered_list="Word list numbered (a), (b), (c)",
                    typed_paragraph_numbers="'1.1 ', '4.2 ' typed at paragraph start",
                    core_properties="author a person; title stale ('Cabinet report template v4')"),
        notes="Meeting document (report to Cabinet); discusses the partnership's 2022-23 annual report.")),
    ("northmoor-ofsted-inspection-2023.docx", ofsted_2023, False, dict(
        title="Northmoor County Council: Inspection of children's social care services",
        type="inspection_report", period=None, date="2023-08-01", partnership="Northmoor",
        publisher="Ofsted",
        layout=dict(two_column=False, judgement_table=True,
                    heading_then_bullets="'What needs to improve' heading (no colon) followed by bullets",
                    inspection_dates="12 to 23 June 2023 (the date is the publication date)",
                    core_properties="author 'Ofsted'; title blank"),
        notes="Fictional ILACS-style report.")),
    ("nscp-yearly-report-2023-24.docx", yearly_report_2023_24, False, dict(
        title="Northmoor Safeguarding Children Partnership Yearly Report 2023-24",
        type="annual_report", period="2023-24", date="2024-10-15", partnership="Northmoor",
        publisher="Northmoor Safeguarding Children Partnership",
        layout=dict(two_column=False,
                    numbered_paragraph_table="table without header: column 1 '4.1'..'4.6', column 2 text",
                    typed_glyph_lists="'•', 'o' (second level) and '■' typed at paragraph start with a tab and a "
                                      "hanging indent; no Word numbering",
                    first_person_chair=True,
                    core_properties="author 'NSCP Business Unit'; title stale ('NSCP Yearly Report 2022-23')"),
        notes="Latest Northmoor document: progress on 2021-22 planned work, the 2023 Cabinet report and Ofsted 2023.")),
    ("eastholme-scrutiny-minutes-2024-01-16.docx", eastholme_minutes_2024, False, dict(
        title="Eastholme City Council Children's Services Scrutiny Panel minutes, 16 January 2024",
        type="minutes", period="2022-23", date="2024-01-16", partnership="Eastholme",
        publisher="Eastholme City Council",
        layout=dict(two_column=False, date_format="'Meeting: 16/01/2024'",
                    resolutions="Word list numbered (i), (ii)",
                    distractor="mentions Northmoor Constabulary; 'neglect strategy had been fully implemented' "
                               "and 'multi-agency data set was now complete' are about Eastholme only",
                    core_properties="author a user name; title blank"),
        notes="Partnership-isolation distractor for Northmoor items.")),
    ("eastholme-scp-annual-report-2022-23.pdf", eastholme_annual_report_2022_23, True, dict(
        title="Eastholme Safeguarding Children Partnership Annual Report 2022/23",
        type="annual_report", period="2022-23", date=None, partnership="Eastholme",
        publisher="Eastholme Safeguarding Children Partnership",
        layout=dict(source="sources/eastholme-scp-annual-report-2022-23.docx", pdf_from_docx=True,
                    two_column=False, bullet_glyph="U+F0B7",
                    period_format="'2022/23' and 'April 2022 - March 2023'",
                    core_properties="author and title blank"),
        notes="No publication date anywhere in the text.")),
]


def _yaml_str(s):
    if s is None:
        return "null"
    if isinstance(s, bool):
        return "true" if s else "false"
    s = str(s)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_expected(entries):
    out = ["# Expected metadata and list items for the Northmoor / Eastholme test documents.",
           "# Written by make_documents.py from the same text that builds the documents.",
           "# list_items: the exact text of every list item (Word bullets/numbering and typed-glyph",
           "# hanging-indent paragraphs), without the bullet glyph or number, in reading order.",
           "# Typed paragraph numbers (1.1, 4.2) and table rows are not list items.",
           "documents:"]
    for name, meta, items, numparas in entries:
        out.append(f"  {name}:")
        for key in ("title", "type", "period", "date", "partnership", "publisher"):
            out.append(f"    {key}: {_yaml_str(meta[key])}")
        out.append("    layout:")
        for k, v in meta["layout"].items():
            out.append(f"      {k}: {_yaml_str(v)}")
        if numparas:
            out.append("      numbered_paragraph_numbers: [" + ", ".join(_yaml_str(n) for n in numparas) + "]")
        out.append(f"    notes: {_yaml_str(meta['notes'])}")
        if items:
            out.append("    list_items:")
            for it in items:
                out.append(f"      - {_yaml_str(it)}")
        else:
            out.append("    list_items: []")
    (HERE / "expected.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


def export_pdf(docx_path: Path, out_pdf: Path):
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", tmp, str(docx_path)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240)
        produced = Path(tmp) / (docx_path.stem + ".pdf")
        shutil.move(str(produced), out_pdf)


def main(argv):
    only = set(argv[1:])
    SOURCES.mkdir(exist_ok=True)
    TEXTS.mkdir(exist_ok=True)
    entries = []
    for name, build, to_pdf, meta in DOCS:
        b = build()
        entries.append((name, meta, b.list_items, b.numbered_paragraphs))
        if only and name not in only:
            continue
        if to_pdf:
            src = SOURCES / (Path(name).stem + ".docx")
            b.save(src)
            export_pdf(src, HERE / name)
        else:
            b.save(HERE / name)
        (TEXTS / f"{name}.txt").write_text(b.text(), encoding="utf-8")
        print("built", name)
    write_expected(entries)
    print("wrote expected.yaml")


if __name__ == "__main__":
    main(sys.argv)
