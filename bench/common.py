"""What the benchmark scripts share: the project on the path, an ingested corpus, timing and
percentiles, and one way of printing a measurement ("name: value unit"), which the tests read.

The scripts print measurements only and assert nothing: these machines are noisy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.config import Config, load_config  # noqa: E402

CORPUS = ROOT / "corpus"


def parser(doc: str, quick: str) -> argparse.ArgumentParser:
    """An argument parser with the script's first docstring line and a --quick smoke mode."""
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument("--quick", action="store_true", help=quick)
    return p


def ingested(data_dir: Path, corpus: Path = CORPUS, **extra) -> Config:
    """The corpus ingested into data_dir (not timed by the callers). A data folder already
    holding the corpus, named by $SGKB_BENCH_INGESTED (the test suite's), is copied instead."""
    import os
    import shutil

    from sgkb.service import KnowledgeBase

    config = load_config(environ={}).with_overrides(
        data_dir=data_dir, corpus_dir=corpus, metadata_file=corpus / "metadata.yaml", **extra
    )
    ready = os.environ.get("SGKB_BENCH_INGESTED")
    if ready and corpus == CORPUS and Path(ready).is_dir():
        shutil.copytree(ready, data_dir)
    KnowledgeBase(config).update()  # nothing to do when copied, or a real first ingest
    return config


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else values[0]


def measure(name: str, value: float, unit: str = "", note: str = "") -> None:
    """Print one measurement as `name: value unit  (note)`."""
    text = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
    print(f"{name}: {text}{' ' + unit if unit else ''}{'  (' + note + ')' if note else ''}")
