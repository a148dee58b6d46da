"""Related items across years: for each item, the closest item on the same subject in each
later document of the same partnership.

Candidates come from an inverted index of the items' rarer words, each word's list capped
so that a word every item uses cannot make the work quadratic; closeness is the tf-idf cosine
of the items' word sets, plus a little for a shared theme.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence

from core.model import Item, RelatedItem, StoredDocument
from core.text import STOP_WORDS, stems

MIN_SCORE = 0.3  # below this, sampled pairs read as unrelated more often than not
THEME_BONUS = 0.15  # per theme in common: the subject, even when the wording differs
MAX_POSTINGS = 200  # a word in more items than this is not used to find candidates
MAX_CANDIDATES = 100  # candidates scored per item, most rare words in common first


def find_related(items: Sequence[Item], docs: dict[str, StoredDocument], order: dict[str, tuple]) -> list[RelatedItem]:
    """Related items within each partnership (word rarity counted among that partnership's items)."""
    by_area: dict[str | None, list[Item]] = {}
    for item in items:
        if item.doc_id in docs:
            by_area.setdefault(docs[item.doc_id].partnership, []).append(item)
    return [r for group in by_area.values() for r in _related(group, docs, order)]


def _related(items: Sequence[Item], docs: dict[str, StoredDocument], order: dict[str, tuple]) -> list[RelatedItem]:
    words = {i.id: {w for w in stems(i.text) if w not in STOP_WORDS and not w.isdigit()} for i in items}
    df = Counter(w for ws in words.values() for w in ws)
    n = max(1, len(items))
    idf = {w: math.log(1 + n / c) for w, c in df.items()}
    postings: dict[str, list[Item]] = {}
    for item in items:
        for w in words[item.id]:
            postings.setdefault(w, []).append(item)
    out: list[RelatedItem] = []
    for item in items:
        doc = docs.get(item.doc_id)
        if doc is None:
            continue
        shared: dict[str, float] = {}  # idf of the words in common, so rare words choose the candidates
        by_id: dict[str, Item] = {}
        for w in words[item.id]:
            posting = postings[w]
            if len(posting) > MAX_POSTINGS:
                continue
            for other in posting:
                other_doc = docs.get(other.doc_id)
                if (
                    other_doc is None
                    or other_doc.partnership != doc.partnership
                    or order[other.doc_id] <= order[item.doc_id]
                ):
                    continue
                shared[other.id] = shared.get(other.id, 0.0) + idf[w]
                by_id[other.id] = other
        best: dict[str, tuple[float, Item, list[str]]] = {}
        mine = words[item.id]
        for other_id in heapq.nlargest(MAX_CANDIDATES, shared, key=shared.__getitem__):
            other = by_id[other_id]
            common = mine & words[other_id]
            # Cosine of idf-weighted word sets: a short item ("Implement the Neglect Strategy")
            # is not outweighed by a long one sharing only everyday words.
            norm = math.sqrt(sum(idf[w] ** 2 for w in mine) * sum(idf[w] ** 2 for w in words[other_id]))
            score = sum(idf[w] ** 2 for w in common) / (norm or 1.0)
            themes = sorted(set(item.themes) & set(other.themes))
            score += THEME_BONUS * len(themes)
            if score > best.get(other.doc_id, (0.0,))[0]:
                best[other.doc_id] = (score, other, themes)
        for score, other, themes in best.values():
            if score >= MIN_SCORE:
                why = [f"same theme: {', '.join(themes)}"] if themes else []
                common_words = sorted(mine & words[other.id], key=lambda w: -idf[w])[:5]
                why.append("shares " + ", ".join(common_words))
                out.append(RelatedItem(item.id, other.id, round(score, 3), tuple(why)))
    return out
