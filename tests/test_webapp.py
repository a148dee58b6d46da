"""The web app through Flask's test client: pages, the JSON API, access control and security."""

from __future__ import annotations

import csv
import io
import json
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
        ("/review", "Review queue"),
        ("/decisions", "Decisions log"),
        ("/accessibility", "Accessibility statement"),
        ("/status?due=check&unconfirmed=1&source=machine&dir=desc&sort=due", "Status board"),
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
    no_key = shutil.ignore_patterns("secret_key")  # another test may have made one in the shared corpus
    shutil.copytree(corpus_config.data_dir, data, ignore=no_key)
    first = create_app(corpus_config.with_overrides(data_dir=data))
    second = create_app(corpus_config.with_overrides(data_dir=data))
    other = tmp_path / "other"
    shutil.copytree(corpus_config.data_dir, other, ignore=no_key)
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
    query = "status=in_progress&sort=document&col=document&col=item&col=status"
    shown = 0
    for number in range(1, 20):  # the board shows 50 rows a page; the download has them all
        page = client.get(f"/status?{query}&page={number}").get_data(as_text=True)
        table = page.split('<table class="table board-table">', 1)[1].split("</table>", 1)[0]
        rows_here = table.count("<tr>") - 1  # less the header row
        shown += rows_here
        if rows_here < 50:
            break
    assert shown > 50 and f"{shown} items" in page
    csv_text = client.get("/status.csv?" + query).data
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
    assert "More like this" in results


# -- the committee paper, the review queue, the decisions log ---------------------------
MINUTES = "cyp-scrutiny-committee-minutes-2025-01-21.pdf"
HOSTILE = '=HYPERLINK("http://example.invalid","click") <script>alert(1)</script>'


def minutes_id(client) -> str:
    return next(d["id"] for d in client.get("/api/documents").get_json()["documents"] if d["file"] == MINUTES)


def decisions_count(client) -> int:
    return len(client.get("/api/decisions").get_json()["decisions"])


def test_the_committee_paper_for_a_meeting_as_csv_and_word(client):
    doc = minutes_id(client)
    expected = client.get(f"/api/items?doc={doc}").get_json()["items"]
    token = login(client)
    item = expected[0]["id"]
    decided = client.post(
        f"/items/{item}/decide",
        data={"action": "status", "status": "in_progress", "note": HOSTILE, "csrf_token": token},
    )
    assert decided.status_code == 302
    cols = ["ref", "item", "made_by", "lead", "due", "status", "note", "decided", "made"]
    query = f"doc={doc}&" + "&".join(f"col={c}" for c in cols)
    page = client.get("/status?" + query).get_data(as_text=True)
    assert f"{len(expected)} items" in page and "<script>alert(1)</script>" not in page
    raw = client.get("/status.csv?" + query).data
    assert raw.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert header == [
        "Ref",
        "Item",
        "Made by",
        "Lead / to act",
        "Due",
        "Status",
        "Clerk's note",
        "Date decided",
        "Date made",
    ]
    assert sorted(r[0] for r in rows) == sorted(i["id"] for i in expected)  # actions included
    assert {"action", "recommendation"} <= {i["kind"] for i in expected}
    mine = next(r for r in rows if r[0] == item)
    assert mine[6].startswith("'=HYPERLINK") and mine[5] == "In progress"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", mine[7])  # a date Excel reads as a date
    assert {r[8] for r in rows} == {"2025-01-21"}
    assert not any("\n" in c or "\r" in c for r in rows for c in r)
    assert any(r[5].endswith("(suggested)") for r in rows)
    reviewed = [r for r in rows if r[4].startswith("2023-24")]
    assert reviewed and all("to check" in r[4] for r in reviewed)  # due before it was made

    from docx import Document
    from docx.enum.section import WD_ORIENT

    word = Document(io.BytesIO(client.get("/status.docx?" + query).data))
    assert word.sections[0].orientation == WD_ORIENT.LANDSCAPE
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Recommendations tracker" in text and "Minutes, Tuesday 21 January 2025" in text and "Generated on" in text
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == header and len(table.rows) == len(rows) + 1
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # header row repeated on every page
    widths = [column.width for column in table.columns]
    assert widths[1] > 1.5 * widths[0]  # the item's text gets more room than its ref
    assert "PAGE" in word.sections[0].footer._element.xml
    mine_row = next(r for r in table.rows if r.cells[0].text == item)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", mine_row.cells[7].text)  # "3 December 2026"


def test_overdue_is_judged_sensibly_and_the_question_shown(client):
    doc = minutes_id(client)
    rows = client.get(f"/api/status?doc={doc}&due=check&col=ref,due,overdue").get_json()["rows"]
    assert rows and all(r["due"].startswith("2023-24") and r["overdue"] == "" for r in rows)
    page = client.get(f"/items/{rows[0]['item_id']}").get_data(as_text=True)
    assert "ends before this was made" in page and "Warning:" in page


