"""The spaCy pipeline that tags recommendations, priorities and actions.

Built on `spacy.blank("en")`: a sentencizer, a span ruler loaded with the cue,
body and theme phrases from `tagging/data/`, and the registered
`safeguarding_items` component, which reads each block *with its context*
(list lead-in, table headers, section path) and writes `doc.spans["items"]`.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from sgkb.model import Block, BlockKind, Document, Item, ItemKind
from tagging.rules import Rules, load_rules, normalise_due, rules_version

ITEMS = "items"
CUES = "cues"
REPORTING_VERBS = re.compile(
    r"\b(suggested|recommended|observed|noted|highlighted|explained|outlined|pointed out|stated|praised|"
    r"felt|welcomed|requested|introduced|identified|acknowledged)\b", re.I)
ADDRESSEES = [
    (re.compile(r"\b(hscp|partnership|partners)\b", re.I), "the partnership"),
    (re.compile(r"\b(hscb|board)\b", re.I), "the board"),
    (re.compile(r"\bthe force\b", re.I), "West Mercia Police"),
    (re.compile(r"\bsocial workers\b", re.I), "social workers"),
    (re.compile(r"\bmanagers\b", re.I), "managers"),
    (re.compile(r"\bdirector of children's services\b", re.I), "director of children's services"),
]
_NUMBERED = re.compile(r"^\d{1,2}\.\s")

for name in ("made_by", "addressee", "due"):
    if not Span.has_extension(name):
        Span.set_extension(name, default=None)
if not Span.has_extension("themes"):
    Span.set_extension("themes", default=())


@Language.factory("safeguarding_items")
def make_item_tagger(nlp: Language, name: str) -> "ItemTagger":
    return ItemTagger(load_rules())


class ItemTagger:
    """Decides, sentence by sentence and in the block's context, what each item is.

    The block context travels in `doc.user_data["block"]`: kind, lead_in,
    section (joined path), headers, cells, publisher, doc_type and the
    current speaker (the last body heard in the section).
    """

    def __init__(self, rules: Rules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data.get("block", {})
        spans: list[Span] = []
        cues = doc.spans.get(CUES, [])
        kind_from_context = self._kind_from_context(ctx)
        if kind_from_context is ItemKind.PRIORITY and ctx.get("kind") == BlockKind.TABLE_ROW.value:
            first = ctx["cells"][0] if ctx.get("cells") else ""
            span = doc.char_span(0, len(first), alignment_mode="expand")
            if span is not None:
                spans.append(self._label(span, ItemKind.PRIORITY, ctx, cues))
        elif kind_from_context is not None and not self._excluded(doc.text):
            spans.append(self._label(doc[:], kind_from_context, ctx, cues))
        elif self._planned_step(doc, ctx, cues):
            spans.append(self._label(doc[:], ItemKind.ACTION, ctx, cues))
        else:
            for sent in doc.sents:
                kind = self._kind_of_sentence(sent, ctx, cues)
                if kind is not None:
                    spans.append(self._label(sent, kind, ctx, cues))
        doc.spans[ITEMS] = spans
        return doc

    # -- deciding the kind ----------------------------------------------------
    def _kind_from_context(self, ctx: dict) -> ItemKind | None:
        r = self.rules
        if ctx.get("kind") == BlockKind.TABLE_ROW.value:
            headers = ctx.get("headers") or []
            cells = ctx.get("cells") or []
            if headers and r.any(r.priority_table_headers, headers[0]) and cells and _NUMBERED.match(cells[0]):
                return ItemKind.PRIORITY
            return None
        lead_in = ctx.get("lead_in")
        if ctx.get("kind") != BlockKind.LIST_ITEM.value or not lead_in or r.any(r.statutory, lead_in[:-1]):
            return None
        if r.any(r.recommendation_leadins, lead_in):
            return ItemKind.RECOMMENDATION
        if r.any(r.priority_leadins, lead_in):
            return ItemKind.PRIORITY
        if r.any(r.action_leadins, lead_in):
            return ItemKind.ACTION
        return None

    def _planned_step(self, doc: Doc, ctx: dict, cues) -> bool:
        """A list item in a forward-looking section that opens with a verb or a commitment."""
        r = self.rules
        if ctx.get("kind") != BlockKind.LIST_ITEM.value or not r.any(r.future_sections, ctx.get("section")):
            return False
        first = next(iter(doc.sents))
        has_cue = any(c.label_ == "ACTION_CUE" and c.start >= first.start and c.end <= first.end for c in cues)
        return (bool(r.imperative_start.match(doc.text)) or has_cue) and not self._excluded(first.text) \
            and not r.any(r.not_action_patterns, first.text)

    @staticmethod
    def _commitment_first(sent: Span, cues) -> bool:
        """"We will review ... that no child should be placed ...": the commitment governs."""
        inside = [c for c in cues if c.start >= sent.start and c.end <= sent.end]
        action = min((c.start for c in inside if c.label_ == "ACTION_CUE"), default=None)
        rec = min((c.start for c in inside if c.label_ == "REC_CUE"), default=None)
        if action is None or rec is None or action > rec:
            return False
        return bool(re.match(r"\s*(we|[A-Z][\w&]+( [\w&]+){0,4}) (will|are|is)\b", sent.text))

    def _excluded(self, text: str) -> bool:
        r = self.rules
        return r.any(r.procedural, text) or r.any(r.questions, text) or r.any(r.statutory, text)

    def _kind_of_sentence(self, sent: Span, ctx: dict, cues) -> ItemKind | None:
        r = self.rules
        text = sent.text.strip()
        if (len(text.split()) < 3 or text.endswith(":") or self._excluded(text)
                or r.any(r.statutory, ctx.get("lead_in"))):
            return None  # too short, introducing a list, or statutory / procedural / a question
        if r.any(r.priority_patterns, text):
            return ItemKind.PRIORITY
        labels = {c.label_ for c in cues if c.start >= sent.start and c.end <= sent.end}
        # In reports a past-tense need is history; in minutes (reported speech) it is advice.
        history = ctx.get("doc_type") != "minutes" and r.any(r.past_need, text)
        if "REC_CUE" in labels and not history and not self._commitment_first(sent, cues):
            return ItemKind.RECOMMENDATION
        future = r.any(r.future_sections, ctx.get("section"))
        if r.any(r.not_action_sections, ctx.get("section")) or r.any(r.not_action_patterns, text):
            return None
        if "ACTION_CUE" in labels:
            if future:
                return ItemKind.ACTION
            first_cue = min(c.start for c in cues if c.label_ == "ACTION_CUE" and c.start >= sent.start)
            before = sent.doc[sent.start:first_cue].text
            if any(c.label_ == "BODY" and sent.start <= c.start < first_cue for c in cues) or \
                    re.search(r"\b(we|hscb|hscp|partnership|board|partners|agencies)\b", before, re.I):
                return ItemKind.ACTION
        return None

    # -- attributes -----------------------------------------------------------
    def _label(self, span: Span, kind: ItemKind, ctx: dict, cues) -> Span:
        labelled = Span(span.doc, span.start, span.end, label=kind.value)
        labelled._.made_by = self._made_by(span, kind, ctx, cues)
        labelled._.addressee = self._addressee(span, kind, ctx)
        labelled._.due = self._due(span, kind, ctx)
        labelled._.themes = tuple(sorted({c.id_ for c in cues if c.label_ == "THEME"
                                          and c.start >= span.start and c.end <= span.end}))
        return labelled

    def _made_by(self, span: Span, kind: ItemKind, ctx: dict, cues) -> str | None:
        r = self.rules
        lead_in = ctx.get("lead_in") or ""
        if re.match(r"resolved", lead_in, re.I) or re.match(r"resolved", span.text, re.I):
            return "scrutiny committee"
        bodies = [c for c in cues if c.label_ == "BODY" and c.start >= span.start and c.end <= span.end]
        if bodies and kind is ItemKind.ACTION:
            # the subject: the body named closest before the commitment ("..., JCR is reviewing")
            cue = min((c.start for c in cues if c.label_ == "ACTION_CUE" and c.start >= span.start
                       and c.end <= span.end), default=None)
            before = [b for b in bodies if cue is not None and b.end <= cue]
            if before:
                return before[-1].id_
        if bodies and REPORTING_VERBS.search(span.text):
            return bodies[0].id_
        # The innermost section naming a body ("... > HMICFRS") beats an earlier speaker.
        section = ctx.get("section", "")
        by_section = max(((m.start(), name) for pattern, name in r.body_sections
                          for m in pattern.finditer(section)), default=None)
        if by_section:
            return by_section[1]
        return ctx.get("speaker") or ctx.get("publisher")

    def _addressee(self, span: Span, kind: ItemKind, ctx: dict) -> str | None:
        if kind is not ItemKind.RECOMMENDATION:
            return None
        lead_in = ctx.get("lead_in") or ""
        text = span.text
        match = re.search(r"\b(should|needs? to|needed to|ensures|appends|provide)\b", text)
        subject = text[: match.start()] if match else ""
        for source in (subject, lead_in):
            for pattern, name in ADDRESSEES:
                if source and pattern.search(source):
                    return name
        return None

    def _due(self, span: Span, kind: ItemKind, ctx: dict) -> str | None:
        r = self.rules
        due = normalise_due(span.text, r)
        if due or (kind is ItemKind.ACTION and r.any(r.done_leadins, ctx.get("lead_in"))):
            return due
        for source in (ctx.get("lead_in"), " ".join(ctx.get("headers") or []), ctx.get("section")):
            if source and (kind is ItemKind.PRIORITY or r.any(r.future_sections, ctx.get("section"))
                           or re.search(r"\b(will|would|scheduled|focus|priorit)", source, re.I)):
                due = normalise_due(f"in {source}" if not source.startswith(("in ", "by ")) else source, r)
                if due:
                    return due
        return None


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The tagging pipeline: blank English, sentencizer, cue ruler, item tagger."""
    rules = load_rules()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("span_ruler", name="cue_ruler",
                         config={"spans_key": CUES, "phrase_matcher_attr": "LOWER", "overwrite": False})
    patterns = [{"label": "REC_CUE", "pattern": p} for p in rules.recommendation_cues]
    patterns += [{"label": "ACTION_CUE", "pattern": p} for p in rules.action_cues]
    patterns += [{"label": "BODY", "pattern": alias, "id": name}
                 for name, aliases in rules.bodies.items() for alias in aliases]
    patterns += [{"label": "THEME", "pattern": term, "id": theme}
                 for theme, terms in rules.themes.items() for term in terms]
    ruler.add_patterns(patterns)
    nlp.add_pipe("safeguarding_items")
    return nlp


