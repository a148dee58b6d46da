"""Find follow-up evidence for every tracked item, with how sure the linker is, and its status.

For each item (recommendation, priority or action), the passages of later documents of the
same partnership are ranked by BM25 for what the item says (its text, lead-in, section,
themes and acronyms); the best candidates are then scored for *aboutness* by a logistic
function of explainable features (retrieval score, share of the item's rare words used, a
shared run of words, theme, acronym, a progress section, saying what happened, being the
next document). Only evidence at or above the threshold is strong enough to give the item a
status; weaker candidates are kept as "possibly related". The item's own table row's update
column ("Priority | End of Year Update") and later progress chapters of its own document
count too (never within minutes).
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from core.model import Block, Evidence, Item, MachineStatus, Passage, RelatedItem, Status, StoredDocument
from core.passages import passage_id, passages
from core.periods import chronology_key
from core.text import STOP_WORDS, stem, stems, tokens
from index.vocabulary import acronym_tokens, vocabulary
from linking.model import load_model
from linking.related import find_related
from linking.retrieval import Bm25Passages, PassageSearch
from linking.signals import linking_rules, rules_version, section_kind, status_signal
from tagging.rules import load_rules, themes_in

NGRAM = 3


@dataclass
class LinkResult:
    """What linking made: evidence per item, related items, the machine's statuses."""

    evidence: list[Evidence] = field(default_factory=list)
    related: list[RelatedItem] = field(default_factory=list)
    statuses: list[MachineStatus] = field(default_factory=list)
    items: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        strong = sum(e.strong for e in self.evidence)
        return (
            f"linked {self.items} items: {strong} strong and {len(self.evidence) - strong} possible evidence "
            f"passages, {len(self.related)} related items, in {self.seconds:.2f} s"
        )


def links_version(documents: Sequence[StoredDocument], tagger_version: str) -> str:
    """Changes when the documents, their items or the linking rules change."""
    docs = "|".join(f"{d.id}:{d.ingested_at}:{d.date}:{d.period}:{d.partnership}" for d in documents)
    return hashlib.sha1(f"{docs}|{tagger_version}|{rules_version()}".encode()).hexdigest()[:16]


def evidence_id(passage: str, part: str = "") -> str:
    """Evidence is named by its passage, so a clerk's confirmation outlives relinking."""
    return hashlib.sha1(f"{passage}{part}".encode()).hexdigest()[:12]


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(stem(w) for w in linking_rules().generic_words) | frozenset(stem(w) for w in STOP_WORDS)


@lru_cache(maxsize=1)
def _theme_terms() -> dict[str, tuple[str, ...]]:
    return {name: tuple(s for term in terms for s in stems(term)) for name, terms in load_rules().themes.items()}


def _acronyms(text: str) -> list[str]:
    return acronym_tokens(text).split()


def passage_bag(passage: Passage) -> Counter[str]:
    """A passage's words for retrieval: its stems, its heading's, and its acronyms."""
    heading = passage.section[-1] if passage.section else ""
    return Counter(stems(passage.text) + stems(heading) + _acronyms(f"{heading}\n{passage.text}"))


def item_query(item: Item, own_words: frozenset[str]) -> dict[str, float]:
    """The weighted words an item is looked for by: its text, then its lead-in, section and themes."""
    generic = _generic() | own_words
    weights: dict[str, float] = {}

    def add(words: Iterable[str], weight: float) -> None:
        for w in words:
            if w not in generic and not w.isdigit():
                weights[w] = max(weights.get(w, 0.0), weight)

    add(stems(item.text), 1.0)
    add(_acronyms(item.text), 1.2)
    add(stems(item.lead_in or ""), 0.4)
    add(stems(item.section[-1] if item.section else ""), 0.4)
    for theme in item.themes:
        add(_theme_terms().get(theme, ()), 0.3)
    return weights


def _own_words(doc: StoredDocument) -> frozenset[str]:
    """The words of a partnership's own name: every passage of its documents uses them."""
    name = f"{doc.partnership or ''} {doc.meta.publisher or ''}"
    return frozenset(stems(name))


