"""The records `--format jsonl` and the JSON API write: one builder per kind of thing.

Their field names are a stable interface other tools read: add fields, never rename them.
"""
from __future__ import annotations

import json
from pathlib import Path


def doc_record(doc: dict) -> dict:
    return {
        "id": doc["id"], "path": doc["path"], "file": Path(doc["path"]).name, "format": doc["format"],
        "title": doc["title"], "type": doc["type"], "period": doc["period"], "date": doc["date"],
        "publisher": doc["publisher"], "pages": doc["pages"], "sha256": doc["sha256"],
        "ingested_at": doc["ingested_at"], "warnings": doc["warnings"],
        "alternates": [{"id": a["id"], "file": Path(a["path"]).name, "format": a["format"]} for a in doc["alternates"]],
    }



def item_record(item, doc: dict) -> dict:
    return {
        "id": item.id, "kind": item.kind.value, "text": item.text, "doc": doc["id"],
        "doc_file": Path(doc["path"]).name, "doc_title": doc["title"], "period": item.period, "date": doc["date"],
        "section": list(item.section), "page": item.page, "made_by": item.made_by, "addressee": item.addressee,
        "due": item.due, "themes": list(item.themes), "block": item.block_seq, "start": item.start, "end": item.end,
    }



def hit_record(hit) -> dict:
    record = hit.record()
    record["doc"] = record.pop("doc_id")
    record["doc_title"] = record.pop("title")
    return record



def link_record(item, doc, st, related, docs, items) -> dict:
    return {
        "item_id": item.id, "kind": item.kind.value, "text": item.text, "doc": doc["id"], "doc_title": doc["title"],
        "period": item.period, "made_by": item.made_by, "due": item.due, "status": st.status,
        "status_source": st.source, "machine_status": st.machine_status, "overdue": st.overdue,
        "decided_by": st.decided_by, "decided_at": st.decided_at, "note": st.note,
        "evidence": [{"id": e["id"], "doc": e["doc_id"], "period": docs[e["doc_id"]]["period"], "section": e["section"],
                      "page": e["page"], "text": e["text"], "score": e["score"], "signal": e["signal"],
                      "why": e["why"], "decision": e["decision"]} for e in st.evidence],
        "related": [{"item_id": r["related_id"], "doc": items[r["related_id"]].doc_id,
                     "period": items[r["related_id"]].period, "text": items[r["related_id"]].text,
                     "why": json.loads(r["why"])} for r in related if r["related_id"] in items],
    }
