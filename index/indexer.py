"""Keep the Whoosh index in step with the store: the last stage of an update.

The index lives in `<data_dir>/index/`: one folder per build and a small `CURRENT` file
naming the build in use. Readers open the build `CURRENT` names and keep it; a writer never
changes a build a reader may hold. An update makes a new build (a hard-linked copy of the
current one, changed incrementally: Whoosh segment files are written once and never
changed) and swaps `CURRENT` only when it is complete; a full rebuild starts a new build
from nothing. Old builds are deleted once they are older than `GRACE_SECONDS`, long after
any request that could have opened them has finished. Which version of each document a
build holds is recorded in its `stamps.json`; each build also holds its entries' sentence
vectors (`index/semantic.py`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from core.model import Item, StoredDocument
from core.passages import passages, passages_version
from core.periods import period_start_year
from core.store import Store
from index import catalogue, semantic
from index.schema import PASSAGE, SCHEMA_VERSION, build_schema
from index.thesaurus import thesaurus, vocabulary_version
from index.vocabulary import acronym_tokens, answer_kind_tokens, period_tokens
from tagging.rules import themes_in

CURRENT = "CURRENT"
STAMPS = "stamps.json"
GRACE_SECONDS = 600  # an old build is kept this long after it stopped being current


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
        if not (self.updated or self.removed or self.rebuilt):
            return "index up to date"
        return (
            f"index {what}: {self.updated} document(s) indexed, {self.removed} removed, "
            f"{self.entries} entries written in {self.seconds:.2f} s"
        )


def index_root(data_dir: Path) -> Path:
    return Path(data_dir) / "index"


def current_build(root: Path) -> Path | None:
    """The folder of the index in use, or None when there is none of this schema version,
    vocabulary (acronyms and thesaurus are indexed words: a change to them needs a rebuild) and
    cut of passages."""
    try:
        info = json.loads((root / CURRENT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    build = root / info.get("build", "")
    expected = built_with()
    if {key: info.get(key) for key in expected} != expected:
        return None
    if not whoosh_index.exists_in(build):
        return None
    return build


def built_with() -> dict:
    """What an index build depends on besides the documents: a change to any needs a rebuild."""
    return {"schema_version": SCHEMA_VERSION, "vocabulary": vocabulary_version(), "passages": passages_version()}


def current_info(build_name: str) -> dict:
    """What `CURRENT` records: the build in use, and what it was built with."""
    return {"build": build_name, **built_with()}


def document_stamp(doc: StoredDocument, tagger_version: str) -> str:
    """Changes whenever what the index holds for a document would change."""
    parts = [
        doc.id,
        doc.ingested_at,
        doc.title,
        doc.doc_type.value,
        doc.period or "",
        doc.date or "",
        doc.partnership or "",
        tagger_version,
    ]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def sync(
    store: Store, data_dir: Path, rebuild: bool = False, procs: int = 1, sentence_vectors: bool = True
) -> SyncReport:
    """Bring the index up to date with the store's current primary documents.

    Rebuilds from scratch when asked, when there is no index, when the schema version changed,
    or when the sentence vectors cannot be added to (another model made them, or rows of
    replaced entries have doubled the file since the last full build); otherwise re-indexes only
    changed documents and removes gone ones, in a new build. `sentence_vectors`: embed entries
    for the semantic signal (the `semantic` setting).
    """
    started = time.perf_counter()
    root = index_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    tagger = store.get_meta("tagger_version") or ""
    docs = {d.id: d for d in store.documents()}
    want = {doc_id: document_stamp(d, tagger) for doc_id, d in docs.items()}
    current = None if rebuild else current_build(root)
    have = _read_stamps(current) if current else None
    model = semantic.embedder() if sentence_vectors else None
    existing = semantic.load_existing(current, model) if current and model else None
    full_rows = semantic.read_info(current).get("full_rows", 0) if current else 0
    if current and model and (existing is None or len(existing) > 2 * full_rows):
        have = None  # every entry's rows are written again, in a fresh file
    if current is None or have is None:
        build = _new_build(root)
        try:
            ix = whoosh_index.create_in(str(build), build_schema())
            vectors = semantic.VectorWriter(model)
            entries = write_entries(
                ix, (e for doc_id in want for e in document_entries(store, docs[doc_id])), procs, vectors
            )
            _complete(ix, build, vectors, want, full=True)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        _publish(root, build)
        return SyncReport(updated=len(want), entries=entries, rebuilt=True, seconds=time.perf_counter() - started)
    changed = [doc_id for doc_id, stamp in want.items() if have.get(doc_id) != stamp]
    removed = [doc_id for doc_id in have if doc_id not in want]
    if not changed and not removed:
        return SyncReport(seconds=time.perf_counter() - started)
    build = _copy_build(root, current)
    entries = 0
    try:
        ix = whoosh_index.open_dir(str(build))
        vectors = semantic.VectorWriter(model, existing, full_rows=full_rows)
        with _writing(ix, limitmb=128) as writer:
            for doc_id in removed + changed:
                writer.delete_by_term("doc_id", doc_id)
            for doc_id in changed:
                for entry in _with_vectors(document_entries(store, docs[doc_id]), vectors):
                    writer.add_document(**entry)
                    entries += 1
        _complete(ix, build, vectors, want)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    _publish(root, build)
    return SyncReport(
        updated=len(changed), removed=len(removed), entries=entries, seconds=time.perf_counter() - started
    )


def _complete(ix, build: Path, vectors: semantic.VectorWriter, stamps: dict[str, str], full: bool = False) -> None:
    """Store what a written build needs besides its index: the sentence vectors, the per-entry
    catalogue and which version of each document it holds."""
    vectors.save(build, full=full)
    with ix.reader() as reader:
        catalogue.save(build, reader)
    _write_stamps(build, stamps)


def _new_build(root: Path) -> Path:
    build = root / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
    build.mkdir()
    return build


def _copy_build(root: Path, source: Path) -> Path:
    """A new build sharing the source's files by hard links (Whoosh never rewrites a file)."""
    build = _new_build(root)
    for f in source.iterdir():
        if f.is_file() and not f.name.endswith(".lock") and f.name not in (STAMPS, catalogue.CATALOGUE):
            try:
                os.link(f, build / f.name)
            except OSError:
                shutil.copy2(f, build / f.name)
    return build


