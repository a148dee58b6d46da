"""Keep the Whoosh index in step with the SQLite store.

The index lives in `<data_dir>/index/`: one folder per full build and a small
`CURRENT` file naming the build in use and its schema version. A full rebuild
writes a new folder and only then swaps `CURRENT` (an atomic rename), so a
crash while indexing leaves the previous index searchable. Incremental updates
go through Whoosh's own commit, which is atomic too. Which version of each
document the index holds is recorded per Whoosh generation in `stamps.json`.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from whoosh import index as whoosh_index

from index.query import acronym_tokens
from index.schema import PASSAGE, SCHEMA_VERSION, build_schema
from linking.status import current_statuses
from sgkb.model import BlockKind, Item
from sgkb.store import Store
from tagging.rules import themes_in

PASSAGE_WORDS = 120        # a passage grows block by block up to about this many words
LIST_PASSAGE_WORDS = 220   # a lead-in and its list stay together a little longer
CURRENT = "CURRENT"
STAMPS = "stamps.json"


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: documents (re)indexed and removed, entries written, whether it rebuilt."""

    updated: int = 0
    removed: int = 0
    entries: int = 0
    rebuilt: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        what = "rebuilt" if self.rebuilt else "updated"
        return (f"index {what}: {self.updated} document(s) indexed, {self.removed} removed, "
                f"{self.entries} entries in {self.seconds:.2f} s")


def index_root(data_dir: Path) -> Path:
    return Path(data_dir) / "index"


