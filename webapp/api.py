"""The JSON API under /api/: the same records as `sgkb ... --format jsonl`."""

from __future__ import annotations

import json

from flask import Blueprint, abort, current_app, request

from core.model import Kind
from sgkb.board import COLUMNS, BoardFilter, board, cell, choose_columns
from sgkb.records import block_record, decision_record, doc_record, hit_record, item_record, link_record
from sgkb.service import IndexMissing
from webapp.auth import kb
from webapp.views import _int, document_or_404, item_or_404

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


@bp.route("/status")
def status():
    """The status board's rows, filtered as the board is (?doc=&kind=&status=&source=&made_by=
    &partnership=&overdue=1&col=...), with the chosen columns."""
    filt = BoardFilter.from_args(request.args)
    rows = board(kb().status_rows(), filt, request.args.get("sort", "made"), request.args.get("dir") == "desc")
    columns = choose_columns(request.args.getlist("col") or None)
    return _json(
        {
            "filter": filt.describe(),
            "columns": [{"key": c, "title": COLUMNS[c][0]} for c in columns],
            "rows": [{"item_id": r.item.id, **{c: cell(r, c) for c in columns}} for r in rows],
        }
    )


@bp.route("/decisions")
def decisions():
    """The decisions log (?item=ID, ?user=NAME, ?orphaned=1)."""
    found = kb().orphaned_decisions() if request.args.get("orphaned") else kb().decisions(request.args.get("item"))
    user = request.args.get("user")
    return {"decisions": [decision_record(d) for d in found if not user or d.user == user]}


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
