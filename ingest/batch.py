"""Parsing a batch of files: collecting them, reading each once, in parallel, within limits.

Every per-file failure (unreadable, corrupt, too big, out of memory, a crashed worker) comes
back as that file's reason; the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import yaml

from core.model import META_FIELDS, Document, DocumentMeta, Source
from ingest.base import IngestError, Limits
from ingest.reader import read_document

SKIPPED_NAMES = {"metadata.yaml", "metadata.yml", "readme.md", "readme.txt", ".gitkeep"}


def collect_files(paths: list[Path]) -> list[Path]:
    """Expand folders (recursively, skipping hidden files and the metadata sidecar)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and p.name.lower() not in SKIPPED_NAMES
                )
            )
        else:
            out.append(path)
    return [p.absolute() for p in out]


def load_sidecar(path: Path) -> dict[str, dict]:
    """Metadata overrides keyed by file name, from corpus/metadata.yaml (optional)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise IngestError(f"{path.name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise IngestError(f"{path.name}: expected a mapping of file name to settings ({', '.join(META_FIELDS)})")
    for name, overrides in data.items():
        try:
            DocumentMeta().with_values(overrides, Source.SIDECAR.value)
        except ValueError as exc:
            raise IngestError(f"{path.name}: entry {name!r}: {exc}") from exc
    return data


def check_limits(data: bytes, limits: Limits) -> None:
    """Refuse a Word file that would unpack to more than the limit (a zip bomb)."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(_BytesReader(data)) as zf:
                unpacked = sum(info.file_size for info in zf.infolist())
        except zipfile.BadZipFile:
            return  # the registry says what is wrong with it
        if unpacked > limits.max_docx_uncompressed_mb * 2**20:
            raise IngestError(
                f"the Word file unpacks to {unpacked / 2**20:.0f} MB, over the limit of "
                f"{limits.max_docx_uncompressed_mb} MB (max_docx_uncompressed_mb in config.yaml)"
            )


class _BytesReader:
    """A seekable view of bytes for zipfile (BytesIO would copy them)."""

    def __init__(self, data: bytes):
        self.view, self.pos = memoryview(data), 0

    def seek(self, offset: int, whence: int = 0) -> int:
        self.pos = offset if whence == 0 else self.pos + offset if whence == 1 else len(self.view) + offset
        return self.pos

    def tell(self) -> int:
        return self.pos

    def read(self, n: int = -1) -> bytes:
        end = len(self.view) if n < 0 else min(len(self.view), self.pos + n)
        chunk = bytes(self.view[self.pos : end])
        self.pos = end
        return chunk

    def seekable(self) -> bool:
        return True


def parse_one(
    path: Path, data: bytes, overrides: dict, source: str, limits: Limits
) -> tuple[Document | None, str | None]:
    """Parse one file's bytes: the Document, or the reason it could not be read."""
    try:
        check_limits(data, limits)
        return read_document(path, data, overrides, source, limits), None
    except IngestError as exc:
        return None, str(exc)
    except MemoryError:
        return None, f"ran out of memory while reading (worker_memory_mb is {limits.worker_memory_mb})"
    except RecursionError:
        return None, "the file is nested too deeply to read"
    except Exception as exc:  # a library bug on one file must not stop the batch
        # under the cap, C extensions short of memory fail this way instead of with MemoryError
        # (a library that cannot map its shared object fails to import)
        starved = isinstance(exc, (SystemError, ImportError)) or "memory" in str(exc).lower()
        hint = (
            f" (perhaps out of memory: worker_memory_mb is {limits.worker_memory_mb})"
            if limits.worker_memory_mb and starved
            else ""
        )
        return None, f"unexpected error while reading{hint}: {type(exc).__name__}: {exc}"


def _pool(workers: int, limits: Limits) -> ProcessPoolExecutor:
    """Reading processes started from a small fork server, not forked from this process: a
    forked child would inherit this process's memory (a long-lived server or test run holds a
    lot), so the cap would bite at random; from the server each starts the same size."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=_init_worker,
        initargs=(limits.worker_memory_mb,),
    )


def _init_worker(mb: int) -> None:
    """Worker initialiser: end with the parent (a killed ingest leaves no reader behind), and cap
    the process's address space so one file cannot take the machine."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass
    if mb > 0:
        limit = mb * 2**20
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass


Job = tuple[Path, bytes, dict, str]


def parse_files(
    jobs: list[Job], workers: int, limits: Limits, tick: Callable[[], None] | None = None
) -> Iterator[tuple[Path, bytes, Document | None, str | None]]:
    """Parse (path, bytes, overrides, source) jobs, in parallel when there are several.

    Yields (path, bytes, document, error). A worker that dies (killed for memory, say) takes
    only its own file down: the files it did not finish are parsed again one at a time.
    """
    workers = workers or os.cpu_count() or 1
    if len(jobs) <= 1 or workers == 1:
        for path, data, overrides, source in jobs:
            yield (path, data, *_guarded(path, data, overrides, source, limits))
            if tick:
                tick()
        return
    jobs = sorted(jobs, key=lambda j: len(j[1]), reverse=True)  # largest first: no big file finishes alone
    pending = list(jobs)
    with _pool(min(workers, len(jobs)), limits) as pool:
        futures: dict[Future, Job] = {pool.submit(parse_one, *job, limits): job for job in jobs}
        for future, job in list(futures.items()):
            try:
                doc, error = future.result()
            except BrokenProcessPool:
                break
            pending.remove(job)
            yield job[0], job[1], doc, error
            if tick:
                tick()
    for path, data, overrides, source in pending:  # after a crash: one at a time, each alone
        yield (path, data, *_isolated(path, data, overrides, source, limits))
        if tick:
            tick()


def _guarded(
    path: Path, data: bytes, overrides: dict, source: str, limits: Limits
) -> tuple[Document | None, str | None]:
    """Parse in this process when there is one file, in a capped worker when memory is limited."""
    if limits.worker_memory_mb <= 0:
        return parse_one(path, data, overrides, source, limits)
    return _isolated(path, data, overrides, source, limits)


def _isolated(
    path: Path, data: bytes, overrides: dict, source: str, limits: Limits
) -> tuple[Document | None, str | None]:
    with _pool(1, limits) as pool:
        try:
            return pool.submit(parse_one, path, data, overrides, source, limits).result()
        except BrokenProcessPool:
            return None, (
                f"the reading process died (out of memory or crashed); worker_memory_mb is {limits.worker_memory_mb}"
            )
