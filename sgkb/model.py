"""The document model every stage passes along: small frozen dataclasses.

Ingestors produce a `Document` made of ordered `Block`s; the store keeps them;
the tagger, index and web app read them back in the same shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum


class DocType(str, Enum):
    """What kind of publication a document is."""

    ANNUAL_REPORT = "annual_report"
    ARRANGEMENTS = "arrangements"
    MINUTES = "minutes"
    OTHER = "other"


class ItemKind(str, Enum):
    """What a tagged item is."""

    RECOMMENDATION = "recommendation"
    PRIORITY = "priority"
    ACTION = "action"


class BlockKind(str, Enum):
    """The structural role of a block of text."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


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

    def with_context(self, **changes) -> "Block":
        return replace(self, **changes)


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata detected from a file's text and properties (or a sidecar)."""

    title: str = ""
    doc_type: DocType = DocType.OTHER
    period: str | None = None
    date: str | None = None  # ISO date: publication date, or meeting date for minutes
    publisher: str | None = None

    def with_overrides(self, overrides: dict) -> "DocumentMeta":
        """Apply sidecar overrides (keys: title, type, period, date, publisher)."""
        unknown = set(overrides) - {"title", "type", "period", "date", "publisher"}
        if unknown:
            raise ValueError(f"unknown metadata key(s): {', '.join(sorted(unknown))}")
        changes = {k: str(v) for k, v in overrides.items() if k != "type"}
        if "type" in overrides:
            changes["doc_type"] = DocType(overrides["type"])
        return replace(self, **changes)


@dataclass(frozen=True)
class Document:
    """A parsed file: identity, metadata and its blocks in reading order.

    `id` comes from the file's content hash, so an unchanged file keeps its id
    (and everything keyed on it) across re-ingests.
    """

    id: str
    path: str
    format: str
    sha256: str
    meta: DocumentMeta
    pages: int | None
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.meta.title

    def block_id(self, seq: int) -> str:
        return f"{self.id}:{seq}"


@dataclass(frozen=True)
class Item:
    """A recommendation, priority or action found in a block, with its provenance.

    `start`/`end` are character offsets of `text` within the block's text; `id`
    is stable across re-ingests of an unchanged document.
    """

    id: str
    kind: ItemKind
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
