"""Turn what a user types into a Whoosh query and a set of filters, never raising.

The language is forgiving: plain words and "phrases" just work, a stray quote
or hyphen is read as text, AND / OR / NOT (or a leading `-`) combine terms for
those who want them, and `field:value` filters narrow the results (`kind:`,
`type:`, `year:2013..2021`, `theme:`, `by:`, `status:`, `section:`, `title:`).
Acronyms from `index/data/query.yaml` are expanded both ways, and words of the
safeguarding thesaurus (`index/data/thesaurus.yaml`) bring the rest of their group,
with a lower weight. Key words: every word (or one of its alternatives) is
required (words found in most passages only rank); search relaxes to "any of the
words" when that finds nothing, and a run of words also counts as a (sloppy)
phrase, boosted. A question (many words, or the form of a question) is ranked
over all its words, none required; its phrases are those of the thesaurus (found
as one indexed word each) and any it quotes.
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
from index.thesaurus import Group, stems, thesaurus, words_of
from index.vocabulary import Vocabulary, answer_kind, period_token, plain, vocabulary

MAX_QUERY_CHARS = 500  # longer input is cut, not refused
MAX_CLAUSES = 40  # words beyond this add cost but no meaning
PHRASE_BOOST = 2.0
ANSWER_KIND_BOOST = 1.0  # a question asking "how many" favours passages holding a figure this much
PERIOD_BOOST = 3.0
THESAURUS_WEIGHT = 0.7  # an alternative from the thesaurus counts this much of a word typed
SHOWN_ALTERNATIVES = 4  # members of a group named in "also searched for"

# Private-use characters mark what the pre-passes found before the query is tokenised:
# a thesaurus group (its number, then the words typed) and an acronym's long form.
_CONCEPT, _SEP, _END, _LONG, _LONG_END = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
_MARKERS = re.compile("[\ue000-\ue004]")
_BOOLEAN = re.compile(r"\bAND\b|\bOR\b|\bNOT\b|&&|\|\||(?<![\w])-(?=[\w\"])")

_PERIOD_TEXT = r"(?:19|20)\d{2}\s*[-/–]\s*(?:19|20)?\d{2}"  # 2013-14, 2013/14, 2013 - 2014
_TOKEN = re.compile(
    rf"""
      \ue000(?P<concept>\d+)\ue001(?P<ctext>[^\ue002]*)\ue002
    | \ue003(?P<long>[^\ue004]*)\ue004
    | (?P<field>[A-Za-z_]+):(?:"(?P<fquoted>[^"]*)"?|(?P<fvalue>[^\s"]*))
    | "(?P<phrase>[^"]*)"
    | (?P<op>\bAND\b|\bOR\b|\bNOT\b|&&|\|\|)
    | (?P<period>{_PERIOD_TEXT}(?!\d))  # 2013/14, 2013 - 14: one period, not two numbers
    | (?P<neg>(?<![\w])-)(?=[\w"])
    | (?P<word>[\w][\w&'’.-]*)
    """,
    re.X | re.U,
)
_YEAR = re.compile(r"^(?:19[5-9]\d|20\d{2})$")
_PERIOD = re.compile(rf"^{_PERIOD_TEXT}$")


def _analysed(word: str) -> str:
    return next((t.text for t in TEXT_ANALYZER(word, mode="query")), word)


@lru_cache(maxsize=1)
def spellings() -> dict[str, frozenset[str]]:
    """Each acronym's and thesaurus group's index word ("acrmash", "thesdomesticabuse") -> the
    analysed words of all its forms, to highlight."""
    out = {
        _analysed(token): frozenset(t.text for form in forms for t in TEXT_ANALYZER(form, mode="query"))
        for token, forms in vocabulary().forms.items()
    }
    for group in thesaurus().groups:
        forms = [p for phrase in group.phrases for p in phrase]
        forms += [t.text for a in group.abbreviations for t in TEXT_ANALYZER(a, mode="query")]
        out.setdefault(_analysed(group.token), frozenset(forms))
    return out


def highlight_terms(query: wq.Query | None) -> set[str]:
    """The analysed words to mark in a snippet: the query's own, every form of its acronyms and
    the thesaurus alternatives searched for."""
    if query is None:
        return set()
    known = spellings()
    terms: set[str] = set()
    for fieldname, text in query.iter_all_terms():
        if fieldname == "body":
            terms |= known.get(text, {text})
    return terms


class PeriodPhrase(wq.Phrase):
    """A period typed in a query ("2013-14"): scored as the phrase of its words, but the entries
    holding it are those with its index word ("span201314", however it is written), because
    finding a phrase by word positions is slow on a large index."""

    def __init__(self, period: str):
        super().__init__("body", [t.text for t in TEXT_ANALYZER(period.replace("-", " "), mode="query")], slop=1)
        self.token = _analysed(period_token(period))


class Concept(wq.Or):
    """Words typed with their thesaurus alternatives (weighted lower): one clause, met by either.

    best_of: a document scores the best of them, not their sum (key words: a passage using
    three synonyms of a word is no better a match than one using the word); a question adds
    them up, favouring passages that speak of the subject at length."""

    def __init__(self, typed: wq.Query | None, alternatives: list[wq.Query], best_of: bool = True):
        super().__init__(([typed] if typed is not None else []) + alternatives)
        self.typed = typed
        self.alternatives = alternatives
        self.best_of = best_of


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
    question: bool = False  # read as a question: ranked over all its words, none required
    also: list[str] = field(default_factory=list)  # thesaurus alternatives searched for, as shown

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

    def word_clauses(self) -> list[wq.Query]:
        """What a question's coverage counts: its words (each with its alternatives), phrases and
        periods. Not the fields it must meet (`title:`, `section:`: every match meets them) nor
        its boosts ("how many" favouring figures)."""
        return [q for group in self.groups for occur, q in group if occur == "should"]

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


def is_question(text: str) -> bool:
    """Whether a query reads as a question: many words, or the form of one; never when it uses
    AND, OR, NOT or -word (whoever types those wants them taken exactly)."""
    vocab = vocabulary()
    text = _MARKERS.sub(" ", text or "")
    if _BOOLEAN.search(text):
        return False
    plain_text = re.sub(r"[A-Za-z_]+:(?:\"[^\"]*\"?|[^\s\"]*)", " ", text)  # filters are not words
    plain_text = re.sub(r'"[^"]*"', " quoted ", plain_text)  # a "quoted phrase" counts as one word
    words = [w.strip(".-'’").lower() for w in re.findall(r"[\w][\w&'’.-]*", plain_text)]
    words = [w for w in words if w]
    if len(words) >= vocab.question_min_words:
        return True
    if len(words) < 3:
        return False
    return plain_text.rstrip().endswith("?") or words[0].replace("’", "'") in vocab.question_starts


def parse_query(text: str, filters: Filters | None = None, question: bool | None = None) -> ParsedQuery:
    """Parse `text` into a query and filters; unknown or malformed parts become plain words.

    `question`: read the text as a question (None: decide from the text, `is_question`)."""
    vocab = vocabulary()
    filters = filters or Filters()
    notes: list[str] = []
    text = _MARKERS.sub(" ", (text or "").replace("\x00", " "))
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"Only the first {MAX_QUERY_CHARS} characters of the query were used.")
    exact = bool(_BOOLEAN.search(text))  # AND, OR, NOT, -word: no thesaurus, never a question
    question = (not exact and is_question(text)) if question is None else question
    dropped = vocab.question_words | (vocab.question_fillers if question else frozenset())
    shown_text = text
    marked = _quote_long_forms(text, vocab)
    if not exact:
        marked = _mark_concepts(marked, dropped, question)
    groups: list[list[tuple[str, wq.Query]]] = [[]]  # OR-ed groups (AND binds tighter than OR)
    clauses = groups[0]  # (occur, query): occur is should | must | not | boost
    words: list[str] = []
    run: list[str] = []  # consecutive plain words, for phrase boost and expansions
    pending_op: str | None = None
    negate = False
    used_groups: set[int] = set()
    also: list[str] = []

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
        # key words: the run as a sloppy phrase, boosted. Not in a question: its phrases are
        # the thesaurus's (indexed as words) and any it quotes; pairs of neighbouring words
        # helped no question of the dev set and cost reading word positions on a large index
        if len(run) >= 2 and not question:
            phrase = _text_clause(" ".join(run), slop=2)
            if isinstance(phrase, wq.Phrase):
                clauses.append(("boost", phrase.with_boost(PHRASE_BOOST)))
        run.clear()

    def concept(typed: wq.Query | None, group: Group, typed_text: str) -> wq.Query | None:
        """The typed clause with its group's alternatives (each group's alternatives once)."""
        if group.number in used_groups:
            return typed
        used_groups.add(group.number)
        alternatives, shown = _alternatives(group, typed_text)
        also.extend(a for a in shown if a not in also)
        return Concept(typed, alternatives, best_of=not question) if alternatives else typed

    for match in _TOKEN.finditer(marked):
        kind = (
            "concept"
            if match.group("concept") is not None
            else "long"
            if match.group("long") is not None
            else "field"
            if match.group("field")
            else match.lastgroup
        )
        if kind == "concept":
            group = thesaurus().groups[int(match.group("concept"))]
            typed_words = words_of(match.group("ctext"))
            if negate:  # "-word": the words as typed, no alternatives
                flush_run()
                for word in typed_words:
                    _add_word(word, vocab, words, [], add, True, dropped, question)
                negate = False
                continue
            parts = [
                c
                for c in (_expand_word(w.strip(".-'’").lower(), vocab) for w in typed_words if _content(w, dropped))
                if c is not None
            ]
            typed = parts[0] if len(parts) == 1 else wq.And(parts) if parts else None
            add(concept(typed, group, match.group("ctext")), "should")
            for word in typed_words:
                if _content(word, dropped):
                    words.append(word)
                    run.append(word.strip(".-'’").lower())
        elif kind == "long":
            flush_run()
            acronym = vocab.expansions.get(tuple(plain(match.group("long")).split()))
            clause = _expand_phrase(match.group("long"), vocab)
            acronym_group = thesaurus().group_of_abbreviation(acronym) if acronym and not exact else None
            if acronym_group is not None and not negate:
                clause = concept(clause, acronym_group, match.group("long"))
            add(clause, "not" if negate else "should")
            negate = False
        elif kind == "field":
            name = match.group("field").lower()
            value = match.group("fquoted") if match.group("fquoted") is not None else match.group("fvalue")
            if name in vocab.field_aliases:
                flush_run()
                _apply_field(vocab.field_aliases[name], value.strip(), filters, notes, add, negate)
                negate = False
                continue
            # not a field we know ("12:30", "note:"): read it as words
            for word in re.findall(r"[\w][\w&'’.-]*", match.group(0)):
                _add_word(word, vocab, words, run, add, negate, dropped, question)
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
        elif kind in ("word", "period"):
            if negate:
                flush_run()
                _add_word(match.group(kind), vocab, words, [], add, True, dropped, question)
                negate = False
            else:
                _add_word(match.group(kind), vocab, words, run, add, False, dropped, question)
    flush_run()
    kind = answer_kind(shown_text) if question else None
    if kind is not None:  # "How many ...": passages holding a figure rank a little higher
        clauses.append(("boost", wq.Term("body", _analysed(f"ans{kind}"), boost=ANSWER_KIND_BOOST)))
    return ParsedQuery(
        text=shown_text,
        groups=[g[:MAX_CLAUSES] for g in groups if g],
        filters=filters,
        words=words,
        notes=notes,
        question=question,
        also=also,
    )


def _content(word: str, dropped: frozenset[str]) -> bool:
    """Whether a typed word says something about the subject (not a question word or filler)."""
    lower = word.strip(".-'’").lower()
    return bool(lower) and lower not in dropped


def _alternatives(group: Group, typed_text: str) -> tuple[list[wq.Query], list[str]]:
    """A thesaurus group's clauses besides what was typed (weighted lower), and the members to
    name in "also searched for"."""
    typed_stems = set(stems(typed_text))
    clauses: list[wq.Query] = [
        wq.Term("body", word, boost=THESAURUS_WEIGHT) for word in sorted(group.words - typed_stems)
    ]
    if thesaurus().has_token(group):
        clauses.append(wq.Term("body", _analysed(group.token), boost=THESAURUS_WEIGHT))
    vocab = vocabulary()
    typed_plain = plain(typed_text)
    acronym = typed_plain if typed_plain in vocab.acronyms else vocab.expansions.get(tuple(typed_plain.split()))
    covered = {typed_plain, acronym, *vocab.acronyms.get(acronym or "", ())}  # searched already, as typed
    shown = [m for m in group.members if plain(m) not in covered and not set(stems(m)) <= typed_stems]
    return clauses, shown[:SHOWN_ALTERNATIVES]


def _add_word(
    word: str,
    vocab: Vocabulary,
    words: list[str],
    run: list[str],
    add,
    negate: bool,
    dropped: frozenset[str],
    question: bool = False,
) -> None:
    word = word.strip(".-'’")
    if not word:
        return
    period = find_period(word, consecutive=False) if _PERIOD.match(word) else None
    if period:
        # documents of that period, and passages naming it ("plans for 2025-26"): with key
        # words they rank higher, in a question they are also candidates; alone, they are found
        add(_dated(PeriodPhrase(period), [period]), "not" if negate else "should" if question else "boost")
        return
    if _YEAR.match(word) and not negate:  # a year: the word, or a report whose period covers it
        year = int(word)
        covering = [f"{year - 1}-{year % 100:02d}", f"{year}-{(year + 1) % 100:02d}"]
        words.append(word)
        run.append(word)
        add(_dated(wq.Term("body", word), covering), "should")
        return
    lower = word.lower()
    if lower in dropped and not negate:
        return
    clause = _expand_word(lower, vocab)
    if clause is None:
        return
    words.append(word)
    run.append(lower)
    add(clause, "not" if negate else "should")


class Dated(wq.Or):
    """A date in the text, or documents of one of the periods it falls in: one clause."""


def _dated(text: wq.Query | None, periods: list[str]) -> wq.Query:
    """A date in the text, or documents of one of these periods (which count more)."""
    clauses = [wq.Term("period", p).with_boost(PERIOD_BOOST) for p in periods]
    return Dated(([text] if text is not None else []) + clauses)


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


def _outside_quotes(text: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the parts of text outside "quotes" and outside marked spans."""
    parts = re.split(r'("[^"]*"|[\ue000\ue003][^\ue002\ue004]*[\ue002\ue004])', text)
    return "".join(change(part) if i % 2 == 0 else part for i, part in enumerate(parts))


def _quote_long_forms(text: str, vocab: Vocabulary) -> str:
    """Mark unquoted long forms ("right help right time") so that they are matched as one unit,
    together with their acronym, rather than word by word."""

    def mark(part: str) -> str:
        for long in sorted(vocab.expansions, key=len, reverse=True):
            if len(long) > 1:
                pattern = r"(?<![\w\"-])" + r"[\s,–-]+".join(re.escape(w) for w in long) + r"(?![\w\"-])"
                part = re.sub(pattern, lambda m: f"{_LONG}{m.group(0)}{_LONG_END}", part, flags=re.I)
        return part

    return _outside_quotes(text, mark)


def _mark_concepts(text: str, skip: frozenset[str], question: bool) -> str:
    """Mark the thesaurus groups used in each run of plain words (not in quotes, filters or
    operators), as `\ue000<group number>\ue001<words typed>\ue002`."""

    def mark(part: str) -> str:
        out: list[str] = []
        last = 0
        run: list[re.Match] = []

        def close_run() -> None:
            nonlocal last
            words = [m.group("word") for m in run]
            for found in thesaurus().find(words, skip, everyday=question):
                start, end = run[found.start].start(), run[found.end - 1].end()
                out.append(part[last:start])
                out.append(f"{_CONCEPT}{found.group.number}{_SEP}{part[start:end]}{_END}")
                last = end
            run.clear()

        for match in _TOKEN.finditer(part):
            if match.lastgroup == "word":
                run.append(match)
            else:
                close_run()
        close_run()
        out.append(part[last:])
        return "".join(out)

    return _outside_quotes(text, mark)


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
    if boosts and not (must or should):  # only a period typed (and words to leave out): it is searched for
        should, boosts = boosts, []
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
