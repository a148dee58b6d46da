"""The `sgkb` command: thin subcommands over the knowledge base (`sgkb.service.KnowledgeBase`).

Output formats (`--format jsonl` in particular) are a stable interface other tools read;
add fields, never rename or remove them.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from cli.output import FORMATS, write_rows
from core.config import PROJECT_ROOT, Config, load_config
from core.decisions import DecisionError
from core.model import Kind, Status
from core.store import StoreError
from sgkb.records import block_record, decision_record, doc_record, hit_record, item_record, link_record, log_record

# The project's hand-labelled sets: the defaults of the `sgkb eval` commands.
LABELLED = PROJECT_ROOT / "tests" / "data"


class Context:
    def __init__(self, config: Config):
        self.config = config
        self._kb = None

    def kb(self, today: str | None = None):
        """The knowledge base over an existing store (a clear error when there is none)."""
        from sgkb.service import KnowledgeBase

        config = self.config.with_overrides(today=today) if today else self.config
        if not config.db_path.exists():
            raise click.ClickException(f"no store at {config.db_path}: run `sgkb ingest` first")
        kb = KnowledgeBase(config)
        try:
            kb.store.require_current()
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
        return kb


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Settings file (default: $SGKB_CONFIG or the project's config.yaml).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where the store and index live (overrides config and $SGKB_DATA_DIR).",
)
@click.version_option(package_name="safeguarding-kb")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, data_dir: str | None) -> None:
    """safeguarding-kb: follow safeguarding recommendations through the years.

    Example: sgkb ingest && sgkb docs
    """
    try:
        config = load_config(config_path).with_overrides(data_dir=data_dir)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    ctx.obj = Context(config)


def _safe(text: str) -> str:
    """A file name or reason on one line (a newline in a name must not forge report lines)."""
    return text.replace("\n", "\\n").replace("\r", "\\r")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Remove documents whose files are gone.")
@click.option("--rebuild", is_flag=True, help="Start from an empty store (swapped in when done; decisions kept).")
@click.option("--workers", type=int, default=None, help="Parallel parsing processes (0 = one per core).")
@click.option("--partnership", default=None, help="The partnership (area) these files are about, e.g. Herefordshire.")
@pass_ctx
def ingest(
    ctx: Context, paths: tuple[Path, ...], prune: bool, rebuild: bool, workers: int | None, partnership: str | None
) -> None:
    """Read PDF and Word files (default: the corpus folder), then link and index them.

    Prints what was detected in each file and every decision taken about it (merged,
    renamed, a new version). Exit code 1 if any file failed.

    Example: sgkb ingest corpus/new-report-2025-26.pdf --partnership Herefordshire
    """
    from ingest.base import IngestError
    from sgkb.service import KnowledgeBase

    config = ctx.config.with_overrides(workers=workers)
    bar = _progress_bar()
    try:
        report = KnowledgeBase(config).update(
            list(paths) or None,
            prune=prune,
            rebuild=rebuild,
            partnership=partnership,
            tick=(lambda: bar.update(1)) if bar else None,
            on_total=(lambda n: setattr(bar, "total", n)) if bar else None,
        )
    except (IngestError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if bar:
            bar.close()
    for f in report.files:
        name = _safe(f.name)
        if f.outcome == "failed":
            click.echo(f"failed: {name}: {_safe(f.reason)}", err=True)
            continue
        if f.outcome == "ingested":
            click.echo(f"ingested: {name}: {f.detected}", err=True)
        for decision in f.decisions:
            click.echo(f"{f.outcome}: {name}: {_safe(decision)}", err=True)
        for warning in f.warnings:
            click.echo(f"warning: {name}: {_safe(warning)}", err=True)
    for name in report.pruned:
        click.echo(f"pruned: {_safe(name)}", err=True)
    if report.upgraded:
        click.echo("the store was upgraded from an older version (decisions and users kept)", err=True)
    for line in report.carried:
        click.echo(f"carried: {line}", err=True)
    for line in report.orphaned:
        click.echo(f"orphaned: {line} (see `sgkb decisions --orphaned`)", err=True)
    if report.links:
        click.echo(report.links.summary(), err=True)
    if report.index:
        click.echo(report.index.summary(), err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


def _progress_bar():
    """A progress bar on an interactive terminal only (never in logs or pipes)."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=0, unit="file", leave=False, file=sys.stderr)


