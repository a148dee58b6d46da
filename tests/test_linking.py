"""Linking on the real corpus: evidence, status signals, overdue, clerks' decisions and their audit trail."""
from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner

from conftest import CORPUS, DATA, make_config
from index.search import SearchIndex
from ingest.pipeline import ingest
from linking.evaluate import evaluate, load_gold
from linking.signals import status_signal
from linking.status import DecisionError, decide, due_end, load_statuses
from sgkb.cli import main
from sgkb.store import Store

REPORT = "hscp-yearly-report-2024-25.pdf"
TODAY = date(2025, 10, 1)


def statuses(store, today=TODAY):
    return load_statuses(store, today)


def find(rows, start):
    return next((item, doc, st) for item, doc, st in rows if item.text.startswith(start))


@pytest.mark.parametrize("text,signal", [
    ("The policy was reviewed and re-launched.", "implemented"),
    ("This has been completed.", "implemented"),
    ("The review is underway.", "in_progress"),
    ("Work continues to embed the approach.", "in_progress"),
    ("It is planned to be completed September 2025.", "in_progress"),
    ("This was not completed due to challenges.", "not_implemented"),
    ("The plan has not been completed.", "not_implemented"),
    ("The dataset has been delayed.", "not_implemented"),
    ("Evidencing impact remains a challenge.", "not_implemented"),
    ("This will now form part of the multi-agency dataset.", "superseded"),
    ("It was replaced by the new strategy.", "superseded"),
    ("While the pathway was defined and published, this is an ongoing area for development.", "in_progress"),
    ("The WT23 plan was completed apart from the levels of need policy.", "in_progress"),
    ("Partners met in May.", None),
])
def test_status_signal_reads_the_headline_with_negation(text, signal):
    assert status_signal(text)[0] == signal


@pytest.mark.parametrize("due,end", [("2025-09", date(2025, 9, 30)), ("2025-03-31", date(2025, 3, 31)),
                                     ("2024-25", date(2025, 3, 31)), ("2021-24", date(2024, 3, 31)),
                                     ("2025", date(2025, 12, 31)), (None, None), ("soon", None)])
def test_due_dates_end_where_expected(due, end):
    assert due_end(due) == end


def test_eval_links_meets_the_targets(corpus_config, corpus_store):
    rows = statuses(corpus_store)
    names = {d["id"]: d["path"].rsplit("/", 1)[-1] for d in corpus_store.documents(include_duplicates=True)}
    scores = evaluate(load_gold(DATA / "gold_links.jsonl"), rows, names).summary()
    assert scores["items"] >= 20
    assert scores["evidence recall@5"] >= 0.85
    assert scores["status accuracy"] >= 0.8
    assert scores["implemented for not_implemented"] == 0
    result = CliRunner().invoke(main, ["--data-dir", str(corpus_config.data_dir), "eval", "links"])
    assert result.exit_code == 0 and "evidence recall@5" in result.stdout


def test_evidence_comes_from_later_documents_with_reasons(corpus_store):
    rows = statuses(corpus_store)
    item, doc, st = find(rows, "HSCB highlighted the need to increase the level of use of the voice of the child")
    dates = {d["id"]: d["date"] for d in corpus_store.documents()}
    assert st.evidence and all(dates[e["doc_id"]] > doc["date"] for e in st.evidence)
    assert all(e["why"] and e["score"] > 0 for e in st.evidence)
    assert any("key words" in " ".join(e["why"]) for e in st.evidence)
    # a priority in a "priority | end of year update" row is followed up by the row's update column
    row_item, _, row_status = find(rows, "12. Review and re-launch the Right Help, Right Time")
    update = next(e for e in row_status.evidence if "End of Year Update" in e["why"][0])
    assert update["text"].startswith("This was not completed") and row_status.status == "not_implemented"


