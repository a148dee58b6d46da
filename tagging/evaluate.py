"""Score tagged items against a hand-labelled gold set.

A predicted item matches a gold item when both are in the same document, of
the same kind, and their texts overlap substantially: the Dice coefficient of
their word sets (2|A∩B| / (|A|+|B|)) is at least 0.5. Matching is one-to-one,
best pairs first. Documents listed as held out are reported separately.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sgkb.model import Item, ItemKind
from tagging.rules import load_rules

MATCH_THRESHOLD = 0.5
KINDS = [k.value for k in ItemKind]


def words(text: str) -> set[str]:
    return set(re.findall(r"[0-9a-z]+", text.lower()))


def overlap(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

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
class Report:
    """Scores per split ("tuned", "held_out") and kind, attribute accuracy, and the errors."""

    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)
    attributes: dict[tuple[str, str], list[bool]] = field(default_factory=dict)
    false_positives: list[tuple[str, Item]] = field(default_factory=list)
    false_negatives: list[dict] = field(default_factory=list)
    attribute_errors: list[tuple[str, str, dict, Item]] = field(default_factory=list)

    def count(self, split: str, kind: str) -> Counts:
        return self.counts.setdefault((split, kind), Counts())

    def rows(self) -> list[dict]:
        out = []
        for (split, kind), c in sorted(self.counts.items()):
            out.append({"split": split, "kind": kind, "gold": c.tp + c.fn, "predicted": c.tp + c.fp,
                        "precision": round(c.precision, 3), "recall": round(c.recall, 3), "f1": round(c.f1, 3)})
        return out

    def attribute_rows(self) -> list[dict]:
        return [{"split": split, "attribute": attr, "labelled": len(v), "accuracy": round(sum(v) / len(v), 3)}
                for (split, attr), v in sorted(self.attributes.items()) if v]


def load_gold(path: Path) -> tuple[list[dict], dict]:
    """Gold items (JSONL) and the labelling scope (the `.scope.yaml` beside them)."""
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    scope_path = path.with_name(path.name.replace(".jsonl", ".scope.yaml"))
    scope = yaml.safe_load(scope_path.read_text(encoding="utf-8")) if scope_path.exists() else {}
    scope.setdefault("documents", sorted({g["doc"] for g in gold}))
    scope.setdefault("actions_everywhere", [])
    scope.setdefault("held_out", [])
    return gold, scope


def in_action_scope(item: Item, doc: str, scope: dict) -> bool:
    rules = load_rules()
    return doc in scope["actions_everywhere"] or rules.any(rules.future_sections, " > ".join(item.section))


def evaluate(gold: list[dict], scope: dict, predicted: dict[str, list[Item]]) -> Report:
    """Compare predictions (file name -> items) with the gold items."""
    report = Report()
    for doc in scope["documents"]:
        split = "held_out" if doc in scope["held_out"] else "tuned"
        for kind in KINDS:
            golds = [g for g in gold if g["doc"] == doc and g["kind"] == kind]
            preds = [p for p in predicted.get(doc, []) if p.kind.value == kind
                     and (kind != ItemKind.ACTION.value or in_action_scope(p, doc, scope))]
            pairs = sorted(((overlap(g["text"], p.text), gi, pi) for gi, g in enumerate(golds)
                            for pi, p in enumerate(preds)), reverse=True)
            used_g, used_p = set(), set()
            for score, gi, pi in pairs:
                if score < MATCH_THRESHOLD or gi in used_g or pi in used_p:
                    continue
                used_g.add(gi)
                used_p.add(pi)
                for attr in ("made_by", "due"):
                    if golds[gi].get(attr):
                        right = (getattr(preds[pi], attr) or "").lower() == golds[gi][attr].lower()
                        report.attributes.setdefault((split, attr), []).append(right)
                        if not right:
                            report.attribute_errors.append((split, attr, golds[gi], preds[pi]))
            c = report.count(split, kind)
            c.tp += len(used_g)
            c.fn += len(golds) - len(used_g)
            c.fp += len(preds) - len(used_p)
            report.false_negatives += [golds[i] for i in range(len(golds)) if i not in used_g]
            report.false_positives += [(doc, preds[i]) for i in range(len(preds)) if i not in used_p]
    return report
