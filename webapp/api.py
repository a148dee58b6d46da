"""The JSON API under /api/: the same records as `sgkb ... --format jsonl`."""
from __future__ import annotations

import json

from flask import Blueprint, abort, current_app, request

from index.search import IndexMissing
from linking.status import link_records
from sgkb.records import doc_record, hit_record, item_record
from webapp.auth import store_for_request
from webapp.views import _ensure_links, _int, document_or_404, index, item_or_404

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.route("/search")
def search():
    """?q=QUERY (the search box's language) &page=N &size=N &sort=relevance|newest|oldest,
    or ?like=ENTRY_ID for the passages and items worded most like that one."""
    if request.args.get("like"):
        return {"like": request.args["like"][:80],
                "hits": [hit_record(h) for h in index().more_like_this(request.args["like"][:80])]}
    try:
        results = index().search(request.args.get("q", "")[:500], sort=request.args.get("sort", "relevance"),
                                 page=_int(request.args.get("page"), 1), pagelen=min(_int(request.args.get("size"), 10), 100))
    except IndexMissing:
        abort(503)
    return {"query": results.text, "total": results.total, "page": results.page, "pages": results.pages,
            "hits": [hit_record(h) for h in results.hits],
            "facets": {k: [{"value": v, "count": c} for v, c in vals] for k, vals in results.facets.items()},
            "suggestion": results.suggestion, "notes": results.notes}


@bp.route("/items")
def items():
    """?kind=recommendation|priority|action &doc=ID"""
    store = store_for_request()
    docs = {d["id"]: d for d in store.documents(include_duplicates=True)}
    kind = request.args.get("kind") or None
    if kind not in (None, "recommendation", "priority", "action"):
        abort(400, description="kind must be recommendation, priority or action")
    doc_id = request.args.get("doc") or None
    return {"items": [item_record(i, docs[i.doc_id]) for i in store.items(doc_id, kind)]}


@bp.route("/items/<item_id>")
def item(item_id: str):
    """One item with its status, evidence, decisions and related items."""
    store = store_for_request()
    found = item_or_404(store, item_id)
    docs = {d["id"]: d for d in store.documents(include_duplicates=True)}
    record = item_record(found, docs[found.doc_id])
    links = _links(store, found.id)
    if links:
        record["links"] = links[0]
    record["decisions"] = store.decisions(found.id)
    return record


@bp.route("/links")
def links():
    """Every recommendation and priority with status and evidence (as `sgkb links --format jsonl`)."""
    return {"links": _links(store_for_request(), None)}


def _links(store, item_id):
    _ensure_links(store)
    return link_records(store, current_app.config["SGKB"].today_date(), item_id)


@bp.route("/documents")
def documents():
    return {"documents": [doc_record(d) for d in store_for_request().documents()]}


@bp.route("/documents/<doc_id>")
def document(doc_id: str):
    """A document's metadata and blocks."""
    store = store_for_request()
    doc = document_or_404(store, doc_id)
    record = doc_record(doc)
    record["blocks"] = [{"seq": seq, "kind": b.kind.value, "text": b.text, "section": list(b.section),
                         "page": b.page, "level": b.level, "lead_in": b.lead_in, "cells": list(b.cells),
                         "headers": list(b.headers)} for seq, b in enumerate(store.blocks(doc_id))]
    return current_app.response_class(json.dumps(record, ensure_ascii=False), mimetype="application/json")
