"""Deciding what a piece of text is: a recommendation, a priority, an action, or nothing.

The unit is a sentence, a list item, a table cell or one part of a list inside a sentence,
*with its context*: the lead-in that introduces it (a sentence ending in a colon, a heading
over a list, the words before a colon, a sentence announcing "three recommendations"), its
section, its table headers, whether it sits inside a quotation of statutory guidance, and
the kind of document. The rules are shapes, not phrases: a lead-in's wording decides what
its items are; a sentence's own cues (a modal, a reported need, a commitment with an agent,
a step with a date) decide otherwise. Every cue list is in tagging/data/cues.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.model import BlockKind, DocumentType, Kind
from tagging.rules import Rules

MIN_WORDS = 3
SUB_NUMBER = re.compile(r"^\(?\d{1,2}\.\d{1,2}\.?\)?\s+[A-Z]")  # "1.1. The ...", not "2.5 million"


@dataclass(frozen=True)
class Unit:
    """One candidate item: where it is in its block and what introduces it."""

    text: str
    start: int
    end: int
    block_kind: BlockKind
    section: tuple[str, ...] = ()
    lead_in: str | None = None
    lead_source: str | None = None  # list | heading | paragraph | announced | inline
    headers: tuple[str, ...] = ()
    cell_index: int | None = None
    quoting: bool = False

    @property
    def heading(self) -> str:
        return self.section[-1] if self.section else ""


def lead_in_kind(text: str | None, rules: Rules) -> Kind | None:
    """What a lead-in's wording says its items are (the first kind whose pattern matches)."""
    if not text:
        return None
    for kind, patterns in rules.lead_in_kinds:
        if rules.any(patterns, text):
            return kind
    return None


def table_kind(unit: Unit, rules: Rules) -> Kind | None:
    """The first cell of a row under a "Priorities", "Actions" or "Recommendations" header."""
    if unit.cell_index != 0 or not unit.headers:
        return None
    first = unit.headers[0]
    for kind, pattern in rules.table_headers:
        if pattern.search(first):
            return kind
    return None


def excluded(text: str, rules: Rules) -> bool:
    """Procedure, questions and statutory descriptions are never items."""
    return rules.any(rules.procedural, text) or rules.any(rules.questions, text) or rules.any(rules.statutory, text)


def has_agent(text: str, cue_start: int, rules: Rules, bodies_before: bool) -> bool:
    """Whether a commitment has someone who commits: a pronoun, a body, or an acronym before the cue."""
    before = text[:cue_start]
    if bodies_before or rules.any(rules.agents, before):
        return True
    return bool(re.search(r"\b[A-Z]{2,6}\b", before))


def sentence_kind(unit: Unit, doc_type: DocumentType, rules: Rules, bodies_before_cue: bool = False) -> Kind | None:
    """A sentence's kind by its own cues (no lead-in decided it)."""
    text = unit.text.strip()
    if rules.any(rules.priority_patterns, text):
        return Kind.PRIORITY
    minutes = doc_type is DocumentType.MINUTES
    history = not minutes and rules.any(rules.past_need, text)
    rec = rules.first(rules.recommendation_cues, text)
    action = rules.first(rules.action_cues, text)
    if minutes:
        reported = rules.first(rules.reported_action_cues, text)
        if reported is not None and (action is None or reported < action):
            action = reported
    commitment_first = (
        action is not None
        and rec is not None
        and action < rec
        and re.match(r"\s*(we|[A-Z][\w&]+( [\w&]+){0,4}) (will|are|is|would)\b", text) is not None
    )
    if rec is not None and not history and not commitment_first:
        return Kind.RECOMMENDATION
    section = " > ".join(unit.section)
    if rules.any(rules.not_action_sections, section) or rules.any(rules.not_action_patterns, text):
        return None
    if action is not None:
        if not minutes and rules.any(rules.future_sections, section):
            return Kind.ACTION  # (in minutes, sections are agenda items, not plans)
        early = action < 60  # a list entry that opens with its commitment ("To be launched ...")
        if (
            (unit.block_kind is BlockKind.LIST_ITEM and early)
            or has_agent(text, action, rules, bodies_before_cue)
            or rules.dated_step.search(text)
        ):
            return Kind.ACTION
    return None


def classify(unit: Unit, doc_type: DocumentType, rules: Rules, bodies_before_cue: bool = False) -> Kind | None:
    """The unit's kind, or None when it is not an item."""
    text = unit.text.strip()
    words = len(text.split())
    if not text or unit.quoting or text.endswith(":") or excluded(text, rules):
        return None
    by_table = table_kind(unit, rules)
    if by_table is not None:
        return by_table
    if unit.lead_in and unit.lead_source in ("list", "heading", "paragraph", "announced", "inline"):
        if unit.lead_source != "heading" and (
            rules.any(rules.statutory, unit.lead_in) or rules.any(rules.quotation_openers, unit.lead_in)
        ):
            return None
        if rules.done_item_start.match(text):
            return Kind.ACTION if rules.any(rules.action_taken_leadins, unit.lead_in) else None
        if rules.any(rules.descriptive_leadins, unit.lead_in):
            return None
        kind = lead_in_kind(unit.lead_in, rules)
        if kind is not None:
            if rules.any(rules.done_leadins, unit.lead_in):
                return None
            if unit.lead_source == "heading" and words > 60:
                return None  # a long paragraph under a heading is narrative, not a list entry
            if not (kind is Kind.PRIORITY and SUB_NUMBER.match(text)):
                return kind
            # "1.1." under "1. Learning and improvement" in a list of priorities is a step
            # toward that priority: classed by its own wording, as any sentence is.
    if words < MIN_WORDS:
        return None
    section = " > ".join(unit.section)
    if (
        unit.block_kind is BlockKind.LIST_ITEM
        and not rules.any(rules.not_action_sections, section)
        and (rules.imperative_start.match(text) or text.lower().startswith("to "))
    ):
        return Kind.ACTION  # a step listed without a lead-in saying otherwise (an agency's work plan)
    return sentence_kind(unit, doc_type, rules, bodies_before_cue)
