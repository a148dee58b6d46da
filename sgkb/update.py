"""One update of the knowledge base: parse → tag → store → link → index, each once, in that order.

Files are read once and hashed from the bytes that are parsed. A new file is placed among
the stored documents by what its text says: a new version of the document at its path (or
of one sharing most of its sentences, in the same format), another format of a stored
document, or a new document. Item ids come from the document's lineage (its identity
across versions) and the item's wording, so clerks' decisions stay on unchanged items;
a changed item takes its predecessor's decisions (carried, to be confirmed) and a decision
whose item is gone is reported as orphaned. Only one update runs at a time (a lock file);
`rebuild` writes a fresh store beside the old one and swaps it in when the batch is done.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from core.config import Config
from core.decisions import carry_over, decisions, orphaned
from core.model import Document, DocumentMeta, Item, Source, StoredDocument
from core.store import Store
from core.text import dice, normalise
from index.indexer import SyncReport, sync
from ingest.base import IngestError
from ingest.batch import collect_files, load_sidecar, parse_files
from ingest.reader import read_bytes, sha256_of
from ingest.structure import split_sentences
from linking.linker import LinkResult, link, links_version
from tagging.pipeline import tag_document
from tagging.rules import rules_version

# Bump when ingestion output changes, so unchanged files are read again.
INGESTOR_VERSION = 5
SAME_DOCUMENT = 0.6  # share of sentences two files must share (both ways) to be one document
CARRY_SIMILARITY = 0.6  # word overlap for a changed item to take its predecessor's decisions
UPGRADE_SIMILARITY = 0.8  # ... when re-attaching decisions after a rebuild or an upgrade


@dataclass
class FileReport:
    """What happened to one file, said by name."""

    name: str
    outcome: str  # ingested | unchanged | failed | skipped
    reason: str = ""
    detected: str = ""
    decisions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class UpdateReport:
    files: list[FileReport] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    links: LinkResult | None = None
    index: SyncReport | None = None
    upgraded: bool = False
    seconds: float = 0.0

    def count(self, outcome: str) -> int:
        return sum(f.outcome == outcome for f in self.files)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.outcome == "failed"]

    def summary(self) -> str:
        text = f"{self.count('ingested')} ingested, {self.count('unchanged')} unchanged, {self.count('failed')} failed"
        return text + (f", {len(self.pruned)} pruned" if self.pruned else "")


def describe(meta: DocumentMeta) -> str:
    """ "annual_report, period 2024-25, date 2025-09-30 (properties), partnership Herefordshire"."""
    parts = []
    for label, name in (("type", "type"), ("period", "period"), ("date", "date"), ("partnership", "partnership")):
        value = meta.value(name)
        how = meta.source(name)
        note = f" ({how})" if value and how and how != Source.TEXT.value else ""
        parts.append(f"{label} {value or 'not found'}{note}")
    return ", ".join(parts)


@contextmanager
def update_lock(data_dir: Path) -> Iterator[None]:
    """One update at a time per data folder (a second waits). A POSIX record lock: it belongs to
    this process alone (parsing workers forked from it do not inherit it) and ends with it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "update.lock", "w") as fh:
        fcntl.lockf(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(fh, fcntl.LOCK_UN)


def run_update(
    config: Config,
    paths: list[Path] | None = None,
    *,
    prune: bool = False,
    rebuild: bool = False,
    partnership: str | None = None,
    tick: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> UpdateReport:
    """Bring store, links and index up to date with the files (default: the corpus folder)."""
    started = time.perf_counter()
    with update_lock(config.data_dir):
        target = config.db_path
        with Store(target) as existing:
            upgrade = existing.outdated
        if rebuild or upgrade:
            report = _rebuild(config, paths, partnership, tick, on_total)
            report.upgraded = upgrade
        else:
            with Store(target) as store:
                report = _update(store, config, paths, prune, partnership, tick, on_total)
        with Store(target) as store:
            report.links = _link(store)
            report.index = sync(store, config.data_dir, rebuild=rebuild or upgrade, sentence_vectors=config.semantic)
            report.orphaned = [
                f"decision #{d.seq} ({d.action.value} {d.value}) by {d.user} on {d.item_id}" for d in orphaned(store)
            ]
    report.seconds = time.perf_counter() - started
    return report


def _rebuild(config: Config, paths, partnership, tick, on_total) -> UpdateReport:
    target = config.db_path
    fresh = target.with_name(target.name + ".rebuild")
    for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
        leftover.unlink(missing_ok=True)
    with Store(fresh) as store:
        report = _update(store, config, paths, False, partnership, tick, on_total)
        old_items = store.copy_user_data_from(target)
        report.carried += _reattach_by_wording(store, old_items)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(fresh, target)
    for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    return report


def _update(store: Store, config: Config, paths, prune: bool, partnership: str | None, tick, on_total) -> UpdateReport:
    report = UpdateReport()
    sidecar = load_sidecar(config.metadata_file)
    files = collect_files(paths or [config.corpus_dir])
    if on_total:
        on_total(len(files))
    limits = config.limits
    jobs = []
    seen: dict[str, Path] = {}
    for path in files:
        overrides, source = _overrides(path, sidecar, partnership)
        try:
            data = read_bytes(path, limits.max_file_mb * 2**20)
        except IngestError as exc:
            report.files.append(FileReport(path.name, "failed", str(exc)))
            _tick(tick)
            continue
        sha = sha256_of(data)
        if sha in seen:
            report.files.append(
                FileReport(path.name, "unchanged", decisions=[f"same content as {seen[sha].name}: stored once"])
            )
            _tick(tick)
            continue
        seen[sha] = path
        known = next((d for d in store.by_hash(sha) if d.current), None)
        if known and store.ingestor_version(known.id) == INGESTOR_VERSION:
            report.files.append(_unchanged(store, known, path, overrides, source))
            _tick(tick)
            continue
        jobs.append((path, data, overrides, source))

    if not store.documents(alternates=True):
        store.set_meta("tagger_version", rules_version())  # an empty store: all it will hold is tagged now
    fingerprints: dict[str, set[str]] = {}
    for path, _data, doc, error in parse_files(jobs, config.workers, limits, tick):
        if error or doc is None:
            report.files.append(FileReport(path.name, "failed", error or "not read"))
            continue
        report.files.append(_store_new(store, doc, config, fingerprints, report))  # stored as each arrives

    if prune:
        for gone in store.documents(alternates=True):
            if not Path(gone.path).exists():
                lost = [d for d in decisions(store) if d.item_id in {i.id for i in store.items(gone.id)}]
                store.delete_lineage(gone.lineage)
                report.pruned.append(gone.file)
                if lost:
                    report.orphaned.append(f"{len(lost)} decision(s) on items of {gone.file}, pruned")
    _choose_primaries(store, config.preferred_formats, report)
    _retag_if_rules_changed(store, config)
    return report


def _overrides(path: Path, sidecar: dict, partnership: str | None) -> tuple[dict, str]:
    overrides = dict(sidecar.get(path.name, {}))
    if partnership:
        overrides["partnership"] = partnership
        return overrides, Source.COMMAND.value
    return overrides, Source.SIDECAR.value


def _unchanged(store: Store, known: StoredDocument, path: Path, overrides: dict, source: str) -> FileReport:
    """A file whose content is already stored: moved, copied, or with new sidecar values."""
    result = FileReport(path.name, "unchanged")
    if known.path != str(path):
        if Path(known.path).exists():
            result.decisions.append(f"same content as {known.file}: stored once")
            return result
        store.move_document(known.id, str(path))
        result.decisions.append(f"renamed from {known.file}: the same document")
    if overrides:
        meta = known.meta.with_values(overrides, source)
        if meta != known.meta:
            store.update_meta(known.id, meta)
            result.decisions.append(
                "metadata updated from " + ("--partnership" if source == "command" else "the sidecar")
            )
    return result


def _fingerprint(blocks) -> set[str]:
    """A document's sentences (of five words or more), normalised: what decides if two files are one."""
    out = set()
    for b in blocks:
        for sentence in split_sentences(b.text):
            norm = normalise(sentence)
            if len(norm.split()) >= 5:
                out.add(norm)
    return out


def shared_share(a: set[str], b: set[str]) -> float:
    """The smaller of the two shares of sentences the documents have in common."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return min(common / len(a), common / len(b))


def lineage_for(store: Store, meta: DocumentMeta, doc_id: str) -> str:
    """A new document's lineage: from its partnership, type and period (or date, or title), so
    the same document re-ingested into a fresh store gets the same one."""
    when = meta.period or meta.date or re.sub(r"\W+", " ", meta.title.lower()).strip()
    key = f"{meta.partnership or ''}|{meta.doc_type.value}|{when}"
    lineage = hashlib.sha1(key.encode()).hexdigest()[:16]
    taken = {d.lineage for d in store.documents(alternates=True)}
    return lineage if lineage not in taken else hashlib.sha1(f"{key}|{doc_id}".encode()).hexdigest()[:16]


def _still_alternate(
    store: Store, mine: set[str], primary_id: str, cache: dict[str, set[str]], result: FileReport
) -> str | None:
    """A new version of an alternate stays an alternate while it still matches its primary
    (tagged, its items would take the primary's ids: same lineage, same words)."""
    share = shared_share(mine, _cached_fingerprint(store, primary_id, cache))
    if share >= SAME_DOCUMENT:
        return primary_id
    result.decisions.append(
        f"no longer the same document as its primary ({share:.0%} of sentences shared): tagged on its own"
    )
    return None


def _store_new(
    store: Store, doc: Document, config: Config, cache: dict[str, set[str]], report: UpdateReport
) -> FileReport:
    result = FileReport(Path(doc.path).name, "ingested", detected=describe(doc.meta), warnings=list(doc.warnings))
    result.decisions += doc.notes  # how it was read (by OCR, with what confidence) and what was set aside
    mine = _fingerprint(doc.blocks)
    at_path = store.current_at_path(doc.path)
    replaces: StoredDocument | None = None
    alternate_of: str | None = None
    if at_path is not None:
        replaces = at_path
        share = shared_share(mine, _cached_fingerprint(store, at_path.id, cache))
        result.decisions.append(
            f"new version of {at_path.file} (version {at_path.version + 1}; {share:.0%} of sentences unchanged)"
        )
    else:
        best, best_share = None, 0.0
        for other in store.documents(alternates=True):
            if other.partnership != doc.meta.partnership and doc.meta.partnership and other.partnership:
                continue
            share = shared_share(mine, _cached_fingerprint(store, other.id, cache))
            if share > best_share:
                best, best_share = other, share
        if best is not None and best_share >= SAME_DOCUMENT:
            if best.format != doc.format and Path(best.path).exists():
                alternate_of = best.alternate_of or best.id
                result.decisions.append(
                    f"the same document as {best.file} in another format "
                    f"({best_share:.0%} of sentences shared): kept as an alternate"
                )
            else:
                replaces = best
                result.decisions.append(f"new version of {best.file} ({best_share:.0%} of sentences shared)")
    if replaces is not None and replaces.alternate_of and not alternate_of:
        alternate_of = _still_alternate(store, mine, replaces.alternate_of, cache, result)
    lineage = replaces.lineage if replaces else lineage_for(store, doc.meta, doc.id)
    if replaces and replaces.alternate_of and not alternate_of:
        lineage = lineage_for(store, doc.meta, doc.id)
    if alternate_of:
        primary = store.document(alternate_of)
        lineage = primary.lineage if primary else lineage
    items = [] if alternate_of else tag_document(doc, lineage)
    if len(items) > config.max_items_per_document:
        return FileReport(
            result.name,
            "failed",
            f"{len(items)} items were tagged, over the limit of "
            f"{config.max_items_per_document} (max_items_per_document)",
        )
    old_items = store.items(replaces.id) if replaces else []
    store.save_document(
        doc, lineage, INGESTOR_VERSION, items, replaces=replaces.id if replaces else None, alternate_of=alternate_of
    )
    cache[doc.id] = mine
    if old_items:
        carried, lost = _carry(store, old_items, items, f"carried from the previous version of {result.name}")
        result.decisions += carried
        report.carried += carried
        report.orphaned += lost
    return result


def _cached_fingerprint(store: Store, doc_id: str, cache: dict[str, set[str]]) -> set[str]:
    if doc_id not in cache:
        cache[doc_id] = _fingerprint(store.blocks(doc_id))
    return cache[doc_id]


def _carry(store: Store, old: list[Item], new: list[Item], note: str) -> tuple[list[str], list[str]]:
    """Give each changed item its predecessor's decisions (matched by wording); report the lost."""
    decided = {d.item_id for d in decisions(store)}
    new_ids = {i.id for i in new}
    gone = [i for i in old if i.id not in new_ids and i.id in decided]
    fresh = [i for i in new if i.id not in {o.id for o in old}]
    pairs, lost = [], []
    for item in gone:
        best = max(
            ((dice(item.text, n.text), n) for n in fresh if n.kind is item.kind),
            default=(0.0, None),
            key=lambda pair: pair[0],
        )
        if best[1] is not None and best[0] >= CARRY_SIMILARITY:
            pairs.append((item.id, best[1].id))
        else:
            lost.append(f"decisions on “{item.text[:80]}” ({item.id}): the item is gone")
    carry_over(store, pairs, note)
    return [f"decisions carried to a changed item ({old} -> {new}), to be confirmed" for old, new in pairs], lost


def _reattach_by_wording(store: Store, old_items: list[tuple[str, str, str]]) -> list[str]:
    """After a rebuild or an upgrade: decisions whose item id changed follow the same wording."""
    current = store.items()
    ids = {i.id for i in current}
    decided = {d.item_id for d in decisions(store)}
    pairs = []
    for old_id, kind, text in old_items:
        if old_id in ids or old_id not in decided:
            continue
        best = max(
            ((dice(text, i.text), i) for i in current if i.kind.value == kind),
            default=(0.0, None),
            key=lambda pair: pair[0],
        )
        if best[1] is not None and best[0] >= UPGRADE_SIMILARITY:
            pairs.append((old_id, best[1].id))
    carry_over(store, pairs, "re-attached by wording after the store was rebuilt")
    return [f"decisions re-attached by wording ({old} -> {new})" for old, new in pairs]


def _choose_primaries(store: Store, preferred: tuple[str, ...], report: UpdateReport) -> None:
    """Within each group of files holding one document, read the preferred format for items."""
    rank = {fmt: i for i, fmt in enumerate(preferred)}
    groups: dict[str, list[StoredDocument]] = {}
    for doc in store.documents(alternates=True):
        groups.setdefault(doc.alternate_of or doc.id, []).append(doc)
    for primary_id, group in groups.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda d: (rank.get(d.format, len(rank)), d.id))
        best = group[0]
        if best.id == primary_id:
            continue
        old = store.items(primary_id)
        store.set_alternate(best.id, None)
        for doc in group[1:]:  # first, so their items (same lineage, same ids) are gone
            store.set_alternate(doc.id, best.id)
        store.replace_items(best.id, tag_document(store.load_document(best.id), best.lineage))
        said = f"read for items as the preferred format; {', '.join(d.file for d in group[1:])} kept as alternate(s)"
        for f in report.files:
            if f.name == best.file and f.outcome == "ingested":
                f.decisions.append(said)
        carried, lost = _carry(
            store, old, store.items(best.id), f"carried to the {best.format.upper()} of the document"
        )
        report.carried += carried
        report.orphaned += lost


def _retag_if_rules_changed(store: Store, config: Config) -> None:
    """Items follow the tagging data files: when those change, every document is re-tagged."""
    version = rules_version()
    if store.get_meta("tagger_version") == version:
        return
    for doc in store.documents():
        old = store.items(doc.id)
        items = tag_document(store.load_document(doc.id), doc.lineage)
        store.replace_items(doc.id, items[: config.max_items_per_document])
        _carry(store, old, items, "carried after the tagging rules changed")
    store.set_meta("tagger_version", version)


def _link(store: Store) -> LinkResult | None:
    """Relink when documents, items or the linking rules changed since the links were made."""
    docs = store.documents()
    version = links_version(docs, store.get_meta("tagger_version") or "")
    if store.get_meta("links_version") == version:
        return None
    result = link(docs, {d.id: store.blocks(d.id) for d in docs}, store.items())
    store.replace_links(result.evidence, result.related, result.statuses, version)
    return result


def _tick(tick) -> None:
    if tick:
        tick()
