"""The `sgkb` command: thin subcommands over the library functions.

Output formats (`--format jsonl` in particular) are a stable interface other
tools read; add fields, never rename or remove them.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from sgkb.config import PROJECT_ROOT, load_config
from sgkb.output import FORMATS, write_rows
from sgkb.records import doc_record, hit_record, item_record


class Context:
    def __init__(self, config):
        self.config = config


pass_ctx = click.make_pass_decorator(Context)
# The project's hand-labelled sets, the defaults of `sgkb eval search` and `sgkb eval links`.
LABELLED = PROJECT_ROOT / "tests" / "data"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Settings file (default: $SGKB_CONFIG or the project's config.yaml).")
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help="Where the store and index live (overrides config and $SGKB_DATA_DIR).")
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


def _open_store(config):
    from sgkb.store import Store, StoreError

    if not config.db_path.exists():
        raise click.ClickException(f"no store at {config.db_path}: run `sgkb ingest` first")
    try:
        return Store(config.db_path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Remove documents whose files are gone.")
@click.option("--rebuild", is_flag=True, help="Start from an empty store (swapped in when done).")
@click.option("--workers", type=int, default=None, help="Parallel parsing processes (0 = one per core).")
@pass_ctx
def ingest(ctx: Context, paths: tuple[Path, ...], prune: bool, rebuild: bool, workers: int | None) -> None:
    """Read PDF and Word files (default: the corpus folder) into the store.

    Unchanged files are skipped, changed ones replaced. Exit code 1 if any file failed.

    Example: sgkb ingest corpus/new-report-2025-26.pdf
    """
    from ingest.base import IngestError
    from ingest.pipeline import ingest as run_ingest

    config = ctx.config.with_overrides(workers=workers)
    bar = _progress_bar()
    try:
        report = run_ingest(config, list(paths) or None, prune=prune, rebuild=rebuild,
                            progress=bar.update if bar else None,
                            on_total=(lambda n: setattr(bar, "total", n)) if bar else None)
    except IngestError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if bar:
            bar.close()
    for name, warning in report.warnings:
        click.echo(f"warning: {name}: {warning}", err=True)
    for name, reason in report.failed:
        click.echo(f"failed: {name}: {reason}", err=True)
    if report.index:
        click.echo(report.index.summary(), err=True)
    if report.links:
        click.echo(report.links.summary(), err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


def _progress_bar():
    """A progress bar on an interactive terminal only (never in logs or pipes)."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=0, unit="file", leave=False, file=sys.stderr)


DOC_COLUMNS = ["id", "type", "period", "date", "pages", "format", "title"]


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_ctx
def docs(ctx: Context, fmt: str) -> None:
    """List ingested documents with their detected metadata.

    JSONL fields: id, path, file, format, title, type, period, date, publisher, pages,
    sha256, ingested_at, warnings, alternates.
    """
    with _open_store(ctx.config) as store:
        rows = [doc_record(d) for d in store.documents()]
    write_rows(rows, fmt, DOC_COLUMNS)


BLOCK_COLUMNS = ["seq", "page", "kind", "section", "text"]


@main.command()
@click.argument("doc")
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default="table", show_default=True)
@pass_ctx
def blocks(ctx: Context, doc: str, fmt: str) -> None:
    """Print a document's blocks, to check what was read. DOC is an id or file name.

    JSONL fields: seq, kind, text, section (list of headings), page, level, lead_in, cells, headers.

    Example: sgkb blocks hscp-yearly-report-2024-25.pdf --format jsonl
    """
    with _open_store(ctx.config) as store:
        found = store.find_document(doc)
        if found is None:
            raise click.ClickException(f"no document {doc!r}: see `sgkb docs` for ids and file names")
        rows = [
            {"seq": i, "kind": b.kind.value, "text": b.text, "section": list(b.section), "page": b.page,
             "level": b.level, "lead_in": b.lead_in, "cells": list(b.cells), "headers": list(b.headers)}
            for i, b in enumerate(store.blocks(found["id"]))
        ]
    if fmt == "table":
        for row in rows:
            row["section"] = " > ".join(row["section"])
    write_rows(rows, fmt, BLOCK_COLUMNS)


