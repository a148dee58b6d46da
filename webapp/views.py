"""The pages: home, search, an item's history, the status board, decisions, documents and the reader."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from markupsafe import Markup, escape

from core.decisions import DecisionError
from core.model import BlockKind, Kind, Status, StoredDocument
from core.periods import human_date
from sgkb.board import COLUMNS, DEFAULT_COLUMNS, BoardFilter, board, cell, choose_columns
from sgkb.exports import csv_text, docx_bytes
from sgkb.service import IndexMissing
from webapp.auth import current_user, kb, login_required, login_view, logout_view

bp = Blueprint("ui", __name__)

FILTERS = (
    ("kind", "kind"),
    ("type", "doc_type"),
    ("year", "period"),
    ("theme", "themes"),
    ("by", "made_by"),
    ("status", "status"),
    ("partnership", "partnership"),
)
FACET_TITLES = {
    "doc_type": "Document type",
    "period": "Year",
    "kind": "Kind",
    "themes": "Theme",
    "made_by": "Made by",
    "status": "Status",
    "partnership": "Partnership",
}
PAGE_SIZE = 10


def label(value) -> str:
    """A display label for an enum value ("in_progress" -> "In progress")."""
    if value is None:
        return ""
    value = getattr(value, "value", value)
    for enum in (Status, Kind, BlockKind):
        if value in enum.values():
            return enum(value).label
    from core.model import DocumentType

    if value in DocumentType.values():
        return DocumentType(value).label
    return value.replace("_", " ").capitalize() if value.islower() else value


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(label=label, human_date=human_date)
    for code in (400, 401, 403, 404, 405, 413, 429, 500, 503):
        app.register_error_handler(code, _error_page)


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    if request.path.startswith("/api/"):
        return {"error": getattr(error, "description", "error"), "status": code}, code
    titles = {
        400: "Something in that request could not be used",
        401: "Please sign in",
        403: "You need to sign in to change anything",
        404: "Page not found",
        405: "That cannot be done here",
        413: "That was too large",
        429: "Too many attempts",
        500: "Sorry, there is a problem",
        503: "The search index is not ready",
    }
    description = getattr(error, "description", "") if code != 500 else "Try again later."
    return render_template("error.html", title=titles.get(code, "Error"), description=description), code


def config():
    return current_app.config["SGKB"]


def _int(value, default: int) -> int:
    try:
        return max(1, min(int(value), 10_000))
    except (TypeError, ValueError):
        return default


def item_or_404(item_id: str):
    found = kb().item(item_id[:40])
    if found is None:
        abort(404, description="There is no recommendation, priority or action with that id.")
    return found


def document_or_404(doc_id: str) -> StoredDocument:
    """A document by its exact id (never a path or a file name from the URL)."""
    doc = kb().store.document(doc_id[:64])
    if doc is None:
        abort(404, description="There is no document with that id.")
    return doc


# -- home and search ----------------------------------------------------------------
@bp.route("/")
def home():
    if request.args.get("q") or request.args.get("like"):  # old search links keep working
        return redirect(url_for("ui.search", **request.args.to_dict()))  # type: ignore[arg-type]
    rows = kb().status_rows()
    docs = kb().documents()
    counts: dict[str, int] = {s.value: 0 for s in Status}
    for row in rows:
        counts[row.status.status.value] += 1
    return render_template("home.html", docs=docs, counts=counts, total=len(rows))


@bp.route("/search")
def search():
    q = request.args.get("q", "")[:500]
    active = {name: request.args.get(name, "").strip()[:100] for name, _ in FILTERS if request.args.get(name)}
    sort = request.args.get("sort", "relevance")
    page = _int(request.args.get("page"), 1)
    text = " ".join([q] + [f'{name}:"{value.replace(chr(34), "")}"' for name, value in active.items()])
    results, similar = None, None
    like = request.args.get("like", "")[:80]
    try:
        if like:
            similar = kb().more_like_this(like)
        elif text.strip():
            results = kb().search(text, sort=sort, page=page, pagelen=PAGE_SIZE)
    except IndexMissing:
        abort(503, description="Run `sgkb ingest` to build it.")
    facets = []
    if results:
        for name, field in FILTERS:
            values = results.facets.get(field, [])
            if values:
                facets.append((name, FACET_TITLES[field], values[:12]))
    docs = kb().documents_by_id()
    return render_template(
        "search.html",
        q=q,
        active=active,
        sort=sort,
        results=results,
        facets=facets,
        similar=similar,
        link=_search_link,
        docs=docs,
    )


def _search_link(**changes) -> str:
    args = {k: v for k, v in request.args.items() if v}
    args.pop("page", None)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for("ui.search", **args)  # type: ignore[arg-type]  # query-string values


# -- an item and its history --------------------------------------------------
@bp.route("/items/<item_id>")
def item(item_id: str):
    found = item_or_404(item_id)
    view = kb().item_view(found.id)
    assert view is not None
    return render_template(
        "item.html", view=view, item=view.item, doc=view.doc, status=view.status, marked=_marked_block, statuses=Status
    )


@bp.route("/items/<item_id>/decide", methods=["POST"])
@login_required
def decide_item(item_id: str):
    found = item_or_404(item_id)
    action = request.form.get("action", "")
    note = request.form.get("note", "")[:2000]
    evidence = request.form.get("evidence") or None
    try:
        if action == "status":
            kb().decide(found.id, current_user() or "", note, status=request.form.get("status"))
        elif action == "confirm_status":
            kb().decide(found.id, current_user() or "", note, confirm_status=True)
        elif action == "confirm":
            kb().decide(found.id, current_user() or "", note, confirm=evidence)
        elif action == "reject":
            kb().decide(found.id, current_user() or "", note, reject=evidence)
        else:
            abort(400, description="Unknown action.")
    except DecisionError as exc:
        flash(str(exc), "error")
        return redirect(url_for("ui.item", item_id=found.id) + "#decide")
    flash("Your decision was recorded.", "success")
    return redirect(url_for("ui.item", item_id=found.id))


def _marked_block(block, items, current: str | None = None) -> Markup:
    """A block's text, escaped, with its tagged items marked, labelled by kind and linked."""
    out, pos = [], 0
    for it in sorted(items, key=lambda i: i.start):
        if it.start < pos:
            continue
        out.append(escape(block.text[pos : it.start]))
        css = f"item item-{it.kind.value}" + (" item-current" if it.id == current else "")
        out.append(
            Markup('<a class="{}" id="item-{}" href="{}"><span class="item-label">{}</span> {}</a>').format(
                css, it.id, url_for("ui.item", item_id=it.id), it.kind.label, block.text[it.start : it.end]
            )
        )
        pos = it.end
    out.append(escape(block.text[pos:]))
    return Markup("").join(out)


