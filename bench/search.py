"""Search speed: indexing entries/second, and p50/p95 query latency (highlighting included) on
the corpus and on a synthetic corpus N times larger, side by side.

The corpus is ingested into a temporary folder (not timed). The synthetic index copies every
corpus entry N times with its years shifted (2013-14 -> 2014-15 ...) so that year filters and
facets see many periods; its sentence vectors are the corpus's, copied N times (the same texts:
embedding them again would only repeat the corpus's cost, which is measured on its own). Each
key-word query runs as typed and again with `kind:` + `year:` range filters, all of them twice
(the first pass reads their postings from disk, the second finds them cached); the questions run
as typed (the semantic signal on: the default), then again with it off and on.
Usage: python bench/search.py [--scale N] [--quick]
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

import numpy as np
from common import ROOT, ingested, measure, parser, pct
from whoosh import index as whoosh_index

from index import catalogue, scoring, semantic
from index.evaluate import KEYWORD_SET, QUESTION_SETS, load_queries
from index.indexer import CURRENT, current_build, current_info, document_entries, index_root, sync, write_entries
from index.schema import TEXT_ANALYZER, build_schema
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


def build_scaled(kb: KnowledgeBase, target: Path, scale: int) -> tuple[int, float, float, int, float]:
    """A scale-times copy of the corpus index, with the corpus store beside it; (entries,
    seconds to write them, seconds of those for the build's catalogue, sentence vectors of the
    corpus, seconds to embed them)."""
    store = kb.store
    model = semantic.embedder()
    writer = semantic.VectorWriter(model)
    start = time.perf_counter()
    base = [entry for d in store.documents() for e in document_entries(store, d) for entry in writer.add(e)] + list(
        writer.flush()
    )
    embedding = time.perf_counter() - start
    rows = writer.rows
    build = target / "index" / "build-bench"
    build.mkdir(parents=True)
    (target / "sgkb.sqlite3").write_bytes(kb.config.db_path.read_bytes())
    ix = whoosh_index.create_in(str(build), build_schema())

    def copies():
        for k in range(scale):
            for e in base:
                yield {**(shifted(e, k) if k else e), "vec_start": e["vec_start"] + k * rows}

    start = time.perf_counter()
    count = write_entries(ix, copies(), procs=2)
    written = time.perf_counter()
    with ix.reader() as reader:
        catalogue.save(build, reader)
    seconds, cataloguing = time.perf_counter() - start, time.perf_counter() - written
    semantic.save(build, np.tile(writer.matrix(), (scale, 1)) if model else None, model)
    (target / "index" / CURRENT).write_text(json.dumps(current_info("build-bench")))
    (build / "stamps.json").write_text('{"stamps": {}}')
    return count, seconds, cataloguing, rows, embedding


def postings_read(data_dir: Path, questions: list[str]) -> tuple[float, float]:
    """Seconds to read every posting of the questions' words: through Whoosh's matcher from the
    body (with positions), and by the scorer's block reader from `terms` (without)."""
    words = sorted({t.text for q in questions for t in TEXT_ANALYZER(q, mode="query")})
    with whoosh_index.open_dir(str(current_build(index_root(data_dir)))).searcher() as searcher:
        leaves = [sub.reader() for sub, _ in searcher.leaf_searchers()]  # per segment, as the scorer reads
        start = time.perf_counter()
        for word in words:
            for leaf in leaves:
                if ("body", word) in leaf:
                    matcher = leaf.postings("body", word)
                    while matcher.is_active():
                        matcher.id(), matcher.weight()
                        matcher.next()
        through_matcher = time.perf_counter() - start
        start = time.perf_counter()
        for word in words:
            for leaf in leaves:
                if ("terms", word) in leaf:
                    scoring._read_postings(leaf.postings("terms", word))
        in_blocks = time.perf_counter() - start
    return through_matcher, in_blocks


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


def question_latencies(kb: KnowledgeBase, questions: list[str]) -> dict[str, list[float]]:
    """Each question's time asked the first time (semantic signal on: the default), then again
    with the signal off and on (their words' postings now cached), for a fair comparison."""
    out = {"first": latencies(kb, questions)[1]}
    for signal in (False, True):
        kb.index.semantic = signal
        out["on" if signal else "off"] = latencies(kb, questions)[1]
    kb.index.semantic = True
    return out


def main() -> None:
    p = parser(__doc__, "a smoke run: scale 3")
    p.add_argument("--scale", type=int, default=100, help="size of the synthetic corpus (times the corpus)")
    args = p.parse_args()
    scale = 3 if args.quick else args.scale
    keywords = [q["query"] for q in load_queries(DATA / KEYWORD_SET)]
    keywords += [f"{q} kind:recommendation year:2013..2021" for q in keywords]
    questions = [q["query"] for f in QUESTION_SETS for q in load_queries(DATA / f)]
    with tempfile.TemporaryDirectory() as tmp:
        config = ingested(Path(tmp) / "corpus")
        kb = KnowledgeBase(config)
        report = sync(kb.store, config.data_dir, rebuild=True)
        results = {"x1": (latencies(kb, keywords), latencies(kb, keywords)[1], question_latencies(kb, questions))}
        entries, seconds, cataloguing, rows, embedding = build_scaled(kb, Path(tmp) / "scaled", scale)
        big = KnowledgeBase(config.with_overrides(data_dir=Path(tmp) / "scaled"))
        results[f"x{scale}"] = (
            latencies(big, keywords),
            latencies(big, keywords)[1],
            question_latencies(big, questions),
        )
        through_matcher, in_blocks = postings_read(Path(tmp) / "scaled", questions)
    print(f"{len(keywords)} key-word queries (half with kind + year-range filters) and {len(questions)} questions")
    measure("entries in the corpus index", report.entries)
    measure("indexing, corpus (1 process)", report.entries / report.seconds, "entries/s")
    measure("sentence vectors of the corpus", rows)
    measure("embedding the corpus (1 process)", rows / embedding, "sentences/s")
    measure(f"entries in the x{scale} index", entries)
    measure(f"indexing, x{scale} (2 processes, vectors copied)", entries / seconds, "entries/s")
    measure(f"of which the build's catalogue, x{scale}", cataloguing * 1000, "ms")
    measure(f"reading the questions' postings x{scale}, through Whoosh's matcher", through_matcher * 1000, "ms")
    measure(f"reading the questions' postings x{scale}, block reader on `terms`", in_blocks * 1000, "ms")
    measure("block reader speed-up", through_matcher / in_blocks, "x")
    for size, ((cold, kw), kw_again, qs) in results.items():
        measure(f"first query {size} (cold caches)", cold * 1000, "ms")
        measure(f"key-word query p50 {size}", pct(kw, 50) * 1000, "ms")
        measure(f"key-word query p95 {size}", pct(kw, 95) * 1000, "ms")
        measure(f"key-word query p95 {size} asked again", pct(kw_again, 95) * 1000, "ms")
        measure(f"question p50 {size}", pct(qs["first"], 50) * 1000, "ms")
        measure(f"question p95 {size}", pct(qs["first"], 95) * 1000, "ms")
        measure(f"question p95 {size} asked again, semantic signal on", pct(qs["on"], 95) * 1000, "ms")
        measure(f"question p95 {size} asked again, semantic signal off", pct(qs["off"], 95) * 1000, "ms")


if __name__ == "__main__":
    main()
