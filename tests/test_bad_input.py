"""Bad files are reported by name with a plain reason; the batch and the store survive."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, MIXED
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from cli.main import main

GOOD = "hscp-multi-agency-safeguarding-arrangements-2023.docx"


def text_pdf(path: Path, text: str = "A small report about safeguarding children.") -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A page with drawing only, as a scan without OCR looks to a text extractor."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    for y in range(20, 260, 12):
        pdf.rect(20, y, 170, 6, style="F")
    pdf.output(str(path))
    return path


def encrypted_pdf(path: Path, tmp: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(text_pdf(tmp / "plain.pdf")))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@pytest.fixture
def bad_batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(CORPUS / GOOD, folder / GOOD)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    whole = (CORPUS / "cyp-scrutiny-committee-minutes-2025-01-21.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 3])
    encrypted_pdf(folder / "encrypted.pdf", tmp_path)
    scanned_pdf(folder / "scanned.pdf")
    (folder / "notes.pdf").write_text("just some text, not a PDF\n", encoding="utf-8")
    (folder / "old-word.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "unsupported.txt").write_text("plain text file\n", encoding="utf-8")
    docx = (CORPUS / GOOD).read_bytes()
    (folder / "truncated.docx").write_bytes(docx[: len(docx) // 2])
    with zipfile.ZipFile(folder / "not-word.docx", "w") as zf:
        zf.writestr("hello.txt", "not a Word document")
    text_pdf(folder / "really-a-pdf.docx", "A renamed PDF about private fostering arrangements.")
    return folder


EXPECTED_REASONS = {
    "empty.pdf": "empty",
    "corrupt.pdf": "corrupt",
    "truncated.pdf": "corrupt or truncated",
    "encrypted.pdf": "encrypted",
    "scanned.pdf": "no text layer",
    "notes.pdf": "not a PDF or Word",
    "old-word.doc": ".doc) format is not supported",
    "unsupported.txt": "not a PDF or Word",
    "truncated.docx": "corrupt or truncated",
    "not-word.docx": "not a Word",
}


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_each_bad_file_is_named_with_its_reason_and_the_rest_goes_on(bad_batch, tmp_path):
    data = tmp_path / "data"
    result = run("--data-dir", str(data), "ingest", str(bad_batch))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    for name, reason in EXPECTED_REASONS.items():
        line = next((x for x in lines if x.startswith(f"failed: {name}: ")), None)
        assert line, f"{name} not reported: {lines}"
        assert reason in line, line
        assert "Traceback" not in line
    assert "warning: really-a-pdf.docx: the file's extension is .docx but its content is PDF" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"2 ingested, 0 unchanged, {len(EXPECTED_REASONS)} failed"
    listed = run("--data-dir", str(data), "docs", "--format", "csv").stdout
    assert GOOD in run("--data-dir", str(data), "docs", "--format", "jsonl").stdout
    assert "really-a-pdf" in run("--data-dir", str(data), "docs", "--format", "jsonl").stdout
    assert listed.count("\n") == 3  # header + two documents


def test_a_bad_file_named_alone_fails_with_exit_code_1(bad_batch, tmp_path):
    result = run("--data-dir", str(tmp_path / "data"), "ingest", str(bad_batch / "encrypted.pdf"))
    assert result.exit_code == 1
    assert "failed: encrypted.pdf: the PDF is encrypted (password protected)" in result.stderr


def test_a_missing_path_is_reported(tmp_path):
    result = run("--data-dir", str(tmp_path / "data"), "ingest", str(tmp_path / "nope.pdf"))
    assert result.exit_code == 1
    assert "failed: nope.pdf: no such file" in result.stderr


SUBSET = (
    GOOD,
    "hscb-annual-report-2013-14.pdf",
    "cyp-scrutiny-committee-minutes-2025-01-21.pdf",
    "hscp-annual-report-2020-21.docx",
)


def _interrupt_midway(tmp_path, sig, *extra):
    """Start a real `sgkb ingest` of four corpus files and stop it once one new document is stored."""
    data = tmp_path / "data"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SUBSET:
        shutil.copy(CORPUS / name, corpus / name)
    env = {
        **os.environ,
        "SGKB_DATA_DIR": str(data),
        "SGKB_WORKERS": "1",
        "SGKB_CORPUS_DIR": str(corpus),
        "SGKB_METADATA_FILE": str(corpus / "metadata.yaml"),
    }
    first = subprocess.run(
        [sys.executable, "-m", "cli.main", "ingest", str(corpus / GOOD)], env=env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    db = data / "sgkb.sqlite3"
    before = _documents(db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "ingest", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        target = db.with_name(db.name + ".rebuild") if "--rebuild" in extra else db
        if target.exists() and len(_documents(target)) > (0 if "--rebuild" in extra else len(before)):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return db, before


def _documents(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        try:
            return dict(
                conn.execute(
                    "SELECT d.id, COUNT(b.seq) FROM documents d LEFT JOIN blocks b ON b.doc_id = d.id GROUP BY d.id"
                )
            )
        except sqlite3.OperationalError:
            return {}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_interrupted_ingest_leaves_a_usable_store(tmp_path, sig):
    db, before = _interrupt_midway(tmp_path, sig)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = _documents(db)
    assert set(before) <= set(after)
    assert before.items() <= after.items()
    assert all(count > 0 for count in after.values()), "a document was stored without its blocks"
    result = run("--data-dir", str(db.parent), "ingest", str(db.parent.parent / "corpus"))
    assert result.exit_code == 0 and "0 failed" in result.stdout


def test_an_interrupted_rebuild_keeps_the_previous_store(tmp_path):
    db, before = _interrupt_midway(tmp_path, signal.SIGKILL, "--rebuild")
    assert _documents(db) == before


def test_a_scanned_pdf_with_ocr_off_is_refused_by_name_as_needing_ocr(tmp_path):
    scan = tmp_path / "batch" / "calderbrook-scanned-minutes-2024-06-10.pdf"
    scan.parent.mkdir()
    shutil.copy(MIXED / "calderbrook" / scan.name, scan)
    result = run("--data-dir", str(tmp_path / "data"), "ingest", str(scan.parent), env={"SGKB_OCR": "off"})
    assert result.exit_code == 1
    assert (
        f"failed: {scan.name}: the PDF has no text layer (a scanned image?): it needs OCR (ocr is off" in result.stderr
    )
