"""Each shape the tagger must read, on text written for these tests (a fictional "Wyvale"
partnership and council), not on the documents the rules were written against."""

from __future__ import annotations

import pytest

from core.model import Block, BlockKind, Document, DocumentMeta, DocumentType, Kind
from ingest.structure import finalise_blocks
from tagging.pipeline import tag_document

H, P, L, T = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_ROW


def tag(
    blocks: list[tuple],
    doc_type: DocumentType = DocumentType.ANNUAL_REPORT,
    publisher: str = "Wyvale Safeguarding Children Partnership",
    title: str = "Wyvale report",
):
    built = []
    for spec in blocks:
        kind, text = spec[0], spec[1]
        extra = spec[2] if len(spec) > 2 else {}
        built.append(Block(kind=kind, text=text, level=1 if kind is H else None, **extra))
    meta = DocumentMeta(title=title, doc_type=doc_type, period="2024-25", publisher=publisher, partnership="Wyvale")
    doc = Document(
        id="t", path="t.pdf", format="pdf", sha256="t", meta=meta, pages=1, blocks=tuple(finalise_blocks(built))
    )
    return [(i.kind, i.text, i.made_by) for i in tag_document(doc)]


def kinds(found) -> list[tuple[Kind, str]]:
    return [(k, t) for k, t, _ in found]


def test_a_sentence_ending_in_a_colon_introduces_priorities():
    found = tag(
        [
            (H, "Looking ahead"),
            (P, "The year went well. Next year our focus should be:"),
            (L, "getting schools into every strategy meeting;"),
            (L, "keeping the neglect tool simple."),
        ]
    )
    assert kinds(found) == [
        (Kind.PRIORITY, "getting schools into every strategy meeting"),
        (Kind.PRIORITY, "keeping the neglect tool simple."),
    ]


def test_verbless_to_sentences_after_an_announcing_sentence_are_recommendations():
    found = tag(
        [
            (H, "The Chair's view"),
            (
                P,
                "In her final report the Chair made three recommendations to the partners. To publish one "
                "dataset for all agencies. To hear from fathers in every audit. To meet the youth council twice "
                "a year.",
            ),
        ]
    )
    assert [k for k, _ in kinds(found)] == [Kind.RECOMMENDATION] * 3
    assert found[0][1] == "To publish one dataset for all agencies."


def test_a_list_inside_one_sentence_is_one_item_per_entry():
    found = tag(
        [
            (
                P,
                "Partners agreed that our priorities for 2025-27 are: neglect; harm outside the home; "
                "children's mental health.",
            )
        ]
    )
    assert kinds(found) == [
        (Kind.PRIORITY, "neglect"),
        (Kind.PRIORITY, "harm outside the home"),
        (Kind.PRIORITY, "children's mental health"),
    ]


@pytest.mark.parametrize(
    "heading,kind",
    [
        ("Areas for development", Kind.RECOMMENDATION),
        ("What needs to improve", Kind.RECOMMENDATION),
        ("Planned work for 2025-26", Kind.ACTION),
        ("The year ahead", Kind.ACTION),
    ],
)
def test_a_heading_without_a_colon_is_the_lead_in_of_the_list_under_it(heading, kind):
    found = tag(
        [
            (H, heading),
            (L, "Agree one way of counting repeat referrals."),
            (L, "Bring the youth council into the annual review."),
        ]
    )
    assert [k for k, _ in kinds(found)] == [kind, kind]


def test_we_have_committed_to_the_following_work_introduces_actions():
    found = tag(
        [
            (H, "Our commitments"),
            (P, "We have committed to the following work:"),
            (L, "a refreshed escalation policy by June 2025;"),
            (L, "training for school governors."),
        ]
    )
    assert [k for k, _ in kinds(found)] == [Kind.ACTION, Kind.ACTION]