def test_a_decision_needs_a_note_everywhere(client):
    item = an_item(client)
    token = login(client)
    before = decisions_count(client)
    empty = client.post(
        f"/items/{item}/decide", data={"action": "status", "status": "implemented", "note": "  ", "csrf_token": token}
    )
    page = empty.get_data(as_text=True)
    assert empty.status_code == 400 and "<title>Error:" in page and "There is a problem" in page
    assert 'href="#status-note"' in page and 'aria-describedby="status-note-hint status-note-error"' in page
    evidence = client.get(f"/api/items/{item}").get_json()["links"]["evidence"][0]["id"]
    for action in ("confirm", "reject"):
        refused = client.post(
            f"/items/{item}/decide", data={"action": action, "evidence": evidence, "note": "", "csrf_token": token}
        )
        assert refused.status_code == 400 and f'href="#note-{evidence}"' in refused.get_data(as_text=True)
    no_status = client.post(f"/items/{item}/decide", data={"action": "status", "note": "x", "csrf_token": token})
    assert no_status.status_code == 400 and "Select a status" in no_status.get_data(as_text=True)
    api = client.post(
        f"/api/items/{item}/decisions", json={"action": "confirm_status", "note": ""}, headers={"X-CSRF-Token": token}
    )
    assert api.status_code == 400 and "note" in api.get_json()["error"]
    assert decisions_count(client) == before
    ok = client.post(
        f"/api/items/{item}/decisions",
        json={"action": "confirm_status", "note": "Checked against the minutes"},
        headers={"X-CSRF-Token": token},
    )
    assert ok.status_code == 201 and ok.get_json()["decisions"][0]["action"] == "confirm_status"
    forged = client.post(f"/api/items/{item}/decisions", json={"action": "confirm_status", "note": "x"})
    assert forged.status_code == 400  # no CSRF token


def test_the_success_banner_is_at_the_top_and_takes_focus(client):
    item = an_item(client)
    token = login(client)
    done = client.post(
        f"/items/{item}/decide",
        data={"action": "status", "status": "superseded", "note": "Replaced by the 2025 plan", "csrf_token": token},
        follow_redirects=True,
    )
    page = done.get_data(as_text=True)
    main = page.split('<main id="main-content"', 1)[1]
    assert main.index('class="notification-banner') < main.index("<h1")
    assert 'autofocus id="notification"' in page and "Status set to Superseded" in page
    when = re.search(r"<td>(\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2})</td><td>clerk.jones</td>", page)
    assert when, "the audit trail writes dates as people do"


def test_the_review_queue_confirms_rejects_and_bulk_confirms(client):
    token = login(client)
    queue = client.get("/api/review?col=ref,evidence").get_json()["rows"]
    assert len(queue) > 10
    first, second, third, fourth = (r["item_id"] for r in queue[:4])
    page = client.get("/review").get_data(as_text=True)
    assert page.index(first) < page.index(second)  # newest evidence first, as the API says
    assert all(" (" in r["evidence"] and r["evidence"].startswith("“") for r in queue[:4])  # quote (document, page)
    missing = client.post("/review/decide", data={"item": first, "action": "confirm_status", "csrf_token": token})
    assert missing.status_code == 400 and f'href="#note-{first}"' in missing.get_data(as_text=True)
    ok = client.post(
        "/review/decide",
        data={"item": first, "action": "confirm_status", "note": "Agreed with the update column", "csrf_token": token},
    )
    assert ok.status_code == 302 and ok.headers["Location"].startswith("/review")
    evidence = client.get(f"/api/items/{second}").get_json()["links"]["evidence"][0]["id"]
    rejected = client.post(
        "/review/decide",
        data={
            "item": second,
            "action": "reject",
            "evidence": evidence,
            "note": "About another plan",
            "csrf_token": token,
        },
    )
    assert rejected.status_code == 302
    nothing = client.post("/review/confirm", data={"note": "x", "csrf_token": token})
    assert nothing.status_code == 400 and "Select at least one suggestion" in nothing.get_data(as_text=True)
    bulk = client.post(
        "/review/confirm",
        data={"item": [third, fourth], "note": "Confirmed at the January meeting", "csrf_token": token},
        follow_redirects=True,
    )
    assert bulk.status_code == 200 and "2 suggested statuses confirmed" in bulk.get_data(as_text=True)
    left = {r["item_id"] for r in client.get("/api/review?col=ref").get_json()["rows"]}
    assert not {first, third, fourth} & left
    bogus = client.post("/review/confirm", data={"item": ["nope"], "note": "x", "csrf_token": token})
    assert bogus.status_code == 302  # reported as an error on the page, never a 500
    log = client.get("/api/decisions?user=clerk.jones").get_json()["decisions"]
    confirmed = {d["item_id"] for d in log if d["action"] == "confirm_status"}
    assert {first, third, fourth} <= confirmed
    reject = next(d for d in log if d["action"] == "reject_evidence" and d["item_id"] == second)
    assert reject["evidence"]["page"] and reject["what"].endswith(f"page {reject['evidence']['page']})")


