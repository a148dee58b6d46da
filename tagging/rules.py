"""The tagger's data: cue lists, bodies and themes loaded from `tagging/data/`.

Everything a domain expert may want to tune lives in those YAML files; this
module only compiles them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from core.periods import due_value

DATA_DIR = Path(__file__).parent / "data"
DATA_FILES = ("cues.yaml", "bodies.yaml", "themes.yaml")


def _regexes(patterns: list[str]) -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in patterns]


@dataclass(frozen=True)
class Rules:
    """Compiled cue lists and patterns."""

    recommendation_cues: tuple[str, ...]
    action_cues: tuple[str, ...]
    recommendation_leadins: tuple[re.Pattern, ...]
    priority_leadins: tuple[re.Pattern, ...]
    priority_patterns: tuple[re.Pattern, ...]
    priority_table_headers: tuple[re.Pattern, ...]
    action_leadins: tuple[re.Pattern, ...]
    done_leadins: tuple[re.Pattern, ...]
    future_sections: tuple[re.Pattern, ...]
    not_action_sections: tuple[re.Pattern, ...]
    not_action_patterns: tuple[re.Pattern, ...]
    imperative_start: re.Pattern
    past_need: tuple[re.Pattern, ...]
    statutory: tuple[re.Pattern, ...]
    procedural: tuple[re.Pattern, ...]
    questions: tuple[re.Pattern, ...]
    due: tuple[re.Pattern, ...]
    bodies: dict[str, tuple[str, ...]]
    body_sections: tuple[tuple[re.Pattern, str], ...]
    publishers: tuple[tuple[re.Pattern, str], ...]
    themes: dict[str, tuple[str, ...]]

    @staticmethod
    def any(patterns, text: str | None) -> bool:
        return bool(text) and any(p.search(text) for p in patterns)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read and compile the data files once per process."""
    cues = yaml.safe_load((DATA_DIR / "cues.yaml").read_text(encoding="utf-8"))
    bodies = yaml.safe_load((DATA_DIR / "bodies.yaml").read_text(encoding="utf-8"))
    themes = yaml.safe_load((DATA_DIR / "themes.yaml").read_text(encoding="utf-8"))
    return Rules(
        recommendation_cues=tuple(cues["recommendation_cues"]),
        action_cues=tuple(cues["action_cues"]),
        recommendation_leadins=tuple(_regexes(cues["recommendation_leadins"])),
        priority_leadins=tuple(_regexes(cues["priority_leadins"])),
        priority_patterns=tuple(_regexes(cues["priority_patterns"])),
        priority_table_headers=tuple(_regexes(cues["priority_table_headers"])),
        action_leadins=tuple(_regexes(cues["action_leadins"])),
        done_leadins=tuple(_regexes(cues["done_leadins"])),
        future_sections=tuple(_regexes(cues["future_sections"])),
        not_action_sections=tuple(_regexes(cues["not_action_sections"])),
        not_action_patterns=tuple(_regexes(cues["not_action_patterns"])),
        past_need=tuple(_regexes(cues["past_need_patterns"])),
        imperative_start=re.compile(r"^(?:\d{1,2}\.\s*)?(?:" + "|".join(cues["imperative_starts"]) + r")\b", re.I),
        statutory=tuple(_regexes(cues["statutory_patterns"])),
        procedural=tuple(_regexes(cues["procedural_patterns"])),
        questions=tuple(_regexes(cues["question_patterns"])),
        due=tuple(_regexes(cues["due"])),
        bodies={name: tuple(spec.get("aliases", [])) for name, spec in bodies["bodies"].items()},
        body_sections=tuple(
            (re.compile(p, re.I), name)
            for name, spec in bodies["bodies"].items()
            for p in spec.get("section_patterns", [])
        ),
        publishers=tuple((re.compile(p, re.I), name) for name, pats in bodies["publishers"].items() for p in pats),
        themes={name: tuple(terms) for name, terms in themes.items()},
    )


def rules_version() -> str:
    """A digest of the data files: items are re-tagged when it changes."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


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
