"""The benchmark scripts run and print their measurements (no timing assertions)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from sgkb.config import PROJECT_ROOT


@pytest.mark.bench
@pytest.mark.parametrize("script,args,expected", [
    ("ingest.py", ["--quick", "--repeat", "1"], ["pages/s", "structure cost ratio", "re-ingest unchanged"]),
    ("tagging.py", ["--repeat", "1"], ["words/s", "tagging the whole corpus"]),
    ("search.py", ["--quick"], ["indexing docs/s", "query p95 ms", "corpus x3"]),
    ("linking.py", ["--quick"], ["time to link them all", "corpus x2"]),
    ("web.py", ["--quick"], ["search page", "item page", "p95 ms"]),
])
def test_bench_script_prints_its_measurements(script, args, expected):
    out = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench" / script), *args],
                         capture_output=True, text=True, check=True).stdout
    for words in expected:
        assert words in out, f"{script}: {words!r} missing from:\n{out}"
