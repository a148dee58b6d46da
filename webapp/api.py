"""The JSON API under /api/: the same records as `sgkb ... --format jsonl`."""

from __future__ import annotations

import json

from flask import Blueprint, abort, current_app, request

from core.decisions import DecisionError
from core.model import Kind
from sgkb.board import (
    COLUMNS,
    LOG_DEFAULT,
    SORTS,
    BoardFilter,
    LogFilter,
    UnknownColumn,
    board,
    cell,
    check_columns,
    choose_columns,
    decision_log,
    review_queue,
)
from sgkb.exports import board_csv, board_docx, log_csv
from sgkb.records import block_record, decision_record, doc_record, hit_record, item_record, link_record, log_record
from sgkb.service import IndexMissing
from webapp.auth import current_user, kb
from webapp.views import DOCX, _int, document_or_404, item_or_404

bp = Blueprint("api", __name__, url_prefix="/api")


def _json(record) -> object:
    return current_app.response_class(json.dumps(record, ensure_ascii=False, default=str), mimetype="application/json")


@bp.route("/search")
def search():
    """?q=QUERY (the search box's language) &page=N &size=N &sort=relevance|newest|oldest,
    or ?like=ENTRY_ID for the passages and items worded most like that one."""
    try:
        if request.args.get("like"):
            like = request.args["like"][:80]
            return {"like": like, "hits": [hit_record(h) for h in kb().more_like_this(like)]}
        results = kb().search(
            request.args.get("q", "")[:500],
            sort=request.args.get("sort", "relevance"),
            page=_int(request.args.get("page"), 1),
            pagelen=min(_int(request.args.get("size"), 10), 100),
        )
    except IndexMissing:
        abort(503)
    return {
        "query": results.text,
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "hits": [hit_record(h) for h in results.hits],
        "facets": {k: [{"value": v, "count": c} for v, c in vals] for k, vals in results.facets.items()},
        "suggestion": results.suggestion,
        "notes": results.notes,
        "question": results.question,
        "also_searched_for": results.also,
        "answer": None
        if results.answer is None
        else {
            **hit_record(results.answer.passage),
            "year": results.answer.year,
            "items": [hit_record(i) for i in results.answer.items],
            # false: the closest passage only, not a clear answer (too few of the question's words,
            # or too far from its meaning: index/search.py ANSWER_COVERAGE, ANSWER_SIMILARITY)
            "clear": results.answer.clear,
            "coverage": results.answer.coverage,
            "similarity": results.answer.similarity,
        },
    }


@bp.route("/items")
def items():
    """?kind=recommendation|priority|action &doc=ID"""
    kind = request.args.get("kind") or None
    if kind not in (None, *Kind.values()):
        abort(400, description="kind must be recommendation, priority or action")
    docs = kb().documents_by_id()
    return {"items": [item_record(i, docs[i.doc_id]) for i in kb().items(request.args.get("doc") or None, kind)]}


@bp.route("/items/<item_id>")
def item(item_id: str):
    """One item with its status, evidence, related items and decisions."""
    found = item_or_404(item_id)
    docs = kb().documents_by_id()
    view = kb().item_view(found.id)
    record = item_record(found, docs[found.doc_id])
    if view is not None:
        from sgkb.service import StatusRow

        record["links"] = link_record(StatusRow(view.item, view.doc, view.status), view, docs)
        record["decisions"] = [decision_record(d) for d in view.trail]
    return _json(record)


@bp.route("/links")
def links():
    """Every tracked item with status and evidence (as `sgkb links --format jsonl`)."""
    docs = kb().documents_by_id()
    return _json({"links": [link_record(r, None, docs) for r in kb().status_rows()]})


def _board_args():
    filt = BoardFilter.from_args(request.args)
    sort = request.args.get("sort", "made")
    asked = [c for c in request.args.getlist("col") for c in c.split(",") if c]
    try:
        check_columns(asked)
    except UnknownColumn as exc:
        abort(400, description=str(exc))
    return filt, sort if sort in SORTS else "made", choose_columns(asked or None)