def tagger_version() -> str:
    """Changes whenever the tagging data files change."""
    return rules_version()


def _publisher_name(publisher: str | None, doc_type: str) -> str | None:
    rules = load_rules()
    for pattern, name in rules.publishers:
        if publisher and pattern.search(publisher):
            return name
    return "scrutiny committee" if doc_type == "minutes" else None


def _speaker(text: str, nlp_doc: Doc) -> str | None:
    """The body a block reports as speaking ("The Independent Scrutineer explained ...")."""
    for sent in nlp_doc.sents:
        if REPORTING_VERBS.search(sent.text):
            for cue in nlp_doc.spans.get(CUES, []):
                if cue.label_ == "BODY" and cue.start >= sent.start and cue.end <= sent.end:
                    return cue.id_
    return None


def tag_document(document: Document) -> list[Item]:
    """Tag every block of a document; items come back in reading order with stable ids."""
    nlp = build_nlp()
    publisher = _publisher_name(document.meta.publisher, document.meta.doc_type.value)
    items: list[Item] = []
    seen: dict[str, int] = {}
    speaker: str | None = None
    top_section: str | None = None
    for seq, block in enumerate(document.blocks):
        if block.kind is BlockKind.HEADING or not block.text.strip():
            continue
        if block.section[:1] != (top_section,):
            top_section, speaker = (block.section[0] if block.section else None), None
        ctx = {
            "kind": block.kind.value, "lead_in": block.lead_in, "section": " > ".join(block.section),
            "headers": list(block.headers), "cells": list(block.cells), "publisher": publisher,
            "doc_type": document.meta.doc_type.value, "speaker": speaker,
        }
        doc = nlp.make_doc(block.text)
        doc.user_data["block"] = ctx
        doc = nlp(doc)
        if document.meta.doc_type.value == "minutes":  # reported speech: who is talking carries on
            speaker = _speaker(block.text, doc) or speaker
        for span in doc.spans[ITEMS]:
            items.append(_item(document, seq, block, span, seen))
    return items


def _item(document: Document, seq: int, block: Block, span: Span, seen: dict[str, int]) -> Item:
    kind = ItemKind(span.label_)
    text = span.text.strip(" |")
    start = span.start_char + (len(span.text) - len(span.text.lstrip(" |")))
    key = f"{document.id}|{kind.value}|{re.sub(r'[^0-9a-z]+', '', text.lower())}"
    seen[key] = seen.get(key, 0) + 1
    item_id = hashlib.sha1(f"{key}|{seen[key]}".encode()).hexdigest()[:12]
    return Item(id=item_id, kind=kind, text=text, doc_id=document.id, block_seq=seq, start=start,
                end=start + len(text), section=block.section, page=block.page, period=document.meta.period,
                made_by=span._.made_by, addressee=span._.addressee, due=span._.due, themes=span._.themes)
