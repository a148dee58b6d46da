#!/usr/bin/env python
"""Build the Calderbrook test documents from the text held in this script.

Calderbrook is a fictional English area. Everything here (people, places, figures) is
invented; nothing is copied from the real corpus in tests/data/seeds/.

Run with the project's interpreter (python-docx, pypdf and Pillow are needed) and with
LibreOffice (`soffice`) and poppler's `pdftoppm` on the PATH:

    /work/main/.venv/bin/python tests/data/mixed/calderbrook/make_documents.py

It writes, beside this script:
  * the test inputs (.docx / .pdf),
  * sources/  - Word sources of the PDF-only inputs (NOT test inputs),
  * texts/    - <input file name>.txt: the text of each input in reading order,
  * expected.yaml - expected metadata, layout notes and list items of each input.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
TEXTS = HERE / "texts"

# ---------------------------------------------------------------------------------------
# Block helpers. A document is a list of blocks; each block is rendered into Word and into
# the reading-order text file.
# ---------------------------------------------------------------------------------------


def title(t):
    return ("title", t)


def subtitle(t):
    return ("subtitle", t)


def h1(t):
    return ("h1", t)


def h2(t):
    return ("h2", t)


def p(t, **opts):
    return ("p", t, opts)


def bullet(t):
    return ("bullet", t)


def num(list_id, level, t):
    return ("num", list_id, level, t)


def alpha(list_id, t):
    return ("alpha", list_id, t)


def glyph(g, t):
    return ("glyph", g, t)


def table(rows, header=True, widths=None):
    return ("table", rows, {"header": header, "widths": widths})


def mtable(rows):
    """Minutes table: rows of (number, [paragraphs]); the first paragraph is the item title."""
    return ("mtable", rows)


def section(cols, new_page=False):
    """Start a new section (continuous unless new_page) with the given number of columns."""
    return ("section", cols, new_page)


LIST_KINDS = ("bullet", "num", "alpha", "glyph")


def block_text(b):
    kind = b[0]
    if kind in ("title", "subtitle", "h1", "h2", "p", "bullet"):
        return b[1]
    if kind == "num":
        return b[3]
    if kind == "alpha":
        return b[2]
    if kind == "glyph":
        return b[2]
    return None


def text_lines(blocks):
    lines = []
    for b in blocks:
        kind = b[0]
        if kind == "table":
            for row in b[1]:
                lines.append(" | ".join(row))
        elif kind == "mtable":
            for number, paras in b[1]:
                lines.append(" | ".join([number, " ".join(paras)]))
        elif kind == "section":
            continue
        else:
            lines.append(block_text(b))
    return lines


def list_items(blocks):
    return [block_text(b) for b in blocks if b[0] in LIST_KINDS]


# ---------------------------------------------------------------------------------------
# Word rendering
# ---------------------------------------------------------------------------------------


def _new_abstract_num(document, levels):
    """Add an abstractNum + num to numbering.xml; return the numId.

    levels: list of (numFmt, lvlText, left_cm, hanging_cm)."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    aid = max(abstract_ids + [0]) + 1
    nid = max(num_ids + [0]) + 1
    absn = OxmlElement("w:abstractNum")
    absn.set(qn("w:abstractNumId"), str(aid))
    mlt = OxmlElement("w:multiLevelType")
    mlt.set(qn("w:val"), "multilevel" if len(levels) > 1 else "singleLevel")
    absn.append(mlt)
    for ilvl, (fmt, text, left, hanging) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        start = OxmlElement("w:start")
        start.set(qn("w:val"), "1")
        lvl.append(start)
        nf = OxmlElement("w:numFmt")
        nf.set(qn("w:val"), fmt)
        lvl.append(nf)
        lt = OxmlElement("w:lvlText")
        lt.set(qn("w:val"), text)
        lvl.append(lt)
        jc = OxmlElement("w:lvlJc")
        jc.set(qn("w:val"), "left")
        lvl.append(jc)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(int(left * 567)))
        ind.set(qn("w:hanging"), str(int(hanging * 567)))
        ppr.append(ind)
        lvl.append(ppr)
        absn.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    n = OxmlElement("w:num")
    n.set(qn("w:numId"), str(nid))
    a = OxmlElement("w:abstractNumId")
    a.set(qn("w:val"), str(aid))
    n.append(a)
    numbering.append(n)
    return nid


def _set_numpr(paragraph, num_id, level):
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def _add_page_field(paragraph):
    run = paragraph.add_run()
    b = OxmlElement("w:fldChar")
    b.set(qn("w:fldCharType"), "begin")
    run._r.append(b)
    run2 = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run2._r.append(instr)
    run3 = paragraph.add_run()
    e = OxmlElement("w:fldChar")
    e.set(qn("w:fldCharType"), "end")
    run3._r.append(e)


def _set_cols(sect, cols, space_cm=0.9):
    sectPr = sect._sectPr
    c = sectPr.find(qn("w:cols"))
    if c is None:
        c = OxmlElement("w:cols")
        sectPr.append(c)
    c.set(qn("w:num"), str(cols))
    c.set(qn("w:space"), str(int(space_cm * 567)))


def _shade(cell, fill):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def build_docx(spec, path):
    document = docx.Document()
    style = spec.get("style", {})
    normal = document.styles["Normal"]
    normal.font.name = style.get("font", "Arial")
    normal.font.size = Pt(style.get("size", 11))
    normal.paragraph_format.space_after = Pt(style.get("space_after", 6))
    if style.get("line_spacing"):
        normal.paragraph_format.line_spacing = style["line_spacing"]
    accent = RGBColor.from_string(style.get("accent", "1F4E79"))
    for sname, size in (("Heading 1", style.get("h1", 15)), ("Heading 2", style.get("h2", 12.5)),
                        ("Title", style.get("title", 24)), ("Subtitle", style.get("subtitle", 16))):
        st = document.styles[sname]
        st.font.name = style.get("font", "Arial")
        st.font.size = Pt(size)
        st.font.color.rgb = accent
        rfonts = st.element.rPr.find(qn("w:rFonts"))
        for att in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts is not None and rfonts.get(qn(att)) is not None:
                del rfonts.attrib[qn(att)]
    sec0 = document.sections[0]
    sec0.page_height = Cm(29.7)
    sec0.page_width = Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(sec0, side, Cm(style.get("margin", 2.2)))
    sec0.top_margin = Cm(2.2)
    sec0.bottom_margin = Cm(2.0)

    section_cols = [spec.get("first_cols", 1)]
    list_num_ids = {}

    for b in spec["blocks"]:
        kind = b[0]
        if kind == "title":
            document.add_paragraph(b[1], style="Title")
        elif kind == "subtitle":
            document.add_paragraph(b[1], style="Subtitle")
        elif kind == "h1":
            document.add_heading(b[1], level=1)
        elif kind == "h2":
            document.add_heading(b[1], level=2)
        elif kind == "p":
            opts = b[2]
            para = document.add_paragraph()
            run = para.add_run(b[1])
            run.bold = opts.get("bold", False)
            run.italic = opts.get("italic", False)
            if opts.get("size"):
                run.font.size = Pt(opts["size"])
            if opts.get("align") == "right":
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if opts.get("keep_with_next"):
                para.paragraph_format.keep_with_next = True
        elif kind == "bullet":
            document.add_paragraph(b[1], style="List Bullet")
        elif kind == "num":
            list_id, level, t = b[1], b[2], b[3]
            if list_id not in list_num_ids:
                list_num_ids[list_id] = _new_abstract_num(
                    document, [("decimal", "%1.", 0.75, 0.75), ("decimal", "%1.%2.", 1.75, 1.0)])
            para = document.add_paragraph(t, style="List Number")
            _set_numpr(para, list_num_ids[list_id], level)
        elif kind == "alpha":
            list_id, t = b[1], b[2]
            if list_id not in list_num_ids:
                list_num_ids[list_id] = _new_abstract_num(document, [("lowerLetter", "(%1)", 1.0, 1.0)])
            para = document.add_paragraph(t, style="List Number")
            _set_numpr(para, list_num_ids[list_id], 0)
        elif kind == "glyph":
            g, t = b[1], b[2]
            para = document.add_paragraph(f"{g}\t{t}")
            pf = para.paragraph_format
            pf.left_indent = Cm(0.9)
            pf.first_line_indent = Cm(-0.6)
            pf.tab_stops.add_tab_stop(Cm(0.9))
            pf.space_after = Pt(3)
        elif kind == "table":
            rows, opts = b[1], b[2]
            tbl = document.add_table(rows=len(rows), cols=len(rows[0]))
            tbl.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    cell = tbl.cell(r, c)
                    cell.text = val
                    if opts["header"] and r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                        _shade(cell, "D9E2F3")
            if opts.get("widths"):
                for r in range(len(rows)):
                    for c, w in enumerate(opts["widths"]):
                        tbl.cell(r, c).width = Cm(w)
            document.add_paragraph()
        elif kind == "mtable":
            rows = b[1]
            tbl = document.add_table(rows=len(rows), cols=2)
            tbl.style = "Table Grid"
            for r, (number, paras) in enumerate(rows):
                c0 = tbl.cell(r, 0)
                c0.text = number
                c0.paragraphs[0].runs[0].bold = True
                c1 = tbl.cell(r, 1)
                c1.text = ""
                first = c1.paragraphs[0]
                first.add_run(paras[0]).bold = True
                for extra in paras[1:]:
                    c1.add_paragraph(extra)
                c0.width = Cm(1.6)
                c1.width = Cm(15.0)
        elif kind == "section":
            document.add_section(WD_SECTION.NEW_PAGE if b[2] else WD_SECTION.CONTINUOUS)
            section_cols.append(b[1])
        else:
            raise ValueError(kind)

    for sect, cols in zip(document.sections, section_cols):
        _set_cols(sect, cols)

    if spec.get("header"):
        hp = document.sections[0].header.paragraphs[0]
        hp.text = spec["header"]
        hp.runs[0].font.size = Pt(8.5)
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if spec.get("page_numbers"):
        fp = document.sections[0].footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp.add_run("Page ")
        _add_page_field(fp)

    cp = document.core_properties
    meta = spec.get("core", {})
    cp.author = meta.get("author", "")
    cp.title = meta.get("title", "")
    cp.subject = meta.get("subject", "")
    cp.comments = meta.get("comments", "")
    cp.last_modified_by = meta.get("last_modified_by", "")
    cp.keywords = meta.get("keywords", "")
    cp.revision = meta.get("revision", 1)
    if meta.get("created") is None:
        # undated: drop every date from the package properties
        el = cp._element
        for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
            for node in el.findall(qn(tag)):
                el.remove(node)
    else:
        cp.created = meta["created"]
        cp.modified = meta.get("modified", meta["created"])
    # python-docx leaves its own description; replace it
    desc = cp._element.find(qn("dc:description"))
    if desc is not None:
        desc.text = meta.get("comments", "")
    document.save(path)


