"""The whole Whoosh schema, in one place, with the version that forces a rebuild.

Two kinds of entries share the index: passages (runs of blocks under one
heading, `kind` = "passage") and tagged items (`kind` = recommendation,
priority or action). Bump SCHEMA_VERSION whenever a field or analyzer changes
or what goes into a field changes: an index built with another version is
rebuilt from the store on next use.
"""

from __future__ import annotations

from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

SCHEMA_VERSION = 7

PASSAGE = "passage"

# Text is stemmed, English stop words dropped (positions renumbered so phrases still match).
TEXT_ANALYZER = StemmingAnalyzer()
# Unstemmed words for "did you mean": suggestions must be words people type.
WORDS_ANALYZER = StandardAnalyzer()

# Fields whose values are counted as facets and can be filtered on. An item's status is not
# indexed: it changes with every clerk's decision, so search reads it from the store.
FACET_FIELDS = ("partnership", "doc_type", "period", "kind", "themes", "made_by")


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),  # "p:<doc>:<seq>" or "i:<item id>"
        doc_id=ID(stored=True),
        kind=ID(stored=True, sortable=True),  # passage | recommendation | priority | action
        # What words are matched against: the section path, the text, a word for each acronym
        # used in any form ("acrmash") and for each thesaurus phrase ("theslookedafterchildren").
        # Stored apart (`text`) so snippets show the text alone.
        body=TEXT(analyzer=TEXT_ANALYZER, phrase=True),
        # The same words without positions, for scoring: their postings decode about three times
        # faster (a question reads the postings of all its words; phrases use `body`).
        terms=TEXT(analyzer=TEXT_ANALYZER, phrase=False),
        text=STORED,
        words=TEXT(analyzer=WORDS_ANALYZER, phrase=False, spelling=True),
        title=TEXT(analyzer=TEXT_ANALYZER, stored=True),
        section=TEXT(analyzer=TEXT_ANALYZER, stored=True),
        doc_type=ID(stored=True),
        partnership=ID(stored=True),
        period=ID(stored=True),
        year=NUMERIC(int, stored=True, sortable=True),  # first year of the period (2013 for 2013-14)
        date=ID(stored=True, sortable=True),  # ISO date; sorts as text
        made_by=KEYWORD(stored=True, commas=True, lowercase=True),
        themes=KEYWORD(stored=True, commas=True, lowercase=True),
        page=NUMERIC(int, stored=True),
        block_seq=NUMERIC(int, stored=True),
        last_seq=STORED,
        item_id=ID(stored=True),
        due=STORED,
        addressee=STORED,
        # The entry's rows in the build's sentence vectors (index/semantic.py); 0 rows: none.
        vec_start=COLUMN(NumericColumn("I", default=0)),
        vec_count=COLUMN(NumericColumn("I", default=0)),
    )
