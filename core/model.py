"""The document model every stage passes along: enums and small frozen dataclasses.

Ingestors produce a `Document` made of ordered `Block`s; the tagger adds `Item`s; the linker
adds `Evidence`, `RelatedItem` and `MachineStatus`; clerks add `Decision`s. The store returns
the same types (`StoredDocument` wraps a document's metadata with its place in the store).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a display label."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)


class DocumentType(LabelledEnum):
    """What kind of publication a document is. `minutes` covers every meeting record:
    minutes, a report to a committee or cabinet, a decision record."""

    ANNUAL_REPORT = "annual_report"
    ARRANGEMENTS = "arrangements"
    MINUTES = "minutes"
    SCRUTINEER_REPORT = "scrutineer_report"
    INSPECTION_REPORT = "inspection_report"
    OTHER = "other"


class Kind(LabelledEnum):
    """What a tagged item is."""

    RECOMMENDATION = "recommendation"
    PRIORITY = "priority"
    ACTION = "action"


class BlockKind(LabelledEnum):
    """The structural role of a block of text."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


class Status(LabelledEnum):
    """What became of an item. `no_evidence` is neutral: nothing found, not a finding of failure."""

    IMPLEMENTED = "implemented"
    IN_PROGRESS = "in_progress"
    NOT_IMPLEMENTED = "not_implemented"
    SUPERSEDED = "superseded"
    NO_EVIDENCE = "no_evidence"

    @property
    def done(self) -> bool:
        return self in (Status.IMPLEMENTED, Status.SUPERSEDED)


class Source(LabelledEnum):
    """Where a metadata field's value came from."""

    TEXT = "text"
    PROPERTIES = "properties"
    SIDECAR = "sidecar"
    COMMAND = "command"
    FILE_DATE = "file date"
    GUESS = "guess"


_LABELS = {
    "annual_report": "Annual report",
    "arrangements": "Safeguarding arrangements",
    "minutes": "Meeting record",
    "scrutineer_report": "Scrutineer's report",
    "inspection_report": "Inspection report",
    "other": "Other document",
    "list_item": "List item",
    "table_row": "Table row",
    "no_evidence": "No evidence found",
    "in_progress": "In progress",
    "not_implemented": "Not implemented",
}


@dataclass(frozen=True)
class Block:
    """One structural unit of a document, in reading order.

    `section` is the path of headings above the block (outermost first).
    `lead_in` is, for a list item, the sentence that introduces its list.
    `cells` and `headers` are set for table rows only.
    """

    kind: BlockKind
    text: str
    page: int | None = None
    level: int | None = None
    section: tuple[str, ...] = ()
    lead_in: str | None = None
    cells: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()

    def with_context(self, **changes) -> Block:
        return replace(self, **changes)


META_FIELDS = ("title", "type", "period", "date", "publisher", "partnership")


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata detected from a file's text and properties, or set by a sidecar or a flag.

    `period` is the reporting period covered or discussed ("2023-24"); `date` the publication
    or meeting date (ISO); `partnership` the area whose safeguarding work it is about
    ("Herefordshire"). `sources` says where each field came from (a `Source` value).
    """

    title: str = ""
    doc_type: DocumentType = DocumentType.OTHER
    period: str | None = None
    date: str | None = None
    publisher: str | None = None
    partnership: str | None = None
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def value(self, name: str):
        return self.doc_type.value if name == "type" else getattr(self, name)

    def with_values(self, values: dict, source: str) -> DocumentMeta:
        """Set fields (keys as in META_FIELDS) and record where they came from."""
        unknown = set(values) - set(META_FIELDS)
        if unknown:
            raise ValueError(f"unknown metadata key(s): {', '.join(sorted(unknown))}")
        changes: dict = {k: (None if v is None else str(v)) for k, v in values.items() if k != "type"}
        if "type" in values:
            try:
                changes["doc_type"] = DocumentType(str(values["type"]))
            except ValueError as exc:
                raise ValueError(f"type must be one of {', '.join(DocumentType.values())}") from exc
        return replace(self, **changes, sources={**self.sources, **{k: source for k in values}})

    def source(self, name: str) -> str | None:
        return self.sources.get(name)

    def guessed(self, name: str) -> bool:
        """Whether a field's value is a guess a user should check (from a file date or a guess)."""
        return self.value(name) is not None and self.sources.get(name) in (Source.GUESS.value, Source.FILE_DATE.value)


@dataclass(frozen=True)
class Document:
    """A parsed file: identity, metadata and its blocks in reading order.

    `id` comes from the content hash of the bytes that were parsed, so an unchanged file
    keeps its id across re-ingests; a document's identity across versions is its lineage,
    kept by the store.
    """

    id: str
    path: str
    format: str
    sha256: str
    meta: DocumentMeta
    pages: int | None
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what reading the file involved (OCR, columns found ...)

    @property
    def title(self) -> str:
        return self.meta.title

    def block_id(self, seq: int) -> str:
        return f"{self.id}:{seq}"


