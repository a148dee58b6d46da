"""Search speed: indexing entries/second, and p50/p95 query latency (highlighting included) on
the corpus and on a synthetic corpus N times larger, side by side.

The corpus is ingested into a temporary folder (not timed). The synthetic index copies every
corpus entry N times with its years shifted (2013-14 -> 2014-15 ...) so that year filters and
facets see many periods. Each key-word query runs as typed and again with `kind:` + `year:`
range filters; the questions run as typed.
Usage: python bench/search.py [--scale N] [--quick]
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from common import ROOT, ingested, measure, parser, pct
from whoosh import index as whoosh_index

from index.evaluate import load_queries
from index.indexer import CURRENT, document_entries, sync, write_entries
from index.schema import SCHEMA_VERSION, build_schema
from sgkb.service import KnowledgeBase

DATA = ROOT / "tests" / "data"


def shifted(entry: dict, k: int) -> dict:
    """A copy of an index entry moved k years later, with its own ids."""

    def shift(match: re.Match) -> str:
        return str(int(match.group(0)) + k)

    out = dict(entry)
    out["id"] = f"{entry['id']}~{k}"
    out["doc_id"] = f"{entry['doc_id']}~{k}"
    out["period"] = re.sub(r"(?<!\d)(19|20)\d{2}(?!\d)", shift, entry["period"])
    out["period"] = re.sub(r"-(\d{2})$", lambda m: f"-{(int(m.group(1)) + k) % 100:02d}", out["period"])
    out["date"] = re.sub(r"^\d{4}", shift, entry["date"]) if entry["date"] else ""
    out["year"] = entry["year"] + k if entry["year"] else 0
    if entry.get("item_id"):
        out["item_id"] = f"{entry['item_id']}~{k}"
    return out


def build_scaled(kb: KnowledgeBase, target: Path, scale: int) -> tuple[int, float]:
    """A scale-times copy of the corpus index, with the corpus store beside it; (entries, seconds)."""
    store = kb.store
    base = [e for d in store.documents() for e in document_entries(store, d)]
    build = target / "index" / "build-bench"
    build.mkdir(parents=True)
    (target / "sgkb.sqlite3").write_bytes(kb.config.db_path.read_bytes())
    ix = whoosh_index.create_in(str(build), build_schema())
    start = time.perf_counter()
    count = write_entries(ix, (shifted(e, k) if k else e for k in range(scale) for e in base), procs=2)
    seconds = time.perf_counter() - start
    (target / "index" / CURRENT).write_text(f'{{"build": "build-bench", "schema_version": {SCHEMA_VERSION}}}')
    (build / "stamps.json").write_text('{"stamps": {}}')
    return count, seconds


def latencies(kb: KnowledgeBase, queries: list[str]) -> tuple[float, list[float]]:
    start = time.perf_counter()
    kb.search(queries[0])  # first query: opens the index and fills the caches
    cold = time.perf_counter() - start
    times = []
    for q in queries:
        start = time.perf_counter()
        kb.search(q)
        times.append(time.perf_counter() - start)
    return cold, times


def main() -> None:
    p = parser(__doc__, "a smoke run: scale 3")
    p.add_argument("--scale", type=int, default=100, help="size of the synthetic corpus (times the corpus)")
    args = p.parse_args()
    scale = 3 if args.quick else args.scale
    keywords = [q["query"] for q in load_queries(DATA / "search_queries.jsonl")]
    keywords += [f"{q} kind:recommendation year:2013..2021" for q in keywords]
    questions = [
        q["query"]
        for f in ("search_questions_dev.jsonl", "search_questions_test.jsonl")
        for q in load_queries(DATA / f)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        config = ingested(Path(tmp) / "corpus")
        kb = KnowledgeBase(config)
        report = sync(kb.store, config.data_dir, rebuild=True)
        results = {"x1": (latencies(kb, keywords), latencies(kb, questions))}
        entries, seconds = build_scaled(kb, Path(tmp) / "scaled", scale)
        big = KnowledgeBase(config.with_overrides(data_dir=Path(tmp) / "scaled"))
        results[f"x{scale}"] = (latencies(big, keywords), latencies(big, questions))
    print(f"{len(keywords)} key-word queries (half with kind + year-range filters) and {len(questions)} questions")
    measure("entries in the corpus index", report.entries)
    measure("indexing, corpus (1 process)", report.entries / report.seconds, "entries/s")
    measure(f"entries in the x{scale} index", entries)
    measure(f"indexing, x{scale} (2 processes)", entries / seconds, "entries/s")
    for size, ((cold, kw), (_, qs)) in results.items():
        measure(f"first query {size} (cold caches)", cold * 1000, "ms")
        measure(f"key-word query p50 {size}", pct(kw, 50) * 1000, "ms")
        measure(f"key-word query p95 {size}", pct(kw, 95) * 1000, "ms")
        measure(f"question p50 {size}", pct(qs, 50) * 1000, "ms")
        measure(f"question p95 {size}", pct(qs, 95) * 1000, "ms")


if __name__ == "__main__":
    main()
