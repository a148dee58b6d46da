"""Linking on the real corpus: evidence, status signals, overdue, clerks' decisions and their audit trail."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner
from conftest import CORPUS, make_config

from cli.main import main
from core.decisions import DecisionError
from core.model import DocumentType, Status
from core.periods import due_end
from linking.signals import status_signal
from sgkb.service import KnowledgeBase

REPORT = "hscp-yearly-report-2024-25.pdf"
TODAY = date(2025, 10, 1)


def find(kb, start, today=TODAY):
    return next(r for r in kb.status_rows(today) if r.item.text.startswith(start))


@pytest.mark.parametrize(
    "text,signal",
    [
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
    ],
)
def test_status_signal_reads_the_headline_with_negation(text, signal):
    found = status_signal(text)[0]
    assert (found.value if found else None) == signal


@pytest.mark.parametrize(
    "due,end",
    [
        ("2025-09", date(2025, 9, 30)),
        ("2025-03-31", date(2025, 3, 31)),
        ("2024-25", date(2025, 3, 31)),
        ("2021-24", date(2024, 3, 31)),
        ("2025", date(2025, 12, 31)),
        (None, None),
        ("soon", None),
    ],
)
def test_due_dates_end_where_expected(due, end):
    assert due_end(due) == end


def test_evidence_comes_from_later_documents_of_the_partnership_with_reasons(corpus_kb):
    docs = corpus_kb.documents_by_id()
    for row in corpus_kb.status_rows(TODAY):
        for e, _ in row.status.evidence:
            later = docs[e.doc_id].date > row.doc.date
            own_progress = e.doc_id == row.doc.id and row.doc.doc_type is not DocumentType.MINUTES
            assert later or own_progress, (row.item.text, e.text)
            assert e.why and 0 <= e.confidence <= 1
            assert docs[e.doc_id].partnership == row.doc.partnership


def test_a_priority_row_is_followed_up_by_its_update_column(corpus_kb):
    row = find(corpus_kb, "12. Review and re-launch the Right Help, Right Time")
    update = next(e for e, _ in row.status.evidence if "own row" in e.why[0])
    assert update.text.startswith("This was not completed") and update.strong
    assert row.status.status is Status.NOT_IMPLEMENTED


def test_no_evidence_is_a_neutral_status_and_minutes_do_not_follow_themselves(corpus_kb):
    rows = corpus_kb.status_rows(TODAY)
    neutral = [r for r in rows if not any(e.strong for e, _ in r.status.evidence)]
    assert neutral and all(r.status.status is Status.NO_EVIDENCE for r in neutral)
    for r in rows:
        if r.doc.doc_type is DocumentType.MINUTES:
            assert all(e.doc_id != r.item.doc_id for e, _ in r.status.evidence)


def test_overdue_is_judged_against_a_fixed_today(corpus_kb):
    before = find(corpus_kb, "9. Implement the HSCP Child Neglect Strategy", date(2025, 3, 1)).status
    after = find(corpus_kb, "9. Implement the HSCP Child Neglect Strategy", date(2025, 10, 1)).status
    assert before.status == after.status == Status.IN_PROGRESS
    assert not before.overdue and after.overdue and after.due_by == date(2025, 3, 31)
    done = find(corpus_kb, "11. Review and re-launch the Multi-Agency", date(2030, 1, 1)).status
    assert done.status is Status.IMPLEMENTED and not done.overdue


def test_a_due_period_ending_before_the_item_was_made_is_a_question_not_overdue(corpus_kb):
    questions = [r for r in corpus_kb.status_rows(TODAY) if r.status.due_question]
    assert questions and not any(r.status.overdue for r in questions)
    assert all(r.status.due_by is None for r in questions)


def test_related_items_chain_across_years(corpus_kb):
    items = {i.id: i for i in corpus_kb.items()}
    neglect = next(i for i in items.values() if i.text.startswith("Priority 2: Neglect."))
    later = [items[r.related_id] for r in corpus_kb.related(neglect.id)]
    assert any("neglect" in i.text.lower() and i.period == "2024-25" for i in later)


@pytest.fixture
def two_documents(tmp_path):
    """A writable knowledge base with the 2020-21 report only (the 2024-25 report is added by the test)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / "hscp-annual-report-2020-21.docx", folder)
    kb = KnowledgeBase(make_config(tmp_path / "data", folder, today="2025-10-01"))
    assert not kb.update().failed
    return kb, folder


