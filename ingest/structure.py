"""Format-independent structure: section paths, list lead-ins, text clean-up.

Ingestors emit blocks with kind, text, level, page and table cells; this module
adds what depends on neighbouring blocks, the same way for every format.
"""

from __future__ import annotations

import re
import unicodedata

from core.model import Block, BlockKind

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z0-9\"“‘(•])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "No.", "Cllr.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")
BULLETS = "•●▪■◦○➢►▶✓✔-–—*·"  # typed bullet glyphs (a private-use symbol-font bullet reads as "•")
# "o" is Word's second-level bullet: one before a capital is a bullet, not a word
_BULLET_START = re.compile(rf"^(?:[{re.escape(BULLETS)}]|o(?=[ \t\u00a0]+[A-Z]))[ \t\u00a0]+")
_PRIVATE_BULLET = re.compile(r"(?m)^([ \t\u00a0]*)[\ue000-\uf8ff]([ \t\u00a0])")


def clean_text(text: str) -> str:
    """Normalise Unicode, fold runs of spaces, drop soft hyphens and control chars.

    A private-use character starting a line before a space is a bullet drawn from a symbol
    font (Word and LibreOffice write U+F0B7, Wingdings U+F0A7, U+F0D8 ...): it becomes "•".
    Anywhere else a private-use character is dropped.
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _PRIVATE_BULLET.sub(r"\1•\2", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return _SPACES.sub(" ", text).strip()


def bullet_length(text: str) -> int:
    """Length of a typed bullet and the space after it at the start of text (0 if none).

    Besides the usual marks ("•", "▪", "–", "➢" ...), any symbol followed by a space counts:
    documents use ✎, ✚ or Wingdings glyphs as bullets. Text that is only a bullet is not a
    list item.
    """
    match = _BULLET_START.match(text)
    if match is None and len(text) > 2 and text[1] == " " and unicodedata.category(text[0]) in ("So", "Sm", "Co"):
        return 2
    return match.end() if match and len(text) > match.end() else 0


def split_sentences(text: str) -> list[str]:
    """Split text into sentences on terminal punctuation, keeping common abbreviations whole."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        if parts and parts[-1].endswith(_ABBREVIATIONS):
            parts[-1] = f"{parts[-1]} {piece}"
        elif piece:
            parts.append(piece)
    return parts


def lead_in_of(block: Block, before: Block | None) -> str:
    """The sentence that introduces a list: the last sentence of the paragraph above it.

    A bare "That:" under "Resolved:" (committee minutes) is read as one lead-in.
    """
    sentences = split_sentences(block.text)
    last = sentences[-1] if sentences else block.text
    if (
        before is not None
        and before.kind is BlockKind.PARAGRAPH
        and len(block.text.split()) <= 3
        and before.text.rstrip().endswith(":")
    ):
        return f"{split_sentences(before.text)[-1]} {last}"
    return last


def repeats_header(cells: tuple[str, ...], headers: tuple[str, ...]) -> bool:
    """A row that repeats the header's trailing label is a sub-header.

    e.g. "Quality Assurance Priorities | End of Year Update" inside a table headed
    "Leadership Priorities 2024-25 | End of Year Update".
    """
    return (
        len(cells) > 1
        and len(cells) == len(headers)
        and bool(headers[-1])
        and cells[-1] == headers[-1]
        and cells[0] != headers[0]
    )


def stack_headers(upper: tuple[str, ...], lower: tuple[str, ...]) -> tuple[str, ...]:
    """Combine two header rows into one label per column ("Contributions: Agency").

    A blank upper cell belongs to the spanning cell on its left.
    """
    if len(upper) != len(lower) or not any(upper):
        return lower
    filled, current = [], ""
    for cell in upper:
        current = cell or current
        filled.append(current)
    return tuple(f"{u}: {lo}" if u and lo and u != lo else (lo or u) for u, lo in zip(filled, lower, strict=True))


def finalise_blocks(blocks: list[Block]) -> list[Block]:
    """Fill in every block's section path and every list item's lead-in."""
    stack: list[tuple[int, str]] = []
    out: list[Block] = []
    lead_in: str | None = None
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            level = block.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, block.text))
            lead_in = None
        elif block.kind is BlockKind.PARAGRAPH:
            # Only a paragraph ending in ":" or "?" introduces the list that follows.
            introduces = block.text.rstrip().endswith((":", "?"))
            lead_in = lead_in_of(block, out[-1] if out else None) if introduces else None
        elif block.kind is BlockKind.TABLE_ROW:
            lead_in = None
        section = tuple(text for _, text in stack)
        if block.kind is BlockKind.LIST_ITEM:
            out.append(block.with_context(section=section, lead_in=lead_in))
        else:
            out.append(block.with_context(section=section))
    return out
