"""Searching the index: hits with highlighted snippets, facet counts, paging,
"did you mean", and "more like this". A question is ranked over all its words and,
when the semantic signal is on, by BM25 fused with its closest-sentence similarity;
its best passage is given first, as the answer, with the tagged items in it.

A query's matches, filters and facets are boolean masks over the document numbers, built
from cached document-number arrays (one per term, phrase and field value, once per index
generation): a `kind:` + `year:` filter is then a few array operations instead of a query
over the postings each time, and costs the same however many entries match.
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import highlight
from whoosh import index as whoosh_index
from whoosh import query as wq

from core.periods import overlaps
from index import catalogue, scoring, semantic
from index.indexer import current_build, index_root
from index.query import Concept, Filters, ParsedQuery, PeriodPhrase, highlight_terms, parse_query
from index.schema import FACET_FIELDS, PASSAGE, TEXT_ANALYZER
from index.vocabulary import vocabulary
from tagging.rules import theme_for

SNIPPET_CHARS = 240
TERM_CACHE_SIZE = 20_000
COMMON_TERM_SHARE = 0.25  # a word in more than this share of entries ranks but is not required
SORTS = ("relevance", "newest", "oldest")
_FILTER = re.compile(r"\b[A-Za-z_]+:(?:\"[^\"]*\"?|\S*)")
COORDINATION = 1.0  # a question's BM25F is multiplied by the (rarity-weighted) share of its words matched
FILL_BELOW = 10  # key words found together in fewer passages than this: entries with some of them follow
SEMANTIC_WEIGHT = 0.35  # share of a question's score from the semantic signal (the rest: BM25F)
RERANK_DEPTH = 1000  # a question's best candidates by BM25F that the semantic signal re-ranks
ANSWER_ITEMS = 10  # tagged items shown with an answer at most
# An answer is clear when its passage matches this (rarity-weighted) share of the question's
# words and, with the semantic signal, its closest sentence is at least this similar; else it
# is shown as the closest passage only. Chosen on the dev questions and 27 questions the
# documents do not answer (README, "How sure an answer is")
ANSWER_COVERAGE = 0.5
ANSWER_SIMILARITY = 0.3
SINGLE_VALUED = ("doc_type", "period", "kind", "partnership")  # one value per entry (or none)
SHOWN_ALSO = 10  # thesaurus alternatives named in the note (the API lists them all)
NONE = np.zeros(0, dtype=np.int64)  # no document numbers


@dataclass(frozen=True)
class Statuses:
    """Item id -> status, as the store has it at `version` (search caches its sets by version)."""

    version: object
    of: Mapping[str, str]


class IndexMissing(Exception):
    """There is no search index yet (run `sgkb ingest` or `sgkb reindex`)."""


@dataclass
class Hit:
    """One result: a passage or a tagged item, with where it is and why it matched."""

    id: str
    kind: str
    doc_id: str
    title: str
    doc_type: str
    partnership: str
    period: str
    date: str
    section: str
    page: int | None
    block_seq: int
    last_seq: int
    text: str
    snippet: str  # HTML: escaped document text, highlights in <mark>
    score: float
    item_id: str | None = None
    made_by: str | None = None
    themes: list[str] = field(default_factory=list)
    status: str | None = None
    due: str | None = None
    addressee: str | None = None
    # a passage's tagged items: item_id, kind, status, text, matched (by a key-word query itself)
    tagged: list[dict] = field(default_factory=list)

    def record(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    """A question's best passage, with where it is and the tagged items in it."""

    passage: Hit  # its snippet is the whole passage, the question's words marked
    year: str  # the document's period ("2013-14"), else the year of its date
    items: list[Hit] = field(default_factory=list)
    clear: bool = True  # False: the closest passage, not a clear answer (ANSWER_COVERAGE, ANSWER_SIMILARITY)
    coverage: float = 1.0  # the share of the question's words it matches, rarity-weighted
    similarity: float | None = None  # its closest sentence's cosine to the question (semantic on)


@dataclass
class SearchResults:
    """A page of hits, the total, facet counts over all matches, and help for the user."""

    text: str
    hits: list[Hit]
    total: int
    page: int
    pagelen: int
    sort: str
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)
    question: bool = False  # the query was read as a question (ranked over all its words)
    also: list[str] = field(default_factory=list)  # thesaurus alternatives also searched for
    answer: Answer | None = None  # for a question, on its first page by relevance
    semantic: bool = False  # the semantic signal took part in the ranking

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.pagelen))


