"""The benchmark scripts run and print their measurements (no timing assertions)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from sgkb.config import PROJECT_ROOT


@pytest.mark.bench
def test_ingest_bench_prints_throughput_and_ratio():
    out = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench" / "ingest.py"), "--quick", "--repeat", "1"],
                         capture_output=True, text=True, check=True).stdout
    assert "pages/s" in out and "structure cost ratio" in out and "re-ingest unchanged" in out


@pytest.mark.bench
def test_tagging_bench_prints_words_per_second():
    out = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench" / "tagging.py"), "--repeat", "1"],
                         capture_output=True, text=True, check=True).stdout
    assert "words/s" in out and "tagging the whole corpus" in out


@pytest.mark.bench
def test_search_bench_prints_indexing_rate_and_latency_side_by_side():
    out = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench" / "search.py"), "--quick"],
                         capture_output=True, text=True, check=True).stdout
    assert "indexing docs/s" in out and "query p95 ms" in out and "corpus x3" in out


@pytest.mark.bench
def test_linking_bench_prints_time_for_the_corpus_and_a_larger_one():
    out = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench" / "linking.py"), "--quick"],
                         capture_output=True, text=True, check=True).stdout
    assert "time to link them all" in out and "corpus x2" in out
