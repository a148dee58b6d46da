"""What a passage says happened (its status signal) and what kind of section it sits in,
from the cues in linking/data/linking.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from core.digest import files_digest
from core.model import Status
from core.passages import passages_version

DATA = Path(__file__).resolve().parent / "data" / "linking.yaml"
LINKING_SOURCES = ("linker.py", "retrieval.py", "signals.py", "model.py", "related.py")
NEGATION_WINDOW = 40  # characters before a cue, within its clause, searched for a negation


@dataclass(frozen=True)
class LinkingRules:
    cues: tuple[tuple[Status, re.Pattern], ...]
    negations: tuple[re.Pattern, ...]
    concessive: tuple[re.Pattern, ...]
    section_kinds: tuple[tuple[str, re.Pattern], ...]
    update_headers: re.Pattern
    generic_words: frozenset[str]
    bias: float
    weights: dict[str, float]
    threshold: float
    implemented_confidence: float
    listed: float
    per_document: int
    candidates: int
    max_documents: int
    max_term_share: float


@lru_cache(maxsize=1)
def linking_rules() -> LinkingRules:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return LinkingRules(
        cues=tuple(
            (Status(status), re.compile(p, re.I)) for status in raw["status_cues"] for p in raw["status_cues"][status]
        ),
        negations=tuple(re.compile(p, re.I) for p in raw["negations"]),
        concessive=tuple(re.compile(p, re.I) for p in raw["concessive_openings"]),
        section_kinds=tuple((name, re.compile(spec["pattern"], re.I)) for name, spec in raw["section_kinds"].items()),
        update_headers=re.compile(raw["update_headers"], re.I),
        generic_words=frozenset(raw["generic_words"]),
        bias=float(raw["features"]["bias"]),
        weights={k: float(v) for k, v in raw["features"]["weights"].items()},
        threshold=float(raw["threshold"]),
        implemented_confidence=float(raw["implemented_confidence"]),
        listed=float(raw["listed"]),
        per_document=int(raw["per_document"]),
        candidates=int(raw["candidates"]),
        max_documents=int(raw["max_documents"]),
        max_term_share=float(raw["max_term_share"]),
    )


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A digest of linking.yaml, the trained model, linking's own code and the passages it ranks:
    links are remade when any of them changes."""
    here = Path(__file__).parent
    code = files_digest([DATA, DATA.with_name("model.json"), *(here / source for source in LINKING_SOURCES)])
    return f"{code}{passages_version()}"


@lru_cache(maxsize=50_000)
def status_signal(text: str) -> tuple[Status | None, str | None]:
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
        found = sorted(
            (m.start(), -m.end(), status.value, m.group(0))
            for status, p in rules.cues
            for m in p.finditer(sentence, start)
        )
        if found:
            position, end, status, words = found[0]
            for other in found[1:]:  # a cue overlapping the first and reaching further is more specific
                if other[0] < -end and other[1] < end:
                    position, end, status, words = other
            if status in (Status.IMPLEMENTED.value, Status.IN_PROGRESS.value) and _negated(sentence, position, rules):
                return Status.NOT_IMPLEMENTED, f"not … {words}"
            return Status(status), words
    return None, None


def _negated(sentence: str, position: int, rules: LinkingRules) -> bool:
    before = sentence[max(0, position - NEGATION_WINDOW) : position]
    clause = re.split(r"[,;:]", before)[-1]
    return any(p.search(clause) for p in rules.negations)


def section_kind(section: str) -> str | None:
    """The kind of section a passage sits in: progress, challenges or future (or None)."""
    for name, pattern in linking_rules().section_kinds:
        if pattern.search(section or ""):
            return name
    return None