def _publish(root: Path, build: Path) -> None:
    """Make `build` current (an atomic rename), then delete builds left over long enough."""
    previous = current_build(root)
    tmp = root / f"{CURRENT}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(current_info(build.name)), encoding="utf-8")
    os.replace(tmp, root / CURRENT)
    if previous is not None:
        (previous / ".retired").write_text(str(time.time()))
    now = time.time()
    for old in root.glob("build-*"):
        if old in (build, previous):
            continue
        try:
            retired = float((old / ".retired").read_text())
        except (OSError, ValueError):
            retired = old.stat().st_mtime
        if now - retired > GRACE_SECONDS:
            shutil.rmtree(old, ignore_errors=True)


def write_entries(ix, entries: Iterable[dict], procs: int = 1, vectors: semantic.VectorWriter | None = None) -> int:
    """Add entries to an index in one commit (several processes for big batches), each with its
    sentence vectors when `vectors` is given (save them into the build afterwards)."""
    count = 0
    with _writing(ix, limitmb=256, procs=procs, multisegment=procs > 1) as writer:
        for entry in _with_vectors(entries, vectors) if vectors is not None else entries:
            writer.add_document(**entry)
            count += 1
    return count


def _with_vectors(entries: Iterable[dict], vectors: semantic.VectorWriter) -> Iterator[dict]:
    for entry in entries:
        yield from vectors.add(entry)
    yield from vectors.flush()


@contextmanager
def _writing(ix, **options):
    """A Whoosh writer, committed at the end and cancelled on any error or Ctrl-C."""
    writer = ix.writer(**options)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _read_stamps(build: Path) -> dict[str, str] | None:
    try:
        return json.loads((build / STAMPS).read_text(encoding="utf-8"))["stamps"]
    except (OSError, ValueError, KeyError):
        return None


def _write_stamps(build: Path, stamps: dict[str, str]) -> None:
    tmp = build / f"{STAMPS}.tmp"
    tmp.write_text(json.dumps({"stamps": stamps}), encoding="utf-8")
    os.replace(tmp, build / STAMPS)


# -- what goes into the index -------------------------------------------------
def document_entries(store: Store, doc: StoredDocument) -> Iterator[dict]:
    """Index entries of one document: its passages, then its tagged items."""
    common = _document_fields(doc)
    for p in passages(doc.id, store.blocks(doc.id)):
        section = " > ".join(p.section)
        yield {
            **common,
            "id": p.id,
            "kind": PASSAGE,
            "text": p.text,
            **_body_fields(section, p.text),
            "words": p.text,
            "section": section,
            "page": p.page or 0,
            "block_seq": p.first,
            "last_seq": p.last,
            "themes": ",".join(themes_in(p.text)),
        }
    for item in store.items(doc.id):
        yield item_entry(item, common)


def item_entry(item: Item, common: dict) -> dict:
    section = " > ".join(item.section)
    return {
        **common,
        "id": f"i:{item.id}",
        "item_id": item.id,
        "kind": item.kind.value,
        "text": item.text,
        **_body_fields(section, item.text),
        "words": item.text,
        "section": section,
        "page": item.page or 0,
        "block_seq": item.block_seq,
        "last_seq": item.block_seq,
        "made_by": item.made_by or "",
        "themes": ",".join(item.themes),
        "due": item.due,
        "addressee": item.addressee,
    }


def _body_fields(section: str, text: str) -> dict[str, str]:
    """The matched words, with positions (`body`, for phrases) and without (`terms`, for scoring)."""
    body = _body(section, text)
    return {"body": body, "terms": body}


def _body(section: str, text: str) -> str:
    """What search matches: the section path, the text, one word per acronym, per thesaurus
    phrase and per period named, and the kinds of answer the text holds (a figure, a date)."""
    both = f"{section}\n{text}"
    words = (acronym_tokens(both), thesaurus().index_tokens(both), period_tokens(both), answer_kind_tokens(text))
    return "\n".join((both, *words))


def _document_fields(doc: StoredDocument) -> dict:
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "doc_type": doc.doc_type.value,
        "period": doc.period or "",
        "partnership": doc.partnership or "",
        "year": period_start_year(doc.period, doc.date),
        "date": doc.date or "",
    }
