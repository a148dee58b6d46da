"""Incremental re-ingest, pruning, and the ingest/docs/blocks commands' stable outputs."""

from __future__ import annotations

import json
import re
import shutil

import docx
from click.testing import CliRunner
from conftest import CORPUS

from cli.main import main
from core.config import PROJECT_ROOT, load_config

ARRANGEMENTS = "hscp-multi-agency-safeguarding-arrangements-2023.docx"
REPORT = "hscp-annual-report-2020-21.docx"


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def docs_jsonl(data):
    return [json.loads(line) for line in run("--data-dir", str(data), "docs", "--format", "jsonl").stdout.splitlines()]


def test_reingest_skips_unchanged_replaces_changed_and_prunes(small_corpus, tmp_path):
    data = tmp_path / "data"
    first = run("--data-dir", str(data), "ingest", str(small_corpus))
    assert first.exit_code == 0 and first.stdout.strip() == "2 ingested, 0 unchanged, 0 failed"
    ids = {d["file"]: d["id"] for d in docs_jsonl(data)}

    again = run("--data-dir", str(data), "ingest", str(small_corpus))
    assert again.stdout.strip() == "0 ingested, 2 unchanged, 0 failed"
    assert {d["file"]: d["id"] for d in docs_jsonl(data)} == ids

    # A changed file keeps its path but gets a new id; the old version is kept as a version.
    shutil.copy(CORPUS / "cyp-scrutiny-committee-minutes-2025-01-21.pdf", small_corpus / "minutes.pdf")
    edited = docx.Document(str(small_corpus / REPORT))
    edited.add_paragraph("Addendum: the partnership should publish an implementation plan.")
    edited.save(str(small_corpus / REPORT))
    changed = run("--data-dir", str(data), "ingest", str(small_corpus))
    assert changed.stdout.strip() == "2 ingested, 1 unchanged, 0 failed"
    files = {d["file"]: d["id"] for d in docs_jsonl(data)}
    assert ids[REPORT] not in files.values()
    assert "minutes.pdf" in files
    assert f"ingested: {REPORT}: new version of {REPORT} (version 2" in changed.stderr
    versions = [
        json.loads(line)
        for line in run("--data-dir", str(data), "docs", "--versions", "--format", "jsonl").stdout.splitlines()
    ]
    assert {(d["id"], d["version"], d["current"]) for d in versions if d["file"] == REPORT} == {
        (ids[REPORT], 1, False),
        (files[REPORT], 2, True),
    }

    # A moved file is recognised by its content: same id, new path.
    (small_corpus / "minutes.pdf").rename(small_corpus / "minutes-2025.pdf")
    moved = run("--data-dir", str(data), "ingest", str(small_corpus))
    assert moved.stdout.strip() == "0 ingested, 3 unchanged, 0 failed"
    assert {d["file"]: d["id"] for d in docs_jsonl(data)}["minutes-2025.pdf"] == files["minutes.pdf"]

    (small_corpus / "minutes-2025.pdf").unlink()
    pruned = run("--data-dir", str(data), "ingest", str(small_corpus), "--prune")
    assert pruned.stdout.strip() == "0 ingested, 2 unchanged, 0 failed, 1 pruned"
    assert "minutes-2025.pdf" not in {d["file"] for d in docs_jsonl(data)}


def test_a_copy_of_a_stored_file_is_stored_once(small_corpus, tmp_path):
    data = tmp_path / "data"
    shutil.copy(small_corpus / ARRANGEMENTS, small_corpus / "copy.docx")
    result = run("--data-dir", str(data), "ingest", str(small_corpus))
    assert result.exit_code == 0
    assert len(docs_jsonl(data)) == 2
    assert re.search(r"unchanged: (copy.docx|hscp-multi\S+): same content as \S+: stored once", result.stderr)


