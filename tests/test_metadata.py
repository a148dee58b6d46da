"""Detected document type, period, date and partnership on the corpus, and the sidecar and flag."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, make_config

from core.model import Block, BlockKind
from ingest.base import IngestError
from ingest.metadata import detect_metadata
from sgkb.service import KnowledgeBase

EXPECTED = {
    "hscb-annual-report-2013-14.pdf": ("annual_report", "2013-14", "2014-10-01"),
    "hscp-annual-report-2020-21.pdf": ("annual_report", "2020-21", "2022-01-31"),
    "hscp-annual-report-2020-21.docx": ("annual_report", "2020-21", "2022-01-31"),
    "hscp-multi-agency-safeguarding-arrangements-2023.docx": ("arrangements", None, "2023-09-29"),
    # a meeting: the period it discusses (the 2023-24 report), apart from its meeting date
    "cyp-scrutiny-committee-minutes-2025-01-21.pdf": ("minutes", "2023-24", "2025-01-21"),
    "hscp-yearly-report-2024-25.pdf": ("annual_report", "2024-25", "2025-09-30"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_type_period_date_and_partnership_are_detected(name, corpus_kb):
    doc = corpus_kb.document(name)
    assert (doc.doc_type.value, doc.period, doc.date) == EXPECTED[name]
    assert doc.partnership == "Herefordshire"
    assert doc.meta.source("partnership") == "text" and doc.meta.source("type") == "text"


def test_minutes_take_the_meeting_date_from_the_text_not_the_file(corpus_kb):
    doc = corpus_kb.document("cyp-scrutiny-committee-minutes-2025-01-21.pdf")
    assert doc.date == "2025-01-21" and doc.meta.source("date") == "text"  # the PDF was made on 2025-03-18


def test_a_date_from_file_properties_says_so(corpus_kb):
    doc = corpus_kb.document("hscp-yearly-report-2024-25.pdf")
    assert doc.meta.source("date") == "properties"


def test_the_same_document_in_two_formats_is_listed_once(corpus_kb):
    docs = corpus_kb.documents()
    assert len(docs) == 5
    twin = next(d for d in docs if d.period == "2020-21")
    assert twin.format == "pdf"
    assert [a.path.rsplit("/", 1)[-1] for a in twin.alternates] == ["hscp-annual-report-2020-21.docx"]


def test_sidecar_overrides_detected_metadata(small_corpus, tmp_path):
    name = "hscp-multi-agency-safeguarding-arrangements-2023.docx"
    (small_corpus / "metadata.yaml").write_text(f"{name}:\n  period: 2023-24\n  date: 2023-12-01\n", encoding="utf-8")
    kb = KnowledgeBase(make_config(tmp_path / "data", small_corpus))
    kb.update()
    doc = kb.document(name)
    assert (doc.doc_type.value, doc.period, doc.date) == ("arrangements", "2023-24", "2023-12-01")
    assert doc.meta.source("period") == "sidecar"
    # Changing the sidecar alone applies on the next run without re-reading the file.
    (small_corpus / "metadata.yaml").write_text(f"{name}:\n  period: '2023'\n", encoding="utf-8")
    report = kb.update()
    assert report.count("unchanged") == 2 and report.count("ingested") == 0
    assert kb.document(name).period == "2023"


def test_the_partnership_flag_sets_it_for_every_file(small_corpus, tmp_path):
    kb = KnowledgeBase(make_config(tmp_path / "data", small_corpus))
    kb.update(partnership="Wyvern")
    assert {(d.partnership, d.meta.source("partnership")) for d in kb.documents()} == {("Wyvern", "command")}


def test_a_bad_sidecar_is_a_clear_error(small_corpus, tmp_path):
    (small_corpus / "metadata.yaml").write_text("x.pdf:\n  colour: red\n", encoding="utf-8")
    with pytest.raises(IngestError, match="colour"):
        KnowledgeBase(make_config(tmp_path / "data", small_corpus)).update()


def test_corpus_folder_is_the_default_dataset():
    assert {p.name for p in CORPUS.glob("*.pdf")} | {p.name for p in CORPUS.glob("*.docx")} == set(EXPECTED)


def _meta(lines: list[str], properties: dict | None = None, notes: list | None = None):
    """Metadata detected from a document whose blocks are these lines (the first a heading)."""
    blocks = [
        Block(kind=BlockKind.HEADING if i == 0 else BlockKind.PARAGRAPH, text=t, level=1 if i == 0 else None)
        for i, t in enumerate(lines)
    ]
    return detect_metadata(properties or {}, " ".join(lines), blocks, Path("x.pdf"), notes=notes)


def test_a_stale_title_property_does_not_set_the_period():
    meta = _meta(
        ["Northmoor Safeguarding Children Partnership Annual Report 2018-19", "Published: 27 September 2019"],
        {"Title": "NSCB Annual Report 2017-18"},
    )
    assert (meta.period, meta.date, meta.title) == (
        "2018-19",
        "2019-09-27",
        "Northmoor Safeguarding Children Partnership Annual Report 2018-19",
    )


def test_a_meeting_is_dated_by_its_meeting_not_the_next_one_and_published_by_its_council():
    meta = _meta(
        [
            "EASTHOLME CITY COUNCIL",
            "Children's Services Scrutiny Panel Minutes",
            "Date of next meeting: 12/03/2024",
            "Meeting: 16/01/2024",
            "The Eastholme Safeguarding Children Partnership introduced its annual report for 2022/23.",
        ]
    )
    assert (meta.doc_type.value, meta.date, meta.period) == ("minutes", "2024-01-16", "2022-23")
    assert (meta.publisher, meta.partnership) == ("Eastholme City Council", "Eastholme")


def test_a_file_date_far_from_the_period_is_set_aside_and_said():
    notes: list[str] = []
    meta = _meta(
        ["Eastholme Safeguarding Children Partnership Annual Report 2022/23"],
        {"CreationDate": "D:20261203095736Z"},
        notes,
    )
    assert meta.period == "2022-23" and meta.date is None
    assert notes == ["the file's own date (2026-12-03) is not used: too far from the period 2022-23"]
    kept = _meta(["Eastholme Safeguarding Children Partnership Annual Report 2022/23"], {"CreationDate": "D:20230930"})
    assert (kept.date, kept.source("date")) == ("2023-09-30", "properties")


def test_an_inspection_is_published_by_the_inspectorate():
    meta = _meta(
        [
            "Northmoor County Council",
            "Inspection of children's social care services",
            "Ofsted inspected the services in June 2023.",
        ]
    )
    assert (meta.doc_type.value, meta.publisher, meta.partnership) == ("inspection_report", "Ofsted", "Northmoor")


def test_a_slogan_before_the_partnership_name_is_not_part_of_the_area():
    from ingest.metadata import partnership_of

    assert partnership_of("Keeping Wyvale's Children Safe Wyvale Safeguarding Children Partnership", "") == "Wyvale"
    assert partnership_of("Brighton and Hove Safeguarding Children Partnership", "") == "Brighton and Hove"
