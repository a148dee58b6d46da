"""Word ingestor (python-docx): paragraphs and tables in body order.

Headings come from paragraph styles (or outline levels), list items from
numbering properties (on the paragraph or its style), with the number or
letter Word would display ("a.", "2."). Headers and footers are left out.
Word files carry no reliable page numbers unless Word saved its rendered
page breaks; then those are used, otherwise blocks have no page.
"""

from __future__ import annotations

import re
import zipfile
from typing import BinaryIO

from core.model import Block, BlockKind
from ingest.base import IngestError, Limits, Parsed
from ingest.structure import bullet_length, clean_text, repeats_header

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.I)
_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


class WordIngestor:
    """Reads Word .docx files."""

    format = "docx"
    extensions: tuple[str, ...] = (".docx", ".docm")

    def parse(self, data: BinaryIO, limits: Limits) -> Parsed:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(data)
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
            raise IngestError("the Word file is corrupt or truncated") from exc
        except MemoryError:
            raise  # reported as out of memory by the batch, not as a bad file
        except Exception as exc:
            raise IngestError(f"the Word file cannot be read: {type(exc).__name__}: {exc}") from exc
        reader = _BodyReader(document)
        blocks = reader.read()
        cp = document.core_properties
        properties = {
            "Title": cp.title or "",
            "Author": cp.author or "",
            "Subject": cp.subject or "",
            "Keywords": cp.keywords or "",
            "Created": cp.created.date().isoformat() if cp.created else "",
            "Modified": cp.modified.date().isoformat() if cp.modified else "",
        }
        front = " ".join(b.text for b in blocks[:12])
        pages = reader.page if reader.rendered_pages else None
        return Parsed(blocks=blocks, pages=pages, properties=properties, front_text=front)