def test_the_decisions_log_filters_exports_and_names_evidence_not_ids(client):
    token = login(client)
    item = client.get("/api/items?kind=recommendation").get_json()["items"][3]["id"]
    evidence = client.get(f"/api/items/{item}").get_json()["links"]["evidence"][0]["id"]
    client.post(
        f"/items/{item}/decide",
        data={"action": "confirm", "evidence": evidence, "note": "<b>Seen</b> in the report", "csrf_token": token},
    )
    page = client.get("/decisions?action=confirm_evidence&user=clerk.jones").get_data(as_text=True)
    assert "&lt;b&gt;Seen&lt;/b&gt;" in page and "<b>Seen</b>" not in page
    assert "Showing: by clerk.jones; confirmed evidence." in page
    assert evidence not in page.split('<main id="main-content"', 1)[1]  # no hashes shown
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", page)
    raw = client.get("/decisions.csv?action=confirm_evidence").data
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert raw.startswith(b"\xef\xbb\xbf") and header[:5] == ["When", "Who", "Decision", "What", "Note"]
    assert rows and all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", r[0]) for r in rows)
    assert any("page" in r[3] and r[3].startswith("“") for r in rows)
    assert client.get("/decisions.docx").data[:2] == b"PK"
    bad = client.get("/decisions?since=31/01/2025")
    assert bad.status_code == 400 and 'href="#since"' in bad.get_data(as_text=True)
    bad_action = client.get("/decisions?action=bogus")
    assert bad_action.status_code == 400 and 'href="#f-action"' in bad_action.get_data(as_text=True)
    assert client.get("/decisions.csv?since=nope").status_code == 400
    assert client.get("/api/decisions?since=nope").status_code == 400
    assert client.get("/decisions?since=2999-01-01").get_data(as_text=True).count(">0 decisions</h2>") == 1


@pytest.mark.parametrize(
    "path",
    [
        "/status?page=-4&sort=bogus&dir=sideways&col=nope&doc=%3Cscript%3E&overdue=maybe",
        "/status?q=%3Cscript%3Ealert(1)%3C/script%3E&made_by=%22%3E%3Cimg%3E",
        "/status.csv?col=nope&page=x",
        "/status.docx?q=%00",
        "/review?page=999&status=bogus&kind=%3Cx%3E",
        "/decisions?page=0&user=%3Cscript%3E&action=bogus&until=2025-13-45",
        "/documents/345856b13dd0b128?page=-1",
        "/documents/345856b13dd0b128?page=99999",
        "/api/status?col=bogus",
        "/api/status?format=pdf",
        "/api/review?sort=x",
    ],
)
def test_bad_board_and_log_input_never_gives_a_500(client, path):
    response = client.get(path)
    assert response.status_code in (200, 400) and b"Traceback" not in response.data
    if response.mimetype == "text/html":  # a page never carries markup from its input (files are data)
        assert b"<script>alert" not in response.data and b"<img>" not in response.data


def test_bad_decision_posts_never_give_a_500(client):
    token = login(client)
    item = an_item(client)
    for data in (
        {"action": "status", "status": "bogus", "note": "x"},
        {"action": "confirm", "evidence": "nope", "note": "x"},
        {"action": "nonsense", "note": "x"},
        {"action": "status", "status": "implemented", "note": "x" * 5000},
    ):
        response = client.post(f"/items/{item}/decide", data={**data, "csrf_token": token})
        assert response.status_code == 400, data
    assert client.post("/review/decide", data={"item": "nope", "note": "x", "csrf_token": token}).status_code == 404
    assert client.post("/api/items/nope/decisions", json={}, headers={"X-CSRF-Token": token}).status_code == 404
    assert client.post(f"/api/items/{item}/decisions", data="[1]", headers={"X-CSRF-Token": token}).status_code == 400


def test_sign_in_errors_keep_the_name_and_say_error(client):
    token = csrf(client)
    empty = client.post("/login", data={"name": "", "password": "", "csrf_token": token})
    page = empty.get_data(as_text=True)
    assert empty.status_code == 400 and "<title>Error: Sign in" in page
    assert 'href="#name">Enter your name' in page and 'href="#password">Enter your password' in page
    token = csrf(client)
    wrong = client.post("/login", data={"name": "clerk.<b>jones", "password": "nope nope", "csrf_token": token})
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 401 and 'value="clerk.&lt;b&gt;jones"' in page and "<title>Error:" in page