@dataclass(frozen=True)
class Alternate:
    """Another file holding the same document (another format), kept for download."""

    id: str
    path: str
    format: str


@dataclass(frozen=True)
class StoredDocument:
    """A document as the store holds it: metadata, provenance and its place among versions."""

    id: str
    lineage: str
    path: str
    format: str
    sha256: str
    meta: DocumentMeta
    pages: int | None
    ingested_at: str
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    version: int = 1
    current: bool = True
    alternate_of: str | None = None
    alternates: tuple[Alternate, ...] = ()

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def doc_type(self) -> DocumentType:
        return self.meta.doc_type

    @property
    def period(self) -> str | None:
        return self.meta.period

    @property
    def date(self) -> str | None:
        return self.meta.date

    @property
    def partnership(self) -> str | None:
        return self.meta.partnership

    @property
    def file(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Item:
    """A recommendation, priority or action found in a block, with its provenance.

    `start`/`end` are character offsets of `text` within the block's text. `id` comes from
    the document's lineage, the kind and the normalised text, so it survives re-ingesting and
    new versions of the document in which the item's wording did not change.
    """

    id: str
    kind: Kind
    text: str
    doc_id: str
    block_seq: int
    start: int
    end: int
    section: tuple[str, ...]
    page: int | None
    period: str | None
    made_by: str | None = None
    addressee: str | None = None
    due: str | None = None
    themes: tuple[str, ...] = ()
    lead_in: str | None = None


@dataclass(frozen=True)
class Passage:
    """A run of blocks under one heading (about 120 words), the unit search and linking rank."""

    id: str  # "p:<doc id>:<first seq>"
    doc_id: str
    first: int
    last: int
    text: str
    section: tuple[str, ...]
    page: int | None


@dataclass(frozen=True)
class Evidence:
    """A passage linked to an item as follow-up, with how sure the linker is and why.

    `confidence` is the linker's estimate (0-1) that the passage is about the item; only
    evidence at or above the linker's threshold (`strong`) gives the item a status.
    """

    id: str
    item_id: str
    passage_id: str
    doc_id: str
    block_seq: int
    page: int | None
    section: str
    text: str
    score: float
    confidence: float
    strong: bool
    signal: Status | None = None
    signal_words: str | None = None
    matched: tuple[str, ...] = ()
    why: tuple[str, ...] = ()

    @property
    def strength(self) -> str:
        return "strong" if self.strong else "possible"


@dataclass(frozen=True)
class RelatedItem:
    """An item of a later document that takes up the same subject."""

    item_id: str
    related_id: str
    score: float
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class MachineStatus:
    """The linker's status for an item, from its strong evidence in the latest document having any."""

    item_id: str
    status: Status
    confidence: float = 0.0
    evidence_ids: tuple[str, ...] = ()


class DecisionAction(LabelledEnum):
    SET_STATUS = "set_status"
    CONFIRM_EVIDENCE = "confirm_evidence"
    REJECT_EVIDENCE = "reject_evidence"
    CONFIRM_STATUS = "confirm_status"
    CARRY_OVER = "carry_over"


@dataclass(frozen=True)
class Decision:
    """A clerk's decision: one row of the append-only audit trail."""

    seq: int
    item_id: str
    action: DecisionAction
    value: str
    note: str
    user: str
    at: str  # ISO timestamp, UTC
    carried_from: str | None = None  # the item id a carried-over decision was made on


@dataclass(frozen=True)
class ItemStatus:
    """What a clerk sees for one item: the status, where it came from, the evidence with decisions."""

    status: Status
    source: str  # "machine" | "clerk"
    overdue: bool
    due_by: date | None
    due_question: str | None = None  # a due date that cannot be right ("due before it was made")
    decided_by: str | None = None
    decided_at: str | None = None
    note: str | None = None
    machine_status: Status = Status.NO_EVIDENCE
    confidence: float = 0.0
    carried: bool = False  # the status was carried from a previous version: to confirm
    evidence: tuple[tuple[Evidence, str | None], ...] = ()  # (evidence, "confirmed" | "rejected" | None)

    @property
    def latest_evidence(self) -> Evidence | None:
        """The evidence a committee paper quotes: the newest passage a clerk confirmed or the
        linker found strong (never a merely possible one), unless a clerk rejected it."""
        return next((e for e, mark in self.evidence if mark == "confirmed" or (e.strong and mark != "rejected")), None)

    @property
    def possible(self) -> list[Evidence]:
        """Passages that may be related but are not strong enough to give a status."""
        return [e for e, mark in self.evidence if not e.strong and mark is None]
