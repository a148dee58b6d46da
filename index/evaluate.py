"""Score search against hand-written queries and the passages they should find.

A query file is JSONL: {"query": ..., "expected": [{"doc": file name, "text": ...}]}.
A hit is relevant to an expected passage when it is in that document and its
text contains the expected text (case, quotes and spacing normalised). When a
query finds nothing and search suggests a spelling, the suggestion is run, as
a user would click it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.text import normalise
from index.search import SearchResults

K = 10
KEYWORD_SET = "search_queries.jsonl"
# dev: used to build the thesaurus and tune the ranking; test, test2 and test3: written by others,
# in their own words, from the documents alone, and never used to change search
QUESTION_SETS = (
    "search_questions_dev.jsonl",
    "search_questions_test.jsonl",
    "search_questions_test2.jsonl",
    "search_questions_test3.jsonl",
)


@dataclass
class QueryScore:
    query: str
    expected: int
    found: int
    first_rank: int | None
    missing: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def load_queries(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(
    search: Callable[[str], SearchResults], queries: list[dict], doc_names: dict[str, str]
) -> list[QueryScore]:
    """Recall@K and first relevant rank per query; doc_names maps document id -> file name."""
    scores = []
    for q in queries:
        results = search(q["query"])
        if not results.hits and results.suggestion:
            results = search(results.suggestion)
        hits = [(doc_names.get(h.doc_id, h.doc_id), normalise(h.text)) for h in results.hits]
        found, first, missing = 0, None, []
        for exp in q["expected"]:
            want = normalise(exp["text"])
            ranks = [r for r, (doc, text) in enumerate(hits, 1) if doc == exp["doc"] and want in text]
            if ranks:
                found += 1
                first = min(ranks[0], first or ranks[0])
            else:
                missing.append(f"{exp['doc']}: {exp['text']}")
        scores.append(QueryScore(q["query"], len(q["expected"]), found, first, missing))
    return scores


def summary(scores: list[QueryScore]) -> dict:
    n = len(scores)
    return {
        "queries": n,
        f"recall@{K}": round(sum(s.recall for s in scores) / n, 3) if n else 0.0,
        "mrr": round(sum(1 / s.first_rank for s in scores if s.first_rank) / n, 3) if n else 0.0,
    }
