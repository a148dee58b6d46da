"""Writing rows as an aligned table, JSON lines or CSV, the formats every list command offers."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable, Sequence

from sgkb.exports import write_csv

FORMATS = ("table", "jsonl", "csv")
MAX_COLUMN = 40


def write_rows(rows: Iterable[dict], fmt: str, columns: Sequence[str], out=None) -> None:
    """Write dict rows. JSONL writes every field; table and CSV write `columns`."""
    out = out or sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        write_csv(out, columns, ([row.get(c) for c in columns] for row in rows), bom=not out.isatty())
    else:
        _write_table(list(rows), columns, out)


def _flat(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_flat(v) for v in value)
    return " ".join(str(value).split())


def _write_table(rows: list[dict], columns: Sequence[str], out) -> None:
    width = shutil.get_terminal_size((160, 24)).columns
    cells = [[_flat(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    # Cap the leading columns; the last (usually the text) takes what is left.
    widths[:-1] = [min(w, MAX_COLUMN) for w in widths[:-1]]
    widths[-1] = max(20, min(widths[-1], width - sum(widths[:-1]) - 2 * (len(widths) - 1)))

    def fmt_row(values: Sequence[str]) -> str:
        return "  ".join(_fit(v, w) for v, w in zip(values, widths, strict=True)).rstrip()

    out.write(fmt_row(columns) + "\n")
    out.write(fmt_row(["-" * w for w in widths]) + "\n")
    for row in cells:
        out.write(fmt_row(row) + "\n")


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"