def test_no_evidence_is_a_neutral_status_and_minutes_do_not_follow_themselves(corpus_store):
    rows = statuses(corpus_store)
    neutral = [st for _, _, st in rows if not st.evidence]
    assert neutral and all(st.status == "no_evidence" for st in neutral)
    for item, doc, st in rows:
        if doc["type"] == "minutes":
            assert all(e["doc_id"] != item.doc_id for e in st.evidence)


def test_overdue_is_judged_against_a_fixed_today(corpus_store):
    before = find(statuses(corpus_store, date(2025, 3, 1)), "9. Implement the HSCP Child Neglect Strategy")[2]
    after = find(statuses(corpus_store, date(2025, 10, 1)), "9. Implement the HSCP Child Neglect Strategy")[2]
    assert before.status == after.status == "in_progress"
    assert not before.overdue and after.overdue and after.due_by == date(2025, 3, 31)
    done = find(statuses(corpus_store, date(2030, 1, 1)), "11. Review and re-launch the Multi-Agency")[2]
    assert done.status == "implemented" and not done.overdue


def test_related_items_chain_across_years(corpus_store):
    items = {i.id: i for i in corpus_store.items()}
    neglect = next(i for i in items.values() if i.text.startswith("Priority 2: Neglect."))
    later = [items[r["related_id"]] for r in corpus_store.related(neglect.id)]
    assert any("neglect" in i.text.lower() and i.period == "2024-25" for i in later)