def test_reported_speech_in_minutes():
    found = tag(
        [
            (H, "7. WYVALE SAFEGUARDING CHILDREN PARTNERSHIP ANNUAL REPORT"),
            (
                P,
                "The Independent Chair, Ms Adeyemi, introduced the report. She highlighted the need for "
                "a single list of children missing education. She said the partnership would continue to meet "
                "head teachers every term. A youth panel would be established in the spring. For 2025-26 the "
                "focus would be on children's mental health.",
            ),
        ],
        doc_type=DocumentType.MINUTES,
        publisher="Wyvale Council",
        title="Minutes of the Children's Overview and Scrutiny Committee",
    )
    by_text = {t: (k, m) for k, t, m in found}
    assert by_text["She highlighted the need for a single list of children missing education."] == (
        Kind.RECOMMENDATION,
        "WSCP Independent Chair",
    )
    assert by_text["She said the partnership would continue to meet head teachers every term."][0] is Kind.ACTION
    assert by_text["A youth panel would be established in the spring."][0] is Kind.ACTION
    assert by_text["For 2025-26 the focus would be on children's mental health."][0] is Kind.PRIORITY


def test_a_statutory_quotation_over_several_sentences_is_not_advice():
    found = tag(
        [
            (H, "The law"),
            (
                P,
                "Working Together 2023 says that the safeguarding partners must publish a report every year. "
                "The report should set out what they have done. It should also say how children were heard.",
            ),
        ]
    )
    assert found == []


def test_a_need_in_the_past_and_the_lead_in_itself_are_not_items():
    found = tag(
        [
            (P, "There had been a need to recruit more foster carers, and this was met in June."),
            (P, "To improve, the partnership should:"),
            (L, "Publish its audit calendar."),
        ]
    )
    assert kinds(found) == [(Kind.RECOMMENDATION, "Publish its audit calendar.")]


def test_bodies_outside_the_list_and_the_author_in_the_first_person():
    found = tag(
        [
            (H, "Independent Chair's summary"),
            (P, "As Independent Chair, I have asked partners to agree one set of measures by March 2026."),
            (P, "Kestrel Valley Constabulary will appoint a missing children coordinator by May 2025."),
            (P, "The Wyvale Integrated Care Board should publish waiting times every quarter."),
        ]
    )
    by_text = {t: (k, m) for k, t, m in found}
    assert by_text["As Independent Chair, I have asked partners to agree one set of measures by March 2026."] == (
        Kind.RECOMMENDATION,
        "WSCP Independent Chair",
    )
    assert by_text["Kestrel Valley Constabulary will appoint a missing children coordinator by May 2025."] == (
        Kind.ACTION,
        "Kestrel Valley Constabulary",
    )
    assert (
        by_text["The Wyvale Integrated Care Board should publish waiting times every quarter."][0]
        is Kind.RECOMMENDATION
    )


def test_a_committee_resolution_list_inside_one_sentence():
    found = tag(
        [
            (H, "9. CHILDREN'S SERVICES UPDATE"),
            (
                P,
                "RESOLVED: That (a) the update be noted; (b) the committee recommends that the partnership "
                "reports on exploitation in March; and (c) the Director brings the recruitment plan to the "
                "next meeting.",
            ),
        ],
        doc_type=DocumentType.MINUTES,
        publisher="Wyvale Council",
        title="Minutes of the Children's Overview and Scrutiny Committee",
    )
    assert [k for k, _, _ in found] == [Kind.RECOMMENDATION, Kind.RECOMMENDATION]
    assert {m for _, _, m in found} == {"Children's Overview and Scrutiny Committee"}


def test_a_priorities_table_gives_its_first_cells():
    found = tag(
        [
            (T, "Our priorities 2024-25 | Lead", {"cells": ("Our priorities 2024-25", "Lead")}),
            (
                T,
                "Safer sleep | Health visiting",
                {"cells": ("Safer sleep", "Health visiting"), "headers": ("Our priorities 2024-25", "Lead")},
            ),
        ]
    )
    assert kinds(found) == [(Kind.PRIORITY, "Safer sleep")]


def test_sub_points_of_a_numbered_priority_list_are_steps_but_decimal_figures_are_not():
    found = kinds(
        tag(
            [
                (H, "Business plan 2025-26"),
                (P, "The business plan sets out how we will deliver our priorities:"),
                (L, "1. Learning and improvement"),
                (L, "1.1. The review group will publish a learning brief within three months of each review."),
                (L, "2.5 million pounds invested in early help across the county."),
            ]
        )
    )
    assert (Kind.PRIORITY, "1. Learning and improvement") in found
    assert any(k is Kind.ACTION and t.startswith("1.1.") for k, t in found)
    assert any(k is Kind.PRIORITY and t.startswith("2.5 million") for k, t in found)
