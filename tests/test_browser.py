"""The clerk's journeys in a real browser (Debian's Chromium through Playwright) against
`sgkb serve` on 127.0.0.1, on a desktop screen and at 390 pixels wide: every page state is
checked with axe-core (WCAG 2.2 A/AA and best practices), measured for sideways scrolling,
and screenshotted to tests/artifacts/screenshots/ (`desktop-…` and `phone-…`)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

import axe_playwright_python  # noqa: E402
from playwright import sync_api as playwright_api  # noqa: E402

from core.store import Store  # noqa: E402
from webapp.auth import hash_password  # noqa: E402

CHROMIUM = os.environ.get("SGKB_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).parent / "artifacts" / "screenshots"
USER, PASSWORD = "clerk.jones", "correct horse battery"
# axe-core as the axe-playwright-python package ships it (4.12), loaded into every page before
# its own scripts (so the strict CSP stays on) and run for violations only: twice as fast as
# injecting it for each check.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
AXE = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
MINUTES_FILE = "cyp-scrutiny-committee-minutes-2025-01-21.pdf"
MINUTES_TITLE = "Children and Young People Scrutiny Committee – Minutes, Tuesday 21 January 2025"
FORMULA = '=HYPERLINK("http://example.invalid","agreed")'
TALL = 15000  # pages taller than this are screenshotted a screen at a time (the report reader is ~90,000 px)


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
    command = [sys.executable, "-m", "cli.main", "--data-dir", str(data), "serve", "--host", "127.0.0.1"]
    proc = subprocess.Popen([*command, "--port", str(port), "--workers", "2"], env=env)
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


def api(server: str, path: str):
    with urllib.request.urlopen(server + path, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or set SGKB_CHROMIUM")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser):
    """A fresh browser tab at desktop or phone size: (page, "desktop"|"phone")."""
    context = browser.new_context(accept_downloads=True, viewport=VIEWPORTS[request.param])
    context.add_init_script(AXE_SOURCE)
    yield context.new_page(), request.param
    context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport=VIEWPORTS["desktop"])
    context.add_init_script(AXE_SOURCE)
    yield context.new_page()
    context.close()


def check(page, name: str, size: str = "desktop") -> None:
    """Screenshot the page, assert it does not scroll sideways, and that axe finds no violation."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    tall = page.evaluate("document.documentElement.scrollHeight") > TALL
    page.screenshot(path=str(SHOTS / f"{size}-{name}.png"), full_page=not tall)
    wide, seen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide <= seen, f"{size}-{name}: the page is {wide}px wide in a {seen}px window"
    violations = page.evaluate(
        "(options) => axe.run(document, options).then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))",
        AXE,
    )
    assert not violations, f"{size}-{name}: " + json.dumps(violations, indent=1)


def sign_in(page) -> None:
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Name").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert "You are signed in" in page.locator(".notification-banner").inner_text()


def open_filters(page) -> None:
    """Open "Filter results" where it is collapsed (on a phone; wide screens show the filters)."""
    summary = page.locator("summary.filter-panel-summary").first
    if summary.is_visible() and page.locator("details.filter-panel").first.get_attribute("open") is None:
        summary.click()


def success_banner_has_focus(page) -> str:
    for _ in range(50):  # autofocus lands once the page has loaded (polled from here: the CSP forbids eval)
        if page.evaluate("document.activeElement ? document.activeElement.id : ''") == "notification":
            break
        time.sleep(0.05)
    assert page.evaluate("document.activeElement.id") == "notification", "focus moves to the success banner"
    box = page.locator("#notification").bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"], "the banner is where the eye is"
    return page.locator("#notification").inner_text()