def ngrams(words: Sequence[str]) -> frozenset[str]:
    return frozenset(" ".join(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1))


def item_runs(words: Sequence[str]) -> list[tuple[int, str]]:
    """An item's word runs of NGRAM words that are not all generic, with where each starts."""
    generic = _generic()
    return [
        (i, " ".join(words[i : i + NGRAM]))
        for i in range(len(words) - NGRAM + 1)
        if not all(stem(w) in generic or len(w) < 4 for w in words[i : i + NGRAM])
    ]


def _shared_run(
    wa: Sequence[str], grams: frozenset[str], joined: str, runs: list[tuple[int, str]] | None = None
) -> str | None:
    """The longest run of NGRAM+ words (not all generic) shared with a passage (its word
    runs `grams` and its words `joined` with spaces around), as written in `wa`."""
    best = None
    for i, gram in runs if runs is not None else item_runs(wa):
        if gram not in grams:
            continue
        j = i + NGRAM
        while j < len(wa) and f" {' '.join(wa[i : j + 1])} " in joined:
            j += 1
        run = " ".join(wa[i:j])
        if best is None or len(run) > len(best):
            best = run
    return best


def _surface(stemmed: Iterable[str], text: str) -> list[str]:
    """The words of `text` as written whose stems are in `stemmed`, in the text's order."""
    wanted = set(stemmed)
    out: list[str] = []
    for match in re.finditer(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?", text):
        word = match.group(0)
        s = stem(word.lower().replace("’", "'"))
        if s in wanted and word not in out:
            out.append(word)
            wanted.discard(s)
    for token, forms in vocabulary().forms.items():
        if token in wanted:
            out.append(forms[0])
    return out


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


@dataclass(frozen=True)
class PassageFacts:
    """What linking reads of a passage, worked out once per update."""

    passage: Passage
    bag: Counter[str]
    words: tuple[str, ...]
    themes: frozenset[str]
    section_kind: str | None
    signal: Status | None
    signal_words: str | None
    grams: frozenset[str]
    joined: str

    @classmethod
    def of(cls, passage: Passage) -> PassageFacts:
        signal, words = status_signal(passage.text)
        passage_words = tuple(tokens(passage.text))
        return cls(
            passage,
            passage_bag(passage),
            passage_words,
            frozenset(themes_in(passage.text)),
            section_kind(" > ".join(passage.section)),
            signal,
            words,
            ngrams(passage_words),
            " " + " ".join(passage_words) + " ",
        )


@dataclass(frozen=True)
class Candidate:
    passage: Passage
    features: dict[str, float]
    confidence: float
    signal: Status | None
    signal_words: str | None
    matched: tuple[str, ...]
    why: tuple[str, ...]


def features_of(
    item: Item,
    item_words: Sequence[str],
    query: dict[str, float],
    facts: PassageFacts,
    retrieval: float,
    index: PassageSearch,
    next_doc: bool,
    rank: int = 0,
    raw_score: float = 0.0,
) -> tuple[dict[str, float], list[str], str | None]:
    """The aboutness features of (item, passage), each 0..1; the item words the passage uses; a shared run."""
    idf = {t: index.idf(t) for t in query} if not isinstance(query, WeightedQuery) else query.idf
    weight_total = sum(idf[t] * w for t, w in query.items()) or 1.0
    used = [t for t in query if t in facts.bag]
    coverage = sum(idf[t] * query[t] for t in used) / weight_total
    run = _shared_run(item_words, facts.grams, facts.joined, getattr(query, "runs", None))
    features = {
        "retrieval": retrieval,
        "coverage": coverage,
        "phrase": 1.0 if run else 0.0,
        "theme": 1.0 if set(item.themes) & facts.themes else 0.0,
        "acronym": 1.0 if any(t.startswith("acr") and t in facts.bag for t in query) else 0.0,
        "progress_section": 1.0 if facts.section_kind == "progress" else 0.0,
        "update_column": 0.0,
        "has_signal": 1.0 if facts.signal else 0.0,
        "next_document": 1.0 if next_doc else 0.0,
        "inverse_rank": 1.0 / (1 + rank),
        "log_bm25": math.log1p(raw_score),
    }
    return features, used, run


def confidence_of(features: dict[str, float]) -> float:
    """How sure the linker is that a passage is about an item: the trained ranker's
    probability, or (before training) the hand weights in linking.yaml."""
    model = load_model()
    if model is not None:
        return model.aboutness(features)
    rules = linking_rules()
    return _sigmoid(rules.bias + sum(rules.weights.get(k, 0.0) * v for k, v in features.items()))


def strong_threshold() -> float:
    model = load_model()
    return model.threshold if model is not None else linking_rules().threshold


def read_status(text: str, cue: Status | None, cue_words: str | None) -> tuple[Status | None, str | None]:
    """What a passage says happened, and the words that say so (the cue, or the reader's reading)."""
    if cue is not None or load_model() is None:
        return cue, cue_words
    return _reading(text)


@lru_cache(maxsize=200_000)
def _reading(text: str) -> tuple[Status | None, str | None]:
    """The status reader's answer for a passage without a wording cue (a passage is read once)."""
    model = load_model()
    assert model is not None
    status, probability = model.read_status(text, None)
    return (status, f"reads as {status.label.lower()} ({probability:.0%} sure)") if status else (None, None)


class WeightedQuery(dict):
    """An item's weighted words, with each word's rarity and its word runs worked out once."""

    idf: dict[str, float]
    runs: list[tuple[int, str]]


def _candidate(
    item: Item,
    item_words: Sequence[str],
    query: dict[str, float],
    facts: PassageFacts,
    retrieval: float,
    index: PassageSearch,
    next_doc: bool,
    rank: int = 0,
    raw_score: float = 0.0,
) -> Candidate | None:
    features, used, run = features_of(item, item_words, query, facts, retrieval, index, next_doc, rank, raw_score)
    confidence = confidence_of(features)
    if confidence < linking_rules().listed:
        return None
    passage = facts.passage
    signal, signal_words = read_status(passage.text, facts.signal, facts.signal_words)
    matched = tuple(_surface(sorted(used, key=lambda t: -index.idf(t)), passage.text)[:8])
    why = []
    if matched:
        why.append("uses the item's words " + ", ".join(f"“{m}”" for m in matched[:6]))
    if run:
        why.append(f"repeats “{run}”")
    themes = sorted(set(item.themes) & facts.themes)
    if themes:
        why.append(f"same theme: {', '.join(themes)}")
    if facts.section_kind:
        why.append(f"in a {facts.section_kind} section “{passage.section[-1][:60]}”")
    if next_doc:
        why.append("in the next document")
    if signal:
        why.append(f"says “{signal_words}”" if facts.signal else str(signal_words))
    return Candidate(passage, features, confidence, signal, signal_words, matched, tuple(why))


def _update_column(item: Item, block: Block | None) -> Candidate | None:
    """An item in a "Priority | End of Year Update" table row is followed up by the row's update cells."""
    rules = linking_rules()
    if block is None or not block.headers or len(block.cells) < 2:
        return None
    columns = [i for i, h in enumerate(block.headers) if i > 0 and rules.update_headers.search(h)]
    text = " ".join(block.cells[i] for i in columns if i < len(block.cells)).strip()
    if not text:
        return None
    cue, cue_words = status_signal(text)
    signal, words = read_status(text, cue, cue_words)
    features = {"update_column": 1.0, "has_signal": 1.0 if signal else 0.0, "coverage": 1.0, "retrieval": 1.0}
    passage = Passage(
        id=passage_id(item.doc_id, item.block_seq),
        doc_id=item.doc_id,
        first=item.block_seq,
        last=item.block_seq,
        text=text,
        section=item.section,
        page=item.page,
    )
    why = [f"the item's own row, column “{block.headers[columns[0]]}”"] + ([f"says “{words}”"] if words else [])
    return Candidate(passage, features, 1.0, signal, words, (), tuple(why))


def _evidence(item: Item, c: Candidate, part: str = "") -> Evidence:
    return Evidence(
        id=evidence_id(c.passage.id, part),
        item_id=item.id,
        passage_id=c.passage.id,
        doc_id=c.passage.doc_id,
        block_seq=c.passage.first,
        page=c.passage.page,
        section=" > ".join(c.passage.section),
        text=c.passage.text,
        score=round(sum(c.features.values()), 3),
        confidence=round(c.confidence, 3),
        strong=c.confidence >= strong_threshold(),
        signal=c.signal,
        signal_words=c.signal_words,
        matched=c.matched,
        why=c.why,
    )


def combine_signals(signals: Iterable[Status]) -> Status | None:
    """One document's statuses for an item, combined (unclear ignored): implemented with not
    implemented, or anything in progress, is in progress; superseded gives way to the others."""
    found = set(signals)
    others = found - {Status.SUPERSEDED}
    if not found:
        return None
    if not others:
        return Status.SUPERSEDED
    if Status.IN_PROGRESS in others or others == {Status.IMPLEMENTED, Status.NOT_IMPLEMENTED}:
        return Status.IN_PROGRESS
    return others.pop()


def machine_status(item: Item, evidence: list[Evidence], order: dict[str, tuple]) -> MachineStatus:
    """The status from strong evidence with a signal, in the latest document that has any. An
    "implemented" reading counts only from evidence the linker is surer of (precision first)."""
    sure = linking_rules().implemented_confidence
    usable = [
        e
        for e in evidence
        if e.strong
        and e.signal
        and (e.signal is not Status.IMPLEMENTED or e.confidence >= sure or "own row" in " ".join(e.why))
    ]
    if not usable:
        return MachineStatus(item.id, Status.NO_EVIDENCE, 0.0, ())
    latest = max(order[e.doc_id] for e in usable)
    in_latest = [e for e in usable if order[e.doc_id] == latest]
    status = combine_signals(e.signal for e in in_latest if e.signal) or Status.NO_EVIDENCE
    return MachineStatus(item.id, status, max(e.confidence for e in in_latest), tuple(e.id for e in in_latest))


class Linker:
    """The passages of a set of documents, ready to rank for any item of them."""

    def __init__(self, documents: Sequence[StoredDocument], blocks: dict[str, list[Block]]):
        self.rules = linking_rules()
        self.docs = {d.id: d for d in documents}
        self.blocks = blocks
        self.doc_ids = list(self.docs)
        self.position = {d: i for i, d in enumerate(self.doc_ids)}
        self.order = {d.id: chronology_key(d.date, d.period) for d in documents}
        self.facts = [PassageFacts.of(p) for d in documents for p in passages(d.id, blocks.get(d.id, []))]
        # one index per partnership: another area's documents cannot change how this one's rank
        self.indexes: dict[str | None, tuple[np.ndarray, Bm25Passages]] = {}
        areas = np.array([self.docs[f.passage.doc_id].partnership or "" for f in self.facts], dtype=object)
        for area in sorted(set(areas)):
            members = np.flatnonzero(areas == area)
            self.indexes[area or None] = (
                members,
                Bm25Passages([self.facts[i].bag for i in members], self.rules.max_term_share),
            )
        self.doc_of = np.array([self.position[f.passage.doc_id] for f in self.facts], dtype=np.int64)
        self.first = np.array([f.passage.first for f in self.facts], dtype=np.int64)
        self.progress = np.array([f.section_kind == "progress" for f in self.facts], dtype=bool)
        self.top_section = np.array(
            [f.passage.section[0] if f.passage.section else "" for f in self.facts], dtype=object
        )
        self.own_words = {d.id: _own_words(d) for d in documents}

    def later(self, doc: StoredDocument) -> list[str]:
        """Later documents of the same partnership, oldest first."""
        found = [
            d
            for d in self.doc_ids
            if self.docs[d].partnership == doc.partnership and self.order[d] > self.order[doc.id]
        ]
        return sorted(found, key=lambda d: self.order[d])

    def scored(self, item: Item, doc: StoredDocument) -> tuple[WeightedQuery, Bm25Passages, np.ndarray]:
        """An item's query, its partnership's index, and the BM25 score of every passage (0 elsewhere)."""
        members, index = self.indexes[doc.partnership or None]
        query = WeightedQuery(item_query(item, self.own_words[doc.id]))
        query.idf = {t: index.idf(t) for t in query}
        query.runs = item_runs(tokens(item.text))
        scores = np.zeros(len(self.facts), dtype=np.float32)
        scores[members] = index.scores(query)
        return query, index, scores

    def candidates(self, item: Item) -> dict[str, list[Candidate]]:
        """The best passages of each later document (and of the item's own later progress
        chapters), scored for aboutness, best first."""
        doc = self.docs.get(item.doc_id)
        if doc is None:
            return {}
        later = self.later(doc)
        allowed = np.isin(self.doc_of, [self.position[d] for d in later])
        if doc.doc_type.value != "minutes":  # its own later progress chapters
            own = (self.doc_of == self.position[doc.id]) & self.progress & (self.first > item.block_seq)
            if item.section:
                own &= self.top_section != item.section[0]
            allowed |= own
        if not allowed.any():
            return {}
        query, index, scores = self.scored(item, doc)
        scores[~allowed] = 0
        hits = np.flatnonzero(scores > 0)
        if not len(hits):
            return {}
        pool = self.rules.max_documents * self.rules.candidates * 10
        if len(hits) > pool:  # only the best passages overall can make a document's best few
            hits = hits[np.argpartition(-scores[hits], pool)[:pool]]
        # the best few of each document (by document, then by score), in the documents whose
        # best passage ranks highest: a bounded number of candidates however many documents
        ordered = hits[np.lexsort((-scores[hits], self.doc_of[hits]))]
        firsts = np.r_[True, self.doc_of[ordered][1:] != self.doc_of[ordered][:-1]]
        best_of_doc = {int(self.doc_of[i]): float(scores[i]) for i in ordered[firsts]}
        keep = set(sorted(best_of_doc, key=lambda d: -best_of_doc[d])[: self.rules.max_documents])
        if later:
            keep.add(self.position[later[0]])
        item_words = tokens(item.text)
        out: dict[str, list[Candidate]] = {}
        rank = 0
        previous = -1
        for i in ordered:
            doc_index = int(self.doc_of[i])
            if doc_index not in keep:
                continue
            if doc_index != previous:
                previous, rank = doc_index, 0
            if rank >= self.rules.candidates:
                continue
            f = self.facts[i]
            c = _candidate(
                item,
                item_words,
                query,
                f,
                float(scores[i]) / best_of_doc[doc_index],
                index,
                next_doc=bool(later) and f.passage.doc_id == later[0],
                rank=rank,
                raw_score=float(scores[i]),
            )
            rank += 1
            if c is not None:
                out.setdefault(f.passage.doc_id, []).append(c)
        for found in out.values():
            found.sort(key=lambda c: -c.confidence)
        return out

    def link_item(self, item: Item) -> list[Evidence]:
        own_block = next(iter(self.blocks.get(item.doc_id, [])[item.block_seq : item.block_seq + 1]), None)
        found: list[Evidence] = []
        update = _update_column(item, own_block)
        if update:
            found.append(_evidence(item, update, "#update"))
        for cands in self.candidates(item).values():
            found += [_evidence(item, c) for c in cands[: self.rules.per_document]]
        return found


def link(documents: Sequence[StoredDocument], blocks: dict[str, list[Block]], items: Sequence[Item]) -> LinkResult:
    """Evidence, statuses and related items for every item of the given (current, primary) documents."""
    started = time.perf_counter()
    linker = Linker(documents, blocks)
    result = LinkResult(items=len(items))
    for item in items:
        if item.doc_id not in linker.docs:
            continue
        found = linker.link_item(item)
        result.evidence += found
        result.statuses.append(machine_status(item, found, linker.order))
    result.related = find_related(items, linker.docs, linker.order)
    result.seconds = time.perf_counter() - started
    return result


def item_word_forms(text: str) -> list[str]:
    """An item's own rare words as written, for showing what a link matched."""
    return [w for w in tokens(text) if stem(w) not in _generic() and not re.fullmatch(r"\d+", w)]
