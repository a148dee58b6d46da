"""Tagging throughput: words/second of the spaCy item tagger over the corpus.

Reads the corpus once (ingestion is not timed), then times tag_document over
every document. Prints measurements only.
Usage: python bench/tagging.py [--repeat N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.base import read_document  # noqa: E402
from tagging.pipeline import build_nlp, tag_document  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is kept")
    args = parser.parse_args()
    docs = [read_document(p) for p in sorted(CORPUS.iterdir()) if p.suffix in (".pdf", ".docx")]
    words = sum(len(b.text.split()) for d in docs for b in d.blocks)
    start = time.perf_counter()
    build_nlp()
    load = time.perf_counter() - start
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        items = [tag_document(d) for d in docs]
        best = min(best, time.perf_counter() - start)
    print(f"corpus: {len(docs)} files, {words:,} words, {sum(map(len, items))} items; best of {args.repeat}")
    print(f"pipeline load: {load:.2f} s")
    print(f"tagging the whole corpus: {best:.2f} s  ({words / best:,.0f} words/s)")


if __name__ == "__main__":
    main()
