"""Documents as they come: the mixed Calderbrook and Northmoor/Eastholme sets (tests/data/mixed/).

Both sets are ingested once into a temporary store and checked, file by file, against the
expectations written down with them (expected.yaml) and their reading-order texts (texts/):
type, period, date, partnership and publisher; every list item arriving as a list item; the
order of the sentences on two-column pages; nothing merged that should not be, nothing lost;
the scanned minutes read by OCR, with a note and tesseract's confidence. Unit tests cover the
column finder, the bullet glyphs and a single-column corpus page read exactly as before.
"""

from __future__ import annotations

import bisect
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import CORPUS, MIXED, make_config
from fidelity import squash

from core.model import BlockKind
from ingest.columns import Box, TextLine, reading_regions, runs_of
from ingest.ocr import ocr_available
from ingest.pdf import _read_page
from ingest.structure import bullet_length, clean_text, split_sentences
from ingest.word import _typed_bullet
from sgkb.service import KnowledgeBase

AREAS = ("calderbrook", "northmoor")
MIN_ORDER = 0.97  # share of a two-column file's sentences read in order
# A list item's own number or letter, as the ingestors keep it ("1.1.", "(a)", "ii.").
_LABEL = re.compile(r"^(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+|\d{1,2}(?:\.\d{1,2})+\.?\s+)")
# What texts/*.txt put before a list item ("•", "o", "1.", "(a)") that the blocks may not have.
_TEXT_MARK = re.compile(r"^(?:[•o■▪–➢-]\s+|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+)")


def expected(area: str) -> dict[str, dict]:
    raw = yaml.safe_load((MIXED / area / "expected.yaml").read_text(encoding="utf-8"))
    return raw.get("files") or raw.get("documents")


FILES = [(area, name) for area in AREAS for name in expected(area)]
EXPECTED = {name: spec for area in AREAS for name, spec in expected(area).items()}


def text_of(area: str, name: str) -> Path:
    """The file's text in reading order, one block a line (texts/<file>.txt)."""
    return MIXED / area / "texts" / f"{name}.txt"


def two_column(spec: dict) -> bool:
    return bool((spec.get("layout") or {}).get("two_column"))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Both sets' test inputs (not sources/ or texts/) ingested once: (knowledge base, report)."""
    root = tmp_path_factory.mktemp("mixed")
    folders = []
    for area in AREAS:
        folder = root / area
        folder.mkdir()
        for name in expected(area):
            shutil.copy(MIXED / area / name, folder / name)
        folders.append(folder)
    kb = KnowledgeBase(make_config(root / "data", folders[0]))
    report = kb.update(folders)
    yield kb, report
    kb.close()


@pytest.fixture(scope="module")
def documents(mixed):
    """File name -> stored document (alternate formats included)."""
    kb, _ = mixed
    return {d.file: d for d in kb.store.documents(alternates=True)}


def blocks_of(mixed, documents, name: str):
    kb, _ = mixed
    return kb.store.blocks(documents[name].id)


# -- metadata ------------------------------------------------------------------------------


@pytest.mark.parametrize("area,name", FILES)
def test_type_period_date_and_partnership(area, name, documents):
    doc, spec = documents[name], EXPECTED[name]
    got = (doc.doc_type.value, doc.period, doc.date, doc.partnership)
    assert got == (spec["type"], spec["period"], spec["date"], spec["partnership"])


@pytest.mark.parametrize("area,name", [(a, n) for a, n in FILES if EXPECTED[n].get("publisher")])
def test_publisher(area, name, documents):
    assert documents[name].meta.publisher == EXPECTED[name]["publisher"]


def test_no_value_is_invented_from_a_file_date(documents):
    """The Eastholme PDF was exported years after its period and states no date: none is given."""
    doc = documents["eastholme-scp-annual-report-2022-23.pdf"]
    assert doc.date is None
    assert any("file's own date" in note for note in doc.notes)
    undated = documents["calderbrook-partnership-note-undated.docx"]
    assert (undated.period, undated.date) == (None, None)


# -- structure -----------------------------------------------------------------------------