# ---------------------------------------------------------------------------------------
# PDF helpers
# ---------------------------------------------------------------------------------------

LO_PROFILE = Path(tempfile.gettempdir()) / "lo_profile_calderbrook"


def to_pdf(docx_path: Path, out_pdf: Path):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["soffice", f"-env:UserInstallation=file://{LO_PROFILE}", "--headless",
               "--convert-to", "pdf", "--outdir", tmp, str(docx_path)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240)
        produced = Path(tmp) / (docx_path.stem + ".pdf")
        shutil.move(str(produced), out_pdf)


def set_pdf_metadata(pdf_path: Path, meta: dict):
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(pdf_path))
    writer = PdfWriter(clone_from=reader)
    info = {"/Producer": "LibreOffice 7.4", "/Creator": meta.get("creator", "Writer")}
    for key, val in (("/Title", meta.get("title")), ("/Author", meta.get("author"))):
        info[key] = val or ""
    if meta.get("created"):
        info["/CreationDate"] = meta["created"].strftime("D:%Y%m%d%H%M%S+01'00'")
        info["/ModDate"] = meta["created"].strftime("D:%Y%m%d%H%M%S+01'00'")
    writer.metadata = None
    writer.add_metadata(info)
    tmp = pdf_path.with_suffix(".tmp.pdf")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    tmp.replace(pdf_path)


def scan_pdf(text_pdf: Path, out_pdf: Path, dpi=200, seed=7):
    """Rasterise each page and rebuild an image-only PDF that looks scanned."""
    from PIL import Image, ImageFilter

    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(text_pdf), os.path.join(tmp, "pg")],
                       check=True)
        pages = []
        for png in sorted(Path(tmp).glob("pg*.png")):
            im = Image.open(png).convert("L")
            im = im.rotate(rnd.uniform(-0.6, 0.6), resample=Image.BICUBIC, expand=False, fillcolor=255)
            im = im.filter(ImageFilter.GaussianBlur(0.5))
            # speckle, like a photocopied page
            px = im.load()
            w, h = im.size
            for _ in range(int(w * h * 0.0004)):
                x, y = rnd.randrange(w), rnd.randrange(h)
                px[x, y] = rnd.choice((0, 90, 160))
            pages.append(im.convert("RGB"))
        pages[0].save(out_pdf, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi),
                      title="SCAN_0042", author="", creator="iR-ADV C5535 Scan to File",
                      producer="iR-ADV C5535", creationDate=dt.datetime(2024, 7, 2, 14, 31).timetuple(),
                      modDate=dt.datetime(2024, 7, 2, 14, 31).timetuple())


# ---------------------------------------------------------------------------------------
# 1. CSCB annual report 2016-17 (docx + its PDF export)
# ---------------------------------------------------------------------------------------

DOC1 = [
    title("Calderbrook Safeguarding Children Board"),
    subtitle("Annual Report 2016-17"),
    p("Published: 29 September 2017"),
    h1("Foreword by the Independent Chair"),
    p("This is my second annual report as Independent Chair of the Calderbrook Safeguarding Children "
      "Board. It covers 1 April 2016 to 31 March 2017 and gives my view of how well agencies in "
      "Calderbrook work together to keep children safe."),
    p("Demand rose again this year. Contacts to children's social care went up from 3,940 in 2015-16 "
      "to 4,310, and 281 children were subject to a child protection plan at the end of March. Neglect "
      "was the main concern in 48% of those plans."),
    p("I want to thank the practitioners who do this work every day, often in difficult circumstances, "
      "and the members of the Board who give their time to it."),
    p("Geoffrey Lindqvist, Independent Chair", italic=True),
    h1("About the Board"),
    p("The Board brings together senior leaders from Calderbrook Borough Council, Pennine Vale Police, "
      "Calderbrook Clinical Commissioning Group, the two NHS trusts that serve the borough, probation, "
      "schools and the voluntary sector. It met five times in 2016-17 and has six sub-groups."),
    p("Working Together to Safeguard Children 2015 requires every Local Safeguarding Children Board to "
      "publish an annual report on the effectiveness of child safeguarding in its area. The report has "
      "to be submitted to the chief executive and leader of the council, the police and crime "
      "commissioner and the chair of the health and wellbeing board."),
    h1("What we did in 2016-17"),
    h2("Learning from serious case reviews"),
    p("Two serious case reviews were completed during the year, about Child L and Child M. In both "
      "cases professionals knew little about the adults living in the household and did not share "
      "what they did know."),
    p("The reviews took an average of 14 months to complete, well beyond the six months expected."),
    h2("Neglect"),
    p("The Board launched the Calderbrook Neglect Toolkit in January 2017. By the end of March, 118 "
      "practitioners had attended a launch session."),
    h2("Child sexual exploitation"),
    p("The multi-agency child sexual exploitation panel considered 64 children during the year. Work on "
      "criminal exploitation and county lines began in the autumn and is at an early stage."),
    h1("Independent Chair's assessment"),
    p("The Board is good at holding agencies to account for their own work. It is less good at showing "
      "what difference multi-agency work makes to children, and its sub-groups have too often met "
      "without health or police in the room."),
    p("To improve, the Board should:"),
    bullet("Embed the Neglect Toolkit in every agency, with an audit of how it is used before the end "
           "of 2017-18."),
    bullet("Consistent attendance by health and police representatives at every sub-group."),
    bullet("A single strategy for child sexual and criminal exploitation, agreed by all partners."),
    bullet("Quarterly reports to the Board on the views of children subject to child protection plans."),
    bullet("A review of the terms of reference and timescales of the Serious Case Review sub-group."),
    bullet("Equal contributions to the Board budget from the council, the police and the clinical "
           "commissioning group."),
    bullet("Greater awareness of private fostering among schools and GPs."),
    h1("Our priorities for 2017-18"),
    p("Board members met for a development day in March 2017 to agree where to focus. Our priorities "
      "for 2017-18 are: neglect; exploitation; the voice of the child."),
    p("The Children and Social Work Act 2017 will replace Local Safeguarding Children Boards with new "
      "local arrangements. The Act will change how we work, but not what we are trying to achieve."),
    h1("Business plan 2017-18"),
    p("The business plan sets out how we will deliver our priorities:"),
    num("bp", 0, "Learning and improvement"),
    num("bp", 1, "The Learning and Improvement sub-group will publish a two-page learning brief within "
                 "three months of each case review being signed off."),
    num("bp", 1, "A multi-agency audit of children who go missing from home will be completed by "
                 "November 2017."),
    num("bp", 0, "Workforce development"),
    num("bp", 1, "Neglect Toolkit training will be delivered to 400 practitioners by March 2018."),
    num("bp", 1, "The threshold document will be rewritten with head teachers and re-issued to every "
                 "school."),
    num("bp", 0, "Hearing from children"),
    num("bp", 1, "A young people's advisory group will be set up by December 2017."),
    num("bp", 1, "Every sub-group will hear feedback from children at each of its meetings."),
    h1("Budget"),
    p("The Board's budget for 2016-17 was £212,000. The council contributed 61%, Pennine Vale Police 17% "
      "and the clinical commissioning group 22%."),
    p("Calderbrook Safeguarding Children Board, Town Hall, Market Street, Calderbrook"),
]

