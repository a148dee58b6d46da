"""Reading order of multi-column pages: gutters found from where text lines start and end.

A column's lines start at one left edge, so the left edge of a right-hand column shows as many
runs of characters starting at the same x in the middle of the page. Everything that crosses
that x (a title, a full-width paragraph, a table) cuts the page into bands, top to bottom. A
band whose lines fall on both sides, each side filled like a column of text, is read left
column first, then right; each column is searched again for a gutter of its own (three
columns). Everything else is one region read top to bottom, so a page without a gutter comes
out exactly as it did before.

Pure geometry: no PDF library here (ingest.pdf gives the lines and reads the regions).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

MIN_COLUMN_LINES = 3  # lines each side of a gutter before a band counts as columns
MIN_COLUMN_SHARE = 0.25  # a column is at least this share of the text's width
FILL = 0.5  # a column's median line fills at least this share of its width (prose, not labels)
MIN_GUTTER = 6.0  # points of white between the end of a left column's lines and the next column
EDGE_ZONE = 0.2  # a gutter is not in the outer fifth of a region, on either side
MAX_DEPTH = 3  # columns within columns, at most this deep
MAX_MARKER = 24.0  # a bullet or number hanging left of a column's text is at most this wide
MAX_MARKER_GAP = 36.0  # ... and this far from the text
AFTER_COLUMNS_GAP = 1.5  # line heights of white before a left-side line that follows the columns


@dataclass(frozen=True)
class Box:
    """A rectangle of the page (PDF points, top-down)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass(frozen=True)
class TextLine:
    """A line as the column finder sees it: its vertical extent and its runs of characters
    (x extents); a table is one line with one run as wide as the table."""

    top: float
    bottom: float
    runs: tuple[tuple[float, float], ...]


def runs_of(extents: list[tuple[float, float, float]]) -> tuple[tuple[float, float], ...]:
    """The runs of a line's characters, given as (x0, x1, size) in reading order: a gap wider
    than about one em (more than a justified word space) ends a run."""
    runs: list[list[float]] = []
    for x0, x1, size in sorted(extents):
        if runs and x0 - runs[-1][1] <= max(MIN_GUTTER, size * 0.9):
            runs[-1][1] = max(runs[-1][1], x1)
        else:
            runs.append([x0, x1])
    return tuple((a, b) for a, b in runs)


def reading_regions(lines: list[TextLine], box: Box, depth: int = 0) -> list[Box]:
    """The regions of `box` in reading order: one (the box itself) when it has no columns."""
    if depth >= MAX_DEPTH or len(lines) < 2 * MIN_COLUMN_LINES:
        return [box]
    best: list[_Band] = []
    best_edge, best_score = 0.0, 0
    for edge in _candidate_edges(lines, box):
        bands = _bands(lines, edge)
        score = sum(len(band.lines) for band in bands if band.split is not None)
        if score > best_score:
            best, best_edge, best_score = bands, edge, score
    if not best_score:
        return [box]
    regions: list[Box] = []
    tops = _band_tops([band.lines for band in best], box)
    for band, top, bottom in zip(best, tops, tops[1:] + [box.bottom], strict=True):
        if band.split is None:
            if regions and regions[-1].x0 == box.x0 and regions[-1].x1 == box.x1:
                regions[-1] = Box(box.x0, regions[-1].top, box.x1, bottom)  # one full-width run
            else:
                regions.append(Box(box.x0, top, box.x1, bottom))
            continue
        for left in (True, False):
            side = [s for s in (_side(ln, best_edge, left) for ln in band.lines) if s]
            inner = Box(box.x0, top, band.split, bottom) if left else Box(band.split, top, box.x1, bottom)
            regions += reading_regions(side, inner, depth + 1)
    return regions


@dataclass
class _Band:
    lines: list[TextLine]
    split: float | None = None  # where its columns meet (None: read as one)


def _candidate_edges(lines: list[TextLine], box: Box) -> list[float]:
    """x positions in the middle of the box where several runs start: a column's left edge."""
    width = box.x1 - box.x0
    lo, hi = box.x0 + EDGE_ZONE * width, box.x1 - EDGE_ZONE * width
    starts: Counter[int] = Counter()
    for line in lines:
        for a, _ in line.runs:
            if lo <= a <= hi:
                starts[round(a / 2)] += 1
    near = Counter({k: starts[k - 1] + starts[k] + starts[k + 1] for k in starts})
    edges = []
    for key, count in near.most_common(3):
        if count >= MIN_COLUMN_LINES:
            at = [a for ln in lines for a, _ in ln.runs if abs(round(a / 2) - key) <= 1]
            edges.append(min(at))
    return edges


