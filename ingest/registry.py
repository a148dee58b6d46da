"""The format registry: which ingestor reads a file, chosen by its content before its name.

A PDF saved as `.docx` is still read as a PDF (with a warning); a file that is neither is
refused with what it looks like instead.
"""

from __future__ import annotations

import io
import zipfile

from ingest.base import IngestError, Ingestor
from ingest.pdf import PdfIngestor
from ingest.word import WordIngestor

INGESTORS: dict[str, Ingestor] = {ing.format: ing for ing in (PdfIngestor(), WordIngestor())}


def detect_format(data: bytes) -> str:
    """ "pdf" or "docx" from a file's content, or IngestError saying what it is instead."""
    head = data[:8]
    if not head:
        raise IngestError("the file is empty (0 bytes)")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise IngestError("the file looks like a Word file but the archive is corrupt or truncated") from exc
        if "word/document.xml" in names:
            return "docx"
        raise IngestError("a zip archive, but not a Word (.docx) document")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError("old binary Word (.doc) format is not supported; save it as .docx")
    if head.lstrip().startswith(b"{\\rtf"):
        raise IngestError("RTF is not supported; save it as .docx or PDF")
    kind = "plain text" if _looks_like_text(data[:2048]) else "an unknown binary format"
    raise IngestError(f"not a PDF or Word (.docx) file: the content is {kind}")


def _looks_like_text(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in sample


def ingestor_for(data: bytes) -> Ingestor:
    return INGESTORS[detect_format(data)]