# ---------------------------------------------------------------------------------------
# 2. CSCP annual report 2020-21: designed two-column report (PDF input; docx in sources/)
# ---------------------------------------------------------------------------------------

DOC2 = [
    title("Calderbrook Safeguarding Children Partnership"),
    subtitle("Annual Report 2020-21"),
    p("Published 30 September 2021"),
    p("Calderbrook Borough Council, Pennine Vale Police and NHS Calderbrook Clinical Commissioning Group"),
    section(2),
    h1("Foreword"),
    p("This is the second annual report of the Calderbrook Safeguarding Children Partnership and the "
      "first to cover a whole year of the pandemic. It is written jointly by the three safeguarding "
      "partners named in our arrangements: Calderbrook Borough Council, Pennine Vale Police and NHS "
      "Calderbrook Clinical Commissioning Group."),
    p("Schools closed to most pupils twice during the year. Many of the families we work with lost "
      "income, lived in crowded homes and had less contact with the people who would normally notice "
      "that something was wrong. Practitioners adapted quickly. Health visitors kept face-to-face "
      "contact for the families they were most worried about, social workers visited in person when a "
      "video call would not do, and neighbourhood officers checked on children whose schools had not "
      "heard from them."),
    p("We are proud of that effort, but this report is also honest about what slipped. Some of the "
      "plans we made before the pandemic were paused, and a few were not restarted. We say so where it "
      "happened."),
    p("Jo Harrington, Chief Executive, Calderbrook Borough Council; Chief Constable Michael Ashworth, "
      "Pennine Vale Police; Dr Priya Raman, Accountable Officer, NHS Calderbrook Clinical Commissioning "
      "Group", italic=True),
    h1("Calderbrook at a glance"),
    p("Around 46,800 children and young people live in Calderbrook, a little over a fifth of the "
      "population. One child in four lives in a household with an income below the poverty line, and "
      "in the two town-centre wards the figure is closer to one in three."),
    bullet("4,962 contacts were made to the Children's Advice and Duty Service."),
    bullet("1,388 children's social care assessments were completed."),
    bullet("302 children were subject to a child protection plan on 31 March 2021, compared with 271 a "
           "year earlier."),
    bullet("409 children were looked after by the council at the year end."),
    p("Neglect remained the main category for child protection plans, at 52%, followed by emotional "
      "abuse at 31%."),
    h1("Keeping children safe during lockdown"),
    p("At the start of the first lockdown the partners agreed a shared list of children to be seen in "
      "person every week. The list peaked at 612 children in May 2020. Schools stayed open for 1,140 "
      "vulnerable children and the children of key workers, and attendance among children with a "
      "social worker reached 38% by the end of the summer term, above the national figure."),
    p("Referrals from schools fell by almost two thirds during each closure and rose sharply when "
      "pupils returned. Domestic abuse incidents reported to Pennine Vale Police rose by 14% over the "
      "year, and the police sent 2,318 notifications to schools through Operation Encompass."),
    p("Case study: a Year 9 pupil who had stopped joining online lessons was visited by her form tutor "
      "and a neighbourhood officer. She told them she was caring for her mother, who had been drinking "
      "heavily since losing her job. A young carers worker now supports the family, and the pupil's "
      "attendance is back above 90%."),
    h1("Early help"),
    p("The number of families supported through early help fell in the first quarter and then "
      "recovered, ending the year at 1,702 families, 6% more than in 2019-20. Most requests came from "
      "schools and health visitors."),
    p("Family hubs in Dene Valley and Calderbrook North stayed open for appointments throughout the "
      "year, and the parenting team moved its courses online. Parents told us the online courses were "
      "easier to fit around work, but that they missed meeting other parents."),
    h1("From Board to Partnership"),
    p("The Calderbrook Safeguarding Children Board held its last meeting in September 2019, when our "
      "new arrangements took effect. The Board's sub-groups were replaced by four partnership groups: "
      "Quality and Performance, Case Review, Learning and Development, and Exploitation. Each group is "
      "chaired by a senior manager from one of the three partners."),
    p("The Serious Case Review sub-group closed at the same time; rapid reviews and local child "
      "safeguarding practice reviews are now led by the Case Review Group."),
    p("Attendance has been strong since the change. Health and police were represented at 47 of the 50 "
      "group meetings held in 2020-21, which answers a long-standing concern of the former Board."),
    p("The three partners fund a pooled budget of £246,000. The council still meets just over half of "
      "the cost, and the partners have not reached agreement on equal shares."),
    h1("The Board's unfinished business"),
    p("When the Board closed, several of the recommendations made by its last Independent Chair were "
      "still open. We took them over and report on them here."),
    p("The Neglect Toolkit is now used in every partner agency. A multi-agency audit in February 2020 "
      "found it had been used in 21 of the 30 cases sampled, so there is more to do before it is "
      "routine."),
    p("By March 2018, 352 practitioners had completed Neglect Toolkit training, short of the 400 we "
      "planned. A further 510 have been trained since then."),
    p("All partners agreed a joint strategy for child sexual and criminal exploitation in July 2019."),
    p("Learning briefs were published for both local child safeguarding practice reviews completed "
      "this year, each within ten weeks of sign-off."),
    p("Our young people's advisory group, Calderbrook Voices, was set up in January 2018 and now has "
      "14 members aged 12 to 19."),
    p("The threshold document was rewritten with head teachers, renamed Right Support at the Right "
      "Time, and launched to all schools in November 2020."),
    p("Quarterly reports to partners on the views of children with child protection plans stopped when "
      "the pandemic began and have not restarted."),
    p("Missing episodes rose during the second lockdown, and the Exploitation Group now receives a "
      "monthly report on children who go missing from home."),
    section(1, new_page=True),
    h1("Our priorities in 2020-21"),
    p("The table sets out what we said we would do on each of our 2020-21 priorities, and what "
      "happened.", keep_with_next=True),
    table([
        ["Priority", "What we said", "End of year update"],
        ["Neglect", "We would relaunch the Neglect Toolkit with a shorter version for universal services.",
         "The shorter toolkit was launched in October 2020 and has been used 410 times by schools and "
         "health visitors."],
        ["Exploitation", "We would map the places where young people are at risk and share the maps with "
                         "the police and community safety teams.",
         "Mapping began in two wards but was paused when the analyst post fell vacant, and was not "
         "completed."],
        ["Voice of the child", "We would ask Calderbrook Voices to review the leaflets we give to children.",
         "Calderbrook Voices reviewed four leaflets, and the rewritten versions are now in use."],
        ["Emotional health", "We would work with schools to shorten waits for mental health support.",
         "Waits rose during the pandemic. A joint emotional health plan with the CCG and schools is "
         "being drafted."],
    ], widths=[3.4, 6.5, 6.7]),
    section(2),
    h1("Learning from reviews"),
    p("The Case Review Group held three rapid reviews in 2020-21. Two led to local child safeguarding "
      "practice reviews; in the third, the group decided that the learning could be taken forward "
      "without a full review."),
    p("Both practice reviews concerned babies under six months old. In each, the father or the "
      "mother's partner was barely known to the services working with the family, and health and "
      "children's social care held different information about him."),
    p("We shared the learning through two briefings, a recorded webinar that has been watched 640 "
      "times, and a practice week in March 2021."),
    h1("Independent scrutiny"),
    p("Our independent scrutineer, Dr Ruth Okafor, looked at the partnership's first full year of work. "
      "She found that partners had kept services running through the pandemic and had worked well "
      "together at a difficult time."),
    p("She also found that the partnership did not yet know enough about the experiences of children "
      "from Black, Asian and minority ethnic communities."),
    p("The scrutineer asked the partnership to:"),
    bullet("Publish a multi-agency dataset that can be broken down by ethnicity and disability."),
    bullet("Involve schools more fully, as the largest group of relevant agencies."),
    bullet("Test whether learning from practice reviews has changed practice, rather than counting the "
           "number of briefings held."),
    h1("Our priorities for 2021-24"),
    p("Partners agreed three priorities for the next three years:"),
    bullet("Neglect – helping families earlier, before neglect becomes entrenched."),
    bullet("Exploitation – a joined-up response to children at risk outside the home."),
    bullet("Emotional health and wellbeing – shorter waits and better support in schools."),
    p("Listening to children is no longer a separate priority; we expect it to run through all three."),
    h1("What we will do in 2021-22"),
    p("In 2021-22 we will:"),
    bullet("Restart exploitation mapping in the four wards with the most missing episodes."),
    bullet("Agree a joint emotional health plan with the CCG and schools by March 2022."),
    bullet("Appoint a schools safeguarding lead to the partnership team."),
    bullet("Restart the quarterly reports on the views of children with child protection plans."),
    bullet("Ask Calderbrook Voices to help us design a survey for children in care."),
    section(1),
    h1("Contact us"),
    p("Calderbrook Safeguarding Children Partnership, Town Hall, Market Street, Calderbrook. "
      "Email: cscp@calderbrook.gov.uk"),
]