def test_decisions_survive_reingest_and_a_new_document_changes_only_the_machine_status(two_documents):
    kb, folder = two_documents
    neglect = find(kb, "Priority 2: Neglect.")
    rhrt = find(kb, "Priority 3: Right Help, Right Time.")
    assert neglect.status.status is Status.NO_EVIDENCE
    kb.decide(rhrt.item.id, "clerk.jones", "Confirmed at the March board", status="implemented")
    kb.update()  # unchanged: nothing re-read, the decision stays
    kb.update(rebuild=True)  # a rebuilt store carries the audit trail over
    shutil.copy(CORPUS / REPORT, folder)  # a later report arrives
    assert not kb.update().failed
    later = {d.id for d in kb.documents() if d.period == "2024-25"}
    neglect_after = find(kb, "Priority 2: Neglect.").status
    assert any(e.doc_id in later for e, _ in neglect_after.evidence)  # the machine found the new report
    decided = find(kb, "Priority 3: Right Help, Right Time.").status
    assert decided.status is Status.IMPLEMENTED and decided.source == "clerk"  # the clerk did not
    assert decided.decided_by == "clerk.jones" and decided.note == "Confirmed at the March board"
    assert len(kb.decisions(rhrt.item.id)) == 1


def test_the_audit_trail_is_append_only_and_the_latest_decision_wins(two_documents):
    kb, _ = two_documents
    item = find(kb, "Priority 2: Neglect.").item
    kb.decide(item.id, "a.clerk", "first look", status="in_progress")
    kb.decide(item.id, "b.clerk", "board minutes say done", status="implemented")
    assert [(d.user, d.value) for d in kb.decisions(item.id)] == [
        ("a.clerk", "in_progress"),
        ("b.clerk", "implemented"),
    ]
    assert find(kb, "Priority 2: Neglect.").status.status is Status.IMPLEMENTED
    for bad in ({"status": "done"}, {"confirm": "nope"}, {}):
        with pytest.raises(DecisionError):
            kb.decide(item.id, "a.clerk", "a note", **bad)
    with pytest.raises(DecisionError, match="note"):
        kb.decide(item.id, "a.clerk", "   ", status="implemented")
    with pytest.raises(DecisionError):
        kb.decide("no-such-item", "a.clerk", "a note", status="implemented")
    with pytest.raises(DecisionError):
        kb.decide(item.id, " ", "a note", status="implemented")


ROW = (
    "INTO decisions (seq, item_id, action, value, note, user, at) VALUES (1, 'x', 'set_status', 'done', 'n', 'u', 'x')"
)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE decisions SET value = 'no_evidence'",
        "DELETE FROM decisions",
        f"INSERT OR REPLACE {ROW}",
        f"REPLACE {ROW}",
        f"INSERT {ROW} ON CONFLICT(seq) DO UPDATE SET value = 'no_evidence'",
        f"INSERT OR IGNORE {ROW}",
    ],
)
def test_the_audit_trail_cannot_be_rewritten_by_any_sql_verb(two_documents, sql):
    kb, _ = two_documents
    item = find(kb, "Priority 2: Neglect.").item
    kb.decide(item.id, "a.clerk", "first look", status="in_progress")
    before = [(d.seq, d.value, d.user) for d in kb.decisions()]
    with pytest.raises(sqlite3.DatabaseError, match="audit trail"):
        kb.store.db.execute(sql)
    assert [(d.seq, d.value, d.user) for d in kb.decisions()] == before


