"""The web app through Flask's test client: pages, the JSON API, access control and security."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from core.store import Store
from webapp import create_app
from webapp.auth import hash_password

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def app(corpus_config, tmp_path_factory):
    data = tmp_path_factory.mktemp("web") / "data"
    shutil.copytree(corpus_config.data_dir, data)
    config = corpus_config.with_overrides(data_dir=data, today="2025-10-01")
    with Store(config.db_path) as store:
        store.set_user("clerk.jones", hash_password(PASSWORD))
    return create_app(config, testing=True)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf(client, path="/login") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client):
    token = csrf(client)
    response = client.post(
        "/login", data={"name": "clerk.jones", "password": PASSWORD, "csrf_token": token, "next": "/status"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/status")
    return csrf(client, "/")


def an_item(client) -> str:
    return client.get("/api/items?kind=priority").get_json()["items"][0]["id"]


@pytest.mark.parametrize(
    "path,text",
    [
        ("/", "Safeguarding recommendations"),
        ("/search?q=neglect", "result"),
        ("/search?q=neglect&kind=recommendation&sort=newest&page=2", "Recommendation"),
        ("/status", "Status board"),
        ("/status.csv", "Ref,Item"),
        ("/documents", "Yearly Report 2024-25"),
        ("/login", "Sign in"),
    ],
)
def test_pages_answer(client, path, text):
    response = client.get(path)
    assert response.status_code == 200 and text in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "-",
        ":",
        "AND",
        "x" * 5000,
        "<script>alert(1)</script>",
        "%00",
        "year:abc",
        "theme:",
        "子供 ünïcödé",
        "page",
    ],
)
def test_a_bad_or_hostile_query_never_gives_a_500_and_is_inert(client, query):
    page = client.get("/search", query_string={"q": query, "page": "-3", "sort": "bogus"})
    assert page.status_code == 200 and "<script>alert(1)</script>" not in page.get_data(as_text=True)
    api = client.get("/api/search", query_string={"q": query, "page": "-3", "sort": "bogus", "size": "x"})
    assert api.status_code == 200 and api.mimetype == "application/json"  # JSON is data, never rendered


def test_bad_urls_give_clear_pages(client):
    for path in ("/items/nope", "/documents/nope", "/documents/nope/download", "/nowhere", "/api/items/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Traceback" not in response.get_data(as_text=True)
    assert client.post("/status").status_code in (400, 405)


def test_document_text_is_escaped(app, client):
    with Store(app.config["SGKB"].db_path) as store:
        doc = store.documents()[0]
        store.db.execute(
            "UPDATE blocks SET text = '<img src=x onerror=alert(1)> hostile' WHERE doc_id = ? AND seq = "
            "(SELECT MIN(seq) FROM blocks WHERE doc_id = ? AND kind = 'paragraph')",
            (doc.id, doc.id),
        )
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt; hostile" in page


def test_path_traversal_on_downloads_is_refused(app, client):
    for path in (
        "/documents/..%2F..%2Fetc%2Fpasswd/download",
        "/documents/../../etc/passwd/download",
        "/documents/%2e%2e/download",
        "/static/../../config.yaml",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"root:" not in response.data
    with Store(app.config["SGKB"].db_path) as store:
        doc = store.documents()[0]
        good = client.get(f"/documents/{doc.id}/download")
        assert good.status_code == 200 and good.data[:4] in (b"%PDF", b"PK\x03\x04")
        store.db.execute("UPDATE documents SET path = '/etc/passwd' WHERE id = ?", (doc.id,))
        try:
            assert client.get(f"/documents/{doc.id}/download").status_code == 404
        finally:
            store.db.execute("UPDATE documents SET path = ? WHERE id = ?", (doc.path, doc.id))


def test_edits_need_a_login_and_a_csrf_token(client):
    item = an_item(client)
    token = csrf(client)
    refused = client.post(
        f"/items/{item}/decide", data={"action": "status", "status": "implemented", "csrf_token": token}
    )
    assert refused.status_code == 403  # not signed in
    token = login(client)
    no_token = client.post(f"/items/{item}/decide", data={"action": "status", "status": "implemented"})
    assert no_token.status_code == 400  # signed in, but no CSRF token
    wrong = client.post(
        f"/items/{item}/decide", data={"action": "status", "status": "implemented", "csrf_token": "forged"}
    )
    assert wrong.status_code == 400
    ok = client.post(
        f"/items/{item}/decide",
        data={"action": "status", "status": "implemented", "note": "Seen at the board", "csrf_token": token},
    )
    assert ok.status_code == 302
    record = client.get(f"/api/items/{item}").get_json()
    assert record["links"]["status"] == "implemented" and record["links"]["status_source"] == "clerk"
    assert record["decisions"][-1]["user"] == "clerk.jones"


def test_login_rejects_wrong_passwords_and_open_redirects(client):
    token = csrf(client)
    bad = client.post("/login", data={"name": "clerk.jones", "password": "wrong", "csrf_token": token})
    assert bad.status_code == 401 and "not right" in bad.get_data(as_text=True)
    token = csrf(client)
    off_site = client.post(
        "/login", data={"name": "clerk.jones", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/"}
    )
    assert off_site.status_code == 302 and "evil" not in off_site.headers["Location"]


def test_security_headers_and_cookie_flags(client):
    response = client.get("/login")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_closed_browsing_needs_a_login(corpus_config, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    closed = create_app(corpus_config.with_overrides(data_dir=data, open_browsing=False), testing=True).test_client()
    assert closed.get("/status").status_code == 302
    assert closed.get("/api/search?q=neglect").status_code == 401
    assert closed.get("/login").status_code == 200


def test_the_secret_key_is_never_a_default(corpus_config, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus_config.data_dir, data)
    first = create_app(corpus_config.with_overrides(data_dir=data))
    second = create_app(corpus_config.with_overrides(data_dir=data))
    other = tmp_path / "other"
    shutil.copytree(corpus_config.data_dir, other)
    third = create_app(corpus_config.with_overrides(data_dir=other))
    assert first.secret_key == second.secret_key != third.secret_key and len(first.secret_key) >= 32
    assert (data / "secret_key").stat().st_mode & 0o077 == 0
    configured = create_app(corpus_config.with_overrides(data_dir=data, secret_key="from-config-" + "x" * 20))
    assert configured.secret_key.startswith("from-config-")


def test_api(client):
    search = client.get("/api/search?q=MASH&size=3").get_json()
    assert search["total"] > 0 and len(search["hits"]) == 3
    assert {"doc", "period", "section", "page", "kind", "text", "snippet", "score"} <= set(search["hits"][0])
    assert {f["value"] for f in search["facets"]["kind"]} >= {"passage"}
    docs = client.get("/api/documents").get_json()["documents"]
    assert len(docs) == 5
    doc = client.get(f"/api/documents/{docs[0]['id']}").get_json()
    assert doc["blocks"] and {"seq", "kind", "text", "section", "page"} <= set(doc["blocks"][0])
    links = client.get("/api/links").get_json()["links"]
    assert links and {"item_id", "status", "status_source", "overdue", "evidence"} <= set(links[0])
    assert client.get("/api/items?kind=bogus").status_code == 400


def test_status_csv_has_exactly_the_rows_shown(client):
    page = client.get("/status?status=in_progress&sort=document&col=document&col=item&col=status").get_data(
        as_text=True
    )
    shown = page.count('<strong class="tag tag-status-in_progress">')
    assert shown > 5
    csv_text = client.get("/status.csv?status=in_progress&sort=document&col=document&col=item&col=status").data
    assert csv_text.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(csv_text.decode("utf-8-sig"))))
    assert header == ["Item", "Status", "Document"]
    assert len(rows) == shown and all(row[1] == "In progress (suggested)" for row in rows)
    assert [row[2] for row in rows] == sorted((row[2] for row in rows), key=str.lower)


def test_more_like_this(client):
    hit = client.get("/api/search?q=%22Missing%20Children%20Action%20Plan%22").get_json()["hits"][0]
    page = client.get(f"/?like={hit['id']}", follow_redirects=True).get_data(as_text=True)
    assert "worded most like" in page and page.count('class="result"') > 0
    similar = client.get(f"/api/search?like={hit['id']}").get_json()["hits"]
    assert similar and hit["id"] not in {h["id"] for h in similar}
    assert client.get("/search?like=p:nope:1").status_code == 200
    results = client.get("/search?q=neglect").get_data(as_text=True)
    assert "more like this" in results