def test_the_home_page_shows_what_is_held(client):
    page = client.get("/").get_data(as_text=True)
    assert '<svg viewBox="0 0' in page and 'role="img"' in page and '<desc id="chart-desc">2013-14:' in page
    assert 'href="/review"' in page and 'href="/status?overdue=1"' in page and "Herefordshire" in page
    assert page.count("<rect ") >= 5 and "Beta" in page and 'href="/accessibility"' in page


def test_the_reader_has_contents_a_page_jump_and_real_tables(client):
    docs = client.get("/api/documents").get_json()["documents"]
    report = next(d["id"] for d in docs if "2024-25" in d["title"])
    page = client.get(f"/documents/{report}").get_data(as_text=True)
    contents = page.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#(b\d+)"', contents)
    assert len(anchors) > 20 and all(f'id="{a}"' in page for a in anchors)
    assert '<th scope="col">' in page and "<td>" in page
    assert '<span class="item-label">Priority' in page  # kinds have a visible label
    jump = client.get(f"/documents/{report}?page=44")
    assert jump.status_code == 302 and jump.headers["Location"].endswith("#page-44")
    bad = client.get(f"/documents/{report}?page=abc")
    assert bad.status_code == 400 and 'href="#page-number"' in bad.get_data(as_text=True)


def test_search_result_titles_name_the_document_section_and_page(client):
    page = client.get("/search?q=neglect&kind=passage").get_data(as_text=True)
    titles = re.findall(r'<h3 class="heading-s result-title">\s*(.*?)</h3>', page, re.S)
    assert titles and all("page" in t or "Minutes" in t for t in titles)


def test_a_passage_result_marks_the_tagged_item_that_matched(client):
    page = client.get("/search?q=voice+of+the+child").get_data(as_text=True)
    marked = re.findall(r'<li class="result-tagged-match">(.*?)</li>', page, re.S)
    assert any("capturing the Voice of the Child" in m and "matches your search" in m for m in marked)
    tagged = re.findall(r"<li>(.*?)</li>", page.split('class="list result-tagged"', 1)[1], re.S)
    assert tagged and not any("matches your search" in t for t in tagged)  # the others stay plain
    question = client.get("/search?q=What+did+we+recommend+about+the+voice+of+the+child%3F").get_data(as_text=True)
    assert "result-tagged" in question and "matches your search" not in question  # a question matches everything


def test_the_command_line_gives_the_same_committee_paper(app, client, tmp_path):
    from click.testing import CliRunner

    from cli.main import main

    data = str(app.config["SGKB"].data_dir)
    cols = "ref,item,kind,made_by,due,status,made"
    web = client.get(f"/status.csv?doc={minutes_id(client)}&col={cols}").data.decode("utf-8")
    runner = CliRunner()
    cli = runner.invoke(
        main,
        ["--data-dir", data, "status", "--doc", MINUTES, "--columns", cols, "--today", "2025-10-01", "--format", "csv"],
    )
    assert cli.exit_code == 0, cli.output
    assert web.startswith("\ufeffRef,Item,Kind,Made by,Due,Status,Date made\r\n")
    assert cli.stdout == web.replace("\r\n", "\n")  # the runner reads lines as text
    paper = tmp_path / "paper.docx"
    made = runner.invoke(main, ["--data-dir", data, "status", "--doc", MINUTES, "--format", "docx", "-o", str(paper)])
    assert made.exit_code == 0 and paper.read_bytes()[:2] == b"PK"
    from docx import Document

    assert len(Document(str(paper)).tables[0].rows) == web.count("\r\n")  # the header row and one per item
    bad = runner.invoke(main, ["--data-dir", data, "status", "--columns", "ref,bogus"])
    assert bad.exit_code != 0 and "unknown column(s) bogus" in bad.output
    empty_note = runner.invoke(
        main, ["--data-dir", data, "decide", an_item(client), "--confirm", "--user", "x", "--note", " "]
    )
    assert empty_note.exit_code != 0 and "needs a note" in empty_note.output
    log = runner.invoke(main, ["--data-dir", data, "decisions", "--since", "2000-01-01", "--format", "jsonl"])
    assert log.exit_code == 0
    for line in log.stdout.splitlines():
        record = json.loads(line)
        assert {"when", "decision", "what", "item_text", "doc_title", "evidence"} <= set(record)
    assert runner.invoke(main, ["--data-dir", data, "decisions", "--since", "soon"]).exit_code != 0
