"""Turn what a user types into a Whoosh query and a set of filters, never raising.

The language is forgiving: plain words and "phrases" just work, a stray quote
or hyphen is read as text, AND / OR / NOT (or a leading `-`) combine terms for
those who want them, and `field:value` filters narrow the results (`kind:`,
`type:`, `year:2013..2021`, `theme:`, `by:`, `status:`, `section:`, `title:`).
Acronyms from `index/data/query.yaml` are expanded both ways. By default every
word is required (words found in most passages only rank); search relaxes to
"any of the words" when that finds nothing. A run of words also counts as a
(sloppy) phrase, boosted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh import query as wq

from core.model import DocumentType
from core.periods import find_period, parse_year_range
from index.schema import TEXT_ANALYZER
from index.vocabulary import Vocabulary, plain, vocabulary

MAX_QUERY_CHARS = 500  # longer input is cut, not refused
MAX_CLAUSES = 40  # words beyond this add cost but no meaning
PHRASE_BOOST = 2.0
PERIOD_BOOST = 3.0

_TOKEN = re.compile(
    r"""
      (?P<field>[A-Za-z_]+):(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>[^\s"]*))
    | "(?P<phrase>[^"]*)"
    | (?P<op>\bAND\b|\bOR\b|\bNOT\b|&&|\|\|)
    | (?P<neg>(?<![\w])-)(?=[\w"])
    | (?P<word>[\w][\w&'’.-]*)
    """,
    re.X | re.U,
)
_PERIOD = re.compile(r"^((?:19|20)\d{2})\s*[-/–]\s*((?:19|20)?\d{2})$")


def _analysed(word: str) -> str:
    return next((t.text for t in TEXT_ANALYZER(word, mode="query")), word)


@lru_cache(maxsize=1)
def spellings() -> dict[str, frozenset[str]]:
    """Each acronym's index word ("acrmash") -> the analysed words of all its forms, to highlight."""
    return {
        _analysed(token): frozenset(t.text for form in forms for t in TEXT_ANALYZER(form, mode="query"))
        for token, forms in vocabulary().forms.items()
    }


def highlight_terms(query: wq.Query | None) -> set[str]:
    """The analysed words to mark in a snippet: the query's own, and every form of its acronyms."""
    if query is None:
        return set()
    known = spellings()
    terms: set[str] = set()
    for fieldname, text in query.iter_all_terms():
        if fieldname == "body":
            terms |= known.get(text, {text})
    return terms


@dataclass
class Filters:
    """Hard restrictions: every value list is OR-ed, fields are AND-ed."""

    kinds: set[str] = field(default_factory=set)
    doc_types: set[str] = field(default_factory=set)
    years: tuple[int | None, int | None] | None = None
    themes: list[str] = field(default_factory=list)  # as typed; resolved against the index
    made_by: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    partnerships: list[str] = field(default_factory=list)
    doc_ids: set[str] = field(default_factory=set)

    def empty(self) -> bool:
        return not (
            self.kinds
            or self.doc_types
            or self.years
            or self.themes
            or self.made_by
            or self.statuses
            or self.partnerships
            or self.doc_ids
        )


@dataclass
class ParsedQuery:
    """What the user asked: clauses to build the scoring query from, the filters, and notes."""

    text: str
    groups: list[list[tuple[str, wq.Query]]]  # OR-ed groups of (occur, clause)
    filters: Filters
    words: list[str]  # plain words as typed, for "did you mean"
    notes: list[str] = field(default_factory=list)

    def build(self, strict: bool = True, common: Callable[[wq.Query], bool] | None = None) -> wq.Query | None:
        """The Whoosh query, or None when there are no words (only filters, or nothing).

        strict: every word (or acronym with its long forms) is required, except `common`
        ones (in most passages), which only add to the score; relaxed: any word will do,
        passages with more of them first.
        """
        built = [q for q in (_combine(g, strict, common) for g in self.groups) if q is not None]
        return None if not built else built[0] if len(built) == 1 else wq.Or(built)

    @property
    def query(self) -> wq.Query | None:
        return self.build()

    @property
    def relaxable(self) -> bool:
        """Whether the relaxed query can find more than the strict one."""
        return any(sum(occur == "should" for occur, _ in g) > 1 for g in self.groups)


KIND_NAMES = {
    "recommendation": "recommendation",
    "recommendations": "recommendation",
    "rec": "recommendation",
    "priority": "priority",
    "priorities": "priority",
    "action": "action",
    "actions": "action",
    "passage": "passage",
    "passages": "passage",
    "text": "passage",
    "item": "items",
    "items": "items",
}
TYPE_NAMES = {
    **{t.value: t.value for t in DocumentType},
    "annual": "annual_report",
    "report": "annual_report",
    "yearly": "annual_report",
    "meeting": "minutes",
    "committee": "minutes",
    "cabinet": "minutes",
    "decision": "minutes",
    "scrutineer": "scrutineer_report",
    "inspection": "inspection_report",
    "ofsted": "inspection_report",
}
ITEM_KINDS = {"recommendation", "priority", "action"}


def parse_query(text: str, filters: Filters | None = None) -> ParsedQuery:
    """Parse `text` into a query and filters; unknown or malformed parts become plain words."""
    vocab = vocabulary()
    filters = filters or Filters()
    notes: list[str] = []
    text = (text or "").replace("\x00", " ")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"Only the first {MAX_QUERY_CHARS} characters of the query were used.")
    text = _quote_long_forms(text, vocab)
    groups: list[list[tuple[str, wq.Query]]] = [[]]  # OR-ed groups (AND binds tighter than OR)
    clauses = groups[0]  # (occur, query): occur is should | must | not | boost
    words: list[str] = []
    run: list[str] = []  # consecutive plain words, for phrase boost and expansions
    pending_op: str | None = None
    negate = False

    def add(clause: wq.Query | None, occur: str) -> None:
        nonlocal pending_op
        if clause is None:
            return
        if pending_op == "AND" and clauses and clauses[-1][0] == "should":
            clauses[-1] = ("must", clauses[-1][1])
        if pending_op == "AND" and occur == "should":
            occur = "must"
        clauses.append((occur, clause))
        pending_op = None

    def flush_run() -> None:
        if len(run) >= 2:
            phrase = _text_clause(" ".join(run), slop=2)
            if isinstance(phrase, wq.Phrase):
                clauses.append(("boost", phrase.with_boost(PHRASE_BOOST)))
        run.clear()

    for match in _TOKEN.finditer(text):
        kind = "field" if match.group("field") else match.lastgroup
        if kind == "field":
            name = match.group("field").lower()
            value = match.group("fquoted") if match.group("fquoted") is not None else match.group("fvalue")
            if name in vocab.field_aliases:
                flush_run()
                _apply_field(vocab.field_aliases[name], value.strip(), filters, notes, add, negate)
                negate = False
                continue
            # not a field we know ("12:30", "note:"): read it as words
            for word in re.findall(r"[\w][\w&'’.-]*", match.group(0)):
                _add_word(word, vocab, words, run, add, negate)
            negate = False
        elif kind == "phrase":
            flush_run()
            clause = _expand_phrase(match.group("phrase"), vocab)
            add(clause, "not" if negate else "should")
            negate = False
        elif kind == "op":
            flush_run()
            op = {"&&": "AND", "||": "OR"}.get(match.group("op"), match.group("op"))
            if op == "NOT":
                negate = True
            elif op == "OR" and clauses:
                clauses = []
                groups.append(clauses)
            elif op == "AND":
                pending_op = op
        elif kind == "neg":
            flush_run()
            negate = True
        elif kind == "word":
            if negate:
                flush_run()
                _add_word(match.group("word"), vocab, words, [], add, True)
                negate = False
            else:
                _add_word(match.group("word"), vocab, words, run, add, False)
    flush_run()
    return ParsedQuery(
        text=text, groups=[g[:MAX_CLAUSES] for g in groups if g], filters=filters, words=words, notes=notes
    )


def _add_word(word: str, vocab: Vocabulary, words: list[str], run: list[str], add, negate: bool) -> None:
    word = word.strip(".-'’")
    if not word:
        return
    period = find_period(word, consecutive=False) if _PERIOD.match(word) else None
    if period and not negate:
        add(wq.Term("period", period).with_boost(PERIOD_BOOST), "boost")
        return
    lower = word.lower()
    if lower in vocab.question_words and not negate:
        return
    clause = _expand_word(lower, vocab)
    if clause is None:
        return
    words.append(word)
    run.append(lower)
    add(clause, "not" if negate else "should")


def _expand_word(lower: str, vocab: Vocabulary) -> wq.Query | None:
    """A word; an acronym (indexed as one word with its long forms); a hyphenated word's parts."""
    if lower in vocab.acronyms:
        return wq.Term("body", _analysed(vocab.token(lower)))
    tokens = [t.text for t in TEXT_ANALYZER(lower, mode="query")]
    if len(tokens) > 1:  # "multi-agency": both parts (the phrase boost of the run favours them together)
        return wq.And([wq.Term("body", t) for t in tokens])
    return wq.Term("body", tokens[0]) if tokens else None


def _expand_phrase(text: str, vocab: Vocabulary) -> wq.Query | None:
    """A quoted phrase; a phrase that is an acronym or one of its long forms is that acronym."""
    words = plain(text)
    if words in vocab.acronyms:
        return _expand_word(words, vocab)
    acronym = vocab.expansions.get(tuple(words.split()))
    if acronym:
        return _expand_word(acronym, vocab)
    return _text_clause(text)


def _quote_long_forms(text: str, vocab: Vocabulary) -> str:
    """Quote unquoted long forms ("right help right time" -> "\"right help right time\"") so that
    they are matched as one unit, together with their acronym, rather than word by word."""
    parts = re.split(r'("[^"]*")', text)
    for i in range(0, len(parts), 2):  # even parts are outside quotes
        for long in sorted(vocab.expansions, key=len, reverse=True):
            if len(long) > 1:
                pattern = r"(?<![\w\"-])" + r"[\s,–-]+".join(re.escape(w) for w in long) + r"(?![\w\"-])"
                parts[i] = re.sub(pattern, lambda m: f'"{m.group(0)}"', parts[i], flags=re.I)
    return "".join(parts)


def _text_clause(text: str, slop: int = 1) -> wq.Query | None:
    """Analyse text like the index does: one term, a phrase, or nothing (only stop words)."""
    tokens = [t.text for t in TEXT_ANALYZER(text, mode="query")]
    if not tokens:
        return None
    if len(tokens) == 1:
        return wq.Term("body", tokens[0])
    return wq.Phrase("body", tokens, slop=slop)


def _combine(
    clauses: list[tuple[str, wq.Query]], strict: bool, common: Callable[[wq.Query], bool] | None
) -> wq.Query | None:
    must = [q for occur, q in clauses if occur == "must"]
    should = [q for occur, q in clauses if occur == "should"]
    boosts = [q for occur, q in clauses if occur == "boost"]
    nots = [q for occur, q in clauses if occur == "not"]
    if strict and should:
        rare = [q for q in should if not (common and common(q))]
        if rare or must:  # keep at least one required clause
            boosts = [q for q in should if q not in rare] + boosts
            should = rare
        must, should = must + should, []
    if must:
        positive: wq.Query = wq.And(must) if len(must) > 1 else must[0]
        if should or boosts:
            positive = wq.AndMaybe(positive, wq.Or(should + boosts))
    elif should:
        positive = wq.Or(should) if len(should) > 1 else should[0]
        if boosts:
            positive = wq.AndMaybe(positive, wq.Or(boosts))
    elif nots:
        positive = wq.Every()
    else:
        return None
    if nots:
        positive = wq.AndNot(positive, wq.Or(nots))
    return positive


def _apply_field(name: str, value: str, filters: Filters, notes: list[str], add, negate: bool) -> None:
    if not value:
        notes.append(f"'{name}:' needs a value; it was ignored.")
        return
    lower = value.lower()
    if name == "kind":
        kind = KIND_NAMES.get(lower)
        if kind is None:
            notes.append(f"Unknown kind '{value}': use recommendation, priority, action or passage.")
            filters.kinds.add("?")
        else:
            filters.kinds.update(ITEM_KINDS if kind == "items" else {kind})
    elif name == "doc_type":
        doc_type = TYPE_NAMES.get(lower.replace(" ", "_")) or TYPE_NAMES.get(lower.split()[0])
        if doc_type is None:
            notes.append(f"Unknown document type '{value}': use {', '.join(DocumentType.values())}.")
            filters.doc_types.add("?")
        else:
            filters.doc_types.add(doc_type)
    elif name == "year":
        years = parse_year_range(value)
        if years is None:
            notes.append(f"'{value}' is not a year or a range such as 2013..2021; it was ignored.")
        else:
            filters.years = years
    elif name == "themes":
        filters.themes.append(lower)
    elif name == "made_by":
        filters.made_by.append(lower)
    elif name == "status":
        filters.statuses.append(lower.replace(" ", "_"))
    elif name == "partnership":
        filters.partnerships.append(lower)
    elif name in ("section", "title"):
        clause = _text_clause(value)
        if clause is not None:
            clause = _retarget(clause, name)
            add(clause, "not" if negate else "must")


def _retarget(clause: wq.Query, fieldname: str) -> wq.Query:
    if isinstance(clause, wq.Phrase):
        return wq.Phrase(fieldname, clause.words, slop=clause.slop)
    return wq.Term(fieldname, clause.text)
