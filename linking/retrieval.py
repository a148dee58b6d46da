"""Ranking passages for an item: the small retrieval interface linking needs, and BM25 over the
store's passages as its implementation.

Linking runs before the search index is written (statuses come from links), so it ranks the
same passages (`core.passages`) itself; any engine that can score weighted words over
passages could stand in for `Bm25Passages` (see `PassageSearch`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import numpy as np

K1 = 1.2
B = 0.75


class PassageSearch(Protocol):
    """Scores passages for a bag of weighted words."""

    size: int

    def scores(self, terms: dict[str, float]) -> np.ndarray: ...

    def idf(self, term: str) -> float: ...

    def common(self, term: str) -> bool: ...


class Bm25Passages:
    """BM25 over term bags, one bag per passage, with numpy postings."""

    def __init__(self, bags: Sequence[Counter[str]], max_term_share: float = 0.2):
        self.size = len(bags)
        lengths = np.array([sum(b.values()) for b in bags], dtype=np.float32)
        self.avg_length = float(lengths.mean()) if self.size else 1.0
        self.norm = K1 * (1 - B + B * lengths / max(self.avg_length, 1.0))
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for i, bag in enumerate(bags):
            for term, tf in bag.items():
                ids, tfs = postings.setdefault(term, ([], []))
                ids.append(i)
                tfs.append(tf)
        self.postings = {
            t: (np.asarray(ids, dtype=np.int64), np.asarray(tfs, dtype=np.float32))
            for t, (ids, tfs) in postings.items()
        }
        self.max_df = max(2, int(max_term_share * self.size))

    def df(self, term: str) -> int:
        found = self.postings.get(term)
        return len(found[0]) if found else 0

    def idf(self, term: str) -> float:
        n = self.df(term)
        return float(np.log(1 + (self.size - n + 0.5) / (n + 0.5)))

    def common(self, term: str) -> bool:
        """Too common to retrieve on (it still counts in coverage)."""
        return self.df(term) > self.max_df

    def scores(self, terms: dict[str, float]) -> np.ndarray:
        total = np.zeros(self.size, dtype=np.float32)
        for term, weight in terms.items():
            found = self.postings.get(term)
            if found is None or len(found[0]) > self.max_df:
                continue
            ids, tf = found
            total[ids] += weight * self.idf(term) * tf * (K1 + 1) / (tf + self.norm[ids])
        return total
