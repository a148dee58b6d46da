"""Tables for people: the status board, the reviewer's queue and the decisions log.

Which rows (filters), which columns, in what order, and how each cell reads. The web pages,
their CSV and Word downloads, `sgkb status`, `sgkb decisions` and the API all build their
tables here, so a committee paper shows the same rows whichever door it came through.
Evidence is always named by its document, page and a quote; times are written as people
write them ("3 December 2026, 09:14", UK time).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.model import DecisionAction, DocumentType, Evidence, Kind, Status, StoredDocument
from core.periods import MONTH_NAMES, human_date
from sgkb.service import DecisionRow, StatusRow

MAX_CELL = 1000  # characters of a quote in one cell (a spreadsheet cell holds 32,767)
TIMEZONE = "Europe/London"  # decisions are stored in UTC and shown in the clerks' own time


# -- dates and names ---------------------------------------------------------------
def _zone():
    try:
        return ZoneInfo(TIMEZONE)
    except ZoneInfoNotFoundError:  # no time-zone data installed: show UTC rather than fail
        return UTC


def local_time(iso: str | None) -> datetime | None:
    """A stored UTC timestamp as a local date-time without a zone (what a spreadsheet wants)."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone()).replace(tzinfo=None)


def human_time(iso: str | None) -> str:
    """ "2026-12-03T09:14:05+00:00" -> "3 December 2026, 09:14" in UK time; a bare date as a date."""
    if not iso:
        return ""
    if len(iso) <= 10:
        return human_date(iso, with_time=False)
    moment = local_time(iso)
    return human_date(iso) if moment is None else _human_local(moment)


def short_title(doc: StoredDocument | None) -> str:
    """A document's title without the body's name in front ("… Partnership – Yearly Report
    2024-25" -> "Yearly Report 2024-25"), except for meeting records, whose body is the point."""
    if doc is None:
        return "a document no longer held"
    title = doc.title
    if doc.doc_type is DocumentType.MINUTES:
        return title
    for mark in (" – ", " - ", ": "):
        head, found, tail = title.rpartition(mark)
        if found and head and len(tail.split()) >= 2:
            return tail
    return title


def quote(text: str, limit: int = MAX_CELL) -> str:
    """Text on one line, cut at a word boundary to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def evidence_ref(e: Evidence | None, doc: StoredDocument | None, limit: int = MAX_CELL) -> str:
    """A passage as a committee paper cites it: “quote” (document, page N)."""
    if e is None:
        return ""
    where = short_title(doc) + (f", page {e.page}" if e.page else "")
    return f"“{quote(e.text, limit)}” ({where})"


# -- the status board ----------------------------------------------------------------
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
    if st.source == "clerk":
        return f"Clerk ({st.decided_by})"
    return "Machine suggestion" if st.status is not Status.NO_EVIDENCE else "Nothing found yet"


def _due(row: StatusRow) -> str:
    if row.status.due_question:
        return f"{row.item.due} (to check: ends before the item was made)"
    return row.item.due or ""


def _page(row: StatusRow) -> str:
    e = row.status.latest_evidence
    return str(e.page) if e and e.page else ""


# key -> (title, how to get the cell's value). Order here is the order users choose from.
COLUMNS: dict[str, tuple[str, Callable[[StatusRow], object]]] = {
    "ref": ("Ref", lambda r: r.item.id),
    "item": ("Item", lambda r: " ".join(r.item.text.split())),
    "kind": ("Kind", lambda r: r.item.kind.label),
    "made_by": ("Made by", lambda r: r.item.made_by or ""),
    "lead": ("Lead / to act", lambda r: r.item.addressee or ""),
    "due": ("Due", _due),
    "status": ("Status", _status),
    "source": ("Source", _source),
    "evidence": ("Latest evidence", lambda r: evidence_ref(r.status.latest_evidence, r.evidence_doc)),
    "page": ("Evidence page", _page),
    "note": ("Clerk's note", lambda r: r.status.note or ""),
    "decided": ("Date decided", lambda r: _date(local_time(r.status.decided_at))),
    "overdue": ("Overdue", lambda r: "Overdue" if r.status.overdue else ""),
    "document": ("Document", lambda r: r.doc.title),
    "made": ("Date made", lambda r: _date(r.doc.date)),
    "period": ("Period", lambda r: r.item.period or ""),
    "partnership": ("Partnership", lambda r: r.doc.partnership or ""),
    "confidence": ("Confidence", lambda r: f"{r.status.confidence:.2f}" if r.status.confidence else ""),
}
DEFAULT_COLUMNS = ("ref", "item", "made_by", "lead", "due", "status", "source", "evidence", "note", "decided")
SORTS = {
    "made": "Date made",
    "status": "Status",
    "made_by": "Made by",
    "due": "Due date",
    "document": "Document",
    "kind": "Kind",
    "evidence": "Newest evidence",
}


def _date(value: str | datetime | None) -> date | str:
    """A date cell as a real date (so spreadsheets sort it), or empty."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return value