@pytest.mark.parametrize("area,name", [(a, n) for a, n in FILES if EXPECTED[n].get("list_items") is not None])
def test_every_list_item_arrives_as_a_list_item(area, name, mixed, documents):
    items = [squash(_LABEL.sub("", b.text)) for b in blocks_of(mixed, documents, name) if b.kind is BlockKind.LIST_ITEM]
    wanted = [squash(text) for text in EXPECTED[name]["list_items"]]
    missing = [text for text, key in zip(EXPECTED[name]["list_items"], wanted, strict=True) if key not in items]
    assert not missing, f"not list items: {missing}"
    assert len(items) == len(wanted), f"{len(items)} list items, {len(wanted)} expected"


def reading_order(blocks, text_file: Path) -> float:
    """The share of the text's sentences (of five words or more) that the blocks hold in the
    same order: the longest run found in increasing position, over all the sentences."""
    haystack = "|".join(squash(b.text) for b in blocks)
    positions: list[int] = []
    sentences = 0
    for line in text_file.read_text(encoding="utf-8").splitlines():
        for cell in filter(None, (c.strip() for c in line.split(" | "))):
            for sentence in split_sentences(_TEXT_MARK.sub("", cell)):
                if len(sentence.split()) < 5:
                    continue
                sentences += 1
                key = squash(sentence)
                at = haystack.find(key, positions[-1] + 1 if positions else 0)
                at = at if at >= 0 else haystack.find(key)  # a repeated sentence: the next one
                if at >= 0:
                    positions.append(at)
    longest: list[int] = []
    for at in positions:
        i = bisect.bisect_left(longest, at)
        longest[i : i + 1] = [at]
    return len(longest) / sentences if sentences else 1.0


@pytest.mark.parametrize("area,name", [(a, n) for a, n in FILES if two_column(EXPECTED[n])])
def test_two_column_pages_are_read_column_by_column(area, name, mixed, documents):
    order = reading_order(blocks_of(mixed, documents, name), text_of(area, name))
    assert order >= MIN_ORDER, f"{order:.3f} of the sentences in reading order"


def test_reading_order_measure_can_fail(mixed, documents):
    """The same measure on the blocks read top to bottom across both columns falls far short."""
    name = "cscp-annual-report-2020-21.pdf"
    blocks = blocks_of(mixed, documents, name)
    shuffled = blocks[::2] + blocks[1::2]
    assert reading_order(shuffled, text_of("calderbrook", name)) < 0.8


RUNNING = [(a, n) for a, n in FILES if {"running_header", "running_footer"} & set(EXPECTED[n].get("layout") or {})]


@pytest.mark.parametrize("area,name", RUNNING)
def test_running_headers_footers_and_page_numbers_are_removed(area, name, mixed, documents):
    layout = EXPECTED[name]["layout"]
    running = [re.split(r"\s{2,}|\s+Page N", layout[k])[0] for k in ("running_header", "running_footer") if k in layout]
    running = [r for r in running if r != "Page N"]
    for block in blocks_of(mixed, documents, name):
        assert not re.search(r"\bPage \d+\b", block.text), block
        assert not any(r in block.text for r in running), block


def test_a_table_split_across_columns_is_one_table(mixed, documents):
    rows = [b for b in blocks_of(mixed, documents, "nscp-annual-report-2021-22.pdf") if b.kind is BlockKind.TABLE_ROW]
    budget = [r for r in rows if r.cells[:1] == ("Partner",)]
    assert len(budget) == 1, "the header repeated at the top of the next column is not a second header"
    total = next(r for r in rows if r.cells[0] == "Total")
    assert total.headers == ("Partner", "Contribution")


# -- nothing merged, nothing lost ----------------------------------------------------------


def test_nothing_merged_that_should_not_be_and_nothing_lost(mixed, documents):
    kb, report = mixed
    assert not report.failed, report.failed
    twins = {name: spec["same_document_as"] for name, spec in EXPECTED.items() if spec.get("same_document_as")}
    current = kb.documents()
    assert len(current) == len(EXPECTED) - len(twins)
    assert {d.file for d in documents.values()} == set(EXPECTED)
    for name, other in twins.items():
        group = {documents[name].id, documents[other].id}
        primary = next(d for d in current if d.id in group)
        assert [a.id for a in primary.alternates] == list(group - {primary.id})
        assert primary.format == "pdf"  # the preferred format is read for items


