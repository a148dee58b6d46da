"""Shared fixtures: the real corpus ingested once per session; tests that write work on a copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.config import PROJECT_ROOT, load_config
from sgkb.service import KnowledgeBase

CORPUS = PROJECT_ROOT / "corpus"
DATA = Path(__file__).parent / "data"
MIXED = DATA / "mixed"
CORPUS_FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx"))


def make_config(data_dir: Path, corpus_dir: Path = CORPUS, **extra):
    """A Config pointing at a temporary data folder (and optionally another corpus)."""
    return load_config(environ={}).with_overrides(
        data_dir=data_dir, corpus_dir=corpus_dir, metadata_file=corpus_dir / "metadata.yaml", **extra
    )


@pytest.fixture(scope="session")
def corpus_config(tmp_path_factory):
    """The corpus, ingested once for the whole run (read it; copy it to write: `writable_kb`)."""
    config = make_config(tmp_path_factory.mktemp("corpus-data"))
    report = KnowledgeBase(config).update()
    assert not report.failed, report.failed
    return config


@pytest.fixture(scope="session")
def corpus_kb(corpus_config):
    kb = KnowledgeBase(corpus_config)
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def corpus_store(corpus_kb):
    return corpus_kb.store


def copy_data(config, target: Path, **extra):
    """A copy of an ingested data folder, and a config over it."""
    shutil.copytree(config.data_dir, target)
    return config.with_overrides(data_dir=target, **extra)


@pytest.fixture
def writable_kb(corpus_config, tmp_path):
    """A knowledge base over a private copy of the ingested corpus."""
    kb = KnowledgeBase(copy_data(corpus_config, tmp_path / "data"))
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def blocks_by_file(corpus_store):
    """File name -> list of blocks, for every corpus file (alternate formats included)."""
    return {d.file: corpus_store.blocks(d.id) for d in corpus_store.documents(alternates=True)}


@pytest.fixture
def small_corpus(tmp_path):
    """A writable copy of the two Word files (fast to ingest) in its own corpus folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("hscp-annual-report-2020-21.docx", "hscp-multi-agency-safeguarding-arrangements-2023.docx"):
        shutil.copy(CORPUS / name, folder / name)
    return folder
