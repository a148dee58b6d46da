"""Detect a document's type, period, date, publisher and partnership, saying where each came from.

Sources in order of trust: a `--partnership` flag, the sidecar (corpus/metadata.yaml), the
text (title, first page, headings, a dated sentence anywhere), then the file's properties.
A meeting record is recognised by its own markings whatever report it discusses; its date is
the meeting's, its period the one it discusses. Nothing is invented from a file's dates: a
value the text does not give stays empty (or, for a date, comes from the file's properties
and is shown as such).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from core.model import Block, BlockKind, DocumentMeta, DocumentType, Source
from core.periods import find_dates, find_period, month_date, period_years

DATA = Path(__file__).resolve().parent / "data" / "metadata.yaml"
TITLE_LINES = 3  # a printed title is set over at most this many lines
DATE_REACH = 15  # characters between a cue ("Meeting date:", "published on") and its date
TYPE_ORDER = (
    DocumentType.MINUTES,
    DocumentType.INSPECTION_REPORT,
    DocumentType.SCRUTINEER_REPORT,
    DocumentType.ARRANGEMENTS,
    DocumentType.ANNUAL_REPORT,
)
_WORD = r"[A-Z][A-Za-z'’-]+"
_GAP = r"[ \t\u00a0]"  # names do not run across lines: "FINAL\nCalderbrook" is not one
_AREA = rf"((?:{_WORD}(?:{_GAP}+(?:and|upon|on|in|of|&){_GAP}+|(?:{_GAP}|-)+)){{0,3}}{_WORD})"
_PARTNERSHIP = re.compile(
    rf"\b{_AREA}\s+(?:Safeguarding\s+Children(?:'s)?\s+(?:Partnership|Board)|"
    r"Children(?:'s)?\s+Safeguarding\s+(?:Partnership|Board)|Local\s+Safeguarding\s+Children\s+"
    r"(?:Partnership|Board))\b"
)
_PARTNERS_FOR = re.compile(rf"\bSafeguarding\s+(?:Children\s+)?Partners\s+for\s+{_AREA}\b")
_COUNCIL = re.compile(rf"\b{_AREA}\s+(?:(?:County|Borough|City|District|Metropolitan\s+Borough|Unitary)\s+)?Council\b")
_PUBLISHER = re.compile(
    rf"\b({_AREA}\s+(?:Safeguarding\s+Children(?:'s)?\s+(?:Partnership|Board)|"
    r"(?:(?:County|Borough|City|District|Metropolitan\s+Borough)\s+)?Council))\b|\b(Ofsted|HMICFRS)\b"
)
_STALE_TITLE = re.compile(
    r"^(microsoft word\s*-|document\d*$|untitled|title$|template|(scan|img|image|doc)[\s_-]*\d+$)"
    r"|\b(draft|final|template|v\d+(\.\d+)?)\b",
    re.I,
)
_CAPITALS = re.compile(r"\b[A-Z][A-Z'’&-]+(?:[ \t]+[A-Z][A-Z'’&-]+)+\b")


@dataclass(frozen=True)
class _Patterns:
    types: dict[DocumentType, tuple[re.Pattern, ...]]
    meeting_dates: tuple[re.Pattern, ...]
    publication_dates: tuple[re.Pattern, ...]
    discussed_report: re.Pattern
    inspectorates: re.Pattern
    not_areas: frozenset[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    compile_all = lambda items: tuple(re.compile(p, re.I | re.M) for p in items)
    return _Patterns(
        types={t: compile_all(raw[t.value if t is not DocumentType.MINUTES else "meeting"]) for t in TYPE_ORDER},
        meeting_dates=compile_all(raw["date_cues"]["meeting"]),
        publication_dates=compile_all(raw["date_cues"]["publication"]),
        discussed_report=re.compile(raw["discussed_report"], re.I),
        inspectorates=re.compile(r"\b(" + "|".join(re.escape(n) for n in raw["inspectorates"]) + r")\b"),
        not_areas=frozenset(raw["not_areas"]),
    )


def detect_metadata(
    properties: dict[str, str],
    front_text: str,
    blocks: list[Block],
    path: Path,
    overrides: dict | None = None,
    source: str = Source.SIDECAR.value,
    notes: list[str] | None = None,
) -> DocumentMeta:
    """Combine text, file properties and overrides (sidecar or flag) into DocumentMeta.

    A decision worth telling the user (a file date not used) is appended to `notes`.
    """
    values: dict[str, tuple[object, str]] = {}
    headings = [b.text for b in blocks if b.kind is BlockKind.HEADING][:60]
    front = front_text[:4000]
    all_text = "\n".join(b.text for b in blocks)
    text_period = find_period(front[:600])
    title, title_source = _title(properties, blocks, path, text_period)
    values["title"] = (title, title_source)
    doc_type = _type(title, front)
    values["type"] = (doc_type.value, Source.TEXT.value)

    period = _period(doc_type, title if title_source == Source.TEXT.value else "", front, all_text, headings)
    if period is None and title_source == Source.PROPERTIES.value:
        period = find_period(title)
    if period:
        values["period"] = (period, Source.TEXT.value)

    when = _date(doc_type, front, all_text)
    if when:
        values["date"] = (when, Source.TEXT.value)
    else:
        prop_date = _property_date(properties)
        if prop_date and _plausible(prop_date, period):
            values["date"] = (prop_date, Source.PROPERTIES.value)
        elif prop_date and notes is not None:
            notes.append(f"the file's own date ({prop_date}) is not used: too far from the period {period}")

    # a meeting record's letterhead names its council before the report it discusses
    named = _capitalised(f"{front}\n{title}" if doc_type is DocumentType.MINUTES else f"{title}\n{front}")
    publisher = _publisher(named, doc_type, _capitalised(all_text))
    if publisher:
        values["publisher"] = (publisher, Source.TEXT.value)
    elif properties.get("Author") and _PUBLISHER.search(properties["Author"]):
        values["publisher"] = (properties["Author"].strip(), Source.PROPERTIES.value)

    area = partnership_of(named, _capitalised(all_text))
    if area:
        values["partnership"] = (area, Source.TEXT.value)
    elif properties.get("Author"):
        author_area = partnership_of(properties["Author"], "")
        if author_area:
            values["partnership"] = (author_area, Source.PROPERTIES.value)

    meta = DocumentMeta()
    for name, (value, how) in values.items():
        meta = meta.with_values({name: value}, how)
    if overrides:
        meta = meta.with_values(overrides, source)
    return meta


def _period(doc_type: DocumentType, title: str, front: str, all_text: str, headings: list[str]) -> str | None:
    """The period a document covers or, for a meeting record, the one of the report it discusses."""
    if doc_type is DocumentType.MINUTES:
        return (
            find_period(title)
            or next((p for p in (find_period(h) for h in headings) if p), None)  # the item's heading
            or _discussed_period(front)
            or _discussed_period(all_text)
            or find_period(front[:600])
        )
    return (
        find_period(title)
        or find_period(front[:600])
        or find_period(front)
        or next((p for p in (find_period(h) for h in headings[:5]) if p), None)
    )


def _discussed_period(text: str) -> str | None:
    """The period of the first report a text names with one ("the annual report for 2020-21")."""
    for m in _patterns().discussed_report.finditer(text):
        period = find_period(text[max(0, m.start() - 12) : m.end() + 40])
        if period:
            return period
    return None


def _plausible(iso: str, period: str | None) -> bool:
    """Whether a file's own date can be the document's: not before its period began, nor more
    than two years after it ended (a file saved again years later is not a publication)."""
    span = period_years(period)
    if span is None:
        return True
    return f"{span[0]}-04-01" <= iso <= f"{span[1] + 2}-03-31"


def _capitalised(text: str) -> str:
    """Names set in capitals read as names: "NORTHMOOR COUNTY COUNCIL" -> "Northmoor County Council"
    (acronyms of three letters or fewer, such as NHS, stay)."""
    return _CAPITALS.sub(lambda m: " ".join(w.capitalize() if len(w) > 3 else w for w in m.group(0).split()), text)


def _title(properties: dict[str, str], blocks: list[Block], path: Path, text_period: str | None) -> tuple[str, str]:
    """The file's title property unless it is stale (a template's, a draft's, another year's),
    else the printed title (the lines the document opens with), else the file name (a guess)."""
    title = clean_title(properties.get("Title", ""))
    other_year = bool(text_period) and find_period(title) not in (None, text_period)
    printed = _printed_title(blocks)
    fuller = bool(printed) and title.lower() in (printed or "").lower()  # "Annual Report" in the printed one
    stale = bool(_STALE_TITLE.search(title)) or title.lower() == path.stem.lower() or other_year or fuller
    if title and not stale:
        return title, Source.PROPERTIES.value
    if printed:
        return printed, Source.TEXT.value
    front = [b for b in blocks[:12] if b.kind is BlockKind.HEADING]
    if front:
        # A title set over two heading lines ("Annual Report" / "2016-17") reads as one.
        first = front[0]
        joined = first.text
        for nxt in front[1:3]:
            if nxt.level == first.level and len(joined) + len(nxt.text) < 120 and nxt.text.lower() != "contents":
                joined = f"{joined} {nxt.text}"
        return joined, Source.TEXT.value
    return path.stem.replace("-", " ").replace("_", " "), Source.GUESS.value


def _printed_title(blocks: list[Block]) -> str | None:
    """The short lines a document opens with ("Calderbrook Borough Council" / "Cabinet: Record
    of Decision"), up to the first line that is a date, a label ("Meeting: ..."), a name with
    its role ("Dr Ruth Okafor, Independent Scrutineer") or a sentence."""
    parts: list[str] = []
    for block in blocks[:TITLE_LINES]:
        text = block.text.strip()
        ends = text.endswith((".", ";", "?", "!"))
        label = ":" in text and (parts or block.kind is not BlockKind.HEADING)
        dated = bool(find_dates(text) or month_date(text))
        if block.kind is BlockKind.TABLE_ROW or len(text.split()) > 12 or ends or label or dated or "," in text:
            break
        parts.append(text)
    return " ".join(parts) if parts else None


def clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title or "").strip()


def _type(title: str, front: str) -> DocumentType:
    patterns = _patterns().types
    head = front[:1500]
    # Meeting markings decide first, wherever the title says which report is discussed.
    if any(p.search(title) or p.search(head) for p in patterns[DocumentType.MINUTES]):
        return DocumentType.MINUTES
    for text in (title, front[:300], head):  # the title, the title page, then the first page
        for doc_type in TYPE_ORDER[1:]:
            if any(p.search(text) for p in patterns[doc_type]):
                return doc_type
    return DocumentType.OTHER


def _date(doc_type: DocumentType, front: str, all_text: str) -> str | None:
    """The meeting date of a meeting record, or the publication date a report states."""
    p = _patterns()
    cues = p.meeting_dates if doc_type is DocumentType.MINUTES else p.publication_dates
    for text in (front, all_text):
        dates = find_dates(text)
        best: tuple[int, str] | None = None
        for rank, cue in enumerate(cues):
            for m in cue.finditer(text):
                after = [(pos, iso) for pos, iso in dates if m.end() - 1 <= pos <= m.end() + DATE_REACH]
                if after and (best is None or rank < best[0]):
                    best = (rank, after[0][1])
        if best:
            return best[1]
        if doc_type is DocumentType.MINUTES and text is front and dates:
            return dates[0][1]  # a meeting record's first date is its meeting's
    return None


def _property_date(properties: dict[str, str]) -> str | None:
    for key in ("CreationDate", "Created", "ModDate", "Modified"):
        value = properties.get(key) or ""
        match = re.match(r"^D?:?(\d{4})-?(\d{2})-?(\d{2})", value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            if 1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _clean_area(name: str) -> str | None:
    words = name.split()
    not_areas = _patterns().not_areas
    # a name ends a run of capitalised words: "Keeping Harrowdene's Children Safe Harrowdene" -> "Harrowdene"
    breaks = [i for i, w in enumerate(words) if w.lower() in not_areas - {"and", "of"} or re.search(r"['’]s$", w)]
    if breaks and breaks[-1] < len(words) - 1:
        words = words[breaks[-1] + 1 :]
    while words and words[0].lower() in not_areas:
        words = words[1:]
    while words and words[-1].lower() in not_areas:
        words = words[:-1]
    area = " ".join(words)
    return area if area and area.lower() not in not_areas else None


def partnership_of(front: str, all_text: str) -> str | None:
    """The area a document is about: the most named in "<Area> Safeguarding Children
    Partnership/Board" or "<Area> Council", the front page counting three times."""
    counts: Counter[str] = Counter()
    for text, weight in ((front, 3), (all_text, 1)):
        for pattern, strength in ((_PARTNERSHIP, 2), (_PARTNERS_FOR, 2), (_COUNCIL, 1)):
            for m in pattern.finditer(text):
                area = _clean_area(m.group(1))
                if area:
                    counts[area] += weight * strength
    return counts.most_common(1)[0][0] if counts else None


def _publisher(front: str, doc_type: DocumentType, all_text: str) -> str | None:
    """Who published it: an inspection report's inspectorate, else the first body the front
    page names (a council's letterhead on its minutes, the partnership on its report)."""
    if doc_type is DocumentType.INSPECTION_REPORT:
        for text in (front, all_text):
            found = _patterns().inspectorates.search(text)
            if found:
                return found.group(1)
    for m in _PUBLISHER.finditer(front):
        if m.group(3):
            return m.group(3)
        name = m.group(1)
        area = _clean_area(m.group(2))
        if area:
            return name[name.index(area) :] if area in name else name
    return None
