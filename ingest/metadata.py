"""Detect a document's type, reporting period, date and publisher.

Sources in order of trust: the sidecar file (corpus/metadata.yaml), the text
("Yearly Report 2024-25", "Minutes of the meeting ... on Tuesday 21 January
2025"), then the file's properties (title, author, creation date).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sgkb.model import Block, BlockKind, DocType, DocumentMeta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)?\d{2})\b")
_MEETING = re.compile(
    rf"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)?,?\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+((?:19|20)\d{{2}})",
    re.I,
)
_TYPE_PATTERNS = [
    (DocType.MINUTES, re.compile(r"\bminutes\b", re.I)),
    (DocType.ARRANGEMENTS, re.compile(r"safeguarding\s+arrangements|\barrangements\b", re.I)),
    (DocType.ANNUAL_REPORT, re.compile(r"\b(?:annual|yearly)\s+report\b", re.I)),
]
_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?")


def detect_metadata(properties: dict, front_text: str, blocks: list[Block], path: Path,
                    sidecar: dict) -> DocumentMeta:
    """Combine text, file properties and sidecar overrides into DocumentMeta."""
    title = clean_title(properties.get("Title", "")) or _first_heading(blocks) or path.stem
    evidence = f"{title}\n{front_text}"
    doc_type = next((t for t, rx in _TYPE_PATTERNS if rx.search(title)), None) or \
        next((t for t, rx in _TYPE_PATTERNS if rx.search(front_text)), DocType.OTHER)
    when = _meeting_date(evidence) if doc_type is DocType.MINUTES else None
    when = when or _property_date(properties)
    period = _period(title) or _period(front_text)
    if period is None and when:
        period = financial_year(when) if doc_type is DocType.MINUTES else when[:4]
    publisher = properties.get("Author") or None
    meta = DocumentMeta(title=title, doc_type=doc_type, period=period, date=when, publisher=publisher)
    return meta.with_overrides(sidecar)


def clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title or "").strip()


def _first_heading(blocks: list[Block]) -> str:
    return next((b.text for b in blocks if b.kind is BlockKind.HEADING), "")


def _period(text: str) -> str | None:
    """"2013-2014", "2013 - 14", "2024/25" -> "2013-14"; a year-range must be consecutive."""
    for match in _PERIOD.finditer(text):
        start, end = int(match.group(1)), match.group(2)
        end_full = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
        if end_full == start + 1:
            return f"{start}-{end_full % 100:02d}"
    return None


def _meeting_date(text: str) -> str | None:
    head = text[:3000]
    anchor = re.search(r"minutes of the meeting", head, re.I)
    match = _MEETING.search(head, anchor.start() if anchor else 0) or _MEETING.search(head)
    if not match:
        return None
    day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _property_date(properties: dict) -> str | None:
    for key in ("CreationDate", "Created", "ModDate", "Modified"):
        value = properties.get(key) or ""
        if re.match(r"^\d{4}-\d{2}-\d{2}", value):
            return value[:10]
        match = _PDF_DATE.match(value)
        if match and match.group(2) and match.group(3):
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
            except ValueError:
                continue
    return None


def financial_year(iso_date: str) -> str:
    """The April-to-March year a date falls in: 2025-01-21 -> "2024-25"."""
    year, month = int(iso_date[:4]), int(iso_date[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}-{(start + 1) % 100:02d}"
