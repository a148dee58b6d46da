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
from core.periods import find_dates, find_period

DATA = Path(__file__).resolve().parent / "data" / "metadata.yaml"
DATE_REACH = 15  # characters between a cue ("Meeting date:", "published on") and its date
TYPE_ORDER = (
    DocumentType.MINUTES,
    DocumentType.INSPECTION_REPORT,
    DocumentType.SCRUTINEER_REPORT,
    DocumentType.ARRANGEMENTS,
    DocumentType.ANNUAL_REPORT,
)
_WORD = r"[A-Z][A-Za-z'’-]+"
_AREA = rf"((?:{_WORD}(?:\s+(?:and|upon|on|in|of|&)\s+|[\s-]+)){{0,3}}{_WORD})"
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
_STALE_TITLE = re.compile(r"^(microsoft word\s*-|document\d*$|untitled|title$|template)", re.I)


@dataclass(frozen=True)
class _Patterns:
    types: dict[DocumentType, tuple[re.Pattern, ...]]
    meeting_dates: tuple[re.Pattern, ...]
    publication_dates: tuple[re.Pattern, ...]
    not_areas: frozenset[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    compile_all = lambda items: tuple(re.compile(p, re.I | re.M) for p in items)
    return _Patterns(
        types={t: compile_all(raw[t.value if t is not DocumentType.MINUTES else "meeting"]) for t in TYPE_ORDER},
        meeting_dates=compile_all(raw["date_cues"]["meeting"]),
        publication_dates=compile_all(raw["date_cues"]["publication"]),
        not_areas=frozenset(raw["not_areas"]),
    )


def detect_metadata(
    properties: dict[str, str],
    front_text: str,
    blocks: list[Block],
    path: Path,
    overrides: dict | None = None,
    source: str = Source.SIDECAR.value,
) -> DocumentMeta:
    """Combine text, file properties and overrides (sidecar or flag) into DocumentMeta."""
    values: dict[str, tuple[object, str]] = {}
    title, title_source = _title(properties, blocks, path)
    values["title"] = (title, title_source)
    headings = [b.text for b in blocks if b.kind is BlockKind.HEADING][:60]
    front = front_text[:4000]
    doc_type = _type(title, front)
    values["type"] = (doc_type.value, Source.TEXT.value)
    all_text = "\n".join(b.text for b in blocks)

    when = _date(doc_type, front, all_text)
    if when:
        values["date"] = (when, Source.TEXT.value)
    else:
        prop_date = _property_date(properties)
        if prop_date:
            values["date"] = (prop_date, Source.PROPERTIES.value)

    period = find_period(title) or find_period(front[:600])
    if period is None and doc_type is DocumentType.MINUTES:
        period = next((p for p in (find_period(h) for h in headings) if p), None)
    if period is None and doc_type is not DocumentType.MINUTES:
        period = find_period(front) or next((p for p in (find_period(h) for h in headings[:5]) if p), None)
    if period:
        values["period"] = (period, Source.TEXT.value)

    publisher = _publisher(f"{title}\n{front}")
    if publisher:
        values["publisher"] = (publisher, Source.TEXT.value)
    elif properties.get("Author") and _PUBLISHER.search(properties["Author"]):
        values["publisher"] = (properties["Author"].strip(), Source.PROPERTIES.value)

    area = partnership_of(f"{title}\n{front}", all_text)
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


def _title(properties: dict[str, str], blocks: list[Block], path: Path) -> tuple[str, str]:
    title = clean_title(properties.get("Title", ""))
    if title and not _STALE_TITLE.match(title) and title.lower() != path.stem.lower():
        return title, Source.PROPERTIES.value
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


def clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title or "").strip()


def _type(title: str, front: str) -> DocumentType:
    patterns = _patterns().types
    head = front[:1500]
    # Meeting markings decide first, wherever the title says which report is discussed.
    if any(p.search(title) or p.search(head) for p in patterns[DocumentType.MINUTES]):
        return DocumentType.MINUTES
    for doc_type in TYPE_ORDER[1:]:
        if any(p.search(title) for p in patterns[doc_type]):
            return doc_type
    for doc_type in TYPE_ORDER[1:]:
        if any(p.search(head) for p in patterns[doc_type]):
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


def _publisher(text: str) -> str | None:
    for m in _PUBLISHER.finditer(text):
        if m.group(3):
            return m.group(3)
        name = m.group(1)
        area = _clean_area(m.group(2))
        if area:
            return name[name.index(area) :] if area in name else name
    return None
