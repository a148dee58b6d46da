"""The semantic signal: a small static embedding model whose weights ship inside its package
(WordLlama's 256-dimension `l2_supercat`, 16 MB in the `wordllama` wheel; see the README for
why this one). Nothing is ever downloaded: the weights and the tokenizer are opened from the
installed package's own files, never through a loader that could fetch them.

Each index entry is embedded sentence by sentence when the index is built; the vectors are
stored with the build (`vectors.npy`, float32, opened memory-mapped so that server processes
share them), and each entry's rows are found through two numeric columns of the index
(`vec_start`, `vec_count`). An entry's similarity to a question is that of its closest
sentence: a 120-word passage averaged into one vector loses the sentence that answers.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

VECTORS = "vectors.npy"
VECTORS_INFO = "vectors.json"
WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
MIN_SENTENCE_WORDS = 3  # shorter fragments ("Page 4.") join no sentence of their own
MAX_ROWS_PER_ENTRY = 255
BATCH = 512
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")


class Embedder:
    """WordLlama from its package files: average of token vectors, normalised."""

    def __init__(self) -> None:
        import logging

        root = logging.getLogger()
        level, handlers = root.level, list(root.handlers)
        import wordllama  # its package __init__ calls logging.basicConfig: the app's logging is put back

        root.setLevel(level)
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        from safetensors import safe_open
        from tokenizers import Tokenizer
        from wordllama.inference import WordLlamaInference

        folder = Path(wordllama.__file__).resolve().parent
        weights, tokenizer = folder.joinpath(*WEIGHTS), folder.joinpath(*TOKENIZER)
        with safe_open(str(weights), framework="np") as f:
            embedding = f.get_tensor("embedding.weight")
        self._model = WordLlamaInference(embedding, Tokenizer.from_file(str(tokenizer)))
        self.dim = int(embedding.shape[1])
        self.name = f"wordllama-{metadata.version('wordllama')}/l2_supercat_{self.dim}"
        self._lock = threading.Lock()  # the tokenizer's batch encoder is not shared between threads

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 row per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock, np.errstate(invalid="ignore", divide="ignore"):
            vectors = self._model.embed(texts, norm=True)
        # a text of no known tokens comes back as NaN: it is like nothing
        return np.nan_to_num(np.ascontiguousarray(vectors, dtype=np.float32), nan=0.0)


@lru_cache(maxsize=1)
def embedder() -> Embedder | None:
    """The model, or None when its package is not installed (search then ranks by words alone)."""
    try:
        return Embedder()
    except Exception:  # not installed, or damaged files (tokenizers raises plain Exception)
        return None


def sentences(text: str) -> list[str]:
    """The units an entry is embedded as: its sentences (and lines), fragments joined to the
    sentence before; the whole text when it is one sentence."""
    out: list[str] = []
    for part in _SENTENCE.split(text or ""):
        part = part.strip()
        if not part:
            continue
        if out and len(part.split()) < MIN_SENTENCE_WORDS:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out[:MAX_ROWS_PER_ENTRY] or [text or ""]


class VectorWriter:
    """Embeds entries as they are written and gives each its rows (`vec_start`, `vec_count`).

    Entries are held back in batches (embedding a batch at once is much faster), so `add`
    yields the entries ready to be written; `flush` yields the rest."""

    def __init__(self, model: Embedder | None, existing: np.ndarray | None = None, full_rows: int = 0):
        self.model = model
        self.blocks: list[np.ndarray] = [] if existing is None else [existing]
        self.rows = 0 if existing is None else len(existing)
        self.full_rows = full_rows  # rows after the last full build (updates append to them)
        self._pending: list[dict] = []

    def add(self, entry: dict) -> Iterable[dict]:
        if self.model is None:
            yield {**entry, "vec_start": 0, "vec_count": 0}
            return
        self._pending.append(entry)
        if len(self._pending) >= BATCH:
            yield from self.flush()

    def flush(self) -> Iterable[dict]:
        if self.model is None or not self._pending:
            return
        batch, self._pending = self._pending, []
        units = [sentences(e["text"]) for e in batch]
        vectors = self.model.embed([s for u in units for s in u])
        self.blocks.append(vectors)
        for entry, unit in zip(batch, units, strict=True):
            yield {**entry, "vec_start": self.rows, "vec_count": len(unit)}
            self.rows += len(unit)

    def matrix(self) -> np.ndarray:
        """All the rows written so far."""
        dim = self.model.dim if self.model is not None else 0
        return np.concatenate(self.blocks) if self.blocks else np.zeros((0, dim), np.float32)

    def save(self, build: Path, full: bool = False) -> None:
        """Write the vectors into the build folder (a new file: a hard-linked copy is not changed).
        `full`: every live entry's rows were written afresh (none of them are dead)."""
        save(
            build, self.matrix() if self.model is not None else None, self.model, self.rows if full else self.full_rows
        )