def _table(filt, rows, columns):
    fmt = request.args.get("format", "json")
    if fmt == "csv":
        return current_app.response_class(board_csv(rows, columns).encode("utf-8"), mimetype="text/csv; charset=utf-8")
    if fmt == "docx":
        titles = {d.id: d.title for d in kb().documents()}
        data = board_docx(rows, columns, filt.describe(titles), current_app.config["SGKB"].today_date())
        return current_app.response_class(data, mimetype=DOCX)
    if fmt != "json":
        abort(400, description="format must be json, csv or docx")
    return _json(
        {
            "filter": filt.describe(),
            "total": len(rows),
            "columns": [{"key": c, "title": COLUMNS[c][0]} for c in columns],
            "rows": [{"item_id": r.item.id, **{c: cell(r, c) for c in columns}} for r in rows],
        }
    )


@bp.route("/status")
def status():
    """The status board's rows, filtered as the board is (?doc=&partnership=&kind=&status=
    &source=machine|clerk&made_by=&period=&due=set|none|check&overdue=1&unconfirmed=1&q=),
    sorted (?sort=made|status|made_by|due|document|kind|evidence&dir=desc), with the chosen
    columns (?col=ref&col=item or ?col=ref,item), as JSON, or ?format=csv|docx."""
    filt, sort, columns = _board_args()
    rows = board(kb().status_rows(), filt, sort, request.args.get("dir") == "desc")
    return _table(filt, rows, columns)


@bp.route("/review")
def review():
    """The reviewer's queue: suggestions awaiting a clerk, newest evidence first (filters and
    columns as /api/status)."""
    filt, _, columns = _board_args()
    return _table(filt, review_queue(kb().status_rows(), filt), columns)


@bp.route("/decisions")
def decisions():
    """The decisions log, newest first (?user=&action=&doc=&item=&since=YYYY-MM-DD&until=&q=,
    ?orphaned=1 for decisions whose item is gone), as JSON or ?format=csv."""
    if request.args.get("orphaned"):
        return {"decisions": [decision_record(d) for d in kb().orphaned_decisions()]}
    try:
        filt = LogFilter.from_args(request.args)
    except ValueError as exc:
        abort(400, description=str(exc))
    rows = decision_log(kb().decision_rows(filt.item or None), filt)
    if request.args.get("format") == "csv":
        return current_app.response_class(
            log_csv(rows, LOG_DEFAULT).encode("utf-8"), mimetype="text/csv; charset=utf-8"
        )
    return _json({"filter": filt.describe(), "total": len(rows), "decisions": [log_record(r) for r in rows]})


@bp.route("/items/<item_id>/decisions", methods=["POST"])
def decide(item_id: str):
    """Record a decision: JSON {"action": "status"|"confirm_status"|"confirm"|"reject",
    "status": S, "evidence": E, "note": N}. Needs a signed-in session and its CSRF token in
    the X-CSRF-Token header. A note is required. Answers 201 with the decisions recorded."""
    if current_user() is None:
        abort(403, description="sign in first")
    found = item_or_404(item_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="send a JSON object")
    action, note = str(body.get("action") or ""), str(body.get("note") or "")
    kwargs: dict = {}
    if action == "status":
        kwargs["status"] = str(body.get("status") or "")
    elif action == "confirm_status":
        kwargs["confirm_status"] = True
    elif action in ("confirm", "reject"):
        kwargs[action] = str(body.get("evidence") or "")
    else:
        abort(400, description="action must be status, confirm_status, confirm or reject")
    try:
        made = kb().decide(found.id, current_user() or "", note, **kwargs)
    except DecisionError as exc:
        abort(400, description=str(exc))
    return _json({"decisions": [decision_record(d) for d in made]}), 201


@bp.route("/documents")
def documents():
    return {"documents": [doc_record(d) for d in kb().documents()]}


@bp.route("/documents/<doc_id>")
def document(doc_id: str):
    """A document's metadata and blocks."""
    doc = document_or_404(doc_id)
    record = doc_record(doc)
    record["blocks"] = [block_record(seq, b) for seq, b in enumerate(kb().blocks(doc.id))]
    return _json(record)
