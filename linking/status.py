"""An item's status from its evidence and clerks' decisions; overdue against a given day.

The machine's status comes from the evidence with a status signal in the latest
document that has any (a clerk-confirmed passage first, then the best scored);
evidence a clerk rejected is left out. With no such evidence the status is
"no_evidence": a neutral state, not a finding of non-compliance. A clerk's
latest "set_status" decision outranks the machine.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

STATUSES = ("implemented", "in_progress", "not_implemented", "superseded", "no_evidence")
DONE = ("implemented", "superseded")


@dataclass
class ItemStatus:
    """What a clerk sees for one item: status, where it came from, and the evidence with decisions."""

    status: str
    source: str                      # machine | clerk
    overdue: bool
    due_by: date | None
    decided_by: str | None = None
    decided_at: str | None = None
    note: str | None = None
    machine_status: str = "no_evidence"
    evidence: list[dict] = field(default_factory=list)   # each with "decision": confirmed | rejected | None

    @property
    def latest_evidence(self) -> dict | None:
        """The evidence a committee paper quotes: newest document first, best score, not rejected."""
        return next((e for e in self.evidence if e["decision"] != "rejected"), None)


def due_end(due: str | None) -> date | None:
    """The last day a due date or period allows: 2025-09 -> 30 Sep 2025; 2024-25 -> 31 Mar 2025."""
    if not due:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", due):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", due):
        year, second = int(m[1]), int(m[2])
        if 1 <= second <= 12 and second != (year + 1) % 100:
            return date(year, second, calendar.monthrange(year, second)[1])
        return date(year // 100 * 100 + second + (100 if second < year % 100 else 0), 3, 31)  # a financial year
    if m := re.fullmatch(r"(\d{4})", due):
        return date(int(m[1]), 12, 31)
    return None


def evidence_decisions(decisions: list[dict]) -> dict[str, str]:
    """Evidence id -> "confirmed" or "rejected", the latest decision winning."""
    out: dict[str, str] = {}
    for d in decisions:
        if d["action"] == "confirm_evidence":
            out[d["value"]] = "confirmed"
        elif d["action"] == "reject_evidence":
            out[d["value"]] = "rejected"
    return out


def item_status(due: str | None, evidence: list[dict], decisions: list[dict], doc_dates: dict[str, str],
                today: date) -> ItemStatus:
    """Combine machine evidence and clerks' decisions for one item (decisions in the order made)."""
    marks = evidence_decisions(decisions)
    shown = [{**e, "decision": marks.get(e["id"])} for e in evidence]
    shown.sort(key=lambda e: (doc_dates.get(e["doc_id"], ""), e["score"]), reverse=True)
    machine = "no_evidence"
    usable = [e for e in shown if e["decision"] != "rejected" and e["signal"]]
    if usable:
        latest = max(doc_dates.get(e["doc_id"], "") for e in usable)
        in_latest = [e for e in usable if doc_dates.get(e["doc_id"], "") == latest]
        in_latest.sort(key=lambda e: (e["decision"] == "confirmed", e["score"]), reverse=True)
        machine = in_latest[0]["signal"]
    status, source, who, when, note = machine, "machine", None, None, None
    for d in decisions:
        if d["action"] == "set_status":
            status, source, who, when, note = d["value"], "clerk", d["user"], d["at"], d["note"]
    by = due_end(due)
    overdue = by is not None and by < today and status not in DONE
    return ItemStatus(status, source, overdue, by, who, when, note, machine, shown)


def load_statuses(store, today: date, item_id: str | None = None) -> list[tuple]:
    """(item, document, ItemStatus) for every recommendation and priority (or one item), oldest first."""
    from linking.linker import FOLLOWED_KINDS

    docs = {d["id"]: d for d in store.documents(include_duplicates=True)}
    dates = {d: (docs[d]["date"] or docs[d]["period"] or "") for d in docs}
    evidence: dict[str, list[dict]] = {}
    for e in store.evidence(item_id):
        evidence.setdefault(e["item_id"], []).append(e)
    decisions: dict[str, list[dict]] = {}
    for d in store.decisions(item_id):
        decisions.setdefault(d["item_id"], []).append(d)
    rows = []
    for item in (store.items_by_ids([item_id]) if item_id else store.items()):
        if item.kind not in FOLLOWED_KINDS:
            continue
        status = item_status(item.due, evidence.get(item.id, []), decisions.get(item.id, []), dates, today)
        rows.append((item, docs[item.doc_id], status))
    return rows


def link_records(store, today: date, item_id: str | None = None) -> list[dict]:
    """Every recommendation and priority (or one) as the record `sgkb links` and /api/links write."""
    from sgkb.records import link_record

    docs = {d["id"]: d for d in store.documents(include_duplicates=True)}
    items = {i.id: i for i in store.items()}
    related: dict[str, list[dict]] = {}
    for r in store.related(item_id):
        related.setdefault(r["item_id"], []).append(r)
    return [link_record(item, doc, st, related.get(item.id, []), docs, items)
            for item, doc, st in load_statuses(store, today, item_id)]


def current_statuses(store) -> dict[str, str]:
    """Item id -> status (clerk's or machine's) for every recommendation and priority, as indexed."""
    return {item.id: st.status for item, _, st in load_statuses(store, date.today())}


class DecisionError(ValueError):
    """A decision that cannot be recorded (unknown item or evidence, bad status, no user)."""


def decide(store, item_id: str, user: str, note: str = "", status: str | None = None,
           confirm: str | None = None, reject: str | None = None) -> list[dict]:
    """Record a clerk's decisions about an item; returns what was appended to the audit trail."""
    if not user or not user.strip():
        raise DecisionError("a decision needs the name of who made it")
    known = {i.id for i in store.items()}
    if item_id not in known:
        raise DecisionError(f"no recommendation or priority {item_id!r}: see `sgkb links` for ids")
    evidence_ids = {e["id"] for e in store.evidence(item_id)}
    made = []
    if status is not None:
        if status not in STATUSES:
            raise DecisionError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        made.append(("set_status", status))
    for action, evidence_id in (("confirm_evidence", confirm), ("reject_evidence", reject)):
        if evidence_id is not None:
            if evidence_id not in evidence_ids:
                raise DecisionError(f"item {item_id} has no evidence {evidence_id!r}: see `sgkb links --item {item_id}`")
            made.append((action, evidence_id))
    if not made:
        raise DecisionError("nothing to decide: give a status, or evidence to confirm or reject")
    return [store.add_decision(item_id, action, value, note.strip(), user.strip()) for action, value in made]
