"""The pages: search, an item's history, the status board, documents and the reader, sign-in."""
from __future__ import annotations

import csv
import io
from itertools import groupby
from pathlib import Path

from flask import (Blueprint, Flask, abort, current_app, flash, g, redirect, render_template, request, send_file,
                   url_for)
from markupsafe import Markup, escape

from index.search import IndexMissing, SearchIndex
from linking.linker import ensure_links
from linking.status import STATUSES, DecisionError, decide, load_statuses
from sgkb.model import BlockKind
from webapp.auth import current_user, login_required, login_view, logout_view, store_for_request

bp = Blueprint("ui", __name__)

FILTERS = (("kind", "kind"), ("type", "doc_type"), ("year", "period"), ("theme", "themes"), ("by", "made_by"),
           ("status", "status"))
FACET_TITLES = {"doc_type": "Document type", "period": "Year", "kind": "Kind", "themes": "Theme",
                "made_by": "Made by", "status": "Status"}
LABELS = {"annual_report": "Annual report", "arrangements": "Arrangements", "minutes": "Minutes", "other": "Other",
          "passage": "Passage", "recommendation": "Recommendation", "priority": "Priority", "action": "Action",
          "implemented": "Implemented", "in_progress": "In progress", "not_implemented": "Not implemented",
          "superseded": "Superseded", "no_evidence": "No evidence found"}
BOARD_COLUMNS = [("period", "Year"), ("document", "Document"), ("made_by", "Made by"), ("kind", "Kind"),
                 ("text", "Text"), ("status", "Status"), ("latest_evidence", "Latest evidence"), ("overdue", "Overdue")]
PAGE_SIZE = 10


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(label=lambda v: LABELS.get(v, (v or "").replace("_", " ").capitalize()))

    @app.teardown_appcontext
    def close_store(exc):
        store = g.pop("store", None)
        if store is not None:
            store.close()

    for code in (400, 401, 403, 404, 405, 413, 500):
        app.register_error_handler(code, _error_page)


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    if request.path.startswith("/api/"):
        return {"error": getattr(error, "description", "error"), "status": code}, code
    titles = {400: "Something in that request could not be used", 401: "Please sign in",
              403: "You need to sign in to change anything", 404: "Page not found",
              405: "That cannot be done here", 413: "That was too large", 500: "Sorry, there is a problem"}
    description = getattr(error, "description", "") if code != 500 else "Try again later."
    return render_template("error.html", title=titles.get(code, "Error"), description=description), code


def index() -> SearchIndex:
    return current_app.extensions["sgkb_index"]


def config():
    return current_app.config["SGKB"]


# -- search -------------------------------------------------------------------
@bp.route("/")
def search():
    q = request.args.get("q", "")[:500]
    active = {name: request.args.get(name, "").strip()[:100] for name, _ in FILTERS if request.args.get(name)}
    sort = request.args.get("sort", "relevance")
    page = _int(request.args.get("page"), 1)
    text = " ".join([q] + [f'{name}:"{value.replace(chr(34), "")}"' for name, value in active.items()])
    results, similar = None, None
    like = request.args.get("like", "")[:80]
    if like:
        similar = index().more_like_this(like)
    elif text.strip():
        try:
            results = index().search(text, sort=sort, page=page, pagelen=PAGE_SIZE)
        except IndexMissing:
            abort(503)
    facets = []
    if results:
        for (name, field) in FILTERS:
            values = results.facets.get(field, [])
            if values:
                facets.append((name, FACET_TITLES[field], values[:12]))
    return render_template("search.html", q=q, active=active, sort=sort, results=results, facets=facets,
                           similar=similar, link=_search_link)


def _search_link(**changes) -> str:
    args = {k: v for k, v in request.args.items() if v}
    args.pop("page", None)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for("ui.search", **args)


def item_or_404(store, item_id: str):
    found = store.item(item_id[:40])
    if found is None:
        abort(404, description="There is no recommendation, priority or action with that id.")
    return found


def document_or_404(store, doc_id: str) -> dict:
    """A document by its exact id (never a path or a file name from the URL)."""
    doc = store.find_document(doc_id[:64])
    if doc is None or doc["id"] != doc_id:
        abort(404, description="There is no document with that id.")
    return doc


def _int(value, default: int) -> int:
    try:
        return max(1, min(int(value), 10_000))
    except (TypeError, ValueError):
        return default


# -- an item and its history --------------------------------------------------
@bp.route("/items/<item_id>")
def item(item_id: str):
    store = store_for_request()
    found = item_or_404(store, item_id)
    docs = {d["id"]: d for d in store.documents(include_duplicates=True)}
    doc = docs[found.doc_id]
    first = max(0, found.block_seq - 1)
    context = [(seq, block) for seq, block in enumerate(store.blocks(found.doc_id, first, found.block_seq + 1), first)
               if block.kind is not BlockKind.HEADING]
    _ensure_links(store)
    rows = load_statuses(store, config().today_date(), found.id)
    status = rows[0][2] if rows else None
    timeline = []
    if status:
        ordered = sorted(status.evidence, key=lambda e: (docs[e["doc_id"]]["date"] or "", -e["score"]))
        for doc_id, evidence in groupby(ordered, key=lambda e: e["doc_id"]):
            timeline.append((docs[doc_id], list(evidence)))
    related = [(store.item(r["related_id"]), r) for r in store.related(found.id)]
    related = [(i, r, docs[i.doc_id]) for i, r in related if i is not None]
    return render_template("item.html", item=found, doc=doc, context=context, marked=_marked_block, status=status,
                           timeline=timeline, related=related, trail=store.decisions(found.id), statuses=STATUSES)


