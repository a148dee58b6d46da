"""Score tagged items against the hand-labelled items in tests/data/labels/.

A tagged item matches a labelled one when both are in the same document, of the same kind,
and their texts overlap: the Dice coefficient of their word sets is at least 0.5. Matching
is one-to-one, best pairs first. Labelled items marked `borderline` neither earn nor cost:
a tagged item matching one is left out of the counts, and missing one is not a miss.
Figures are reported per document and per kind, and per split of `scope.yaml` (documents
the rules were fitted to, and the sealed ones written after the rules were frozen).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.model import Item, Kind
from core.text import dice

MATCH_THRESHOLD = 0.5
KINDS = Kind.values()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Outcome:
    """One document-kind's matches, for counts and error listings."""

    doc: str
    kind: str
    counts: Counts
    matched: list[tuple[dict, Item]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    spurious: list[Item] = field(default_factory=list)


@dataclass
class Labels:
    items: list[dict]
    scope: dict

    def documents(self) -> list[str]:
        return sorted({g["doc"] for g in self.items})

    def split_of(self, doc: str) -> str:
        for split, docs in self.scope.get("splits", {}).items():
            if doc in docs:
                return split
        return "unassigned"


def load_labels(folder: Path) -> Labels:
    items = []
    for path in sorted((folder / "items").glob("*.jsonl")):
        items += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    scope_path = folder / "scope.yaml"
    scope = yaml.safe_load(scope_path.read_text(encoding="utf-8")) if scope_path.exists() else {}
    return Labels(items, scope or {})


def match(gold: Sequence[dict], predicted: Sequence[Item]) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, predicted index, overlap) pairs, best first, same kind only."""
    pairs = sorted(
        (
            (dice(g["text"], p.text), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if g["kind"] == p.kind.value
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for score, gi, pi in pairs:
        if score < MATCH_THRESHOLD or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, score))
    return out


def evaluate_document(doc: str, gold: Sequence[dict], predicted: Sequence[Item]) -> list[Outcome]:
    """Per-kind outcomes for one document."""
    pairs = match(gold, predicted)
    matched_g = {gi: pi for gi, pi, _ in pairs}
    matched_p = {pi: gi for gi, pi, _ in pairs}
    outcomes = []
    for kind in KINDS:
        o = Outcome(doc, kind, Counts())
        for gi, g in enumerate(gold):
            if g["kind"] != kind:
                continue
            clear = g.get("confidence", "clear") != "borderline"
            if gi in matched_g:
                if clear:
                    o.counts.tp += 1
                    o.matched.append((g, predicted[matched_g[gi]]))
            elif clear:
                o.counts.fn += 1
                o.missed.append(g)
        for pi, p in enumerate(predicted):
            if p.kind.value == kind and pi not in matched_p:
                # an item matching a borderline label of another kind is not counted against the tagger
                if any(
                    dice(g["text"], p.text) >= MATCH_THRESHOLD and g.get("confidence") == "borderline" for g in gold
                ):
                    continue
                o.counts.fp += 1
                o.spurious.append(p)
        outcomes.append(o)
    return outcomes


def attribute_accuracy(outcomes: Sequence[Outcome], attribute: str) -> tuple[int, int]:
    """(right, labelled) for made_by or due over matched clear items with that attribute labelled."""
    right = total = 0
    for o in outcomes:
        for g, p in o.matched:
            if g.get(attribute):
                total += 1
                right += same_attribute(attribute, g[attribute], getattr(p, attribute))
    return right, total


_OWN_SHORT_NAME = re.compile(r"^[a-z]{1,4}sc[pb]\b|^\S+( \S+)? safeguarding children (partnership|board)\b")


def same_attribute(attribute: str, gold: str, predicted: str | None) -> bool:
    """Whether a predicted attribute says what the label says. For made_by, a partnership's own
    short name is a convention ("HDSCP" or "HSCP" for Harrowdene's): both count as the partnership."""
    if predicted is None:
        return False
    g, p = gold.lower().strip(), predicted.lower().strip()
    if attribute == "made_by":
        g, p = _OWN_SHORT_NAME.sub("<partnership>", g), _OWN_SHORT_NAME.sub("<partnership>", p)
        return g == p or g in p or p in g
    return g == p


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Counts]:
    totals: dict[str, Counts] = {k: Counts() for k in KINDS}
    for o in outcomes:
        totals[o.kind].add(o.counts)
    return totals


def bootstrap_f1(outcomes: Sequence[Outcome], kind: str, rounds: int = 1000, seed: int = 7) -> tuple[float, float]:
    """A 90% interval for a kind's F1, resampling labelled and tagged items."""
    events = []
    for o in outcomes:
        if o.kind == kind:
            events += ["tp"] * o.counts.tp + ["fp"] * o.counts.fp + ["fn"] * o.counts.fn
    if not events:
        return 0.0, 0.0
    rng = random.Random(seed)
    scores = []
    for _ in range(rounds):
        sample = [rng.choice(events) for _ in events]
        c = Counts(sample.count("tp"), sample.count("fp"), sample.count("fn"))
        scores.append(c.f1)
    scores.sort()
    return scores[int(0.05 * rounds)], scores[int(0.95 * rounds) - 1]


def evaluate(labels: Labels, predicted: Mapping[str, Sequence[Item]]) -> list[Outcome]:
    """Outcomes for every labelled document that was tagged (file name -> items)."""
    out: list[Outcome] = []
    for doc in labels.documents():
        if doc in predicted:
            out += evaluate_document(doc, [g for g in labels.items if g["doc"] == doc], predicted[doc])
    return out


def agreement(first: Sequence[dict], second: Sequence[dict]) -> dict[str, float]:
    """How far two labellings of one document agree: items matched by wording (Dice >= 0.5,
    any kind), then Cohen's kappa over the kinds given to every item either labeller marked
    ("none" where the other did not), and the F1 of the second against the first."""
    pairs = sorted(
        ((dice(a["text"], b["text"]), i, j) for i, a in enumerate(first) for j, b in enumerate(second)), reverse=True
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    units: list[tuple[str, str]] = []
    for score, i, j in pairs:
        if score < MATCH_THRESHOLD or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        units.append((first[i]["kind"], second[j]["kind"]))
    units += [(a["kind"], "none") for i, a in enumerate(first) if i not in used_a]
    units += [("none", b["kind"]) for j, b in enumerate(second) if j not in used_b]
    labels = sorted({k for pair in units for k in pair})
    n = len(units)
    observed = sum(a == b for a, b in units) / n if n else 0.0
    expected = (
        sum((sum(a == k for a, _ in units) / n) * (sum(b == k for _, b in units) / n) for k in labels) if n else 0
    )
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    same_kind = sum(a == b for a, b in units if a != "none" and b != "none")
    return {
        "items first": len(first),
        "items second": len(second),
        "matched": len(used_a),
        "same kind when matched": round(same_kind / len(used_a), 3) if used_a else 0.0,
        "observed agreement": round(observed, 3),
        "kappa": round(kappa, 3),
        "f1 of second against first": round(2 * same_kind / (len(first) + len(second)), 3) if first or second else 0.0,
    }