DOC_COLUMNS = ["id", "type", "period", "date", "partnership", "pages", "format", "title"]


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--versions", is_flag=True, help="Also list earlier versions and other formats of each document.")
@pass_ctx
def docs(ctx: Context, fmt: str, versions: bool) -> None:
    """List ingested documents with their detected metadata (guesses marked with ?).

    JSONL fields: id, path, file, format, title, type, period, date, publisher, pages, sha256,
    ingested_at, warnings, alternates, partnership, sources, guessed, notes, lineage, version, current.
    """
    kb = ctx.kb()
    rows = [doc_record(d) for d in kb.documents(alternates=versions, versions=versions)]
    if fmt != "jsonl":
        for row in rows:
            for name in row["guessed"]:
                if row.get(name):
                    row[name] = f"{row[name]}?"
    write_rows(rows, fmt, DOC_COLUMNS)


BLOCK_COLUMNS = ["seq", "page", "kind", "section", "text"]


def _document(kb, ref: str):
    found = kb.document(ref)
    if found is None:
        raise click.ClickException(f"no document {ref!r}: see `sgkb docs` for ids and file names")
    return found


@main.command()
@click.argument("doc")
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default="table", show_default=True)
@pass_ctx
def blocks(ctx: Context, doc: str, fmt: str) -> None:
    """Print a document's blocks, to check what was read. DOC is an id or file name.

    JSONL fields: seq, kind, text, section (list of headings), page, level, lead_in, cells, headers.

    Example: sgkb blocks hscp-yearly-report-2024-25.pdf --format jsonl
    """
    kb = ctx.kb()
    found = _document(kb, doc)
    rows = [block_record(i, b) for i, b in enumerate(kb.blocks(found.id))]
    if fmt == "table":
        for row in rows:
            row["section"] = " > ".join(row["section"])
    write_rows(rows, fmt, BLOCK_COLUMNS)


ITEM_COLUMNS = ["id", "kind", "period", "page", "made_by", "due", "themes", "text"]


