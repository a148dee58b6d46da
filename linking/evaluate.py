"""Score linking against hand-labelled links.

Gold is JSONL: {"item": {"doc": file name, "text": words from the item}, "status": label,
"evidence": [{"doc": file name, "text": words from the passage}, ...]}. An evidence
passage is found when one of the item's five best-scored evidence passages is in that
document and contains the words (case and spacing normalised). Status accuracy
compares the machine's status with the label; "implemented" given for an item
labelled "not_implemented" is counted apart: it must never happen.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.evaluate import normalise

TOP = 5


@dataclass
class LinkScores:
    expected: int = 0
    found: int = 0
    labelled: int = 0
    right: int = 0
    implemented_but_not: int = 0
    details: list[dict] = field(default_factory=list)

    def summary(self) -> dict:
        return {"items": self.labelled, f"evidence recall@{TOP}": round(self.found / self.expected, 3) if self.expected else 1.0,
                "status accuracy": round(self.right / self.labelled, 3) if self.labelled else 0.0,
                "implemented for not_implemented": self.implemented_but_not}


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(gold: list[dict], rows: list[tuple], doc_names: dict[str, str]) -> LinkScores:
    """rows: (item, document, ItemStatus) as from linking.status.load_statuses."""
    scores = LinkScores()
    for g in gold:
        want = normalise(g["item"]["text"])
        matches = [(item, st) for item, doc, st in rows
                   if doc_names.get(item.doc_id) == g["item"]["doc"] and want in normalise(item.text)]
        if not matches:
            raise ValueError(f"labelled item not found among tagged items: {g['item']['doc']}: {g['item']['text']}")
        item, st = matches[0]
        best = sorted(st.evidence, key=lambda e: -e["score"])[:TOP]
        missing = []
        for exp in g["evidence"]:
            text = normalise(exp["text"])
            if any(doc_names.get(e["doc_id"]) == exp["doc"] and text in normalise(e["text"]) for e in best):
                scores.found += 1
            else:
                missing.append(f"{exp['doc']}: {exp['text'][:50]}")
        scores.expected += len(g["evidence"])
        scores.labelled += 1
        scores.right += st.machine_status == g["status"]
        scores.implemented_but_not += g["status"] == "not_implemented" and st.machine_status == "implemented"
        scores.details.append({"item": item.text[:50], "label": g["status"], "status": st.machine_status,
                               "found": len(g["evidence"]) - len(missing), "expected": len(g["evidence"]),
                               "missing": "; ".join(missing)})
    return scores
