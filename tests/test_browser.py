"""The main journeys in a real browser (Debian's Chromium through Playwright) against a live
server on 127.0.0.1; every page checked with axe-core at WCAG 2.2 AA; screenshots saved to
tests/artifacts/screenshots/."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright import sync_api as playwright_api  # noqa: E402

from core.store import Store  # noqa: E402
from webapp.auth import hash_password  # noqa: E402

CHROMIUM = os.environ.get("SGKB_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).parent / "artifacts" / "screenshots"
USER, PASSWORD = "clerk.jones", "correct horse battery"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
TARGET = "12. Review and re-launch the Right Help, Right Time"


@pytest.fixture(scope="module")
def server(corpus_config, tmp_path_factory):
    """`sgkb serve` (gunicorn, as `make run` starts it) on a free loopback port, over a copy of the corpus store."""
    data = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(corpus_config.data_dir, data)
    with Store(data / "sgkb.sqlite3") as store:
        store.set_user(USER, hash_password(PASSWORD))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SGKB_TODAY": "2025-10-01", "SGKB_CORPUS_DIR": str(corpus_config.corpus_dir)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli.main",
            "--data-dir",
            str(data),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/login", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("sgkb serve did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or set SGKB_CHROMIUM")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def check(page, name: str) -> None:
    """Screenshot the page and assert axe finds no WCAG 2.2 AA violation."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def sign_in(page, server):
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Name").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_scrutineer_searches_filters_and_reads_an_items_history(page, server):
    page.goto(server + "/")
    check(page, "01-home")
    page.get_by_label("Search recommendations and reports").fill("voice of the child")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("heading", name="result").count() == 1
    assert page.locator(".snippet mark").count() > 0
    check(page, "02-search-results")
    page.get_by_role("list", name="Kind").get_by_role("link", name="Recommendation").click()
    tags = page.locator(".result .tag-recommendation")
    assert tags.count() > 0 and tags.count() == page.locator(".result").count()
    page.get_by_label("Sort by").select_option("oldest")
    page.get_by_role("button", name="Sort").click()
    check(page, "03-search-filtered")
    page.locator(".result-title a").first.click()
    assert page.get_by_role("heading", name="Follow-up evidence, year by year").is_visible()
    assert page.get_by_role("heading", name="Where it was said").is_visible()
    check(page, "04-item-signed-out")


def test_clerk_confirms_a_status_and_exports_the_board(page, server, tmp_path):
    page.goto(server + "/search?q=" + "Right Help Right Time re-launch" + "&kind=priority")
    page.get_by_role("link", name=TARGET).first.click()
    item_url = page.url
    assert page.locator(".status-line .tag").first.inner_text().lower() == "not implemented"
    sign_in(page, server)
    page.goto(item_url)
    check(page, "05-item-signed-in")
    page.get_by_label("Status", exact=True).select_option("in_progress")
    page.get_by_label("Note (kept in the audit trail)").fill("Review underway in Q1 2025-26, per the board")
    page.get_by_role("button", name="Save status").click()
    assert "Your decision was recorded" in page.locator(".notification").inner_text()
    assert "Decided by clerk.jones" in page.content()
    trail = page.locator("table").last.inner_text()
    assert "Review underway in Q1 2025-26" in trail and USER in trail
    first_evidence = page.locator(".evidence").first
    first_evidence.get_by_placeholder("Note").first.fill("The update column says so")
    first_evidence.get_by_role("button", name="Confirm").click()
    assert page.locator(".tag-decision").first.inner_text().lower().startswith("confirmed")
    page.get_by_role("link", name="Status board").click()
    page.get_by_label("Status", exact=True).select_option("in_progress")
    page.get_by_label("Text contains").fill("Right Help, Right Time Levels of Need")
    page.get_by_role("button", name="Apply filters").click()
    row = page.locator("tbody tr", has_text=TARGET)
    assert row.count() == 1 and "(clerk)" in row.inner_text()
    check(page, "06-status-board")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these").click()
    saved = tmp_path / "board.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8-sig")))
    shown = page.locator("tbody tr").count()
    assert len(rows) == shown and any(r["Item"].startswith(TARGET) and r["Status"] == "In progress" for r in rows)


def test_documents_and_the_reader_at_a_page_anchor(page, server):
    page.goto(server + "/documents")
    check(page, "07-documents")
    page.get_by_role(
        "link", name="Herefordshire Safeguarding Children Partnership – Yearly Report 2024-25", exact=True
    ).click()
    reader = page.url
    page.goto(reader + "#page-44")
    marker = page.locator("#page-44")
    assert marker.is_visible()
    box = marker.bounding_box()
    assert box is not None and -2 <= box["y"] < 200  # scrolled to the page
    assert page.locator(".item-priority").count() >= 17
    check(page, "08-reader")


def test_other_pages_are_accessible(page, server):
    page.goto(server + "/login")
    check(page, "09-login")
    page.goto(server + "/items/not-an-item")
    assert page.get_by_role("heading", name="Page not found").is_visible()
    check(page, "10-not-found")


def tab_to(page, accessible: str, tag: str | None = None, within: str = "body", limit: int = 150) -> None:
    """Press Tab until the focused element (of this tag, inside `within`) has `accessible` in its text or label."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        name, label, inside = page.evaluate(
            "(within) => { const e = document.activeElement; return [e.tagName, (e.innerText || '') + ' ' +"
            " (e.labels && e.labels[0] ? e.labels[0].innerText : ''), !!e.closest(within)] }",
            within,
        )
        if accessible.lower() in label.lower() and (tag is None or name == tag) and inside:
            return
    raise AssertionError(f"could not reach {accessible!r} with the keyboard")


def go(page, key: str) -> None:
    """Press a key that loads another page, and wait for it."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_the_journeys_work_with_the_keyboard_alone(page, server):
    page.goto(server + "/")
    tab_to(page, "Skip to main content")
    page.keyboard.press("Enter")
    tab_to(page, "Search recommendations", tag="INPUT")
    page.keyboard.type("private fostering")
    go(page, "Enter")
    tab_to(page, "Priority", tag="A")  # the Kind facet
    go(page, "Enter")
    tab_to(page, "Private Fostering", tag="A", within=".result-title")
    go(page, "Enter")
    assert "Follow-up evidence" in page.content()
    item_url = page.url
    tab_to(page, "Sign in", tag="A")
    go(page, "Enter")
    tab_to(page, "Name", tag="INPUT")
    page.keyboard.type(USER)
    tab_to(page, "Password", tag="INPUT")
    page.keyboard.type(PASSWORD)
    go(page, "Enter")
    assert page.url.split("#")[0] == item_url
    tab_to(page, "Status", tag="SELECT")
    page.keyboard.press("End")  # the last status: no evidence found
    tab_to(page, "Note", tag="TEXTAREA")
    page.keyboard.type("No later report says; asked the partnership")
    tab_to(page, "Save status", tag="BUTTON")
    go(page, "Enter")
    assert "asked the partnership" in page.locator("table").last.inner_text()
    tab_to(page, "Status board", tag="A")
    go(page, "Enter")
    tab_to(page, "Download these", tag="A")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "status-board.csv"
    page.reload()  # back to the top of the tab order
    tab_to(page, "Documents", tag="A", within="header")
    go(page, "Enter")
    tab_to(page, "Yearly Report 2024-25", tag="A", within="tbody td:first-child")
    go(page, "Enter")
    tab_to(page, "12. Review and re-launch", tag="A", within=".reader")  # a tagged priority in the text
    go(page, "Enter")
    assert page.get_by_role("heading", name="Follow-up evidence, year by year").is_visible()