@main.command()
@click.option("--kind", type=click.Choice(Kind.values()), default=None)
@click.option("--doc", "doc_ref", default=None, help="Only this document (id or file name).")
@click.option("--theme", default=None, help="Only items with this theme (see tagging/data/themes.yaml).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_ctx
def items(ctx: Context, kind: str | None, doc_ref: str | None, theme: str | None, fmt: str) -> None:
    """List tagged recommendations, priorities and actions, oldest document first.

    JSONL fields: id, kind, text, doc, doc_file, doc_title, period, date, section (list), page,
    made_by, addressee, due, themes (list), block, start, end, partnership, lead_in.

    Example: sgkb items --kind recommendation --theme "voice of the child"
    """
    kb = ctx.kb()
    doc_id = _document(kb, doc_ref).id if doc_ref else None
    docs = kb.documents_by_id()
    rows = [item_record(i, docs[i.doc_id]) for i in kb.items(doc_id, kind, theme)]
    if fmt != "jsonl":
        for row in rows:
            row["section"] = " > ".join(row["section"])
    write_rows(rows, fmt, ITEM_COLUMNS)


SEARCH_COLUMNS = ["score", "kind", "period", "page", "section", "text"]


@main.command()
@click.argument("query")
@click.option("--kind", default=None, help="recommendation, priority, action, passage, or items (all three kinds).")
@click.option("--year", default=None, help="A year or a range: 2014, 2013..2021, 2020.., ..2016.")
@click.option("--theme", default=None, help="A theme or one of its synonyms (see tagging/data/themes.yaml).")
@click.option("--by", "made_by", default=None, help="Who made it (part of the name is enough).")
@click.option("--type", "doc_type", default=None, help="annual_report, arrangements, minutes, ...")
@click.option("--partnership", default=None, help="Only this partnership's documents.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default="table", show_default=True)
@pass_ctx
def search(ctx: Context, query: str, kind, year, theme, made_by, doc_type, partnership, sort, limit, page, fmt) -> None:
    """Search passages and tagged items.

    QUERY takes plain words, "phrases", AND / OR / NOT or -word, and filters
    kind:, type:, year:2013..2021, theme:, by:, status:, partnership:, section:, title:.
    Options add the same filters.

    JSONL: one hit per line with doc, doc_title, period, date, section, page, kind, text (the whole
    passage or item), snippet (HTML, matches in <mark>), score, id, item_id, made_by, themes, status,
    partnership.

    Example: sgkb search "voice of the child" --kind recommendation --year 2013..2021
    """
    from sgkb.service import IndexMissing

    filters = (
        ("kind", kind),
        ("year", year),
        ("theme", theme),
        ("by", made_by),
        ("type", doc_type),
        ("partnership", partnership),
    )
    parts = [query] + [f'{name}:"{value}"' for name, value in filters if value]
    kb = ctx.kb()
    try:
        results = kb.search(" ".join(parts), sort=sort, page=page, pagelen=limit)
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from exc
    for note in results.notes:
        click.echo(f"note: {note}", err=True)
    if results.suggestion:
        click.echo(f"did you mean: {results.suggestion}", err=True)
    if results.answer is not None:
        passage = results.answer.passage
        where = [x for x in (passage.title, passage.section, passage.page and f"page {passage.page}") if x]
        said = "answer" if results.answer.clear else "no clear answer; the closest passage"
        text = " ".join(passage.text.split())[:160]
        click.echo(f"{said}: {', '.join(where)}: {text}" if where else f"{said}: {text}", err=True)
    rows = [hit_record(h) for h in results.hits]
    if fmt == "table":
        click.echo(f"{results.total} match(es); page {results.page} of {results.pages}", err=True)
        for row in rows:
            row["text"] = row["text"][:100]
            row["section"] = row["section"][-40:]
    write_rows(rows, fmt, SEARCH_COLUMNS)


@main.command()
@pass_ctx
def reindex(ctx: Context) -> None:
    """Rebuild the search index from the store (the old index serves until the new one is ready).

    Example: sgkb reindex
    """
    click.echo(ctx.kb().reindex().summary())


@main.command()
@click.option("--item", "item_id", default=None, help="Only this item (its id).")
@click.option(
    "--today", default=None, help="Judge overdue against this date (default: config `today` or the real date)."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_ctx
def links(ctx: Context, item_id: str | None, today: str | None, fmt: str) -> None:
    """Follow-up evidence and status of every tracked item (recommendations, priorities, actions).

    JSONL, one line per item: item_id, kind, text, doc, doc_title, period, made_by, due, status,
    status_source (machine|clerk), machine_status, overdue, decided_by, decided_at, note, confidence,
    carried, due_question, partnership, addressee, evidence: [{id, doc, period, section, page, text, score,
    signal, signal_words, why, decision, confidence, strength (strong|possible), matched}],
    related: [{item_id, doc, period, text, why}].

    Example: sgkb links --item 2800fd3a6050 --format jsonl
    """
    kb = _kb_on(ctx, today)
    docs = kb.documents_by_id()
    rows = [r for r in kb.status_rows() if item_id is None or r.item.id == item_id]
    if item_id and not rows:
        raise click.ClickException(f"no item {item_id!r}: see `sgkb items`")
    records = [link_record(r, kb.item_view(r.item.id) if item_id or fmt == "jsonl" else None, docs) for r in rows]
    if fmt == "jsonl":
        write_rows(records, fmt, [])
        return
    for record in records:
        strong = [e for e in record["evidence"] if e["strength"] == "strong"]
        record["evidence"] = f"{len(strong)} strong, {len(record['evidence']) - len(strong)} possible"
        record["overdue"] = "yes" if record["overdue"] else ""
        record["source"] = record["status_source"]
    write_rows(records, fmt, ["item_id", "period", "kind", "status", "source", "overdue", "evidence", "text"])


def _kb_on(ctx: Context, today: str | None):
    try:
        return ctx.kb(today)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.option("--doc", "doc_ref", default=None, help="Only items of this document or meeting (id or file name).")
@click.option("--partnership", default=None, help="Only this partnership's items.")
@click.option("--kind", type=click.Choice(Kind.values()), default=None)
@click.option("--status", "status_value", type=click.Choice(Status.values()), default=None)
@click.option("--source", type=click.Choice(["machine", "clerk"]), default=None, help="Who set the status.")
@click.option("--made-by", default=None, help="Who made it (exact name, as in the board).")
@click.option("--period", default=None, help="Only items of this period (2024-25).")
@click.option(
    "--due",
    type=click.Choice(["set", "none", "check"]),
    default=None,
    help="Only items with a due date, without one, or whose due date ends before they were made.",
)
@click.option("--overdue", is_flag=True, help="Only overdue items.")
@click.option("--unconfirmed", is_flag=True, help="Only suggestions awaiting a clerk's review (the review queue).")
@click.option("--text", "q", default=None, help="Only items whose text contains this.")
@click.option("--columns", default=None, help="Comma-separated columns (default: the committee paper's).")
@click.option(
    "--sort",
    type=click.Choice(["made", "status", "made_by", "due", "document", "kind", "evidence"]),
    default="made",
    show_default=True,
)
@click.option(
    "--by",
    "group",
    type=click.Choice(["made_by", "theme", "period", "partnership"]),
    default=None,
    help="Count statuses per group instead of listing items.",
)
@click.option("--today", default=None, help="Judge overdue against this date.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "docx")), default="table", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (needed for docx).",
)
@pass_ctx
def status(
    ctx: Context,
    doc_ref,
    partnership,
    kind,
    status_value,
    source,
    made_by,
    period,
    due,
    overdue,
    unconfirmed,
    q,
    columns,
    sort,
    group,
    today,
    fmt,
    output,
) -> None:
    """The committee-paper table: tracked items with their status, filtered as asked.

    Default columns: ref, item, made_by, lead, due, status, source, evidence, note, decided
    (also: kind, page, overdue, document, made, period, partnership, confidence). CSV opens
    cleanly in Excel; docx is a landscape Word table ready for a committee paper. With --by,
    counts of each status per group (and overdue).

    Example: sgkb status --doc cyp-scrutiny-committee-minutes-2025-01-21.pdf --format docx -o paper.docx
    """
    from sgkb.board import COLUMNS, BoardFilter, UnknownColumn, board, cell, check_columns, choose_columns
    from sgkb.exports import board_csv, board_docx
    from sgkb.service import status_counts

    asked = [c.strip() for c in columns.split(",") if c.strip()] if columns else []
    try:
        check_columns(asked)
    except UnknownColumn as exc:
        raise click.ClickException(str(exc)) from exc
    kb = _kb_on(ctx, today)
    filt = BoardFilter(
        doc=_document(kb, doc_ref).id if doc_ref else "",
        partnership=partnership or "",
        kind=kind or "",
        status=status_value or "",
        source=source or "",
        made_by=made_by or "",
        period=period or "",
        due=due or "",
        overdue=overdue,
        unconfirmed=unconfirmed,
        q=q or "",
    )
    rows = board(kb.status_rows(), filt, sort)
    if group:

        def keys(row) -> list[str]:
            return {
                "made_by": [row.item.made_by or "unknown"],
                "period": [row.item.period or "unknown"],
                "partnership": [row.doc.partnership or "unknown"],
                "theme": list(row.item.themes) or ["no theme"],
            }[group]

        counts = status_counts(rows, keys)
        table = [
            {group: key, **{Status(k).label if k in Status.values() else k: v for k, v in row.items()}}
            for key, row in sorted(counts.items())
        ]
        write_rows(
            table, "csv" if fmt == "csv" else "table", [group] + [s.label for s in Status] + ["overdue", "total"]
        )
        return
    chosen = choose_columns(asked or None)
    if fmt == "docx":
        if output is None:
            raise click.ClickException("--format docx needs -o FILE")
        titles = {d.id: d.title for d in kb.documents()}
        output.write_bytes(board_docx(rows, chosen, filt.describe(titles), kb.config.today_date()))
        click.echo(f"wrote {len(rows)} rows to {output}", err=True)
        return
    if fmt == "csv":
        text = board_csv(rows, chosen)
        if output:
            output.write_text(text, encoding="utf-8", newline="")
            click.echo(f"wrote {len(rows)} rows to {output}", err=True)
        else:
            sys.stdout.write(text)
        return
    table = [{COLUMNS[c][0]: cell(r, c) for c in chosen} for r in rows]
    for row in table:
        for key in ("Item", "Latest evidence", "Clerk's note"):
            if key in row:
                row[key] = str(row[key])[:60]
    write_rows(table, "table", [COLUMNS[c][0] for c in chosen])


@main.command()
@click.argument("item_id")
@click.option("--status", "new_status", type=click.Choice(Status.values()), default=None, help="Set the status.")
@click.option("--confirm", "confirm_status", is_flag=True, help="Confirm the status the item has now.")
@click.option("--confirm-evidence", "confirm", default=None, help="An evidence id to confirm.")
@click.option("--reject-evidence", "reject", default=None, help="An evidence id to reject.")
@click.option("--note", required=True, help="Why (kept in the audit trail).")
@click.option("--user", default=None, help="Who decides (default: $SGKB_USER or $USER).")
@pass_ctx
def decide(
    ctx: Context, item_id: str, new_status, confirm_status, confirm, reject, note: str, user: str | None
) -> None:
    """Record a clerk's decision on an item: set or confirm its status, confirm or reject evidence.

    Decisions are appended to an audit trail, never overwritten; a decided status
    outranks the machine's suggestion and survives re-ingesting.

    Example: sgkb decide 2800fd3a6050 --status in_progress --note "Neglect strategy relaunched" --user jsmith
    """
    user = user or os.environ.get("SGKB_USER") or os.environ.get("USER") or ""
    try:
        made = ctx.kb().decide(
            item_id, user, note, status=new_status, confirm=confirm, reject=reject, confirm_status=confirm_status
        )
    except DecisionError as exc:
        raise click.ClickException(str(exc)) from exc
    from sgkb.board import ACTION_TEXT, decision_detail, human_time

    seqs = {d.seq for d in made}
    for row in (r for r in ctx.kb().decision_rows(item_id) if r.decision.seq in seqs):
        d = row.decision
        what = f"{ACTION_TEXT.get(d.action, d.action.label)}: {decision_detail(row, 120)}"
        click.echo(f"recorded #{d.seq}: {what} — by {d.user}, {human_time(d.at)}")


@main.command(name="decisions")
@click.option("--item", "item_id", default=None, help="Only this item's decisions.")
@click.option("--user", default=None, help="Only this person's decisions.")
@click.option(
    "--action",
    type=click.Choice(["set_status", "confirm_status", "confirm_evidence", "reject_evidence", "carry_over"]),
    default=None,
    help="Only decisions of this kind.",
)
@click.option("--doc", "doc_ref", default=None, help="Only decisions on items of this document (id or file name).")
@click.option("--since", default=None, help="Only decisions made on or after this date (2025-01-31, UK time).")
@click.option("--until", default=None, help="Only decisions made on or before this date.")
@click.option("--orphaned", is_flag=True, help="Decisions whose item is gone (to re-attach).")
@click.option(
    "--reattach",
    nargs=2,
    default=None,
    metavar="OLD NEW",
    help="Re-attach the decisions made on item OLD to item NEW (needs --note).",
)
@click.option("--note", default=None, help="Why (with --reattach).")
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "docx")), default="table", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to this file."
)
@pass_ctx
def decisions_command(
    ctx: Context, item_id, user, action, doc_ref, since, until, orphaned, reattach, note, fmt, output
) -> None:
    """The decisions log, newest first: who decided what, when (UK time), and why.

    Evidence is named by its document, page and text. JSONL fields: seq, item_id, action,
    value, note, user, at, carried_from, when, decision, what, item_text, doc, doc_title,
    evidence ({id, doc, doc_title, page, section, text} or null). CSV opens cleanly in Excel;
    docx is a Word table (needs -o).

    Example: sgkb decisions --user clerk.jones --since 2025-01-01 --format csv -o decisions.csv
    """
    from sgkb.board import LOG_DEFAULT, LogFilter, decision_log
    from sgkb.exports import log_csv, log_docx

    kb = ctx.kb()
    if reattach:
        who = os.environ.get("SGKB_USER") or os.environ.get("USER") or ""
        try:
            made = kb.reattach(reattach[0], reattach[1], who, note or "")
        except DecisionError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"re-attached: #{made[0].seq}")
        return
    if orphaned:
        rows = [decision_record(d) for d in kb.orphaned_decisions()]
        write_rows(rows, "table" if fmt == "docx" else fmt, ["seq", "at", "user", "item_id", "action", "value", "note"])
        return
    try:
        filt = LogFilter.from_args(
            {
                "user": user or "",
                "action": action or "",
                "doc": _document(kb, doc_ref).id if doc_ref else "",
                "item": item_id or "",
                "since": since or "",
                "until": until or "",
            }
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    found = decision_log(kb.decision_rows(item_id), filt)
    if fmt == "docx":
        if output is None:
            raise click.ClickException("--format docx needs -o FILE")
        titles = {d.id: d.title for d in kb.documents()}
        output.write_bytes(log_docx(found, LOG_DEFAULT, filt.describe(titles), kb.config.today_date()))
        click.echo(f"wrote {len(found)} decisions to {output}", err=True)
        return
    if fmt == "csv" and output:
        output.write_text(log_csv(found, LOG_DEFAULT), encoding="utf-8", newline="")
        click.echo(f"wrote {len(found)} decisions to {output}", err=True)
        return
    if fmt == "csv":
        sys.stdout.write(log_csv(found, LOG_DEFAULT))
        return
    records = [log_record(r) for r in found]
    if fmt == "jsonl":
        write_rows(records, fmt, [])
        return
    for r in records:
        r["what"] = f"{r['decision']}: {r['what']}"
    write_rows(records, "table", ["when", "user", "what", "note", "item_text"])


@main.group(name="eval")
def eval_group() -> None:
    """Measure tagging, search and linking against the hand-labelled sets."""


@eval_group.command(name="items")
@click.option(
    "--labels",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=str(LABELLED / "labels"),
    show_default=True,
)
@click.option("--errors", is_flag=True, help="Also list missed and spurious items and wrong attributes.")
@click.option("--agreement", is_flag=True, help="Also compare the labels with a second labeller's (labels/second/).")
@pass_ctx
def eval_items(ctx: Context, labels: Path, errors: bool, agreement: bool) -> None:
    """Precision, recall and F1 per document and kind, and made_by/due accuracy, against the labels.

    The headline rows are the sealed documents (written and labelled after the rules were
    frozen); the fitted rows are the documents the rules were written against.

    Example: sgkb eval items --errors
    """
    from tagging.evaluate import attribute_accuracy, bootstrap_f1, evaluate, load_labels, summarise

    gold = load_labels(labels)
    if agreement:
        _agreement(labels, gold.items)
    kb = ctx.kb()
    predicted = {}
    for name in gold.documents():
        doc = kb.document(name)
        if doc is None:
            click.echo(f"note: {name} is labelled but not ingested: skipped", err=True)
            continue
        # a file kept as another format of a stored document: its items are the primary's
        predicted[name] = kb.items(doc.alternate_of or doc.id)
    outcomes = evaluate(gold, predicted)
    per_doc = []
    for o in outcomes:
        c = o.counts
        per_doc.append(
            {
                "split": gold.split_of(o.doc),
                "document": o.doc[:48],
                "kind": o.kind,
                "gold": c.tp + c.fn,
                "tagged": c.tp + c.fp,
                "precision": round(c.precision, 2),
                "recall": round(c.recall, 2),
                "f1": round(c.f1, 2),
            }
        )
    write_rows(per_doc, "table", ["split", "document", "kind", "gold", "tagged", "precision", "recall", "f1"])
    click.echo()
    totals = []
    for split in sorted({gold.split_of(o.doc) for o in outcomes}):
        chosen = [o for o in outcomes if gold.split_of(o.doc) == split]
        for kind, c in summarise(chosen).items():
            lo, hi = bootstrap_f1(chosen, kind)
            totals.append(
                {
                    "split": split,
                    "kind": kind,
                    "gold": c.tp + c.fn,
                    "precision": round(c.precision, 3),
                    "recall": round(c.recall, 3),
                    "f1": round(c.f1, 3),
                    "f1 90% interval": f"{lo:.2f}-{hi:.2f}",
                }
            )
        for attribute in ("made_by", "due"):
            right, total = attribute_accuracy(chosen, attribute)
            totals.append(
                {
                    "split": split,
                    "kind": f"{attribute} accuracy",
                    "gold": total,
                    "precision": round(right / total, 3) if total else "",
                }
            )
    write_rows(totals, "table", ["split", "kind", "gold", "precision", "recall", "f1", "f1 90% interval"])
    if errors:
        for o in outcomes:
            for g in o.missed:
                click.echo(f"missed [{g['kind']}] {o.doc}: {g['text'][:140]}")
            for p in o.spurious:
                click.echo(f"spurious [{p.kind.value}] {o.doc} p{p.page}: {p.text[:140]}")
            for g, p in o.matched:
                for attribute in ("made_by", "due"):
                    if g.get(attribute) and (getattr(p, attribute) or "").lower() != g[attribute].lower():
                        click.echo(f"{attribute}: {g[attribute]!r} -> {getattr(p, attribute)!r}: {g['text'][:90]}")


def _agreement(labels: Path, items: list[dict]) -> None:
    """Cohen's kappa and F1 between the labels and a second, independent labelling of a document."""
    import json

    from tagging.evaluate import agreement

    for path in sorted((labels / "second").glob("*.jsonl")):
        second = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        first = [g for g in items if g["doc"] == path.name.removesuffix(".jsonl")]
        both = agreement(first, second)
        clear = agreement(
            [g for g in first if g.get("confidence") != "borderline"],
            [g for g in second if g.get("confidence") != "borderline"],
        )
        click.echo(f"agreement on {path.name.removesuffix('.jsonl')}: all items {both}; clear items {clear}")
    click.echo()


@eval_group.command(name="search")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--details", is_flag=True, help="Also list each query's recall, first relevant rank and misses.")
@pass_ctx
def eval_search(ctx: Context, files: tuple[Path, ...], details: bool) -> None:
    """Recall@10 and MRR of search, for key-word queries and for questions separately; then how
    often a question's answer is shown as clear, and is right when it is.

    Default: the project's key-word queries, its seven question sets (dev: used to build the
    thesaurus; test to test6: written by others and never used to change search) and
    its two sets of questions the documents do not answer.

    Example: sgkb eval search --details
    """
    from index.evaluate import (
        ANSWER_COLUMNS,
        KEYWORD_SET,
        QUESTION_SETS,
        UNANSWERABLE_SETS,
        answer_summary,
        evaluate,
        evaluate_answers,
        load_queries,
        summary,
    )
    from sgkb.service import IndexMissing

    kb = ctx.kb()
    names = {d.id: d.file for d in kb.documents(alternates=True, versions=True)}

    @functools.cache  # each query searched once for both tables
    def search(query: str):
        try:
            return kb.search(query, pagelen=10)
        except IndexMissing as exc:
            raise click.ClickException(str(exc)) from exc

    every = (KEYWORD_SET, *QUESTION_SETS, *UNANSWERABLE_SETS)
    sets = files or tuple(LABELLED / f for f in every if (LABELLED / f).exists())
    table, answers = [], []
    for path in sets:
        queries = load_queries(path)
        answerable = [q for q in queries if q.get("expected")]
        unanswerable = [q for q in queries if not q.get("expected")]
        if answerable:
            scores = evaluate(search, answerable, names)
            if details:
                click.echo(f"{path.name}:")
                rows = [
                    {
                        "query": s.query[:60],
                        "recall": round(s.recall, 2),
                        "first_rank": s.first_rank or "-",
                        "missing": "; ".join(m[:60] for m in s.missing),
                    }
                    for s in scores
                ]
                write_rows(rows, "table", ["query", "recall", "first_rank", "missing"])
                click.echo()
            table.append({"set": path.name, **summary(scores)})
        if path.name == KEYWORD_SET:
            continue
        # a file mixing both kinds of question reports them apart, the second named as such
        apart = f"{path.name}, no answer" if answerable else path.name
        for part, name in ((answerable, path.name), (unanswerable, apart)):
            if not part:
                continue
            said = evaluate_answers(search, part, names)
            answers.append({"set": name, **answer_summary(said)})
            if details:
                click.echo(f"{name}, answers:")
                rows = [
                    {"query": a.query[:60], "clear": a.clear, "right": a.right if a.answerable else "-"}
                    for a in said
                    if a.shown
                ]
                write_rows(rows, "table", ["query", "clear", "right"])
                click.echo()
    if table:
        write_rows(table, "table", ["set", "queries", "recall@10", "mrr"])
    if answers:
        click.echo("\nAnswers to questions (right: the passage labelled as answering it):")
        write_rows(answers, "table", ANSWER_COLUMNS)


@eval_group.command(name="links")
@click.option(
    "--labels",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=str(LABELLED / "labels"),
    show_default=True,
)
@click.option("--details", is_flag=True, help="Also list the labelled evidence that was missed.")
@pass_ctx
def eval_links(ctx: Context, labels: Path, details: bool) -> None:
    """Evidence recall@5 per (item, later document), status accuracy and each status's precision,
    per item document, against the labelled links.

    Example: sgkb eval links --details
    """
    from core.periods import chronology_key
    from linking.evaluate import LinkScores, evaluate, load_links
    from tagging.evaluate import load_labels

    kb = ctx.kb()
    gold = load_labels(labels)
    docs = kb.documents()
    every = kb.documents(alternates=True, versions=True)
    names = {d.id: d.file for d in every}
    order = {d.file: chronology_key(d.date, d.period) for d in docs}
    tagged = {d.file: kb.items(d.id) for d in docs}
    aliases = {}  # a label on another format of a document means the document read for items
    for alternate in every:
        primary = kb.store.document(alternate.alternate_of) if alternate.alternate_of and alternate.current else None
        if primary is not None:
            aliases[alternate.file] = primary.file
    labelled_links = [
        {
            **link,
            "item_doc": aliases.get(link["item_doc"], link["item_doc"]),
            "evidence_doc": aliases.get(link["evidence_doc"], link["evidence_doc"]),
        }
        for link in load_links(labels)
    ]
    labelled_items = {g["id"]: {**g, "doc": aliases.get(g["doc"], g["doc"])} for g in gold.items}
    statuses = kb.statuses()
    evidence: dict = {}
    for item_id, st in statuses.items():
        evidence[item_id] = [e for e, _ in st.evidence]
    machine = {item_id: st.machine_status for item_id, st in statuses.items()}
    results = evaluate(labelled_links, labelled_items, tagged, evidence, machine, names, order)
    rows = []
    totals: dict[str, LinkScores] = {}
    for doc, s in sorted(results.items()):
        split = (
            gold.split_of(next((a for a, p in aliases.items() if p == doc), doc))
            if gold.split_of(doc) == "unassigned"
            else gold.split_of(doc)
        )
        totals.setdefault(split, LinkScores()).add(s)
        rows.append(_link_row(split, doc[:48], s))
    for split, s in sorted(totals.items()):
        rows.append(_link_row(split, "ALL", s))
    write_rows(
        rows,
        "table",
        [
            "split",
            "document",
            "pairs",
            "recall@5",
            "items",
            "untagged",
            "status accuracy",
            "implemented right",
            "implemented for not",
        ],
    )
    every = LinkScores()
    for s in totals.values():
        every.add(s)
    click.echo("\nstatus confusion (labelled -> machine):")
    labels_order = Status.values()
    confusion = [{"labelled": g, **{m: every.confusion.get((g, m), 0) for m in labels_order}} for g in labels_order]
    write_rows(confusion, "table", ["labelled", *labels_order])
    if details:
        write_rows(every.details, "table", ["tagged", "doc", "item", "missing"])


def _link_row(split: str, doc: str, s) -> dict:
    right, given = s.precision(Status.IMPLEMENTED)
    return {
        "split": split,
        "document": doc,
        "pairs": s.pairs,
        "recall@5": round(s.recall, 3),
        "items": s.items,
        "untagged": s.untagged,
        "status accuracy": round(s.accuracy, 3),
        "implemented right": f"{right} of {given}",
        "implemented for not": s.implemented_for_not,
    }


@main.group()
def user() -> None:
    """Manage the people who may change things in the web UI."""


@user.command(name="add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@pass_ctx
def user_add(ctx: Context, name: str, password_stdin: bool) -> None:
    """Create a user (or set a new password, which signs them out everywhere).

    Example: sgkb user add clerk.jones
    """
    from core.store import Store
    from webapp.auth import hash_password

    name = name.strip()
    if not name or len(name) > 80 or any(ch.isspace() and ch != " " for ch in name):
        raise click.ClickException("a user name needs 1 to 80 characters and no line breaks or tabs")
    password = (
        sys.stdin.readline().rstrip("\n")
        if password_stdin
        else click.prompt("Password", hide_input=True, confirmation_prompt=True)
    )
    try:
        hashed = hash_password(password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    with Store(ctx.config.db_path) as store:
        store.set_user(name, hashed)
    click.echo(f"user {name} saved")


@user.command(name="list")
@pass_ctx
def user_list(ctx: Context) -> None:
    """List the users who can sign in."""
    for name in ctx.kb().store.user_names():
        click.echo(name)


@user.command(name="signout")
@click.argument("name")
@pass_ctx
def user_signout(ctx: Context, name: str) -> None:
    """End every session of a user (on every device).

    Example: sgkb user signout clerk.jones
    """
    store = ctx.kb().store
    if store.session_version(name) is None:
        raise click.ClickException(f"no user {name!r}")
    store.end_sessions(name)
    click.echo(f"every session of {name} ended")


@main.command()
@click.option("--host", default=None, help="Address to listen on (default: config `host`, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: config `port`, 8000).")
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Server processes (default: config `server_workers`; 0 = one per CPU core).",
)
@click.option("--threads", type=int, default=4, show_default=True, help="Threads per process.")
@click.option("--dev", is_flag=True, help="Flask's development server (shows errors); never in production.")
@pass_ctx
def serve(ctx: Context, host: str | None, port: int | None, workers: int | None, threads: int, dev: bool) -> None:
    """Serve the web UI and JSON API with gunicorn (a production WSGI server).

    Example: sgkb serve --port 8080
    """
    from webapp import create_app

    config = ctx.config.with_overrides(host=host, port=port, server_workers=workers)
    kb = ctx.kb()
    if not kb.has_index:
        raise click.ClickException(f"no search index in {config.data_dir}: run `sgkb ingest` first")
    click.echo(f"serving on http://{config.host}:{config.port}/", err=True)
    if dev:
        create_app(config).run(host=config.host, port=config.port, debug=True, use_reloader=False)
        return
    from webapp.server import run

    run(config, threads)


if __name__ == "__main__":
    main()
