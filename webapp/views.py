"""The pages: home, search, an item's history, the status board, the reviewer's queue, the
decisions log, documents and the reader, the accessibility statement.

Each view reads from the knowledge base (`sgkb.service.KnowledgeBase`) and the tables of
`sgkb.board`; the only writes are clerks' decisions and signing in. Forms are checked here
and errors shown the GOV.UK way: an error summary at the top linking to each field, and the
message beside the field, with what was typed kept.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from markupsafe import Markup, escape

from core.decisions import MAX_NOTE, DecisionError
from core.model import Block, BlockKind, DocumentType, Kind, Status, StoredDocument
from core.periods import human_date, period_years
from sgkb.board import (
    ACTION_TEXT,
    COLUMNS,
    DEFAULT_COLUMNS,
    LOG_DEFAULT,
    SORTS,
    BoardFilter,
    FilterError,
    LogFilter,
    board,
    cell,
    cell_text,
    choose_columns,
    decision_detail,
    decision_log,
    evidence_ref,
    human_time,
    quote,
    review_queue,
    short_title,
)
from sgkb.exports import board_csv, board_docx, log_csv, log_docx
from sgkb.service import IndexMissing, status_counts
from webapp.auth import current_user, kb, login_required, login_view, logout_view, safe_next
from webapp.chart import status_chart

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
BOARD_PAGE = 50
QUEUE_PAGE = 10
LOG_PAGE = 50
NOTE_MISSING = "Enter a note saying why (it is kept in the audit trail)"
NOTE_TOO_LONG = f"The note must be {MAX_NOTE:,} characters or fewer"


def label(value) -> str:
    """A display label for an enum value ("in_progress" -> "In progress")."""
    if value is None:
        return ""
    value = getattr(value, "value", value)
    for enum in (Status, Kind, BlockKind, DocumentType):
        if value in enum.values():
            return enum(value).label
    return value.replace("_", " ").capitalize() if value.islower() else value


def plural(n: int, word: str) -> str:
    """ "1 priority", "2 priorities", "3 actions"."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else f"{n} {word}s"


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        label=label,
        human_date=human_date,
        human_time=human_time,
        short_title=short_title,
        evidence_ref=evidence_ref,
        quote=quote,
        action_text={a.value: text for a, text in ACTION_TEXT.items()},
        detail=decision_detail,
        Status=Status,
        plural=plural,
    )
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


def _here() -> str:
    """This page's local path and query, to come back to (a "back" link, after signing in)."""
    return request.full_path.rstrip("?")


def _link(endpoint: str, args, **changes) -> str:
    """A link to `endpoint` with these query arguments (a MultiDict or pairs), some changed
    (None removes one); the page number is dropped unless given."""
    pairs = [(k, v) for k, v in (args.items(multi=True) if hasattr(args, "items") else args) if v]
    for key in {"page", *changes}:
        pairs = [(k, v) for k, v in pairs if k != key]
    for key, value in changes.items():
        if value is not None:
            pairs.append((key, value))
    return url_for(endpoint) + ("?" + urlencode(pairs) if pairs else "")