def test_rejected_evidence_no_longer_sets_the_machine_status(writable_kb):
    row = find(writable_kb, "12. Review and re-launch the Right Help, Right Time")
    update = next(e for e, _ in row.status.evidence if e.signal is Status.NOT_IMPLEMENTED)
    writable_kb.decide(row.item.id, "a.clerk", "this row is about last year's plan", reject=update.id)
    after = find(writable_kb, "12. Review and re-launch the Right Help, Right Time").status
    assert dict((e.id, m) for e, m in after.evidence)[update.id] == "rejected"
    assert after.latest_evidence is None or after.latest_evidence.id != update.id


def test_links_status_and_decide_commands(corpus_config, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    run = CliRunner().invoke
    lines = run(main, ["--data-dir", str(data), "links", "--format", "jsonl", "--today", "2025-10-01"]).stdout
    records = [json.loads(line) for line in lines.splitlines()]
    record = next(r for r in records if r["text"].startswith("9. Implement the HSCP Child Neglect Strategy"))
    assert {"item_id", "status", "status_source", "overdue", "evidence", "confidence"} <= set(record)
    assert record["overdue"] is True and record["status_source"] == "machine"
    assert {"doc", "period", "section", "page", "text", "score", "signal", "why", "strength", "matched"} <= set(
        record["evidence"][0]
    )
    evidence_id = record["evidence"][0]["id"]
    done = run(
        main,
        [
            "--data-dir",
            str(data),
            "decide",
            record["item_id"],
            "--status",
            "implemented",
            "--note",
            "Strategy signed off",
            "--user",
            "clerk.jones",
            "--confirm-evidence",
            evidence_id,
        ],
    )
    assert done.exit_code == 0, done.output
    assert done.stdout.count("recorded #") == 2
    one = json.loads(
        run(
            main,
            [
                "--data-dir",
                str(data),
                "links",
                "--item",
                record["item_id"],
                "--format",
                "jsonl",
                "--today",
                "2025-10-01",
            ],
        ).stdout
    )
    assert one["status"] == "implemented" and one["status_source"] == "clerk" and one["overdue"] is False
    assert one["decided_by"] == "clerk.jones"
    assert next(e for e in one["evidence"] if e["id"] == evidence_id)["decision"] == "confirmed"
    refused = run(
        main, ["--data-dir", str(data), "decide", record["item_id"], "--status", "implemented", "--user", "x"]
    )
    assert refused.exit_code != 0 and "--note" in refused.output
    paper = run(main, ["--data-dir", str(data), "status", "--format", "csv", "--today", "2025-10-01"]).stdout
    header, *rows = paper.lstrip("\ufeff").splitlines()
    assert header == "Ref,Item,Made by,Lead / to act,Due,Status,Source,Latest evidence,Clerk's note,Date decided"
    assert any(record["item_id"] in r and "Implemented" in r and "Clerk (clerk.jones)" in r for r in rows)
    by_theme = run(main, ["--data-dir", str(data), "status", "--by", "theme"]).stdout
    assert "neglect" in by_theme and "No evidence found" in by_theme


def test_statuses_are_searchable_and_follow_decisions(writable_kb):
    missed = writable_kb.search("status:not_implemented", pagelen=50)
    assert missed.total and {h.status for h in missed.hits} == {"not_implemented"}
    target = next(h for h in missed.hits if h.text.startswith("12. Review and re-launch"))
    writable_kb.decide(target.item_id, "clerk.jones", "Review underway in Q1", status="in_progress")
    assert target.item_id not in {h.item_id for h in writable_kb.search("status:not_implemented", pagelen=50).hits}
    assert target.item_id in {
        h.item_id for h in writable_kb.search("status:in_progress kind:priority", pagelen=100).hits
    }
    facets = dict(writable_kb.search("kind:priority").facets["status"])
    assert facets.get("in_progress", 0) > 0
