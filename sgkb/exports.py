"""Writing tables for people: CSV that opens cleanly in Excel.

One CSV writer for every CSV the project makes: UTF-8 with a byte-order mark (so Excel reads
the dashes and quotes in titles), one line per row (line breaks inside a cell become
spaces), dates as ISO dates (which Excel reads as dates), and any cell that a spreadsheet
would run as a formula (starting with =, +, -, @, a tab or a carriage return) prefixed with
an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell's text, flattened to one line and never readable as a formula."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = "; ".join(safe_cell(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return " ".join(text.split()) if ("\n" in text or "\r" in text) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], bom: bool = True) -> str:
    out = io.StringIO()
    write_csv(out, header, rows, bom)
    return out.getvalue()


def write_csv(out, header: Sequence[str], rows: Iterable[Sequence[object]], bom: bool = True) -> None:
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])


def docx_bytes(
    rows, columns: Sequence[str], described: str, today: date, title: str = "Recommendations tracker"
) -> bytes:
    """A committee-paper table as a Word document: landscape, a title, the filter in words,
    the date it was made, a header row repeated on every page, and page numbers."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from core.periods import human_date
    from sgkb.board import COLUMNS, cell_text

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.core_properties.title = title
    document.add_heading(title, level=1)
    document.add_paragraph(f"Showing: {described}. {len(rows)} item(s).")
    document.add_paragraph(
        f"Generated on {human_date(today.isoformat(), with_time=False)} by safeguarding-kb. "
        "Statuses marked “suggested” come from the documents' wording and are not yet confirmed."
    )
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for i, column in enumerate(columns):
        run = header.cells[i].paragraphs[0].add_run(COLUMNS[column][0])
        run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for i, column in enumerate(columns):
            cells[i].text = cell_text(row, column)
    for paragraph in (p for r in table.rows for c in r.cells for p in c.paragraphs):
        for run in paragraph.runs:
            run.font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == code:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
