"""Ingested text against the plain-text seeds of the same documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS_FILES, DATA
from fidelity import seed_sentences, squash

RUNNING = yaml.safe_load((DATA / "running_lines.yaml").read_text(encoding="utf-8"))


def seed_for(name: str) -> str:
    seed = (DATA / "seeds" / (Path(name).stem + ".txt")).read_text(encoding="utf-8")
    # The seeds were extracted with the running header left in mid-sentence; drop it.
    return seed.replace(RUNNING[name], " ")


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_seed_sentences_are_found_in_blocks(name, blocks_by_file):
    haystack = "|".join(squash(b.text) for b in blocks_by_file[name])
    sentences = seed_sentences(seed_for(name))
    missing = [s for s in sentences if squash(s) not in haystack]
    assert len(sentences) > 100
    found = 1 - len(missing) / len(sentences)
    assert found >= 0.99, f"{found:.3f} found; missing e.g. {missing[:5]}"


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_no_block_holds_a_running_header_or_footer(name, blocks_by_file):
    header = RUNNING[name]
    for block in blocks_by_file[name]:
        assert header not in block.text, block
        assert not re.fullmatch(r"Page \d+", block.text), block
        assert not re.search(r"\bPage \d+\b", block.text) or block.kind.value == "table_row", block


@pytest.mark.parametrize("name", [n for n in CORPUS_FILES if n.endswith(".pdf")])
def test_every_pdf_block_has_a_page(name, blocks_by_file):
    assert all(b.page for b in blocks_by_file[name])
