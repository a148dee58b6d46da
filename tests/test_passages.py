"""How documents are cut into passages, the unit search shows and linking ranks."""

from __future__ import annotations

from core.model import Block, BlockKind
from core.passages import PASSAGE_WORDS, SHORT_ROW_WORDS, passages

REPORT_2014 = "hscb-annual-report-2013-14.pdf"
REPORT_2025 = "hscp-yearly-report-2024-25.pdf"


def _passages(blocks_by_file, name):
    return list(passages("doc", blocks_by_file[name]))


def _holding(found, text):
    return next(p for p in found if text in p.text)


def test_a_box_title_heads_the_text_of_its_box(blocks_by_file):
    """A one-column table titled "Voice of the Child" was once a passage of four words that
    outranked the finding it heads."""
    found = _passages(blocks_by_file, REPORT_2014)
    box = _holding(found, "has not progressed as expected")
    assert box.text.startswith("Voice of the Child\n")
    assert not [p for p in found if p.text in ("Voice of the Child", "Performance Monitoring")]


def test_a_table_of_short_rows_is_one_passage_apart_from_the_text_around_it(blocks_by_file):
    found = _passages(blocks_by_file, REPORT_2014)
    income = _holding(found, "Herefordshire Council | £127,016")
    assert income.text.startswith("Agency contributions | 2013/14\n")
    assert "NHS Herefordshire | £45,203" in income.text and "Working Together" not in income.text
    # a line ending in a colon introduces the table after it
    attendance = _holding(_passages(blocks_by_file, REPORT_2025), "Breakdown of attendance by organisation:")
    assert "Health | 286" in attendance.text


def _row_words(block: Block) -> int:
    return len(block.text.split()) if block.kind is BlockKind.TABLE_ROW else 0


def test_every_table_row_of_sentences_is_its_own_passage(blocks_by_file):
    for name, blocks in blocks_by_file.items():
        short_rows = {b.text for b in blocks if 0 < _row_words(b) <= SHORT_ROW_WORDS}
        for p in passages("doc", blocks):
            long_rows = [b for b in blocks[p.first : p.last + 1] if _row_words(b) > SHORT_ROW_WORDS]
            if long_rows:
                assert len(long_rows) == 1 and p.text.endswith(long_rows[0].text), (name, p.id)
                above = p.text.split("\n")[:-1]
                assert all(line in short_rows for line in above), (name, p.id)  # at most its labels above it


def test_the_cut_keeps_every_block_once_in_reading_order():
    rows = [Block(BlockKind.TABLE_ROW, f"Row {i} | {i * 10}") for i in range(40)]
    text = [Block(BlockKind.PARAGRAPH, "word " * 50) for _ in range(3)]
    finding = [Block(BlockKind.TABLE_ROW, "The review found " + "that nothing had changed " * 4)]
    label = [Block(BlockKind.TABLE_ROW, "Findings")]
    names = [Block(BlockKind.TABLE_ROW, f"Partner agency {chr(65 + i % 26)}") for i in range(50)]  # no figure
    blocks = text[:1] + rows + finding + names + text[:1] + finding + label + text[1:]
    found = list(passages("doc", blocks))
    covered = [i for p in found for i in range(p.first, p.last + 1)]
    assert covered == list(range(len(blocks)))
    assert all(len(p.text.split()) <= PASSAGE_WORDS or p.first == p.last for p in found)
    assert [p.text for p in found].count(finding[0].text) == 2  # a row of sentences stands alone, both times
    assert found[-1].text.startswith("Findings\n")  # the label heads the text after it