@bp.route("/items/<item_id>/decide", methods=["POST"])
@login_required
def decide_item(item_id: str):
    store = store_for_request()
    action = request.form.get("action", "")
    note = request.form.get("note", "")[:2000]
    evidence = request.form.get("evidence") or None
    try:
        if action == "status":
            decide(store, item_id, current_user(), note, status=request.form.get("status"))
        elif action == "confirm":
            decide(store, item_id, current_user(), note, confirm=evidence)
        elif action == "reject":
            decide(store, item_id, current_user(), note, reject=evidence)
        else:
            abort(400, description="Unknown action.")
    except DecisionError as exc:
        flash(str(exc), "error")
        return redirect(url_for("ui.item", item_id=item_id))
    from index.indexer import sync

    sync(store, config().data_dir)
    flash("Your decision was recorded.")
    return redirect(url_for("ui.item", item_id=item_id) + "#status")


def _ensure_links(store) -> None:
    ensure_links(store, index(), config().data_dir)


def _marked_block(block, items, current: str | None = None) -> Markup:
    """A block's text, escaped, with its tagged items marked and linked."""
    out, pos = [], 0
    for it in sorted(items, key=lambda i: i.start):
        if it.start < pos:
            continue
        out.append(escape(block.text[pos:it.start]))
        css = f"item item-{it.kind.value}" + (" item-current" if it.id == current else "")
        out.append(Markup('<a class="{}" id="item-{}" href="{}"><span class="visually-hidden">{}: </span>{}</a>').format(
            css, it.id, url_for("ui.item", item_id=it.id), LABELS[it.kind.value], block.text[it.start:it.end]))
        pos = it.end
    out.append(escape(block.text[pos:]))
    return Markup("").join(out)


# -- the status board -----------------------------------------------------------
@bp.route("/status")
def status_board():
    rows, choices = _board_rows()
    return render_template("status.html", rows=rows, columns=BOARD_COLUMNS, choices=choices, args=request.args,
                           csv_link=url_for("ui.status_csv", **request.args))


@bp.route("/status.csv")
def status_csv():
    rows, _ = _board_rows()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for _, title in BOARD_COLUMNS])
    for row in rows:
        writer.writerow([row[key] for key, _ in BOARD_COLUMNS])
    return current_app.response_class(out.getvalue(), mimetype="text/csv",
                                      headers={"Content-Disposition": "attachment; filename=status-board.csv"})


def _board_rows() -> tuple[list[dict], dict]:
    """The board's rows as filtered and sorted by the query string (the CSV is the same rows)."""
    store = store_for_request()
    _ensure_links(store)
    rows = []
    for item, doc, st in load_statuses(store, config().today_date()):
        latest = st.latest_evidence
        rows.append({"item_id": item.id, "period": item.period or "", "document": doc["title"],
                     "made_by": item.made_by or "", "kind": LABELS[item.kind.value], "text": item.text,
                     "status": LABELS[st.status], "status_key": st.status, "source": st.source,
                     "latest_evidence": latest["text"][:300] if latest else "",
                     "overdue": "Overdue" if st.overdue else "", "date": doc["date"] or ""})
    choices = {"period": sorted({r["period"] for r in rows}), "made_by": sorted({r["made_by"] for r in rows}),
               "status": [s for s in STATUSES], "kind": ["Recommendation", "Priority"]}
    a = request.args
    if a.get("period"):
        rows = [r for r in rows if r["period"] == a["period"]]
    if a.get("made_by"):
        rows = [r for r in rows if r["made_by"] == a["made_by"]]
    if a.get("status"):
        rows = [r for r in rows if r["status_key"] == a["status"]]
    if a.get("kind"):
        rows = [r for r in rows if r["kind"] == a["kind"]]
    if a.get("overdue"):
        rows = [r for r in rows if r["overdue"]]
    if a.get("q"):
        needle = a["q"].lower()[:200]
        rows = [r for r in rows if needle in r["text"].lower()]
    key = a.get("sort", "period")
    if key not in {k for k, _ in BOARD_COLUMNS}:
        key = "period"
    rows.sort(key=lambda r: (r["date"] if key == "period" else str(r[key]).lower(), r["text"]),
              reverse=a.get("dir") == "desc")
    return rows, choices


# -- documents and the reader -------------------------------------------------------
@bp.route("/documents")
def documents():
    return render_template("documents.html", docs=store_for_request().documents())


@bp.route("/documents/<doc_id>")
def reader(doc_id: str):
    store = store_for_request()
    doc = document_or_404(store, doc_id)
    blocks = store.blocks(doc_id)
    items = store.items(doc_id)
    by_block: dict[int, list] = {}
    for it in items:
        by_block.setdefault(it.block_seq, []).append(it)
    return render_template("reader.html", doc=doc, blocks=list(enumerate(blocks)), by_block=by_block,
                           marked=_marked_block, counts={k: sum(i.kind.value == k for i in items)
                                                         for k in ("recommendation", "priority", "action")})


@bp.route("/documents/<doc_id>/download")
def download(doc_id: str):
    doc = document_or_404(store_for_request(), doc_id)
    path = Path(doc["path"]).resolve()
    allowed = [config().corpus_dir.resolve(), config().data_dir.resolve()]
    if not any(path.is_relative_to(root) for root in allowed) or not path.is_file():
        abort(404, description="The original file is not available for download.")
    return send_file(path, as_attachment=True, download_name=path.name)


# -- signing in ------------------------------------------------------------------
@bp.route("/login", methods=["GET", "POST"])
def login():
    return login_view()


@bp.route("/logout", methods=["POST"])
def logout():
    return logout_view()
