"""Ingestion speed: pages/second per format against bare text extraction, and the end-to-end
`sgkb ingest` of the corpus (parse, tag, store, link, index), now and at an earlier commit.

PDF reading is timed with column detection on, against pdfplumber's bare extract_text(), on
the corpus (single-column pages) and on the two-column PDFs of tests/data/mixed. Also counts
how many times the first ingest writes each search-index entry (Whoosh's add_document calls
against the entries the index holds), the time of a re-ingest of the unchanged corpus, and
(with LibreOffice) the reading order of held-out two-column PDFs: the mixed set's Word files,
set in two columns and exported, none of which the column finder was written against.
Usage: python bench/ingest.py [--repeat N] [--before REV] [--quick]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
from common import CORPUS, ROOT, best_of, measure, parser
from whoosh import writing

from core.config import load_config
from ingest.reader import read_document
from sgkb.service import KnowledgeBase

BEFORE = "c3f1da3"  # the last commit before the service layer (each index entry written twice)
MIXED = ROOT / "tests" / "data" / "mixed"
TWO_COLUMN = [
    MIXED / "calderbrook" / "cscp-annual-report-2020-21.pdf",
    MIXED / "northmoor" / "nscp-annual-report-2021-22.pdf",
]
# Single-column Word files of the mixed set, set in two columns for the held-out measure.
HELD_OUT = [
    ("calderbrook", "cscp-independent-scrutineer-report-2022-23.docx"),
    ("calderbrook", "calderbrook-childrens-scrutiny-panel-item-2024-25-yearly-report.docx"),
    ("northmoor", "nscp-yearly-report-2023-24.docx"),
    ("northmoor", "nscp-multi-agency-arrangements-2019.docx"),
    ("northmoor", "northmoor-ofsted-inspection-2023.docx"),
]


def bare_text(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def parse(path: Path) -> None:
    read_document(path, path.read_bytes())


def cli_ingest(data: Path, cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", env.pop("SGKB_CLI", "cli.main"), "--data-dir", str(data), "ingest", str(CORPUS)],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def before_ingest(rev: str, tmp: Path) -> float | None:
    """`sgkb ingest` of the corpus with the code at `rev` (same virtual environment)."""
    if subprocess.run(["git", "cat-file", "-e", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True).returncode:
        return None
    tree = tmp / "before"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    env = {**os.environ, "PYTHONPATH": str(tree), "SGKB_CLI": "sgkb.cli"}
    env.pop("SGKB_CONFIG", None)
    return cli_ingest(tmp / "before-data", tree, env)


def index_writes(data: Path, corpus: Path) -> tuple[int, int]:
    """(add_document calls, entries held) for a first ingest of `corpus` in this process."""
    calls = 0
    original = writing.SegmentWriter.add_document

    def counting(self, **fields):
        nonlocal calls
        calls += 1
        return original(self, **fields)

    writing.SegmentWriter.add_document = counting
    try:
        config = load_config(environ={}).with_overrides(
            data_dir=data, corpus_dir=corpus, metadata_file=corpus / "metadata.yaml"
        )
        KnowledgeBase(config).update()
    finally:
        writing.SegmentWriter.add_document = original
    kb = KnowledgeBase(config)
    searcher, _ = kb.index._searcher()
    return calls, searcher.doc_count()


def main() -> None:
    p = parser(__doc__, "smallest PDF only, no comparison with the earlier commit")
    p.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best is kept")
    p.add_argument("--before", default=BEFORE, help="the commit to compare the end-to-end ingest with")
    args = p.parse_args()
    repeat = 1 if args.quick else args.repeat
    pdfs = sorted(CORPUS.glob("*.pdf"), key=lambda f: f.stat().st_size)[: 1 if args.quick else None]
    docxs = sorted(CORPUS.glob("*.docx"))
    pages = sum(len(pdfplumber.open(f).pages) for f in pdfs)
    print(f"corpus: {len(pdfs)} PDF ({pages} pages), {len(docxs)} Word files; best of {repeat}, one process")
    bare = sum(best_of(repeat, lambda f=f: bare_text(f)) for f in pdfs)
    full = sum(best_of(repeat, lambda f=f: parse(f)) for f in pdfs)
    measure("PDF bare pdfplumber extract_text", pages / bare, "pages/s")
    measure("PDF structured reading (columns, lists, tables)", pages / full, "pages/s")
    measure("PDF structure cost ratio (structured / bare)", full / bare, "x")
    two_pages = sum(len(pdfplumber.open(f).pages) for f in TWO_COLUMN)
    two_bare = sum(best_of(repeat, lambda f=f: bare_text(f)) for f in TWO_COLUMN)
    two_full = sum(best_of(repeat, lambda f=f: parse(f)) for f in TWO_COLUMN)
    measure("two-column PDF bare extract_text", two_pages / two_bare, "pages/s", f"{two_pages} pages")
    measure("two-column PDF structured reading", two_pages / two_full, "pages/s")
    measure("two-column PDF structure cost ratio (structured / bare)", two_full / two_bare, "x")
    words = sum(len(b.text.split()) for f in docxs for b in read_document(f, f.read_bytes()).blocks)
    docx_time = sum(best_of(repeat, lambda f=f: parse(f)) for f in docxs)
    measure("Word structured reading", words / docx_time, "words/s")

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        counted = CORPUS
        if args.quick:  # the two Word files: a first ingest in seconds
            counted = tmp_path / "word"
            counted.mkdir()
            for f in docxs:
                shutil.copy(f, counted / f.name)
        calls, held = index_writes(tmp_path / "counted", counted)
        measure("first ingest: index entries written", calls, "", "Whoosh add_document calls")
        measure("first ingest: entries in the index", held, "", f"{calls / held:.2f} writes per entry")
        if args.quick:
            return
        env = {k: v for k, v in os.environ.items() if not k.startswith("SGKB_")}
        after = cli_ingest(tmp_path / "after", ROOT, dict(env))
        measure("sgkb ingest of the corpus, end to end (now)", after, "s")
        again = best_of(
            3, lambda: KnowledgeBase(load_config(environ={}).with_overrides(data_dir=tmp_path / "after")).update()
        )
        measure("re-ingest of the unchanged corpus", again * 1000, "ms")
        earlier = before_ingest(args.before, tmp_path)
        if earlier is None:
            print(f"(commit {args.before} is not in this clone: no comparison)")
        else:
            measure(f"sgkb ingest of the corpus, end to end (at {args.before})", earlier, "s")
            measure("end-to-end ratio (now / before)", after / earlier, "x")
        shutil.rmtree(tmp_path / "before", ignore_errors=True)
        held_out_two_columns(tmp_path / "held-out")


def held_out_two_columns(folder: Path) -> None:
    """Reading order and list items of Word files set in two columns and exported by LibreOffice."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sys.path.insert(0, str(ROOT / "tests"))
    from fidelity import squash
    from test_mixed_documents import _LABEL, expected, reading_order, text_of

    from core.model import BlockKind

    soffice = shutil.which("soffice")
    if soffice is None:
        print("(LibreOffice not installed: no held-out two-column measure)")
        return
    folder.mkdir()
    for area, name in HELD_OUT:
        document = docx.Document(str(MIXED / area / name))
        for section in document.sections:
            cols = section._sectPr.find(qn("w:cols"))
            if cols is None:
                cols = OxmlElement("w:cols")
                section._sectPr.append(cols)
            cols.set(qn("w:num"), "2")
            cols.set(qn("w:space"), "425")
        for table in document.tables:  # a table as wide as the column, not the page
            width = table._tbl.tblPr.find(qn("w:tblW"))
            if width is None:
                width = OxmlElement("w:tblW")
                table._tbl.tblPr.append(width)
            width.set(qn("w:type"), "pct")
            width.set(qn("w:w"), "5000")
            for cell_width in table._tbl.iter(qn("w:tcW")):
                cell_width.set(qn("w:type"), "auto")
                cell_width.set(qn("w:w"), "0")
        document.save(str(folder / name))
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / n) for _, n in HELD_OUT),
        ],
        check=True,
        capture_output=True,
    )
    orders, found, wanted = [], 0, 0
    for area, name in HELD_OUT:
        pdf = folder / name.replace(".docx", ".pdf")
        blocks = read_document(pdf, pdf.read_bytes()).blocks
        orders.append(reading_order(list(blocks), text_of(area, name)))
        items = {squash(_LABEL.sub("", b.text)) for b in blocks if b.kind is BlockKind.LIST_ITEM}
        expected_items = expected(area)[name]["list_items"]
        found += sum(squash(text) in items for text in expected_items)
        wanted += len(expected_items)
        measure(f"held-out two-column {name}: sentences in reading order", orders[-1] * 100, "%")
    measure("held-out two-column PDFs: sentences in reading order (mean)", sum(orders) / len(orders) * 100, "%")
    measure(
        "held-out two-column PDFs: expected list items read as list items",
        found / wanted * 100,
        "%",
        f"{found} of {wanted}",
    )


if __name__ == "__main__":
    main()
