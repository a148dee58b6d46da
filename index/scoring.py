"""Relevance scoring in numpy over Whoosh's postings.

Whoosh's own matchers walk every matching document in Python (about 20 µs a
document for a nested OR), which at a hundred times the corpus means seconds
for a query of common words. Here each term's postings are read once per index
generation, block by block, into arrays; a query is then scored with BM25F
(same k1 and b as Whoosh's default) by adding arrays, and only the top of the
matched set is sorted. Document lengths are Whoosh's field lengths, read into the build's
catalogue (index/catalogue.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher

K1 = 1.2
B = 0.75
BODY = "body"
BODY_POSTINGS = "terms"  # the body's words without positions: read for scoring and matching
PHRASE_BONUS = 2.0  # a boost phrase adds this times its words' score
PHRASE_CANDIDATE_LIMIT = 5_000  # skip a boost phrase whose words co-occur in more entries than this
CACHE_TERMS = 5_000
WEIGHTED_COVERAGE = True


class Postings:
    """Per-generation arrays: each term's (ids, term frequencies), with the live documents and
    body lengths of the build's catalogue."""

    def __init__(self, searcher, live: np.ndarray, lengths: np.ndarray):
        self.searcher = searcher
        self.size = len(live)
        self.live = live
        self.lengths = lengths
        self.avg_length = float(self.lengths[self.live].mean()) if self.live.any() else 1.0
        self.doc_count = int(self.live.sum())
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()
        self._read_lock = threading.Lock()

    def term(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, term frequencies) of a term, deleted documents left out."""
        key = (fieldname, text)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        ids, weights = [], []
        source = BODY_POSTINGS if fieldname == BODY else fieldname
        with self._read_lock:  # one searcher, shared by the threads of a server
            leaves = [(sub.reader(), offset) for sub, offset in self.searcher.leaf_searchers()]
            postings = [
                (_read_postings(reader.postings(source, text)), offset)
                for reader, offset in leaves
                if (source, text) in reader
            ]
        for (seg_ids, seg_weights), offset in postings:
            ids.append(np.asarray(seg_ids, dtype=np.int64) + offset)
            weights.append(np.asarray(seg_weights, dtype=np.float32))
        if ids:
            all_ids, all_weights = np.concatenate(ids), np.concatenate(weights)
            keep = self.live[all_ids]
            result = (all_ids[keep], all_weights[keep])
        else:
            result = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        with self._lock:
            self._cache[key] = result
            if len(self._cache) > CACHE_TERMS:
                self._cache.popitem(last=False)
        return result

    def bm25(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, BM25 contribution) of a body term."""
        ids, tf = self.term(BODY, text)
        if not len(ids):
            return ids, tf
        idf = np.log(1 + (self.doc_count - len(ids) + 0.5) / (len(ids) + 0.5))
        norm = K1 * (1 - B + B * self.lengths[ids] / self.avg_length)
        return ids, (idf * tf * (K1 + 1) / (tf + norm)).astype(np.float32)


def _read_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """All (id, weight) pairs of a leaf matcher, as arrays; whole blocks at a time where the
    codec allows."""
    if isinstance(matcher, FilterMatcher):  # deletions: filtered afterwards with the live mask
        matcher = matcher.child
    if all(hasattr(matcher, a) for a in ("_read_data", "_byteids", "_blocklength", "_next_block", "_lastblock")):
        return _read_blocks(matcher)
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


def _read_blocks(matcher) -> tuple[np.ndarray, np.ndarray]:
    """The whoosh3 codec's blocks, decoded with numpy (a private API, pinned by the <2.8 range):
    each block holds its ids as differences from the one before (the first from 0), and its
    weights as a tuple, one float for all, or None for all 1.0."""
    ids: list = []
    weights: list = []
    lengths: list[int] = []
    while True:
        matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        ids.extend(raw_ids)
        lengths.append(count)
        if raw_weights is None or isinstance(raw_weights, float):
            weights.append(np.full(count, 1.0 if raw_weights is None else raw_weights, dtype=np.float32))
        else:
            weights.append(np.asarray(raw_weights, dtype=np.float32))
        if matcher._lastblock:
            break
        matcher._next_block()
    out = np.asarray(ids, dtype=np.int64)
    if not matcher._byteids and len(out):
        sums = np.cumsum(out)
        ends = np.cumsum(lengths)
        # each block's running sum starts again from 0: take away what the blocks before it added
        before = np.concatenate(([0], sums[ends[:-1] - 1]))
        out = sums - np.repeat(before, lengths)
    return out, np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32)


def score(postings: Postings, q: wq.Query | None, candidates: np.ndarray, phrase_docs=None) -> np.ndarray:
    """Scores of the candidate documents (an array of document numbers) for query q.

    `phrase_docs(phrase, cached_only)` returns the document numbers holding a phrase, an array (None
    if cached_only and not yet known).
    """
    total = np.zeros(postings.size, dtype=np.float32)
    if q is not None:
        _add(postings, q, total, 1.0, phrase_docs)
    return total[candidates]


