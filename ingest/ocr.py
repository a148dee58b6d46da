"""OCR for scanned PDFs: ocrmypdf (with tesseract's English model) adds a text layer.

Used only for a PDF with no text at all, when `ocr: auto` (config.yaml) and ocrmypdf is
installed (Debian: ocrmypdf, tesseract-ocr-eng). ocrmypdf straightens each page, runs
tesseract and writes the text layer; the PDF ingestor then reads that layer like any other.
How sure tesseract was is kept: the mean of its word confidences (0-100), read from the hOCR
files ocrmypdf keeps in its working folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ingest.base import IngestError

SECONDS_PER_PAGE = 120  # OCR of one page may take this long before it is given up
_WORD_CONFIDENCE = re.compile(rb"x_wconf (\d+)")


@dataclass(frozen=True)
class OcrResult:
    """A scanned PDF with the text layer OCR gave it, and how sure the OCR was."""

    pdf: bytes
    words: int
    confidence: float | None  # mean word confidence, 0-100 (None: tesseract reported none)

    def note(self) -> str:
        sure = f"mean word confidence {self.confidence:.0f}%" if self.confidence is not None else "confidence unknown"
        return f"read by OCR (ocrmypdf and tesseract, English): {self.words} words, {sure}"


def ocr_available() -> bool:
    return bool(shutil.which("ocrmypdf") and shutil.which("tesseract"))


def ocr_pdf(data: bytes, pages: int) -> OcrResult:
    """The PDF with a text layer added by ocrmypdf, or IngestError with the reason it failed."""
    with tempfile.TemporaryDirectory(prefix="sgkb-ocr-") as tmp:
        folder = Path(tmp)
        source, target, work = folder / "scan.pdf", folder / "text.pdf", folder / "work"
        work.mkdir()
        source.write_bytes(data)
        command = [
            "ocrmypdf",
            "--skip-text",  # pages that already have text keep it
            "--deskew",
            "-l",
            "eng",
            "--pdf-renderer",
            "hocr",  # the hOCR files carry tesseract's word confidences
            "--keep-temporary-files",
            "--output-type",
            "pdf",
            "--optimize",
            "0",
            "--jobs",
            "1",
            "--quiet",
            str(source),
            str(target),
        ]
        # One thread for tesseract (the batch already runs a process per core); the working
        # folder goes where we can find its hOCR files and remove them.
        env = {**os.environ, "TMPDIR": str(work), "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                command, env=env, capture_output=True, timeout=SECONDS_PER_PAGE * max(1, pages), check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise IngestError(f"the PDF has no text layer and OCR took too long (over {exc.timeout:.0f} s)") from exc
        except OSError as exc:
            raise IngestError(f"the PDF has no text layer and OCR could not start: {exc}") from exc
        if done.returncode != 0 or not target.is_file():
            reason = _last_line(done.stderr, str(work)) or f"ocrmypdf exit code {done.returncode}"
            raise IngestError(f"the PDF has no text layer and OCR failed: {reason}")
        confidences = [int(c) for hocr in work.rglob("*.hocr") for c in _WORD_CONFIDENCE.findall(hocr.read_bytes())]
        return OcrResult(
            pdf=target.read_bytes(),
            words=len(confidences),
            confidence=sum(confidences) / len(confidences) if confidences else None,
        )


def _last_line(stderr: bytes, work: str) -> str:
    """ocrmypdf's last word on a failure (not the line saying where it kept its working files)."""
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("Temporary working files") and work not in ln]
    return lines[-1][:200] if lines else ""
