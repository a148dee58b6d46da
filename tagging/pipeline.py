"""The spaCy pipeline that tags recommendations, priorities and actions.

Built on `spacy.blank("en")`: a sentencizer, a span ruler loaded with the cue,
body and theme phrases from `tagging/data/`, and the registered
`safeguarding_items` component, which reads each block *with its context*
(`Doc._.block`, a `BlockContext`: list lead-in, table headers, section path, the
current speaker) and writes `doc.spans["items"]`. A document's blocks go through
`nlp.pipe` together.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from core.model import Block, BlockKind, Document, DocumentType, Item, Kind
from tagging.rules import Rules, load_rules, normalise_due

ITEMS = "items"
CUES = "cues"
REPORTING_VERBS = re.compile(
    r"\b(suggested|recommended|observed|noted|highlighted|explained|outlined|pointed out|stated|praised|"
    r"felt|welcomed|requested|introduced|identified|acknowledged)\b",
    re.I,
)
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
if not Doc.has_extension("block"):
    Doc.set_extension("block", default=None)


@dataclass(frozen=True)
class BlockContext:
    """What the tagger knows of a block beyond its text."""

    kind: BlockKind
    lead_in: str | None = None
    section: str = ""
    headers: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    publisher: str | None = None
    doc_type: DocumentType = DocumentType.OTHER
    speaker: str | None = None
    extra: dict = field(default_factory=dict, compare=False)


@Language.factory("safeguarding_items")
def make_item_tagger(nlp: Language, name: str) -> ItemTagger:
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
        ctx: BlockContext = doc._.block or BlockContext(kind=BlockKind.PARAGRAPH)
        spans: list[Span] = []
        cues = doc.spans.get(CUES, [])
        kind_from_context = self._kind_from_context(ctx)
        if kind_from_context is Kind.PRIORITY and ctx.kind is BlockKind.TABLE_ROW:
            first = ctx.cells[0] if ctx.cells else ""
            span = doc.char_span(0, len(first), alignment_mode="expand")
            if span is not None:
                spans.append(self._label(span, Kind.PRIORITY, ctx, cues))
        elif kind_from_context is not None and not self._excluded(doc.text):
            spans.append(self._label(doc[:], kind_from_context, ctx, cues))
        elif self._planned_step(doc, ctx, cues):
            spans.append(self._label(doc[:], Kind.ACTION, ctx, cues))
        else:
            for sent in doc.sents:
                kind = self._kind_of_sentence(sent, ctx, cues)
                if kind is not None:
                    spans.append(self._label(sent, kind, ctx, cues))
        doc.spans[ITEMS] = spans
        return doc

    # -- deciding the kind ----------------------------------------------------
    def _kind_from_context(self, ctx: BlockContext) -> Kind | None:
        r = self.rules
        if ctx.kind is BlockKind.TABLE_ROW:
            headers = ctx.headers
            cells = ctx.cells
            if headers and r.any(r.priority_table_headers, headers[0]) and cells and _NUMBERED.match(cells[0]):
                return Kind.PRIORITY
            return None
        lead_in = ctx.lead_in
        if ctx.kind is not BlockKind.LIST_ITEM or not lead_in or r.any(r.statutory, lead_in[:-1]):
            return None
        if r.any(r.recommendation_leadins, lead_in):
            return Kind.RECOMMENDATION
        if r.any(r.priority_leadins, lead_in):
            return Kind.PRIORITY
        if r.any(r.action_leadins, lead_in):
            return Kind.ACTION
        return None

    def _planned_step(self, doc: Doc, ctx: BlockContext, cues) -> bool:
        """A list item in a forward-looking section that opens with a verb or a commitment."""
        r = self.rules
        if ctx.kind is not BlockKind.LIST_ITEM or not r.any(r.future_sections, ctx.section):
            return False
        first = next(iter(doc.sents))
        has_cue = any(c.label_ == "ACTION_CUE" and c.start >= first.start and c.end <= first.end for c in cues)
        return (
            (bool(r.imperative_start.match(doc.text)) or has_cue)
            and not self._excluded(first.text)
            and not r.any(r.not_action_patterns, first.text)
        )

    @staticmethod
    def _commitment_first(sent: Span, cues) -> bool:
        """ "We will review ... that no child should be placed ...": the commitment governs."""
        inside = [c for c in cues if c.start >= sent.start and c.end <= sent.end]
        action = min((c.start for c in inside if c.label_ == "ACTION_CUE"), default=None)
        rec = min((c.start for c in inside if c.label_ == "REC_CUE"), default=None)
        if action is None or rec is None or action > rec:
            return False
        return bool(re.match(r"\s*(we|[A-Z][\w&]+( [\w&]+){0,4}) (will|are|is)\b", sent.text))

    def _excluded(self, text: str) -> bool:
        r = self.rules
        return r.any(r.procedural, text) or r.any(r.questions, text) or r.any(r.statutory, text)

    def _kind_of_sentence(self, sent: Span, ctx: BlockContext, cues) -> Kind | None:
        r = self.rules
        text = sent.text.strip()
        if len(text.split()) < 3 or text.endswith(":") or self._excluded(text) or r.any(r.statutory, ctx.lead_in):
            return None  # too short, introducing a list, or statutory / procedural / a question
        if r.any(r.priority_patterns, text):
            return Kind.PRIORITY
        labels = {c.label_ for c in cues if c.start >= sent.start and c.end <= sent.end}
        # In reports a past-tense need is history; in minutes (reported speech) it is advice.
        history = ctx.doc_type is not DocumentType.MINUTES and r.any(r.past_need, text)
        if "REC_CUE" in labels and not history and not self._commitment_first(sent, cues):
            return Kind.RECOMMENDATION
        future = r.any(r.future_sections, ctx.section)
        if r.any(r.not_action_sections, ctx.section) or r.any(r.not_action_patterns, text):
            return None
        if "ACTION_CUE" in labels:
            if future:
                return Kind.ACTION
            first_cue = min(c.start for c in cues if c.label_ == "ACTION_CUE" and c.start >= sent.start)
            before = sent.doc[sent.start : first_cue].text
            if any(c.label_ == "BODY" and sent.start <= c.start < first_cue for c in cues) or re.search(
                r"\b(we|hscb|hscp|partnership|board|partners|agencies)\b", before, re.I
            ):
                return Kind.ACTION
        return None

    # -- attributes -----------------------------------------------------------
    def _label(self, span: Span, kind: Kind, ctx: BlockContext, cues) -> Span:
        labelled = Span(span.doc, span.start, span.end, label=kind.value)
        labelled._.made_by = self._made_by(span, kind, ctx, cues)
        labelled._.addressee = self._addressee(span, kind, ctx)
        labelled._.due = self._due(span, kind, ctx)
        labelled._.themes = tuple(
            sorted({c.id_ for c in cues if c.label_ == "THEME" and c.start >= span.start and c.end <= span.end})
        )
        return labelled

    def _made_by(self, span: Span, kind: Kind, ctx: BlockContext, cues) -> str | None:
        r = self.rules
        lead_in = ctx.lead_in or ""
        if re.match(r"resolved", lead_in, re.I) or re.match(r"resolved", span.text, re.I):
            return "scrutiny committee"
        bodies = [c for c in cues if c.label_ == "BODY" and c.start >= span.start and c.end <= span.end]
        if bodies and kind is Kind.ACTION:
            # the subject: the body named closest before the commitment ("..., JCR is reviewing")
            cue = min(
                (c.start for c in cues if c.label_ == "ACTION_CUE" and c.start >= span.start and c.end <= span.end),
                default=None,
            )
            before = [b for b in bodies if cue is not None and b.end <= cue]
            if before:
                return before[-1].id_
        if bodies and REPORTING_VERBS.search(span.text):
            return bodies[0].id_
        # The innermost section naming a body ("... > HMICFRS") beats an earlier speaker.
        section = ctx.section
        by_section = max(
            ((m.start(), name) for pattern, name in r.body_sections for m in pattern.finditer(section)), default=None
        )
        if by_section:
            return by_section[1]
        return ctx.speaker or ctx.publisher

    def _addressee(self, span: Span, kind: Kind, ctx: BlockContext) -> str | None:
        if kind is not Kind.RECOMMENDATION:
            return None
        lead_in = ctx.lead_in or ""
        text = span.text
        match = re.search(r"\b(should|needs? to|needed to|ensures|appends|provide)\b", text)
        subject = text[: match.start()] if match else ""
        for source in (subject, lead_in):
            for pattern, name in ADDRESSEES:
                if source and pattern.search(source):
                    return name
        return None

    def _due(self, span: Span, kind: Kind, ctx: BlockContext) -> str | None:
        r = self.rules
        due = normalise_due(span.text, r)
        if due or (kind is Kind.ACTION and r.any(r.done_leadins, ctx.lead_in)):
            return due
        for source in (ctx.lead_in, " ".join(ctx.headers), ctx.section):
            if source and (
                kind is Kind.PRIORITY
                or r.any(r.future_sections, ctx.section)
                or re.search(r"\b(will|would|scheduled|focus|priorit)", source, re.I)
            ):
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
    ruler = nlp.add_pipe(
        "span_ruler", name="cue_ruler", config={"spans_key": CUES, "phrase_matcher_attr": "LOWER", "overwrite": False}
    )
    patterns = [{"label": "REC_CUE", "pattern": p} for p in rules.recommendation_cues]
    patterns += [{"label": "ACTION_CUE", "pattern": p} for p in rules.action_cues]
    patterns += [
        {"label": "BODY", "pattern": alias, "id": name} for name, aliases in rules.bodies.items() for alias in aliases
    ]
    patterns += [
        {"label": "THEME", "pattern": term, "id": theme} for theme, terms in rules.themes.items() for term in terms
    ]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]  # add_pipe's type is the generic callable
    nlp.add_pipe("safeguarding_items")
    return nlp


def _publisher_name(publisher: str | None, doc_type: DocumentType) -> str | None:
    rules = load_rules()
    for pattern, name in rules.publishers:
        if publisher and pattern.search(publisher):
            return name
    return "scrutiny committee" if doc_type is DocumentType.MINUTES else None


def _speaker(nlp_doc: Doc) -> str | None:
    """The body a block reports as speaking ("The Independent Scrutineer explained ...")."""
    for sent in nlp_doc.sents:
        if REPORTING_VERBS.search(sent.text):
            for cue in nlp_doc.spans.get(CUES, []):
                if cue.label_ == "BODY" and cue.start >= sent.start and cue.end <= sent.end:
                    return cue.id_
    return None


def tag_document(document: Document, lineage: str | None = None) -> list[Item]:
    """Tag every block of a document; items come back in reading order with stable ids.

    The blocks go through the sentencizer and cue ruler with `nlp.pipe`; then each is
    tagged in its context, in reading order (in minutes the speaker carries on from block
    to block). Item ids come from the document's lineage (its identity across versions).
    """
    nlp = build_nlp()
    publisher = _publisher_name(document.meta.publisher, document.meta.doc_type)
    positions = [seq for seq, b in enumerate(document.blocks) if b.kind is not BlockKind.HEADING and b.text.strip()]
    docs = nlp.pipe((document.blocks[seq].text for seq in positions), disable=["safeguarding_items"])
    tagger = nlp.get_pipe("safeguarding_items")
    items: list[Item] = []
    seen: dict[str, int] = {}
    speaker: str | None = None
    top_section: str | None = None
    minutes = document.meta.doc_type is DocumentType.MINUTES
    for seq, doc in zip(positions, docs, strict=True):
        block = document.blocks[seq]
        if block.section[:1] != (top_section,):
            top_section, speaker = (block.section[0] if block.section else None), None
        doc._.block = BlockContext(
            kind=block.kind,
            lead_in=block.lead_in,
            section=" > ".join(block.section),
            headers=block.headers,
            cells=block.cells,
            publisher=publisher,
            doc_type=document.meta.doc_type,
            speaker=speaker,
        )
        doc = tagger(doc)
        if minutes:  # reported speech: who is talking carries on
            speaker = _speaker(doc) or speaker
        for span in doc.spans[ITEMS]:
            items.append(_item(document, lineage or document.id, seq, block, span, seen))
    return items


def item_id(lineage: str, kind: Kind, text: str, occurrence: int = 1) -> str:
    """An item's id: its document's lineage, its kind and its wording (letters and digits)."""
    key = f"{lineage}|{kind.value}|{re.sub(r'[^0-9a-z]+', '', text.lower())}|{occurrence}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def _item(document: Document, lineage: str, seq: int, block: Block, span: Span, seen: dict[str, int]) -> Item:
    kind = Kind(span.label_)
    text = span.text.strip(" |")
    start = span.start_char + (len(span.text) - len(span.text.lstrip(" |")))
    key = f"{kind.value}|{re.sub(r'[^0-9a-z]+', '', text.lower())}"
    seen[key] = seen.get(key, 0) + 1
    return Item(
        id=item_id(lineage, kind, text, seen[key]),
        kind=kind,
        text=text,
        doc_id=document.id,
        block_seq=seq,
        start=start,
        end=start + len(text),
        section=block.section,
        page=block.page,
        period=document.meta.period,
        made_by=span._.made_by,
        addressee=span._.addressee,
        due=span._.due,
        themes=span._.themes,
        lead_in=block.lead_in,
    )
