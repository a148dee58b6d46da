"""The benchmark scripts run and print their measurements as positive numbers (no timing assertions)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from core.config import PROJECT_ROOT

pytestmark = pytest.mark.bench

MEASUREMENT = re.compile(r"^(?P<name>[^\n]+?): (?P<value>-?[\d,]+(?:\.\d+)?)(?= |$)", re.M)


class Figures(dict[str, float]):
    """A bench script's measurements by name, and what it wrote to stderr (its failures)."""

    stderr = ""


@pytest.fixture(scope="module")
def run(corpus_config):
    """Run a bench script in its smoke mode, over a copy of the suite's ingested corpus; its figures."""
    cache: dict[str, Figures] = {}

    def measurements(script: str) -> Figures:
        if script not in cache:
            env = {**os.environ, "SGKB_BENCH_INGESTED": str(corpus_config.data_dir)}
            done = subprocess.run(
                [sys.executable, str(PROJECT_ROOT / "bench" / script), "--quick"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
                cwd=PROJECT_ROOT,
            )
            found = MEASUREMENT.finditer(done.stdout)
            figures = Figures((m["name"], float(m["value"].replace(",", ""))) for m in found)
            figures.stderr = done.stderr
            cache[script] = figures
        return cache[script]

    return measurements


@pytest.mark.parametrize(
    "script,expected",
    [
        (
            "ingest.py",
            [
                "PDF bare pdfplumber extract_text",
                "PDF structured reading (columns, lists, tables)",
                "PDF structure cost ratio (structured / bare)",
                "Word structured reading",
                "first ingest: index entries written",
            ],
        ),
        ("tagging.py", ["tagging the whole corpus", "tagging throughput"]),
        (
            "search.py",
            ["indexing, corpus (1 process)", "key-word query p95 x1", "question p95 x3", "block reader speed-up"],
        ),
        ("linking.py", ["time to link the corpus", "time to link x2", "per item, x2"]),
    ],
)
def test_bench_script_prints_positive_measurements(run, script, expected):
    found = run(script)
    for name in expected:
        assert found.get(name, 0) > 0, f"{script}: {name!r} missing or not positive in {found}"


def test_the_first_ingest_writes_each_index_entry_once(run):
    found = run("ingest.py")
    assert found["first ingest: index entries written"] > 0
    assert found["first ingest: index entries written"] == found["first ingest: entries in the index"]


def test_web_bench_serves_both_modes_without_errors(run):
    found = run("web.py")
    for mode in ("quiet", "while writing"):
        for page in ("search page", "item page"):
            assert found[f"{page}, {mode}: requests/s"] > 0 and found[f"{page}, {mode}: p95"] > 0
            assert found[f"{page}, {mode}: errors"] == 0, found.stderr