class _Numbering:
    """Resolves the label Word shows for a numbered paragraph ("a.", "3.", "•")."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        ns = numbering.nsmap.get("w")
        q = lambda tag: f"{{{ns}}}{tag}"
        abstract = {}
        for an in numbering.findall(q("abstractNum")):
            levels = {}
            for lvl in an.findall(q("lvl")):
                fmt = lvl.find(q("numFmt"))
                text = lvl.find(q("lvlText"))
                levels[int(lvl.get(q("ilvl")))] = (
                    fmt.get(q("val")) if fmt is not None else "decimal",
                    text.get(q("val")) if text is not None else "%1.",
                )
            abstract[an.get(q("abstractNumId"))] = levels
        for num in numbering.findall(q("num")):
            ref = num.find(q("abstractNumId"))
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(q("val")), {}).items():
                    self.formats[(num.get(q("numId")), ilvl)] = spec

    def label(self, num_id: str, ilvl: int) -> str:
        fmt, text = self.formats.get((num_id, ilvl), ("bullet", ""))
        if fmt in ("bullet", "none"):
            return ""
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, 0) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[deeper]

        def value(level: int) -> str:  # "%1.%2." shows every level's counter in its own format
            level_format = self.formats.get((num_id, level), ("decimal", ""))[0]
            return _formatted(self.counters.get((num_id, level), 1), level_format)

        return re.sub(r"%(\d)", lambda m: value(int(m.group(1)) - 1), text).strip()


def _formatted(n: int, fmt: str) -> str:
    return {
        "lowerLetter": _letter(n),
        "upperLetter": _letter(n).upper(),
        "lowerRoman": _roman(n),
        "upperRoman": _roman(n).upper(),
    }.get(fmt, str(n))


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


class _BodyReader:
    def __init__(self, document):
        from docx.oxml.ns import qn

        self.document = document
        self.qn = qn
        self.numbering = _Numbering(document)
        self.page = 1
        self.rendered_pages = "lastRenderedPageBreak" in document.element.body.xml
        self.blocks: list[Block] = []
        self._styles: dict[str | None, object] = {}

    def _style(self, paragraph):
        """The paragraph's style, cached by id (python-docx looks it up afresh each time)."""
        p_pr = paragraph._p.pPr
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        if style_id not in self._styles:
            self._styles[style_id] = paragraph.style
        return self._styles[style_id]

    def read(self) -> list[Block]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for child in self._body_children(self.document.element.body):
            if child.tag == self.qn("w:p"):
                self._paragraph(Paragraph(child, self.document))
            elif child.tag == self.qn("w:tbl"):
                self._table(Table(child, self.document))
        return self.blocks

    def _body_children(self, element):
        for child in element.iterchildren():
            if child.tag == self.qn("w:sdt"):  # content controls, e.g. a table of contents
                content = child.find(self.qn("w:sdtContent"))
                if content is not None:
                    yield from self._body_children(content)
            else:
                yield child

    def _count_page_breaks(self, element) -> None:
        if not self.rendered_pages:
            return
        xml = element.xml
        self.page += xml.count("lastRenderedPageBreak")

    def _numbering_of(self, paragraph, style) -> tuple[str, int] | None:
        for source in (paragraph._p.pPr, getattr(style.element, "pPr", None) if style is not None else None):
            num_pr = source.numPr if source is not None else None
            if num_pr is not None and num_pr.numId is not None and num_pr.numId.val != 0:
                ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                return str(num_pr.numId.val), ilvl
        return None

    def _paragraph(self, paragraph) -> None:
        self._count_page_breaks(paragraph._p)
        text = clean_text(paragraph.text.replace("\t", " "))
        style_obj = self._style(paragraph)
        style = style_obj.name if style_obj is not None else ""
        if not text:
            return
        level = self._heading_level(paragraph, style)
        page = self.page if self.rendered_pages else None
        if level is not None:
            self.blocks.append(Block(kind=BlockKind.HEADING, text=text, level=level, page=page))
            return
        numbering = self._numbering_of(paragraph, style_obj)
        if numbering is not None or style.lower().startswith("list"):
            label = self.numbering.label(*numbering) if numbering else ""
            self.blocks.append(Block(kind=BlockKind.LIST_ITEM, text=f"{label} {text}".strip(), page=page))
            return
        typed = _typed_bullet(paragraph.text, text)
        if typed:
            self.blocks.append(Block(kind=BlockKind.LIST_ITEM, text=text[typed:], page=page))
            return
        self.blocks.append(Block(kind=BlockKind.PARAGRAPH, text=text, page=page))

    def _heading_level(self, paragraph, style: str) -> int | None:
        if style.lower() == "title":
            return 1
        match = _HEADING_STYLE.match(style)
        if match:
            return int(match.group(1))
        p_pr = paragraph._p.pPr
        outline = p_pr.find(self.qn("w:outlineLvl")) if p_pr is not None else None
        if outline is not None:
            value = int(outline.get(self.qn("w:val")))
            return value + 1 if value < 9 else None
        return None

    def _table(self, table) -> None:
        self._count_page_breaks(table._tbl)
        page = self.page if self.rendered_pages else None
        headers: tuple[str, ...] = ()
        for index, row in enumerate(table.rows):
            cells = tuple(
                _dedupe_merged(
                    [clean_text(c.text.replace("\t", " ").replace("\n", " ")) for c in row.cells],
                    [c._tc for c in row.cells],
                )
            )
            if not any(cells):
                continue
            if self._is_header_row(row, index) or repeats_header(cells, headers):
                headers = cells
                self.blocks.append(Block(kind=BlockKind.TABLE_ROW, text=" | ".join(cells), page=page, cells=cells))
                continue
            self.blocks.append(
                Block(
                    kind=BlockKind.TABLE_ROW,
                    text=" | ".join(c for c in cells if c),
                    page=page,
                    cells=cells,
                    headers=headers,
                )
            )

    def _is_header_row(self, row, index: int) -> bool:
        tr_pr = row._tr.trPr
        if tr_pr is not None and tr_pr.find(self.qn("w:tblHeader")) is not None:
            return True
        runs = [r for c in row.cells for p in c.paragraphs for r in p.runs if r.text.strip()]
        return index == 0 and bool(runs) and all(r.bold for r in runs)


def _typed_bullet(raw: str, text: str) -> int:
    """Length of a bullet typed at the start of a paragraph ("•<tab>", "■ ", or "o<tab>", the
    second-level bullet of a list typed by hand): such paragraphs are list items too."""
    if raw.lstrip(" ").startswith("o\t") and len(text) > 2:
        return 2
    return bullet_length(text)


def _dedupe_merged(texts: list[str], elements: list) -> list[str]:
    """python-docx repeats a horizontally merged cell once per grid column."""
    out, seen = [], set()
    for text, element in zip(texts, elements, strict=True):
        if id(element) in seen:
            continue
        seen.add(id(element))
        out.append(text)
    return out