# ---------------------------------------------------------------------------------------
# 3. Children's Scrutiny Panel minutes, 14/03/2022 (docx)
# ---------------------------------------------------------------------------------------

DOC3 = [
    p("Calderbrook Borough Council", bold=True, size=14),
    title("Children's Scrutiny Panel"),
    p("Minutes", bold=True, size=13),
    p("Meeting: 14/03/2022"),
    p("Time: 6.30pm"),
    p("Venue: Committee Room 2, Calderbrook Town Hall"),
    p("Present: Councillor Anita Desai (Chair), Councillors Gill Sheridan, Martin Booth, Farah Khan "
      "and Keith Lowther"),
    p("Also present: Dr Ruth Okafor (Independent Scrutineer, Calderbrook Safeguarding Children "
      "Partnership), Detective Superintendent Mark Hollis (Pennine Vale Police), Claire Benton "
      "(Director of Children's Services), Sam Iqbal (Democratic Services Officer)"),
    mtable([
        ("12.1", ["Apologies",
                  "Apologies for absence were received from Councillor Peter Lund and from the co-opted "
                  "parent governor representative."]),
        ("12.2", ["Declarations of interest",
                  "Councillor Gill Sheridan declared a non-pecuniary interest as a governor of Dene Valley "
                  "Primary School."]),
        ("12.3", ["Minutes of the previous meeting",
                  "The minutes of the meeting held on 17/01/2022 were agreed as a correct record and "
                  "signed by the Chair."]),
        ("12.4", ["Public question",
                  "Mr Tom Haworth, a resident of Calderbrook North, asked whether the partnership should "
                  "publish each month the number of children reported missing from children's homes in "
                  "the borough. The Chair thanked Mr Haworth and said that a written reply had been sent "
                  "to him before the meeting."]),
        ("12.5", ["Calderbrook Safeguarding Children Partnership Annual Report 2020-21",
                  "The Independent Scrutineer, Dr Ruth Okafor, presented the partnership's annual report "
                  "for 2020-21. She explained that it was the first report to cover a whole year of the "
                  "pandemic, and that the partners had kept services running while being open about the "
                  "plans that had slipped.",
                  "The Independent Scrutineer said the partnership would continue to hold monthly "
                  "exploitation meetings with the police and community safety teams.",
                  "She highlighted the need for a dataset that could show outcomes for children by "
                  "ethnicity and disability.",
                  "Members asked why exploitation mapping had been paused during the year. Detective "
                  "Superintendent Mark Hollis said that a new analyst had been recruited and that the "
                  "mapping of the four priority wards would be finished by the end of June 2022.",
                  "Councillor Sheridan asked how schools were involved in the partnership. The Director "
                  "of Children's Services said that a schools safeguarding lead would be in post from "
                  "April 2022.",
                  "The Chair, Councillor Anita Desai, welcomed the report's frankness about waiting times "
                  "for mental health support. She said it would be useful for the panel to see the joint "
                  "emotional health plan once it was agreed.",
                  "Members stressed the need for the partnership to hear directly from children in care "
                  "and care leavers.",
                  "RESOLVED: That (a) the annual report 2020-21 be noted; (b) the panel recommends that "
                  "the partnership publishes its dataset broken down by ethnicity and disability in its "
                  "next annual report; (c) the Director of Children's Services brings the joint emotional "
                  "health plan to the panel by September 2022; and (d) the partnership reports to the "
                  "panel in 2023 on progress with its exploitation priority."]),
        ("12.6", ["Work programme",
                  "The panel agreed to add the Calderbrook Safeguarding Children Partnership annual "
                  "report to its work programme for each municipal year."]),
        ("12.7", ["Date of next meeting",
                  "16/05/2022 at 6.30pm, Committee Room 2."]),
    ]),
    p("The meeting closed at 8.05pm."),
    p("Chair"),
]

# ---------------------------------------------------------------------------------------
# 4. Cabinet decision record, 05/11/2023 (PDF input; docx in sources/)
# ---------------------------------------------------------------------------------------

DOC4 = [
    p("Calderbrook Borough Council", bold=True, size=14),
    title("Cabinet: Record of Decision"),
    p("Decision reference: CAB/2023/41"),
    p("Subject: Calderbrook Child Exploitation Hub - funding"),
    p("Decision maker: Cabinet"),
    p("Decision date: 05/11/2023"),
    p("Portfolio: Cabinet Member for Children and Families, Councillor Joanne Pike"),
    p("Key decision: Yes"),
    h1("Background"),
    p("In October 2023 the partnership's Independent Scrutineer recommended bringing police, social "
      "care, health and youth workers together in a single exploitation hub. The Calderbrook "
      "Safeguarding Children Partnership executive accepted the recommendation and asked the council, "
      "as one of the three safeguarding partners, to fund the building and the hub staff."),
    p("Over the last twelve months 212 children were discussed at the multi-agency exploitation "
      "meeting, compared with 151 in the twelve months before."),
    h1("Decision"),
    p("Cabinet agreed to:"),
    num("dec", 0, "Approve one-off capital funding of £180,000 to adapt the ground floor of Dene House as "
                  "the base for the Calderbrook Child Exploitation Hub."),
    num("dec", 0, "Approve revenue funding of £145,000 a year for two years, starting in April 2024, for a "
                  "hub manager and two exploitation practitioners."),
    num("dec", 0, "Delegate to the Director of Children's Services, in consultation with the Cabinet Member "
                  "for Children and Families, authority to agree a partnership agreement with Pennine Vale "
                  "Police and Calderbrook and Dene Integrated Care Board."),
    h1("Actions"),
    table([
        ["Action", "Lead", "Due"],
        ["Recruit the hub manager", "Director of Children's Services", "by 31 January 2024"],
        ["Complete the building works at Dene House", "Head of Property Services", "by 31 March 2024"],
        ["Open the hub to referrals", "Hub manager", "by 31 March 2024"],
        ["Report on the first six months of the hub to the Children's Scrutiny Panel",
         "Director of Children's Services", "by 31 October 2024"],
    ], widths=[8.5, 5.0, 3.5]),
    h1("Reasons for the decision"),
    p("Children at risk of exploitation are currently discussed at separate police and social care "
      "meetings, and information can take several days to reach the practitioner who needs it. A hub "
      "where the agencies sit together will allow information to be shared on the same day."),
    h1("Alternative options considered"),
    p("Cabinet considered asking the police to host the hub in an existing police building. This was "
      "rejected because young people told the partnership that they would not choose to walk into a "
      "police station."),
    h1("Consultation"),
    p("The Chair of the Children's Scrutiny Panel was consulted and raised no objection."),
    h1("Declarations of interest"),
    p("None."),
    p("This decision may be called in by any five non-executive members within five working days of "
      "publication."),
    p("Signed: Councillor Joanne Pike, Cabinet Member for Children and Families"),
]