# -- the status board -----------------------------------------------------------
def _board():
    filt = BoardFilter.from_args(request.args)
    sort = request.args.get("sort", "made")
    rows = board(kb().status_rows(), filt, sort, request.args.get("dir") == "desc")
    columns = choose_columns(request.args.getlist("col") or None)
    return filt, rows, columns


@bp.route("/status")
def status_board():
    filt, rows, columns = _board()
    all_rows = kb().status_rows()
    docs = kb().documents()
    choices = {
        "made_by": sorted({r.item.made_by for r in all_rows if r.item.made_by}),
        "partnership": sorted({d.partnership for d in docs if d.partnership}),
        "period": sorted({r.item.period for r in all_rows if r.item.period}),
    }
    query = [(k, v) for k, v in request.args.items(multi=True)]
    return render_template(
        "status.html",
        rows=rows,
        columns=columns,
        all_columns=COLUMNS,
        default_columns=DEFAULT_COLUMNS,
        filt=filt,
        docs=docs,
        choices=choices,
        cell=cell,
        described=filt.describe({d.id: d.title for d in docs}),
        csv_link=url_for("ui.status_csv") + ("?" + _qs(query) if query else ""),
        docx_link=url_for("ui.status_docx") + ("?" + _qs(query) if query else ""),
    )


def _qs(pairs) -> str:
    from urllib.parse import urlencode

    return urlencode(pairs)


@bp.route("/status.csv")
def status_csv():
    filt, rows, columns = _board()
    text = csv_text([COLUMNS[c][0] for c in columns], ([cell(r, c) for c in columns] for r in rows))
    return current_app.response_class(
        text.encode("utf-8"),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": "attachment; filename=status-board.csv"},
    )


@bp.route("/status.docx")
def status_docx():
    filt, rows, columns = _board()
    described = filt.describe({d.id: d.title for d in kb().documents()})
    data = docx_bytes(rows, columns, described, config().today_date())
    return current_app.response_class(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": "attachment; filename=status-board.docx"},
    )


# -- documents and the reader -------------------------------------------------------
@bp.route("/documents")
def documents():
    return render_template("documents.html", docs=kb().documents())


@bp.route("/documents/<doc_id>")
def reader(doc_id: str):
    doc = document_or_404(doc_id)
    blocks = kb().blocks(doc.id)
    items = kb().items(doc.id)
    by_block: dict[int, list] = {}
    for it in items:
        by_block.setdefault(it.block_seq, []).append(it)
    counts = {k: sum(i.kind is k for i in items) for k in Kind}
    return render_template(
        "reader.html", doc=doc, blocks=list(enumerate(blocks)), by_block=by_block, marked=_marked_block, counts=counts
    )


@bp.route("/documents/<doc_id>/download")
def download(doc_id: str):
    doc = document_or_404(doc_id)
    path = Path(doc.path).resolve()
    allowed = [config().corpus_dir.resolve(), config().data_dir.resolve()]
    if not any(path.is_relative_to(root) for root in allowed) or not path.is_file():
        abort(404, description="The original file is not available for download.")
    safe_name = "".join(ch if ch.isprintable() and ch not in '"\\/' else "_" for ch in path.name) or "document"
    return send_file(path, as_attachment=True, download_name=safe_name)


# -- signing in ------------------------------------------------------------------
@bp.route("/login", methods=["GET", "POST"])
def login():
    return login_view()


@bp.route("/logout", methods=["POST"])
def logout():
    return logout_view()
