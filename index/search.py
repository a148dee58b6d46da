"""Searching the index: hits with highlighted snippets, facet counts, paging,
"did you mean", and "more like this".

Filters and facets run on cached document-number sets, one per field value,
built once per index generation: a `kind:` + `year:` filter is then a few set
unions and one intersection instead of a query over the postings each time.
"""
from __future__ import annotations

import html
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import highlight
from whoosh import index as whoosh_index
from whoosh import query as wq

from index.indexer import current_build, index_root
from index.query import Filters, ParsedQuery, parse_query, parse_years, vocabulary
from index.schema import FACET_FIELDS
from tagging.rules import theme_for

SNIPPET_CHARS = 240
SORTS = ("relevance", "newest", "oldest")


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
    period: str
    date: str
    section: str
    page: int | None
    block_seq: int
    last_seq: int
    text: str
    snippet: str            # HTML: escaped document text, highlights in <mark>
    score: float
    item_id: str | None = None
    made_by: str | None = None
    themes: list[str] = field(default_factory=list)
    status: str | None = None
    due: str | None = None
    addressee: str | None = None

    def record(self) -> dict:
        return asdict(self)


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.pagelen))


class _Generation:
    """Per-generation caches: the searcher's doc-number set for every filterable value."""

    def __init__(self, searcher):
        self.key = (searcher.ixreader.generation(), searcher.doc_count_all())
        self.values: dict[str, dict[str, frozenset[int]]] = {}
        self.lock = threading.Lock()
        self.all_docs = frozenset(searcher.document_numbers())

    def sets(self, searcher, fieldname: str) -> dict[str, frozenset[int]]:
        with self.lock:
            if fieldname not in self.values:
                reader = searcher.reader()
                values = {}
                if fieldname in reader.indexed_field_names():
                    for term in reader.lexicon(fieldname):
                        value = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                        values[value] = frozenset(searcher.docs_for_query(wq.Term(fieldname, value)))
                self.values[fieldname] = values
            return self.values[fieldname]


class SearchIndex:
    """The search index of a data folder; safe to share between threads."""

    def __init__(self, data_dir: Path):
        self.root = index_root(data_dir)
        self._lock = threading.Lock()
        self._ix = None
        self._build: Path | None = None
        self._generation: _Generation | None = None
        self._local = threading.local()

    # -- opening ---------------------------------------------------------------
    def _searcher(self):
        build = current_build(self.root)
        if build is None:
            raise IndexMissing(f"no search index in {self.root}: run `sgkb reindex`")
        with self._lock:
            if build != self._build:
                self._ix, self._build, self._generation = whoosh_index.open_dir(str(build)), build, None
            ix = self._ix
        searcher = getattr(self._local, "searcher", None)
        if searcher is None or getattr(self._local, "build", None) != build:
            searcher = ix.searcher()
        elif not searcher.up_to_date():
            searcher = searcher.refresh()
        self._local.searcher, self._local.build = searcher, build
        with self._lock:
            key = (searcher.ixreader.generation(), searcher.doc_count_all())
            if self._generation is None or self._generation.key != key:
                self._generation = _Generation(searcher)
            return searcher, self._generation

    # -- searching -------------------------------------------------------------
    def search(self, text: str, filters: Filters | None = None, sort: str = "relevance", page: int = 1,
               pagelen: int = 10) -> SearchResults:
        """Run a user's query. Never raises on what the user typed."""
        parsed = parse_query(text, filters)
        searcher, gen = self._searcher()
        allowed = self._filter_set(searcher, gen, parsed)
        page = max(1, page)
        pagelen = max(1, min(pagelen, 100))
        sort = sort if sort in SORTS else "relevance"
        if parsed.query is None and parsed.filters.empty():
            return SearchResults(parsed.text, [], 0, page, pagelen, sort, {}, None, parsed.notes)
        query = parsed.query or wq.Every()
        matched = gen.all_docs if parsed.query is None else frozenset(searcher.docs_for_query(query))
        if allowed is not None:
            matched = matched & allowed
        kwargs = {}
        if sort != "relevance" or parsed.query is None:
            kwargs = {"sortedby": "date", "reverse": sort != "oldest"}
        hits: list[Hit] = []
        if matched:  # (an empty filter set would mean "no filter" to Whoosh)
            results = searcher.search(query, limit=page * pagelen, filter=set(matched) if allowed is not None else None,
                                      **kwargs)
            results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
            results.formatter = _Formatter()
            hits = [_hit(h, parsed.query is not None) for h in results[(page - 1) * pagelen: page * pagelen]]
        facets = {name: self._facet(searcher, gen, name, matched) for name in FACET_FIELDS}
        suggestion = self._did_you_mean(searcher, parsed, len(matched))
        return SearchResults(parsed.text, hits, len(matched), page, pagelen, sort, facets, suggestion, parsed.notes)

    def more_like_this(self, entry_id: str, limit: int = 10) -> list[Hit]:
        """Passages and items whose wording is closest to this one's (other documents first)."""
        searcher, _ = self._searcher()
        docnum = searcher.document_number(id=entry_id)
        if docnum is None:
            return []
        stored = searcher.stored_fields(docnum)
        results = searcher.more_like(docnum, "text", text=stored["text"], top=limit * 2, numterms=12)
        results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        results.formatter = _Formatter()
        hits = [_hit(h, True) for h in results if h["id"] != entry_id]
        hits.sort(key=lambda h: (h.doc_id == stored["doc_id"], -h.score))
        return hits[:limit]

    def entry(self, entry_id: str) -> Hit | None:
        searcher, _ = self._searcher()
        fields = searcher.document(id=entry_id)
        return _hit_from_fields(fields, 0.0, html.escape(fields["text"][:SNIPPET_CHARS])) if fields else None

    def facet_values(self, name: str) -> list[str]:
        searcher, gen = self._searcher()
        return sorted(gen.sets(searcher, name))

    # -- filters, facets, suggestions -----------------------------------------
    def _filter_set(self, searcher, gen: _Generation, parsed: ParsedQuery) -> frozenset[int] | None:
        f = parsed.filters
        parts: list[frozenset[int]] = []

        def union(fieldname: str, values) -> frozenset[int]:
            sets = gen.sets(searcher, fieldname)
            return frozenset().union(*(sets.get(v, frozenset()) for v in values))

        if f.kinds:
            parts.append(union("kind", f.kinds))
        if f.doc_types:
            parts.append(union("doc_type", f.doc_types))
        if f.doc_ids:
            parts.append(union("doc_id", f.doc_ids))
        if f.years:
            lo, hi = f.years
            periods = [p for p in gen.sets(searcher, "period") if _overlaps(p, lo, hi)]
            parts.append(union("period", periods))
        for fieldname, wanted, label in (("themes", f.themes, "theme"), ("made_by", f.made_by, "by"),
                                         ("status", f.statuses, "status")):
            for value in wanted:
                matches = _resolve(value, gen.sets(searcher, fieldname), fieldname)
                if not matches:
                    known = ", ".join(sorted(gen.sets(searcher, fieldname))) or "none yet"
                    parsed.notes.append(f"No {label} matches '{value}' (known: {known}).")
                parts.append(union(fieldname, matches))
        if not parts:
            return None
        result = parts[0]
        for part in parts[1:]:
            result = result & part
        return result

    @staticmethod
    def _facet(searcher, gen: _Generation, name: str, matched: frozenset[int]) -> list[tuple[str, int]]:
        counts = [(value, len(docs & matched)) for value, docs in gen.sets(searcher, name).items() if value]
        return sorted(((v, c) for v, c in counts if c), key=lambda vc: (-vc[1], vc[0]))

    @staticmethod
    def _did_you_mean(searcher, parsed: ParsedQuery, total: int) -> str | None:
        acronyms = vocabulary().acronyms
        reader = searcher.reader()
        corrector = searcher.corrector("words")
        text, changed = parsed.text, False
        for word in parsed.words:
            lower = word.lower()
            if not lower.isalpha() or len(lower) < 4 or lower in acronyms:
                continue
            if reader.doc_frequency("words", lower) > 0:
                continue
            suggestions = corrector.suggest(lower, limit=1, maxdist=2)
            if suggestions and suggestions[0] != lower:
                text, changed = text.replace(word, suggestions[0], 1), True
        return text if changed and (total == 0 or text != parsed.text) else None