class _Generation:
    """Per-generation caches: the build's catalogue (index/catalogue.py), term postings, and the
    document numbers of every phrase and filterable value, as arrays; `docset` turns a query
    into a mask over document numbers."""

    def __init__(self, searcher, build: Path):
        self.build = build
        self.key = (build, searcher.ixreader.generation())
        self.values: dict[str, dict[str, np.ndarray]] = {}
        self.docs: dict[tuple, np.ndarray] = {}
        self.arrays: dict[tuple, Any] = {}
        self.lock = threading.Lock()
        self.read_lock = threading.Lock()  # phrase look-ups read positions: one at a time
        self.catalogue = catalogue.load(build, searcher.reader())
        self.live = self.catalogue.live
        self.live.flags.writeable = False  # shared by every query: never changed in place
        self.postings = scoring.Postings(searcher, self.live, self.catalogue.lengths)
        self._vectors: semantic.Vectors | None | bool = False  # False: not loaded yet

    def vectors(self, searcher) -> semantic.Vectors | None:
        """The build's sentence vectors (None: it has none from the installed model)."""
        if self._vectors is False:
            with self.read_lock:
                if self._vectors is False:
                    model = semantic.embedder()
                    cat = self.catalogue
                    self._vectors = semantic.Vectors.load(self.build, cat.vec_start, cat.vec_count, cat.live, model)
        return self._vectors  # type: ignore[return-value]

    def mask(self, docs: np.ndarray) -> np.ndarray:
        """A mask over document numbers, true at `docs`."""
        out = np.zeros(self.postings.size, dtype=bool)
        out[docs] = True
        return out

    def union(self, sets: Mapping[str, np.ndarray], values) -> np.ndarray:
        """A mask of the documents holding any of these field values (of `sets` or `status_sets`)."""
        return self.mask(np.concatenate([sets.get(v, NONE) for v in values] or [NONE]))

    def term_docs(self, fieldname: str, text: str) -> np.ndarray:
        """The (live) document numbers holding a term."""
        return self.postings.term(fieldname, text)[0]

    def phrase_docs(self, searcher, q: wq.Phrase, cached_only: bool = False) -> np.ndarray | None:
        """The document numbers holding a phrase (None: not looked up, when `cached_only`)."""
        if isinstance(q, PeriodPhrase):  # found by one index word: no positions to read
            return self.term_docs(q.fieldname, q.token)
        key = ("phrase", q.fieldname, tuple(q.words), q.slop)
        docs = self.docs.get(key)
        if docs is None and not cached_only:
            with self.read_lock:
                found = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
            docs = np.sort(found[self.live[found]])
            with self.lock:
                if len(self.docs) > TERM_CACHE_SIZE:
                    self.docs.clear()
                self.docs[key] = docs
        return docs

    def docset(self, searcher, q: wq.Query) -> np.ndarray:
        """The documents a query matches, as a mask, by array operations over cached postings."""
        if isinstance(q, wq.Term):
            return self.mask(self.term_docs(q.fieldname, q.text))
        if isinstance(q, wq.Phrase):
            docs = self.phrase_docs(searcher, q)
            return self.mask(docs if docs is not None else NONE)
        if isinstance(q, wq.Every):
            return self.live
        if isinstance(q, wq.Or):
            out = np.zeros(self.postings.size, dtype=bool)
            for sub in q.subqueries:
                if isinstance(sub, wq.Term):  # the common case: no mask of its own
                    out[self.term_docs(sub.fieldname, sub.text)] = True
                else:
                    out |= self.docset(searcher, sub)
            return out
        if isinstance(q, wq.And):
            out = self.live
            for sub in q.subqueries:
                out = out & self.docset(searcher, sub)
            return out
        if isinstance(q, wq.AndMaybe):
            return self.docset(searcher, q.a)
        if isinstance(q, wq.AndNot):
            return self.docset(searcher, q.a) & ~self.docset(searcher, q.b)
        with self.read_lock:
            found = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
        return self.mask(found) & self.live

    def codes(self, searcher, fieldname: str) -> tuple[np.ndarray, dict[str, int]]:
        """A per-document array of a single-valued field's value codes (0: none), and the codes."""
        key = ("codes", fieldname)
        with self.lock:
            cached = self.arrays.get(key)
        if cached is None:
            values = self.sets(searcher, fieldname)
            codes = {value: i for i, value in enumerate(sorted(values), start=1)}
            array = np.zeros(self.postings.size, dtype=np.int32)
            for value, docs in values.items():
                array[docs] = codes[value]
            cached = (array, codes)
            with self.lock:
                self.arrays[key] = cached
        return cached

    def item_entries(self) -> dict[str, list[int]]:
        """Each tagged item's id with its entries."""
        key = ("item entries",)
        with self.lock:
            cached = self.arrays.get(key)
        if cached is None:
            cached = self.catalogue.item_entries()
            with self.lock:
                self.arrays[key] = cached
        return cached

    def dates(self, searcher) -> np.ndarray:
        """Each document's date as an integer (20250930; 0 when unknown)."""
        array, codes = self.codes(searcher, "date")
        lookup = np.zeros(len(codes) + 1, dtype=np.int64)
        for value, code in codes.items():
            digits = value.replace("-", "")
            lookup[code] = int(digits) if digits.isdigit() else 0
        return lookup[array]

    def spelling(self, searcher, word: str) -> str | None:
        """The likeliest index word for a misspelt one: same first letter, up to two edits, its use
        divided by ten per edit. Each segment's own automaton is asked: the merged reader's
        fallback walks the whole word list."""
        key = ("spelling", word)
        if key in self.arrays:
            return self.arrays[key]
        candidates: dict[str, int] = {}
        with self.read_lock:
            for reader, _ in searcher.reader().leaf_readers():
                for distance in (2, 1):  # the closer distance overwrites
                    for found in reader.terms_within("words", word, distance, prefix=1):
                        candidates[found] = distance
        # a word used far more often may be two edits away ("chlid" -> "child", not "chid")
        best = max(((searcher.doc_frequency("words", w) / 10**d, w) for w, d in candidates.items()), default=None)
        suggestion = best[1] if best else None
        with self.lock:
            self.arrays[key] = suggestion
        return suggestion

    def status_sets(self, searcher, statuses: Statuses | None) -> dict[str, np.ndarray]:
        """Each status with the item entries holding it (items are indexed without status)."""
        if statuses is None:
            return {}
        key = ("statuses", statuses.version)
        with self.lock:
            cached = self.arrays.get(key)
        if cached is None:
            by_item = self.item_entries()
            out: dict[str, list[int]] = {}
            for item_id, status in statuses.of.items():
                out.setdefault(status, []).extend(by_item.get(item_id, ()))
            cached = {k: np.unique(np.asarray(v, dtype=np.int64)) for k, v in out.items()}
            with self.lock:
                self.arrays = {k: v for k, v in self.arrays.items() if k[0] != "statuses"}
                self.arrays[key] = cached
        return cached

    def sets(self, searcher, fieldname: str) -> dict[str, np.ndarray]:
        """Every value of a field with the document numbers holding it."""
        with self.lock:
            if fieldname not in self.values:
                reader = searcher.reader()
                values = {}
                if fieldname in reader.indexed_field_names():
                    for term in reader.lexicon(fieldname):
                        value = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                        values[value] = self.postings.term(fieldname, value)[0]
                self.values[fieldname] = values
            return self.values[fieldname]


