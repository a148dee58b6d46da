"""The two small models linking learns from labelled links (trained by `linking/train.py`).

- The **ranker**: a logistic regression over a candidate passage's aboutness features (see
  `linking.linker.FEATURES`): the probability that the passage is follow-up evidence about
  the item. A passage at or above `threshold` is strong enough to give the item a status.
- The **status reader**: a multinomial logistic regression over a passage's words and word
  pairs (and its cue, from linking/data/linking.yaml) for what it says happened:
  implemented, in progress, not implemented or superseded. Wording cues decide when present;
  the reader speaks otherwise, and only when sure (`status_threshold`, higher for
  "implemented", the answer that must not be wrong).

Both are plain weights in `linking/data/model.json`, reproducible with `make train`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.model import Status
from core.text import tokens

MODEL = Path(__file__).resolve().parent / "data" / "model.json"
STATUSES = (Status.IMPLEMENTED, Status.IN_PROGRESS, Status.NOT_IMPLEMENTED, Status.SUPERSEDED)


def status_features(text: str, cue: Status | None) -> set[str]:
    """The status reader's features: words, word pairs, and the wording cue."""
    words = tokens(text)
    found = set(words) | {f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
    found.add(f"CUE_{cue.value if cue else 'none'}")
    return found


@dataclass(frozen=True)
class LinkModel:
    ranker: dict[str, float]
    ranker_bias: float
    threshold: float
    status_weights: dict[str, list[float]]
    status_bias: list[float]
    status_threshold: float
    implemented_threshold: float

    def aboutness(self, features: dict[str, float]) -> float:
        z = self.ranker_bias + sum(self.ranker.get(k, 0.0) * v for k, v in features.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def status_probabilities(self, text: str, cue: Status | None) -> dict[Status, float]:
        z = list(self.status_bias)
        for f in status_features(text, cue):
            w = self.status_weights.get(f)
            if w:
                z = [a + b for a, b in zip(z, w, strict=True)]
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return {s: e / total for s, e in zip(STATUSES, exp, strict=True)}

    def read_status(self, text: str, cue: Status | None) -> tuple[Status | None, float]:
        """What a passage says happened: its cue when it has one, else the reader's answer when sure."""
        if cue is not None:
            return cue, 1.0
        probs = self.status_probabilities(text, cue)
        best = max(probs, key=lambda s: probs[s])
        needed = self.implemented_threshold if best is Status.IMPLEMENTED else self.status_threshold
        return (best, probs[best]) if probs[best] >= needed else (None, probs[best])


@lru_cache(maxsize=1)
def load_model() -> LinkModel | None:
    """The trained weights, or None before `make train` has written them."""
    if not MODEL.exists():
        return None
    raw = json.loads(MODEL.read_text(encoding="utf-8"))
    return LinkModel(
        ranker=raw["ranker"],
        ranker_bias=raw["ranker_bias"],
        threshold=raw["threshold"],
        status_weights=raw["status_weights"],
        status_bias=raw["status_bias"],
        status_threshold=raw["status_threshold"],
        implemented_threshold=raw["implemented_threshold"],
    )
