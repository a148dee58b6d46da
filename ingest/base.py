"""What every ingestor shares: the interface, its output, and the one error type.

An ingestor reads one format (declared by `format` and `extensions`) from the file's bytes
and returns `Parsed`: blocks with structure, the page count, the file's properties and the
text of its first page. Every library failure is re-raised as `IngestError` with a plain
reason a user can act on. The registry (`ingest.registry`) picks the ingestor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from core.config import Limits
from core.model import Block

__all__ = ["IngestError", "Ingestor", "Limits", "Parsed"]


class IngestError(Exception):
    """A file could not be read; the message is the plain reason."""


@dataclass
class Parsed:
    """An ingestor's output: blocks, page count, file properties and first-page text."""

    blocks: list[Block]
    pages: int | None
    properties: dict[str, str]
    front_text: str
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Ingestor(Protocol):
    """One per format: declares what it reads and parses a file's bytes into blocks."""

    format: str
    extensions: tuple[str, ...]

    def parse(self, data: BinaryIO, limits: Limits) -> Parsed: ...
