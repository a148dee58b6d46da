"""Find follow-up evidence for every recommendation and priority, and related items across years.

Candidates come from the search index: passages of documents dated after the
item's own, matching the item's key words (its rarest words that are not
generic, and its acronyms). Each candidate is scored by signals that can be
said in a sentence ("why"): how well the key words retrieve it, how many of
them it uses, a shared theme, the item's own wording reused, the kind of
section (progress update, challenges, future plans), being in the next
document, and saying what happened (a status signal). The same document's
later progress sections and a priority table's update column count too.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from index.indexer import sync
from index.query import acronym_tokens
from index.schema import TEXT_ANALYZER
from index.search import Hit, SearchIndex
from linking.signals import linking_rules, rules_version, section_kind, status_signal
from sgkb.model import Block, Item, ItemKind
from sgkb.store import Store

FOLLOWED_KINDS = (ItemKind.RECOMMENDATION, ItemKind.PRIORITY)
NGRAM = 4
RELATED_MIN_SCORE = 0.2


@dataclass(frozen=True)
class LinkReport:
    items: int
    evidence: int
    related: int
    seconds: float

    def summary(self) -> str:
        return (f"linked {self.items} recommendations and priorities: {self.evidence} evidence passages, "
                f"{self.related} related items, in {self.seconds:.2f} s")


def links_version(store: Store) -> str:
    """Changes when the documents, their items or the linking rules change."""
    docs = "|".join(f"{d['id']}:{d['ingested_at']}:{d['date']}" for d in store.documents())
    return hashlib.sha1(f"{docs}|{store.get_meta('tagger_version')}|{rules_version()}".encode()).hexdigest()[:16]


def links_current(store: Store) -> bool:
    return store.get_meta("links_version") == links_version(store)


def ensure_links(store: Store, index: SearchIndex, data_dir) -> LinkReport | None:
    """Relink if the store changed since the links were made, then re-index the statuses that moved."""
    if links_current(store):
        return None
    report = link_all(store, index)
    sync(store, data_dir)
    return report


def link_all(store: Store, index: SearchIndex) -> LinkReport:
    """Recompute every item's evidence and related items and store them (decisions untouched)."""
    started = time.perf_counter()
    docs = {d["id"]: d for d in store.documents()}
    order = sorted(docs, key=lambda d: _when(docs[d]))
    items = [i for i in store.items() if i.kind in FOLLOWED_KINDS and i.doc_id in docs]
    evidence = []
    key_words = {item.id: key_words_of(item.text, index) for item in items}
    for item in items:
        later = order[order.index(item.doc_id) + 1:]
        own_block = next(iter(store.blocks(item.doc_id, item.block_seq, item.block_seq)), None)
        evidence += find_evidence(item, later, docs, own_block, index, key_words[item.id])
    related = find_related(items, order, key_words)
    store.replace_links(evidence, related, links_version(store))
    return LinkReport(len(items), len(evidence), len(related), time.perf_counter() - started)


def _when(doc: dict) -> tuple:
    return (doc["date"] or f"{doc['period'] or ''}"[:4] or "9999", doc["period"] or "")


def key_words_of(text: str, index: SearchIndex) -> list[str]:
    """An item's key words: its analysed words minus generic ones, rarest first, and its acronyms."""
    rules = linking_rules()
    generic = {t.text for w in rules.generic_words for t in TEXT_ANALYZER(w, mode="query")}
    words = []
    for token in TEXT_ANALYZER(text, mode="query"):
        word = token.text
        if word in generic or word in words or word.isdigit() or len(word) < 3:
            continue
        words.append(word)
    acronyms = [t.text for t in TEXT_ANALYZER(acronym_tokens(text), mode="query")]
    frequencies = {w: index.document_frequency(w) for w in words}
    ranked = sorted((w for w in words if frequencies[w] > 1), key=lambda w: frequencies[w])
    return list(dict.fromkeys(acronyms + ranked[: rules.key_terms]))


def find_evidence(item: Item, later: list[str], docs: dict, own_block: Block | None, index: SearchIndex,
                  words: list[str]) -> list[dict]:
    """The best few evidence passages per later document (and in the item's own document)."""
    rules = linking_rules()
    out: list[dict] = []
    own = _update_column(item, own_block)
    if own:
        out.append(own)
    own_date = docs[item.doc_id]["date"] or ""
    candidates = [h for h in index.passages_like(words, own_date, item.doc_id, limit=60)
                  if h.doc_id in docs and (h.doc_id == item.doc_id or h.doc_id in later)]
    best = max((h.score for h in candidates), default=0.0) or 1.0
    per_doc: dict[str, list[dict]] = {}
    for hit in candidates:
        if hit.doc_id == item.doc_id:
            # its own document: only a later progress section of another chapter (never in
            # minutes, where a later agenda item does not report on an earlier one)
            same_chapter = bool(item.section) and hit.section.split(" > ")[0] == item.section[0]
            if own or docs[item.doc_id]["type"] == "minutes" or hit.block_seq <= item.block_seq \
                    or same_chapter or section_kind(hit.section)[0] != "progress":
                continue
        candidate = _score(item, hit, words, best, next_doc=bool(later) and hit.doc_id == later[0])
        if candidate["score"] >= rules.min_score:
            per_doc.setdefault(hit.doc_id, []).append(candidate)
    for doc_id, found in per_doc.items():
        found.sort(key=lambda e: -e["score"])
        out += found[: rules.per_document]
    return out