def test_clerk_makes_the_committee_paper_for_the_january_2025_meeting(screen, server, tmp_path):
    page, size = screen
    doc = next(d for d in api(server, "/api/documents")["documents"] if d["file"] == MINUTES_FILE)
    expected = {i["id"] for i in api(server, f"/api/items?doc={doc['id']}")["items"]}
    page.goto(server + "/")
    check(page, "01-home", size)
    page.get_by_role("link", name="Sign in").first.click()
    check(page, "02-sign-in", size)
    page.get_by_label("Name").fill(USER)
    page.get_by_role("button", name="Sign in").click()  # no password: an error, the name kept
    assert page.title().startswith("Error:") and page.get_by_label("Name").input_value() == USER
    check(page, "03-sign-in-error", size)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Status board").first.click()
    check(page, "04-board", size)

    open_filters(page)
    page.get_by_label("Document or meeting").select_option(label=MINUTES_TITLE)
    for column in ("source", "evidence"):
        page.locator(f"#col-{column}").uncheck()
    for column in ("kind", "made"):
        page.locator(f"#col-{column}").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_role("heading", name=f"{len(expected)} items").is_visible()
    check(page, "05-board-meeting", size)

    page.get_by_role("link", name=re.compile(r"^1\. The partnership ensures")).click()
    assert page.get_by_role("heading", name="Follow-up evidence, year by year").is_visible()
    page.get_by_role("button", name="Save status").click()  # no note: refused, with an error summary
    assert page.title().startswith("Error:") and page.locator(".error-summary").is_visible()
    check(page, "06-item-note-missing", size)
    page.get_by_label("In progress").check()
    page.get_by_label("Note", exact=True).fill(f"{FORMULA} {size}")
    page.get_by_role("button", name="Save status").click()
    assert "Status set to In progress" in success_banner_has_focus(page)
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", page.locator(".audit-table").inner_text())
    check(page, "07-item-decided", size)
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.get_by_role("heading", name=f"{len(expected)} items").is_visible()

    with page.expect_download() as csv_download:
        page.get_by_role("link", name=re.compile("rows as CSV")).click()
    saved = tmp_path / "paper.csv"
    csv_download.value.save_as(saved)
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    header, *rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    columns = ["Ref", "Item", "Kind", "Made by", "Lead / to act", "Due", "Status", "Clerk's note", "Date decided"]
    assert header == [*columns, "Date made"]
    assert {r[0] for r in rows} == expected and {r[2] for r in rows} >= {"Action", "Recommendation"}
    decided = [r for r in rows if r[7].endswith(size)]
    assert len(decided) == 1 and decided[0][7].startswith("'=HYPERLINK")  # the formula is neutralised
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", decided[0][8]) and {r[9] for r in rows} == {"2025-01-21"}

    with page.expect_download() as word_download:
        page.get_by_role("link", name="Download as a Word table").click()
    saved_word = tmp_path / "paper.docx"
    word_download.value.save_as(saved_word)
    from docx import Document

    word = Document(str(saved_word))
    assert MINUTES_TITLE in "\n".join(p.text for p in word.paragraphs)
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == header and len(table.rows) == len(rows) + 1
    assert {r.cells[0].text for r in table.rows[1:]} == expected


def test_reviewer_works_through_the_queue_and_finds_it_in_the_log(screen, server):
    page, size = screen
    token = f"checked {size} {time.time_ns()}"
    page.goto(server + "/review")
    sign_in(page)
    check(page, "08-queue", size)
    cards = page.locator(".review-card")
    ids = [cards.nth(i).get_attribute("id")[2:] for i in range(5)]
    texts = [page.locator(f"#q-{i} .summary-card-title").inner_text() for i in ids]

    page.locator(f"#q-{ids[0]}").get_by_role("button", name=re.compile("^Confirm the suggestion")).click()
    assert page.title().startswith("Error:")  # no note
    check(page, "09-queue-note-missing", size)
    page.locator(f"#q-{ids[0]}").get_by_label(re.compile("^Note")).fill(f"Matches the update column; {token}")
    page.locator(f"#q-{ids[0]}").get_by_role("button", name=re.compile("^Confirm the suggestion")).click()
    assert "Suggested status confirmed" in success_banner_has_focus(page)
    check(page, "10-queue-confirmed", size)

    card = page.locator(f"#q-{ids[1]}")
    card.get_by_label(re.compile("^Note")).fill(f"This passage is about another plan; {token}")
    card.get_by_role("button", name=re.compile("^Reject the evidence")).click()
    assert "Evidence rejected" in success_banner_has_focus(page)

    card = page.locator(f"#q-{ids[2]}")
    card.get_by_label(re.compile("^Note")).fill(f"The partnership says it is finished; {token}")
    card.get_by_label("Or set the status to").select_option("implemented")
    card.get_by_role("button", name=re.compile("^Set status")).click()
    assert "Status set to Implemented" in success_banner_has_focus(page)

    for chosen in ids[3:5]:
        page.locator(f"#q-{chosen}").get_by_label(re.compile("^Select for bulk confirm")).check()
    page.get_by_label("Note for every selected suggestion").fill(f"Confirmed at the January meeting; {token}")
    page.get_by_role("button", name="Confirm the selected suggestions").click()
    assert "2 suggested statuses confirmed" in success_banner_has_focus(page)
    for gone in (ids[0], ids[2], ids[3], ids[4]):
        assert page.locator(f"#q-{gone}").count() == 0

    page.get_by_role("link", name="Decisions log").first.click()
    open_filters(page)
    page.get_by_label("Who").select_option(USER)
    page.get_by_label("Note or item contains").fill(token)
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_role("heading", name="5 decisions").is_visible()
    shown = page.locator(".board-wide" if size == "desktop" else ".board-cards").inner_text()
    for text in texts:
        assert text.rstrip("…")[:40] in shown
    assert "Rejected evidence" in shown and "“" in shown and ", page " in shown  # named by document, page, quote
    check(page, "11-decisions-log", size)