def test_rebuild_starts_clean(small_corpus, tmp_path):
    data = tmp_path / "data"
    run("--data-dir", str(data), "ingest", str(small_corpus))
    run("--data-dir", str(data), "ingest", str(CORPUS / "cyp-scrutiny-committee-minutes-2025-01-21.pdf"))
    assert len(docs_jsonl(data)) == 3
    rebuilt = run("--data-dir", str(data), "ingest", "--rebuild", str(small_corpus))
    assert rebuilt.stdout.strip() == "2 ingested, 0 unchanged, 0 failed"
    assert len(docs_jsonl(data)) == 2


def test_docs_jsonl_fields(corpus_config):
    rows = docs_jsonl(corpus_config.data_dir)
    assert len(rows) == 5
    for row in rows:
        assert {"id", "path", "title", "type", "period", "date", "pages"} <= set(row)
        assert re.fullmatch(r"[0-9a-f]{16}", row["id"])


def test_docs_csv_and_table(corpus_config):
    csv_out = run("--data-dir", str(corpus_config.data_dir), "docs", "--format", "csv").stdout
    assert csv_out.startswith("\ufeff")  # Excel reads it as UTF-8
    assert csv_out[1:].splitlines()[0] == "id,type,period,date,partnership,pages,format,title"
    table = run("--data-dir", str(corpus_config.data_dir), "docs").stdout
    assert "minutes" in table and "2013-14" in table


def test_blocks_by_file_name_or_id(corpus_config):
    data = str(corpus_config.data_dir)
    by_name = run("--data-dir", data, "blocks", "hscp-yearly-report-2024-25.pdf", "--format", "jsonl").stdout
    rows = [json.loads(line) for line in by_name.splitlines()]
    assert {"kind", "text", "section", "page", "lead_in"} <= set(rows[0])
    doc_id = next(d["id"] for d in docs_jsonl(corpus_config.data_dir) if d["file"] == "hscp-yearly-report-2024-25.pdf")
    assert run("--data-dir", data, "blocks", doc_id[:8], "--format", "jsonl").stdout == by_name


def test_unknown_document_is_a_clear_error(corpus_config):
    result = run("--data-dir", str(corpus_config.data_dir), "blocks", "nope.pdf")
    assert result.exit_code == 1
    assert "no document 'nope.pdf'" in result.stderr and "Traceback" not in result.output


def test_commands_without_a_store_say_what_to_do(tmp_path):
    result = run("--data-dir", str(tmp_path / "empty"), "docs")
    assert result.exit_code == 1 and "run `sgkb ingest` first" in result.stderr


def test_commands_without_a_search_index_say_what_to_do(tmp_path, small_corpus):
    data = str(tmp_path / "data")
    assert run("--data-dir", data, "ingest", str(small_corpus)).exit_code == 0
    shutil.rmtree(tmp_path / "data" / "index")
    for command in (["search", "neglect"], ["eval", "search"]):
        result = run("--data-dir", data, *command)
        assert result.exit_code == 1 and "Traceback" not in result.output, command
        assert "run `sgkb ingest` or `sgkb reindex`" in result.stderr, command


def test_settings_come_from_config_then_environment_then_flags(tmp_path):
    config = load_config(environ={})
    assert config.data_dir == PROJECT_ROOT / "data" and config.corpus_dir == PROJECT_ROOT / "corpus"
    env_config = load_config(environ={"SGKB_DATA_DIR": str(tmp_path / "env"), "SGKB_WORKERS": "3"})
    assert env_config.data_dir == tmp_path / "env" and env_config.workers == 3
    assert env_config.with_overrides(data_dir=tmp_path / "flag").data_dir == tmp_path / "flag"
    custom = tmp_path / "custom.yaml"
    custom.write_text("data_dir: d\ncorpus_dir: c\nmetadata_file: c/m.yaml\n", encoding="utf-8")
    assert load_config(custom, environ={}).data_dir == tmp_path / "d"


