"""The tagger's data: cue lists, bodies and themes loaded from `tagging/data/`.

Everything a domain expert may want to tune lives in those YAML files; this module only
compiles them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from core.digest import files_digest
from core.model import Kind
from core.periods import due_value

DATA_DIR = Path(__file__).parent / "data"
DATA_FILES = ("cues.yaml", "bodies.yaml", "themes.yaml", "attribution.yaml")
TAGGER_SOURCES = ("pipeline.py", "classify.py", "attributes.py", "rules.py")

Patterns = tuple[re.Pattern, ...]


def _regexes(patterns: Iterable[str], flags: int = re.I) -> Patterns:
    return tuple(re.compile(p, flags) for p in patterns)


@dataclass(frozen=True)
class Rules:
    """Compiled cue lists and patterns."""

    lead_in_kinds: tuple[tuple[Kind, Patterns], ...]
    done_leadins: Patterns
    descriptive_leadins: Patterns
    inline_heads: Patterns
    done_item_start: re.Pattern
    action_taken_leadins: Patterns
    heading_leadins: Patterns
    announcing: Patterns
    recommendation_cues: Patterns
    action_cues: Patterns
    reported_action_cues: Patterns
    agents: Patterns
    dated_step: re.Pattern
    imperative_start: re.Pattern
    future_sections: Patterns
    not_action_patterns: Patterns
    not_action_sections: Patterns
    statutory: Patterns
    quotation_openers: Patterns
    past_need: Patterns
    procedural: Patterns
    questions: Patterns
    priority_patterns: Patterns
    table_headers: tuple[tuple[Kind, re.Pattern], ...]
    due: Patterns
    bodies: dict[str, tuple[str, ...]]
    body_sections: tuple[tuple[re.Pattern, str], ...]
    generic_bodies: Patterns
    themes: dict[str, tuple[str, ...]]

    @staticmethod
    def any(patterns: Patterns, text: str | None) -> bool:
        return bool(text) and any(p.search(text) for p in patterns)

    @staticmethod
    def first(patterns: Patterns, text: str) -> int | None:
        """Where the earliest match of any pattern starts (None: no match)."""
        starts = [m.start() for p in patterns if (m := p.search(text))]
        return min(starts) if starts else None


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile the data files once per process."""
    cues = yaml.safe_load((DATA_DIR / "cues.yaml").read_text(encoding="utf-8"))
    bodies = yaml.safe_load((DATA_DIR / "bodies.yaml").read_text(encoding="utf-8"))
    themes = yaml.safe_load((DATA_DIR / "themes.yaml").read_text(encoding="utf-8"))
    verbs = "|".join(cues["imperative_starts"])
    return Rules(
        lead_in_kinds=tuple((Kind(kind), _regexes(p)) for kind, p in cues["lead_in_kinds"].items()),
        done_leadins=_regexes(cues["done_leadins"]),
        descriptive_leadins=_regexes(cues["descriptive_leadins"]),
        inline_heads=_regexes(cues["inline_heads"]),
        done_item_start=re.compile(cues["done_item_start"]),
        action_taken_leadins=_regexes(cues["action_taken_leadins"]),
        heading_leadins=_regexes(cues["heading_leadins"]),
        announcing=_regexes(cues["announcing"]),
        recommendation_cues=_regexes(cues["recommendation_cues"]),
        action_cues=_regexes(cues["action_cues"]),
        reported_action_cues=_regexes(cues["reported_action_cues"]),
        agents=_regexes(cues["agents"]),
        dated_step=re.compile(cues["dated_step"], re.I),
        imperative_start=re.compile(r"^(?:\(?[0-9a-z]{1,2}[.)]\s*)?(?:" + verbs + r")\b", re.I),
        future_sections=_regexes(cues["future_sections"]),
        not_action_patterns=_regexes(cues["not_action_patterns"]),
        not_action_sections=_regexes(cues["not_action_sections"]),
        statutory=_regexes(cues["statutory_patterns"]),
        quotation_openers=_regexes(cues["quotation_openers"]),
        past_need=_regexes(cues["past_need_patterns"]),
        procedural=_regexes(cues["procedural_patterns"]),
        questions=_regexes(cues["question_patterns"]),
        priority_patterns=_regexes(cues["priority_patterns"]),
        table_headers=tuple((Kind(k), re.compile(p, re.I)) for k, p in cues["table_headers"].items()),
        due=_regexes(cues["due"]),
        bodies={name: tuple(spec.get("aliases", [])) for name, spec in bodies["bodies"].items()},
        body_sections=tuple(
            (re.compile(p, re.I), name)
            for name, spec in bodies["bodies"].items()
            for p in spec.get("section_patterns", [])
        ),
        generic_bodies=_regexes(bodies["generic_bodies"], 0),
        themes={name: tuple(terms) for name, terms in themes.items()},
    )


def rules_version() -> str:
    """A digest of the data files and the tagger's own code: items are re-tagged when it changes
    (so an upgrade that tags differently never leaves old items behind)."""
    here = Path(__file__).parent
    return files_digest([*(DATA_DIR / name for name in DATA_FILES), *(here / source for source in TAGGER_SOURCES)])


def normalise_due(text: str, rules: Rules) -> str | None:
    """The first due date or period in text: "by September 2025" -> "2025-09",
    "by 31st March 25" -> "2025-03-31", "in 2025-26" or "25/26" -> "2025-26"."""
    for pattern in rules.due:
        values = [v for v in (due_value(**m.groupdict()) for m in pattern.finditer(text)) if v]
        if values:
            return max(values)  # "improvements in 24/25 ... momentum in 25/26": the later one is due
    return None


@lru_cache(maxsize=1)
def _theme_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(
        (name, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.I))
        for name, terms in load_rules().themes.items()
    )


def themes_in(text: str) -> tuple[str, ...]:
    """The taxonomy themes a passage mentions (same phrases as the tagger's)."""
    return tuple(name for name, pattern in _theme_patterns() if pattern.search(text))


def theme_for(term: str) -> str | None:
    """The theme a user's word names, directly or by synonym ("cse" -> exploitation ...)."""
    term = term.strip().lower()
    themes = load_rules().themes
    if term in themes:
        return term
    for name, terms in themes.items():
        if term in terms:
            return name
    return None
