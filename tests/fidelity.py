"""Helpers to compare ingested blocks with the plain-text seeds (tests only)."""

from __future__ import annotations

import re
import unicodedata

from ingest.structure import split_sentences

_MARKUP = [
    (re.compile(r"<[^>]+>"), " "),  # html tags inside seed tables
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # markdown links
    (re.compile(r"\*\*|__|^#+\s*", re.M), ""),
    (re.compile(r"\[bookmark: [^\]]*\]"), ""),  # pandoc bookmark anchors
    (re.compile(r"\\pm\b"), "±"),
    (re.compile(r"^\s*·\s+"), ""),
]


def seed_cells(seed: str) -> list[str]:
    """The seed's text units: lines, with table rows split into cells."""
    units = []
    for line in seed.splitlines():
        for pattern, repl in _MARKUP:
            line = pattern.sub(repl, line)
        line = re.sub(r"^\s*-\s+", "", line)
        if re.fullmatch(r"[\s|:-]*", line):
            continue
        units.extend(part for part in re.split(r"\t|\s\|\s|^\||\|$", line.strip()) if part.strip())
    return units


def seed_sentences(seed: str, min_words: int = 8) -> list[str]:
    out = []
    for unit in seed_cells(seed):
        out.extend(s for s in split_sentences(unit) if len(s.split()) >= min_words)
    return out


def squash(text: str) -> str:
    """Normalise whitespace, quotes, dashes and hyphenation away: letters and digits only."""
    return re.sub(r"[^0-9a-z]+", "", unicodedata.normalize("NFKC", text).lower())