def cell(row: StatusRow, column: str) -> object:
    return COLUMNS[column][1](row)


def cell_text(row: StatusRow, column: str) -> str:
    return as_text(cell(row, column))


def as_text(value: object) -> str:
    """A cell as people read it (dates written out)."""
    if isinstance(value, datetime):  # already local time (see local_time)
        return _human_local(value)
    if isinstance(value, date):
        return human_date(value.isoformat(), with_time=False)
    return "" if value is None else str(value)


def _human_local(moment: datetime) -> str:
    return f"{moment.day} {MONTH_NAMES[moment.month - 1].capitalize()} {moment.year}, {moment:%H:%M}"


class UnknownColumn(ValueError):
    """A column name that is not one of COLUMNS (or LOG_COLUMNS)."""


def choose_columns(asked: list[str] | None, known: Mapping[str, object] | None = None, default=None) -> list[str]:
    """The columns asked for, in the table's order; the defaults when none are asked for.
    Unknown names are dropped here; `check_columns` refuses them (for the command line)."""
    known = COLUMNS if known is None else known
    chosen = [c for c in known if asked and c in asked]
    return chosen or list(DEFAULT_COLUMNS if default is None else default)


def check_columns(asked: list[str], known: Mapping[str, object] | None = None) -> None:
    known = COLUMNS if known is None else known
    unknown = [c for c in asked if c not in known]
    if unknown:
        raise UnknownColumn(f"unknown column(s) {', '.join(unknown)}: use {', '.join(known)}")


def _flag(raw: str) -> bool:
    return raw.lower() in ("1", "true", "yes", "on")


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
    due: str = ""  # "set": has a due date; "none": has none; "check": a due date to check
    overdue: bool = False
    unconfirmed: bool = False  # a suggestion from the documents, not yet confirmed by a clerk
    q: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> BoardFilter:
        values: dict = {}
        for f in fields(cls):
            raw = (args.get(f.name) or "").strip()[:200]
            values[f.name] = _flag(raw) if f.type == "bool" else raw
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
            not self.due
            or (self.due == "check" and bool(st.due_question))
            or (self.due in ("set", "none") and (self.due == "set") == bool(item.due)),
            not self.overdue or st.overdue,
            not self.unconfirmed or awaiting_review(row),
            not self.q or self.q.lower() in item.text.lower(),
        ]
        return all(checks)

    def describe(self, doc_titles: Mapping[str, str] | None = None) -> str:
        """The filter in words, for a committee paper's heading."""
        return "; ".join(text for _, text in self.parts(doc_titles)) or "all tracked items"

    def parts(self, doc_titles: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
        """(field, the filter in words) for each filter in use (for "remove this filter" links)."""
        parts = []
        if self.doc:
            parts.append(("doc", f"document: {(doc_titles or {}).get(self.doc, self.doc)}"))
        for name, label in (("partnership", "partnership"), ("period", "period"), ("made_by", "made by")):
            if getattr(self, name):
                parts.append((name, f"{label}: {getattr(self, name)}"))
        if self.kind:
            parts.append(("kind", f"kind: {Kind(self.kind).label if self.kind in Kind.values() else self.kind}"))
        if self.status:
            shown = Status(self.status).label if self.status in Status.values() else self.status
            parts.append(("status", f"status: {shown}"))
        if self.source:
            parts.append(("source", "decided by a clerk" if self.source == "clerk" else "not decided by a clerk"))
        if self.due:
            due = {"set": "with a due date", "none": "without a due date", "check": "due date to check"}
            parts.append(("due", due.get(self.due, f"due: {self.due}")))
        if self.overdue:
            parts.append(("overdue", "overdue only"))
        if self.unconfirmed:
            parts.append(("unconfirmed", "suggestions awaiting review"))
        if self.q:
            parts.append(("q", f"text contains: {self.q}"))
        return parts


def awaiting_review(row: StatusRow) -> bool:
    """A suggestion a clerk should look at: a status the machine read from evidence that no
    clerk has confirmed, or a clerk's status carried from a previous version of the document."""
    st = row.status
    if st.source == "clerk":
        return st.carried
    return st.machine_status is not Status.NO_EVIDENCE and st.latest_evidence is not None


def _evidence_date(row: StatusRow) -> str:
    doc = row.evidence_doc
    return (doc.date or doc.period or "") if doc else ""


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
        # newest evidence first (then the surest), the order a reviewer works in
        "evidence": lambda r: (_evidence_date(r), r.status.confidence, r.item.id),
    }
    key = keys.get(sort, keys["made"])
    reverse = descending != (sort == "evidence")
    return sorted(chosen, key=key, reverse=reverse)  # type: ignore[arg-type]