class SearchIndex:
    """The search index of a data folder; safe to share between threads.

    `semantic_signal`: fuse the embedding model's similarity into the ranking of questions
    (the `semantic` setting)."""

    def __init__(self, data_dir: Path, semantic_signal: bool = True):
        self.root = index_root(data_dir)
        self.semantic = semantic_signal
        self._lock = threading.Lock()
        self._ix: Any = None
        self._build: Path | None = None
        self._generation: Any = None
        self._local = threading.local()

    def prepare(self) -> None:
        """Load what parsing a query reads (the acronyms, the thesaurus) and the embedding model
        now, once, rather than in the first requests: a server calls this before it forks its
        workers. The index itself is opened by the first request of each worker."""
        highlight_terms(parse_query("What is a looked after child's plan?").query)
        if self.semantic:
            semantic.embedder()

    # -- opening ---------------------------------------------------------------
    def _searcher(self):
        """This thread's searcher over the current build, and the build's caches. A published
        build never changes, so both stay valid for as long as the build is current."""
        for attempt in range(3):
            build = current_build(self.root)
            if build is None:
                raise IndexMissing(f"no search index in {self.root}: run `sgkb ingest` or `sgkb reindex`")
            try:
                with self._lock:
                    if build != self._build:
                        ix = whoosh_index.open_dir(str(build))
                        self._generation = _Generation(ix.searcher(), build)
                        self._ix, self._build = ix, build
                    ix, gen = self._ix, self._generation
                if getattr(self._local, "build", None) != build:
                    self._local.searcher, self._local.build = ix.searcher(), build
                return self._local.searcher, gen
            except FileNotFoundError:  # a build retired between reading CURRENT and opening it
                if attempt == 2:
                    raise
                time.sleep(0.05)
        raise IndexMissing("the search index could not be opened")

    # -- searching -------------------------------------------------------------
    def search(
        self,
        text: str,
        filters: Filters | None = None,
        sort: str = "relevance",
        page: int = 1,
        pagelen: int = 10,
        statuses: Statuses | None = None,
    ) -> SearchResults:
        """Run a user's query. Never raises on what the user typed. `statuses` (from the
        store) lets `status:` filter and count items."""
        parsed = parse_query(text, filters)
        searcher, gen = self._searcher()
        allowed = self._filter_set(searcher, gen, parsed, statuses)
        page = max(1, page)
        pagelen = max(1, min(pagelen, 100))
        sort = sort if sort in SORTS else "relevance"
        if not parsed.groups and parsed.filters.empty():
            return SearchResults(parsed.text, [], 0, page, pagelen, sort, {}, None, parsed.notes)
        doc_count = max(1, searcher.doc_count())

        def common(clause: wq.Query) -> bool:
            if isinstance(clause, Concept):  # judged by the words typed, not their alternatives
                clause = clause.typed
            return (
                isinstance(clause, wq.Term)
                and searcher.doc_frequency(clause.fieldname, clause.text) / doc_count > COMMON_TERM_SHARE
            )

        relaxed = None
        if parsed.question and parsed.groups:
            query = parsed.build(strict=False)
            matched = self._matched(searcher, gen, query, allowed)
            parsed.notes.insert(0, "Read as a question: ranked by all of its words, none of them required.")
        else:
            query = parsed.build(strict=True, common=common)
            matched = self._matched(searcher, gen, query, allowed)
            if not matched.any() and parsed.relaxable:
                query = parsed.build(strict=False)
                matched = self._matched(searcher, gen, query, allowed)
                if matched.any():
                    parsed.notes.append("No passage has all of the words: showing those with some of them.")
            elif (
                np.count_nonzero(matched[gen.sets(searcher, "kind").get(PASSAGE, NONE)]) < FILL_BELOW
                and parsed.relaxable
                and sort == "relevance"
            ):  # counted in passages: a tagged item repeats part of one
                relaxed = parsed.build(strict=False)
                filler = self._matched(searcher, gen, relaxed, allowed) & ~matched
                if filler.any():
                    parsed.notes.append(
                        f"Only {np.count_nonzero(matched)} have all of the words;"
                        " after them come passages with some of them."
                    )
        if relaxed is None:  # key words: passages with some of the words, after all of them
            filler = np.zeros_like(matched)
        if parsed.also:
            cut = "…" if len(parsed.also) > SHOWN_ALSO else ""
            parsed.notes.append("Also searched for: " + ", ".join(parsed.also[:SHOWN_ALSO]) + cut + ".")
        shown = matched | filler
        # a tagged item whose passage is found too is shown within it, not again on its own;
        # in a key-word list its passage ranks where the item would have (a short matching
        # recommendation lifts the long list it is in). A question ranks passages by their own
        # words and sentences: lifting them too was no better on the dev questions.
        contained = self._contained(gen, shown)
        lifts = None if parsed.question else matched & contained
        filler_lifts = filler & contained
        matching_items = None if parsed.question else contained  # marked in their passage's result
        every, matched, filler, shown = shown, matched & ~contained, filler & ~contained, shown & ~contained
        facets = self._facets(searcher, gen, shown)
        # filtering to a kind of item leaves passages out, so their items stand alone again:
        # the kind counts say what that filter gives
        facets["kind"] = self._facet(gen.sets(searcher, "kind"), every)
        if statuses is not None:
            facets["status"] = self._facet(gen.status_sets(searcher, statuses), every)
        hits: list[Hit] = []
        answer = None
        fused = False
        total = int(np.count_nonzero(shown))
        if matched.any():
            question_vector = self._question_vector(searcher, gen, parsed) if parsed.question else None
            word_clauses = parsed.word_clauses() if parsed.question else None
            fused = question_vector is not None
            ranked, scores = self._rank(
                searcher,
                gen,
                query,
                matched,
                sort,
                page * pagelen,
                question_vector,
                word_clauses,
                lifts,
            )
            if filler.any() and len(ranked) < page * pagelen:  # those with all the words, then the rest
                more, more_scores = self._rank(
                    searcher, gen, relaxed, filler, sort, page * pagelen - len(ranked), lifts=filler_lifts
                )
                ranked, scores = ranked + more, scores + more_scores
            if len(ranked) < page * pagelen:  # everything was ranked: repeats left out, the count is exact
                total = len(ranked)
            terms = highlight_terms(relaxed if filler.any() else query)
            hits = [
                self._with_tagged(
                    searcher,
                    gen,
                    int(docnum),
                    _hit(searcher.stored_fields(int(docnum)), float(score), terms, statuses),
                    statuses,
                    matching_items,
                )
                for docnum, score in list(zip(ranked, scores, strict=True))[(page - 1) * pagelen :]
            ]
            if word_clauses is not None and page == 1 and sort == "relevance" and hits:
                answer = self._answer(searcher, gen, hits, terms, statuses, word_clauses, question_vector)
        # a question is ranked over all its words: a misspelt one costs little, and looking up
        # every word of a long question is slow on a large index
        found = int(np.count_nonzero(matched))
        suggestion = None if parsed.question and found else self._did_you_mean(searcher, gen, parsed, found)
        return SearchResults(
            parsed.text,
            hits,
            total,
            page,
            pagelen,
            sort,
            facets,
            suggestion,
            parsed.notes,
            question=parsed.question,
            also=parsed.also,
            answer=answer,
            semantic=fused,
        )

    def _question_vector(self, searcher, gen: _Generation, parsed: ParsedQuery) -> np.ndarray | None:
        """The question's vector when the semantic signal is on and the build has vectors."""
        model = semantic.embedder() if self.semantic else None
        if model is None or not parsed.words or gen.vectors(searcher) is None:
            return None
        return model.embed([_FILTER.sub(" ", parsed.text)])[0]  # the question as typed, filters aside

    @staticmethod
    def _rank(
        searcher,
        gen: _Generation,
        query: wq.Query | None,
        matched: np.ndarray,
        sort: str,
        limit: int,
        question_vector: np.ndarray | None = None,
        question_clauses: list[wq.Query] | None = None,
        lifts: np.ndarray | None = None,
    ) -> tuple[list[int], list[float]]:
        """The first `limit` matched documents (a mask) in the order asked for, with their scores.
        `question_clauses`: a question's word clauses, whose coverage multiplies its scores.
        `lifts`: tagged items (a mask) not ranked themselves, each lifting its passage, when that
        is among the matched, to its own score if higher."""
        lifting = np.zeros(0, dtype=np.int64) if lifts is None else np.flatnonzero(lifts)
        candidates = np.flatnonzero(matched if lifts is None else matched | lifts)
        phrase_docs = partial(gen.phrase_docs, searcher)
        scores = scoring.score(gen.postings, query, candidates, phrase_docs)
        if question_clauses is not None and COORDINATION:
            coverage = scoring.coverage(gen.postings, question_clauses, candidates, phrase_docs)
            scores = scores * coverage**COORDINATION
        vectors = gen.vectors(searcher) if question_vector is not None else None
        if vectors is not None and question_vector is not None and len(candidates):
            # the semantic signal re-ranks the best candidates by words; the rest keep their rank
            best = scoring.top(candidates, scores, RERANK_DEPTH)
            similarity = vectors.similarity(question_vector, candidates[best])
            top_bm25 = float(scores[best[0]]) or 1.0
            scores = (1 - SEMANTIC_WEIGHT) * scores / top_bm25
            scores[best] = fuse(scores[best], similarity)
        if len(lifting):
            candidates, scores = _lift(candidates, scores, lifting, gen.catalogue.holders)
        if sort == "relevance" and query is not None and question_vector is not None:
            order = _distinct(searcher, candidates, scoring.top(candidates, scores, limit + 10), limit)
        elif sort == "relevance" and query is not None:
            order = scoring.top(candidates, scores, limit)
        else:  # by date (newest first unless asked), then by score, then in reading order
            dates = gen.dates(searcher)
            sign = 1 if sort == "oldest" else -1
            order = np.lexsort((candidates, -scores, sign * dates[candidates]))[:limit]
        return candidates[order].tolist(), [round(float(s), 3) for s in scores[order]]

    def _answer(
        self,
        searcher,
        gen: _Generation,
        hits: list[Hit],
        terms: set[str],
        statuses,
        word_clauses: list[wq.Query],
        question_vector: np.ndarray | None,
    ) -> Answer | None:
        """The best passage among the first hits (an item stands for the passage it is in),
        with the whole passage marked, the tagged items in it, and how clearly it answers."""
        for hit in hits:
            if hit.kind == PASSAGE:
                docnum = searcher.document_number(id=hit.id)
            else:
                docnum = self._passage_of(searcher, gen, hit)
            if docnum is None:
                continue
            passage = _hit(searcher.stored_fields(docnum), hit.score, terms, statuses, whole=True)
            year = passage.period or (passage.date[:4] if passage.date else "")
            at = np.array([docnum])
            phrase_docs = partial(gen.phrase_docs, searcher)
            coverage = round(float(scoring.coverage(gen.postings, word_clauses, at, phrase_docs, whole=True)[0]), 3)
            similarity = None
            if question_vector is not None and (vectors := gen.vectors(searcher)) is not None:
                similarity = round(float(vectors.similarity(question_vector, at)[0]), 3)
            # decided on the figures as shown (rounded), so that the API's figures explain it
            clear = coverage >= ANSWER_COVERAGE and (similarity is None or similarity >= ANSWER_SIMILARITY)
            items = [item for item, _ in self._items_in(searcher, gen, docnum, statuses)]
            return Answer(passage, year, items, clear, coverage, similarity)
        return None

    @staticmethod
    def _passage_of(searcher, gen: _Generation, item: Hit) -> int | None:
        """The passage holding an item's block."""
        docnum = searcher.document_number(id=item.id)
        passage = -1 if docnum is None else int(gen.catalogue.holders[docnum])
        return passage if passage >= 0 else None

    @staticmethod
    def _items_in(
        searcher, gen: _Generation, docnum: int, statuses, matched: np.ndarray | None = None
    ) -> list[tuple[Hit, bool]]:
        """The tagged items whose block lies in the passage at `docnum`, in reading order, each
        with whether the query matched it (`matched`, a mask); of a passage holding more than are
        shown, the matched are kept first."""
        entries = np.flatnonzero(gen.catalogue.holders == docnum)
        flags = np.zeros(len(entries), dtype=bool) if matched is None else matched[entries]
        if len(entries) > ANSWER_ITEMS:
            first = np.argsort(~flags, kind="stable")[:ANSWER_ITEMS]
            entries, flags = entries[first], flags[first]
        items = [
            (_hit(searcher.stored_fields(int(d)), 0.0, set(), statuses), bool(flag))
            for d, flag in zip(entries, flags, strict=True)
        ]
        items.sort(key=lambda pair: (pair[0].block_seq, pair[0].kind, pair[0].id))
        return items

    def _with_tagged(
        self, searcher, gen: _Generation, docnum: int, hit: Hit, statuses, matched: np.ndarray | None
    ) -> Hit:
        """A passage hit with the tagged items it holds (a list shows them within it); `matched`
        marks those a key-word query matched itself."""
        if hit.kind == PASSAGE:
            hit.tagged = [
                {"item_id": i.item_id, "kind": i.kind, "status": i.status, "text": i.text, "matched": m}
                for i, m in self._items_in(searcher, gen, docnum, statuses, matched)
            ]
        return hit

    @staticmethod
    def _contained(gen: _Generation, shown: np.ndarray) -> np.ndarray:
        """The entries of `shown` (a mask) that are items inside a passage also shown, as a mask."""
        holders = gen.catalogue.holders
        entries = np.flatnonzero(shown & (holders >= 0))
        out = np.zeros_like(shown)
        out[entries[shown[holders[entries]]]] = True
        return out

    @staticmethod
    def _matched(searcher, gen: _Generation, query: wq.Query | None, allowed: np.ndarray | None) -> np.ndarray:
        """The entries a query matches among those allowed by the filters, as a mask."""
        matched = gen.live if query is None else gen.docset(searcher, query)
        return matched if allowed is None else matched & allowed

    def more_like_this(self, entry_id: str, limit: int = 10) -> list[Hit]:
        """Passages and items whose wording is closest to this one's (other documents first)."""
        searcher, _ = self._searcher()
        docnum = searcher.document_number(id=entry_id)
        if docnum is None:
            return []
        stored = searcher.stored_fields(docnum)
        results = searcher.more_like(docnum, "body", text=stored["text"], top=limit * 2, numterms=12)
        terms = highlight_terms(results.q)
        hits = [_hit(h.fields(), round(h.score or 0.0, 3), terms) for h in results if h["id"] != entry_id]
        hits.sort(key=lambda h: (h.doc_id == stored["doc_id"], -h.score))
        return hits[:limit]

    def passages_like(self, words: list[str], after: str, own_doc: str | None = None, limit: int = 30) -> list[Hit]:
        """Passages dated after `after` (ISO date), or in `own_doc`, that use any of `words`
        (analysed index words), best first. Works on arrays, so it costs the same whatever
        the number of documents."""
        searcher, gen = self._searcher()
        if not words:
            return []
        query = wq.Or([wq.Term("body", w) for w in words])
        kinds, kind_codes = gen.codes(searcher, "kind")
        docs, doc_codes = gen.codes(searcher, "doc_id")
        allowed = gen.dates(searcher) > int(after.replace("-", "") or 0)
        if own_doc in doc_codes:
            allowed |= docs == doc_codes[own_doc]
        allowed &= kinds == kind_codes.get("passage", -1)
        scores = scoring.score(gen.postings, query, np.arange(gen.postings.size))
        candidates = np.flatnonzero(allowed & (scores > 0))
        if not len(candidates):
            return []
        best = candidates[scoring.top(candidates, scores[candidates], limit)]
        return [_hit(searcher.stored_fields(int(d)), round(float(scores[d]), 3), set()) for d in best]

    def document_frequency(self, word: str) -> int:
        """How many entries use an analysed index word."""
        searcher, gen = self._searcher()
        return len(gen.term_docs("body", word))

    # -- filters, facets, suggestions -----------------------------------------
    def _filter_set(
        self, searcher, gen: _Generation, parsed: ParsedQuery, statuses: Statuses | None
    ) -> np.ndarray | None:
        """The entries the query's filters allow, as a mask (None: no filter)."""
        f = parsed.filters
        parts: list[np.ndarray] = []

        def union(fieldname: str, values) -> np.ndarray:
            return gen.union(gen.sets(searcher, fieldname), values)

        if f.kinds:
            parts.append(union("kind", f.kinds))
        if f.doc_types:
            parts.append(union("doc_type", f.doc_types))
        if f.doc_ids:
            parts.append(union("doc_id", f.doc_ids))
        if f.years:
            lo, hi = f.years
            periods = [p for p in gen.sets(searcher, "period") if overlaps(p, lo, hi)]
            parts.append(union("period", periods))
        for fieldname, wanted, label in (
            ("themes", f.themes, "theme"),
            ("made_by", f.made_by, "by"),
            ("partnership", f.partnerships, "partnership"),
            ("status", f.statuses, "status"),
        ):
            sets = gen.status_sets(searcher, statuses) if fieldname == "status" else gen.sets(searcher, fieldname)
            for value in wanted:
                matches = _resolve(value, sets, fieldname)
                if not matches:
                    known = ", ".join(sorted(v for v in sets if v)) or "none yet"
                    parsed.notes.append(f"No {label} matches '{value}' (known: {known}).")
                parts.append(gen.union(sets, matches))
        if not parts:
            return None
        result = parts[0]
        for part in parts[1:]:
            result = result & part
        return result

    def _facets(self, searcher, gen: _Generation, shown: np.ndarray) -> dict[str, list[tuple[str, int]]]:
        """Each facet field's values with their counts among the entries shown (a mask): a field
        with one value per entry by counting its value codes, the others value by value."""
        facets = {}
        for name in FACET_FIELDS:
            if name in SINGLE_VALUED:
                array, codes = gen.codes(searcher, name)
                counts = np.bincount(array[shown], minlength=len(codes) + 1)
                facets[name] = _by_count((value, int(counts[code])) for value, code in codes.items() if value)
            else:
                facets[name] = self._facet(gen.sets(searcher, name), shown)
        return facets

    @staticmethod
    def _facet(sets: dict[str, np.ndarray], shown: np.ndarray) -> list[tuple[str, int]]:
        """A field's values with how many of the entries shown (a mask) hold each."""
        return _by_count((value, int(np.count_nonzero(shown[docs]))) for value, docs in sets.items() if value)

    @staticmethod
    def _did_you_mean(searcher, gen: _Generation, parsed: ParsedQuery, total: int) -> str | None:
        acronyms = vocabulary().acronyms
        reader = searcher.reader()
        text, changed = parsed.text, False
        for word in parsed.words:
            lower = word.lower()
            if not lower.isalpha() or len(lower) < 4 or lower in acronyms:
                continue
            if reader.doc_frequency("words", lower) > 0:
                continue
            suggestion = gen.spelling(searcher, lower)
            if suggestion and suggestion != lower:
                text, changed = text.replace(word, suggestion, 1), True
        return text if changed and (total == 0 or text != parsed.text) else None


