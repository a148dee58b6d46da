"""Writing tables for people: CSV that opens cleanly in Excel.

One CSV writer for every CSV the project makes: UTF-8 with a byte-order mark (so Excel reads
the dashes and quotes in titles), one line per row (line breaks inside a cell become
spaces), dates as ISO dates and times as "2025-01-21 09:14" (which Excel reads as dates and
times), and any cell that a spreadsheet would run as a formula (starting with =, +, -, @, a
tab or a carriage return, once its line breaks are flattened) prefixed with an apostrophe.
Word tables for committee papers are made here too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sgkb.board import COLUMNS, LOG_COLUMNS, as_text, cell, cell_text, evidence_ref, log_cell

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell's text, flattened to one line and never readable as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")  # read by Excel as a date and time
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = "; ".join(safe_cell(v) for v in value)
    text = str(value)
    if "\n" in text or "\r" in text or "\t" in text:
        text = " ".join(text.split())
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        text = "'" + text
    return text


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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """Text Word can hold: control characters (a NUL from a hostile query) dropped."""
    return _CONTROL.sub("", str(text))


def docx_bytes(
    title: str,
    described: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    today: date,
    widths: Sequence[float] | None = None,
    note: str = "",
) -> bytes:
    """A table as a Word document for a committee paper: landscape A4, a title, the filter in
    words, the date it was made, a header row repeated on every page, columns sized by
    `widths` (relative), and page numbers in the footer."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from core.periods import human_date

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    title, described = xml_safe(title), xml_safe(described)
    document.core_properties.title = title
    document.add_heading(title, level=1)
    document.add_paragraph(f"Showing: {described}. {len(rows)} row{'' if len(rows) == 1 else 's'}.")
    document.add_paragraph(
        f"Generated on {human_date(today.isoformat(), with_time=False)} by safeguarding-kb."
        + (f" {note}" if note else "")
    )
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    weights = list(widths or [1.0] * len(header))
    usable = 29.7 - 3.0
    column_widths = [Cm(usable * w / sum(weights)) for w in weights]
    first = table.rows[0]
    tr_pr = first._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for i, text in enumerate(header):
        run = first.cells[i].paragraphs[0].add_run(xml_safe(text))
        run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for i, text in enumerate(values):
            cells[i].text = xml_safe(text)
    for i, column in enumerate(table.columns):
        column.width = column_widths[i]  # the table grid, which LibreOffice and Word lay out by
    for row in table.rows:
        for i, c in enumerate(row.cells):
            c.width = column_widths[i]
            for paragraph in c.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{title} – page ")
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


# column key -> relative width in a Word table (the rest are 1)
WIDE = {
    "item": 3.0,
    "evidence": 3.0,
    "detail": 2.5,
    "note": 2.0,
    "document": 1.8,
    "ref": 1.7,
    "when": 1.4,
    "made_by": 1.4,
    "lead": 1.4,
    "status": 1.4,
    "source": 1.2,
    "due": 1.2,
    "decided": 1.2,
    "made": 1.2,
    "item_text": 3.0,
}
WORD_QUOTE = 400  # characters of evidence quoted in a Word table (the CSV has up to 1,000)
SUGGESTED_NOTE = "Statuses marked “suggested” come from the documents' wording and are not yet confirmed by a clerk."


def board_csv(rows, columns: Sequence[str]) -> str:
    """The status board (or the queue) as CSV, with the chosen columns."""
    return csv_text([COLUMNS[c][0] for c in columns], ([cell(r, c) for c in columns] for r in rows))


def board_docx(
    rows, columns: Sequence[str], described: str, today: date, title: str = "Recommendations tracker"
) -> bytes:
    """The status board as a committee paper's Word table."""

    def text(row, column: str) -> str:
        if column == "evidence":
            return evidence_ref(row.status.latest_evidence, row.evidence_doc, WORD_QUOTE)
        return cell_text(row, column)

    return docx_bytes(
        title,
        described,
        [COLUMNS[c][0] for c in columns],
        [[text(r, c) for c in columns] for r in rows],
        today,
        [WIDE.get(c, 1.0) for c in columns],
        SUGGESTED_NOTE,
    )


def log_csv(rows, columns: Sequence[str]) -> str:
    """The decisions log as CSV."""
    return csv_text([LOG_COLUMNS[c][0] for c in columns], ([log_cell(r, c) for c in columns] for r in rows))


def log_docx(rows, columns: Sequence[str], described: str, today: date) -> bytes:
    """The decisions log as a Word table."""
    return docx_bytes(
        "Decisions log",
        described,
        [LOG_COLUMNS[c][0] for c in columns],
        [[as_text(log_cell(r, c)) for c in columns] for r in rows],
        today,
        [WIDE.get(c, 1.0) for c in columns],
    )