ITEM_COLUMNS = ["id", "kind", "period", "page", "made_by", "due", "themes", "text"]


@main.command()
@click.option("--kind", type=click.Choice(["recommendation", "priority", "action"]), default=None)
@click.option("--doc", "doc_ref", default=None, help="Only this document (id or file name).")
@click.option("--theme", default=None, help="Only items with this theme (see tagging/data/themes.yaml).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_ctx
def items(ctx: Context, kind: str | None, doc_ref: str | None, theme: str | None, fmt: str) -> None:
    """List tagged recommendations, priorities and actions, oldest document first.

    JSONL fields: id, kind, text, doc, doc_file, doc_title, period, date, section (list), page,
    made_by, addressee, due, themes (list), block, start, end.

    Example: sgkb items --kind recommendation --theme "voice of the child"
    """
    with _open_store(ctx.config) as store:
        docs = {d["id"]: d for d in store.documents(include_duplicates=True)}
        doc_id = None
        if doc_ref:
            found = store.find_document(doc_ref)
            if found is None:
                raise click.ClickException(f"no document {doc_ref!r}: see `sgkb docs` for ids and file names")
            doc_id = found["id"]
        rows = [item_record(i, docs[i.doc_id]) for i in store.items(doc_id, kind)
                if theme is None or theme.lower() in i.themes]
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
@click.option("--type", "doc_type", default=None, help="annual_report, arrangements or minutes.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(("table", "jsonl")), default="table", show_default=True)
@pass_ctx
def search(ctx: Context, query: str, kind, year, theme, made_by, doc_type, sort, limit, page, fmt) -> None:
    """Search passages and tagged items.

    QUERY takes plain words, "phrases", AND / OR / NOT or -word, and filters
    kind:, type:, year:2013..2021, theme:, by:, status:, section:, title:.
    Options add the same filters.

    JSONL: one hit per line with doc, doc_title, period, date, section, page, kind, text (the whole
    passage or item), snippet (HTML, matches in <mark>), score, id, item_id, made_by, themes, status.

    Example: sgkb search "voice of the child" --kind recommendation --year 2013..2021
    """
    from index.search import IndexMissing

    parts = [query] + [f'{name}:"{value}"' for name, value in (("kind", kind), ("year", year), ("theme", theme),
                                                               ("by", made_by), ("type", doc_type)) if value]
    try:
        results = _search_index(ctx.config).search(" ".join(parts), sort=sort, page=page, pagelen=limit)
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from exc
    for note in results.notes:
        click.echo(f"note: {note}", err=True)
    if results.suggestion:
        click.echo(f"did you mean: {results.suggestion}", err=True)
    rows = [hit_record(h) for h in results.hits]
    if fmt == "table":
        click.echo(f"{results.total} match(es); page {results.page} of {results.pages}", err=True)
        for row in rows:
            row["text"] = row["text"].replace("\n", " ")[:100]
            row["section"] = row["section"][-40:]
    write_rows(rows, fmt, SEARCH_COLUMNS)


def _search_index(config):
    from index.indexer import current_build, index_root, sync
    from index.search import SearchIndex

    if current_build(index_root(config.data_dir)) is None and config.db_path.exists():
        with _open_store(config) as store:  # first use, or the schema changed: build it now
            click.echo(sync(store, config.data_dir).summary(), err=True)
    return SearchIndex(config.data_dir)


@main.command()
@pass_ctx
def reindex(ctx: Context) -> None:
    """Rebuild the search index from the store (the old index serves until the new one is ready).

    Example: sgkb reindex
    """
    from index.indexer import sync

    with _open_store(ctx.config) as store:
        click.echo(sync(store, ctx.config.data_dir, rebuild=True).summary())


@main.group(name="eval")
def eval_group() -> None:
    """Measure the tagger (and later search and linking) against labelled sets."""


@eval_group.command(name="items")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors", is_flag=True, help="Also list missed and spurious items.")
@pass_ctx
def eval_items(ctx: Context, gold: Path, errors: bool) -> None:
    """Precision, recall and F1 per kind, and made_by/due accuracy, against GOLD (JSONL).

    Held-out documents (named in GOLD's .scope.yaml) are reported on their own rows.

    Example: sgkb eval items tests/data/gold_items.jsonl
    """
    from tagging.evaluate import evaluate, load_gold

    gold_items, scope = load_gold(gold)
    with _open_store(ctx.config) as store:
        predicted = {}
        for name in scope["documents"]:
            doc = store.find_document(name)
            if doc is None:
                raise click.ClickException(f"{name} is labelled in {gold.name} but not ingested")
            predicted[name] = store.items(doc["id"])
    report = evaluate(gold_items, scope, predicted)
    write_rows(report.rows(), "table", ["split", "kind", "gold", "predicted", "precision", "recall", "f1"])
    click.echo()
    write_rows(report.attribute_rows(), "table", ["split", "attribute", "labelled", "accuracy"])
    if errors:
        click.echo("\nmissed (in gold, not found):")
        for g in report.false_negatives:
            click.echo(f"  [{g['kind']}] {g['doc']}: {g['text'][:150]}")
        click.echo("\nattributes wrong (gold -> predicted):")
        for split, attr, gold_item, item in report.attribute_errors:
            click.echo(f"  {attr}: {gold_item[attr]!r} -> {getattr(item, attr)!r}: {gold_item['doc']}: {gold_item['text'][:90]}")
        click.echo("\nspurious (found, not in gold):")
        for doc, item in report.false_positives:
            click.echo(f"  [{item.kind.value}] {doc} p{item.page}: {item.text[:150]}")


@eval_group.command(name="search")
@click.argument("queries", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=str(LABELLED / "search_queries.jsonl"))
@click.option("--details", is_flag=True, help="Also list each query's recall, first relevant rank and misses.")
@pass_ctx
def eval_search(ctx: Context, queries: Path, details: bool) -> None:
    """Recall@10 and MRR of search over QUERIES (JSONL; default: the project's query set).

    Example: sgkb eval search --details
    """
    from index.evaluate import evaluate, load_queries, summary

    index = _search_index(ctx.config)
    with _open_store(ctx.config) as store:
        names = {d["id"]: Path(d["path"]).name for d in store.documents(include_duplicates=True)}
    scores = evaluate(index, load_queries(queries), names)
    if details:
        write_rows([{"query": s.query, "recall": round(s.recall, 2), "first_rank": s.first_rank or "-",
                     "missing": "; ".join(m[:70] for m in s.missing)} for s in scores], "table",
                   ["query", "recall", "first_rank", "missing"])
        click.echo()
    write_rows([summary(scores)], "table", ["queries", "recall@10", "mrr"])


def _linked_store(config, today: str | None = None):
    """The store, relinked first if it changed since the links were made, and the config with `today`."""
    from linking.linker import ensure_links

    index = _search_index(config)
    config = config.with_overrides(today=today)
    store = _open_store(config)
    report = ensure_links(store, index, config.data_dir)
    if report:
        click.echo(report.summary(), err=True)
    return store, config


def _statuses(config, today: str | None = None):
    """(item, document, ItemStatus) rows and documents by id."""
    from linking.status import load_statuses

    store, config = _linked_store(config, today)
    with store:
        return load_statuses(store, config.today_date()), {d["id"]: d for d in store.documents(include_duplicates=True)}


@main.command()
@click.option("--item", "item_id", default=None, help="Only this item (its id).")
@click.option("--today", default=None, help="Judge overdue against this date (default: config `today` or the real date).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_ctx
def links(ctx: Context, item_id: str | None, today: str | None, fmt: str) -> None:
    """Follow-up evidence and status of every recommendation and priority.

    JSONL, one line per item: item_id, kind, text, doc, doc_title, period, made_by, due, status,
    status_source (machine|clerk), machine_status, overdue, decided_by, decided_at, note,
    evidence: [{id, doc, period, section, page, text, score, signal, why, decision}],
    related: [{item_id, doc, period, text, why}].

    Example: sgkb links --item 2800fd3a6050 --format jsonl
    """
    from linking.status import link_records

    try:
        store, config = _linked_store(ctx.config, today)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    with store:
        records = link_records(store, config.today_date(), item_id)
    if item_id and not records:
        raise click.ClickException(f"no recommendation or priority {item_id!r}: see `sgkb items`")
    if fmt == "jsonl":
        write_rows(records, fmt, [])
        return
    flat = [{"item_id": r["item_id"], "period": r["period"], "kind": r["kind"], "status": r["status"],
             "source": r["status_source"], "overdue": "yes" if r["overdue"] else "", "evidence": len(r["evidence"]),
             "text": r["text"][:90]} for r in records]
    write_rows(flat, fmt, ["item_id", "period", "kind", "status", "source", "overdue", "evidence", "text"])


@main.command()
@click.option("--by", "group", type=click.Choice(["made_by", "theme", "period"]), default=None,
              help="Count statuses per group instead of listing items.")
@click.option("--today", default=None, help="Judge overdue against this date.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv")), default="table", show_default=True)
@pass_ctx
def status(ctx: Context, group: str | None, today: str | None, fmt: str) -> None:
    """The committee-paper table: every recommendation and priority with its status.

    Columns: period, document, made_by, kind, text, status, source, latest_evidence, overdue.
    With --by, counts of each status per group (and overdue).

    Example: sgkb status --by theme --format csv > status.csv
    """
    from linking.status import STATUSES

    try:
        rows, _ = _statuses(ctx.config, today)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if group is None:
        table = [{"period": item.period, "document": doc["title"], "made_by": item.made_by, "kind": item.kind.value,
                  "text": item.text, "status": st.status.replace("_", " "), "source": st.source,
                  "latest_evidence": (st.latest_evidence or {"text": ""})["text"][:200], "overdue": "overdue" if st.overdue else ""}
                 for item, doc, st in rows]
        if fmt == "table":
            for row in table:
                row["text"], row["document"] = row["text"][:70], row["document"][:30]
                row["latest_evidence"] = row["latest_evidence"][:50]
        write_rows(table, fmt, ["period", "document", "made_by", "kind", "text", "status", "source",
                                "latest_evidence", "overdue"])
        return
    counts: dict[str, dict[str, int]] = {}
    for item, doc, st in rows:
        keys = {"made_by": [item.made_by or "unknown"], "period": [item.period or "unknown"],
                "theme": list(item.themes) or ["no theme"]}[group]
        for key in keys:
            row = counts.setdefault(key, {s: 0 for s in STATUSES} | {"overdue": 0, "total": 0})
            row[st.status] += 1
            row["overdue"] += st.overdue
            row["total"] += 1
    table = [{group: key, **{k.replace("_", " "): v for k, v in row.items()}} for key, row in sorted(counts.items())]
    write_rows(table, fmt, [group] + [s.replace("_", " ") for s in STATUSES] + ["overdue", "total"])


@main.command()
@click.argument("item_id")
@click.option("--status", "new_status", default=None,
              help="implemented, in_progress, not_implemented, superseded or no_evidence.")
@click.option("--confirm-evidence", "confirm", default=None, help="An evidence id to confirm.")
@click.option("--reject-evidence", "reject", default=None, help="An evidence id to reject.")
@click.option("--note", default="", help="Why (kept in the audit trail).")
@click.option("--user", default=None, help="Who decides (default: $SGKB_USER or $USER).")
@pass_ctx
def decide(ctx: Context, item_id: str, new_status, confirm, reject, note: str, user: str | None) -> None:
    """Record a clerk's decision on an item: set its status, confirm or reject evidence.

    Decisions are appended to an audit trail, never overwritten; a decided status
    outranks the machine's suggestion and survives re-ingesting.

    Example: sgkb decide 2800fd3a6050 --status in_progress --note "Neglect strategy relaunched" --user jsmith
    """
    import os

    from index.indexer import sync
    from linking.status import DecisionError, decide as record

    user = user or os.environ.get("SGKB_USER") or os.environ.get("USER") or ""
    store, _ = _linked_store(ctx.config)   # links up to date, so evidence ids are current
    with store:
        try:
            made = record(store, item_id, user, note, new_status, confirm, reject)
        except DecisionError as exc:
            raise click.ClickException(str(exc)) from exc
        sync(store, ctx.config.data_dir)   # the item's status is searchable (`status:`)
    for d in made:
        click.echo(f"recorded #{d['seq']}: {d['action']} {d['value']} by {d['user']} at {d['at']}")


@eval_group.command(name="links")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=str(LABELLED / "gold_links.jsonl"))
@click.option("--details", is_flag=True, help="Also list each labelled item's result.")
@pass_ctx
def eval_links(ctx: Context, gold: Path, details: bool) -> None:
    """Recall@5 of labelled evidence and status accuracy (default: the project's labelled links).

    Example: sgkb eval links --details
    """
    from linking.evaluate import evaluate, load_gold

    rows, docs = _statuses(ctx.config)
    names = {d: Path(docs[d]["path"]).name for d in docs}
    try:
        result = evaluate(load_gold(gold), rows, names)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if details:
        write_rows(result.details, "table", ["item", "label", "status", "found", "expected", "missing"])
        click.echo()
    write_rows([result.summary()], "table", list(result.summary()))


