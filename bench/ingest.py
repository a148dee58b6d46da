"""Ingestion throughput: pages/second per format, the cost of structure over bare
text extraction, and the time of a re-ingest of the unchanged corpus.

Prints measurements only; it asserts nothing (these machines are noisy).
Usage: python bench/ingest.py [--repeat N] [--quick]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber  # noqa: E402

from ingest.base import read_document  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from sgkb.config import load_config  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_text(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best is kept")
    parser.add_argument("--quick", action="store_true", help="smallest PDF only (a smoke run)")
    args = parser.parse_args()

    pdfs = sorted(CORPUS.glob("*.pdf"), key=lambda p: p.stat().st_size)[: 1 if args.quick else None]
    docxs = sorted(CORPUS.glob("*.docx"))
    pages = {p: len(pdfplumber.open(p).pages) for p in pdfs}
    total_pages = sum(pages.values())

    print(f"corpus: {len(pdfs)} PDF ({total_pages} pages), {len(docxs)} Word files; best of {args.repeat}, one process")
    bare = sum(best_of(args.repeat, lambda p=p: bare_text(p)) for p in pdfs)
    full = sum(best_of(args.repeat, lambda p=p: read_document(p)) for p in pdfs)
    print(f"PDF  bare pdfplumber extract_text: {total_pages / bare:7.1f} pages/s  ({bare:.2f} s)")
    print(f"PDF  full structured ingestion:    {total_pages / full:7.1f} pages/s  ({full:.2f} s)")
    print(f"PDF  structure cost ratio (full / bare): {full / bare:.2f}x")

    words = 0
    docx_time = 0.0
    for path in docxs:
        doc = read_document(path)
        words += sum(len(b.text.split()) for b in doc.blocks)
        docx_time += best_of(args.repeat, lambda p=path: read_document(p))
    twin = CORPUS / "hscp-annual-report-2020-21.pdf"
    per_page = sum(len(b.text.split()) for b in read_document(twin).blocks) / len(pdfplumber.open(twin).pages)
    print(f"Word full structured ingestion:    {words / per_page / docx_time:7.1f} pages/s  "
          f"({words / docx_time:,.0f} words/s; pages estimated at {per_page:.0f} words/page from the PDF twin)")

    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(environ={}).with_overrides(data_dir=tmp)
        start = time.perf_counter()
        ingest(config)
        first = time.perf_counter() - start
        again = statistics.median(best_of(1, lambda: ingest(config)) for _ in range(3))
    print(f"first ingest of the corpus (parallel): {first:.2f} s; re-ingest unchanged: {again * 1000:.0f} ms")


if __name__ == "__main__":
    main()
