"""Rendering of the sealed test documents: Word files from block lists, PDFs through LibreOffice,
plain texts and expected metadata (used by each area's make_documents.py)."""
# ---------------------------------------------------------------------------
# Rendering helpers shared by both areas' make_documents.py.
#
# A document is a list of blocks:
#   ("title", text)          Title style               ("sub", text)   bold 16pt line
#   ("h1"|"h2"|"h3", text)   Heading 1-3               ("p", text)     body paragraph
#   ("pb", text)             bold body paragraph       ("q", text)     indented italic quotation
#   ("b", text)              Word "List Bullet"        ("n", text)     Word "List Number" (restarts per list)
#   ("g", glyph, text)       typed glyph bullet: the glyph is part of the paragraph text
#   ("tl", marker, text)     typed enumerator such as "(a)": the marker is part of the text
#   ("table", rows, header[, widths_cm])  table; header=True: first row bold and shaded
#   ("box", [paras])         one-cell shaded box, first paragraph bold
#   ("cols", n)              continuous section break, then n text columns
#   ("break",)               page break
# texts/<file>.txt gets one line per block (a table gets one line per row, cells joined
# with " | "; a box one line per paragraph).  Word list numbering and bullets are not text,
# so they do not appear; typed glyphs and enumerators do.  Running headers and page footers
# are left out of texts/.
# ---------------------------------------------------------------------------
import datetime
import subprocess
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor


def _new_list_number(doc):
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _set_num(paragraph, num_id):
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


def _shade(cell, fill):
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _set_cols(section, n):
    sectpr = section._sectPr
    cols = sectpr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sectpr.append(cols)
    cols.set(qn("w:num"), str(n))
    cols.set(qn("w:space"), "567")


def _page_footer(section, prefix="Page "):
    p = section.footer.paragraphs[0]
    p.text = ""
    p.add_run(prefix)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def render_docx(spec, out_path):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = spec.get("font", "Calibri")
    normal.font.size = Pt(spec.get("size", 11))
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(spec.get("margin", 2.2))
    if spec.get("header"):
        sec.header.paragraphs[0].text = spec["header"]
    if spec.get("footer", True):
        _page_footer(sec, spec.get("footer_prefix", "Page "))
    shade = spec.get("shade", "D9E2F3")
    prev = None
    num_id = None
    for blk in spec["blocks"]:
        k = blk[0]
        if k == "title":
            doc.add_paragraph(blk[1], style="Title")
        elif k == "sub":
            r = doc.add_paragraph().add_run(blk[1])
            r.bold = True
            r.font.size = Pt(16)
        elif k in ("h1", "h2", "h3"):
            doc.add_heading(blk[1], level=int(k[1]))
        elif k == "p":
            doc.add_paragraph(blk[1])
        elif k == "pb":
            doc.add_paragraph().add_run(blk[1]).bold = True
        elif k == "q":
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Cm(1.2)
            p.paragraph_format.right_indent = Cm(1.2)
            p.add_run(blk[1]).italic = True
        elif k == "b":
            doc.add_paragraph(blk[1], style="List Bullet")
        elif k == "n":
            p = doc.add_paragraph(blk[1], style="List Number")
            if prev != "n":
                num_id = _new_list_number(doc)
            _set_num(p, num_id)
        elif k in ("g", "tl"):
            p = doc.add_paragraph(f"{blk[1]} {blk[2]}")
            p.paragraph_format.left_indent = Cm(0.9)
            p.paragraph_format.first_line_indent = Cm(-0.6)
        elif k == "table":
            rows, header = blk[1], blk[2]
            widths = blk[3] if len(blk) > 3 else None
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            if widths:
                t.autofit = False
                for j, w in enumerate(widths):
                    t.columns[j].width = Cm(w)
                    for cell in t.columns[j].cells:
                        cell.width = Cm(w)
            for i, row in enumerate(rows):
                for j, val in enumerate(row):
                    cell = t.cell(i, j)
                    cell.text = val
                    if header and i == 0:
                        for r in cell.paragraphs[0].runs:
                            r.bold = True
                        _shade(cell, shade)
            doc.add_paragraph()
        elif k == "box":
            t = doc.add_table(rows=1, cols=1)
            t.style = "Table Grid"
            cell = t.cell(0, 0)
            _shade(cell, spec.get("box_shade", "FFF2CC"))
            cell.text = blk[1][0]
            cell.paragraphs[0].runs[0].bold = True
            for para in blk[1][1:]:
                cell.add_paragraph(para)
            doc.add_paragraph()
        elif k == "cols":
            s = doc.add_section(WD_SECTION.CONTINUOUS)
            _set_cols(s, blk[1])
        elif k == "break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(k)
        prev = k
    cp = doc.core_properties
    for key, val in spec.get("props", {}).items():
        setattr(cp, key, val)
    doc.save(out_path)


def text_lines(spec):
    out = []
    for blk in spec["blocks"]:
        k = blk[0]
        if k in ("title", "sub", "h1", "h2", "h3", "p", "pb", "q", "b", "n"):
            out.append(blk[1])
        elif k in ("g", "tl"):
            out.append(f"{blk[1]} {blk[2]}")
        elif k == "table":
            out.extend(" | ".join(row) for row in blk[1])
        elif k == "box":
            out.extend(blk[1])
    return out


def list_items(spec):
    items = []
    for blk in spec["blocks"]:
        if blk[0] in ("b", "n"):
            items.append(blk[1])
        elif blk[0] in ("g", "tl"):
            items.append(blk[2])
    return items


def build(docs, area, here):
    """docs: list of specs with keys name (test input file name), blocks, meta, ..."""
    sources = here / "sources"
    texts = here / "texts"
    sources.mkdir(exist_ok=True)
    texts.mkdir(exist_ok=True)
    to_pdf = []
    for spec in docs:
        name = spec["name"]
        if name.endswith(".pdf"):
            src = sources / (name[:-4] + ".docx")
            render_docx(spec, src)
            to_pdf.append(src)
        else:
            render_docx(spec, here / name)
        (texts / f"{name}.txt").write_text("\n".join(text_lines(spec)) + "\n", encoding="utf-8")
    if to_pdf:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(here)]
                       + [str(p) for p in to_pdf], check=True, capture_output=True)
    files = {}
    for spec in docs:
        entry = dict(spec["meta"])
        entry["partnership"] = area
        entry["list_items"] = list_items(spec)
        files[spec["name"]] = entry
    with open(here / "expected.yaml", "w", encoding="utf-8") as fh:
        fh.write(f"# Expected metadata for the sealed {area} documents; written by make_documents.py.\n")
        fh.write("# list_items: the text of every list item (Word list paragraphs, typed glyph bullets and\n")
        fh.write("# typed enumerators such as '(a)'), without the bullet, number or typed marker.\n")
        yaml.safe_dump({"files": files}, fh, sort_keys=False, allow_unicode=True, width=1000)

