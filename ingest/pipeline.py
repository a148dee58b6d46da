"""Batch ingestion into the store: incremental, parallel, and safe to interrupt.

Unchanged files (same content hash, same ingestor version) are skipped; changed
ones are re-read and replace their earlier version; a file that cannot be read
is reported with its reason and the batch goes on. `rebuild` writes a fresh
store beside the old one and swaps it in only when the batch has finished.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from ingest.base import IngestError, file_sha256, read_document
from sgkb.config import Config
from sgkb.model import DocumentMeta
from index.indexer import SyncReport, sync
from index.search import SearchIndex
from linking.linker import LinkReport, ensure_links
from sgkb.store import Store
from tagging.rules import rules_version

# Bump when ingestion output changes, so unchanged files are read again.
INGESTOR_VERSION = 2
SKIPPED_NAMES = {"metadata.yaml", "metadata.yml", "readme.md", "readme.txt", ".gitkeep"}


@dataclass
class IngestReport:
    """What a batch did, file by file."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    changed_ids: set[str] = field(default_factory=set)
    removed_ids: set[str] = field(default_factory=set)
    index: SyncReport | None = None
    links: LinkReport | None = None

    def summary(self) -> str:
        text = f"{len(self.ingested)} ingested, {len(self.unchanged)} unchanged, {len(self.failed)} failed"
        return text + (f", {len(self.pruned)} pruned" if self.pruned else "")


def collect_files(paths: list[Path]) -> list[Path]:
    """Expand folders (recursively, skipping hidden files and the metadata sidecar)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name.lower() not in SKIPPED_NAMES
            ))
        else:
            out.append(path)
    return [p.resolve() for p in out]


def load_sidecar(path: Path) -> dict[str, dict]:
    """Metadata overrides keyed by file name, from corpus/metadata.yaml (optional)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise IngestError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise IngestError(f"{path.name}: expected a mapping of file name to settings")
    for name, overrides in data.items():
        try:
            DocumentMeta().with_overrides(overrides)
        except ValueError as exc:
            raise IngestError(f"{path.name}: entry {name!r}: {exc}") from exc
    return data


def _parse(path: Path, sidecar: dict):
    """Worker entry point: parse one file, returning the Document or the reason it failed."""
    try:
        return read_document(path, sidecar), None
    except IngestError as exc:
        return None, str(exc)
    except Exception as exc:  # a library bug on one file must not stop the batch
        return None, f"unexpected error while reading: {type(exc).__name__}: {exc}"


def ingest(config: Config, paths: list[Path] | None = None, *, prune: bool = False,
           rebuild: bool = False, progress: Callable[[int], None] | None = None,
           on_total: Callable[[int], None] | None = None) -> IngestReport:
    """Ingest files (default: the corpus folder) into the store at config.db_path,
    then bring the search index and the follow-up links up to date with the store."""
    if rebuild:
        report = _rebuild(config, paths, progress, on_total)
    else:
        with Store(config.db_path) as store:
            report = _ingest_into(store, config, paths, prune, progress, on_total)
    with Store(config.db_path) as store:
        report.index = sync(store, config.data_dir, rebuild=rebuild)
        report.links = ensure_links(store, SearchIndex(config.data_dir), config.data_dir)
    return report


def _rebuild(config, paths, progress, on_total) -> IngestReport:
    target = config.db_path
    fresh = target.with_name(target.name + ".rebuild")
    for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
        leftover.unlink(missing_ok=True)
    with Store(fresh) as store:
        report = _ingest_into(store, config, paths, False, progress, on_total)
        store.copy_user_data_from(target)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(fresh, target)
    for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    return report


def _ingest_into(store: Store, config: Config, paths, prune, progress, on_total) -> IngestReport:
    report = IngestReport()
    sidecar = load_sidecar(config.metadata_file)
    files = collect_files(paths or [config.corpus_dir])
    if on_total:
        on_total(len(files))
    todo: list[Path] = []
    seen: dict[str, Path] = {}
    for path in files:
        if not path.exists():
            report.failed.append((path.name, "no such file"))
            _tick(progress)
            continue
        sha = file_sha256(path)
        if sha in seen:
            report.warnings.append((path.name, f"same content as {seen[sha].name}; stored once"))
            report.unchanged.append(path.name)
            _tick(progress)
            continue
        seen[sha] = path
        known = store.by_hash(sha)
        if known and known["ingestor_version"] == INGESTOR_VERSION:
            if known["path"] != str(path) and Path(known["path"]).exists():
                # Same content as another file already stored: keep one copy.
                stale = store.id_at_path(str(path))
                if stale:
                    store.delete_document(stale)
                    report.removed_ids.add(stale)
                report.warnings.append((path.name, f"same content as {Path(known['path']).name}; stored once"))
            elif known["path"] != str(path):
                store.move_document(known["id"], str(path))
            if path.name in sidecar:
                store.update_metadata(known["id"], sidecar[path.name])
            report.unchanged.append(path.name)
            _tick(progress)
        else:
            todo.append(path)

    for path, doc, error in _parse_all(todo, sidecar, config.workers):
        if error:
            report.failed.append((path.name, error))
        else:
            old = store.id_at_path(str(path))
            store.save_document(doc, INGESTOR_VERSION, _tag(doc))
            if old and old != doc.id:
                report.removed_ids.add(old)
            report.ingested.append(path.name)
            report.changed_ids.add(doc.id)
            report.warnings.extend((path.name, w) for w in doc.warnings)
        _tick(progress)

    if prune:
        for doc in store.documents(include_duplicates=True):
            if not Path(doc["path"]).exists():
                store.delete_document(doc["id"])
                report.pruned.append(Path(doc["path"]).name)
                report.removed_ids.add(doc["id"])
    store.mark_duplicates(config.preferred_formats)
    _retag_if_rules_changed(store, report)
    return report


def _tag(doc):
    from tagging.pipeline import tag_document

    return tag_document(doc)


def _retag_if_rules_changed(store: Store, report: IngestReport) -> None:
    """Items follow the tagging data files: when those change, every document is re-tagged."""
    version = rules_version()
    if store.get_meta("tagger_version") == version:
        return
    for doc in store.documents(include_duplicates=True):
        if doc["id"] not in report.changed_ids:
            store.replace_items(doc["id"], _tag(store.load_document(doc["id"])))
            report.changed_ids.add(doc["id"])
    store.set_meta("tagger_version", version)


def _tick(progress) -> None:
    if progress:
        progress(1)


def _parse_all(paths: list[Path], sidecar: dict, workers: int):
    """Parse files, in parallel when there are several; yields (path, doc, error)."""
    workers = workers or os.cpu_count() or 1
    if len(paths) <= 1 or workers == 1:
        for path in paths:
            doc, error = _parse(path, sidecar.get(path.name, {}))
            yield path, doc, error
        return
    # Largest first, so one big PDF does not finish alone at the end.
    paths = sorted(paths, key=lambda p: p.stat().st_size, reverse=True)
    with ProcessPoolExecutor(max_workers=min(workers, len(paths))) as pool:
        futures = {pool.submit(_parse, p, sidecar.get(p.name, {})): p for p in paths}
        for future in as_completed(futures):
            doc, error = future.result()
            yield futures[future], doc, error