@pytest.fixture
def two_documents(tmp_path):
    """A writable store with the 2020-21 report only (the 2024-25 report is added by the test)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / "hscp-annual-report-2020-21.docx", folder)
    config = make_config(tmp_path / "data", folder, today="2025-10-01")
    assert not ingest(config).failed
    return config, folder


def test_decisions_survive_reingest_and_a_new_document_changes_only_the_machine_status(two_documents):
    config, folder = two_documents
    with Store(config.db_path) as store:
        rows = statuses(store)
        neglect = find(rows, "Priority 2: Neglect.")
        rhrt = find(rows, "Priority 3: Right Help, Right Time.")
        assert neglect[2].status == "no_evidence"
        decide(store, rhrt[0].id, "clerk.jones", "Confirmed at the March board", status="implemented")
    ingest(config)                        # unchanged: nothing re-read, the decision stays
    ingest(config, rebuild=True)          # a rebuilt store carries the audit trail over
    shutil.copy(CORPUS / REPORT, folder)  # a later report arrives
    assert not ingest(config).failed
    with Store(config.db_path) as store:
        rows = statuses(store)
        assert find(rows, "Priority 2: Neglect.")[2].status == "in_progress"     # the machine moved
        decided = find(rows, "Priority 3: Right Help, Right Time.")[2]
        assert decided.status == "implemented" and decided.source == "clerk"     # the clerk did not
        assert decided.decided_by == "clerk.jones" and decided.note == "Confirmed at the March board"
        assert decided.machine_status != "no_evidence"
        assert len(store.decisions(rhrt[0].id)) == 1


def test_the_audit_trail_is_append_only_and_the_latest_decision_wins(two_documents):
    config, _ = two_documents
    with Store(config.db_path) as store:
        item = find(statuses(store), "Priority 2: Neglect.")[0]
        decide(store, item.id, "a.clerk", "first look", status="in_progress")
        decide(store, item.id, "b.clerk", "board minutes say done", status="implemented")
        trail = store.decisions(item.id)
        assert [(d["user"], d["value"]) for d in trail] == [("a.clerk", "in_progress"), ("b.clerk", "implemented")]
        assert find(statuses(store), "Priority 2: Neglect.")[2].status == "implemented"
        with pytest.raises(sqlite3.DatabaseError, match="audit trail"):
            store.db.execute("UPDATE decisions SET value = 'no_evidence'")
        with pytest.raises(sqlite3.DatabaseError, match="audit trail"):
            store.db.execute("DELETE FROM decisions")
        for bad in ({"status": "done"}, {"confirm": "nope"}, {}):
            with pytest.raises(DecisionError):
                decide(store, item.id, "a.clerk", "", **bad)
        with pytest.raises(DecisionError):
            decide(store, "no-such-item", "a.clerk", "", status="implemented")
        with pytest.raises(DecisionError):
            decide(store, item.id, " ", "", status="implemented")


def test_rejected_evidence_no_longer_sets_the_machine_status(corpus_config, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    with Store(data / "sgkb.sqlite3") as store:
        item, _, st = find(statuses(store), "12. Review and re-launch the Right Help, Right Time")
        update = next(e for e in st.evidence if e["signal"] == "not_implemented")
        decide(store, item.id, "a.clerk", "this row is about last year's plan", reject=update["id"])
        after = find(statuses(store), "12. Review and re-launch the Right Help, Right Time")[2]
        assert next(e for e in after.evidence if e["id"] == update["id"])["decision"] == "rejected"
        assert after.machine_status != "not_implemented" or any(
            e["signal"] == "not_implemented" and e["decision"] is None for e in after.evidence)


def test_links_status_and_decide_commands(corpus_config, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    run = CliRunner().invoke
    lines = run(main, ["--data-dir", str(data), "links", "--format", "jsonl", "--today", "2025-10-01"]).stdout
    records = [json.loads(line) for line in lines.splitlines()]
    record = next(r for r in records if r["text"].startswith("9. Implement the HSCP Child Neglect Strategy"))
    assert {"item_id", "status", "status_source", "overdue", "evidence"} <= set(record)
    assert record["overdue"] is True and record["status_source"] == "machine"
    assert {"doc", "period", "section", "page", "text", "score", "signal", "why"} <= set(record["evidence"][0])
    evidence_id = record["evidence"][0]["id"]
    done = run(main, ["--data-dir", str(data), "decide", record["item_id"], "--status", "implemented",
                      "--note", "Strategy signed off", "--user", "clerk.jones", "--confirm-evidence", evidence_id])
    assert done.exit_code == 0, done.output
    assert done.stdout.count("recorded #") == 2
    one = json.loads(run(main, ["--data-dir", str(data), "links", "--item", record["item_id"], "--format", "jsonl",
                                "--today", "2025-10-01"]).stdout)
    assert one["status"] == "implemented" and one["status_source"] == "clerk" and one["overdue"] is False
    assert one["decided_by"] == "clerk.jones"
    assert next(e for e in one["evidence"] if e["id"] == evidence_id)["decision"] == "confirmed"
    refused = run(main, ["--data-dir", str(data), "decide", record["item_id"], "--status", "finished", "--user", "x"])
    assert refused.exit_code != 0 and "unknown status" in refused.output
    paper = run(main, ["--data-dir", str(data), "status", "--format", "csv", "--today", "2025-10-01"]).stdout
    header, *rows = paper.splitlines()
    assert header == "period,document,made_by,kind,text,status,source,latest_evidence,overdue"
    assert any("Strategy" in r and "implemented" in r and ",clerk," in r for r in rows)
    by_theme = run(main, ["--data-dir", str(data), "status", "--by", "theme"]).stdout
    assert "neglect" in by_theme and "no evidence" in by_theme


def test_statuses_are_searchable_and_follow_decisions(corpus_config, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    index = SearchIndex(data)
    missed = index.search("status:not_implemented", pagelen=50)
    assert missed.total and {h.status for h in missed.hits} == {"not_implemented"}
    target = next(h for h in missed.hits if h.text.startswith("12. Review and re-launch"))
    result = CliRunner().invoke(main, ["--data-dir", str(data), "decide", target.item_id, "--status", "in_progress",
                                       "--note", "Review underway in Q1", "--user", "clerk.jones"])
    assert result.exit_code == 0, result.output
    assert target.item_id not in {h.item_id for h in index.search("status:not_implemented", pagelen=50).hits}
    assert target.item_id in {h.item_id for h in index.search("status:in_progress kind:priority", pagelen=100).hits}
    facets = dict(index.search("kind:priority").facets["status"])
    assert facets.get("in_progress", 0) > 0