# ---------------------------------------------------------------------------------------
# 5. Independent Scrutineer's report 2022-23 (docx)
# ---------------------------------------------------------------------------------------

DOC5 = [
    title("Calderbrook Safeguarding Children Partnership"),
    subtitle("Independent Scrutineer's Report 2022-23"),
    p("Dr Ruth Okafor, Independent Scrutineer"),
    h1("Introduction"),
    p("I have been the partnership's Independent Scrutineer since 2020. This report covers the period "
      "from April 2022 to March 2023. It draws on the partnership's records and data, my observation of "
      "eleven meetings, and conversations with 46 practitioners and 19 young people."),
    p("This report was presented to the partnership executive on 9th Oct 2023."),
    h1("The national picture"),
    p("The government consulted over the summer on a revised version of the statutory guidance. "
      "Working Together 2023 says that each lead safeguarding partner must name a delegated "
      "safeguarding partner who can speak for their agency and take decisions on its behalf. It also "
      "sets out that the partners must publish a yearly report describing what they have done and the "
      "difference it has made. The report must be sent to the national Child Safeguarding Practice "
      "Review Panel within seven days of publication. Education settings are to play a stronger part in "
      "local arrangements."),
    p("Calderbrook is in a good position to meet these requirements, although some of the points later "
      "in this report will need to be acted on first."),
    h1("What is working well"),
    p("Partners have kept a steady focus on neglect. The Neglect Toolkit is now part of everyday "
      "practice in health visiting and in most primary schools, although secondary schools use it less."),
    p("Exploitation mapping of the four priority wards was completed in July 2022, a month later than "
      "the police had told the scrutiny panel."),
    p("A schools safeguarding lead joined the partnership team in May 2022 and has set up a termly "
      "network for designated safeguarding leads."),
    p("The joint emotional health plan was agreed in June 2022 and was taken to the Children's "
      "Scrutiny Panel in September 2022."),
    p("Quarterly reports on the views of children with child protection plans restarted in April 2022."),
    p("Calderbrook Voices helped to design the survey of children in care, which 212 children "
      "completed."),
    h1("What needs to improve"),
    p("The partnership publishes a quarterly dataset, but it still cannot show outcomes by ethnicity or "
      "disability, because the police and health systems record these differently."),
    p("Waiting times for the children and young people's mental health service remain too long. In "
      "March 2023 the average wait for a first appointment was 19 weeks."),
    p("Information about children at risk of exploitation is still shared across three separate "
      "meetings, and it can take several days to reach the practitioner who needs it."),
    p("Fathers and male carers are largely invisible in the audits I read."),
    h1("Areas for development"),
    bullet("Bring police, social care, health and youth workers together in a single exploitation hub, "
           "so that information about children at risk outside the home is shared on the same day."),
    bullet("Agree with the Integrated Care Board a target for mental health waiting times and report "
           "against it every quarter."),
    bullet("Make the dataset comparable across agencies so that outcomes can be shown by ethnicity and "
           "disability."),
    bullet("Prepare for Working Together 2023 by naming delegated safeguarding partners and giving "
           "education a place on the executive."),
    bullet("Hear from fathers and male carers, not only mothers, in audits and reviews."),
    bullet("Revisit the neglect strategy, which has not been refreshed since 2018."),
    p("As Independent Scrutineer, I recommend that the partnership agrees a written response to these "
      "areas for development by the end of December 2023."),
    p("I also recommend that the lead safeguarding partners meet the Children's Scrutiny Panel at least "
      "once a year."),
    p("I will look at progress on each area in my next report."),
    p("Dr Ruth Okafor, Independent Scrutineer", italic=True),
]

# ---------------------------------------------------------------------------------------
# 6. CSCP yearly report 2023-24 (PDF input; docx in sources/)
# ---------------------------------------------------------------------------------------

DOC6 = [
    title("Calderbrook Safeguarding Children Partnership"),
    subtitle("Yearly Report 2023-24"),
    p("April 2023 to March 2024"),
    p("Published: 26 September 2024"),
    h1("Introduction from the delegated safeguarding partners"),
    p("This yearly report covers April 2023 to March 2024. It is the first we have written since "
      "Working Together 2023 came into force in December 2023, and it follows the shorter format the "
      "guidance asks for: what we did, what difference it made, and what we will do next."),
    p("The most important step this year was the decision to create the Calderbrook Child Exploitation "
      "Hub, which Calderbrook Borough Council agreed to fund in November 2023."),
    p("Claire Benton, Director of Children's Services, Calderbrook Borough Council; Chief Superintendent "
      "Amanda Reyes, Pennine Vale Police; Dr Neil Foster, Chief Nurse, Calderbrook and Dene Integrated "
      "Care Board", italic=True),
    h1("Our arrangements"),
    p("Each lead safeguarding partner has named a delegated safeguarding partner to act for them, and "
      "the Head of Education Inclusion joined the partnership executive in April 2024 to represent "
      "schools and colleges."),
    p("The partnership budget for 2023-24 was £281,000. Contributions are still unequal: the council "
      "pays 52%, the Integrated Care Board 26% and the police 22%."),
    p("Feedback from children is now a standing item on the agenda of every partnership group, usually "
      "presented by a member of Calderbrook Voices."),
    h1("Update on last year's priorities"),
    p("2023-24 was the last year of our 2021-24 priorities. The table sets out what we planned for the "
      "year and where we have got to."),
    table([
        ["Priority", "What we planned for 2023-24", "Update at March 2024"],
        ["Neglect", "Refresh the neglect strategy and audit how the Neglect Toolkit is used.",
         "An audit of 40 cases in March 2024 found the toolkit had been used in 36 of them. The refreshed "
         "neglect strategy was signed off by the executive in July 2024."],
        ["Exploitation", "Set up the exploitation hub and agree shared measures with the police.",
         "The council agreed funding in November 2023 and the hub opened in May 2024. Shared measures "
         "with the police have been drafted but not yet agreed."],
        ["Emotional health and wellbeing",
         "Bring the wait for a first mental health appointment down to 12 weeks.",
         "The average wait fell from 19 weeks to 15 weeks, so the target was not met. Two mental health "
         "support teams now work in 31 schools."],
    ], widths=[3.6, 6.0, 7.0]),
    h1("Progress on earlier recommendations"),
    p("Recommendations reach us from the Independent Scrutineer, from the council's Children's Scrutiny "
      "Panel and, in a few cases, from the former Safeguarding Children Board. This chapter says what "
      "has happened to them. Where something has not been done, we say so."),
    h2("The Independent Scrutineer's areas for development"),
    p("Exploitation hub: done. The Calderbrook Child Exploitation Hub opened at Dene House on 13 May "
      "2024, bringing together police officers, social workers, a youth worker and a nurse from the "
      "Integrated Care Board."),
    p("The monthly multi-agency exploitation meetings ended when the hub opened and have been replaced "
      "by a daily risk briefing in the hub."),
    p("Mental health waiting times: done. A 12-week target for a first appointment was agreed with the "
      "Integrated Care Board in February 2024, and performance against it is reported to the executive "
      "every quarter."),
    p("Comparable data on ethnicity and disability: not done. Police and health systems still record "
      "ethnicity in different ways, and the data-sharing agreement that would let us link records has "
      "not been signed."),
    p("Fathers and male carers: under way. Our spring 2024 audit of pre-birth assessments asked whether "
      "the father had been seen; in 14 of the 25 cases he had."),
    p("Neglect strategy: done. The refreshed strategy was signed off in July 2024, six years after the "
      "last one."),
    p("Our written response to the scrutineer's report was agreed by the executive in January 2024."),
    p("The three lead safeguarding partners attended the Children's Scrutiny Panel in February 2024 and "
      "have agreed to do so every year."),
    h2("The Children's Scrutiny Panel"),
    p("In March 2022 the panel asked for a report on progress with our exploitation priority. We "
      "presented it to the panel in June 2023."),
    p("The panel also stressed the need to hear directly from children in care and care leavers. Two "
      "members of the Children in Care Council now attend every meeting of the executive."),
    h2("The former Board's recommendations"),
    p("Some recommendations made by the Board's Independent Chair in 2017 stayed open for a long time. "
      "The Neglect Toolkit audit described above shows that the toolkit is now part of everyday "
      "practice."),
    p("Quarterly reports on the views of children with child protection plans restarted in April 2022 "
      "and now go to the executive every quarter."),
    p("The equal funding shares that the Board's chair called for have still not been agreed; see the "
      "budget figures above."),
    h1("Learning from reviews"),
    p("The Case Review Group completed two rapid reviews this year. The learning from them is "
      "summarised below."),
    glyph("–", "Practitioners need to ask who else lives in the home whenever a new adult moves in."),
    glyph("–", "GPs and health visitors must tell each other when they are worried about a parent's "
               "drinking."),
    glyph("–", "Professionals should see where a baby sleeps rather than relying on a parent's "
               "description."),
    p("In 2021 our scrutineer asked us to test whether learning from reviews changes practice. We now "
      "re-audit a sample of cases six months after each briefing; the first re-audit, in January 2024, "
      "found that 9 of the 12 practitioners we spoke to could describe the learning and had used it."),
    h1("Learning and development"),
    p("The partnership's training programme reached more practitioners than ever:"),
    glyph("▪", "1,214 practitioners attended at least one partnership course."),
    glyph("▪", "The neglect e-learning module was completed 532 times."),
    glyph("▪", "Designated safeguarding leads from 58 of the borough's 71 schools attended the termly "
               "network."),
    h1("Children in care and missing children"),
    p("Children's social care audited its return home interviews in November 2023 and found that an "
      "interview was offered after 88% of missing episodes."),
    p("The council's fostering service recruited 22 new foster carers this year, its best result for "
      "five years."),
    h1("Our priorities for 2024-27"),
    p("Our new strategic plan was agreed in June 2024. Our priorities for 2024-27 are: family help; "
      "exploitation; emotional health and wellbeing; and safer sleep for babies."),
    p("Neglect is no longer a separate priority; it is now part of our family help priority."),
    h1("The year ahead"),
    glyph("➢", "Agree shared exploitation measures with Pennine Vale Police by December 2024."),
    glyph("➢", "Sign the data-sharing agreement so that outcomes can be reported by ethnicity and "
               "disability."),
    glyph("➢", "Include fathers and male carers in every multi-agency audit from September 2024."),
    glyph("➢", "Publish the first evaluation of the Child Exploitation Hub by September 2025."),
    glyph("➢", "Launch a safer sleep campaign with midwives, health visitors and housing officers in the "
               "autumn."),
    p("Contact: cscp@calderbrook.gov.uk"),
]