def review_queue(rows: list[StatusRow], filt: BoardFilter | None = None) -> list[StatusRow]:
    """The reviewer's queue: suggestions awaiting a clerk, newest evidence first."""
    base = filt or BoardFilter()
    return board(rows, BoardFilter(**{**base.__dict__, "unconfirmed": True}), "evidence")


# -- the decisions log -------------------------------------------------------------
ACTION_TEXT = {
    DecisionAction.SET_STATUS: "Set the status",
    DecisionAction.CONFIRM_STATUS: "Confirmed the suggested status",
    DecisionAction.CONFIRM_EVIDENCE: "Confirmed evidence",
    DecisionAction.REJECT_EVIDENCE: "Rejected evidence",
    DecisionAction.CARRY_OVER: "Carried from a previous version",
}


def decision_detail(row: DecisionRow, limit: int = MAX_CELL) -> str:
    """What a decision decided, in words: a status, or the evidence named by document, page
    and a quote (never an id)."""
    d = row.decision
    if d.action in (DecisionAction.SET_STATUS, DecisionAction.CONFIRM_STATUS):
        return Status(d.value).label if d.value in Status.values() else d.value
    if d.action in (DecisionAction.CONFIRM_EVIDENCE, DecisionAction.REJECT_EVIDENCE):
        if row.evidence is None:
            return "a passage no longer linked (the documents have changed since)"
        return evidence_ref(row.evidence, row.evidence_doc, limit)
    return "decisions made on the earlier wording of this item, to be confirmed"


def decision_item(row: DecisionRow) -> str:
    if row.item is None:
        return "an item no longer in a current document"
    return " ".join(row.item.text.split())


LOG_COLUMNS: dict[str, tuple[str, Callable[[DecisionRow], object]]] = {
    "when": ("When", lambda r: local_time(r.decision.at) or r.decision.at),
    "who": ("Who", lambda r: r.decision.user),
    "action": ("Decision", lambda r: ACTION_TEXT.get(r.decision.action, r.decision.action.label)),
    "detail": ("What", decision_detail),
    "note": ("Note", lambda r: r.decision.note),
    "ref": ("Ref", lambda r: r.item.id if r.item else r.decision.item_id),
    "item": ("Item", decision_item),
    "document": ("Document", lambda r: r.doc.title if r.doc else ""),
}
LOG_DEFAULT = ("when", "who", "action", "detail", "note", "ref", "item", "document")


def log_cell(row: DecisionRow, column: str) -> object:
    return LOG_COLUMNS[column][1](row)


class FilterError(ValueError):
    """A filter value that cannot be used, with the name of its field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass
class LogFilter:
    """Which decisions the log shows. Empty fields do not filter."""

    user: str = ""
    action: str = ""
    doc: str = ""  # the document of the item decided on
    item: str = ""
    since: str = ""  # ISO dates, inclusive, in UK time
    until: str = ""
    q: str = ""  # in the note or the item's text

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> LogFilter:
        values = {f.name: (args.get(f.name) or "").strip()[:200] for f in fields(cls)}
        for name in ("since", "until"):
            try:
                values[name] = date.fromisoformat(values[name]).isoformat() if values[name] else ""
            except ValueError:
                raise FilterError(name, f"{name} must be a date written 2025-01-31") from None
        if values["action"] and values["action"] not in DecisionAction.values():
            raise FilterError("action", f"action must be one of {', '.join(DecisionAction.values())}")
        return cls(**values)

    def args(self) -> dict[str, str]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name))}

    def matches(self, row: DecisionRow) -> bool:
        d = row.decision
        day = (local_time(d.at) or datetime.min).date().isoformat()
        text = f"{d.note} {row.item.text if row.item else ''}".lower()
        return all(
            [
                not self.user or d.user.lower() == self.user.lower(),
                not self.action or d.action.value == self.action,
                not self.doc or (row.doc is not None and self.doc in (row.doc.id, row.doc.lineage)),
                not self.item or d.item_id == self.item,
                not self.since or day >= self.since,
                not self.until or day <= self.until,
                not self.q or self.q.lower() in text,
            ]
        )

    def describe(self, doc_titles: Mapping[str, str] | None = None) -> str:
        parts = []
        if self.user:
            parts.append(f"by {self.user}")
        if self.action:
            parts.append(ACTION_TEXT.get(DecisionAction(self.action), self.action).lower())
        if self.doc:
            parts.append(f"on items of {(doc_titles or {}).get(self.doc, self.doc)}")
        if self.item:
            parts.append(f"on item {self.item}")
        if self.since:
            parts.append(f"from {human_date(self.since, False)}")
        if self.until:
            parts.append(f"to {human_date(self.until, False)}")
        if self.q:
            parts.append(f"mentioning “{self.q}”")
        return "; ".join(parts) or "all decisions"


def decision_log(rows: list[DecisionRow], filt: LogFilter) -> list[DecisionRow]:
    """The decisions asked for, newest first."""
    return sorted((r for r in rows if filt.matches(r)), key=lambda r: r.decision.seq, reverse=True)
