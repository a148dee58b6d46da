"""The spaCy pipeline that tags recommendations, priorities and actions.

Built on `spacy.blank("en")`: a sentencizer, a span ruler loaded with the body and theme
phrases from `tagging/data/`, and the registered `safeguarding_items` component. The
component cuts each block into candidate units (a list item, a table cell, a sentence, or
one part of a list inside a sentence), gives each its lead-in (see tagging/classify.py),
decides its kind and works out who made it, who must act and by when
(tagging/attributes.py). The block's context travels as data on the Doc
(`Doc._.block`, a `BlockContext`); a document's blocks go through `nlp.pipe` together.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from core.model import Block, BlockKind, Document, DocumentType, Item, Kind
from tagging import attributes
from tagging.attributes import DocContext
from tagging.classify import Unit, classify, table_kind
from tagging.rules import Rules, load_rules

ITEMS = "items"
CUES = "cues"
UPDATE_HEADER = re.compile(r"\b(update|progress|outcome|status|rag|what (has|did) we|comments?|response)\b", re.I)
INLINE_LIST = re.compile(r":\s+(?=\S)")
SEMICOLONS = re.compile(r"\s*;\s*(?:and\s+)?")
LETTERED = re.compile(r"^(?:(?:and|or)\s+)?(?:that\s+)?\(?[a-z0-9]{1,3}[.)]\s*", re.I)
LIST_SEPARATOR = re.compile(r"\s*;\s*(?:and\s+)?|\s*,\s*(?:and\s+)?(?=[^,;]+$)|\s+and\s+(?=[^,;]+$)")
SHORT_PARAGRAPH = 45  # words: a paragraph after a lead-in this short is read as a list entry

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
    doc: DocContext
    lead_in: str | None = None
    lead_source: str | None = None
    lead_context: str = ""
    section: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    publisher: str | None = None
    speaker: str | None = None


@Language.factory("safeguarding_items")
def make_item_tagger(nlp: Language, name: str) -> ItemTagger:
    return ItemTagger(load_rules())


class ItemTagger:
    """Cuts a block into units, decides each one's kind and attributes, writes `doc.spans["items"]`."""

    def __init__(self, rules: Rules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        ctx: BlockContext = doc._.block or BlockContext(kind=BlockKind.PARAGRAPH, doc=DocContext(DocumentType.OTHER))
        known = [(c.start_char, c.end_char, c.id_) for c in doc.spans.get(CUES, []) if c.label_ == "BODY"]
        spans: list[Span] = []
        for unit in self.units(doc, ctx):
            inside = [(s - unit.start, e - unit.start, n) for s, e, n in known if unit.start <= s and e <= unit.end]
            bodies = attributes.bodies_in(unit.text, inside, self.rules)
            action_at = self.rules.first(self.rules.action_cues + self.rules.reported_action_cues, unit.text)
            before = action_at is not None and any(e <= action_at for _, e, _ in bodies)
            kind = classify(unit, ctx.doc.doc_type, self.rules, before)
            if kind is None:
                continue
            span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
            if span is None:
                continue
            spans.append(self._label(span, unit, kind, ctx, bodies, action_at))
        doc.spans[ITEMS] = spans
        return doc

    # -- cutting a block into units -------------------------------------------------
    def units(self, doc: Doc, ctx: BlockContext) -> list[Unit]:
        common: dict = {"block_kind": ctx.kind, "section": ctx.section, "headers": ctx.headers}
        text = doc.text
        if ctx.kind is BlockKind.TABLE_ROW:
            return self._cells(doc, ctx, common)
        if ctx.kind is BlockKind.LIST_ITEM or ctx.lead_source == "list":
            lead, source = ctx.lead_in, "list" if ctx.lead_in else None
            if (
                lead is None
                and ctx.section
                and ctx.kind is BlockKind.LIST_ITEM
                and self.rules.any(self.rules.heading_leadins, ctx.section[-1])
            ):
                lead, source = ctx.section[-1], "heading"
            quoting = self.rules.any(self.rules.quotation_openers, ctx.lead_context)
            return [
                Unit(text=text, start=0, end=len(text), lead_in=lead, lead_source=source, quoting=quoting, **common)
            ]
        return self._sentences(doc, ctx, common)

    def _cells(self, doc: Doc, ctx: BlockContext, common: dict) -> list[Unit]:
        """A table row: the first cell of a priorities/actions/recommendations table whole, other
        cells sentence by sentence (a cell of minutes can hold a whole discussion)."""
        text = doc.text
        out, pos = [], 0
        for i, cell in enumerate(ctx.cells):
            if not cell:
                continue
            start = text.find(cell, pos)
            if start < 0:
                continue
            pos = start + len(cell)
            header = ctx.headers[i] if i < len(ctx.headers) else ""
            if i > 0 and UPDATE_HEADER.search(header):
                continue  # an update column reports on the row's item: it is evidence, not an item
            whole = Unit(text=cell, start=start, end=start + len(cell), cell_index=i, **common)
            if table_kind(whole, self.rules) is not None or len(cell.split()) <= 12:
                out.append(whole)
            else:
                out += self._sentences(doc, ctx, {**common, "cell_index": i}, start, start + len(cell))
        return out

    def _sentences(self, doc: Doc, ctx: BlockContext, common: dict, lo: int = 0, hi: int | None = None) -> list[Unit]:
        rules = self.rules
        hi = len(doc.text) if hi is None else hi
        out: list[Unit] = []
        lead: str | None = None
        source: str | None = None
        quoting = False
        for sent in doc.sents:
            if sent.end_char <= lo or sent.start_char >= hi:
                continue
            s_start, s_end = max(sent.start_char, lo), min(sent.end_char, hi)
            raw = doc.text[s_start:s_end]
            text = raw.strip()
            if not text:
                continue
            start = s_start + (len(raw) - len(raw.lstrip()))
            if rules.any(rules.quotation_openers, text):
                quoting = True
            parts = self._inline_list(text)
            if parts:
                head, items = parts
                for part_start, part in items:
                    out.append(
                        Unit(
                            text=part,
                            start=start + part_start,
                            end=start + part_start + len(part),
                            lead_in=head,
                            lead_source="inline",
                            quoting=quoting,
                            **common,
                        )
                    )
                continue
            out.append(
                Unit(
                    text=text,
                    start=start,
                    end=start + len(text),
                    lead_in=lead,
                    lead_source=source,
                    quoting=quoting,
                    **common,
                )
            )
            if text.endswith(":"):
                lead, source = text, "paragraph"
            elif rules.any(rules.announcing, text):
                lead, source = text, "announced"
            elif source == "announced" and not re.match(r"(to|and)\b|[a-z]", text, re.I):
                lead, source = None, None
        return out

    def _inline_list(self, text: str) -> tuple[str, list[tuple[int, str]]] | None:
        """ "Our priorities for 2017-18 are: neglect; exploitation; the voice of the child." ->
        (the words before the colon, [(offset, part), ...]) when they introduce short parts."""
        colon = INLINE_LIST.search(text)
        if colon is None or colon.start() < 5 or self.rules.any(self.rules.priority_patterns, text):
            return None
        head, rest = text[: colon.start()], text[colon.end() :]
        if not self.rules.any(self.rules.inline_heads, head):
            return None
        separator = LIST_SEPARATOR if ";" not in rest else SEMICOLONS
        pieces = [p for p in separator.split(rest.rstrip(". ")) if p and p.strip()]
        if (
            len(pieces) < 2
            or any(len(p.split()) > 45 for p in pieces)
            or (separator is LIST_SEPARATOR and any(len(p.split()) > 8 for p in pieces))
        ):
            return None
        out, pos = [], colon.end()
        for piece in pieces:
            piece = LETTERED.sub("", piece.strip())
            at = text.find(piece, pos)
            out.append((at, piece))
            pos = at + len(piece)
        return head, out

    # -- attributes -----------------------------------------------------------------
    def _label(self, span: Span, unit: Unit, kind: Kind, ctx: BlockContext, bodies, action_at) -> Span:
        rules = self.rules
        labelled = Span(span.doc, span.start, span.end, label=kind.value)
        lead_bodies = attributes.bodies_in(ctx.lead_context or unit.lead_in or "", [], rules)
        section = " > ".join(unit.section)
        labelled._.made_by = attributes.made_by(
            kind,
            unit.text,
            bodies,
            unit.lead_in,
            lead_bodies,
            section,
            ctx.doc,
            ctx.speaker,
            ctx.publisher,
            rules,
            action_at,
        )
        labelled._.addressee = attributes.addressee(kind, unit.text, unit.lead_in, ctx.doc)
        done = rules.any(rules.done_leadins, unit.lead_in)
        labelled._.due = attributes.due(kind, unit.text, unit.lead_in, unit.headers, section, rules, done)
        labelled._.themes = tuple(
            sorted(
                {
                    c.id_
                    for c in span.doc.spans.get(CUES, [])
                    if c.label_ == "THEME" and c.start >= span.start and c.end <= span.end
                }
            )
        )
        return labelled


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The tagging pipeline: blank English, sentencizer, body and theme ruler, item tagger."""
    rules = load_rules()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe(
        "span_ruler", name="cue_ruler", config={"spans_key": CUES, "phrase_matcher_attr": "LOWER", "overwrite": False}
    )
    patterns = [
        {"label": "BODY", "pattern": alias, "id": name} for name, aliases in rules.bodies.items() for alias in aliases
    ]
    patterns += [
        {"label": "THEME", "pattern": term, "id": theme} for theme, terms in rules.themes.items() for term in terms
    ]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]  # add_pipe's type is the generic callable
    nlp.add_pipe("safeguarding_items")
    return nlp


def _lead_ins(document: Document) -> list[tuple[str | None, str | None, str]]:
    """Per block: (lead-in, its source, the lead-in's paragraph). A list item has its own; a
    short paragraph right after a paragraph ending in a colon is read as a list entry (a PDF
    whose bullets were not kept)."""
    out: list[tuple[str | None, str | None, str]] = []
    pending: tuple[str, str] | None = None
    previous_lead = ""
    for block in document.blocks:
        if block.kind is BlockKind.LIST_ITEM:
            out.append((block.lead_in, "list" if block.lead_in else None, previous_lead))
            pending = None  # the list's own bullets were kept: no paragraph after it is a list entry
            continue
        if block.kind is BlockKind.PARAGRAPH:
            if pending and len(block.text.split()) <= SHORT_PARAGRAPH and not block.text.rstrip().endswith(":"):
                out.append((pending[0], "list", pending[1]))
                continue
            pending = None
            if block.text.rstrip().endswith(":"):
                last = re.split(r"(?<=[.!?])\s+", block.text.strip())[-1]
                pending = (last, block.text)
                previous_lead = block.text
        else:
            pending = None
        out.append((None, None, ""))
    return out


def tag_document(document: Document, lineage: str | None = None) -> list[Item]:
    """Tag every block of a document; items come back in reading order with stable ids.

    The blocks go through the sentencizer and ruler with `nlp.pipe`; then each is tagged in
    its context, in reading order (in minutes the speaker carries on from block to block).
    Item ids come from the document's lineage (its identity across versions).
    """
    nlp = build_nlp()
    rules = load_rules()
    ctx = DocContext.of(document)
    leads = _lead_ins(document)
    positions = [
        seq
        for seq, b in enumerate(document.blocks)
        if b.text.strip() and (b.kind is not BlockKind.HEADING or rules.any(rules.priority_patterns, b.text))
    ]
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
        lead_in, source, lead_context = leads[seq]
        if minutes:  # reported speech: who is talking carries on
            known = [(c.start_char, c.end_char, c.id_) for c in doc.spans.get(CUES, []) if c.label_ == "BODY"]
            speaker = attributes.speaker_of(block.text, attributes.bodies_in(block.text, known, rules), ctx) or speaker
        doc._.block = BlockContext(
            kind=block.kind,
            doc=ctx,
            lead_in=lead_in,
            lead_source=source,
            lead_context=lead_context,
            section=block.section,
            headers=block.headers,
            cells=block.cells,
            publisher=document.meta.publisher,
            speaker=speaker,
        )
        doc = tagger(doc)
        for span in doc.spans[ITEMS]:
            items.append(_item(document, lineage or document.id, seq, block, span, seen, lead_in))
    return items


def item_id(lineage: str, kind: Kind, text: str, occurrence: int = 1) -> str:
    """An item's id: its document's lineage, its kind and its wording (letters and digits)."""
    key = f"{lineage}|{kind.value}|{re.sub(r'[^0-9a-z]+', '', text.lower())}|{occurrence}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def _item(
    document: Document, lineage: str, seq: int, block: Block, span: Span, seen: dict[str, int], lead_in: str | None
) -> Item:
    kind = Kind(span.label_)
    text = span.text.strip(" |;,")
    start = span.start_char + (len(span.text) - len(span.text.lstrip(" |;,")))
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
        lead_in=lead_in,
    )