# ---------------------------------------------------------------------------------------
# 7. Children's Scrutiny Panel cover report on the yearly report 2023-24 (docx)
# ---------------------------------------------------------------------------------------

DOC7 = [
    p("Calderbrook Borough Council", bold=True, size=14),
    p("Report to: Children's Scrutiny Panel", bold=True),
    p("Meeting date: 3 February 2025"),
    title("Calderbrook Safeguarding Children Partnership Yearly Report 2023-24"),
    p("Report of: Director of Children's Services"),
    p("Report author: Sam Iqbal, Scrutiny Officer"),
    p("Wards affected: All wards"),
    p("Key decision: No"),
    h1("1. Purpose of the report"),
    p("This report introduces the partnership's yearly report for April 2023 to March 2024 and invites "
      "the panel to consider what it tells members about the help and protection that children in "
      "Calderbrook receive. The full yearly report is attached as Appendix A."),
    h1("2. Recommendations"),
    p("That the Panel:"),
    alpha("rec", "Notes the Calderbrook Safeguarding Children Partnership Yearly Report 2023-24."),
    alpha("rec", "Asks the partnership to bring the first evaluation of the Child Exploitation Hub to the "
                 "panel by October 2025."),
    alpha("rec", "Invites the Integrated Care Board to its next meeting to explain how waits for mental "
                 "health support will be brought down to 12 weeks."),
    h1("3. Background"),
    p("The Calderbrook Safeguarding Children Partnership replaced the Calderbrook Safeguarding Children "
      "Board in September 2019. The three safeguarding partners are Calderbrook Borough Council, "
      "Pennine Vale Police and Calderbrook and Dene Integrated Care Board."),
    p("Working Together 2023 requires the partners to publish a yearly report and to send it to the "
      "Child Safeguarding Practice Review Panel and the Foundations What Works Centre within seven days. "
      "The guidance also says that the report should set out the evidence of the impact of the "
      "arrangements."),
    p("The panel has considered each of the partnership's reports since March 2022, when it added them "
      "to its work programme."),
    p("The yearly report for 2023-24 was published on 26 September 2024."),
    p("Dr Okafor's final report as Independent Scrutineer will be presented to the executive in March "
      "2025."),
    h1("4. Key points and updates since publication"),
    p("Since the Child Exploitation Hub opened in May 2024 it has received 187 referrals, and 71% of "
      "requests for information were answered on the same day."),
    p("The report on the hub's first six months, which Cabinet asked to be brought to this panel by 31 "
      "October 2024, has not yet been received."),
    p("The average wait for a first mental health appointment was 15 weeks in March 2024, against a "
      "target of 12 weeks."),
    p("Outcomes still cannot be reported by ethnicity or disability because the data-sharing agreement "
      "between the partners has not been signed."),
    p("Shared exploitation measures with Pennine Vale Police were agreed in December 2024."),
    p("The safer sleep campaign has been postponed until spring 2025 because of vacancies in the health "
      "visiting service."),
    p("Fathers and male carers were included in the October 2024 multi-agency audit of neglect cases."),
    p("The partnership's training offer continued to grow, and the neglect e-learning module remained "
      "the most popular course."),
    h1("5. Questions members may wish to ask"),
    bullet("How does the partnership know that the hub is making children safer, and not only faster?"),
    bullet("What is stopping the partners from signing the data-sharing agreement?"),
    bullet("Should the three partners share the cost of the partnership equally?"),
    h1("6. Next steps"),
    p("The Director of Children's Services will bring the hub's referral figures for January 2025 to the "
      "meeting."),
    p("Any recommendations the panel makes will be sent to the partnership executive, which will respond "
      "within two months."),
    h1("7. Background papers"),
    p("Calderbrook Safeguarding Children Partnership Yearly Report 2023-24 (Appendix A)."),
    p("Minutes of the Children's Scrutiny Panel, 14 March 2022."),
]

# ---------------------------------------------------------------------------------------
# 8. Partnership executive minutes, 10 June 2024: scanned, image-only PDF
# ---------------------------------------------------------------------------------------

DOC8 = [
    p("Calderbrook Safeguarding Children Partnership", bold=True, size=13),
    title("Partnership Executive"),
    p("Minutes of the meeting held on Monday 10 June 2024 at 10.00am, Dene House, Calderbrook"),
    p("Present: Claire Benton, Director of Children's Services, Calderbrook Borough Council (Chair); "
      "Chief Superintendent Amanda Reyes, Pennine Vale Police; Dr Neil Foster, Chief Nurse, Calderbrook "
      "and Dene Integrated Care Board; Mark Whiteley, Head of Education Inclusion"),
    p("In attendance: Dr Ruth Okafor, Independent Scrutineer; Lisa Grant, Partnership Manager (minutes)"),
    h2("1. Welcome and apologies"),
    p("The Chair welcomed members to the first executive meeting held at the hub. There were no "
      "apologies."),
    h2("2. Child Exploitation Hub"),
    p("The Chair reported that the hub had opened to referrals on 13 May 2024, six weeks later than "
      "planned because the building works at Dene House overran."),
    p("The hub manager started in post on 8 January 2024."),
    p("Two exploitation practitioners have been appointed, and Pennine Vale Police have placed a "
      "detective sergeant and two constables in the hub."),
    p("ACTION: The hub manager will present a monthly performance report to the executive, starting in "
      "July 2024."),
    h2("3. Response to the Independent Scrutineer's report"),
    p("Members noted that the written response to the scrutineer's areas for development had been "
      "agreed in January 2024, a month later than she had asked."),
    p("The ICB confirmed that the 12-week waiting-time target agreed in February 2024 is now reported to "
      "the executive every quarter."),
    p("Work to hear from fathers and male carers in audits has not yet started."),
    p("Members agreed that it would be built into the audit programme from September 2024."),
    p("ACTION: The Partnership Manager will circulate the refreshed neglect strategy for comment by 30 "
      "June 2024."),
    h2("4. Draft Yearly Report 2023-24"),
    p("The executive considered the draft yearly report for 2023-24."),
    p("Dr Okafor said the report should state plainly that the waiting-time target had not been met."),
    p("Members agreed the draft subject to that change."),
    p("ACTION: The Partnership Manager will publish the yearly report by 30 September 2024."),
    h2("5. Any other business"),
    p("Dr Okafor reminded members that her contract ends in March 2025 and that recruitment of a "
      "successor should begin in the autumn."),
    p("Date of next meeting: 15 July 2024"),
]