class Pages:
    """One page of a long list."""

    def __init__(self, rows: list, size: int, page: int):
        self.total = len(rows)
        self.count = max(1, -(-self.total // size))
        self.page = min(page, self.count)
        self.start = (self.page - 1) * size
        self.rows = rows[self.start : self.start + size]


def _form_errors(errors: dict[str, str]) -> int:
    return 400 if errors else 200


# -- home and search ----------------------------------------------------------------
def _year_of(row) -> str:
    """The year an item belongs to on the home page's chart: its period, else its document's."""
    if row.item.period:
        return row.item.period
    if row.doc.date:
        return row.doc.date[:4]
    return "Undated"


def _year_order(label_: str) -> tuple:
    span = period_years(label_)
    return (0, span) if span else (1, (0, 0))


@bp.route("/")
def home():
    if request.args.get("q") or request.args.get("like"):  # old search links keep working
        return redirect(url_for("ui.search", **request.args.to_dict()))  # type: ignore[arg-type]
    rows = kb().status_rows()
    docs = kb().documents()
    counts: dict[str, int] = {s.value: 0 for s in Status}
    for row in rows:
        counts[row.status.status.value] += 1
    by_year = status_counts(rows, lambda r: [_year_of(r)])
    years = sorted(by_year, key=_year_order)
    chart = status_chart([(y, by_year[y]) for y in years])
    items_per_doc: dict[str, int] = {}
    for row in rows:
        items_per_doc[row.doc.id] = items_per_doc.get(row.doc.id, 0) + 1
    partnerships: dict[str, dict[str, list[StoredDocument]]] = {}
    for d in sorted(docs, key=lambda d: d.date or d.period or "", reverse=True):
        year = (d.date or "")[:4] or (d.period or "Undated")
        partnerships.setdefault(d.partnership or "Partnership not known", {}).setdefault(year, []).append(d)
    return render_template(
        "home.html",
        docs=docs,
        counts=counts,
        total=len(rows),
        chart=chart,
        years=years,
        by_year=by_year,
        partnerships=partnerships,
        items_per_doc=items_per_doc,
        to_review=sum(1 for _ in review_queue(rows)),
        overdue=sum(r.status.overdue for r in rows),
        to_check=sum(bool(r.status.due_question) for r in rows),
        decided=sum(r.status.source == "clerk" for r in rows),
    )


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
        link=lambda **changes: _link("ui.search", request.args, **changes),
        docs=docs,
        here=_here(),
    )


# -- an item and its history --------------------------------------------------
def _back(default_endpoint: str = "ui.status_board") -> str:
    """Where a back link goes: the local page the user came from (`back`), else a default."""
    given = request.values.get("back")
    return safe_next(given) if given else url_for(default_endpoint)


def _render_item(item_id: str, errors: dict[str, str] | None = None, values: dict | None = None, code: int = 200):
    view = kb().item_view(item_id)
    assert view is not None
    return (
        render_template(
            "item.html",
            view=view,
            item=view.item,
            doc=view.doc,
            status=view.status,
            marked=_marked_block,
            statuses=Status,
            errors=errors or {},
            values=values or {},
            back=_back(),
            trail=kb().decision_rows(item_id),
            awaiting=view.status.source == "machine" and view.status.machine_status is not Status.NO_EVIDENCE,
            docs=kb().documents_by_id(),
        ),
        code,
    )


@bp.route("/items/<item_id>")
def item(item_id: str):
    found = item_or_404(item_id)
    return _render_item(found.id)


def _check_note(note: str, field: str) -> dict[str, str]:
    if not note.strip():
        return {field: NOTE_MISSING}
    if len(note) > MAX_NOTE:
        return {field: NOTE_TOO_LONG}
    return {}


def _decide(item_id: str, action: str, note: str, status: str | None, evidence: str | None):
    """Record one decision; returns (what was done, in words) or raises DecisionError."""
    user = current_user() or ""
    if action == "status":
        kb().decide(item_id, user, note, status=status)
        return f"Status set to {Status(status).label}" if status in Status.values() else "Status set"
    if action == "confirm_status":
        made = kb().decide(item_id, user, note, confirm_status=True)
        return f"Suggested status confirmed: {label(made[-1].value)}"
    if action == "confirm":
        kb().decide(item_id, user, note, confirm=evidence)
        return "Evidence confirmed"
    if action == "reject":
        kb().decide(item_id, user, note, reject=evidence)
        return "Evidence rejected"
    abort(400, description="Unknown action.")


@bp.route("/items/<item_id>/decide", methods=["POST"])
@login_required
def decide_item(item_id: str):
    found = item_or_404(item_id)
    action = request.form.get("action", "")
    note = request.form.get("note", "")[: MAX_NOTE + 1]
    evidence = request.form.get("evidence") or None
    status = request.form.get("status") or None
    field = f"note-{evidence}" if action in ("confirm", "reject") and evidence else "status-note"
    errors = _check_note(note, field)
    if action == "status" and status not in Status.values():
        errors = {"status-" + Status.IMPLEMENTED.value: "Select a status", **errors}
    values = {"note": note, "status": status, "evidence": evidence, "action": action}
    if not errors:
        try:
            done = _decide(found.id, action, note, status, evidence)
        except DecisionError as exc:
            errors = {field: str(exc)[:1].upper() + str(exc)[1:]}
        else:
            flash(f"{done}. The decision is in the audit trail below.", "success")
            back = request.form.get("back")
            target = url_for("ui.item", item_id=found.id)
            return redirect(target + ("?" + urlencode({"back": safe_next(back)}) if back else ""))
    return _render_item(found.id, errors, values, 400)


def _marked_text(text: str, items, offset: int = 0, current: str | None = None) -> Markup:
    """`text` (a block's text from `offset`), escaped, with the items inside it marked: a
    link labelled with the item's kind, so kinds are told apart by words as well as colour."""
    out, pos = [], 0
    end = len(text)
    for it in sorted(items, key=lambda i: i.start):
        start, stop = it.start - offset, it.end - offset
        if stop <= 0 or start >= end or start < pos:
            continue
        start, stop = max(start, 0), min(stop, end)
        out.append(escape(text[pos:start]))
        css = f"item item-{it.kind.value}" + (" item-current" if it.id == current else "")
        out.append(
            Markup(
                '<a class="{}" id="item-{}" href="{}"><span class="item-label">{}<span class="visually-hidden">:'
                "</span></span> {}</a>"
            ).format(css, it.id, url_for("ui.item", item_id=it.id), it.kind.label, text[start:stop])
        )
        pos = stop
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _marked_block(block: Block, items, current: str | None = None) -> Markup:
    return _marked_text(block.text, items, 0, current)


# -- the status board -----------------------------------------------------------
def _board_rows():
    filt = BoardFilter.from_args(request.args)
    sort = request.args.get("sort", "made")
    sort = sort if sort in SORTS else "made"
    rows = board(kb().status_rows(), filt, sort, request.args.get("dir") == "desc")
    columns = choose_columns([c for c in request.args.getlist("col") for c in c.split(",")] or None)
    return filt, rows, columns, sort


def _doc_titles() -> dict[str, str]:
    return {d.id: d.title for d in kb().documents()}


def _filter_choices():
    all_rows = kb().status_rows()
    docs = kb().documents()
    return {
        "docs": sorted(docs, key=lambda d: d.date or d.period or "", reverse=True),
        "made_by": sorted({r.item.made_by for r in all_rows if r.item.made_by}, key=str.lower),
        "partnership": sorted({d.partnership for d in docs if d.partnership}),
        "period": sorted({r.item.period for r in all_rows if r.item.period}),
    }


@bp.route("/status")
def status_board():
    filt, rows, columns, sort = _board_rows()
    pages = Pages(rows, BOARD_PAGE, _int(request.args.get("page"), 1))
    titles = _doc_titles()
    return render_template(
        "status.html",
        rows=pages.rows,
        pages=pages,
        columns=columns,
        all_columns=COLUMNS,
        default_columns=DEFAULT_COLUMNS,
        sorts=SORTS,
        sort=sort,
        descending=request.args.get("dir") == "desc",
        filt=filt,
        choices=_filter_choices(),
        cell=cell,
        cell_text=cell_text,
        described=filt.describe(titles),
        parts=filt.parts(titles),
        link=lambda **changes: _link("ui.status_board", request.args, **changes),
        csv_link=_link("ui.status_csv", request.args),
        docx_link=_link("ui.status_docx", request.args),
        here=_here(),
        today=config().today_date(),
    )


def _download(data: bytes, mimetype: str, name: str):
    return current_app.response_class(
        data, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}"}
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.route("/status.csv")
def status_csv():
    _, rows, columns, _ = _board_rows()
    return _download(board_csv(rows, columns).encode("utf-8"), "text/csv; charset=utf-8", "status-board.csv")


@bp.route("/status.docx")
def status_docx():
    filt, rows, columns, _ = _board_rows()
    data = board_docx(rows, columns, filt.describe(_doc_titles()), config().today_date())
    return _download(data, DOCX, "status-board.docx")


# -- the reviewer's queue ---------------------------------------------------------
def _render_queue(errors: dict[str, str] | None = None, values: dict | None = None, code: int = 200):
    filt = BoardFilter.from_args(request.args)
    rows = review_queue(kb().status_rows(), filt)
    pages = Pages(rows, QUEUE_PAGE, _int(request.args.get("page"), 1))
    titles = _doc_titles()
    return (
        render_template(
            "review.html",
            rows=pages.rows,
            pages=pages,
            filt=filt,
            parts=[p for p in filt.parts(titles) if p[0] != "unconfirmed"],
            choices=_filter_choices(),
            errors=errors or {},
            values=values or {},
            link=lambda **changes: _link("ui.review", request.args, **changes),
            query=urlencode([(k, v) for k, v in request.args.items(multi=True) if v]),
            here=_here(),
        ),
        code,
    )


@bp.route("/review")
def review():
    return _render_queue()


def _queue_return():
    return redirect(_link("ui.review", request.args, page=request.args.get("page")))


@bp.route("/review/decide", methods=["POST"])
@login_required
def review_decide():
    """One suggestion in the queue: confirm it, reject its evidence, or set another status."""
    found = item_or_404(request.form.get("item", ""))
    action = request.form.get("action", "")
    note = request.form.get("note", "")[: MAX_NOTE + 1]
    status = request.form.get("status") or None
    errors = _check_note(note, f"note-{found.id}")
    if action == "status" and status not in Status.values():
        errors = {f"status-{found.id}": "Select a status", **errors}
    values = {"item": found.id, "note": note, "status": status}
    if not errors:
        try:
            done = _decide(found.id, action, note, status, request.form.get("evidence") or None)
        except DecisionError as exc:
            errors = {f"note-{found.id}": str(exc)[:1].upper() + str(exc)[1:]}
        else:
            flash(f"{done} for “{quote(found.text, 90)}”.", "success")
            return _queue_return()
    return _render_queue(errors, values, 400)


@bp.route("/review/confirm", methods=["POST"])
@login_required
def review_confirm():
    """Confirm the suggested status of every selected item, with one note."""
    chosen = [i[:40] for i in request.form.getlist("item")][:200]
    note = request.form.get("note", "")[: MAX_NOTE + 1]
    errors: dict[str, str] = {}
    if not chosen:
        errors["bulk-first"] = "Select at least one suggestion to confirm"
    errors.update(_check_note(note, "bulk-note"))
    values = {"bulk_items": chosen, "bulk_note": note}
    if errors:
        return _render_queue(errors, values, 400)
    done, failed = 0, []
    for item_id in chosen:
        try:
            kb().decide(item_id, current_user() or "", note, confirm_status=True)
            done += 1
        except DecisionError as exc:
            failed.append(str(exc))
    if done:
        flash(f"{done} suggested status{'' if done == 1 else 'es'} confirmed.", "success")
    for message in failed[:5]:
        flash(f"Not confirmed: {message}", "error")
    return _queue_return()


# -- the decisions log ----------------------------------------------------------------
def _log_rows():
    try:
        filt = LogFilter.from_args(request.args)
    except FilterError as exc:
        field = {"action": "f-action"}.get(exc.field, exc.field)
        return None, [], {field: str(exc)[:1].upper() + str(exc)[1:]}
    return filt, decision_log(kb().decision_rows(filt.item or None), filt), {}


@bp.route("/decisions")
def decisions():
    filt, rows, errors = _log_rows()
    pages = Pages(rows, LOG_PAGE, _int(request.args.get("page"), 1))
    return (
        render_template(
            "decisions.html",
            rows=pages.rows,
            pages=pages,
            filt=filt or LogFilter(),
            errors=errors,
            values=request.args,
            showing=(filt or LogFilter()).describe(_doc_titles()),
            users=kb().decision_users(),
            actions=ACTION_TEXT,
            docs=_filter_choices()["docs"],
            detail=decision_detail,
            link=lambda **changes: _link("ui.decisions", request.args, **changes),
            csv_link=_link("ui.decisions_csv", request.args),
            docx_link=_link("ui.decisions_docx", request.args),
            here=_here(),
        ),
        _form_errors(errors),
    )


def _log_or_400():
    filt, rows, errors = _log_rows()
    if errors:
        abort(400, description=next(iter(errors.values())))
    return filt, rows


@bp.route("/decisions.csv")
def decisions_csv():
    _, rows = _log_or_400()
    return _download(log_csv(rows, LOG_DEFAULT).encode("utf-8"), "text/csv; charset=utf-8", "decisions.csv")


@bp.route("/decisions.docx")
def decisions_docx():
    filt, rows = _log_or_400()
    data = log_docx(rows, LOG_DEFAULT, filt.describe(_doc_titles()), config().today_date())
    return _download(data, DOCX, "decisions.docx")


# -- documents and the reader -------------------------------------------------------
@bp.route("/documents")
def documents():
    docs = sorted(kb().documents(), key=lambda d: d.date or d.period or "", reverse=True)
    return render_template("documents.html", docs=docs)


def _reader_parts(blocks: list[Block]) -> list[list]:
    """The document as the reader lays it out: ["page", n], ["heading", seq, block],
    ["text", seq, block] and ["table", header cells, [(seq, block), ...], anchor seq] for a
    run of table rows. A run is cut where the page or the header changes (the header is shown
    again); a row that the next rows name as their header becomes the table's header row."""
    parts: list[list] = []
    page, level = None, 1
    for seq, block in enumerate(blocks):
        if block.page and block.page != page:
            page = block.page
            parts.append(["page", page])
        if block.kind is BlockKind.TABLE_ROW and block.cells:
            last = parts[-1] if parts else None
            if last and last[0] == "table" and _same_table(last, block):
                last[2].append((seq, block))
            elif (
                last
                and last[0] == "table"
                and not last[1]
                and len(last[2]) == 1
                and block.headers == last[2][0][1].cells
            ):
                parts[-1] = ["table", block.headers, [(seq, block)], last[2][0][0]]
            else:
                parts.append(["table", block.headers, [(seq, block)], None])
        elif block.kind is BlockKind.HEADING:
            # h2 and down, never skipping a level (the page's h1 is the title)
            level = max(2, min((block.level or 1) + 1, level + 1, 6))
            parts.append(["heading", seq, block, level])
        else:
            parts.append(["text", seq, block])
    return parts


def _same_table(part: list, block: Block) -> bool:
    rows = part[2]
    return tuple(part[1]) == tuple(block.headers) and len(rows[-1][1].cells) == len(block.cells)


def _cells(block: Block, items) -> list[Markup]:
    """A table row's cells, each with the items inside it marked (item offsets are into the
    row's text, the cells joined by " | ")."""
    out, offset = [], 0
    for text in block.cells:
        out.append(_marked_text(block.text[offset : offset + len(text)], items, offset))
        offset += len(text) + 3
    return out


@bp.route("/documents/<doc_id>")
def reader(doc_id: str):
    doc = document_or_404(doc_id)
    blocks = kb().blocks(doc.id)
    pages_held = sorted({b.page for b in blocks if b.page})
    errors: dict[str, str] = {}
    asked = request.args.get("page", "").strip()
    if asked:
        number = int(asked) if asked.isdigit() else None
        if number is None:
            errors["page-number"] = "Enter the page number as a number, like 12"
        elif not pages_held or not 1 <= number <= max(pages_held[-1], doc.pages or 0):
            last = max(pages_held[-1] if pages_held else 0, doc.pages or 0)
            errors["page-number"] = (
                f"Enter a page number from 1 to {last}" if last else "This document has no page numbers"
            )
        else:
            target = next((p for p in pages_held if p >= number), pages_held[-1])
            return redirect(url_for("ui.reader", doc_id=doc.id) + f"#page-{target}")
    items = kb().items(doc.id)
    by_block: dict[int, list] = {}
    for it in items:
        by_block.setdefault(it.block_seq, []).append(it)
    counts = {k: sum(i.kind is k for i in items) for k in Kind}
    contents = [
        (seq, b)
        for seq, b in enumerate(blocks)
        if b.kind is BlockKind.HEADING and (b.level or 1) <= 2 and b.text.strip()
    ]
    return (
        render_template(
            "reader.html",
            doc=doc,
            parts=_reader_parts(blocks),
            by_block=by_block,
            marked=_marked_block,
            cells=_cells,
            counts=counts,
            contents=contents,
            pages_held=pages_held,
            errors=errors,
            asked=asked,
        ),
        _form_errors(errors),
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


# -- about the service ---------------------------------------------------------------
@bp.route("/accessibility")
def accessibility():
    return render_template("accessibility.html")


# -- signing in ------------------------------------------------------------------
@bp.route("/login", methods=["GET", "POST"])
def login():
    return login_view()


@bp.route("/logout", methods=["POST"])
def logout():
    return logout_view()