def _resolve(value: str, known: dict[str, frozenset[int]], fieldname: str) -> list[str]:
    """Which indexed values a typed filter value means: exact, a theme synonym, or a part of the name."""
    value = value.strip().strip('"').lower()
    if value in known:
        return [value]
    if fieldname == "themes":
        theme = theme_for(value) or theme_for(vocabulary().acronyms.get(value, ("",))[0])
        if theme:
            return [theme]
    return [v for v in known if value and value in v]


def _overlaps(period: str, lo: int | None, hi: int | None) -> bool:
    span = parse_years(period)
    if span is None:
        return False
    start, end = span
    return (lo is None or end >= lo) and (hi is None or start <= hi)


class _Formatter(highlight.HtmlFormatter):
    """<mark> around matched words; everything else HTML-escaped (Whoosh escapes it)."""

    def __init__(self):
        super().__init__(tagname="mark", classname="hl", between=" … ")


def _hit(h, highlighted: bool) -> Hit:
    fields = h.fields()
    snippet = h.highlights("text", top=2) if highlighted else ""
    if not snippet:
        snippet = html.escape(fields["text"][:SNIPPET_CHARS]) + ("…" if len(fields["text"]) > SNIPPET_CHARS else "")
    score = h.score if isinstance(h.score, (int, float)) else 0.0  # sorted results carry a sort key
    return _hit_from_fields(fields, round(score, 3), snippet)


def _hit_from_fields(fields: dict, score: float, snippet: str) -> Hit:
    return Hit(
        id=fields["id"], kind=fields["kind"], doc_id=fields["doc_id"], title=fields.get("title", ""),
        doc_type=fields.get("doc_type", ""), period=fields.get("period", ""), date=fields.get("date", ""),
        section=fields.get("section", ""), page=fields.get("page") or None, block_seq=fields.get("block_seq", 0),
        last_seq=fields.get("last_seq", fields.get("block_seq", 0)), text=fields["text"], snippet=snippet,
        score=score, item_id=fields.get("item_id") or None, made_by=fields.get("made_by") or None,
        themes=[t for t in fields.get("themes", "").split(",") if t], status=fields.get("status") or None,
        due=fields.get("due"), addressee=fields.get("addressee"),
    )