# ---------------------------------------------------------------------------------------
# 9. Undated practice briefing (docx). No year, period or date anywhere, not even in metadata.
# ---------------------------------------------------------------------------------------

DOC9 = [
    p("Calderbrook Safeguarding Children Partnership", bold=True, size=13),
    title("Practice briefing: learning from a rapid review"),
    h1("Why we are sharing this"),
    p("This briefing is for everyone who works with babies and their families in Calderbrook. It "
      "summarises the learning from a rapid review carried out after a baby, whom we call Baby R, died "
      "suddenly at home at nine weeks old."),
    h1("What happened"),
    p("Baby R lived with his mother and, for most of his short life, with his mother's new partner. The "
      "midwife and the health visitor both gave safer sleep advice at their first visits. Neither knew "
      "that the partner had moved in, and no one saw where the baby slept after the first week."),
    p("On the night he died, Baby R was sleeping on a sofa with an adult who had been drinking."),
    h1("What the review found"),
    p("Safer sleep advice was given once and not repeated when the household changed. The partner was "
      "not known to any agency working with the family. The GP knew that the mother had been drinking "
      "more heavily, but this was not shared with the health visitor."),
    h1("What practitioners should do"),
    p("The review asks all practitioners to:"),
    bullet("Ask every parent where the baby sleeps, and look for yourself when you visit."),
    bullet("Talk about safer sleep again whenever the family's circumstances change, for example a move, "
           "a new partner or a family celebration."),
    bullet("Record the name of every adult who lives in or regularly visits the home."),
    bullet("Tell the health visitor if you are worried that a parent is drinking or using drugs."),
    h1("What the partnership will do"),
    p("The partnership will run a safer sleep campaign with midwives, health visitors and housing "
      "officers."),
    p("The Case Review Group will check whether this learning has reached practice by re-auditing a "
      "sample of cases."),
    h1("Further information"),
    p("Safer sleep resources and the partnership's training programme are on the partnership website. "
      "Questions about this briefing can be sent to cscp@calderbrook.gov.uk."),
]


def D(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm)


# Each spec: name of the test input(s), how it is produced, Word core properties, expected metadata.
SPECS = [
    {
        "key": "doc1", "blocks": DOC1,
        "docx": "cscb-annual-report-2016-17.docx", "pdf": "cscb-annual-report-2016-17.pdf",
        "docx_is_input": True,
        "style": {"font": "Arial", "size": 11},
        "core": {"author": "Helen Marsh", "title": "CSCB Annual Report 16-17 FINAL",
                 "last_modified_by": "Board Business Unit", "revision": 14,
                 "created": D(2017, 8, 30, 9, 12), "modified": D(2017, 9, 27, 16, 40)},
        "pdf_created": D(2017, 9, 28, 11, 5),
        "expected": {"type": "annual_report", "period": "2016-17", "date": "2017-09-29",
                     "publisher": "Calderbrook Safeguarding Children Board",
                     "title": "Calderbrook Safeguarding Children Board - Annual Report 2016-17"},
        "layout_docx": {"word_list_styles": ["List Bullet", "List Number"], "two_level_numbered_list": True,
                        "priorities_inside_one_sentence": True, "lead_in_without_modal_bullets": True},
        "layout_pdf": {"exported_by": "LibreOffice", "bullet_glyph": "U+F0B7 (Symbol private-use bullet)",
                       "two_level_numbered_list": True, "numbers_in_text_layer": ["1.", "1.1."]},
    },
    {
        "key": "doc2", "blocks": DOC2,
        "docx": "sources/cscp-annual-report-2020-21-source.docx", "pdf": "cscp-annual-report-2020-21.pdf",
        "docx_is_input": False,
        "style": {"font": "Arial", "size": 11, "line_spacing": 1.15, "space_after": 7, "margin": 1.9,
                  "accent": "6A1B9A", "h1": 14},
        "header": "Calderbrook Safeguarding Children Partnership – Annual Report 2020-21",
        "page_numbers": True,
        "core": {"author": "", "title": "", "last_modified_by": "studio", "revision": 9,
                 "created": D(2021, 7, 19, 14, 2), "modified": D(2021, 9, 29, 10, 31)},
        "pdf_created": D(2021, 9, 29, 10, 45),
        "expected": {"type": "annual_report", "period": "2020-21", "date": "2021-09-30",
                     "publisher": "Calderbrook Safeguarding Children Partnership",
                     "title": "Calderbrook Safeguarding Children Partnership - Annual Report 2020-21"},
        "layout_pdf": {"two_column": True, "exported_by": "LibreOffice",
                       "single_column_parts": ["title block on page 1", "priorities table"],
                       "bullet_glyph": "U+F0B7", "table_columns": ["Priority", "What we said",
                                                                  "End of year update"],
                       "running_header": "Calderbrook Safeguarding Children Partnership – Annual Report 2020-21",
                       "running_footer": "Page N"},
    },
    {
        "key": "doc3", "blocks": DOC3,
        "docx": "calderbrook-childrens-scrutiny-panel-minutes-2022-03-14.docx", "docx_is_input": True,
        "style": {"font": "Arial", "size": 11},
        "core": {"author": "Sam Iqbal", "title": "Minutes template", "last_modified_by": "Sam Iqbal",
                 "revision": 31, "created": D(2019, 5, 2, 8, 55), "modified": D(2022, 3, 21, 15, 12)},
        "expected": {"type": "minutes", "period": "2020-21", "date": "2022-03-14",
                     "publisher": "Calderbrook Borough Council",
                     "title": "Children's Scrutiny Panel - Minutes"},
        "layout_docx": {"numeric_date_only": "Meeting: 14/03/2022",
                        "minute_items_in_table": "col 1 number (12.1 ...), col 2 title + paragraphs",
                        "reported_speech": True, "resolution_inline_lettered": True,
                        "public_question_not_an_item": True,
                        "period_discussed_differs_from_meeting_date": True},
    },
    {
        "key": "doc4", "blocks": DOC4,
        "docx": "sources/calderbrook-cabinet-decision-2023-11-05-source.docx",
        "pdf": "calderbrook-cabinet-decision-2023-11-05.pdf", "docx_is_input": False,
        "style": {"font": "Arial", "size": 11, "accent": "000000", "h1": 13},
        "core": {"author": "democratic.services", "title": "Record of decision", "revision": 3,
                 "last_modified_by": "democratic.services",
                 "created": D(2023, 11, 6, 9, 40), "modified": D(2023, 11, 7, 12, 3)},
        "pdf_created": D(2023, 11, 7, 12, 10),
        "expected": {"type": "minutes", "period": None, "date": "2023-11-05",
                     "publisher": "Calderbrook Borough Council",
                     "title": "Cabinet: Record of Decision"},
        "layout_pdf": {"exported_by": "LibreOffice", "numeric_date_only": "Decision date: 05/11/2023",
                       "actions_table_with_due_dates": True, "numbered_decisions": True,
                       "no_reporting_period": True},
    },
    {
        "key": "doc5", "blocks": DOC5,
        "docx": "cscp-independent-scrutineer-report-2022-23.docx", "docx_is_input": True,
        "style": {"font": "Arial", "size": 11, "accent": "00695C"},
        "core": {"author": "Ruth Okafor", "title": "", "last_modified_by": "Ruth Okafor", "revision": 6,
                 "created": D(2023, 9, 14, 19, 20), "modified": D(2023, 10, 2, 8, 15)},
        "expected": {"type": "scrutineer_report", "period": "2022-23", "date": "2023-10-09",
                     "publisher": "Calderbrook Safeguarding Children Partnership",
                     "title": "Calderbrook Safeguarding Children Partnership - Independent Scrutineer's Report 2022-23"},
        "layout_docx": {"first_person_author": "Independent Scrutineer",
                        "heading_without_colon_then_bullets": "Areas for development",
                        "statutory_quotation_over_several_sentences": True,
                        "date_inside_sentence": "9th Oct 2023"},
    },
    {
        "key": "doc6", "blocks": DOC6,
        "docx": "sources/cscp-yearly-report-2023-24-source.docx", "pdf": "cscp-yearly-report-2023-24.pdf",
        "docx_is_input": False,
        "style": {"font": "Arial", "size": 11, "accent": "B23A48"},
        "header": "Calderbrook Safeguarding Children Partnership – Yearly Report 2023-24",
        "page_numbers": True,
        "core": {"author": "CSCP Business Unit", "title": "Yearly Report 2023-24 DRAFT v4",
                 "last_modified_by": "Lisa Grant", "revision": 22,
                 "created": D(2024, 5, 20, 10, 0), "modified": D(2024, 9, 24, 17, 48)},
        "pdf_created": D(2024, 9, 25, 9, 2),
        "expected": {"type": "annual_report", "period": "2023-24", "date": "2024-09-26",
                     "publisher": "Calderbrook Safeguarding Children Partnership",
                     "title": "Calderbrook Safeguarding Children Partnership - Yearly Report 2023-24"},
        "layout_pdf": {"single_column": True, "exported_by": "LibreOffice",
                       "typed_glyph_bullets_hanging_indent": ["–", "▪", "➢"],
                       "heading_without_colon_then_bullets": "The year ahead",
                       "update_table": ["Priority", "What we planned for 2023-24", "Update at March 2024"],
                       "progress_chapter": "Progress on earlier recommendations",
                       "running_header": "Calderbrook Safeguarding Children Partnership – Yearly Report 2023-24",
                       "running_footer": "Page N"},
    },
    {
        "key": "doc7", "blocks": DOC7,
        "docx": "calderbrook-childrens-scrutiny-panel-item-2024-25-yearly-report.docx", "docx_is_input": True,
        "style": {"font": "Arial", "size": 11, "accent": "000000", "title": 17, "h1": 13},
        "core": {"author": "", "title": "Calderbrook Safeguarding Children Partnership Yearly Report 2023-24",
                 "last_modified_by": "Sam Iqbal", "revision": 4,
                 "created": D(2025, 1, 14, 11, 30), "modified": D(2025, 1, 22, 16, 5)},
        "expected": {"type": "minutes", "period": "2023-24", "date": "2025-02-03",
                     "publisher": "Calderbrook Borough Council",
                     "title": "Calderbrook Safeguarding Children Partnership Yearly Report 2023-24",
                     "distinct_from": "cscp-yearly-report-2023-24.pdf"},
        "layout_docx": {"committee_cover_report": True, "same_title_as_discussed_report": True,
                        "lettered_word_list": "(a) (b) (c)", "questions_in_bullets_not_items": True,
                        "file_name_year_differs_from_period": "2024-25 in name = municipal year"},
    },
    {
        "key": "doc8", "blocks": DOC8,
        "docx": "sources/calderbrook-scanned-minutes-2024-06-10-source.docx",
        "text_pdf": "sources/calderbrook-scanned-minutes-2024-06-10-text-layer.pdf",
        "pdf": "calderbrook-scanned-minutes-2024-06-10.pdf", "docx_is_input": False, "scanned": True,
        "style": {"font": "Times New Roman", "size": 11.5, "accent": "000000", "title": 18, "h2": 12},
        "core": {"author": "Lisa Grant", "title": "Exec minutes June", "last_modified_by": "Lisa Grant",
                 "revision": 2, "created": D(2024, 6, 12, 13, 0), "modified": D(2024, 6, 14, 9, 30)},
        "expected": {"type": "minutes", "period": "2023-24", "date": "2024-06-10",
                     "publisher": "Calderbrook Safeguarding Children Partnership",
                     "title": "Partnership Executive - Minutes"},
        "layout_pdf": {"scanned": True, "text_layer": False, "dpi": 200, "skewed": "up to 0.6 degrees",
                       "needs_ocr": True},
    },
    {
        "key": "doc9", "blocks": DOC9,
        "docx": "calderbrook-partnership-note-undated.docx", "docx_is_input": True,
        "style": {"font": "Arial", "size": 11, "accent": "2E7D32"},
        "core": {"author": "", "title": "Practice briefing", "created": None},
        "expected": {"type": "other", "period": None, "date": None,
                     "publisher": "Calderbrook Safeguarding Children Partnership",
                     "title": "Practice briefing: learning from a rapid review"},
        "layout_docx": {"undated": True, "no_period": True, "core_properties_without_dates": True},
    },
]


