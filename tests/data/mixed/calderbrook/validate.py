#!/usr/bin/env python
"""Self-checks for the Calderbrook test material (does not run the project's code).

    /work/main/.venv/bin/python tests/data/mixed/calderbrook/validate.py
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import sys
import zipfile
from pathlib import Path

import docx
import pdfplumber
import yaml

HERE = Path(__file__).resolve().parent
LABELS = HERE.parent.parent / "labels"

errors = []


def err(msg):
    errors.append(msg)
    print("ERROR:", msg)


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def squash(s):
    return re.sub(r"\s+", "", s or "")


def column_text(pg):
    """Reading-order text of a page that mixes full-width bands and two-column bands."""
    mid = pg.width / 2
    boxes = [t.bbox for t in pg.find_tables()]  # table rows are checked elsewhere

    def in_table(w):
        return any(x0 - 1 <= w["x0"] and w["x1"] <= x1 + 1 and top - 1 <= w["top"] and w["bottom"] <= bot + 1
                   for x0, top, x1, bot in boxes)

    words = [w for w in pg.extract_words()
             if 56 < w["top"] < pg.height - 50 and not in_table(w)]  # no header/footer
    lines = {}
    for w in words:
        lines.setdefault(round(w["top"] / 3), []).append(w)
    bands, current = [], None
    for key in sorted(lines):
        ws = lines[key]
        spanning = any(w["x0"] < mid - 2 and w["x1"] > mid + 2 for w in ws)
        kind = "full" if spanning else "cols"
        if current is None or current[0] != kind:
            current = (kind, [])
            bands.append(current)
        current[1].append(ws)
    # a short full-width line (e.g. a heading) just below a balanced two-column band reads as
    # part of the band; move it out when it lies below both columns after a clear gap
    fixed = []
    for kind, band in bands:
        tail = []
        if kind == "cols":
            rights = [w["top"] for ws in band for w in ws if w["x0"] >= mid]
            while len(band) > 1 and rights:
                last, prev = band[-1], band[-2]
                t_last = min(w["top"] for w in last)
                t_prev = min(w["top"] for w in prev)
                if all(w["x1"] <= mid for w in last) and t_last > max(rights) and t_last - t_prev > 18:
                    tail.insert(0, band.pop())
                else:
                    break
        fixed.append((kind, band))
        if tail:
            fixed.append(("full", tail))
    out = []
    for kind, band in fixed:
        if kind == "full":
            out += [" ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])) for ws in band]
        else:
            for side in (lambda w: w["x1"] <= mid, lambda w: w["x0"] >= mid):
                for ws in band:
                    sel = [w for w in sorted(ws, key=lambda w: w["x0"]) if side(w)]
                    if sel:
                        out.append(" ".join(w["text"] for w in sel))
    return "\n".join(out)


expected = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))["files"]
inputs = sorted(p.name for p in HERE.iterdir() if p.suffix in (".docx", ".pdf"))
if sorted(expected) != inputs:
    err(f"expected.yaml files {sorted(expected)} != inputs {inputs}")
texts = {name: (HERE / "texts" / f"{name}.txt").read_text(encoding="utf-8") for name in inputs}

# 1. metadata sanity and list items present in the text files
for name, e in expected.items():
    assert e["partnership"] == "Calderbrook"
    assert e["type"] in ("annual_report", "arrangements", "minutes", "scrutineer_report",
                         "inspection_report", "other"), name
    for li in e["list_items"]:
        if norm(li) not in norm(texts[name]):
            err(f"{name}: list item not in text: {li!r}")

# 2. Word list items are real Word list paragraphs (numPr) or hanging-indent glyph paragraphs
for name in inputs:
    if not name.endswith(".docx"):
        continue
    d = docx.Document(HERE / name)
    listed = []
    for para in d.paragraphs:
        ppr = para._p.pPr
        has_num = ppr is not None and ppr.numPr is not None
        if has_num or para.style.name in ("List Bullet", "List Number"):
            listed.append(para.text)
    if listed != expected[name]["list_items"]:
        err(f"{name}: Word list paragraphs differ from expected list_items")
    # core properties of the undated note carry no dates
    if expected[name]["date"] is None:
        core = zipfile.ZipFile(HERE / name).read("docProps/core.xml").decode()
        if "dcterms:created" in core or "dcterms:modified" in core:
            err(f"{name}: core properties carry a date")
        if re.search(r"\b(19|20)\d\d\b", texts[name]):
            err(f"{name}: a year appears in the undated note")

# 3. PDFs open; scanned has no text; two-column really has two columns; text-layer fidelity
for name in inputs:
    if not name.endswith(".pdf"):
        continue
    e = expected[name]
    with pdfplumber.open(HERE / name) as pdf:
        pages = pdf.pages
        all_text = "\n".join((pg.extract_text() or "") for pg in pages)
        if e["layout"].get("scanned") and shutil.which("tesseract") and shutil.which("pdftoppm"):
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(["pdftoppm", "-r", "200", "-png", str(HERE / name), f"{tmp}/pg"], check=True)
                ocr = "".join(subprocess.run(["tesseract", str(png), "-"], capture_output=True,
                                             text=True).stdout for png in sorted(Path(tmp).glob("pg*.png")))
            lines = [ln for ln in texts[name].splitlines() if ln.strip()]
            found = sum(1 for ln in lines if squash(ln) in squash(ocr))
            print(f"info {name}: OCR (tesseract) recovers {found} of {len(lines)} lines exactly")
        if e["layout"].get("scanned"):
            n_chars = sum(len(pg.chars) for pg in pages)
            if n_chars or all_text.strip():
                err(f"{name}: scanned PDF has a text layer ({n_chars} chars)")
            if not all(pg.images for pg in pages):
                err(f"{name}: a page without an image")
            print(f"ok {name}: {len(pages)} image-only page(s)")
            continue
        two_col_pages = 0
        col_text = []
        for pg in pages:
            words = pg.extract_words()
            mid = pg.width / 2
            left = [w for w in words if w["x1"] < mid - 4]
            right = [w for w in words if w["x0"] > mid + 4]
            # a real second column: many words starting in the right half at a common left edge
            right_starts = {round(w["x0"]) for w in right}
            if len(left) > 40 and len(right) > 40:
                common = max(sum(1 for w in right if abs(w["x0"] - x) < 2) for x in right_starts)
                if common >= 8:
                    two_col_pages += 1
            col_text.append(column_text(pg))
        if e["layout"].get("two_column"):
            print(f"{name}: {two_col_pages} of {len(pages)} pages have two columns")
            if two_col_pages < 3:
                err(f"{name}: only {two_col_pages} two-column pages")
            hay = squash("\n".join(col_text))
        else:
            hay = squash(all_text)
        hay = hay.replace("\uf0b7", "")
        missing = 0
        for line in texts[name].splitlines():
            if " | " in line or not line.strip():
                continue
            if squash(line) not in hay and squash(line) not in squash(all_text):
                missing += 1
                err(f"{name}: text-layer lacks line: {line[:70]!r}")
        if "U+F0B7" in str(e["layout"].get("bullet_glyph", "")) and "\uf0b7" not in all_text:
            err(f"{name}: no U+F0B7 bullet glyph in the text layer")
        # reading order: the text file's lines appear in the same order in the text layer
        pos, out_of_order = 0, 0
        for line in texts[name].splitlines():
            if " | " in line or not line.strip():
                continue
            k = hay.find(squash(line), pos)
            if k < 0:
                out_of_order += 1
                err(f"{name}: out of reading order: {line[:60]!r}")
            else:
                pos = k + len(squash(line))
        print(f"ok {name}: {len(pages)} pages, text layer checked, {missing} missing lines, "
              f"{out_of_order} out of order")

# 4. labels: texts found in the text files, ids unique, links consistent
doc_dates = {n: e["date"] for n, e in expected.items()}
all_ids = {}
for f in (LABELS / "items").glob("*.jsonl"):
    for line in f.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            if r["id"] in all_ids:
                err(f"duplicate id {r['id']} in {f.name} and {all_ids[r['id']]}")
            all_ids[r["id"]] = f.name
items = {}
counts = {}
for name in inputs:
    f = LABELS / "items" / f"{name}.jsonl"
    if not f.exists():
        continue
    for line in f.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        items[r["id"]] = r
        assert r["doc"] == name
        assert r["kind"] in ("recommendation", "priority", "action")
        assert r["confidence"] in ("clear", "borderline")
        if norm(r["text"]) not in norm(texts[name]):
            err(f"item {r['id']}: text not in {name}.txt")
        counts.setdefault(name, {}).setdefault(r["kind"], 0)
        counts[name][r["kind"]] += 1
status_counts = {}
for name in inputs:
    f = LABELS / "links" / f"{name}.jsonl"
    if not f.exists():
        continue
    for line in f.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        it = items[r["item_id"]]
        assert r["item_doc"] == name and it["text"] == r["item_text"] and it["kind"] == r["item_kind"]
        status_counts[r["status"]] = status_counts.get(r["status"], 0) + 1
        if r["status"] == "no_evidence":
            assert r["evidence_doc"] is None and r["evidence_text"] is None
            continue
        ev = r["evidence_doc"]
        if norm(r["evidence_text"]) not in norm(texts[ev]):
            err(f"link {r['item_id']}: evidence not in {ev}.txt: {r['evidence_text'][:60]!r}")
        if r["same_doc"] != (ev == name):
            err(f"link {r['item_id']}: same_doc flag wrong")
        if ev != name and not (doc_dates[ev] and doc_dates[name] and doc_dates[ev] > doc_dates[name]):
            err(f"link {r['item_id']}: evidence doc {ev} is not later than {name}")

print("items by file and kind:")
for name, c in counts.items():
    print(f"  {name}: {c}")
print("links by status:", status_counts, "total", sum(status_counts.values()))
print("FAILED" if errors else "ALL CHECKS PASSED", len(errors), "errors")
sys.exit(1 if errors else 0)
