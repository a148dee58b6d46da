"""The records `--format jsonl` and the JSON API write: one builder per kind of thing.

Their field names are a stable interface other tools read: add fields, never rename them.
"""

from __future__ import annotations

from dataclasses import asdict

from core.model import Block, Decision, Item, StoredDocument
from index.search import Hit
from sgkb.board import ACTION_TEXT, decision_detail, human_time
from sgkb.service import DecisionRow, ItemView, StatusRow


def doc_record(doc: StoredDocument) -> dict:
    return {
        "id": doc.id,
        "path": doc.path,
        "file": doc.file,
        "format": doc.format,
        "title": doc.title,
        "type": doc.doc_type.value,
        "period": doc.period,
        "date": doc.date,
        "publisher": doc.meta.publisher,
        "pages": doc.pages,
        "sha256": doc.sha256,
        "ingested_at": doc.ingested_at,
        "warnings": list(doc.warnings),
        "alternates": [{"id": a.id, "file": a.path.rsplit("/", 1)[-1], "format": a.format} for a in doc.alternates],
        "partnership": doc.partnership,
        "sources": dict(doc.meta.sources),
        "guessed": [
            name for name in ("title", "type", "period", "date", "publisher", "partnership") if doc.meta.guessed(name)
        ],
        "notes": list(doc.notes),
        "lineage": doc.lineage,
        "version": doc.version,
        "current": doc.current,
    }


def block_record(seq: int, b: Block) -> dict:
    return {
        "seq": seq,
        "kind": b.kind.value,
        "text": b.text,
        "section": list(b.section),
        "page": b.page,
        "level": b.level,
        "lead_in": b.lead_in,
        "cells": list(b.cells),
        "headers": list(b.headers),
    }


def item_record(item: Item, doc: StoredDocument) -> dict:
    return {
        "id": item.id,
        "kind": item.kind.value,
        "text": item.text,
        "doc": doc.id,
        "doc_file": doc.file,
        "doc_title": doc.title,
        "period": item.period,
        "date": doc.date,
        "section": list(item.section),
        "page": item.page,
        "made_by": item.made_by,
        "addressee": item.addressee,
        "due": item.due,
        "themes": list(item.themes),
        "block": item.block_seq,
        "start": item.start,
        "end": item.end,
        "partnership": doc.partnership,
        "lead_in": item.lead_in,
    }


def hit_record(hit: Hit) -> dict:
    record = asdict(hit)
    record["doc"] = record.pop("doc_id")
    record["doc_title"] = record.pop("title")
    return record


def decision_record(d: Decision) -> dict:
    return {
        "seq": d.seq,
        "item_id": d.item_id,
        "action": d.action.value,
        "value": d.value,
        "note": d.note,
        "user": d.user,
        "at": d.at,
        "carried_from": d.carried_from,
    }


def log_record(row: DecisionRow) -> dict:
    """A decisions-log line: the decision's fields, with the item, its document and, for an
    evidence decision, the passage named by document, page and text (as `sgkb decisions
    --format jsonl`)."""
    d, e = row.decision, row.evidence
    return {
        **decision_record(d),
        "when": human_time(d.at),
        "decision": ACTION_TEXT.get(d.action, d.action.label),
        "what": decision_detail(row),
        "item_text": row.item.text if row.item else None,
        "doc": row.doc.id if row.doc else None,
        "doc_title": row.doc.title if row.doc else None,
        "evidence": None
        if e is None
        else {
            "id": e.id,
            "doc": e.doc_id,
            "doc_title": row.evidence_doc.title if row.evidence_doc else None,
            "page": e.page,
            "section": e.section,
            "text": e.text,
        },
    }


def link_record(row: StatusRow, view: ItemView | None, docs: dict[str, StoredDocument]) -> dict:
    """An item with its status, evidence and related items (as `sgkb links --format jsonl`)."""
    item, doc, st = row.item, row.doc, row.status
    record = {
        "item_id": item.id,
        "kind": item.kind.value,
        "text": item.text,
        "doc": doc.id,
        "doc_title": doc.title,
        "period": item.period,
        "made_by": item.made_by,
        "due": item.due,
        "status": st.status.value,
        "status_source": st.source,
        "machine_status": st.machine_status.value,
        "overdue": st.overdue,
        "decided_by": st.decided_by,
        "decided_at": st.decided_at,
        "note": st.note,
        "confidence": round(st.confidence, 3),
        "carried": st.carried,
        "due_question": st.due_question,
        "partnership": doc.partnership,
        "addressee": item.addressee,
        "evidence": [
            {
                "id": e.id,
                "doc": e.doc_id,
                "period": docs[e.doc_id].period if e.doc_id in docs else None,
                "section": e.section,
                "page": e.page,
                "text": e.text,
                "score": e.score,
                "signal": e.signal.value if e.signal else None,
                "signal_words": e.signal_words,
                "why": list(e.why),
                "decision": mark,
                "confidence": e.confidence,
                "strength": e.strength,
                "matched": list(e.matched),
            }
            for e, mark in st.evidence
        ],
        "related": [],
    }
    if view is not None:
        record["related"] = [
            {"item_id": other.id, "doc": other.doc_id, "period": other.period, "text": other.text, "why": list(r.why)}
            for other, r, _ in view.related
        ]
    return record
