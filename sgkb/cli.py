"""The `sgkb` command: thin subcommands over the library functions.

Output formats (`--format jsonl` in particular) are a stable interface other
tools read; add fields, never rename or remove them.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from sgkb.config import load_config
from sgkb.output import FORMATS, write_rows


class Context:
    def __init__(self, config):
        self.config = config


pass_ctx = click.make_pass_decorator(Context)


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
        rows = [_doc_record(d) for d in store.documents()]
    write_rows(rows, fmt, DOC_COLUMNS)


def _doc_record(doc: dict) -> dict:
    return {
        "id": doc["id"], "path": doc["path"], "file": Path(doc["path"]).name, "format": doc["format"],
        "title": doc["title"], "type": doc["type"], "period": doc["period"], "date": doc["date"],
        "publisher": doc["publisher"], "pages": doc["pages"], "sha256": doc["sha256"],
        "ingested_at": doc["ingested_at"], "warnings": doc["warnings"],
        "alternates": [{"id": a["id"], "file": Path(a["path"]).name, "format": a["format"]} for a in doc["alternates"]],
    }


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
        rows = [_item_record(i, docs[i.doc_id]) for i in store.items(doc_id, kind)
                if theme is None or theme.lower() in i.themes]
    if fmt != "jsonl":
        for row in rows:
            row["section"] = " > ".join(row["section"])
    write_rows(rows, fmt, ITEM_COLUMNS)


def _item_record(item, doc: dict) -> dict:
    return {
        "id": item.id, "kind": item.kind.value, "text": item.text, "doc": doc["id"],
        "doc_file": Path(doc["path"]).name, "doc_title": doc["title"], "period": item.period, "date": doc["date"],
        "section": list(item.section), "page": item.page, "made_by": item.made_by, "addressee": item.addressee,
        "due": item.due, "themes": list(item.themes), "block": item.block_seq, "start": item.start, "end": item.end,
    }


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
    rows = [_hit_record(h) for h in results.hits]
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


def _hit_record(hit) -> dict:
    record = hit.record()
    record["doc"] = record.pop("doc_id")
    record["doc_title"] = record.pop("title")
    return record


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
                default=str(Path(__file__).resolve().parent.parent / "tests" / "data" / "search_queries.jsonl"))
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


if __name__ == "__main__":
    main()
