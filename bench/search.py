"""Search speed: indexing docs/second, and p50/p95 query latency (highlighting
included) on the corpus and on a synthetic corpus N times larger, side by side.

The corpus is ingested into a temporary folder (not timed). The synthetic index
copies every corpus entry N times with its years shifted (2013-14 -> 2014-15 ...)
so that year filters and facets see many periods. Each query of the project's
query set runs as typed and again with a `kind:` + `year:` range filter.
Prints measurements only.
Usage: python bench/search.py [--scale N] [--quick]
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh import index as whoosh_index  # noqa: E402

from index.evaluate import load_queries  # noqa: E402
from index.indexer import CURRENT, document_entries, sync, write_entries  # noqa: E402
from index.schema import SCHEMA_VERSION, build_schema  # noqa: E402
from index.search import SearchIndex  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from sgkb.config import PROJECT_ROOT, load_config  # noqa: E402
from sgkb.store import Store  # noqa: E402

QUERIES = PROJECT_ROOT / "tests" / "data" / "search_queries.jsonl"


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
    return out


def build_scaled(store: Store, data_dir: Path, scale: int) -> tuple[int, float]:
    """Write a scale-times index into data_dir/index; returns (entries, seconds)."""
    root = data_dir / "index"
    build = root / "build-bench"
    build.mkdir(parents=True)
    base = [e for d in store.documents() for e in document_entries(store, d["id"])]
    ix = whoosh_index.create_in(str(build), build_schema())
    start = time.perf_counter()
    count = write_entries(ix, (shifted(e, k) if k else e for k in range(scale) for e in base), procs=2)
    seconds = time.perf_counter() - start
    (root / CURRENT).write_text(f'{{"build": "build-bench", "schema_version": {SCHEMA_VERSION}}}')
    return count, seconds


def latencies(index: SearchIndex, queries: list[str]) -> tuple[float, list[float]]:
    start = time.perf_counter()
    index.search(queries[0])  # first query: opens the index and fills the filter caches
    cold = time.perf_counter() - start
    times = []
    for q in queries:
        start = time.perf_counter()
        results = index.search(q)
        for hit in results.hits:
            assert hit.snippet is not None
        times.append(time.perf_counter() - start)
    return cold, times


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="size of the synthetic corpus (times the corpus)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: scale 3")
    args = parser.parse_args()
    scale = 3 if args.quick else args.scale
    typed = [q["query"] for q in load_queries(QUERIES)]
    queries = typed + [f"{q} kind:recommendation year:2013..2021" for q in typed]
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config().with_overrides(data_dir=Path(tmp) / "corpus")
        ingest(config)
        with Store(config.db_path) as store:
            report = sync(store, config.data_dir, rebuild=True)
            small = SearchIndex(config.data_dir)
            cold_small, small_times = latencies(small, queries)
            big_dir = Path(tmp) / "scaled"
            entries, seconds = build_scaled(store, big_dir, scale)
        big = SearchIndex(big_dir)
        cold_big, big_times = latencies(big, queries)
    rows = [
        ("entries", f"{report.entries:,}", f"{entries:,}"),
        ("indexing docs/s", f"{report.entries / report.seconds:,.0f}", f"{entries / seconds:,.0f} (2 procs)"),
        ("first query (cold caches) ms", f"{cold_small * 1000:.1f}", f"{cold_big * 1000:.1f}"),
        ("query p50 ms", f"{pct(small_times, 50) * 1000:.1f}", f"{pct(big_times, 50) * 1000:.1f}"),
        ("query p95 ms", f"{pct(small_times, 95) * 1000:.1f}", f"{pct(big_times, 95) * 1000:.1f}"),
    ]
    print(f"{len(queries)} queries ({len(typed)} as typed, {len(typed)} with kind + year-range filters), "
          "highlighting included")
    print(f"{'':32}{'corpus':>14}{f'corpus x{scale}':>24}")
    for name, a, b in rows:
        print(f"{name:32}{a:>14}{b:>24}")
    print(f"p95 ratio x{scale} / x1: {pct(big_times, 95) / pct(small_times, 95):.1f}")


if __name__ == "__main__":
    main()