def test_a_broken_config_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("data_dir: d\nunknown_key: 1\n", encoding="utf-8")
    result = run("--config", str(bad), "docs")
    assert result.exit_code == 1 and "unknown setting(s)" in result.stderr


def test_a_new_ingestor_version_reads_a_file_and_its_twin_again(small_corpus, tmp_path, monkeypatch):
    """The same report as DOCX and PDF: after an ingestor upgrade both are read again, the twin
    stays an alternate (its items would otherwise take the primary's ids) and items keep their ids."""
    import sgkb.update

    data = tmp_path / "data"
    (small_corpus / ARRANGEMENTS).unlink()
    shutil.copy(CORPUS / "hscp-annual-report-2020-21.pdf", small_corpus)
    assert run("--data-dir", str(data), "ingest", str(small_corpus)).exit_code == 0
    before = docs_jsonl(data)
    items_before = run("--data-dir", str(data), "items", "--format", "jsonl").stdout

    monkeypatch.setattr(sgkb.update, "INGESTOR_VERSION", sgkb.update.INGESTOR_VERSION + 1)
    again = run("--data-dir", str(data), "ingest", str(small_corpus))
    assert again.exit_code == 0 and again.stdout.strip() == "2 ingested, 0 unchanged, 0 failed"
    after = docs_jsonl(data)
    assert len(after) == len(before) == 1  # the twin is listed with its primary, not as a document
    versions = [
        json.loads(line)
        for line in run("--data-dir", str(data), "docs", "--versions", "--format", "jsonl").stdout.splitlines()
    ]
    assert sorted((d["file"], d["version"]) for d in versions if d["current"]) == [
        ("hscp-annual-report-2020-21.docx", 2),
        ("hscp-annual-report-2020-21.pdf", 2),
    ]
    assert run("--data-dir", str(data), "items", "--format", "jsonl").stdout == items_before


def test_a_new_file_replacing_a_twin_stays_its_twin(small_corpus, tmp_path):
    """The Word twin re-saved under a new name (the old file gone) is still the same document as
    the PDF: kept as an alternate, no item doubled."""
    data = tmp_path / "data"
    (small_corpus / ARRANGEMENTS).unlink()
    shutil.copy(CORPUS / "hscp-annual-report-2020-21.pdf", small_corpus)
    assert run("--data-dir", str(data), "ingest", str(small_corpus)).exit_code == 0
    items_before = run("--data-dir", str(data), "items", "--format", "jsonl").stdout
    edited = docx.Document(str(small_corpus / REPORT))
    edited.add_paragraph("Re-saved with one more line.")
    edited.save(str(small_corpus / "hscp-annual-report-2020-21-v2.docx"))
    (small_corpus / REPORT).unlink()
    again = run("--data-dir", str(data), "ingest", str(small_corpus))
    assert again.exit_code == 0, again.output
    assert len(docs_jsonl(data)) == 1
    assert run("--data-dir", str(data), "items", "--format", "jsonl").stdout == items_before


def test_a_tagger_upgrade_retags_stored_documents_when_a_new_file_arrives_too(small_corpus, tmp_path):
    """Storing a new file must not mark the older documents as tagged by the new rules."""
    from core.store import Store

    data = tmp_path / "data"
    later = tmp_path / "later"
    later.mkdir()
    shutil.move(small_corpus / ARRANGEMENTS, later / ARRANGEMENTS)
    assert run("--data-dir", str(data), "ingest", str(small_corpus)).exit_code == 0
    store = Store(data / "sgkb.sqlite3")
    doc = store.documents()[0]
    full = store.items(doc.id)
    store.replace_items(doc.id, full[:-5])  # as an older tagger might have left them
    store.set_meta("tagger_version", "an-older-tagger")
    store.db.close()
    assert run("--data-dir", str(data), "ingest", str(small_corpus), str(later)).exit_code == 0
    store = Store(data / "sgkb.sqlite3")
    assert [i.id for i in store.items(doc.id)] == [i.id for i in full]