def current_build(root: Path) -> Path | None:
    """The folder of the index in use, or None when there is none of this schema version."""
    try:
        info = json.loads((root / CURRENT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    build = root / info.get("build", "")
    if info.get("schema_version") != SCHEMA_VERSION or not whoosh_index.exists_in(build):
        return None
    return build


def document_stamp(doc: dict, extra: str = "") -> str:
    """Changes whenever what the index holds for a document would change."""
    parts = [doc["id"], doc["ingested_at"], doc["title"], doc["type"], doc["period"] or "", doc["date"] or "",
             extra]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def wanted_stamps(store: Store, statuses: dict[str, str]) -> dict[str, str]:
    """The stamp each primary document's entries should carry (its items' statuses included)."""
    tagger = store.get_meta("tagger_version") or ""
    per_doc: dict[str, list[str]] = {}
    for item in store.items():
        per_doc.setdefault(item.doc_id, []).append(f"{item.id}={statuses.get(item.id, '')}")
    return {doc["id"]: document_stamp(doc, tagger + "|".join(sorted(per_doc.get(doc["id"], []))))
            for doc in store.documents()}


def sync(store: Store, data_dir: Path, rebuild: bool = False, procs: int = 1) -> SyncReport:
    """Bring the index up to date with the store's primary documents.

    Rebuilds from scratch when asked, when there is no index, or when the schema
    version changed (with `procs` writer processes); otherwise re-indexes only changed
    documents and removes gone ones.
    """
    started = time.perf_counter()
    root = index_root(data_dir)
    build = None if rebuild else current_build(root)
    statuses = current_statuses(store)
    want = wanted_stamps(store, statuses)
    if build is None:
        entries = _rebuild(store, root, want, statuses, procs)
        return SyncReport(updated=len(want), entries=entries, rebuilt=True, seconds=time.perf_counter() - started)
    ix = whoosh_index.open_dir(str(build))
    have = _read_stamps(build, ix)
    if have is None:  # stamps lost (crash between commit and stamp write): trust nothing
        with ix.searcher() as searcher:
            have = {d.decode() if isinstance(d, bytes) else d: "?" for d in searcher.lexicon("doc_id")}
    changed = [doc_id for doc_id, stamp in want.items() if have.get(doc_id) != stamp]
    removed = [doc_id for doc_id in have if doc_id not in want]
    if not changed and not removed:
        return SyncReport(seconds=time.perf_counter() - started)
    entries = 0
    with _writing(ix, limitmb=128, timeout=30) as writer:   # (waits for another writer: a decision in the UI)
        for doc_id in removed:
            writer.delete_by_term("doc_id", doc_id)
        for doc_id in changed:
            # A changed document's entries are replaced as a whole: deleting by document and
            # adding is what update_document does entry by entry, without a lookup per entry.
            writer.delete_by_term("doc_id", doc_id)
            for entry in document_entries(store, doc_id, statuses):
                writer.add_document(**entry)
                entries += 1
    _write_stamps(build, ix, want)
    return SyncReport(updated=len(changed), removed=len(removed), entries=entries,
                      seconds=time.perf_counter() - started)


def _rebuild(store: Store, root: Path, want: dict[str, str], statuses: dict[str, str], procs: int = 1) -> int:
    root.mkdir(parents=True, exist_ok=True)
    build = root / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    build.mkdir()
    try:
        ix = whoosh_index.create_in(str(build), build_schema())
        entries = write_entries(ix, (e for doc_id in want for e in document_entries(store, doc_id, statuses)),
                                procs)
        _write_stamps(build, ix, want)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    tmp = root / f"{CURRENT}.tmp"
    tmp.write_text(json.dumps({"build": build.name, "schema_version": SCHEMA_VERSION}), encoding="utf-8")
    os.replace(tmp, root / CURRENT)
    for old in root.glob("build-*"):
        if old != build:
            shutil.rmtree(old, ignore_errors=True)
    return entries


def write_entries(ix, entries: Iterable[dict], procs: int = 1) -> int:
    """Add entries to an index in one commit (several processes for big batches)."""
    count = 0
    with _writing(ix, limitmb=256, procs=procs, multisegment=procs > 1) as writer:
        for entry in entries:
            writer.add_document(**entry)
            count += 1
    return count


@contextmanager
def _writing(ix, **options):
    """A Whoosh writer, committed at the end and cancelled on any error or Ctrl-C (the index
    then stays as it was)."""
    writer = ix.writer(**options)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _read_stamps(build: Path, ix) -> dict[str, str] | None:
    try:
        data = json.loads((build / STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data["stamps"] if data.get("generation") == ix.latest_generation() else None


def _write_stamps(build: Path, ix, stamps: dict[str, str]) -> None:
    tmp = build / f"{STAMPS}.tmp"
    tmp.write_text(json.dumps({"generation": ix.latest_generation(), "stamps": stamps}), encoding="utf-8")
    os.replace(tmp, build / STAMPS)


# -- what goes into the index -------------------------------------------------
def document_entries(store: Store, doc_id: str, statuses: dict[str, str] | None = None) -> Iterator[dict]:
    """Index entries of one document: its passages, then its tagged items (with their status)."""
    doc = store.find_document(doc_id)
    common = _document_fields(doc)
    blocks = store.blocks(doc_id)
    for first, last, text in passages(blocks):
        block = blocks[first]
        section = " > ".join(block.section)
        yield {**common, "id": f"p:{doc_id}:{first}", "kind": PASSAGE, "text": text, "body": _body(section, text),
               "words": text, "section": section, "page": block.page or 0, "block_seq": first, "last_seq": last,
               "themes": ",".join(themes_in(text))}
    for item in store.items(doc_id):
        yield item_entry(item, common, (statuses or {}).get(item.id))


def item_entry(item: Item, common: dict, status: str | None = None) -> dict:
    section = " > ".join(item.section)
    return {**common, "id": f"i:{item.id}", "item_id": item.id, "kind": item.kind.value, "text": item.text,
            "body": _body(section, item.text), "words": item.text, "section": section, "page": item.page or 0,
            "block_seq": item.block_seq, "last_seq": item.block_seq, "made_by": item.made_by or "",
            "themes": ",".join(item.themes), "status": status or "", "due": item.due, "addressee": item.addressee}


def _body(section: str, text: str) -> str:
    """What search matches: the section path, the text, and one word per acronym used."""
    return f"{section}\n{text}\n{acronym_tokens(section + chr(10) + text)}"


def _document_fields(doc: dict) -> dict:
    return {"doc_id": doc["id"], "title": doc["title"], "doc_type": doc["type"], "period": doc["period"] or "",
            "year": period_start(doc["period"], doc["date"]), "date": doc["date"] or ""}


def period_start(period: str | None, date: str | None) -> int:
    """The first year a document covers: 2013 for "2013-14", else the year of its date."""
    for value in (period, date):
        if value and value[:4].isdigit():
            return int(value[:4])
    return 0


def passages(blocks) -> Iterator[tuple[int, int, str]]:
    """Group blocks into passages: (first seq, last seq, text).

    A passage is a run of blocks under one heading, cut at about PASSAGE_WORDS
    words; a list stays with its lead-in; every table row is its own passage.
    Headings are not passages (they are the section path of what follows).
    """
    run: list[int] = []
    words = 0
    limit = PASSAGE_WORDS

    def emit():
        text = "\n".join(blocks[i].text for i in run)
        return run[0], run[-1], text

    for seq, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING or not block.text.strip():
            if run:
                yield emit()
            run, words = [], 0
            continue
        n = len(block.text.split())
        is_row = block.kind is BlockKind.TABLE_ROW
        in_list = block.kind is BlockKind.LIST_ITEM and block.lead_in is not None
        if run and (is_row or blocks[run[-1]].kind is BlockKind.TABLE_ROW
                    or blocks[run[-1]].section != block.section
                    or words + n > (LIST_PASSAGE_WORDS if in_list else limit)):
            yield emit()
            run, words = [], 0
        run.append(seq)
        words += n
    if run:
        yield emit()
