"""Search on the real corpus: the query language, filters, facets, highlighting, the index
following the store, and the query set's recall."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import threading

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import CORPUS, DATA, make_config
from whoosh import index as whoosh_index

from cli.main import main
from core.text import normalise
from index import catalogue, scoring
from index.evaluate import (
    KEYWORD_SET,
    QUESTION_SETS,
    UNANSWERABLE_SETS,
    answer_summary,
    evaluate,
    evaluate_answers,
    load_queries,
    summary,
)
from index.indexer import current_build, index_root, sync
from index.query import Filters, is_question, parse_query
from index.search import SearchIndex
from index.thesaurus import stems, thesaurus
from index.vocabulary import period_tokens
from sgkb.service import KnowledgeBase


@pytest.fixture(scope="module")
def index(corpus_kb):
    """Search as the doors call it (statuses from the store)."""
    return corpus_kb


def assert_answers_in_documents(queries, store):
    """Every passage a query expects really is in its document."""
    for q in queries:
        for exp in q["expected"]:
            doc = store.find_document(exp["doc"])
            assert doc, exp
            assert any(normalise(exp["text"]) in normalise(b.text) for b in store.blocks(doc.id)), exp


def texts(results):
    return [h.text for h in results.hits]


def test_plain_words_and_phrases_find_the_passage(index):
    results = index.search("private fostering")
    assert results.total > 0 and "private fostering" in results.hits[0].text.lower()
    phrase = index.search('"voice of the child"')
    assert all("voice of the child" in normalise(h.text) for h in phrase.hits)


@pytest.mark.parametrize(
    "query,found",
    [
        ('"', None),
        ("-", None),
        (":", None),
        ("AND", None),
        ("OR", None),
        ("NOT", None),
        ("(", None),
        (")", None),
        ("*", None),
        ("?", None),
        ("\\", None),
        ("kind:", "needs a value"),
        ("year:", "needs a value"),
        ('"voice of the child', "voice"),
        ("multi-", "multi"),
        ("a AND", None),
        ("x" * 1000, "first 500 characters"),
        ("safeguarding " * 200, "safeguarding"),
        ("enfant protégé ünïcödé 子供", None),
        ("<script>alert(1)</script>", None),
        ("%00\x00", None),
        ("year:2030..1990", "2013"),
        ("theme:nonsense", "No theme matches"),
        ("by:", "needs a value"),
        ('title:"', None),
        ("--neglect", None),
        ('-""', None),
        ("neglect -", "neglect"),
    ],
)
def test_queries_that_break_naive_parsers_never_raise(index, query, found):
    """Nothing typed raises; what can be read is searched, the rest is said in a note or finds nothing."""
    results = index.search(query)
    for hit in results.hits:
        assert "<script>" not in hit.snippet
    if found is None:
        assert results.total == 0 or all(h.text for h in results.hits)
    elif found in ("needs a value", "first 500 characters", "No theme matches"):
        assert any(found in note for note in results.notes), results.notes
    elif found.isdigit():
        assert results.total > 0 and all(h.period for h in results.hits)
    else:
        assert results.total > 0 and found in normalise(results.hits[0].text)


def test_boolean_operators(index):
    both = index.search("neglect AND audit")
    assert both.total and all("neglect" in h.text.lower() and "audit" in h.text.lower() for h in both.hits)
    without = index.search("neglect -audit")
    assert without.total and all("audit" not in h.text.lower() for h in without.hits)
    assert index.search("neglect NOT audit").total == without.total
    either = index.search("MARAC OR LADO")
    assert either.total >= index.search("MARAC").total + 1


def test_and_binds_tighter_than_or():
    parsed = parse_query("neglect AND audit OR peel")
    assert type(parsed.query).__name__ == "Or" and len(parsed.query.subqueries) == 2


def test_field_filters(index, corpus_store):
    recs = index.search("kind:recommendation neglect")
    assert recs.total and {h.kind for h in recs.hits} == {"recommendation"}
    old = index.search("voice of the child year:2013..2014")
    assert old.total and {h.period for h in old.hits} == {"2013-14"}
    assert index.search("voice of the child year:2014").total == old.total  # 2013-14 covers 2014
    themed = index.search("theme:CSE kind:items")
    assert themed.total and all("exploitation and contextual safeguarding" in h.themes for h in themed.hits)
    by = index.search("by:scrutineer kind:recommendation")
    assert by.total and {h.made_by for h in by.hits} == {"Independent Scrutineer"}
    minutes = index.search("type:minutes care leavers")
    area = index.search("partnership:herefordshire neglect")
    assert area.total == index.search("neglect").total and index.search("partnership:calderbrook neglect").total == 0
    assert minutes.total and {h.doc_type for h in minutes.hits} == {"minutes"}
    section = index.search('section:"future plans" training')
    assert section.total and all("future plans" in h.section.lower() for h in section.hits)
    unknown = index.search("theme:nonsense neglect")
    assert unknown.total == 0 and any("theme" in n for n in unknown.notes)


def test_filters_alone_list_everything_they_select_newest_first(index):
    results = index.search("kind:priority", pagelen=100)
    dates = [h.date for h in results.hits]
    assert results.total == len(results.hits) and dates == sorted(dates, reverse=True)


def test_acronyms_expand_both_ways(index):
    short = index.search("MASH")
    assert any("multi-agency safeguarding hub" in h.text.lower() for h in short.hits[:10])
    long = index.search("local authority designated officer")
    assert any("LADO" in h.text and "Designated Officer" not in h.text for h in long.hits[:10])
    wt = index.search("WT23")
    assert any("Working Together 2023" in h.text and "WT23" not in h.text for h in wt.hits[:10])
    assert index.search("CP-IS").hits[0].text.count("Child Protection Information Sharing")


def test_a_period_is_found_however_it_is_written(index):
    # one index word per period named, in any of its written forms
    assert period_tokens("from 2013/2014, then 2024 - 25 and 2022-25; not 2013-19") == (
        "span201314 span202425 span202225"
    )
    results = index.search("What did the board do about neglect in 2013-14?")
    assert results.hits and all(h.period == "2013-14" or "2013" in h.text for h in results.hits[:3])
    assert "<mark" in results.hits[0].snippet


def test_a_period_typed_alone_finds_that_year_in_any_form(index):
    """ "2013/14" alone: the report of that year and passages naming it, ranked, not every entry."""
    names = re.compile(r"\b2013\s*[-/–]\s*(20)?14\b")
    forms = [index.search(form, pagelen=100) for form in ("2013-14", "2013/14", "2013 - 14", "2013–14", "2013-2014")]
    first = forms[0]
    assert 0 < first.total < index.search("safeguarding").total
    assert all(r.total == first.total and texts(r) == texts(first) for r in forms[1:])
    assert all(h.score > 0 and (h.period == "2013-14" or names.search(h.text)) for h in first.hits)
    assert all("2013-14" not in h.period for h in index.search("neglect -2013/14", pagelen=100).hits)
    assert {h.period for h in index.search("2013-14 kind:recommendation", pagelen=100).hits} == {"2013-14"}


def test_every_entry_naming_a_period_holds_its_index_word(corpus_config):
    names = re.compile(r"\b2013\s*[-/–]\s*(20)?14\b")
    build = current_build(index_root(corpus_config.data_dir))
    with whoosh_index.open_dir(str(build)).searcher() as searcher:
        holding = set(searcher.reader().postings("terms", "span201314").all_ids())
        naming = {d for d, f in searcher.reader().iter_docs() if names.search(f"{f['section']}\n{f['text']}")}
    assert naming and holding == naming


def test_postings_read_in_blocks_are_those_whoosh_reads(corpus_config):
    """The block reader decodes the codec's own arrays: it must give what Whoosh's matcher gives."""
    build = current_build(index_root(corpus_config.data_dir))
    with whoosh_index.open_dir(str(build)).searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():  # each segment, as the scorer reads them
            reader = leaf.reader()
            terms = [t.decode() if isinstance(t, bytes) else t for t in reader.lexicon("terms")]
            assert hasattr(reader.postings("terms", terms[0]), "_read_data")  # the block path is taken
            for fieldname in ("terms", "body", "kind"):
                for text in terms[:: max(1, len(terms) // 200)] if fieldname != "kind" else ["passage", "action"]:
                    matcher = reader.postings(fieldname, text)
                    expected_ids, expected_weights = [], []
                    while matcher.is_active():
                        expected_ids.append(matcher.id())
                        expected_weights.append(matcher.weight())
                        matcher.next()
                    ids, weights = scoring._read_postings(reader.postings(fieldname, text))
                    assert ids.tolist() == expected_ids, (fieldname, text)
                    assert np.allclose(weights, expected_weights), (fieldname, text)


def test_did_you_mean(index):
    results = index.search("negelct strategy")
    assert results.suggestion == "neglect strategy"
    assert index.search("neglect strategy").suggestion is None


def test_snippets_escape_text_and_mark_only_the_matches(index):
    results = index.search("Children's Services")
    snippet = next(h.snippet for h in results.hits if "'" in h.text or "&" in h.text)
    assert "<mark" in snippet
    stripped = re.sub(r'<mark class="hl term\d+">|</mark>', "", snippet)
    assert "<" not in stripped and ">" not in stripped
    amp = index.search("Q&E")
    assert amp.hits and all("&amp;" in h.snippet or "&" not in h.snippet for h in amp.hits)


def test_facets_count_every_match(index):
    results = index.search("neglect", pagelen=5)
    facets = {name: dict(values) for name, values in results.facets.items()}
    assert sum(facets["doc_type"].values()) == results.total
    for kind, count in facets["kind"].items():  # what filtering to that kind gives
        assert index.search(f"neglect kind:{kind}", pagelen=5).total == count, kind
    assert {"2013-14", "2024-25"} <= set(facets["period"])
    assert facets["themes"]["neglect"] > 0


def test_sorting_and_paging(index):
    first = index.search("training", pagelen=5, page=1)
    second = index.search("training", pagelen=5, page=2)
    assert first.pages > 2 and not {h.id for h in first.hits} & {h.id for h in second.hits}
    newest = index.search("training", sort="newest", pagelen=20)
    assert [h.date for h in newest.hits] == sorted((h.date for h in newest.hits), reverse=True)
    oldest = index.search("training", sort="oldest", pagelen=20)
    assert oldest.hits[0].period == "2013-14"


def test_more_like_this(index):
    source = index.search('"Missing Children Action Plan"').hits[0]
    similar = index.more_like_this(source.id)
    assert similar and source.id not in {h.id for h in similar}
    assert any("missing" in h.text.lower() for h in similar)


def test_query_set_recall_at_10(index, corpus_store):
    queries = load_queries(DATA / KEYWORD_SET)
    assert len(queries) >= 30
    names = {d.id: d.file for d in corpus_store.documents(alternates=True)}
    assert_answers_in_documents(queries, corpus_store)
    scores = summary(evaluate(lambda text: index.search(text, pagelen=10), queries, names))
    assert scores["recall@10"] >= 0.9 and scores["mrr"] >= 0.5


def test_search_command_jsonl(corpus_config):
    result = CliRunner().invoke(
        main,
        [
            "--data-dir",
            str(corpus_config.data_dir),
            "search",
            "training",
            "--kind",
            "recommendation",
            "--year",
            "2013..2025",
            "--limit",
            "3",
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3
    for row in rows:
        assert {"doc", "period", "section", "page", "kind", "text", "snippet", "score"} <= set(row)
        assert row["kind"] == "recommendation"
    evaluated = CliRunner().invoke(main, ["--data-dir", str(corpus_config.data_dir), "eval", "search"])
    assert evaluated.exit_code == 0 and "recall@10" in evaluated.stdout
    for name in (*QUESTION_SETS, KEYWORD_SET, *UNANSWERABLE_SETS):
        assert name in evaluated.stdout  # key words and every question set, each on its own line
    assert "right among clear" in evaluated.stdout
    # a question's answer goes to stderr with how sure it is; stdout keeps one hit per line
    for question, said in ((QUESTION, "answer: "), (OFF_TOPIC, "no clear answer; the closest passage: ")):
        command = ["--data-dir", str(corpus_config.data_dir), "search", question, "--format", "jsonl"]
        asked = CliRunner().invoke(main, command)
        assert asked.exit_code == 0 and said in asked.stderr
        assert all(json.loads(line)["doc"] for line in asked.stdout.splitlines())


def test_index_follows_the_store(tmp_path, small_corpus):
    config = make_config(tmp_path / "data", small_corpus)
    kb = KnowledgeBase(config)
    report = kb.update()
    assert report.index.rebuilt
    index = SearchIndex(config.data_dir)
    gone = index.search('"Wellbeing Ambassadors"').hits[0].doc_id
    assert kb.update().index.updated == 0  # unchanged: nothing re-indexed
    (small_corpus / "hscp-annual-report-2020-21.docx").unlink()
    pruned = kb.update(prune=True)
    assert pruned.index.removed == 1
    assert index.search('"Wellbeing Ambassadors"').total == 0
    assert not [h for h in index.search("safeguarding", pagelen=100).hits if h.doc_id == gone]
    assert index.search("Multi-Agency Safeguarding Arrangements").total


def test_each_build_keeps_its_catalogue_and_search_is_the_same_without_it(tmp_path, small_corpus, monkeypatch):
    """The per-entry arrays written with a build are those its index holds, an update's new
    build gets its own (the older build's file, hard-linked, is left as it was), and a build
    whose file is gone or belongs to another build is searched the same way."""
    config = make_config(tmp_path / "data", small_corpus)
    kb = KnowledgeBase(config)
    kb.update()
    root = index_root(config.data_dir)
    first = current_build(root)
    first_file = (first / catalogue.CATALOGUE).read_bytes()
    question = "What did the board do about neglect?"

    def answers(results):
        return [(h.id, h.score, [t["item_id"] for t in h.tagged]) for h in results.hits]

    expected = answers(SearchIndex(config.data_dir).search(question))
    (small_corpus / "hscp-annual-report-2020-21.docx").unlink()
    assert kb.update(prune=True).index.removed == 1  # a new build, from hard links to the first
    second = current_build(root)
    assert second != first and (first / catalogue.CATALOGUE).read_bytes() == first_file
    for build in (first, second):
        with whoosh_index.open_dir(str(build)).reader() as reader:
            fresh, stored = catalogue.compute(reader), catalogue.load(build, reader)
            assert len(stored.item_docs) and (stored.holders >= 0).any()
            for name in catalogue.Catalogue.__dataclass_fields__:
                assert np.array_equal(getattr(stored, name), getattr(fresh, name)), name
    worked_out = []
    compute = catalogue.compute
    monkeypatch.setattr(catalogue, "compute", lambda reader: worked_out.append(1) or compute(reader))
    now = answers(SearchIndex(config.data_dir).search(question))
    assert now and now != expected and not worked_out  # read from the file; the removed entries are gone
    (second / catalogue.CATALOGUE).unlink()
    assert answers(SearchIndex(config.data_dir).search(question)) == now and len(worked_out) == 1
    shutil.copy(first / catalogue.CATALOGUE, second / catalogue.CATALOGUE)  # another build's: not used
    assert answers(SearchIndex(config.data_dir).search(question)) == now and len(worked_out) == 2


def test_reindex_rebuilds_and_a_crash_leaves_the_old_index_searchable(tmp_path, small_corpus, monkeypatch):
    config = make_config(tmp_path / "data", small_corpus)
    kb = KnowledgeBase(config)
    kb.update()
    before = current_build(index_root(config.data_dir))
    index = SearchIndex(config.data_dir)
    total = index.search("safeguarding").total

    import index.indexer as indexer

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(indexer, "write_entries", crash)
    with pytest.raises(KeyboardInterrupt):
        sync(kb.store, config.data_dir, rebuild=True)
    assert current_build(index_root(config.data_dir)) == before
    assert index.search("safeguarding").total == total
    assert current_build(index_root(config.data_dir)) == before  # the half-built one is gone
    assert len(list(index_root(config.data_dir).glob("build-*"))) == 1
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["--data-dir", str(config.data_dir), "reindex"])
    assert result.exit_code == 0 and "rebuilt" in result.stdout
    assert current_build(index_root(config.data_dir)) != before
    assert index.search("safeguarding").total == total


def test_a_schema_version_change_triggers_a_rebuild(tmp_path, small_corpus, monkeypatch):
    config = make_config(tmp_path / "data", small_corpus)
    kb = KnowledgeBase(config)
    kb.update()
    import index.indexer as indexer

    monkeypatch.setattr(indexer, "SCHEMA_VERSION", indexer.SCHEMA_VERSION + 1)
    assert current_build(index_root(config.data_dir)) is None
    assert sync(kb.store, config.data_dir).rebuilt


def test_a_new_cut_of_passages_rebuilds_the_index_and_remakes_the_links(tmp_path, small_corpus, monkeypatch):
    """Passages are what both search and linking rank: after an upgrade that cuts them
    differently, the next update must not keep serving the old cut."""
    config = make_config(tmp_path / "data", small_corpus)
    kb = KnowledgeBase(config)
    kb.update()
    import index.indexer as indexer
    import linking.signals as signals

    monkeypatch.setattr(indexer, "passages_version", lambda: "a-new-cut")
    monkeypatch.setattr(signals, "passages_version", lambda: "a-new-cut")
    signals.rules_version.cache_clear()
    try:
        assert current_build(index_root(config.data_dir)) is None
        report = kb.update()
        assert report.count("unchanged") == 2
        assert report.index is not None and report.index.rebuilt
        assert report.links is not None  # relinked, though no document changed
    finally:
        monkeypatch.undo()
        signals.rules_version.cache_clear()


def test_cli_filters_merge_with_the_query(corpus_config):
    parsed = parse_query('neglect kind:"priority"', Filters(doc_types={"annual_report"}))
    assert parsed.filters.kinds == {"priority"} and parsed.filters.doc_types == {"annual_report"}


def test_a_reader_keeps_its_build_while_an_update_publishes_a_new_one(tmp_path, small_corpus):
    config = make_config(tmp_path / "data", small_corpus)
    kb = KnowledgeBase(config)
    kb.update()
    reader = SearchIndex(config.data_dir)
    searcher, _ = reader._searcher()
    held = searcher.reader()
    shutil.copy(CORPUS / "cyp-scrutiny-committee-minutes-2025-01-21.pdf", small_corpus)
    kb.update()
    # the old build is still readable through what the reader opened, and new searches see the new one
    assert sum(1 for _ in held.all_doc_ids()) > 0 and list(held.lexicon("doc_id"))
    assert reader.search('"care leavers"').total > 0


def test_threads_sharing_one_index_get_the_same_answers(corpus_config):
    from concurrent.futures import ThreadPoolExecutor

    queries = [q["query"] for q in load_queries(DATA / KEYWORD_SET)] * 3
    fresh = SearchIndex(corpus_config.data_dir)  # cold caches: the threads fill them together
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda q: [h.id for h in fresh.search(q).hits], queries))
    alone = SearchIndex(corpus_config.data_dir)
    assert together == [[h.id for h in alone.search(q).hits] for q in queries]


# -- questions, the thesaurus, the semantic signal and the answer ----------------------------
QUESTION = "Did the partnership overspend last year?"
OFF_TOPIC = "Which football team won the league?"


@pytest.mark.parametrize(
    "text,question",
    [
        ("How many kids were on protection plans at the end of March 2021?", True),
        ("Is the joint training free?", True),
        ("Babies sleeping in their parents' bed", True),  # many words
        ("early help to prevent children entering child protection", True),
        ("private fostering", False),
        ("MASH referrals?", False),  # too short to be a question
        ("voice of the child", False),
        ('"the committee asked if further updates on case management"', False),  # one quoted phrase
        ("How many kids were on protection plans AND neglect", False),  # an operator: exactly as typed
        ("what about -neglect in schools and health visiting", False),
        ("kind:recommendation year:2013..2021 neglect training", False),  # filters are not words
    ],
)
def test_questions_are_recognised(text, question):
    assert is_question(text) is question
    assert parse_query(text).question is question


def test_a_question_is_ranked_over_all_its_words_none_required(index):
    text = "How many children were strip searched by the police, and were they from ethnic minorities?"
    results = index.search(text)
    assert results.question and results.notes[0].startswith("Read as a question")
    assert not any("No passage has all" in n for n in results.notes)
    found = [normalise(h.text) for h in results.hits]
    # entries with only some of the words are ranked too, and the answers are on the first page
    assert any("police" not in t for t in found) and any("ethnic" not in t for t in found)
    assert any("recorded to have taken place for 3 children" in t for t in found)
    assert any("all are from black and minoritised ethnic backgrounds" in t for t in found)


def test_key_words_keep_requiring_every_word(index):
    results = index.search("neglect strategy")
    assert not results.question and results.answer is None and results.total
    # every word, or a synonym of it from the thesaurus; everyday words ("plan") are for questions
    neglect = ("neglect", "poor home conditions", "not looked after properly")
    assert all(any(n in h.text.lower() for n in neglect) and "strateg" in h.text.lower() for h in results.hits)
    assert "plan" not in results.also and "plan" in parse_query("What is the neglect strategy for?").also
    # a handful found together: they come first, entries with some of the words after them
    mace = index.search("MACE meetings")
    together = [h for h in mace.hits if "meeting" in h.text.lower() and "MACE" in h.text]
    assert together and mace.hits[: len(together)] == together
    assert any("Only" in n for n in mace.notes) and len(mace.hits) > len(together)


def test_key_word_recall_stays_at_least_0_974(index, corpus_store):
    # the figure issue 16 asked to keep (README: Search)
    names = {d.id: d.file for d in corpus_store.documents(alternates=True)}
    queries = load_queries(DATA / KEYWORD_SET)
    assert summary(evaluate(lambda text: index.search(text, pagelen=10), queries, names))["recall@10"] >= 0.974


def test_a_matching_recommendation_lifts_the_long_passage_it_is_in(index):
    # the 2024-25 scrutineer's list of recommendations runs to 200 words; one of them is about the
    # voice of the child, and the list ranks where that recommendation alone would
    alone = index.search("kind:recommendation voice of the child", pagelen=20)
    wanted = "capturing the voice of the child"
    items = {h.item_id: h.score for h in alone.hits if wanted in normalise(h.text)}
    assert len(items) == 2  # said twice in the report: in its chapter and in an appendix
    listed = index.search("voice of the child", pagelen=10)
    holding = [h for h in listed.hits if set(items) & {t["item_id"] for t in h.tagged}]
    assert len(holding) == 2, "both lists are in the first ten"
    for hit in holding:
        (item_id,) = set(items) & {t["item_id"] for t in hit.tagged}
        assert len(hit.text.split()) > 150 and hit.score == items[item_id]
        assert [t["matched"] for t in hit.tagged if t["item_id"] == item_id] == [True]
        assert not any(t["matched"] for t in hit.tagged if "pace of improvement" in t["text"])  # words not asked for
    assert not set(items) & {h.item_id for h in listed.hits}  # shown within the passage, not again


def test_the_thesaurus_works_both_ways_is_shown_and_weighs_less_than_the_words_typed(index):
    care = index.search("children in care", pagelen=50)
    assert "looked after children" in care.also
    assert any(n.startswith("Also searched for: ") and "looked after children" in n for n in care.notes)
    typed = [i for i, h in enumerate(care.hits) if "children in care" in normalise(h.text)]
    other = [i for i, h in enumerate(care.hits) if "looked after" in normalise(h.text) and i not in typed]
    assert typed and other and min(typed) < min(other)  # the words typed first, then the synonym's
    looked_after = index.search("looked after children", pagelen=60)
    assert "children in care" in looked_after.also
    synonym = [i for i, h in enumerate(looked_after.hits) if "children in care" in normalise(h.text)]
    assert synonym and "looked after" in normalise(looked_after.hits[0].text)
    lado = index.search("allegations against staff")
    assert any("LADO" in h.text for h in lado.hits[:10]) and "LADO" in lado.also
    assert not index.search('"domestic violence"').also  # a quoted phrase is taken as it is
    assert not index.search("neglect AND audit").also  # so is a query with operators


def test_an_ambiguous_abbreviation_in_lower_case_is_the_everyday_word():
    assert "EHCP" in parse_query("SEND support").also
    for typed in ("send", "the school sends the form"):
        assert "EHCP" not in parse_query(typed).also, typed


def test_a_passage_shows_its_tagged_items_and_every_page_of_results_is_full(index):
    results = index.search("neglect strategy", pagelen=10)
    holding = [h for h in results.hits if h.kind == "passage" and h.tagged]
    assert holding, "a passage holding tagged items lists them"
    shown_inside = {t["item_id"] for h in holding for t in h.tagged}
    assert not shown_inside & {h.item_id for h in results.hits if h.item_id}  # not again on their own
    first = index.search("safeguarding", pagelen=10)
    seen = [h.id for p in range(1, first.pages + 1) for h in index.search("safeguarding", page=p, pagelen=10).hits]
    assert len(seen) == len(set(seen)) == first.total  # the count is what the pages hold
    question = "How are children in care kept safe?"
    first = index.search(question, pagelen=10)
    seen = [h.id for p in range(1, first.pages + 1) for h in index.search(question, page=p, pagelen=10).hits]
    assert len(seen) == len(set(seen)) and first.total - len(seen) < 10  # repeated headings left out


def test_thesaurus_data_keeps_each_member_meaningful():
    groups = thesaurus().groups
    assert len(groups) >= 100
    seen: dict[str, int] = {}
    for number, group in enumerate(groups):
        assert len(group.members) >= 2, group.members
        for member in group.members:
            if len(member.split()) > 1:  # stop words must not shrink a phrase to one common word
                assert len(stems(member)) >= 2 or member.isupper(), member
        for member in group.words:
            assert seen.setdefault(member, number) == number, (member, group.members)  # one meaning


def test_questions_read_at_once_by_fresh_threads_all_parse():
    """A server's threads may each load the thesaurus on their first request (the cache does
    not stop two loads at once): a question parsed against one copy must still find its groups
    (a KeyError in the web bench, while writing, before the groups carried their numbers)."""
    question = "What is done about allegations against staff and children in care?"
    expected = str(parse_query(question).query)

    def parse_together(threads: int) -> tuple[list[str], list[BaseException]]:
        start = threading.Barrier(threads)
        parsed: list[str] = []
        failures: list[BaseException] = []

        def parse() -> None:
            start.wait()
            try:
                parsed.append(str(parse_query(question).query))
            except BaseException as e:  # reported below, with the others
                failures.append(e)

        running = [threading.Thread(target=parse) for _ in range(threads)]
        for t in running:
            t.start()
        for t in running:
            t.join()
        return parsed, failures

    for _ in range(10):
        thesaurus.cache_clear()
        parsed, failures = parse_together(6)
        assert not failures and parsed == [expected] * 6


def test_the_answer_comes_first_with_its_place_and_tagged_items(index):
    results = index.search(QUESTION)
    answer = results.answer
    assert answer is not None and answer.passage.kind == "passage"
    assert "underspent by" in answer.passage.text and answer.year == "2024-25"
    assert answer.passage.page == 38 and "Funding" in answer.passage.section
    # the whole passage, escaped, with the question's words marked
    assert "<mark" in answer.passage.snippet
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", answer.passage.snippet)) == answer.passage.text
    # an answer lists the items tagged inside its passage
    plans = index.search("What will the partnership focus on in 2025-26?").answer
    assert plans is not None and plans.items
    assert all(plans.passage.block_seq <= i.block_seq <= plans.passage.last_seq for i in plans.items)
    assert {i.kind for i in plans.items} <= {"recommendation", "priority", "action"}
    assert index.search("private fostering").answer is None
    assert index.search(QUESTION, page=2).answer is None


def test_the_mission_question_is_answered_by_what_happened_not_by_a_box_title(index):
    """ "What did we recommend in 2014 about the voice of the child, and what happened to it?"
    The 2013-14 report answers it in a box titled "Voice of the Child"; the title alone was
    once the answer."""
    answer = index.search("What did we recommend in 2014 about the voice of the child, and what happened to it?").answer
    assert answer is not None and answer.year == "2013-14"
    assert answer.passage.text.startswith("Voice of the Child\n")
    assert "has not progressed as expected" in answer.passage.text


def test_the_answer_in_the_page_and_the_api(corpus_config):
    from webapp import create_app

    client = create_app(corpus_config, testing=True).test_client()
    data = client.get("/api/search", query_string={"q": QUESTION}).get_json()
    assert data["question"] is True and data["answer"]["year"] == "2024-25"
    assert {"doc", "doc_title", "section", "page", "text", "snippet", "items"} <= set(data["answer"])
    assert data["notes"][0].startswith("Read as a question")
    key_words = client.get("/api/search", query_string={"q": "private fostering"}).get_json()
    assert key_words["question"] is False and key_words["answer"] is None
    page = client.get("/search", query_string={"q": QUESTION}).get_data(as_text=True)
    assert "Best answer in the documents" in page and "Read as a question" in page
    assert page.index("Best answer") < page.index('id="results-heading"')
    hostile = client.get("/search", query_string={"q": "<script>alert(1)</script> what is the budget?"})
    assert hostile.status_code == 200 and "<script>alert" not in hostile.get_data(as_text=True)
    assert "Best answer" not in client.get("/search", query_string={"q": "neglect"}).get_data(as_text=True)
    # a question the documents do not answer: its closest passage, said not to be an answer
    assert data["answer"]["clear"] is True and data["answer"]["coverage"] > 0.5
    off_topic = client.get("/api/search", query_string={"q": OFF_TOPIC}).get_json()["answer"]
    assert off_topic["clear"] is False and off_topic["coverage"] < 0.5 and off_topic["similarity"] < 0.3
    page = client.get("/search", query_string={"q": OFF_TOPIC}).get_data(as_text=True)
    assert "No clear answer in the documents" in page and "Best answer" not in page
    assert "may not answer it" in page


def test_questions_the_documents_do_not_answer_are_rarely_shown_a_clear_answer(index, corpus_store):
    """The closest passage to a question on something the documents never discuss (another
    county, vaping, the weather) is not presented as its answer, while most right answers to
    the dev questions are. Both sets are the ones the thresholds were chosen on; the unseen
    ones are reported by `sgkb eval search`."""
    names = {d.id: d.file for d in corpus_store.documents(alternates=True)}
    search = lambda text: index.search(text, pagelen=10)
    unanswerable = load_queries(DATA / UNANSWERABLE_SETS[0])
    assert len(unanswerable) >= 25 and not any("expected" in q for q in unanswerable)
    off = answer_summary(evaluate_answers(search, unanswerable, names))
    assert off["called clear"] <= 0.1
    dev = answer_summary(evaluate_answers(search, load_queries(DATA / "search_questions_dev.jsonl"), names))
    assert dev["right kept clear"] >= 0.75 and dev["right among clear"] > dev["right among shown"]


def test_an_answer_is_clear_only_when_the_question_is_met_word_for_word(corpus_config):
    """Without the semantic signal the words decide alone: "asylum-seeking children" is not met
    by a passage about children, and a `title:` every match meets does not count as a word."""
    words_only = SearchIndex(corpus_config.data_dir, semantic_signal=False)
    asylum = words_only.search("How are unaccompanied asylum-seeking children supported?").answer
    assert asylum is not None and not asylum.clear and asylum.coverage < 0.5 and asylum.similarity is None
    assert "children" in asylum.passage.text.lower() and "asylum" not in asylum.passage.text.lower()
    in_title = words_only.search("Which football team won the league? title:report").answer
    assert in_title is not None and not in_title.clear and in_title.coverage < 0.5
    funding = words_only.search(QUESTION + " title:report").answer
    assert funding is not None and funding.clear and "underspent by" in funding.passage.text


@pytest.mark.parametrize("name", UNANSWERABLE_SETS)
def test_unanswerable_questions_are_written_as_questions_with_what_was_checked(name):
    questions = load_queries(DATA / name)
    assert len(questions) >= 25
    for q in questions:
        assert q["query"].strip() and q["kind"] in {"off-topic", "uncovered-topic", "elsewhere"} and q["checked"]


def test_the_semantic_signal_can_be_turned_off_and_changes_the_ranking(corpus_config):
    on = SearchIndex(corpus_config.data_dir, semantic_signal=True)
    off = SearchIndex(corpus_config.data_dir, semantic_signal=False)
    questions = [q["query"] for q in load_queries(DATA / "search_questions_dev.jsonl")][:12]
    with_signal = [on.search(q) for q in questions]
    without = [off.search(q) for q in questions]
    assert all(r.semantic for r in with_signal) and not any(r.semantic for r in without)
    assert [[h.id for h in r.hits] for r in with_signal] != [[h.id for h in r.hits] for r in without]
    assert not on.search("private fostering").semantic  # key words are ranked by their words alone
    # the vectors were made when the index was built, and stored with it
    build = current_build(index_root(corpus_config.data_dir))
    info = json.loads((build / "vectors.json").read_text())
    assert info["model"].startswith("wordllama") and info["rows"] > 1000


def test_the_model_is_read_from_its_package_and_nothing_is_downloaded(corpus_config, monkeypatch):
    import socket

    import index.semantic as semantic

    def no_network(*args, **kwargs):
        raise AssertionError("search tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    semantic.embedder.cache_clear()
    try:
        model = semantic.embedder()
        assert model is not None and model.embed(["children in care"]).shape == (1, model.dim)
        assert SearchIndex(corpus_config.data_dir).search(QUESTION).semantic
    finally:
        semantic.embedder.cache_clear()
    # and a fresh process with the network variables pointing nowhere
    script = "from index.semantic import embedder; m = embedder(); print(m.name, m.embed(['kids']).shape)"
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "HOME": str(corpus_config.data_dir / "empty-home"),
    }
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "wordllama" in done.stdout, done.stderr
    assert not (corpus_config.data_dir / "empty-home" / ".cache").exists()


def test_questions_after_an_incremental_update_still_use_the_vectors(tmp_path, small_corpus):
    config = make_config(tmp_path / "data", small_corpus)
    kb = KnowledgeBase(config)
    kb.update()
    shutil.copy(CORPUS / "cyp-scrutiny-committee-minutes-2025-01-21.pdf", small_corpus)
    (small_corpus / "hscp-annual-report-2020-21.docx").unlink()
    report = kb.update(prune=True)
    assert report.index.updated == 1 and report.index.removed == 1
    results = SearchIndex(config.data_dir).search("Is the partnership's funding secure?")
    assert results.semantic and "the budget for the partnership remained secure" in normalise(results.hits[0].text)


@pytest.mark.parametrize("name", QUESTION_SETS)
def test_every_question_set_is_answered_by_its_documents(corpus_store, name):
    """Each set holds at least 40 questions, and every passage said to answer one really is in
    its document (a change to how documents are read must not quietly empty a set)."""
    questions = load_queries(DATA / name)
    assert len(questions) >= 40 and all(q["kind"] == "question" and q["expected"] for q in questions)
    assert_answers_in_documents(questions, corpus_store)


def test_question_sets_recall(index, corpus_store):
    """The dev questions (used to build the thesaurus and tune the ranking); the test set is
    reported by `sgkb eval search`, never used to change anything."""
    names = {d.id: d.file for d in corpus_store.documents(alternates=True)}
    questions = load_queries(DATA / "search_questions_dev.jsonl")
    assert len(questions) >= 60
    scores = summary(evaluate(lambda text: index.search(text, pagelen=10), questions, names))
    assert scores["recall@10"] >= 0.8 and scores["mrr"] >= 0.5


def test_sentence_vectors_follow_the_model_and_the_setting(corpus_config, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    store = KnowledgeBase(corpus_config.with_overrides(data_dir=data)).store
    build = current_build(index_root(data))
    info = json.loads((build / "vectors.json").read_text(encoding="utf-8"))
    (build / "vectors.json").write_text(json.dumps({**info, "model": "another-model/64"}), encoding="utf-8")
    report = sync(store, data)  # nothing changed but the model: every entry's rows are made again
    assert report.rebuilt
    fresh = current_build(index_root(data))
    assert json.loads((fresh / "vectors.json").read_text(encoding="utf-8"))["model"] == info["model"]
    assert sync(store, data, rebuild=True, sentence_vectors=False).rebuilt
    assert not (current_build(index_root(data)) / "vectors.npy").exists()  # `semantic: false` embeds nothing


def test_loading_the_model_leaves_logging_as_it_was():
    code = (
        "import logging; from index.semantic import Embedder; Embedder(); "
        "print(logging.getLogger().level, len(logging.getLogger().handlers))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["30", "0"]
