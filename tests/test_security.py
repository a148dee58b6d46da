"""Nothing lost, no one in: each break found by the attack review, reproduced, now held."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from urllib.parse import urlsplit

import docx
import pytest
from click.testing import CliRunner
from conftest import CORPUS, copy_data, make_config
from werkzeug import security

from cli.main import main
from core.model import DecisionAction
from core.store import Store
from sgkb.exports import csv_text
from sgkb.service import KnowledgeBase
from webapp import auth as web_auth
from webapp import create_app
from webapp.auth import hash_password

REPORT = "hscp-annual-report-2020-21.docx"
PASSWORD = "correct horse battery"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def word_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / REPORT, folder / REPORT)
    kb = KnowledgeBase(make_config(tmp_path / "data", folder))
    assert not kb.update().failed
    return kb, folder


def edit_paragraph(path, old: str, new: str) -> None:
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        if old in paragraph.text:
            for run_ in paragraph.runs:
                run_.text = run_.text.replace(old, new)
            paragraph.text = paragraph.text.replace(old, new) if old in paragraph.text else paragraph.text
    document.save(str(path))


# -- clerks' work survives revised documents ---------------------------------------------
def test_a_resaved_or_revised_document_keeps_its_decisions(word_corpus):
    kb, folder = word_corpus
    items = {i.text: i for i in kb.items()}
    kept = items[next(t for t in items if t.startswith("Priority 2: Neglect"))]
    kb.decide(kept.id, "clerk.jones", "Seen at the board", status="in_progress")
    changed = next(i for t, i in items.items() if "Right Help, Right Time" in t and i.id != kept.id)
    kb.decide(changed.id, "clerk.jones", "Checked with the partnership", status="implemented")
    # re-saved by Word: other bytes, the same text
    docx.Document(str(folder / REPORT)).save(str(folder / REPORT))
    resaved = kb.update()
    assert resaved.count("ingested") == 1 and not resaved.orphaned
    assert kb.status_of(kept.id).source == "clerk" and kb.status_of(changed.id).source == "clerk"
    # one word changed in one item: the others keep their ids; the changed one takes its decisions
    edit_paragraph(folder / REPORT, "Right Help, Right Time", "Right Help at the Right Time")
    revised = kb.update()
    assert kb.item(kept.id) is not None and kb.status_of(kept.id).status.value == "in_progress"
    assert kb.item(changed.id) is None
    assert revised.carried and "carried" in " ".join(revised.carried)
    successor = next(i for i in kb.items() if "Right Help at the Right Time" in i.text and i.kind is changed.kind)
    status = kb.status_of(successor.id)
    assert status.status.value == "implemented" and status.source == "clerk" and status.carried
    assert any(d.action is DecisionAction.CARRY_OVER for d in kb.decisions(successor.id))
    versions = kb.store.versions(kb.document(REPORT).lineage)
    assert [v.version for v in versions] == [3, 2, 1] and [v.current for v in versions] == [True, False, False]


def test_decisions_whose_item_is_gone_are_reported_and_listed(word_corpus, tmp_path):
    kb, folder = word_corpus
    item = kb.items()[0]
    kb.decide(item.id, "clerk.jones", "A note", status="implemented")
    (folder / REPORT).unlink()
    result = run("--data-dir", str(kb.config.data_dir), "ingest", str(folder), "--prune")
    assert "orphaned:" in result.stderr and "pruned" in result.stderr
    listed = run("--data-dir", str(kb.config.data_dir), "decisions", "--orphaned", "--format", "jsonl").stdout
    assert item.id in listed


def test_a_file_replaced_between_ingests_is_read_again(word_corpus):
    kb, folder = word_corpus
    first = kb.document(REPORT).sha256
    shutil.copy(CORPUS / "hscp-multi-agency-safeguarding-arrangements-2023.docx", folder / REPORT)
    report = kb.update()
    assert report.count("ingested") == 1
    assert kb.document(REPORT).sha256 != first
    assert kb.update().count("unchanged") == 1  # and not again


# -- ingest that cannot be fooled -------------------------------------------------------
def test_an_unreadable_file_is_reported_by_name_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(CORPUS / REPORT, folder / REPORT)
    os.symlink("/proc/self/mem", folder / "unreadable.pdf")  # reading it fails even for root
    result = run("--data-dir", str(tmp_path / "data"), "ingest", str(folder))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(r"failed: unreadable\.pdf: (cannot read the file|permission denied)", result.stderr)
    assert "1 ingested" in result.stdout


def test_a_zip_bomb_and_an_overlong_pdf_are_refused_by_limit(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    bomb = io.BytesIO()
    with zipfile.ZipFile(CORPUS / REPORT) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(
                    b"</w:body>", b"<w:p><w:r><w:t>" + b"x" * (8 * 2**20) + b"</w:t></w:r></w:p></w:body>"
                )
            out.writestr(info, data)
    (folder / "bomb.docx").write_bytes(bomb.getvalue())
    shutil.copy(CORPUS / "cyp-scrutiny-committee-minutes-2025-01-21.pdf", folder / "long.pdf")
    env_config = tmp_path / "config.yaml"
    env_config.write_text(
        f"data_dir: {tmp_path / 'data'}\ncorpus_dir: {folder}\nmetadata_file: {folder / 'm.yaml'}\n"
        "max_docx_uncompressed_mb: 5\nmax_pdf_pages: 3\n",
        encoding="utf-8",
    )
    result = run("--config", str(env_config), "ingest")
    assert (
        "failed: bomb.docx: the Word file unpacks to" in result.stderr and "max_docx_uncompressed_mb" in result.stderr
    )
    assert "failed: long.pdf: the PDF has 11 pages, over the limit of 3" in result.stderr


def test_a_worker_that_runs_out_of_memory_loses_only_its_file(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in (REPORT, "hscp-yearly-report-2024-25.pdf"):
        shutil.copy(CORPUS / name, folder / name)
    config = make_config(tmp_path / "data", folder, worker_memory_mb=40, workers=2)
    report = KnowledgeBase(config).update()  # no exception: the batch finishes
    assert {f.name for f in report.files} == {REPORT, "hscp-yearly-report-2024-25.pdf"}
    failed = {f.name: f.reason for f in report.failed}
    assert "hscp-yearly-report-2024-25.pdf" in failed
    assert all("memory" in reason or "died" in reason for reason in failed.values()), failed


def test_too_many_items_in_one_document_is_refused(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    document = docx.Document()
    document.add_heading("Wyvale review", level=1)
    for n in range(400):
        document.add_paragraph(f"The partnership should review policy number {n} by March 2026.")
    document.save(str(folder / "many.docx"))
    report = KnowledgeBase(make_config(tmp_path / "data", folder, max_items_per_document=100)).update()
    assert report.failed and "over the limit of 100" in report.failed[0].reason


# -- reads never write -------------------------------------------------------------------
def test_pages_and_read_commands_never_write(corpus_config, tmp_path):
    config = copy_data(corpus_config, tmp_path / "data")
    before = {
        p: p.stat().st_mtime_ns
        for p in config.data_dir.rglob("*")
        if p.is_file() and "wal" not in p.name and "shm" not in p.name and p.name != "secret_key"
    }
    client = create_app(config, testing=True).test_client()
    item = client.get("/api/items").get_json()["items"][0]["id"]
    for path in (
        "/",
        "/search?q=neglect",
        f"/items/{item}",
        "/status",
        "/status.csv",
        "/review",
        "/decisions",
        "/api/links",
    ):
        assert client.get(path).status_code == 200, path
    for command in (["links"], ["status"], ["items"], ["search", "neglect"]):
        assert run("--data-dir", str(config.data_dir), *command).exit_code == 0
    after = {p: p.stat().st_mtime_ns for p in before}
    assert after == before


# -- sign-in as the OWASP cheat sheets say ----------------------------------------------------
@pytest.fixture
def app(corpus_config, tmp_path):
    config = copy_data(corpus_config, tmp_path / "data", login_max_failures=3)
    with Store(config.db_path) as store:
        store.set_user("clerk.jones", hash_password(PASSWORD))
    return create_app(config, testing=True)


def token(client, path="/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def sign_in(client, password=PASSWORD, name="clerk.jones", next_url="/"):
    return client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token(client), "next": next_url}
    )


def test_repeated_failures_are_throttled_then_the_right_password_waits(app):
    client = app.test_client()
    for _ in range(3):
        assert sign_in(client, "wrong password").status_code == 401
    throttled = sign_in(client)
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0


def test_an_unknown_user_costs_the_same_password_check(app, monkeypatch):
    checked = []
    real = security.check_password_hash

    def counting(stored, password):
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(web_auth, "check_password_hash", counting)
    client = app.test_client()
    sign_in(client, "whatever", name="nobody.here")
    sign_in(client, "whatever", name="clerk.jones")
    assert len(checked) == 2 and all(s.startswith("scrypt:") for s in checked)


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example/",
        "/%09/evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/%0a/x",
    ],
)
def test_next_is_only_ever_a_local_path(app, next_url):
    response = sign_in(app.test_client(), next_url=next_url)
    assert response.status_code == 302
    location = response.headers["Location"]
    parsed = urlsplit(location)
    assert location.startswith("/") and not location.startswith("//") and not parsed.scheme and not parsed.netloc
    assert not re.search(r"[\x00-\x20\\]", location)  # a browser reads it as a path on this site


def test_a_cookie_replayed_after_sign_out_cannot_decide(app):
    client = app.test_client()
    assert sign_in(client).status_code == 302
    item = client.get("/api/items").get_json()["items"][0]["id"]
    stolen = client.get_cookie("session").value
    csrf = token(client, f"/items/{item}")
    client.post("/logout", data={"csrf_token": csrf})
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    refused = replay.post(
        f"/items/{item}/decide",
        data={"action": "status", "status": "implemented", "note": "replayed", "csrf_token": csrf},
    )
    assert refused.status_code == 403


def test_secure_cookies_when_served_behind_https(corpus_config, tmp_path):
    config = copy_data(corpus_config, tmp_path / "data", secure_cookies=True)
    client = create_app(config, testing=True).test_client()
    response = client.get("/login")
    assert "Secure" in response.headers.get("Set-Cookie", "")
    assert "max-age" in response.headers.get("Strict-Transport-Security", "")


# -- downloads and reports safe for any file name ------------------------------------------------
def test_formula_looking_cells_are_neutralised_in_every_csv():
    text = csv_text(["a", "b", "c", "d", "e"], [["=SUM(A1)", "+1", "-2", "@cmd", "\tx"]])
    row = text.lstrip("\ufeff").splitlines()[1]
    assert row == "'=SUM(A1),'+1,'-2,'@cmd,'\tx" or row.startswith("'=SUM(A1),'+1,'-2,'@cmd,")


def test_a_newline_in_a_file_name_cannot_forge_report_lines_or_break_a_download(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    odd = "report\nfailed: forged.pdf: owned.docx"
    shutil.copy(CORPUS / REPORT, folder / odd)
    config = make_config(tmp_path / "data", folder)
    result = run("--data-dir", str(config.data_dir), "ingest", str(folder))
    assert "failed: forged.pdf" not in result.stderr.splitlines()
    assert not any(line.startswith("failed: forged") for line in result.stderr.splitlines())
    client = create_app(config, testing=True).test_client()
    doc = client.get("/api/documents").get_json()["documents"][0]["id"]
    response = client.get(f"/documents/{doc}/download")
    assert response.status_code == 200 and "\n" not in response.headers["Content-Disposition"]