def _on_right(runs: tuple[tuple[float, float], ...], i: int, edge: float) -> bool:
    """Whether run i lies in the column starting at `edge`: it starts there, or it is a bullet
    or number hanging just left of the column's text (a short run followed by text at the edge)."""
    a, b = runs[i]
    if a >= edge - 1:
        return True
    nxt = runs[i + 1] if i + 1 < len(runs) else None
    return nxt is not None and b - a <= MAX_MARKER and abs(nxt[0] - edge) <= 2 and nxt[0] - b <= MAX_MARKER_GAP


def _crosses(line: TextLine, edge: float) -> bool:
    return any(a < edge - 1 and b > edge - MIN_GUTTER for a, b in line.runs)


def _side(line: TextLine, edge: float, left: bool) -> TextLine | None:
    runs = tuple(r for i, r in enumerate(line.runs) if _on_right(line.runs, i, edge) != left)
    return TextLine(line.top, line.bottom, runs) if runs else None


def _bands(lines: list[TextLine], edge: float) -> list[_Band]:
    """Cut the lines (top to bottom) into bands: one column where a line crosses the edge,
    two where the lines on each side fill a column."""
    raw: list[tuple[bool, list[TextLine]]] = []
    for line in sorted(lines, key=lambda ln: ln.top):
        full = _crosses(line, edge)
        if raw and raw[-1][0] == full:
            raw[-1][1].append(line)
        else:
            raw.append((full, [line]))
    out: list[_Band] = []
    for full, members in raw:
        pieces = [_Band(members)] if full else _column_band(members, edge)
        for band in pieces:
            if out and out[-1].split is None and band.split is None:
                out[-1].lines.extend(band.lines)
            else:
                out.append(band)
    return out


def _column_band(members: list[TextLine], edge: float) -> list[_Band]:
    """A band with no line across the edge: columns when both sides are filled text. Lines of
    the left side below the end of both columns, after a gap, follow the columns (a heading
    after a balanced two-column section)."""
    split = _split_at(members, edge)
    if split is None:
        return [_Band(members)]
    right_bottom = max(ln.bottom for ln in members if _side(ln, edge, left=False))
    for i, (above, line) in enumerate(zip(members, members[1:], strict=False), 1):
        height = above.bottom - above.top
        if (
            abs(above.bottom - right_bottom) <= height
            and line.top - above.bottom > AFTER_COLUMNS_GAP * height
            and all(_side(ln, edge, left=False) is None for ln in members[i:])
        ):
            return [_Band(members[:i], split), _Band(members[i:])]
    return [_Band(members, split)]


def _split_at(members: list[TextLine], edge: float) -> float | None:
    """Where to split a band into two columns, or None when its sides are not both columns."""
    left = [s for s in (_side(ln, edge, True) for ln in members) if s]
    right = [s for s in (_side(ln, edge, False) for ln in members) if s]
    if len(left) < MIN_COLUMN_LINES or len(right) < MIN_COLUMN_LINES:
        return None
    # a column's extent from most of its lines (a stray line, text run off the page, is no guide)
    extents = [
        (_quantile([s.runs[0][0] for s in side], 0.1), _quantile([s.runs[-1][1] for s in side], 0.9))
        for side in (left, right)
    ]
    whole = extents[1][1] - extents[0][0]
    for side, (x0, x1) in zip((left, right), extents, strict=True):
        widths = [s.runs[-1][1] - s.runs[0][0] for s in side]
        if x1 - x0 < MIN_COLUMN_SHARE * whole or median(widths) < FILL * (x1 - x0):
            return None  # labels beside values, a narrow margin note: not a column of text
    left_end = max(s.runs[-1][1] for s in left)
    right_start = min(s.runs[0][0] for s in right)
    return (left_end + right_start) / 2 if right_start - left_end >= MIN_GUTTER / 2 else None


def _quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _band_tops(bands: list[list[TextLine]], box: Box) -> list[float]:
    """Where each band begins: halfway between one band's last line and the next band's first."""
    tops = [box.top]
    for above, below in zip(bands, bands[1:], strict=False):
        end = max(ln.bottom for ln in above)
        start = min(ln.top for ln in below)
        tops.append((end + start) / 2 if end <= start else start)
    return tops
