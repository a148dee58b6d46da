"""The status signal of an evidence passage, from its wording (cues in linking/data/linking.yaml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "linking.yaml"
STATUSES = ("implemented", "in_progress", "not_implemented", "superseded")
NEGATION_WINDOW = 40   # characters before a cue, within its clause, searched for a negation


@dataclass(frozen=True)
class LinkingRules:
    cues: tuple[tuple[str, re.Pattern], ...]
    negations: tuple[re.Pattern, ...]
    concessive: tuple[re.Pattern, ...]
    section_kinds: tuple[tuple[str, re.Pattern, float], ...]
    update_headers: re.Pattern
    generic_words: frozenset[str]
    weights: dict[str, float]
    min_score: float
    per_document: int
    key_terms: int


@lru_cache(maxsize=1)
def linking_rules() -> LinkingRules:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return LinkingRules(
        cues=tuple((status, re.compile(p, re.I)) for status in raw["status_cues"] for p in raw["status_cues"][status]),
        negations=tuple(re.compile(p, re.I) for p in raw["negations"]),
        concessive=tuple(re.compile(p, re.I) for p in raw["concessive_openings"]),
        section_kinds=tuple((name, re.compile(spec["pattern"], re.I), float(spec["weight"]))
                            for name, spec in raw["section_kinds"].items()),
        update_headers=re.compile(raw["update_headers"], re.I),
        generic_words=frozenset(raw["generic_words"]),
        weights={k: float(v) for k, v in raw["weights"].items()},
        min_score=float(raw["min_score"]), per_document=int(raw["per_document"]), key_terms=int(raw["key_terms"]),
    )


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A digest of linking.yaml (read once per process, like the rules themselves)."""
    import hashlib

    return hashlib.sha256(DATA.read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=50_000)
def status_signal(text: str) -> tuple[str | None, str | None]:
    """(status, the words that say so) for a passage, or (None, None) when it does not say.

    The first cue after a leading concessive clause wins; an "implemented" or
    "in progress" cue with a negation just before it in the same clause means
    not implemented ("has not been completed").
    """
    rules = linking_rules()
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        start = 0
        for pattern in rules.concessive:
            m = pattern.match(sentence)
            if m:
                start = m.end()
        found = sorted((m.start(), -m.end(), status, m.group(0)) for status, p in rules.cues
                       for m in p.finditer(sentence, start))
        if found:
            position, end, status, words = found[0]
            for other in found[1:]:   # a cue overlapping the first and reaching further is more specific
                if other[0] < -end and other[1] < end:
                    position, end, status, words = other
            if status in ("implemented", "in_progress") and _negated(sentence, position, rules):
                return "not_implemented", f"not … {words}"
            return status, words
    return None, None


def _negated(sentence: str, position: int, rules: LinkingRules) -> bool:
    before = sentence[max(0, position - NEGATION_WINDOW):position]
    clause = re.split(r"[,;:]", before)[-1]
    return any(p.search(clause) for p in rules.negations)


def section_kind(section: str) -> tuple[str | None, float]:
    """The kind of section a passage sits in (progress, challenges, future) and its weight."""
    for name, pattern, weight in linking_rules().section_kinds:
        if pattern.search(section or ""):
            return name, weight
    return None, 0.0
