"""The status board: which rows (filters), which columns, in what order.

The web board, its CSV and Word downloads, `sgkb status` and the API all build their table
here, so a committee paper shows the same rows whichever door it came through.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date

from core.model import Kind, Status
from core.periods import human_date
from sgkb.service import StatusRow

MAX_CELL = 1000  # characters of evidence in one cell


def _evidence(row: StatusRow) -> str:
    e = row.status.latest_evidence
    if e is None:
        return ""
    where = f" ({e.section.split(' > ')[-1][:60]}{', page ' + str(e.page) if e.page else ''})"
    text = " ".join(e.text.split())
    return (text[:MAX_CELL] + ("…" if len(text) > MAX_CELL else "")) + where


def _evidence_doc(row: StatusRow) -> str:
    e = row.status.latest_evidence
    return e.doc_id if e else ""


def _page(row: StatusRow) -> str:
    e = row.status.latest_evidence
    return str(e.page) if e and e.page else ""


def _status(row: StatusRow) -> str:
    st = row.status
    label = st.status.label
    if st.source == "machine":
        label += " (suggested)" if st.status is not Status.NO_EVIDENCE else ""
    elif st.carried:
        label += " (carried from a previous version: to confirm)"
    return label


def _source(row: StatusRow) -> str:
    st = row.status
    return f"Clerk ({st.decided_by})" if st.source == "clerk" else "Machine suggestion"


def _due(row: StatusRow) -> str:
    st = row.status
    if st.due_question:
        return f"{row.item.due} (check: ends before the item was made)"
    return row.item.due or ""


# key -> (title, how to get the cell's text). Order here is the order users choose from.
COLUMNS: dict[str, tuple[str, Callable[[StatusRow], object]]] = {
    "ref": ("Ref", lambda r: r.item.id),
    "item": ("Item", lambda r: " ".join(r.item.text.split())),
    "kind": ("Kind", lambda r: r.item.kind.label),
    "made_by": ("Made by", lambda r: r.item.made_by or ""),
    "lead": ("Lead / to act", lambda r: r.item.addressee or ""),
    "due": ("Due", _due),
    "status": ("Status", _status),
    "source": ("Source", _source),
    "evidence": ("Latest evidence", _evidence),
    "page": ("Evidence page", _page),
    "note": ("Clerk's note", lambda r: r.status.note or ""),
    "decided": ("Date decided", lambda r: _date(r.status.decided_at)),
    "overdue": ("Overdue", lambda r: "Overdue" if r.status.overdue else ""),
    "document": ("Document", lambda r: r.doc.title),
    "made": ("Date made", lambda r: _date(r.doc.date)),
    "period": ("Period", lambda r: r.item.period or ""),
    "partnership": ("Partnership", lambda r: r.doc.partnership or ""),
    "confidence": ("Confidence", lambda r: f"{r.status.confidence:.2f}" if r.status.confidence else ""),
}
DEFAULT_COLUMNS = ("ref", "item", "made_by", "lead", "due", "status", "source", "evidence", "note", "decided")
SORTS = ("made", "status", "made_by", "due", "document", "kind")


def _date(iso: str | None) -> date | str:
    """A date cell as a real date (so spreadsheets sort it), or empty."""
    if not iso:
        return ""
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return iso


def cell(row: StatusRow, column: str) -> object:
    return COLUMNS[column][1](row)


def cell_text(row: StatusRow, column: str) -> str:
    value = cell(row, column)
    return human_date(value.isoformat(), with_time=False) if isinstance(value, date) else str(value)


def choose_columns(asked: list[str] | None) -> list[str]:
    """The columns asked for, in the board's order; the defaults when none (or none known)."""
    chosen = [c for c in COLUMNS if asked and c in asked]
    return chosen or list(DEFAULT_COLUMNS)


@dataclass
class BoardFilter:
    """Which rows a board or committee paper shows. Empty fields do not filter."""

    doc: str = ""  # a document id (a meeting's minutes, a report)
    partnership: str = ""
    kind: str = ""
    status: str = ""
    source: str = ""  # machine | clerk
    made_by: str = ""
    period: str = ""
    due: str = ""  # "set": has a due date; "none": has none
    overdue: bool = False
    unconfirmed: bool = False  # the machine's suggestion, not yet confirmed by a clerk
    q: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> BoardFilter:
        values: dict = {}
        for f in fields(cls):
            raw = (args.get(f.name) or "").strip()[:200]
            values[f.name] = raw.lower() in ("1", "true", "yes", "on") if f.type == "bool" else raw
        return cls(**values)

    def args(self) -> dict[str, str]:
        return {f.name: ("1" if v is True else v) for f in fields(self) if (v := getattr(self, f.name))}

    def matches(self, row: StatusRow) -> bool:
        st, item = row.status, row.item
        checks = [
            not self.doc or row.doc.id == self.doc or row.doc.lineage == self.doc,
            not self.partnership or (row.doc.partnership or "").lower() == self.partnership.lower(),
            not self.kind or item.kind.value == self.kind,
            not self.status or st.status.value == self.status,
            not self.source or st.source == self.source,
            not self.made_by or (item.made_by or "").lower() == self.made_by.lower(),
            not self.period or (item.period or "") == self.period,
            not self.due or (self.due == "set") == bool(item.due),
            not self.overdue or st.overdue,
            not self.unconfirmed or st.source == "machine",
            not self.q or self.q.lower() in item.text.lower(),
        ]
        return all(checks)

    def describe(self, doc_titles: Mapping[str, str] | None = None) -> str:
        """The filter in words, for a committee paper's heading."""
        parts = []
        if self.doc:
            parts.append(f"document: {(doc_titles or {}).get(self.doc, self.doc)}")
        for name, label in (
            ("partnership", "partnership"),
            ("period", "period"),
            ("made_by", "made by"),
            ("q", "text contains"),
        ):
            if getattr(self, name):
                parts.append(f"{label}: {getattr(self, name)}")
        if self.kind:
            parts.append(f"kind: {Kind(self.kind).label if self.kind in Kind.values() else self.kind}")
        if self.status:
            parts.append(f"status: {Status(self.status).label if self.status in Status.values() else self.status}")
        if self.source:
            parts.append("decided by a clerk" if self.source == "clerk" else "machine suggestions only")
        if self.due:
            parts.append("with a due date" if self.due == "set" else "without a due date")
        if self.overdue:
            parts.append("overdue only")
        if self.unconfirmed:
            parts.append("not yet confirmed")
        return "; ".join(parts) or "all tracked items"


def board(rows: list[StatusRow], filt: BoardFilter, sort: str = "made", descending: bool = False) -> list[StatusRow]:
    """Filter and sort rows (by the date the item was made unless asked otherwise)."""
    chosen = [r for r in rows if filt.matches(r)]
    keys: dict[str, Callable[[StatusRow], object]] = {
        "made": lambda r: (r.doc.date or "", r.item.block_seq),
        "status": lambda r: (r.status.status.value, r.doc.date or ""),
        "made_by": lambda r: ((r.item.made_by or "").lower(), r.doc.date or ""),
        "due": lambda r: (r.status.due_by is None, r.status.due_by or date.max, r.doc.date or ""),
        "document": lambda r: (r.doc.title.lower(), r.item.block_seq),
        "kind": lambda r: (r.item.kind.value, r.doc.date or ""),
    }
    key = keys.get(sort, keys["made"])
    return sorted(chosen, key=key, reverse=descending)  # type: ignore[arg-type]
