"""The words of the domain the search box and the linker share: acronyms both ways, question
words and filter names (from `index/data/query.yaml`). No search engine is needed to use it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from core.periods import periods_in

QUERY_DATA = Path(__file__).resolve().parent / "data" / "query.yaml"


def plain(text: str) -> str:
    """Lower case, apostrophes unified, punctuation as spaces."""
    return re.sub(r"[^\w&']+", " ", text.lower().replace("’", "'")).strip()


@dataclass(frozen=True)
class Vocabulary:
    """Acronyms both ways, question words, field aliases."""

    acronyms: dict[str, tuple[str, ...]]  # "mash" -> ("multi agency safeguarding hub",)
    expansions: dict[tuple[str, ...], str]  # ("multi", "agency", "safeguarding", "hub") -> "mash"
    question_words: frozenset[str]
    field_aliases: dict[str, str]
    question_starts: frozenset[str]  # a query starting with one of these reads as a question
    question_fillers: frozenset[str]  # dropped from questions only
    question_min_words: int  # a query this long reads as a question
    answer_kinds: dict[str, tuple[str, ...]]  # "number" -> ("how many", ...): what a question asks for
    patterns: tuple[tuple[str, re.Pattern], ...]  # ("acrmash", MASH or any of its long forms)
    forms: dict[str, tuple[str, ...]]  # "acrmash" -> ("MASH", "multi-agency safeguarding hub")

    @staticmethod
    def token(acronym: str) -> str:
        """The single word an acronym and its long forms are indexed under ("CP-IS" -> "acrcpis")."""
        return "acr" + re.sub(r"[^0-9a-z]", "", acronym.lower())


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = yaml.safe_load(QUERY_DATA.read_text(encoding="utf-8"))
    acronyms, expansions, patterns, forms = {}, {}, [], {}
    for acronym, longs in raw["acronyms"].items():
        key = acronym.lower()
        acronyms[key] = tuple(plain(x) for x in longs)
        for long in longs:
            expansions[tuple(plain(long).split())] = key
        token = Vocabulary.token(acronym)
        alternatives = "|".join(r"[\s,–-]+".join(re.escape(w) for w in plain(long).split()) for long in longs)
        # the acronym as written (case matters: SEND, not send) or any long form in any case
        patterns.append((token, re.compile(rf"(?<![\w-])(?:{re.escape(acronym)}s?|(?i:{alternatives}))(?![\w-])")))
        forms[token] = (acronym, *longs)
    question = raw.get("question") or {}
    return Vocabulary(
        acronyms,
        expansions,
        frozenset(raw["question_words"]),
        dict(raw["field_aliases"]),
        frozenset(str(w).lower() for w in question.get("starts", ())),
        frozenset(str(w).lower() for w in question.get("fillers", ())),
        int(question.get("min_words", 6)),
        {kind: tuple(plain(lead) for lead in leads) for kind, leads in (raw.get("answer_kinds") or {}).items()},
        tuple(patterns),
        forms,
    )


_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,])")
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*%?(?![\w])")
_MONTH = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I
)


def answer_kind_tokens(text: str) -> str:
    """The index words for the kinds of answer a text holds: "ansnumber" for a figure that is not
    a year or a numbered point, "ansdate" for a year or a month."""
    kinds = []
    figures = [f for f in _FIGURE.findall(text) if not _YEAR.fullmatch(f)]
    if any(len(f) > 1 or f.endswith("%") for f in figures) or len(figures) > 1:
        kinds.append("ansnumber")
    if _YEAR.search(text) or _MONTH.search(text):
        kinds.append("ansdate")
    return " ".join(kinds)


def answer_kind(text: str) -> str | None:
    """What kind of answer a question asks for ("number", "date"), from how it starts."""
    start = plain(text)
    for kind, leads in vocabulary().answer_kinds.items():
        if any(start == lead or start.startswith(lead + " ") for lead in leads):
            return kind
    return None


def period_token(period: str) -> str:
    """The single word a period is indexed under, however it is written ("2013-14", "2013/2014",
    "2013 - 14" -> "span201314"): looking up a word is much faster than a phrase on a large index."""
    return "span" + re.sub(r"\D", "", period)


def period_tokens(text: str) -> str:
    """The period words to index with a text: one for each year range it names."""
    return " ".join(period_token(p) for p in periods_in(text, consecutive=False))


def acronym_tokens(text: str) -> str:
    """The acronym words to index with a text: one for each use of an acronym in any form."""
    return " ".join(token for token, pattern in vocabulary().patterns for _ in pattern.findall(text))
