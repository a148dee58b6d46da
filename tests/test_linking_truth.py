"""Follow-up a clerk can trust: evidence only from the same partnership, confidence in words,
matched words as written, the cue quoted, and "no evidence found" rather than a guess."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from conftest import MIXED

from cli.main import main
from core.model import Status
from linking.linker import combine_signals
from linking.model import load_model
from sgkb.service import KnowledgeBase

OTHER_AREA = [
    MIXED / "northmoor" / name
    for name in (
        "nscp-multi-agency-arrangements-2019.docx",
        "northmoor-cabinet-report-2023-07-18.docx",
        "nscp-yearly-report-2023-24.docx",
        "eastholme-scrutiny-minutes-2024-01-16.docx",
    )
]


def test_another_partnerships_documents_change_no_status_here(writable_kb):
    before = {item_id: st.status for item_id, st in writable_kb.statuses().items()}
    report = writable_kb.update(OTHER_AREA)
    assert not report.failed and report.count("ingested") == len(OTHER_AREA)
    assert {d.partnership for d in writable_kb.documents()} >= {"Herefordshire", "Northmoor", "Eastholme"}
    after = writable_kb.statuses()
    assert {item_id: after[item_id].status for item_id in before} == before
    for row in writable_kb.status_rows():
        docs = writable_kb.documents_by_id()
        assert all(docs[e.doc_id].partnership == row.doc.partnership for e, _ in row.status.evidence)


def test_status_comes_only_from_strong_evidence(corpus_kb):
    for row in corpus_kb.status_rows():
        st = row.status
        if st.machine_status is Status.NO_EVIDENCE:
            continue
        strong = [e for e, mark in st.evidence if e.strong and e.signal]
        assert strong, row.item.text


def test_links_say_how_sure_what_matched_and_the_cue(corpus_config, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    out = CliRunner().invoke(main, ["--data-dir", str(data), "links", "--format", "jsonl"]).stdout
    evidence = [e for line in out.splitlines() for e in json.loads(line)["evidence"]]
    assert evidence and {e["strength"] for e in evidence} <= {"strong", "possible"}
    with_words = [e for e in evidence if e["matched"]]
    assert with_words
    for e in with_words[:50]:
        text = e["text"].lower()
        assert all(word.lower() in text or word.isupper() for word in e["matched"]), e["matched"]
        assert not any(word in ("ongo", "decis", "safeguard") for word in e["matched"])  # words, not stems
    cued = [e for e in evidence if e["signal"] and e["signal_words"] and not e["signal_words"].startswith("reads as")]
    assert cued and all(e["signal_words"].lower().split(" … ")[-1] in e["text"].lower() for e in cued)


def test_the_item_page_shows_strength_matched_words_and_cue(corpus_config, tmp_path):
    from webapp import create_app

    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    app = create_app(corpus_config.with_overrides(data_dir=data), testing=True)
    kb: KnowledgeBase = app.extensions["kb"]
    row = next(r for r in kb.status_rows() if any(e.strong and e.matched for e, _ in r.status.evidence))
    page = app.test_client().get(f"/items/{row.item.id}").get_data(as_text=True)
    strong = next(e for e, _ in row.status.evidence if e.strong and e.matched)
    assert "Strong evidence" in page and strong.matched[0] in page
    assert "score" not in page.lower().split("why this was linked")[0][-200:]


def test_a_document_combines_its_statuses_by_the_labelling_rule():
    assert combine_signals([Status.IMPLEMENTED, Status.NOT_IMPLEMENTED]) is Status.IN_PROGRESS
    assert combine_signals([Status.IMPLEMENTED, Status.IN_PROGRESS]) is Status.IN_PROGRESS
    assert combine_signals([Status.SUPERSEDED, Status.IMPLEMENTED]) is Status.IMPLEMENTED
    assert combine_signals([Status.SUPERSEDED]) is Status.SUPERSEDED
    assert combine_signals([]) is None


def test_the_trained_model_is_in_the_repository_and_says_implemented_only_when_sure():
    model = load_model()
    assert model is not None and 0 < model.threshold < 1
    assert model.implemented_threshold >= model.status_threshold
    status, _ = model.read_status("Partners met in May to discuss the plan.", None)
    assert status is not Status.IMPLEMENTED
