"""The ingestor interface, the format registry and the one error type.

A format is picked by the file's content (magic bytes) before its extension,
so a PDF saved as `.docx` is still read, with a warning. Every library failure
is re-raised as `IngestError` with a plain reason a user can act on.
"""
from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sgkb.model import Block, Document, DocumentMeta

HASH_CHUNK = 1 << 20


class IngestError(Exception):
    """A file could not be read; the message is the plain reason."""


class Ingestor(Protocol):
    """One per format: declares what it reads and parses a file into blocks."""

    format: str
    extensions: tuple[str, ...]

    def parse(self, path: Path) -> "Parsed": ...


@dataclass
class Parsed:
    """An ingestor's output: blocks, page count, file properties and first-page text."""

    blocks: list[Block]
    pages: int | None
    properties: dict
    front_text: str
    warnings: list[str] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def detect_format(path: Path) -> str:
    """Return "pdf" or "docx" from the file's content, or raise IngestError."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise IngestError(f"cannot open the file: {exc.strerror}") from exc
    if not head:
        raise IngestError("the file is empty (0 bytes)")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise IngestError("the file looks like a Word file but the archive is corrupt or truncated") from exc
        if "word/document.xml" in names:
            return "docx"
        raise IngestError("a zip archive, but not a Word (.docx) document")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError("old binary Word (.doc) format is not supported; save it as .docx")
    if head.lstrip().startswith((b"{\\rtf",)):
        raise IngestError("RTF is not supported; save it as .docx or PDF")
    kind = "plain text" if _looks_like_text(path) else "an unknown binary format"
    raise IngestError(f"not a PDF or Word (.docx) file: the content is {kind}")


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as fh:
        sample = fh.read(2048)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in sample


def _ingestors() -> dict[str, Ingestor]:
    # Imported lazily: pdfplumber and python-docx are slow to import and not
    # needed for commands that only read the store.
    from ingest.pdf import PdfIngestor
    from ingest.word import WordIngestor

    return {ing.format: ing for ing in (PdfIngestor(), WordIngestor())}


def read_document(path: Path, sidecar: dict | None = None) -> Document:
    """Parse one file into a Document (blocks with structure, detected metadata).

    Raises IngestError with a plain reason when the file cannot be read.
    `sidecar` holds metadata overrides for this file (from corpus/metadata.yaml).
    """
    from ingest.metadata import detect_metadata
    from ingest.structure import finalise_blocks

    path = Path(path)
    fmt = detect_format(path)
    ingestor = _ingestors()[fmt]
    warnings: list[str] = []
    if path.suffix.lower() not in ingestor.extensions:
        warnings.append(f"the file's extension is {path.suffix or '(none)'} but its content is {fmt.upper()}; read as {fmt.upper()}")
    parsed = ingestor.parse(path)
    blocks = finalise_blocks(parsed.blocks)
    if not any(b.text.strip() for b in blocks):
        raise IngestError("no text found in the document")
    meta: DocumentMeta = detect_metadata(parsed.properties, parsed.front_text, blocks, path, sidecar or {})
    sha = file_sha256(path)
    return Document(
        id=sha[:16], path=str(path), format=fmt, sha256=sha, meta=meta,
        pages=parsed.pages, blocks=tuple(blocks), warnings=tuple(warnings + parsed.warnings),
    )