@main.group()
def user() -> None:
    """Manage the people who may change things in the web UI."""


@user.command(name="add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@pass_ctx
def user_add(ctx: Context, name: str, password_stdin: bool) -> None:
    """Create a user (or set a new password); the password is stored hashed.

    Example: sgkb user add clerk.jones
    """
    from webapp.auth import hash_password

    name = name.strip()
    if not name or len(name) > 80:
        raise click.ClickException("a user name needs 1 to 80 characters")
    password = sys.stdin.readline().rstrip("\n") if password_stdin else \
        click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        hashed = hash_password(password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    from sgkb.store import Store

    with Store(ctx.config.db_path) as store:
        store.set_user(name, hashed)
    click.echo(f"user {name} saved")


@user.command(name="list")
@pass_ctx
def user_list(ctx: Context) -> None:
    """List the users who can sign in."""
    with _open_store(ctx.config) as store:
        for name in store.user_names():
            click.echo(name)


@main.command()
@click.option("--host", default=None, help="Address to listen on (default: config `host`, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: config `port`, 8000).")
@click.option("--workers", type=int, default=None,
              help="Server processes (default: config `server_workers`; 0 = one per CPU core).")
@click.option("--threads", type=int, default=4, show_default=True, help="Threads per process.")
@click.option("--dev", is_flag=True, help="Flask's development server (shows errors); never in production.")
@pass_ctx
def serve(ctx: Context, host: str | None, port: int | None, workers: int | None, threads: int, dev: bool) -> None:
    """Serve the web UI and JSON API with gunicorn (a production WSGI server).

    Example: sgkb serve --port 8080
    """
    from webapp import create_app

    config = ctx.config.with_overrides(host=host, port=port, server_workers=workers)
    if not config.db_path.exists():
        raise click.ClickException(f"no store at {config.db_path}: run `sgkb ingest` first")
    _search_index(config)
    click.echo(f"serving on http://{config.host}:{config.port}/", err=True)
    if dev:
        create_app(config).run(host=config.host, port=config.port, debug=True, use_reloader=False)
        return
    from webapp.server import run

    run(config, threads)


if __name__ == "__main__":
    main()
