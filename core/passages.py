"""Passages: runs of blocks under one heading, cut at about 120 words.

The one cut both search and linking rank: a list stays with its lead-in; a table row of
sentences is its own passage; short rows (a label, a name and a figure) run on together as one
small table, with the line ending in a colon that introduces them; a title of labels alone (a
box's) heads what follows it; headings are the section path of what follows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from core.digest import files_digest
from core.model import Block, BlockKind, Passage

PASSAGE_WORDS = 120  # a passage grows block by block up to about this many words
LIST_PASSAGE_WORDS = 220  # a lead-in and its list stay together a little longer
# a table row of at most this many words is a label, a name or a figure: alone it says too little
# to rank ("Voice of the Child" outranked the finding it heads), so it runs on with its neighbours
SHORT_ROW_WORDS = 12


@lru_cache(maxsize=1)  # read once: every search checks the build it opens against it
def passages_version() -> str:
    """Changes when the way passages are cut changes: the index and the links are then remade."""
    return files_digest([Path(__file__)])


def passage_id(doc_id: str, first: int) -> str:
    return f"p:{doc_id}:{first}"


def passages(doc_id: str, blocks: Sequence[Block]) -> Iterator[Passage]:
    """Group a document's blocks into passages, in reading order."""
    run: list[int] = []
    words = 0

    def emit() -> Passage:
        first = blocks[run[0]]
        return Passage(
            id=passage_id(doc_id, run[0]),
            doc_id=doc_id,
            first=run[0],
            last=run[-1],
            text="\n".join(blocks[i].text for i in run),
            section=first.section,
            page=first.page,
        )

    for seq, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING or not block.text.strip():
            if run:
                yield emit()
            run, words = [], 0
            continue
        n = len(block.text.split())
        in_list = block.kind is BlockKind.LIST_ITEM and block.lead_in is not None
        # a title of labels alone (a box's, a column's) heads whatever follows it
        heads = words <= SHORT_ROW_WORDS and all(_is_label(blocks[i]) for i in run)
        if run and (
            blocks[run[-1]].section != block.section
            or not heads
            and (_table_edge(blocks[run[-1]], block) or words + n > (LIST_PASSAGE_WORDS if in_list else PASSAGE_WORDS))
        ):
            yield emit()
            run, words = [], 0
        run.append(seq)
        words += n
    if run:
        yield emit()


def _row_words(block: Block) -> int | None:
    """A table row's length in words; None for any other block."""
    return len(block.text.split()) if block.kind is BlockKind.TABLE_ROW else None


def _is_label(block: Block) -> bool:
    """A short table row without a figure: a box's title, a column's heading."""
    words = _row_words(block)
    return words is not None and words <= SHORT_ROW_WORDS and not any(c.isdigit() for c in block.text)


def _table_edge(last: Block, block: Block) -> bool:
    """Whether a table's edge falls between two blocks. A row of sentences (a finding, a
    recommendation, an update) is a passage of its own; short rows run on together, apart from
    the text around them, except for a line ending in a colon that introduces them."""
    last_words, words = _row_words(last), _row_words(block)
    if (last_words or 0) > SHORT_ROW_WORDS or (words or 0) > SHORT_ROW_WORDS:
        return True
    if last_words is None and words is not None:
        return not last.text.rstrip().endswith(":")
    return last_words is not None and words is None
