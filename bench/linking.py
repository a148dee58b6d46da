"""Linking speed: the time to link every tracked item of the corpus, and of a store N times
larger (the corpus copied N times with its years shifted, all one partnership).

Usage: python bench/linking.py [--scale N] [--quick]
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

from common import ingested, measure, parser

from core.store import Store
from linking.linker import link


def shift_years(text: str | None, k: int) -> str | None:
    """Move every year in a date or period k years later ("2013-14" -> "2014-15")."""
    if not text:
        return text
    text = re.sub(r"(?<!\d)(19|20)\d{2}(?!\d)", lambda m: str(int(m.group(0)) + k), text)
    return (
        re.sub(r"(?<=\d{4}-)(\d{2})$", lambda m: f"{(int(m.group(1)) + k) % 100:02d}", text)
        if re.fullmatch(r"\d{4}-\d{2}", text)
        else text
    )


def scale_store(db: Path, scale: int) -> None:
    """Copy every current primary document scale-1 more times, years shifted, into the same store."""
    with Store(db) as store:
        con = store.db
        docs = con.execute("SELECT * FROM documents WHERE alternate_of IS NULL AND current = 1").fetchall()
        cols = [c[1] for c in con.execute("PRAGMA table_info(documents)")]
        item_cols = [c[1] for c in con.execute("PRAGMA table_info(items)")]
        block_cols = [c[1] for c in con.execute("PRAGMA table_info(blocks)")]
        with store.transaction():
            for k in range(1, scale):
                for row in docs:
                    doc = dict(zip(cols, row, strict=True))
                    new_id = f"{doc['id']}~{k}"
                    copy = {
                        **doc,
                        "id": new_id,
                        "lineage": f"{doc['lineage']}~{k}",
                        "path": f"{doc['path']}~{k}",
                        "sha256": f"{doc['sha256']}~{k}",
                        "date": shift_years(doc["date"], k),
                        "period": shift_years(doc["period"], k),
                    }
                    con.execute(
                        f"INSERT INTO documents ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                        [copy[c] for c in cols],
                    )
                    con.execute(
                        f"INSERT INTO blocks ({','.join(block_cols)}) SELECT "
                        + ",".join("?" if c == "doc_id" else c for c in block_cols)
                        + " FROM blocks WHERE doc_id = ?",
                        (new_id, doc["id"]),
                    )
                    for item in con.execute("SELECT * FROM items WHERE doc_id = ?", (doc["id"],)).fetchall():
                        it = dict(zip(item_cols, item, strict=True))
                        it.update(
                            id=hashlib.sha1(f"{it['id']}~{k}".encode()).hexdigest()[:12],
                            doc_id=new_id,
                            period=shift_years(it["period"], k),
                            due=shift_years(it["due"], k),
                        )
                        con.execute(
                            f"INSERT INTO items ({','.join(item_cols)}) VALUES ({','.join('?' * len(item_cols))})",
                            [it[c] for c in item_cols],
                        )


def timed_link(db: Path) -> tuple[int, float, int]:
    with Store(db) as store:
        docs = store.documents()
        result = link(docs, {d.id: store.blocks(d.id) for d in docs}, store.items())
    return result.items, result.seconds, len(docs)


def main() -> None:
    p = parser(__doc__, "a smoke run: scale 2")
    p.add_argument("--scale", type=int, default=100, help="size of the synthetic store (times the corpus)")
    args = p.parse_args()
    scale = 2 if args.quick else args.scale
    with tempfile.TemporaryDirectory() as tmp:
        config = ingested(Path(tmp) / "corpus")
        items, seconds, _ = timed_link(config.db_path)
        big = Path(tmp) / "scaled.sqlite3"
        with Store(config.db_path) as store:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        big.write_bytes(config.db_path.read_bytes())
        scale_store(big, scale)
        big_items, big_seconds, big_docs = timed_link(big)
    measure("items linked, corpus", items)
    measure("time to link the corpus", seconds, "s")
    measure("per item, corpus", 1000 * seconds / items, "ms")
    measure(f"items linked, x{scale} ({big_docs} documents)", big_items)
    measure(f"time to link x{scale}", big_seconds, "s")
    measure(f"per item, x{scale}", 1000 * big_seconds / big_items, "ms")


if __name__ == "__main__":
    main()
