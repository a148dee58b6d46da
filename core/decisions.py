"""Clerks' decisions: the append-only audit trail, and an item's status as a clerk sees it.

A decision sets an item's status, confirms the machine's status, or confirms or rejects a
piece of evidence, always with a note and the name of who made it. Rows are only ever
appended (SQLite triggers refuse UPDATE, DELETE and REPLACE). When a revised document
changes an item's wording, its decisions are carried to the new item by a `carry_over` row
(to be confirmed by a clerk); a decision whose item is gone and was not carried is
"orphaned" until a clerk re-attaches it.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from core.model import Decision, DecisionAction, Evidence, ItemStatus, MachineStatus, Status
from core.periods import due_end
from core.store import Store, now_iso

SYSTEM_USER = "sgkb"
MAX_NOTE = 2000


class DecisionError(ValueError):
    """A decision that cannot be recorded (unknown item or evidence, bad status, no note or user)."""


def _row(r: sqlite3.Row) -> Decision:
    return Decision(
        seq=r["seq"],
        item_id=r["item_id"],
        action=DecisionAction(r["action"]),
        value=r["value"],
        note=r["note"],
        user=r["user"],
        at=r["at"],
        carried_from=r["carried_from"],
    )


def decisions(store: Store, item_id: str | None = None) -> list[Decision]:
    """Decisions in the order they were made (all, or those on one item)."""
    sql = "SELECT * FROM decisions" + (" WHERE item_id = ?" if item_id else "") + " ORDER BY seq"
    return [_row(r) for r in store.db.execute(sql, (item_id,) if item_id else ())]


def decisions_by_item(store: Store) -> dict[str, list[Decision]]:
    """Each item's decisions, those carried into it from earlier versions first, in order."""
    own: dict[str, list[Decision]] = {}
    for d in decisions(store):
        own.setdefault(d.item_id, []).append(d)
    out: dict[str, list[Decision]] = {}
    for item_id in own:
        out[item_id] = _with_carried(item_id, own, set())
    return out


def decisions_for(store: Store, item_id: str) -> list[Decision]:
    """One item's decisions, with those carried into it from earlier versions' items."""
    own: dict[str, list[Decision]] = {item_id: decisions(store, item_id)}
    frontier = [d.value for d in own[item_id] if d.action is DecisionAction.CARRY_OVER]
    while frontier:
        old = frontier.pop()
        if old not in own:
            own[old] = decisions(store, old)
            frontier += [d.value for d in own[old] if d.action is DecisionAction.CARRY_OVER]
    return _with_carried(item_id, own, set())


def _with_carried(item_id: str, own: dict[str, list[Decision]], seen: set[str]) -> list[Decision]:
    seen.add(item_id)
    result: list[Decision] = []
    for d in own.get(item_id, []):
        if d.action is DecisionAction.CARRY_OVER and d.value not in seen:
            result += [replace_carried(x, item_id) for x in _with_carried(d.value, own, seen)]
        result.append(d)
    return sorted(result, key=lambda d: d.seq)


def replace_carried(d: Decision, item_id: str) -> Decision:
    """A decision made on an earlier version's item, as it applies to `item_id`."""
    if d.carried_from or d.item_id == item_id:
        return d
    return Decision(d.seq, item_id, d.action, d.value, d.note, d.user, d.at, carried_from=d.item_id)


def _append(store: Store, rows: list[tuple]) -> list[Decision]:
    made = []
    with store.transaction() as db:
        for item_id, action, value, note, user, carried in rows:
            cur = db.execute(
                "INSERT INTO decisions (item_id, action, value, note, user, at, carried_from) VALUES (?,?,?,?,?,?,?)",
                (item_id, action, value, note, user, now_iso(), carried),
            )
            made.append(cur.lastrowid)
    return [
        _row(r)
        for r in store.db.execute(
            f"SELECT * FROM decisions WHERE seq IN ({','.join('?' * len(made))}) ORDER BY seq", made
        )
    ]


