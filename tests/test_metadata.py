"""Detected document type, reporting period and date, and the sidecar override."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, make_config
from ingest.pipeline import ingest
from sgkb.store import Store

EXPECTED = {
    "hscb-annual-report-2013-14.pdf": ("annual_report", "2013-14", "2014-10-01"),
    "hscp-annual-report-2020-21.pdf": ("annual_report", "2020-21", "2022-01-31"),
    "hscp-annual-report-2020-21.docx": ("annual_report", "2020-21", "2022-01-31"),
    "hscp-multi-agency-safeguarding-arrangements-2023.docx": ("arrangements", "2023", "2023-09-29"),
    "cyp-scrutiny-committee-minutes-2025-01-21.pdf": ("minutes", "2024-25", "2025-01-21"),
    "hscp-yearly-report-2024-25.pdf": ("annual_report", "2024-25", "2025-09-30"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_type_period_and_date_are_detected(name, corpus_store):
    doc = corpus_store.find_document(name)
    assert (doc["type"], doc["period"], doc["date"]) == EXPECTED[name]


def test_minutes_take_the_meeting_date_not_the_file_date(corpus_store):
    doc = corpus_store.find_document("cyp-scrutiny-committee-minutes-2025-01-21.pdf")
    assert doc["date"] == "2025-01-21"  # the PDF was created on 2025-03-18


def test_the_same_document_in_two_formats_is_listed_once(corpus_store):
    docs = corpus_store.documents()
    assert len(docs) == 5
    twin = next(d for d in docs if d["period"] == "2020-21")
    assert twin["format"] == "pdf"
    assert [Path(a["path"]).name for a in twin["alternates"]] == ["hscp-annual-report-2020-21.docx"]


def test_sidecar_overrides_detected_metadata(small_corpus, tmp_path):
    (small_corpus / "metadata.yaml").write_text(
        "hscp-multi-agency-safeguarding-arrangements-2023.docx:\n  period: 2023-24\n  date: 2023-12-01\n",
        encoding="utf-8")
    config = make_config(tmp_path / "data", small_corpus)
    ingest(config)
    with Store(config.db_path) as store:
        doc = store.find_document("hscp-multi-agency-safeguarding-arrangements-2023.docx")
        assert (doc["type"], doc["period"], doc["date"]) == ("arrangements", "2023-24", "2023-12-01")
    # Changing the sidecar alone applies on the next run without re-reading the file.
    (small_corpus / "metadata.yaml").write_text(
        "hscp-multi-agency-safeguarding-arrangements-2023.docx:\n  period: '2023'\n", encoding="utf-8")
    report = ingest(config)
    assert len(report.unchanged) == 2
    with Store(config.db_path) as store:
        assert store.find_document("hscp-multi-agency-safeguarding-arrangements-2023.docx")["period"] == "2023"


def test_a_bad_sidecar_is_a_clear_error(small_corpus, tmp_path):
    from ingest.base import IngestError

    (small_corpus / "metadata.yaml").write_text("x.pdf:\n  colour: red\n", encoding="utf-8")
    with pytest.raises(IngestError, match="colour"):
        ingest(make_config(tmp_path / "data", small_corpus))


def test_corpus_folder_is_the_default_dataset():
    assert {p.name for p in CORPUS.glob("*.pdf")} | {p.name for p in CORPUS.glob("*.docx")} == set(EXPECTED)
