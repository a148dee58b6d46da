"""Shared fixtures: the real corpus ingested once per session into a temporary store."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.pipeline import ingest
from sgkb.config import PROJECT_ROOT, load_config
from sgkb.store import Store

CORPUS = PROJECT_ROOT / "corpus"
DATA = Path(__file__).parent / "data"
CORPUS_FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx"))


def make_config(data_dir: Path, corpus_dir: Path = CORPUS, **extra):
    """A Config pointing at a temporary data folder (and optionally another corpus)."""
    return load_config(environ={}).with_overrides(
        data_dir=data_dir, corpus_dir=corpus_dir, metadata_file=corpus_dir / "metadata.yaml", **extra)


@pytest.fixture(scope="session")
def corpus_config(tmp_path_factory):
    config = make_config(tmp_path_factory.mktemp("corpus-data"))
    report = ingest(config)
    assert not report.failed, report.failed
    return config


@pytest.fixture(scope="session")
def corpus_store(corpus_config):
    with Store(corpus_config.db_path) as store:
        yield store


@pytest.fixture(scope="session")
def blocks_by_file(corpus_store):
    """File name -> list of blocks, for every corpus file (alternate formats included)."""
    return {Path(d["path"]).name: corpus_store.blocks(d["id"])
            for d in corpus_store.documents(include_duplicates=True)}


@pytest.fixture
def small_corpus(tmp_path):
    """A writable copy of the two Word files (fast to ingest) in its own corpus folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("hscp-annual-report-2020-21.docx", "hscp-multi-agency-safeguarding-arrangements-2023.docx"):
        shutil.copy(CORPUS / name, folder / name)
    return folder