def test_a_meeting_item_titled_like_the_report_it_discusses_is_its_own_document(mixed, documents):
    kb, report = mixed
    item = documents["calderbrook-childrens-scrutiny-panel-item-2024-25-yearly-report.docx"]
    yearly = documents["cscp-yearly-report-2023-24.pdf"]
    assert item.alternate_of is None and yearly.alternate_of is None
    assert not yearly.alternates and not item.alternates
    assert kb.store.items(item.id) and kb.store.items(yearly.id)
    said = next(f for f in report.files if f.name == item.file)
    assert said.outcome == "ingested" and not any("same document" in d for d in said.decisions)


def test_ingest_says_what_it_detected_and_decided_per_file(mixed):
    _, report = mixed
    by_name = {f.name: f for f in report.files}
    assert set(by_name) == set(EXPECTED)
    for name, spec in EXPECTED.items():
        assert f"type {spec['type']}" in by_name[name].detected
        assert f"partnership {spec['partnership']}" in by_name[name].detected
    pair = [by_name["cscb-annual-report-2016-17.docx"], by_name["cscb-annual-report-2016-17.pdf"]]
    assert any("in another format" in d for f in pair for d in f.decisions)


def test_the_preferred_format_arriving_second_takes_over_from_its_twin(tmp_path):
    """The Word file first, its PDF later: the PDF is read for items, the Word file kept as its
    alternate, and the switch is said by name."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = "cscb-annual-report-2016-17"
    shutil.copy(MIXED / "calderbrook" / f"{name}.docx", folder / f"{name}.docx")
    kb = KnowledgeBase(make_config(tmp_path / "data", folder))
    kb.update()
    docx_items = {i.text for i in kb.store.items()}
    shutil.copy(MIXED / "calderbrook" / f"{name}.pdf", folder / f"{name}.pdf")
    report = kb.update()
    said = next(f for f in report.files if f.name == f"{name}.pdf")
    assert any("preferred format" in d and f"{name}.docx" in d for d in said.decisions), said.decisions
    (primary,) = kb.documents()
    assert primary.format == "pdf" and [a.format for a in primary.alternates] == ["docx"]
    assert kb.store.items(primary.id) and len(kb.store.items()) == len(kb.store.items(primary.id))
    assert docx_items
    kb.close()


# -- OCR -------------------------------------------------------------------------------------


@pytest.mark.skipif(not ocr_available(), reason="ocrmypdf/tesseract not installed (make system installs them)")
def test_the_scanned_minutes_are_read_by_ocr_with_a_note_and_confidence(mixed, documents):
    _, report = mixed
    name = "calderbrook-scanned-minutes-2024-06-10.pdf"
    doc = documents[name]
    note = next(n for n in doc.notes if n.startswith("read by OCR"))
    confidence = float(re.search(r"mean word confidence (\d+)%", note).group(1))
    assert 80 <= confidence <= 100
    assert any(d.startswith("read by OCR") for d in next(f for f in report.files if f.name == name).decisions)
    order = reading_order(blocks_of(mixed, documents, name), text_of("calderbrook", name))
    assert order >= MIN_ORDER


# -- units: columns, bullets, single-column pages --------------------------------------------


def line(top: float, *runs: tuple[float, float]) -> TextLine:
    return TextLine(top, top + 10, tuple(runs))


PAGE = Box(0, 0, 600, 800)


def test_a_single_column_is_one_region():
    lines = [line(100 + 14 * i, (50, 550 - (i % 3) * 40)) for i in range(30)]
    assert reading_regions(lines, PAGE) == [PAGE]


def test_two_columns_between_full_width_parts_are_read_column_by_column():
    title = [line(60, (50, 520)), line(80, (50, 300))]
    left = [line(120 + 14 * i, (50, 285)) for i in range(20)]
    right = [line(122 + 14 * i, (310, 550)) for i in range(20)]  # balanced with the left
    after = [line(420, (50, 140)), line(440, (50, 540))]  # a heading after the columns, then full width
    regions = reading_regions(title + left + right + after, PAGE)
    assert len(regions) == 4
    top, first, second, bottom = regions
    assert (top.x0, top.x1) == (0, 600) and top.bottom <= first.top
    assert first.x1 == second.x0 and 285 < first.x1 < 310
    assert first.top == second.top and first.bottom == second.bottom
    assert bottom.top >= max(ln.bottom for ln in left + right) and bottom.holds(100, 425)


def test_bullets_hanging_left_of_a_column_stay_with_it():
    left = [line(100 + 14 * i, (50, 285)) for i in range(12)]
    right = [line(100 + 28 * i, (310, 316), (328, 550)) for i in range(6)]
    right += [line(114 + 28 * i, (328, 540)) for i in range(6)]
    _, column = reading_regions(left + right, PAGE)
    assert column.x0 < 310


def test_labels_beside_their_values_are_not_columns():
    lines = [line(100 + 14 * i, (50, 110), (200, 540)) for i in range(12)]  # "Present:  Councillor ..."
    assert reading_regions(lines, PAGE) == [PAGE]


def test_three_columns_are_three_regions():
    lines = [line(100 + 14 * i, (40, 200), (220, 380), (400, 560)) for i in range(20)]
    regions = reading_regions(lines, PAGE)
    assert [round((r.x0 + r.x1) / 2) for r in regions] == sorted(round((r.x0 + r.x1) / 2) for r in regions)
    assert len(regions) == 3


def test_runs_split_at_gaps_wider_than_a_word_space():
    chars = [(50 + 6 * i, 55 + 6 * i, 10) for i in range(20)] + [(300 + 6 * i, 305 + 6 * i, 10) for i in range(5)]
    assert runs_of(chars) == ((50, 169), (300, 329))


@pytest.mark.parametrize(
    "raw,text",
    [
        ("\uf0b7 Embed the toolkit", "Embed the toolkit"),  # Symbol bullet (Word, LibreOffice)
        ("\uf0a7 Embed the toolkit", "Embed the toolkit"),  # Wingdings square
        ("\uf0d8\tEmbed the toolkit", "Embed the toolkit"),  # Wingdings arrow, tab
        ("• Embed the toolkit", "Embed the toolkit"),
        ("▪ Embed the toolkit", "Embed the toolkit"),
        ("■ Embed the toolkit", "Embed the toolkit"),
        ("➢ Embed the toolkit", "Embed the toolkit"),
        ("– Embed the toolkit", "Embed the toolkit"),
        ("✔ Embed the toolkit", "Embed the toolkit"),
    ],
)
def test_bullet_glyphs_of_every_kind_start_a_list_item(raw, text):
    cleaned = clean_text(raw)
    assert cleaned[bullet_length(cleaned) :] == text


def test_a_private_use_character_elsewhere_is_dropped_and_plain_text_is_no_bullet():
    assert clean_text("the \uf0b7 toolkit") == "the toolkit"
    assert bullet_length(clean_text("Embed the toolkit")) == 0
    assert bullet_length("•") == 0  # a bullet alone is not a list item


def test_typed_second_level_bullets_in_word():
    assert _typed_bullet("o\tIn the March 2024 audit", "o In the March 2024 audit") == 2
    assert _typed_bullet("on the day", "on the day") == 0
    assert _typed_bullet("1.1\tThis document describes", "1.1 This document describes") == 0


@pytest.mark.parametrize(
    "name,page",
    [
        ("hscp-yearly-report-2024-25.pdf", 4),
        ("hscb-annual-report-2013-14.pdf", 6),
        ("hscp-annual-report-2020-21.pdf", 9),
    ],
)
def test_a_single_column_corpus_page_is_read_as_before(name, page):
    """No columns found: the page's lines are pdfplumber's own lines, in its order."""
    with pdfplumber.open(CORPUS / name) as pdf:
        content = _read_page(pdf.pages[page - 1])
        bare = [
            clean_text(raw["text"])
            for raw in pdf.pages[page - 1].extract_text_lines(return_chars=True, strip=True)
            if any(c["text"].strip() for c in raw["chars"])
        ]
    assert content.regions == 1 and not content.tables
    assert {ln.region for ln in content.lines} == {0}
    assert [ln.text for ln in content.lines] == bare


def test_corpus_pdfs_have_no_columns():
    """Every page of the corpus's smaller PDFs is read as one column (the big ones: a sample)."""
    for name in sorted(p.name for p in CORPUS.glob("*.pdf")):
        with pdfplumber.open(CORPUS / name) as pdf:
            for page in pdf.pages[:12]:
                assert _read_page(page).regions == 1, (name, page.page_number)
                page.close()
