"""A small stacked bar chart drawn on the server as SVG (no JavaScript): the status of the
items made in each year. The page shows the same figures as a table beside it."""

from __future__ import annotations

from dataclasses import dataclass

from core.model import Status

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by the legend's
# words and the table of figures too.
COLOURS = {
    Status.IMPLEMENTED.value: "#00703c",
    Status.IN_PROGRESS.value: "#1d70b8",
    Status.NOT_IMPLEMENTED.value: "#d4351c",
    Status.SUPERSEDED.value: "#4c2c92",
    Status.NO_EVIDENCE.value: "#505a5f",
}


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    y: float
    segments: tuple[tuple[str, int, float, float], ...]  # (status, count, x, width)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]
    colours: dict[str, str]


def status_chart(groups: list[tuple[str, dict[str, int]]], width: int = 640) -> Chart:
    """Horizontal stacked bars, one per group (a year), scaled to the largest total."""
    label_width, bar_height, gap, right = 90, 26, 12, 50
    most = max((sum(counts.get(s, 0) for s in COLOURS) for _, counts in groups), default=0) or 1
    scale = (width - label_width - right) / most
    bars = []
    for row, (label, counts) in enumerate(groups):
        x = float(label_width)
        segments = []
        for status in COLOURS:
            n = counts.get(status, 0)
            if n:
                segments.append((status, n, x, n * scale))
                x += n * scale
        bars.append(Bar(label, sum(counts.get(s, 0) for s in COLOURS), row * (bar_height + gap), tuple(segments)))
    height = max(1, len(bars)) * (bar_height + gap)
    return Chart(width, height, label_width, bar_height, tuple(bars), COLOURS)
