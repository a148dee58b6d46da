"""The tagger on the real corpus: the tricky shapes, attributes, stable ids, and the eval."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import CORPUS, make_config

from cli.main import main
from core.model import Block, BlockKind, Document, DocumentMeta, DocumentType, Kind
from core.store import Store
from sgkb.service import KnowledgeBase
from tagging.pipeline import tag_document

REPORT = "hscp-yearly-report-2024-25.pdf"
MINUTES = "cyp-scrutiny-committee-minutes-2025-01-21.pdf"


def items_of(store: Store, name: str):
    return store.items(store.find_document(name).id)


def find(items, start: str):
    return next((i for i in items if i.text.startswith(start)), None)


def test_bullets_without_a_modal_take_their_meaning_from_the_lead_in(corpus_store):
    item = find(items_of(corpus_store, REPORT), "Continue to maintain the pace of improvement")
    assert item.kind is Kind.RECOMMENDATION
    assert item.made_by == "Independent Scrutineer" and item.addressee == "HSCP"


def test_committee_resolutions_are_recommendations_but_procedural_ones_are_not(corpus_store):
    items = items_of(corpus_store, MINUTES)
    resolution = find(items, "2. The partnership appends an implementation plan")
    assert (
        resolution.kind is Kind.RECOMMENDATION and resolution.made_by == "Children and Young People Scrutiny Committee"
    )
    assert not [i for i in items if "correct record" in i.text or "note the report" in i.text]


def test_priority_table_rows_are_priorities_with_the_period_from_their_header(corpus_store):
    item = find(items_of(corpus_store, REPORT), "12. Review and re-launch the Right Help, Right Time")
    assert item.kind is Kind.PRIORITY
    assert item.due == "2024-25"
    assert "End of Year Update" not in item.text and "not completed" not in item.text
    assert "levels of need and thresholds" in item.themes


def test_a_statutory_must_is_not_a_recommendation(corpus_store):
    texts = [i.text for i in items_of(corpus_store, REPORT)]
    assert not [t for t in texts if "must be published by September" in t or "report must include" in t]
    listed = [i.text for i in items_of(corpus_store, "hscb-annual-report-2013-14.pdf")]
    assert not [t for t in listed if t.startswith("Assess the effectiveness of child safeguarding")]


def test_descriptive_modals_are_not_recommendations(corpus_store):
    texts = [i.text for i in items_of(corpus_store, "hscb-annual-report-2013-14.pdf") if i.kind is Kind.RECOMMENDATION]
    for description in (
        "In June 2013, Herefordshire implemented",  # "decisions on what needs to be done"
        "The rationale behind this is",  # "should there be ... disagreements"
        "Although it is important to acknowledge",
    ):  # "it must be recognised that"
        assert not [t for t in texts if t.startswith(description)]
    assert [t for t in texts if t.startswith("HSCB needs to further influence")]


def test_a_recommendation_split_over_a_page_break_is_one_item(corpus_store):
    # "Ensure that the lessons learned ..." wraps over a line, and the areas of focus list
    # runs from page 38 to 39; each item arrives whole.
    items = items_of(corpus_store, REPORT)
    focus = [i for i in items if i.kind is Kind.PRIORITY and i.due == "2025-26"]
    assert [i.text.split(".")[0] for i in focus] == ["1", "2", "3", "4", "5", "6"]
    assert focus[2].text.endswith("data, audits and feedback") and focus[2].page == 39


def test_actions_in_future_plans_carry_who_and_when(corpus_store):
    item = find(items_of(corpus_store, REPORT), "JCR members will also seek to undertake a reflective workshop")
    assert item.kind is Kind.ACTION
    assert (item.made_by, item.due) == ("JCR", "2025-26")
    minutes_action = find(items_of(corpus_store, MINUTES), "The Safeguarding Partnerships Business Manager explained")
    assert minutes_action.due == "2025-03"


@pytest.mark.parametrize(
    "text,due",
    [
        ("We will complete this work by 31st March 25.", "2025-03-31"),
        ("The review will be completed by September 2025.", "2025-09"),
        ("Partners will run the audit in 2025-26.", "2025-26"),
        ("The group will meet during 2014-2015.", "2014-15"),
    ],
)
def test_due_dates_are_normalised(text, due):
    doc = Document(
        id="t",
        path="t.pdf",
        format="pdf",
        sha256="t",
        pages=1,
        meta=DocumentMeta(title="T", doc_type=DocumentType.ANNUAL_REPORT, period="2024-25"),
        blocks=(
            Block(kind=BlockKind.HEADING, text="Future Plans", level=1, section=("Future Plans",)),
            Block(kind=BlockKind.PARAGRAPH, text=text, section=("Future Plans",)),
        ),
    )
    items = tag_document(doc)
    assert [(i.kind, i.due) for i in items] == [(Kind.ACTION, due)]


def test_themes_follow_synonyms_across_the_years(corpus_store):
    old = [i for i in items_of(corpus_store, "hscb-annual-report-2013-14.pdf") if "Sexual Exploitation" in i.text]
    assert old and all("exploitation and contextual safeguarding" in i.themes for i in old)


def test_item_ids_survive_reingesting_an_unchanged_document(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / MINUTES, folder / MINUTES)
    kb = KnowledgeBase(make_config(tmp_path / "data", folder))
    kb.update()
    first = [(i.id, i.text) for i in kb.items()]
    kb.update(rebuild=True)
    assert [(i.id, i.text) for i in kb.items()] == first
    assert len({i for i, _ in first}) == len(first)


def test_items_command_jsonl_fields_and_filters(corpus_config):
    out = (
        CliRunner()
        .invoke(
            main,
            [
                "--data-dir",
                str(corpus_config.data_dir),
                "items",
                "--kind",
                "recommendation",
                "--theme",
                "voice of the child",
                "--format",
                "jsonl",
            ],
        )
        .stdout
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows
    fields = {
        "id",
        "kind",
        "text",
        "doc",
        "doc_title",
        "period",
        "date",
        "section",
        "page",
        "made_by",
        "addressee",
        "due",
        "themes",
    }
    assert all(fields <= set(r) for r in rows)
    assert {r["kind"] for r in rows} == {"recommendation"}
    assert all("voice of the child" in r["themes"] for r in rows)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    by_doc = (
        CliRunner()
        .invoke(main, ["--data-dir", str(corpus_config.data_dir), "items", "--doc", MINUTES, "--format", "csv"])
        .stdout
    )
    assert by_doc.lstrip("\ufeff").splitlines()[0].startswith("id,kind,period")
