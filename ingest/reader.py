"""Read one file into a Document: the stage every entry point calls to parse.

The bytes are read once, hashed, and parsed from memory, so what is stored is exactly
what was hashed even if the file changes while it is read.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from core.model import Document, Source
from ingest.base import IngestError, Limits
from ingest.metadata import detect_metadata
from ingest.registry import ingestor_for
from ingest.structure import finalise_blocks


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """A file's content, or IngestError with the reason it cannot be read."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IngestError("a folder, not a file")
        if size > max_bytes:
            raise IngestError(
                f"the file is {size / 2**20:.0f} MB, over the limit of {max_bytes / 2**20:.0f} MB"
                " (max_file_mb in config.yaml)"
            )
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise IngestError("no such file") from exc
    except PermissionError as exc:
        raise IngestError("permission denied: the file cannot be read") from exc
    except IsADirectoryError as exc:
        raise IngestError("a folder, not a file") from exc
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror or exc}") from exc


def read_document(
    path: Path,
    data: bytes,
    overrides: dict | None = None,
    override_source: str = Source.SIDECAR.value,
    limits: Limits | None = None,
) -> Document:
    """Parse one file's bytes into a Document (blocks with structure, detected metadata).

    Raises IngestError with a plain reason when the file cannot be read. `overrides` are
    metadata values from the sidecar or a command-line flag.
    """
    path = Path(path)
    ingestor = ingestor_for(data)
    warnings: list[str] = []
    if path.suffix.lower() not in ingestor.extensions:
        kind = ingestor.format.upper()
        warnings.append(f"the file's extension is {path.suffix or '(none)'} but its content is {kind}; read as {kind}")
    parsed = ingestor.parse(io.BytesIO(data), limits or Limits())
    blocks = finalise_blocks(parsed.blocks)
    if not any(b.text.strip() for b in blocks):
        raise IngestError("no text found in the document")
    notes = list(parsed.notes)
    meta = detect_metadata(parsed.properties, parsed.front_text, blocks, path, overrides, override_source, notes)
    sha = sha256_of(data)
    return Document(
        id=sha[:16],
        path=str(path),
        format=ingestor.format,
        sha256=sha,
        meta=meta,
        pages=parsed.pages,
        blocks=tuple(blocks),
        warnings=tuple(warnings + parsed.warnings),
        notes=tuple(notes),
    )
