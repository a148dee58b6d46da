"""Tagging throughput: words/second of the spaCy item tagger over the corpus.

Reads the corpus once (not timed), then times tag_document over every document.
Usage: python bench/tagging.py [--repeat N] [--quick]
"""

from __future__ import annotations

import time

from common import CORPUS, measure, parser

from ingest.reader import read_document
from tagging.pipeline import build_nlp, tag_document


def main() -> None:
    p = parser(__doc__, "one run over the Word files")
    p.add_argument("--repeat", type=int, default=3, help="runs; the best is kept")
    args = p.parse_args()
    repeat = 1 if args.quick else args.repeat
    suffixes = (".docx",) if args.quick else (".pdf", ".docx")  # quick: the Word files, fast to read
    docs = [read_document(f, f.read_bytes()) for f in sorted(CORPUS.iterdir()) if f.suffix in suffixes]
    words = sum(len(b.text.split()) for d in docs for b in d.blocks)
    start = time.perf_counter()
    build_nlp()
    measure("pipeline load", time.perf_counter() - start, "s")
    best, items = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        items = sum(len(tag_document(d)) for d in docs)
        best = min(best, time.perf_counter() - start)
    print(f"corpus: {len(docs)} files, {words:,} words, {items} items; best of {repeat}")
    measure("tagging the whole corpus", best, "s")
    measure("tagging throughput", words / best, "words/s")


if __name__ == "__main__":
    main()