def coverage(
    postings: Postings, clauses: list[wq.Query], candidates: np.ndarray, phrase_docs=None, whole: bool = False
) -> np.ndarray:
    """For a question: the share of its clauses (words, or words with their alternatives) each
    candidate matches, 0 to 1, each weighted by its rarity. `whole`: a clause counts only when
    met as a whole (all of "asylum-seeking"); else, as in ranking, when any of its words scores."""
    if not clauses:
        return np.ones(len(candidates), dtype=np.float32)
    hits = np.zeros(postings.size, dtype=np.float32)
    weights = [_weight(postings, clause) if WEIGHTED_COVERAGE else 1.0 for clause in clauses]
    for clause, weight in zip(clauses, weights, strict=True):
        if whole:
            hits += weight * _met(postings, clause, phrase_docs)
        else:
            part = np.zeros(postings.size, dtype=np.float32)
            _add(postings, clause, part, 1.0, phrase_docs)
            hits += weight * (part > 0)
    return hits[candidates] / (sum(weights) or 1.0)


def _weight(postings: Postings, clause: wq.Query) -> float:
    """How telling a clause is: the inverse document frequency of its rarest body word typed."""
    typed = getattr(clause, "typed", clause)
    texts = [t for f, t in typed.iter_all_terms() if f == BODY] if typed is not None else []
    if not texts:
        return 1.0
    rarest = min(len(postings.term(BODY, t)[0]) for t in texts)
    return float(np.log(1 + (postings.doc_count - rarest + 0.5) / (rarest + 0.5)))


def _met(postings: Postings, q: wq.Query, phrase_docs) -> np.ndarray:
    """The documents meeting a clause as a whole (a mask): every part of an And ("asylum-seeking"),
    any part of an Or. Ranking gives an And's parts credit one by one (that ranked the unseen
    questions better); whether a passage answers must not, or one saying only "children" would
    meet "asylum-seeking children"."""
    if isinstance(q, wq.Term):
        out = np.zeros(postings.size, dtype=bool)
        out[postings.term(q.fieldname, q.text)[0]] = True
        return out
    if isinstance(q, wq.Phrase):
        part = np.zeros(postings.size, dtype=np.float32)
        _add_phrase(postings, q, part, 1.0, phrase_docs)
        return part > 0
    if isinstance(q, (wq.AndNot, wq.AndMaybe)):
        return _met(postings, q.a, phrase_docs)
    if isinstance(q, wq.CompoundQuery) and not q.subqueries:
        return np.zeros(postings.size, dtype=bool)
    if isinstance(q, wq.And):
        return np.logical_and.reduce([_met(postings, sub, phrase_docs) for sub in q.subqueries])
    if isinstance(q, wq.CompoundQuery):  # an Or, or words with their alternatives
        return np.logical_or.reduce([_met(postings, sub, phrase_docs) for sub in q.subqueries])
    return np.zeros(postings.size, dtype=bool)


def _add(postings: Postings, q: wq.Query, total: np.ndarray, boost: float, phrase_docs) -> None:
    boost *= getattr(q, "boost", 1.0) or 1.0
    if isinstance(q, wq.Term):
        if q.fieldname == BODY:
            ids, contrib = postings.bm25(q.text)
            total[ids] += boost * contrib
        else:  # a field match (period, section, title) counts as a flat bonus
            ids, _ = postings.term(q.fieldname, q.text)
            total[ids] += boost
    elif isinstance(q, wq.Phrase):
        _add_phrase(postings, q, total, boost, phrase_docs)
    elif isinstance(q, wq.AndNot):
        _add(postings, q.a, total, boost, phrase_docs)
    elif getattr(q, "best_of", False):  # words with their alternatives: a document scores its best one
        best = np.zeros(postings.size, dtype=np.float32)
        for sub in q.subqueries:
            part = np.zeros(postings.size, dtype=np.float32)
            _add(postings, sub, part, boost, phrase_docs)
            np.maximum(best, part, out=best)
        total += best
    elif isinstance(q, (wq.AndMaybe, wq.CompoundQuery)):
        for sub in q.subqueries:
            _add(postings, sub, total, boost, phrase_docs)


def _add_phrase(postings: Postings, q: wq.Phrase, total: np.ndarray, boost: float, phrase_docs) -> None:
    parts = [postings.bm25(w) if q.fieldname == BODY else postings.term(q.fieldname, w) for w in q.words]
    if not parts or any(not len(ids) for ids, _ in parts):
        return
    if phrase_docs is None:
        return
    # finding a phrase means reading positions: for words that co-occur widely, only if already known
    widely = min(len(ids) for ids, _ in parts) > PHRASE_CANDIDATE_LIMIT
    inside = phrase_docs(q, cached_only=widely)
    if inside is None or not len(inside):
        return
    bonus = np.zeros(postings.size, dtype=np.float32)
    for ids, contrib in parts:
        bonus[ids] += contrib if q.fieldname == BODY else 1.0
    total[inside] += boost * bonus[inside]


def top(candidates: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Positions (in `candidates`) of the k best, best first (ties: lower document number first)."""
    positions = np.arange(len(candidates))
    if len(candidates) > k:  # keep everything tied with the k-th so the cut is the same on every page
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        positions = np.flatnonzero(scores >= kth)
    order = np.lexsort((candidates[positions], -scores[positions]))
    return positions[order][:k]