def save(build: Path, matrix: np.ndarray | None, model: Embedder | None, full_rows: int | None = None) -> None:
    """Store a build's vectors (none: remove any), with the model that made them."""
    if model is None or matrix is None:
        for name in (VECTORS, VECTORS_INFO):
            (build / name).unlink(missing_ok=True)
        return
    tmp = build / f"{VECTORS}.tmp"
    with open(tmp, "wb") as f:
        np.save(f, matrix.astype(np.float32, copy=False))
    os.replace(tmp, build / VECTORS)
    rows = int(len(matrix))
    info = {"model": model.name, "dim": model.dim, "rows": rows, "full_rows": rows if full_rows is None else full_rows}
    (build / f"{VECTORS_INFO}.tmp").write_text(json.dumps(info), encoding="utf-8")
    os.replace(build / f"{VECTORS_INFO}.tmp", build / VECTORS_INFO)


def load_existing(build: Path, model: Embedder | None) -> np.ndarray | None:
    """A build's vectors in memory (to append to), if they were made by this model."""
    if model is None or read_info(build).get("model") != model.name:
        return None
    try:
        return np.load(build / VECTORS)
    except (OSError, ValueError):
        return None


def read_info(build: Path) -> dict:
    try:
        return json.loads((build / VECTORS_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class Vectors:
    """A build's vectors, with each index document's rows, for scoring a question."""

    def __init__(self, matrix: np.ndarray, starts: np.ndarray, counts: np.ndarray, live: np.ndarray):
        self.matrix = np.asarray(matrix)  # a plain view of the memory map: no copy
        valid = live & (counts > 0) & (starts + counts <= len(self.matrix))
        self.starts = np.where(valid, starts, 0)
        self.counts = np.where(valid, counts, 0)

    @classmethod
    def load(
        cls, build: Path, starts: np.ndarray, counts: np.ndarray, live: np.ndarray, model: Embedder | None
    ) -> Vectors | None:
        """A build's vectors (each entry's first row and row count given), or None when it has
        none made by this model."""
        info = read_info(build)
        if model is None or info.get("model") != model.name:
            return None
        try:
            matrix = np.load(build / VECTORS, mmap_mode="r")
        except (OSError, ValueError):
            return None
        return cls(matrix, starts, counts, live)

    def similarity(self, query: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """The closest-sentence cosine of each of these documents to the query vector (-1 for
        one without vectors). Only their rows are read: a question costs the same on any index."""
        out = np.full(len(docs), -1.0, dtype=np.float32)
        counts = self.counts[docs]
        has = np.flatnonzero(counts > 0)
        if not len(has):
            return out
        counts = counts[has]
        ends = np.cumsum(counts)
        firsts = ends - counts
        # the rows of every document, one after the other
        rows = np.repeat(self.starts[docs[has]] - firsts, counts) + np.arange(int(ends[-1]))
        # not `@`: a BLAS call wakes OpenBLAS's threads, whose spinning afterwards slowed the rest
        # of a request by more than the product itself costs (2 shared cores)
        sims = np.einsum("ij,j->i", self.matrix[rows], query)
        out[has] = np.maximum.reduceat(sims, firsts)
        return out
