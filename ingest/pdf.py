"""PDF ingestor (pdfplumber): text lines with their fonts, rebuilt into structure.

One pass over each page's characters gives text lines (with size and weight)
and ruled tables; a page with columns (ingest.columns) is read column by
column. From those: running headers and footers are dropped, headings are
found from font size, weight and numbering, bullets and numbered items become
list items, paragraphs are rebuilt across lines, columns and page breaks, and
table rows keep their column headers. A PDF with no text at all is given a text
layer by OCR first (ingest.ocr) when that is installed and allowed.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import BinaryIO

from core.model import Block, BlockKind
from ingest.base import IngestError, Limits, Parsed
from ingest.columns import Box, TextLine, reading_regions, runs_of
from ingest.ocr import ocr_available, ocr_pdf
from ingest.structure import bullet_length, clean_text, repeats_header, stack_headers

_NUMBER_START = re.compile(
    r"^(?:(?:\(?\d{1,2}[.)]|\d{1,2}(?:\.\d{1,2})+\.?(?=\s+[A-Z])|\(?[a-z][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)])\s+"
    r"|\d{1,2}\.(?=[A-Z][a-z]))"
)
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_TERMINAL = (".", "!", "?", ":", ";", ".”", '."', "?”", ".)")
_TOC_ENTRY = re.compile(r"\.{4,}\s*\d+$")
MARGIN = 0.09  # share of the page height treated as header or footer zone
OCR_LINE_GAP = 1.2
OCR_SIZE_TOLERANCE = 2.0
LOW_OCR_CONFIDENCE = 80.0  # below this mean word confidence an OCR'd file gets a warning
CELL_PADDING = 6.0  # points between a ruled table's border and its text
MIN_INDENT_SHIFT = 40.0  # a column starting this far right of the page's text is a column, not an indent


@dataclass
class Line:
    """A text line with the layout facts the structure rules need."""

    text: str
    x0: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    region: int = 0  # which column or band of the page (reading order); x0 is relative to it

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class TableRow:
    cells: tuple[str, ...]
    header: bool
    top: float


@dataclass
class Table:
    rows: list[TableRow]
    top: float
    page: int
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    region: int = 0

    @property
    def columns(self) -> int:
        return len(self.rows[0].cells) if self.rows else 0


@dataclass
class PageContent:
    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    regions: int = 1  # columns and bands read one after another (1: the page as one)


class PdfIngestor:
    """Reads PDF files with a text layer; a scanned PDF by OCR when it is installed and allowed."""

    format = "pdf"
    extensions: tuple[str, ...] = (".pdf",)

    def parse(self, data: BinaryIO, limits: Limits) -> Parsed:
        pages, properties = _read_pages(data, limits.max_pdf_pages)
        notes: list[str] = []
        warnings: list[str] = []
        scanned = not any(p.lines or p.tables for p in pages)
        if scanned:
            if limits.ocr != "auto" or not ocr_available():
                why = "ocr is off in config.yaml" if limits.ocr != "auto" else "ocrmypdf is not installed"
                raise IngestError(f"the PDF has no text layer (a scanned image?): it needs OCR ({why})")
            data.seek(0)
            result = ocr_pdf(data.read(), len(pages))
            pages, _ = _read_pages(io.BytesIO(result.pdf), limits.max_pdf_pages)
            if not any(p.lines or p.tables for p in pages):
                raise IngestError("the PDF has no text layer, and OCR found no text in it")
            notes.append(result.note())
            if result.confidence is not None and result.confidence < LOW_OCR_CONFIDENCE:
                warnings.append(f"OCR was unsure of this scan ({result.note()}): check its text")
        _drop_running_lines(pages)
        builder = _BlockBuilder(pages, weights_known=not scanned)
        blocks = builder.build()
        front = " ".join(line.text for line in pages[0].lines) if pages else ""
        return Parsed(
            blocks=blocks, pages=len(pages), properties=properties, front_text=front, warnings=warnings, notes=notes
        )


def _open(data: BinaryIO):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSEOF

    try:
        return pdfplumber.open(data)  # type: ignore[arg-type]  # any binary stream will do
    except Exception as exc:
        # pdfplumber wraps pdfminer's error as the first argument of its own exception
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise IngestError("the PDF is encrypted (password protected)") from exc
        if isinstance(cause, (PDFSyntaxError, PSEOF)):
            raise IngestError("the PDF is corrupt or truncated and cannot be parsed") from exc
        raise IngestError(f"the PDF cannot be opened ({type(cause).__name__}: {cause})") from exc


def _read_pages(data: BinaryIO, max_pages: int) -> tuple[list[PageContent], dict[str, str]]:
    pdf = _open(data)
    try:
        properties = {k: _decode(v) for k, v in (pdf.metadata or {}).items()}
        if max_pages and len(pdf.pages) > max_pages:
            raise IngestError(
                f"the PDF has {len(pdf.pages)} pages, over the limit of {max_pages} (max_pdf_pages in config.yaml)"
            )
        pages = []
        for page in pdf.pages:  # one page's layout objects at a time: each is released once read
            pages.append(_read_page(page))
            page.close()
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(f"the PDF is corrupt or truncated: {type(exc).__name__}: {exc}") from exc
    finally:
        pdf.close()
    if not pages:
        raise IngestError("the PDF has no pages")
    return pages, properties


def _decode(value) -> str:
    if isinstance(value, bytes):
        for enc in ("utf-16", "utf-8", "latin-1"):
            try:
                return value.decode(enc)
            except UnicodeDecodeError:
                continue
    return str(value)


def _is_bold(char: dict) -> bool:
    name = char.get("fontname", "").lower()
    return "bold" in name or "black" in name or "heavy" in name


def _read_page(page) -> PageContent:
    content = PageContent(number=page.page_number, height=float(page.height))
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    for table in tables:
        parsed = _read_table(page, table)
        if parsed.rows:
            content.tables.append(parsed)

    def outside_tables(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    raw_lines = [(0, raw) for raw in text_page.extract_text_lines(return_chars=True, strip=True)]
    columns = _columns(page, text_page, [raw for _, raw in raw_lines], content.tables)
    if columns is not None:
        content.regions, raw_lines = columns
    for region, raw in raw_lines:
        chars = [c for c in raw["chars"] if c["text"].strip()]
        if not chars:
            continue
        sizes = Counter(round(c["size"] * 2) / 2 for c in chars)
        bold = sum(_is_bold(c) for c in chars) / len(chars)
        content.lines.append(
            Line(
                text=clean_text(raw["text"]),
                x0=raw["x0"],
                top=raw["top"],
                bottom=raw["bottom"],
                size=sizes.most_common(1)[0][0],
                bold=bold >= 0.8,
                page=page.page_number,
                region=region,
            )
        )
    if content.regions > 1:
        _align_regions(content, page.bbox[0])
    return content


def _columns(page, text_page, raw_lines: list[dict], tables: list[Table]) -> tuple[int, list[tuple[int, dict]]] | None:
    """The page's text lines region by region (columns and bands in reading order), or None
    when the page is one column: then its lines stay exactly as extracted."""
    x0, top, x1, bottom = page.bbox
    # text outside the page (a table run off its edge) is not seen, so it is no guide to columns
    visible = [
        [(c["x0"], c["x1"], c["size"]) for c in raw["chars"] if c["x1"] > x0 and c["x0"] < x1] for raw in raw_lines
    ]
    lines = [
        TextLine(raw["top"], raw["bottom"], runs_of(chars))
        for raw, chars in zip(raw_lines, visible, strict=True)
        if chars
    ]
    # a table's text sits inside its cell padding, in line with the column's text
    lines += [TextLine(t.bbox[1], t.bbox[3], ((t.bbox[0] + CELL_PADDING, t.bbox[2] - CELL_PADDING),)) for t in tables]
    regions = reading_regions(lines, Box(x0, top, x1, bottom))
    if len(regions) < 2:
        return None
    from pdfplumber.utils import chars_to_textmap

    def region_of(cx: float, cy: float) -> int:
        return next((i for i, r in enumerate(regions) if r.holds(cx, cy)), len(regions) - 1)

    buckets: list[list[dict]] = [[] for _ in regions]
    for char in text_page.chars:
        buckets[region_of((char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2)].append(char)
    for table in tables:
        table.region = region_of((table.bbox[0] + table.bbox[2]) / 2, (table.bbox[1] + table.bbox[3]) / 2)
    out = [
        (i, raw)
        for i, chars in enumerate(buckets)
        if chars
        for raw in chars_to_textmap(chars).extract_text_lines(strip=True, return_chars=True)
    ]
    return len(regions), out


def _align_regions(content: PageContent, page_left: float) -> None:
    """Make x0 relative to each column, so indents compare the same way in every column."""
    left = min((ln.x0 for ln in content.lines), default=page_left)
    edges: dict[int, float] = {}
    for line in content.lines:
        edges[line.region] = min(edges.get(line.region, line.x0), line.x0)
    for line in content.lines:
        if edges[line.region] - left > MIN_INDENT_SHIFT:
            line.x0 -= edges[line.region] - left


def _read_table(page, table) -> Table:
    rows: list[TableRow] = []
    chars = page.crop(table.bbox, strict=False).chars if table.rows else []
    for row, cells in zip(table.rows, table.extract(), strict=False):
        texts = tuple(_join_cell(c) for c in cells) if cells else ()  # a spanned cell reads as ""
        if not any(texts):
            continue
        top, bottom = row.bbox[1], row.bbox[3]
        inside = [c for c in chars if c["text"].strip() and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        header = bool(inside) and sum(_is_bold(c) for c in inside) / len(inside) >= 0.9
        rows.append(TableRow(cells=texts, header=header, top=top))
    return Table(rows=rows, top=table.bbox[1], page=page.page_number, bbox=tuple(table.bbox))


def _join_cell(text: str | None) -> str:
    lines = [clean_text(part) for part in (text or "").split("\n")]
    out = ""
    for line in filter(None, lines):
        out = join_line(out, line)
    return out


def join_line(text: str, line: str, vocabulary: set[str] | None = None) -> str:
    """Append a wrapped line to text, rejoining a word hyphenated at the line end.

    A hyphen is kept when the halves make a hyphenated compound ("multi-agency");
    dropped when the document uses the word unhyphenated elsewhere.
    """
    if not text:
        return line
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].isalpha():
        head = re.search(r"(\w+)-$", text)
        tail = re.match(r"\w+", line)
        if vocabulary and head and tail:
            whole = (head.group(1) + tail.group(0)).lower()
            hyphenated = f"{head.group(1)}-{tail.group(0)}".lower()
            if whole in vocabulary and hyphenated not in vocabulary:
                return text[:-1] + line
        return text + line
    return f"{text} {line}"


def _drop_running_lines(pages: list[PageContent]) -> None:
    """Remove running headers, footers and page numbers.

    A line in the top or bottom margin is running when the same text (digits
    ignored) recurs in the margins of at least half the pages.
    """

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    def in_margin(line: Line, page: PageContent) -> bool:
        return line.top < page.height * MARGIN or line.bottom > page.height * (1 - MARGIN)

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({key(ln) for ln in page.lines if in_margin(ln, page)})
    threshold = max(2, len(pages) // 2)
    for page in pages:
        page.lines = [
            ln
            for ln in page.lines
            if not (in_margin(ln, page) and (counts[key(ln)] >= threshold or _PAGE_NUMBER.match(ln.text)))
        ]


class _BlockBuilder:
    """Groups lines into headings, paragraphs and list items across pages."""

    def __init__(self, pages: list[PageContent], weights_known: bool = True):
        self.pages = pages
        self.weights_known = weights_known  # False for an OCR text layer: no bold to go by
        # white between two lines of one paragraph, in font sizes: an OCR layer's sizes are the
        # height of the letters seen, smaller than the type's, so its lines look further apart
        self.line_gap = 0.5 if weights_known else OCR_LINE_GAP
        self.size_tolerance = 0.6 if weights_known else OCR_SIZE_TOLERANCE  # OCR sizes vary line to line
        lines = [ln for p in pages for ln in p.lines]
        weights: Counter[float] = Counter()
        for ln in lines:
            weights[ln.size] += len(ln.text)
        self.body = weights.most_common(1)[0][0] if weights else 11.0
        self.vocabulary = {w.lower() for ln in lines for w in re.findall(r"[\w-]+", ln.text)}
        self.levels = self._heading_levels(lines)
        self.blocks: list[Block] = []
        self.open: dict | None = None  # the block being built
        self.pending_notes: list[Block] = []
        self.list_x0 = 0.0  # where the latest list item starts
        self._last_table: tuple[Table, tuple[str, ...], tuple[str, ...] | None] | None = None

    # -- headings -----------------------------------------------------------
    def _is_heading_size(self, line: Line) -> bool:
        return (line.size >= self.body + 0.9 and line.bold) or line.size >= self.body + 4

    def _is_minor_heading(self, line: Line) -> bool:
        """A bold, numbered, short line at body size ("e. Developing policies"); in an OCR text
        layer, where weights are unknown, any such line outside a list."""
        return (
            (line.bold or not self.weights_known)
            and abs(line.size - self.body) < self.size_tolerance
            and line.words <= 14
            and bool(_NUMBER_START.match(line.text))
            and not line.text.endswith((".", ",", ";"))
        )

    def _heading_levels(self, lines: list[Line]) -> dict[float, int]:
        pages_by_size: dict[float, set[int]] = {}
        for ln in lines:
            if self._is_heading_size(ln):
                pages_by_size.setdefault(ln.size, set()).add(ln.page)
        recurring = sorted((s for s, p in pages_by_size.items() if len(p) > 1), reverse=True)
        top = recurring[0] if recurring else max(pages_by_size, default=self.body)
        levels = {size: i + 1 for i, size in enumerate(recurring)}
        for size in pages_by_size:
            if size not in levels:
                # one-off display sizes (cover, "Contents") sit at the top level
                # rather than pushing every real section one level down
                levels[size] = 1 if size >= top else len(recurring) + 1
        self.minor_level = len(set(levels.values())) + 1
        return levels

    # -- assembly ------------------------------------------------------------
    def build(self) -> list[Block]:
        for page in self.pages:
            items: list[tuple[tuple[int, float], Line | Table]] = [((ln.region, ln.top), ln) for ln in page.lines]
            items += [((t.region, t.top), t) for t in page.tables]
            items.sort(key=lambda it: it[0])
            notes_zone = page.height * 0.7
            previous: Line | None = None
            region = 0
            for (where, _), item in items:
                if where != region:
                    self._end_page()  # a column ends like a page: unfinished text may go on
                    region, previous = where, None
                if isinstance(item, Table):
                    self._close()
                    self._emit_table(item)
                    previous = None
                    continue
                assert isinstance(item, Line)
                line = item
                if line.size <= self.body - 1.5 and line.top > notes_zone and not self._is_heading_size(line):
                    self._add_note(line, previous)
                    previous = line
                    continue
                self._add_line(line, previous)
                previous = line
            self._end_page()
        self._close()
        self._flush_notes()
        return self.blocks

    def _start(self, kind: BlockKind, line: Line, text: str, **extra) -> None:
        self._close()
        if kind is BlockKind.LIST_ITEM:
            self.list_x0 = line.x0
        self.open = {
            "kind": kind,
            "text": text,
            "page": line.page,
            "x0": line.x0,
            "size": line.size,
            "last": line,
            **extra,
        }

    def _close(self) -> None:
        if self.open:
            o = self.open
            text = o["text"].strip()
            if text:
                self.blocks.append(Block(kind=o["kind"], text=text, page=o["page"], level=o.get("level")))
            self.open = None
        self._flush_notes()

    def _flush_notes(self) -> None:
        if self.open is None and self.pending_notes:
            self.blocks.extend(self.pending_notes)
            self.pending_notes = []

    def _end_page(self) -> None:
        # An unfinished paragraph or list item may go on at the top of the next
        # page; keep it open. Anything else closes here.
        o = self.open
        if o and (o["kind"] is BlockKind.HEADING or o["text"].rstrip().endswith(_TERMINAL)):
            self._close()
        if o and self.open:
            self.open["page_break"] = True

    def _add_note(self, line: Line, previous: Line | None) -> None:
        starts_note = previous is None or previous.size > self.body - 1.5 or re.match(r"^\d{1,3}\s", line.text)
        if self.pending_notes and not starts_note:
            last = self.pending_notes[-1]
            self.pending_notes[-1] = last.with_context(text=join_line(last.text, line.text, self.vocabulary))
        else:
            self.pending_notes.append(Block(kind=BlockKind.PARAGRAPH, text=line.text, page=line.page))
        if self.open is None:
            self._flush_notes()

    def _add_line(self, line: Line, previous: Line | None) -> None:
        o = self.open
        if _TOC_ENTRY.search(line.text):
            self._start(BlockKind.PARAGRAPH, line, line.text)
            self._close()
            return
        minor = self._is_minor_heading(line) and not self._in_list(line)
        if self._is_heading_size(line) or minor:
            level = self.levels.get(line.size, self.minor_level) if self._is_heading_size(line) else self.minor_level
            if (
                o
                and o["kind"] is BlockKind.HEADING
                and o["level"] == level
                and o["page"] == line.page
                and line.top - o["last"].bottom < line.size * 0.9
            ):
                o["text"] = join_line(o["text"], line.text, self.vocabulary)
                o["last"] = line
                return
            self._start(BlockKind.HEADING, line, line.text, level=level)
            return

        bullet = bullet_length(line.text)
        if bullet:
            self._start(BlockKind.LIST_ITEM, line, line.text[bullet:])
            return
        numbered = _NUMBER_START.match(line.text)
        if numbered and self._starts_fresh(line, previous):
            # "1.1 This document ..." outside a list is a numbered paragraph, not a list item
            paragraph = _PARAGRAPH_NUMBER.match(line.text) and not self._in_list(line)
            self._start(BlockKind.PARAGRAPH if paragraph else BlockKind.LIST_ITEM, line, line.text)
            return
        if o and o["kind"] is not BlockKind.HEADING and self._continues(o, line):
            o["text"] = join_line(o["text"], line.text, self.vocabulary)
            o["last"] = line
            o.pop("page_break", None)
            return
        self._start(BlockKind.PARAGRAPH, line, line.text)

    def _in_list(self, line: Line) -> bool:
        """Whether `line` may belong to a list under way: the block above is a list item set no
        further right than the line, or a lead-in ending in ':'."""
        last = self.open or (self.blocks[-1].__dict__ if self.blocks else None)
        if not last:
            return False
        if last["kind"] is BlockKind.LIST_ITEM:
            return line.x0 > self.list_x0 - 3
        return last["kind"] is BlockKind.PARAGRAPH and last["text"].rstrip().endswith(":")

    def _starts_fresh(self, line: Line, previous: Line | None) -> bool:
        o = self.open
        if o is None or previous is None or o.get("page_break"):
            return (
                o is None
                or o["text"].rstrip().endswith(_TERMINAL)
                or o["kind"] is BlockKind.HEADING
                or (o["kind"] is BlockKind.LIST_ITEM and abs(line.x0 - o["x0"]) < 3)
            )
        if o["kind"] is BlockKind.LIST_ITEM and abs(line.x0 - o["x0"]) < 3:
            return True  # the next item of a list set at the same indent
        if o["kind"] is BlockKind.LIST_ITEM and line.x0 > o["x0"] + 3:
            return True  # a nested item ("1.1." under "1.")
        if o["kind"] is BlockKind.HEADING:
            return True  # a list straight under its heading
        gap = line.top - previous.bottom
        return gap > line.size * self.line_gap or previous.text.rstrip().endswith(_TERMINAL)

    def _continues(self, o: dict, line: Line) -> bool:
        last: Line = o["last"]
        if abs(line.size - o["size"]) > self.size_tolerance:
            return False
        if o.get("page_break"):
            # across a page break: same indentation family, and the text was unfinished
            if o["kind"] is BlockKind.LIST_ITEM:
                return line.x0 > o["x0"] + 3
            return abs(line.x0 - o["x0"]) < 20 or line.text[:1].islower()
        if line.page != last.page:
            return False
        gap = line.top - last.bottom
        if gap > line.size * self.line_gap or gap < -line.size:
            return False
        if o["kind"] is BlockKind.LIST_ITEM:
            return line.x0 > o["x0"] + 3
        return line.x0 > o["x0"] - 3 or abs(line.x0 - last.x0) < 3

    def _emit_table(self, table: Table) -> None:
        continued = self._continues_table(table)
        headers: tuple[str, ...] = ()
        table_header: tuple[str, ...] | None = None
        if continued and self._last_table is not None:
            _, headers, table_header = self._last_table
        previous_was_header = False
        for row in table.rows:
            if row.header or repeats_header(row.cells, headers):
                if continued and row.cells in (headers, table_header):
                    continue  # the table's header repeated at the top of a new page
                upper = headers if previous_was_header else ()
                headers = stack_headers(upper, row.cells)
                table_header = table_header or row.cells
                self.blocks.append(
                    Block(
                        kind=BlockKind.TABLE_ROW,
                        text=" | ".join(c for c in row.cells if c),
                        page=table.page,
                        cells=row.cells,
                        headers=upper,
                    )
                )
                previous_was_header = True
                continue
            previous_was_header = False
            cells = row.cells
            page_of: int | None = table.page
            previous = self.blocks[-1] if self.blocks else None
            if continued and previous is not None and previous.headers and _split_row(previous.cells, cells):
                cells = tuple(join_line(a, b, self.vocabulary) for a, b in zip(previous.cells, cells, strict=True))
                page_of = previous.page
                self.blocks.pop()
            continued = False
            self.blocks.append(
                Block(
                    kind=BlockKind.TABLE_ROW,
                    text=" | ".join(c for c in cells if c),
                    page=page_of,
                    cells=cells,
                    headers=headers,
                )
            )
        self._last_table = (table, headers, table_header)

    def _continues_table(self, table: Table) -> bool:
        """Whether this table goes on from the last one on the previous page (or column)."""
        if self._last_table is None:
            return False
        previous = self._last_table[0]
        return (
            (previous.page == table.page - 1 or (previous.page == table.page and previous.region < table.region))
            and previous.columns == table.columns
            and bool(self.blocks)
            and self.blocks[-1].kind is BlockKind.TABLE_ROW
        )


def _split_row(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Whether `after` (top of a page) is the rest of row `before` cut by the page break."""
    if len(before) != len(after):
        return False
    first = next((c for c in after if c), "")
    if not after[0] or first[:1].islower():
        return True
    filled = [c for c in before if c]
    return bool(filled) and all(len(c.split()) >= 2 and not c.endswith(_TERMINAL) for c in filled)
