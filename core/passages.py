"""Passages: runs of blocks under one heading, cut at about 120 words.

The one cut both search and linking rank: a list stays with its lead-in, every table row is
its own passage, headings are the section path of what follows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from core.model import Block, BlockKind, Passage

PASSAGE_WORDS = 120  # a passage grows block by block up to about this many words
LIST_PASSAGE_WORDS = 220  # a lead-in and its list stay together a little longer


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
        is_row = block.kind is BlockKind.TABLE_ROW
        in_list = block.kind is BlockKind.LIST_ITEM and block.lead_in is not None
        if run and (
            is_row
            or blocks[run[-1]].kind is BlockKind.TABLE_ROW
            or blocks[run[-1]].section != block.section
            or words + n > (LIST_PASSAGE_WORDS if in_list else PASSAGE_WORDS)
        ):
            yield emit()
            run, words = [], 0
        run.append(seq)
        words += n
    if run:
        yield emit()
