"""Linking speed: the time to link every recommendation and priority of the corpus, and of a
synthetic corpus N times larger, side by side.

The corpus is ingested into a temporary folder (not timed). The synthetic store copies every
document N-1 more times with its dates and periods shifted k years later (blocks and items
copied with new ids), is indexed (not timed), and is then linked as a whole: each item looks
for evidence in all later documents. Prints measurements only.
Usage: python bench/linking.py [--scale N] [--quick]
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.indexer import sync  # noqa: E402
from index.search import SearchIndex  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from linking.linker import link_all  # noqa: E402
from sgkb.config import load_config  # noqa: E402
from sgkb.store import Store  # noqa: E402


def shift_years(text: str | None, k: int) -> str | None:
    """Move every year in a date or period k years later ("2013-14" -> "2014-15")."""
    if not text:
        return text
    text = re.sub(r"(?<!\d)(19|20)\d{2}(?!\d)", lambda m: str(int(m.group(0)) + k), text)
    return re.sub(r"(?<=\d{4}-)(\d{2})$", lambda m: f"{(int(m.group(1)) + k) % 100:02d}", text) \
        if re.fullmatch(r"\d{4}-\d{2}", text) else text


def scale_store(db: Path, scale: int) -> None:
    """Copy every primary document scale-1 more times, years shifted, into the same store."""
    con = sqlite3.connect(db)
    docs = con.execute("SELECT * FROM documents WHERE duplicate_of IS NULL").fetchall()
    cols = [c[1] for c in con.execute("PRAGMA table_info(documents)")]
    item_cols = [c[1] for c in con.execute("PRAGMA table_info(items)")]
    block_cols = [c[1] for c in con.execute("PRAGMA table_info(blocks)")]
    with con:
        for k in range(1, scale):
            for row in docs:
                doc = dict(zip(cols, row))
                new_id = f"{doc['id']}~{k}"
                copy = {**doc, "id": new_id, "path": f"{doc['path']}~{k}", "sha256": f"{doc['sha256']}~{k}",
                        "date": shift_years(doc["date"], k), "period": shift_years(doc["period"], k)}
                con.execute(f"INSERT INTO documents ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                            [copy[c] for c in cols])
                con.execute(f"INSERT INTO blocks ({','.join(block_cols)}) SELECT "
                            + ",".join("?" if c == "doc_id" else c for c in block_cols)
                            + " FROM blocks WHERE doc_id = ?", (new_id, doc["id"]))
                for item in con.execute("SELECT * FROM items WHERE doc_id = ?", (doc["id"],)).fetchall():
                    it = dict(zip(item_cols, item))
                    it.update(id=hashlib.sha1(f"{it['id']}~{k}".encode()).hexdigest()[:12], doc_id=new_id,
                              period=shift_years(it["period"], k), due=shift_years(it["due"], k))
                    con.execute(f"INSERT INTO items ({','.join(item_cols)}) VALUES ({','.join('?' * len(item_cols))})",
                                [it[c] for c in item_cols])
    con.close()


def timed_link(data_dir: Path) -> tuple[int, float]:
    with Store(data_dir / "sgkb.sqlite3") as store:
        report = link_all(store, SearchIndex(data_dir))
    return report.items, report.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="size of the synthetic corpus (times the corpus)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: scale 2")
    args = parser.parse_args()
    scale = 2 if args.quick else args.scale
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "corpus"
        ingest(load_config().with_overrides(data_dir=small))
        items, seconds = timed_link(small)
        big = Path(tmp) / "scaled"
        big.mkdir()
        with Store(small / "sgkb.sqlite3") as store:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (big / "sgkb.sqlite3").write_bytes((small / "sgkb.sqlite3").read_bytes())
        scale_store(big / "sgkb.sqlite3", scale)
        with Store(big / "sgkb.sqlite3") as store:
            indexed = sync(store, big, rebuild=True, procs=2)
        big_items, big_seconds = timed_link(big)
    print(f"{'':34}{'corpus':>14}{f'corpus x{scale}':>18}")
    print(f"{'entries in the index':34}{'':>14}{indexed.entries:>18,}")
    print(f"{'recommendations and priorities':34}{items:>14,}{big_items:>18,}")
    print(f"{'time to link them all, s':34}{seconds:>14.2f}{big_seconds:>18.1f}")
    print(f"{'ms per item':34}{1000 * seconds / items:>14.1f}{1000 * big_seconds / big_items:>18.1f}")


if __name__ == "__main__":
    main()
