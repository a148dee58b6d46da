"""Score follow-up evidence and statuses against the hand-labelled links in tests/data/labels/.

Evidence: for every (labelled item, later document) pair with a labelled passage that says
something (not `unclear`), it is found when one of the linker's five best passages in that
document for the tagged item contains the labelled passage. A labelled item that was never
tagged counts as missed. Status: the labelled links give the item's status by the rule in
RULES.md (the latest document with any; `unclear` ignored; mixed results are in progress);
it is compared with the machine's status, with the precision of each status the machine
gives (how many "implemented" are right) and the confusion between them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.model import Evidence, Item, Status
from core.text import dice, normalise
from linking.linker import combine_signals

TOP = 5
MATCH_THRESHOLD = 0.5


def load_links(folder: Path) -> list[dict]:
    out = []
    for path in sorted((folder / "links").glob("*.jsonl")):
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def contains(passage: str, evidence: str) -> bool:
    """Whether a passage holds a labelled evidence sentence (or most of its words in order)."""
    p, e = normalise(passage), normalise(evidence)
    if e in p:
        return True
    words = e.split()
    if len(words) >= 12:
        return " ".join(words[:10]) in p or " ".join(words[-10:]) in p
    return False


def gold_status(links: Sequence[dict], order: Mapping[str, tuple]) -> Status:
    """An item's labelled status: its links in the latest document with any that say something."""
    said = [link for link in links if link.get("evidence_doc") and link["status"] not in ("unclear", "no_evidence")]
    if not said:
        return Status.NO_EVIDENCE
    latest = max(order.get(link["evidence_doc"], ()) for link in said)
    return (
        combine_signals(Status(link["status"]) for link in said if order.get(link["evidence_doc"], ()) == latest)
        or Status.NO_EVIDENCE
    )


@dataclass
class LinkScores:
    pairs: int = 0
    found: int = 0
    items: int = 0
    right: int = 0
    untagged: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, machine) -> count
    details: list[dict] = field(default_factory=list)

    def add(self, other: LinkScores) -> None:
        self.pairs += other.pairs
        self.found += other.found
        self.items += other.items
        self.right += other.right
        self.untagged += other.untagged
        self.confusion.update(other.confusion)
        self.details += other.details

    @property
    def recall(self) -> float:
        return self.found / self.pairs if self.pairs else 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.items if self.items else 0.0

    def precision(self, status: Status) -> tuple[int, int]:
        """(right, given) for one status the machine gave."""
        given = sum(n for (g, m), n in self.confusion.items() if m == status.value)
        right = self.confusion.get((status.value, status.value), 0)
        return right, given

    @property
    def implemented_for_not(self) -> int:
        return self.confusion.get((Status.NOT_IMPLEMENTED.value, Status.IMPLEMENTED.value), 0)


def evaluate(
    labels: Sequence[dict],
    labelled_items: Mapping[str, dict],
    tagged: Mapping[str, Sequence[Item]],
    evidence: Mapping[str, Sequence[Evidence]],
    machine: Mapping[str, Status],
    doc_names: Mapping[str, str],
    order: Mapping[str, tuple],
) -> dict[str, LinkScores]:
    """Scores per item document (file name). `tagged`: file name -> items; `evidence` and
    `machine`: by item id; `doc_names`: document id -> file name; `order`: file name -> chronology."""
    by_item: dict[str, list[dict]] = {}
    for link in labels:
        by_item.setdefault(link["item_id"], []).append(link)
    out: dict[str, LinkScores] = {}
    for item_id, links in by_item.items():
        gold_item = labelled_items.get(item_id)
        doc = links[0]["item_doc"]
        scores = out.setdefault(doc, LinkScores())
        text = gold_item["text"] if gold_item else links[0]["item_text"]
        candidates = sorted(((dice(text, i.text), i) for i in tagged.get(doc, [])), key=lambda p: -p[0])
        item = candidates[0][1] if candidates and candidates[0][0] >= MATCH_THRESHOLD else None
        if item is None:
            scores.untagged += 1
        found_evidence = list(evidence.get(item.id, [])) if item else []
        pairs: dict[str, list[dict]] = {}
        for link in links:
            if link.get("evidence_doc") and link["status"] != "unclear":
                pairs.setdefault(link["evidence_doc"], []).append(link)
        for evidence_doc, doc_links in pairs.items():
            best = sorted(
                (e for e in found_evidence if doc_names.get(e.doc_id) == evidence_doc), key=lambda e: -e.confidence
            )[:TOP]
            hit = any(contains(e.text, link["evidence_text"]) for e in best for link in doc_links)
            scores.pairs += 1
            scores.found += hit
            if not hit:
                scores.details.append(
                    {
                        "item": text[:70],
                        "doc": evidence_doc,
                        "missing": doc_links[0]["evidence_text"][:70],
                        "tagged": bool(item),
                    }
                )
        want = gold_status(links, order)
        got = machine.get(item.id, Status.NO_EVIDENCE) if item else Status.NO_EVIDENCE
        scores.items += 1
        scores.right += want is got
        scores.confusion[(want.value, got.value)] += 1
    return out