def _evidence_id(item_id: str, entry_id: str) -> str:
    return hashlib.sha1(f"{item_id}|{entry_id}".encode()).hexdigest()[:12]


def _update_column(item: Item, block: Block | None) -> dict | None:
    """A priority in a "Priority | End of Year Update" table row is followed up by the row's other cells."""
    rules = linking_rules()
    if block is None or not block.headers or len(block.cells) < 2:
        return None
    update_cols = [i for i, h in enumerate(block.headers) if i > 0 and rules.update_headers.search(h)]
    text = " ".join(block.cells[i] for i in update_cols if i < len(block.cells)).strip()
    if not text:
        return None
    signal, words = status_signal(text)
    header = block.headers[update_cols[0]]
    why = [f"the row's '{header}' column"] + ([f"says '{words}'"] if words else [])
    entry_id = f"p:{item.doc_id}:{item.block_seq}"
    return {"id": _evidence_id(item.id, entry_id + "#update"), "item_id": item.id, "entry_id": entry_id,
            "doc_id": item.doc_id, "block_seq": item.block_seq, "page": item.page, "section": " > ".join(item.section),
            "text": text, "score": 5.0, "signal": signal, "signal_words": words, "why": why}


def _score(item: Item, hit: Hit, words: list[str], best: float, next_doc: bool) -> dict:
    rules = linking_rules()
    w = rules.weights
    why: list[str] = []
    score = w["retrieval"] * hit.score / best
    passage_words = _analysed_words(hit.text)
    shared = [x for x in words if x in passage_words]
    if words:
        score += w["key_terms"] * len(shared) / len(words)
        why.append(f"uses {len(shared)} of {len(words)} key words ({', '.join(shared[:5])})")
    themes = sorted(set(item.themes) & set(hit.themes))
    if themes:
        score += w["theme"]
        why.append(f"same theme: {', '.join(themes)}")
    reused = _shared_run(item.text, hit.text)
    if reused:
        score += w["wording"]
        why.append(f"reuses the wording '{reused}'")
    kind, weight = section_kind(hit.section)
    if kind:
        score += weight
        why.append(f"{kind} section '{hit.section.split(' > ')[-1][:60]}'")
    if next_doc:
        score += w["next_document"]
        why.append("in the next document")
    signal, signal_words = status_signal(hit.text)
    if signal:
        score += w["has_signal"]
        why.append(f"says '{signal_words}'")
    return {"id": _evidence_id(item.id, hit.id), "item_id": item.id, "entry_id": hit.id, "doc_id": hit.doc_id,
            "block_seq": hit.block_seq, "page": hit.page, "section": hit.section, "text": hit.text,
            "score": round(score, 3), "signal": signal, "signal_words": signal_words, "why": why}


@lru_cache(maxsize=50_000)
def _analysed_words(text: str) -> frozenset[str]:
    """A passage's index words (acronyms included); passages recur across items, so cached."""
    return frozenset(t.text for t in TEXT_ANALYZER(text + "\n" + acronym_tokens(text), mode="query"))


def _shared_run(a: str, b: str) -> str | None:
    """The longest run of NGRAM+ words (not all generic) the two texts share, if any."""
    generic = linking_rules().generic_words
    wa = re.findall(r"[a-z0-9']+", a.lower())
    wb = " " + " ".join(re.findall(r"[a-z0-9']+", b.lower())) + " "
    best = None
    for i in range(len(wa) - NGRAM + 1):
        gram = wa[i:i + NGRAM]
        if all(g in generic or len(g) < 4 for g in gram) or f" {' '.join(gram)} " not in wb:
            continue
        j = i + NGRAM
        while j < len(wa) and f" {' '.join(wa[i:j + 1])} " in wb:
            j += 1
        run = " ".join(wa[i:j])
        if best is None or len(run) > len(best):
            best = run
    return best


def find_related(items: list[Item], order: list[str], key_words: dict[str, list[str]]) -> list[dict]:
    """Chains across years: for each item, the closest item of a shared theme in each later document
    (closeness: the share of key words in common, plus a little per shared theme)."""
    position = {doc_id: i for i, doc_id in enumerate(order)}
    by_word: dict[str, list[Item]] = {}
    for item in items:
        for word in key_words[item.id]:
            by_word.setdefault(word, []).append(item)
    out = []
    for item in items:
        mine = set(key_words[item.id])
        shared_with: dict[str, set[str]] = {}
        for word in mine:
            for other in by_word[word]:
                if position[other.doc_id] > position[item.doc_id]:
                    shared_with.setdefault(other.id, set()).add(word)
        others = {o.id: o for w in mine for o in by_word[w]}
        best: dict[str, tuple[float, Item, list[str], set[str]]] = {}
        for other_id, shared in shared_with.items():
            other = others[other_id]
            themes = sorted(set(item.themes) & set(other.themes))
            if not themes:
                continue
            score = len(shared) / len(mine | set(key_words[other_id])) + 0.1 * len(themes)
            if score > best.get(other.doc_id, (0.0,))[0]:
                best[other.doc_id] = (score, other, themes, shared)
        for score, other, themes, shared in best.values():
            if score >= RELATED_MIN_SCORE:
                out.append({"item_id": item.id, "related_id": other.id, "score": round(score, 3),
                            "why": json.dumps([f"same theme: {', '.join(themes)}",
                                               f"shares {', '.join(sorted(shared)[:5])}"])})
    return out
