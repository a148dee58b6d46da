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


if __name__ == "__main__":
    main()
