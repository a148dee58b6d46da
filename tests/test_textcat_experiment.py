"""The textcat experiment's unit cutting and labelling, on a tiny hand-made document (no training)."""

from __future__ import annotations

from core.model import Block, BlockKind, Document, DocumentMeta, DocumentType, Kind
from tagging.textcat_experiment import NONE, as_items, cut_units, label_units

SECTION = ("Our priorities",)
HEADERS = ("Priority", "What we will do")


def tiny_document() -> Document:
    lead = "The scrutineer recommended that the partnership:"
    blocks = (
        Block(BlockKind.HEADING, "Our priorities", section=SECTION),
        Block(
            BlockKind.PARAGRAPH,
            "The year went well. Our priorities for 2024-27 are: neglect; exploitation; the voice of the child.",
            section=SECTION,
        ),
        Block(BlockKind.PARAGRAPH, lead, section=SECTION),
        Block(BlockKind.LIST_ITEM, "Publish its audit results every quarter.", section=SECTION, lead_in=lead),
        Block(BlockKind.TABLE_ROW, "Priority | What we will do", section=SECTION, cells=HEADERS),
        Block(
            BlockKind.TABLE_ROW,
            "Neglect | Refresh the neglect strategy by March 2025.",
            section=SECTION,
            cells=("Neglect", "Refresh the neglect strategy by March 2025."),
            headers=HEADERS,
        ),
        Block(BlockKind.PARAGRAPH, "Members asked whether schools took part. Officers would check.", section=SECTION),
    )
    meta = DocumentMeta(title="Tiny report", doc_type=DocumentType.ANNUAL_REPORT)
    return Document(id="tiny", path="tiny.docx", format="docx", sha256="0" * 64, meta=meta, pages=1, blocks=blocks)


GOLD = [
    {"doc": "tiny.docx", "kind": "priority", "text": "neglect", "confidence": "clear"},
    {"doc": "tiny.docx", "kind": "priority", "text": "exploitation", "confidence": "clear"},
    {"doc": "tiny.docx", "kind": "priority", "text": "the voice of the child", "confidence": "clear"},
    {
        "doc": "tiny.docx",
        "kind": "recommendation",
        "text": "Publish its audit results every quarter.",
        "confidence": "clear",
    },
    {
        "doc": "tiny.docx",
        "kind": "action",
        "text": "Refresh the neglect strategy by March 2025.",
        "confidence": "clear",
    },
    {"doc": "tiny.docx", "kind": "action", "text": "Officers would check.", "confidence": "borderline"},
]


def test_units_are_cut_like_items_and_labelled_from_the_gold():
    units = cut_units(tiny_document())
    labelled = {u.text: kind for u, kind in zip(units, label_units(units, GOLD), strict=True)}
    assert labelled == {
        "Our priorities": NONE,  # a heading
        "The year went well.": NONE,  # a sentence
        "Our priorities for 2024-27 are: neglect; exploitation; the voice of the child.": NONE,
        "neglect": "priority",  # the parts of a list inside a sentence
        "exploitation": "priority",
        "the voice of the child": "priority",
        "The scrutineer recommended that the partnership:": NONE,
        "Publish its audit results every quarter.": "recommendation",  # a list item whole
        "Priority": NONE,  # table cells, the header row too
        "What we will do": NONE,
        "Neglect": "priority",
        "Refresh the neglect strategy by March 2025.": "action",
        "Members asked whether schools took part.": NONE,
        "Officers would check.": None,  # matches a borderline label only: left out
    }
    by_text = {u.text: u for u in units}
    item = by_text["Publish its audit results every quarter."]
    assert "lead: The scrutineer recommended that the partnership:" in item.context
    assert "heading: Our priorities" in item.context and "KIND_list_item" in item.context
    assert "header: What we will do" in by_text["Refresh the neglect strategy by March 2025."].context
    assert "lead: Our priorities for 2024-27 are" in by_text["exploitation"].context
    block = tiny_document().blocks[by_text["exploitation"].seq]
    unit = by_text["exploitation"]
    assert block.text[unit.start : unit.end] == "exploitation"
    # predicted units become items for tagging/evaluate.py, the "none" class left out
    items = as_items("tiny", units[:3], ["priority", NONE, None])
    assert [(i.kind, i.text) for i in items] == [(Kind.PRIORITY, "Our priorities")]
