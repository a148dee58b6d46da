"""Structure users rely on: tables with headers, section paths, lead-ins, page breaks."""

from __future__ import annotations

import re

import pytest
from conftest import DATA
from fidelity import squash

from core.model import BlockKind
from ingest.pdf import join_line

REPORT = "hscp-yearly-report-2024-25.pdf"


def seed_tables(text: str) -> list[list[list[str]]]:
    """Markdown tables of a seed: a list of tables, each a list of rows of cell texts."""
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [re.sub(r"<[^>]+>", " ", c).strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def expected_rows(tables):
    """(cells, expected headers) for each body row of the seed tables.

    A row that repeats the trailing label of the table's header ("... | End of Year
    Update") is a sub-header: the rows under it take it as their headers. A table
    with a blank header row continues the previous one.
    """
    out, last_label = [], None
    for table in tables:
        header, *rows = table
        headers = tuple(header) if any(header) else ()
        if headers:
            last_label = headers[-1]
        for cells in rows:
            if last_label and cells[-1] == last_label and len(cells) > 1:
                headers = tuple(cells)
                continue
            out.append((cells, headers))
    return out


def test_every_seed_table_row_arrives_with_its_headers(blocks_by_file):
    seed = (DATA / "seeds" / "hscp-yearly-report-2024-25.txt").read_text(encoding="utf-8")
    tables = seed_tables(seed)
    assert len(tables) >= 20
    rows = [b for b in blocks_by_file[REPORT] if b.kind is BlockKind.TABLE_ROW]
    by_text = {}
    for block in rows:
        by_text.setdefault(squash("".join(block.cells)), []).append(block)
    expectations = expected_rows(tables)
    assert len(expectations) > 80
    for cells, headers in expectations:
        matches = by_text.get(squash("".join(cells)))
        assert matches, f"table row not found: {cells}"
        assert any(headers_match(m.headers, headers) for m in matches), (
            f"{cells[:1]}: headers {[m.headers for m in matches]} != {headers}"
        )


def headers_match(got: tuple[str, ...], expected: tuple[str, ...]) -> bool:
    """Each seed header cell is within the block's header for that column.

    Stacked header rows arrive combined ("Safeguarding Partner Contributions: Agency").
    """
    if not expected:
        return got == ()
    return len(got) == len(expected) and all(squash(e) in squash(g) for g, e in zip(got, expected, strict=True))


def test_tables_are_not_repeated_as_paragraphs(blocks_by_file):
    rows = {squash(b.text) for b in blocks_by_file[REPORT] if b.kind is BlockKind.TABLE_ROW}
    paragraphs = [b for b in blocks_by_file[REPORT] if b.kind is not BlockKind.TABLE_ROW]
    assert not [p.text for p in paragraphs if len(p.text) > 30 and squash(p.text) in rows]
    assert not [p.text for p in paragraphs if p.text.startswith("Leadership Priorities 2024-25")]


def test_priority_update_rows_carry_their_column_headers(blocks_by_file):
    row = next(b for b in blocks_by_file[REPORT] if b.text.startswith("12. Review and re-launch the Right Help"))
    assert row.kind is BlockKind.TABLE_ROW
    assert row.headers == ("Herefordshire Policies and Procedures Priorities", "End of Year Update")
    assert row.cells[1].startswith("This was not completed")
    assert row.section[0] == "Appendix C – Overview of progress against 2024-25 priorities"


def test_a_table_row_cut_by_a_page_break_is_one_row(blocks_by_file):
    row = next(b for b in blocks_by_file[REPORT] if b.text.startswith("7. Continue with the effective arrangements"))
    assert row.cells[0].endswith("through the Joint Case Review Group.")
    assert "did not meet the criteria" in row.cells[1]


NUMBERED_SECTIONS = [
    "1. Foreword from the Delegated Safeguarding Partners",
    "2. About the Yearly Report",
    "3. Area Profile",
    "4. Implementing changes to Statutory Guidance and the National Reforms",
    "5. Analysis of Challenges in Implementing 2024-25 Priorities",
    "6. Impact and Learning from Independent Scrutiny",
    "7. Voice of Children and Families",
    "8. Multi-agency Audit and Quality Assurance Activity",
    "9. Use of data and information sharing",
    "10. Learning from Serious Incidents",
    "11. Representation of Education",
    "12. Multi-Agency Learning and Development Programme",
    "13. Get Safe Approach to Child Exploitation and Contextual Safeguarding",
    "14. Funding Arrangements",
    "15. Future Plans",
    "Appendix A – HSCP Governance Structure",
    "Appendix B – Safeguarding Partners Board",
    "Appendix C – Overview of progress against 2024-25 priorities",
    "Appendix D – Independent Scrutineer Findings",
    "Appendix E – Multi-Agency Training Programme",
]


def test_numbered_sections_are_top_level_headings(blocks_by_file):
    headings = [b for b in blocks_by_file[REPORT] if b.kind is BlockKind.HEADING]
    top = [h.text for h in headings if h.section == (h.text,)]
    assert [t for t in top if t in NUMBERED_SECTIONS] == NUMBERED_SECTIONS


def test_blocks_sit_in_the_section_path_of_their_headings(blocks_by_file):
    blocks = blocks_by_file[REPORT]
    future = [
        b
        for b in blocks
        if b.section[:1] == ("13. Get Safe Approach to Child Exploitation and Contextual Safeguarding",)
        and b.kind is BlockKind.LIST_ITEM
        and b.text.startswith("Further work is required to embed")
    ]
    assert future and future[0].section[1:] == ("Future Plans", "Focus for 2025-2026")


def test_list_items_carry_their_lead_in(blocks_by_file):
    items = [b for b in blocks_by_file[REPORT] if b.lead_in == "To improve the partnership needs to:"]
    assert [i.kind for i in items] == [BlockKind.LIST_ITEM] * 13
    assert items[0].text == "Continue to maintain the pace of improvement."
    assert items[6].text.startswith("Review the evaluation of the impact of training")
    assert items[-1].text.endswith("both boards are compliant with the expectations of WT23.")
    assert {i.section for i in items} == {("6. Impact and Learning from Independent Scrutiny",)}


def test_numbered_focus_areas_are_a_list_across_a_page_break(blocks_by_file):
    items = [
        b for b in blocks_by_file[REPORT] if b.lead_in == "The following areas of focus for 2025-26 were identified:"
    ]
    assert [i.text.split(".")[0] for i in items] == ["1", "2", "3", "4", "5", "6"]
    assert items[2].text.endswith("data, audits and feedback")
    assert {i.page for i in items} == {38, 39}


def test_committee_resolution_list_has_the_resolved_that_lead_in(blocks_by_file):
    items = [
        b
        for b in blocks_by_file["cyp-scrutiny-committee-minutes-2025-01-21.pdf"]
        if b.kind is BlockKind.LIST_ITEM and b.lead_in == "Resolved: That:"
    ]
    assert [i.text[:2] for i in items] == ["1.", "2.", "3."]
    assert items[0].text.startswith("1. The partnership ensures that recommendations")


def test_paragraph_continues_across_a_page_break(blocks_by_file):
    para = next(b for b in blocks_by_file[REPORT] if b.text.startswith("Working Together 2023 (WT23) requires"))
    assert para.page == 3
    assert para.text.endswith("identify and respond to the needs of children in the area.")


def test_footnotes_do_not_split_the_paragraph_they_interrupt(blocks_by_file):
    blocks = blocks_by_file["hscb-annual-report-2013-14.pdf"]
    para = next(b for b in blocks if "remedial work" in b.text)
    assert "remains too often inaccurate and unreliable" in para.text


def test_hyphenated_compounds_keep_their_hyphen(blocks_by_file):
    text = " ".join(b.text for b in blocks_by_file[REPORT])
    assert "multi-agency quality assurance framework" in text
    assert "multi- agency" not in text and "multiagency quality" not in text


@pytest.mark.parametrize(
    "text,line,vocabulary,joined",
    [
        ("the multi-", "agency plan", {"multi-agency"}, "the multi-agency plan"),
        ("improve safe-", "guarding practice", {"safeguarding"}, "improve safeguarding practice"),
        ("a plain", "line", set(), "a plain line"),
        ("ends with a dash –", "then more", set(), "ends with a dash – then more"),
    ],
)
def test_join_line_rejoins_hyphenated_words(text, line, vocabulary, joined):
    assert join_line(text, line, vocabulary) == joined


def test_word_lists_keep_their_numbering_labels(blocks_by_file):
    blocks = blocks_by_file["hscp-multi-agency-safeguarding-arrangements-2023.docx"]
    item = next(b for b in blocks if b.text.endswith("children are safeguarded, and their welfare promoted"))
    assert item.kind is BlockKind.LIST_ITEM and item.text.startswith("a. ")
    assert item.lead_in.startswith("1.15 The purpose of the children’s multiagency safeguarding arrangement")


def test_word_headings_tables_and_no_page_headers(blocks_by_file):
    blocks = blocks_by_file["hscp-annual-report-2020-21.docx"]
    headings = [b.text for b in blocks if b.kind is BlockKind.HEADING and b.level == 1]
    assert "Independent Scrutineer comments" in headings
    row = next(b for b in blocks if b.kind is BlockKind.TABLE_ROW and b.headers[:1] == ("Emotional Abuse",))
    assert row.cells == ("65", "5", "29", "8")


def test_stacked_header_rows_combine_per_column(blocks_by_file):
    row = next(b for b in blocks_by_file[REPORT] if b.text.startswith("West Mercia Police | £69,400"))
    assert row.headers == (
        "Safeguarding Partner Contributions: Agency",
        "Safeguarding Partner Contributions: 2024-25 Contribution £",
        "Safeguarding Partner Contributions: %",
        "Expenditure (HSAB, HSCP, CSP): Category",
        "Expenditure (HSAB, HSCP, CSP): Expenditure",
    )