def test_reading_searching_and_the_other_pages(screen, server):
    page, size = screen
    page.goto(server + "/search?q=voice+of+the+child")
    assert page.get_by_role("heading", name=re.compile("results$")).is_visible()
    check(page, "12-search", size)
    open_filters(page)
    page.get_by_role("list", name="Kind").get_by_role("link", name=re.compile("^Recommendation")).click()
    tags = page.locator(".result .tag-recommendation")
    assert tags.count() > 0 and tags.count() == page.locator(".result").count()
    check(page, "13-search-filtered", size)
    page.locator(".result-title a").first.click()
    check(page, "14-item", size)

    # a question: its answer above the results; one the documents do not answer: a caution instead
    page.goto(server + "/search?q=Did+the+partnership+overspend+last+year%3F")
    answer = page.get_by_role("region", name="Best answer in the documents")
    assert answer.is_visible() and "underspent" in answer.inner_text()
    check(page, "14a-search-answer", size)
    page.goto(server + "/search?q=Which+football+team+won+the+league%3F")
    closest = page.get_by_role("region", name="No clear answer in the documents")
    assert closest.is_visible() and "may not answer it" in closest.inner_text()
    assert page.get_by_role("region", name="Best answer in the documents").count() == 0
    check(page, "14b-search-no-clear-answer", size)

    page.goto(server + "/documents")
    check(page, "15-documents", size)
    page.get_by_role("link", name=MINUTES_TITLE, exact=True).click()  # the meeting's 11 pages: quick to check
    page.get_by_label("Go to page").fill("5")
    page.get_by_role("button", name="Go to page").click()
    assert page.url.endswith("#page-5")
    box = page.locator("#page-5").bounding_box()
    assert box is not None and -2 <= box["y"] < 200  # scrolled to the page
    assert page.locator("table.reader-table th").count() > 0 and page.locator(".item-label").count() >= 20
    check(page, "16-reader", size)
    if size == "phone":
        page.locator("summary", has_text="Contents").click()
    contents = page.get_by_role("navigation", name="Contents").get_by_role("link")
    assert contents.count() >= 5
    contents.nth(3).click()
    assert re.search(r"#b\d+$", page.url)

    page.goto(server + "/accessibility")
    check(page, "17-accessibility", size)
    page.goto(server + "/items/not-an-item")
    assert page.get_by_role("heading", name="Page not found").is_visible()
    check(page, "18-not-found", size)
    page.goto(server + "/decisions?since=31-01-2025")
    assert page.title().startswith("Error:")
    check(page, "19-decisions-bad-date", size)


def test_the_accessibility_check_finds_a_planted_fault(page, server):
    """The checker itself can fail: an unlabelled input and an image without text are reported."""
    page.goto(server + "/accessibility")
    page.evaluate(
        "() => { const i = document.createElement('input'); const g = document.createElement('img');"
        " g.src = '/static/app.css'; document.querySelector('main').append(i, g); }"
    )
    with pytest.raises(AssertionError, match="image-alt") as failed:
        check(page, "planted-fault")
    assert '"label"' in str(failed.value)
    (SHOTS / "desktop-planted-fault.png").unlink(missing_ok=True)


def test_every_page_prints_without_its_controls(page, server):
    page.goto(server + "/status")
    page.emulate_media(media="print")
    assert not page.locator("details.filter-panel").is_visible()
    assert not page.locator(".header-navigation").is_visible()
    assert page.locator("table.board-table").is_visible()  # the table, not the phone cards
    assert page.locator(".print-only").is_visible()
    page.goto(server + "/items/" + api(server, "/api/items?kind=priority")["items"][0]["id"])
    assert not page.locator(".phase-banner").is_visible() and page.locator("h1").is_visible()


def tab_to(
    page, accessible: str, tag: str | None = None, within: str = "body", limit: int = 150, back: bool = False
) -> None:
    """Press Tab (or Shift+Tab) until the focused element (of this tag, inside `within`) has
    `accessible` in its text or label."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
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
    tab_to(page, "Skip to results", tag="A")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    tab_to(page, "Private Fostering", tag="A", within=".results")  # the priority, listed in its passage
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
    for _ in range(100):  # to the status radios: one tab stop, then the arrow keys choose
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "status":
            break
    for _ in range(5):
        if page.evaluate("document.activeElement.labels[0].innerText") == "No evidence found":
            break
        page.keyboard.press("ArrowDown")
    assert page.get_by_label("No evidence found").is_checked()
    tab_to(page, "Note", tag="TEXTAREA")
    page.keyboard.type("No later report says; asked the partnership")
    tab_to(page, "Save status", tag="BUTTON")
    go(page, "Enter")
    assert "No evidence found" in success_banner_has_focus(page)
    assert "asked the partnership" in page.locator(".audit-table").inner_text()
    tab_to(page, "Status board", tag="A", back=True)
    go(page, "Enter")
    tab_to(page, "rows as CSV", tag="A")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "status-board.csv"
    page.reload()  # back to the top of the tab order
    tab_to(page, "Documents", tag="A", within="header")
    go(page, "Enter")
    tab_to(page, "Yearly Report 2024-25", tag="A", within=".summary-card-title")
    go(page, "Enter")
    tab_to(page, "12. Review and re-launch", tag="A", within=".reader", limit=600)  # a priority in the text
    go(page, "Enter")
    assert page.get_by_role("heading", name="Follow-up evidence, year by year").is_visible()