def spec_for_docx(s):
    d = {"blocks": s["blocks"], "style": s["style"], "core": s["core"]}
    for k in ("header", "page_numbers"):
        if k in s:
            d[k] = s[k]
    return d


def yaml_dump(obj):
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def str_rep(dumper, data):
        style = "'" if data[:1].isdigit() else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, str_rep)
    Dumper.ignore_aliases = lambda self, data: True
    return yaml.dump(obj, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)


def main():
    SOURCES.mkdir(exist_ok=True)
    TEXTS.mkdir(exist_ok=True)
    expected = {}
    for s in SPECS:
        docx_path = HERE / s["docx"]
        build_docx(spec_for_docx(s), docx_path)
        inputs = []
        if s["docx_is_input"]:
            inputs.append(("docx", docx_path.name))
        if s.get("pdf"):
            pdf_path = HERE / s["pdf"]
            if s.get("scanned"):
                text_pdf = HERE / s["text_pdf"]
                to_pdf(docx_path, text_pdf)
                scan_pdf(text_pdf, pdf_path)
            else:
                to_pdf(docx_path, pdf_path)
                set_pdf_metadata(pdf_path, {"title": s["core"].get("title"), "author": s["core"].get("author"),
                                            "created": s.get("pdf_created")})
            inputs.append(("pdf", pdf_path.name))
        text = "\n".join(text_lines(s["blocks"])) + "\n"
        items = list_items(s["blocks"])
        for fmt, name in inputs:
            (TEXTS / f"{name}.txt").write_text(text, encoding="utf-8")
            e = {"type": s["expected"]["type"], "period": s["expected"]["period"],
                 "date": s["expected"]["date"], "partnership": "Calderbrook",
                 "publisher": s["expected"]["publisher"], "title": s["expected"]["title"]}
            if s["expected"].get("distinct_from"):
                e["distinct_from"] = s["expected"]["distinct_from"]
            if fmt == "pdf" and s["docx_is_input"]:
                e["same_document_as"] = s["docx"]
                e["labels"] = f"labels are on {s['docx']} only"
            src = None if s["docx_is_input"] else s["docx"]
            e["format"] = fmt
            if src:
                e["source"] = src
            e["layout"] = dict(s.get("layout_pdf" if fmt == "pdf" else "layout_docx", {}))
            if fmt == "docx":
                e["word_core_properties"] = {
                    "author": s["core"].get("author", ""), "title": s["core"].get("title", ""),
                    "created": s["core"]["created"].isoformat() if s["core"].get("created") else None,
                    "note": "unreliable on purpose; not the expected metadata"}
            e["text"] = f"texts/{name}.txt"
            e["list_items"] = items
            expected[name] = e
    header = (
        "# Expected metadata, layout notes and list items of the Calderbrook test inputs.\n"
        "# Generated by make_documents.py from the same text that builds the documents.\n"
        "# type: annual_report | arrangements | minutes (any meeting record) | scrutineer_report |\n"
        "#       inspection_report | other\n"
        "# period: the reporting period the document covers or discusses (null when none);\n"
        "# date: ISO date of publication or meeting (null when the text gives none).\n"
        "# Word core properties are deliberately unreliable (template titles, draft titles, blank\n"
        "# authors, creation dates that are not the publication date): read metadata from the text.\n"
        "# list_items: texts of every list item, without the bullet glyph or the number; the\n"
        "# level-0 entries of the two-level list in the 2016-17 report are list items but not labelled\n"
        "# items. title: the printed title (informative). Files under sources/ are NOT test inputs.\n"
    )
    (HERE / "expected.yaml").write_text(header + yaml_dump({"files": expected}), encoding="utf-8")
    print("built", len(expected), "inputs")


if __name__ == "__main__":
    main()