def _lift(
    candidates: np.ndarray, scores: np.ndarray, items: np.ndarray, holders: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """`candidates` without `items` (sorted entry numbers, all among the candidates), each
    item's passage scored the higher of its own score and the item's when it is a candidate."""
    at = np.searchsorted(candidates, items)
    owners = holders[items]
    holder_at = np.searchsorted(candidates, owners)
    inside = holder_at < len(candidates)
    inside[inside] = candidates[holder_at[inside]] == owners[inside]
    scores = scores.copy()
    np.maximum.at(scores, holder_at[inside], scores[at[inside]])
    keep = np.ones(len(candidates), dtype=bool)
    keep[at] = False
    return candidates[keep], scores[keep]


def _distinct(searcher, candidates: np.ndarray, order: np.ndarray, limit: int) -> np.ndarray:
    """The first `limit` positions of `order` without repeats: an entry whose document and text
    are those of a better one (a heading repeated) is left out."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for position in order.tolist():
        fields = searcher.stored_fields(int(candidates[position]))
        key = (fields.get("doc_id", ""), " ".join(fields.get("text", "").lower().split()))
        if key not in seen:
            seen.add(key)
            kept.append(position)
            if len(kept) == limit:
                break
    return np.asarray(kept, dtype=np.int64)


def _by_count(counts) -> list[tuple[str, int]]:
    """Facet values found at least once, the most found first (ties: by name)."""
    return sorted(((v, c) for v, c in counts if c), key=lambda vc: (-vc[1], vc[0]))


def _resolve(value: str, known: Mapping[str, Any], fieldname: str) -> list[str]:
    """Which indexed values a typed filter value means: exact, a theme synonym, or a part of the name."""
    value = value.strip().strip('"').lower()
    exact = [v for v in known if v.lower() == value]
    if exact:
        return exact
    if fieldname == "themes":
        theme = theme_for(value) or theme_for(vocabulary().acronyms.get(value, ("",))[0])
        if theme:
            return [theme]
    return [v for v in known if value and value in v.lower()]


class _Formatter(highlight.HtmlFormatter):
    """<mark> around matched words; everything else HTML-escaped (Whoosh escapes it)."""

    def __init__(self):
        super().__init__(tagname="mark", classname="hl", between=" … ")


def _hit(fields: dict, score: float, terms: set[str], statuses: Statuses | None = None, whole: bool = False) -> Hit:
    """A hit from stored fields, its snippet highlighting the query's body terms (`whole`: the
    snippet is the whole text, highlighted)."""
    text = fields["text"]
    snippet = ""
    if terms:
        fragmenter = (
            highlight.WholeFragmenter() if whole else highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        )
        snippet = highlight.highlight(text, terms, TEXT_ANALYZER, fragmenter, _Formatter(), top=1 if whole else 2)
    if not snippet and whole:
        snippet = html.escape(text)
    if not snippet:
        snippet = html.escape(text[:SNIPPET_CHARS]) + ("…" if len(text) > SNIPPET_CHARS else "")
    return Hit(
        id=fields["id"],
        kind=fields["kind"],
        doc_id=fields["doc_id"],
        title=fields.get("title", ""),
        doc_type=fields.get("doc_type", ""),
        partnership=fields.get("partnership", ""),
        period=fields.get("period", ""),
        date=fields.get("date", ""),
        section=fields.get("section", ""),
        page=fields.get("page") or None,
        block_seq=fields.get("block_seq", 0),
        last_seq=fields.get("last_seq", fields.get("block_seq", 0)),
        text=fields["text"],
        snippet=snippet,
        score=score,
        item_id=fields.get("item_id") or None,
        made_by=fields.get("made_by") or None,
        themes=[t for t in fields.get("themes", "").split(",") if t],
        status=statuses.of.get(fields.get("item_id") or "") if statuses else None,
        due=fields.get("due"),
        addressee=fields.get("addressee"),
    )


def fuse(words: np.ndarray, similarity: np.ndarray, weight: float = SEMANTIC_WEIGHT) -> np.ndarray:
    """BM25F's part (already scaled to at most 1 - weight) plus the semantic similarity's,
    scaled from the candidates' median to their best: only better-than-typical similarity counts."""
    if not len(words):
        return words
    middle, best = float(np.median(similarity)), float(similarity.max())
    closeness = np.clip((similarity - middle) / (best - middle + 1e-9), 0.0, 1.0)
    return (words + weight * closeness).astype(np.float32)
