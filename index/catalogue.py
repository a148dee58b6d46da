"""Per-entry arrays of a build, worked out once when the build is written and stored beside it
(`entries.npz`), so that opening a large index does not read every entry's stored fields:
which entries are live, each one's body length (for BM25), its rows in the sentence vectors,
the passage holding each tagged item, and each item's entries.

At a hundred times the corpus, working these out takes seconds (every stored entry is
unpickled); loading them takes milliseconds. A build without the file, or whose file does not
match it (a build written by an older version), has them worked out when it is opened.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.schema import PASSAGE
from index.scoring import BODY

CATALOGUE = "entries.npz"
VERSION = 1  # bump when what is stored changes


@dataclass(frozen=True)
class Catalogue:
    live: np.ndarray  # bool: not deleted
    lengths: np.ndarray  # float32: the body's length in words
    vec_start: np.ndarray  # int64: first row in the sentence vectors
    vec_count: np.ndarray  # int64: rows (0: none)
    holders: np.ndarray  # int64: the passage holding a tagged item; -1 for passages and loose items
    item_ids: np.ndarray  # str: the item id of each tagged item's entry, in `item_docs` order
    item_docs: np.ndarray  # int64: those entries

    def item_entries(self) -> dict[str, list[int]]:
        """Each tagged item's id with its entries."""
        out: dict[str, list[int]] = {}
        for item_id, docnum in zip(self.item_ids.tolist(), self.item_docs.tolist(), strict=True):
            out.setdefault(item_id, []).append(docnum)
        return out


def compute(reader) -> Catalogue:
    """Work the arrays out from an index reader (one pass over the stored entries)."""
    size = reader.doc_count_all()
    live = np.zeros(size, dtype=bool)
    live[list(reader.all_doc_ids())] = True
    lengths = np.fromiter((reader.doc_field_length(d, BODY, 0) for d in range(size)), dtype=np.float32, count=size)
    holders = np.full(size, -1, dtype=np.int64)
    spans: dict[str, list[tuple[int, int, int]]] = {}
    items: list[tuple[int, str, int]] = []
    item_ids: list[str] = []
    item_docs: list[int] = []
    for docnum, fields in reader.iter_docs():  # live entries only
        first = fields.get("block_seq", -1)
        if fields.get("kind") == PASSAGE:
            spans.setdefault(fields.get("doc_id", ""), []).append((first, fields.get("last_seq", first), docnum))
        else:
            items.append((docnum, fields.get("doc_id", ""), first))
            item_ids.append(fields.get("item_id") or "")
            item_docs.append(docnum)
    starts = {doc: sorted(found) for doc, found in spans.items()}
    firsts = {doc: [f for f, _, _ in found] for doc, found in starts.items()}
    for docnum, doc, seq in items:
        at = bisect.bisect_right(firsts.get(doc, []), seq) - 1
        if at >= 0 and starts[doc][at][1] >= seq:
            holders[docnum] = starts[doc][at][2]
    return Catalogue(
        live=live,
        lengths=lengths,
        vec_start=_column(reader, "vec_start", size),
        vec_count=_column(reader, "vec_count", size),
        holders=holders,
        item_ids=np.asarray(item_ids, dtype=str),
        item_docs=np.asarray(item_docs, dtype=np.int64),
    )


def save(build: Path, reader) -> None:
    """Work out a written build's arrays and store them in it (a new file: a hard-linked copy
    of an older build's is never changed)."""
    catalogue = compute(reader)
    tmp = build / f"{CATALOGUE}.tmp"
    with open(tmp, "wb") as f:
        arrays = {k: getattr(catalogue, k) for k in Catalogue.__dataclass_fields__}
        np.savez(f, version=np.asarray(VERSION), build=np.asarray(build.name), **arrays)
    os.replace(tmp, build / CATALOGUE)


def load(build: Path, reader) -> Catalogue:
    """A build's arrays: from its file when that was written for this build by this version,
    else worked out now."""
    try:
        with np.load(build / CATALOGUE, allow_pickle=False) as stored:
            catalogue = Catalogue(**{k: stored[k] for k in Catalogue.__dataclass_fields__})
            version, owner = int(stored["version"]), str(stored["build"])
    except (OSError, ValueError, KeyError, TypeError):
        return compute(reader)
    if (
        version != VERSION
        or owner != build.name
        or len(catalogue.live) != reader.doc_count_all()
        or int(catalogue.live.sum()) != reader.doc_count()
    ):
        return compute(reader)
    return catalogue


def _column(reader, fieldname: str, size: int) -> np.ndarray:
    """A numeric column of every entry as an array (zeros if the index has no such column)."""
    values = np.zeros(size, dtype=np.int64)
    if not size or fieldname not in reader.schema or reader.schema[fieldname].column_type is None:
        return values  # an empty index's reader has no columns to open
    leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
    for leaf, offset in leaves:
        column = leaf.column_reader(fieldname)
        count = leaf.doc_count_all()
        values[offset : offset + count] = np.fromiter((column[d] for d in range(count)), dtype=np.int64, count=count)
    return values