def record(
    store: Store,
    item_id: str,
    user: str,
    note: str,
    *,
    status: str | None = None,
    confirm: str | None = None,
    reject: str | None = None,
    confirm_status: bool = False,
) -> list[Decision]:
    """Record a clerk's decisions about an item; returns what was appended to the audit trail."""
    user, note = (user or "").strip(), (note or "").strip()
    if not user:
        raise DecisionError("a decision needs the name of who made it")
    if not note:
        raise DecisionError("a decision needs a note saying why (it is kept in the audit trail)")
    if len(note) > MAX_NOTE:
        raise DecisionError(f"a note can be at most {MAX_NOTE} characters")
    if store.item(item_id) is None:
        raise DecisionError(f"no item {item_id!r}: see `sgkb items` for ids")
    evidence_ids = {e.id for e in store.evidence(item_id)}
    made: list[tuple[str, str]] = []
    if status is not None:
        if status not in Status.values():
            raise DecisionError(f"unknown status {status!r}: use one of {', '.join(Status.values())}")
        made.append((DecisionAction.SET_STATUS.value, status))
    if confirm_status:
        made.append((DecisionAction.CONFIRM_STATUS.value, current_status_of(store, item_id).value))
    for action, evidence_id in ((DecisionAction.CONFIRM_EVIDENCE, confirm), (DecisionAction.REJECT_EVIDENCE, reject)):
        if evidence_id is not None:
            if evidence_id not in evidence_ids:
                raise DecisionError(
                    f"item {item_id} has no evidence {evidence_id!r}: see `sgkb links --item {item_id}`"
                )
            made.append((action.value, evidence_id))
    if not made:
        raise DecisionError("nothing to decide: give a status, confirm the status, or evidence to confirm or reject")
    return _append(store, [(item_id, action, value, note, user, None) for action, value in made])


def current_status_of(store: Store, item_id: str) -> Status:
    machine = store.machine_statuses(item_id).get(item_id)
    own = decisions_by_item(store).get(item_id, [])
    return combine(None, None, machine, [], own, date.today()).status


def carry_over(store: Store, pairs: list[tuple[str, str]], note: str, user: str = SYSTEM_USER) -> list[Decision]:
    """Attach the decisions of old items to new ones (old id, new id): a revised document's
    changed item, or a clerk re-attaching an orphaned decision."""
    if not pairs:
        return []
    return _append(store, [(new, DecisionAction.CARRY_OVER.value, old, note, user, None) for old, new in pairs])


def reattach(store: Store, old_item: str, new_item: str, user: str, note: str) -> list[Decision]:
    """A clerk re-attaches the decisions made on an item that is gone to a current item."""
    if not (note or "").strip() or not (user or "").strip():
        raise DecisionError("re-attaching needs a note and the name of who does it")
    if store.item(new_item) is None:
        raise DecisionError(f"no item {new_item!r}: see `sgkb items` for ids")
    if not decisions(store, old_item):
        raise DecisionError(f"no decisions were made on {old_item!r}")
    return carry_over(store, [(old_item, new_item)], note.strip(), user.strip())


def orphaned(store: Store) -> list[Decision]:
    """Decisions whose item is no longer in any current document and was not carried over."""
    current = store.item_ids()
    carried = {d.value for d in decisions(store) if d.action is DecisionAction.CARRY_OVER}
    return [
        d
        for d in decisions(store)
        if d.item_id not in current and d.item_id not in carried and d.action is not DecisionAction.CARRY_OVER
    ]


def combine(
    due: str | None,
    made_on: str | None,
    machine: MachineStatus | None,
    evidence: list[Evidence],
    item_decisions: list[Decision],
    today: date,
) -> ItemStatus:
    """An item's status for a clerk: the machine's, unless a clerk decided; overdue against `today`.

    A due date that ends before the item was made cannot be a due date (a period the item
    reviews, say): it is not judged overdue but raised as a question for the clerk.
    """
    marks: dict[str, str] = {}
    status = machine.status if machine else Status.NO_EVIDENCE
    source, who, when, note, carried = "machine", None, None, None, False
    for d in item_decisions:
        if d.action is DecisionAction.CONFIRM_EVIDENCE:
            marks[d.value] = "confirmed"
        elif d.action is DecisionAction.REJECT_EVIDENCE:
            marks[d.value] = "rejected"
        elif d.action in (DecisionAction.SET_STATUS, DecisionAction.CONFIRM_STATUS):
            status, source, who, when, note = Status(d.value), "clerk", d.user, d.at, d.note
            carried = d.carried_from is not None
    by = due_end(due)
    question = None
    if by is not None and made_on and by.isoformat() < made_on[:10]:
        question = f"due {due} ends before the item was made ({made_on[:10]}): check what it is due by"
        by = None
    overdue = by is not None and by < today and not status.done
    shown = tuple((e, marks.get(e.id)) for e in evidence)
    return ItemStatus(
        status=status,
        source=source,
        overdue=overdue,
        due_by=by,
        due_question=question,
        decided_by=who,
        decided_at=when,
        note=note,
        machine_status=machine.status if machine else Status.NO_EVIDENCE,
        confidence=machine.confidence if machine else 0.0,
        carried=carried,
        evidence=shown,
    )
