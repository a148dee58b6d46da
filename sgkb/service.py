"""The knowledge base: the one object the command line, the web pages and the API all call.

`update` runs the pipeline (parse → tag → store → link → index); `decide` records a
clerk's decision; everything else reads. Reads never write: no GET and no read command
relinks or re-indexes, so what a reader sees is what the last update and decisions made.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path

from core import decisions as trail
from core.config import Config
from core.decisions import combine, decisions_by_item
from core.model import (
    Block,
    BlockKind,
    Decision,
    DecisionAction,
    DocumentType,
    Evidence,
    Item,
    ItemStatus,
    Kind,
    MachineStatus,
    RelatedItem,
    Status,
    StoredDocument,
)
from core.store import Store, StoreError
from index.indexer import SyncReport, current_build, index_root, sync
from index.search import Hit, IndexMissing, SearchIndex, SearchResults, Statuses
from sgkb.update import UpdateReport, run_update, update_lock

__all__ = ["KnowledgeBase", "ItemView", "StatusRow", "DecisionRow", "IndexMissing", "StoreError"]


@dataclass(frozen=True)
class StatusRow:
    """One line of the status board and the committee paper (with the document its latest
    evidence comes from, so the paper can name it)."""

    item: Item
    doc: StoredDocument
    status: ItemStatus
    evidence_doc: StoredDocument | None = None


@dataclass(frozen=True)
class DecisionRow:
    """One line of the decisions log: the decision with what it was about, named for people
    (the item and its document; for evidence decisions, the passage and its document)."""

    decision: Decision
    item: Item | None
    doc: StoredDocument | None
    evidence: Evidence | None = None
    evidence_doc: StoredDocument | None = None


@dataclass
class ItemView:
    """Everything the item page shows."""

    item: Item
    doc: StoredDocument
    status: ItemStatus
    context: list[tuple[int, Block]]
    timeline: list[tuple[StoredDocument, list[tuple[Evidence, str | None]]]]
    related: list[tuple[Item, RelatedItem, StoredDocument]]
    trail: list[Decision]
    earlier: list[tuple[Item, RelatedItem, StoredDocument]] = field(default_factory=list)


class KnowledgeBase:
    """Documents, items, links, decisions and the search index of one data folder."""

    def __init__(self, config: Config):
        self.config = config
        self._local = threading.local()
        self._index = SearchIndex(config.data_dir, semantic_signal=config.semantic)
        self._status_cache: tuple[object, dict[str, ItemStatus]] | None = None
        self._base_cache: tuple[object, dict[str, ItemStatus]] | None = None

    # -- connections --------------------------------------------------------------
    @property
    def store(self) -> Store:
        """This thread's connection to the store (opened once per thread)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.config.db_path, create=False)
            store.require_current()
            self._local.store = store
        return store

    def close(self) -> None:
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None

    @property
    def exists(self) -> bool:
        return self.config.db_path.exists()

    # -- writing ------------------------------------------------------------------
    def update(
        self,
        paths: list[Path] | None = None,
        *,
        prune: bool = False,
        rebuild: bool = False,
        partnership: str | None = None,
        tick: Callable[[], None] | None = None,
        on_total: Callable[[int], None] | None = None,
    ) -> UpdateReport:
        """Ingest files (default: the corpus folder), then link and index, once each."""
        self.close()
        report = run_update(
            self.config, paths, prune=prune, rebuild=rebuild, partnership=partnership, tick=tick, on_total=on_total
        )
        return report

    def reindex(self) -> SyncReport:
        """Rebuild the search index from the store (the old one serves until the new one is complete)."""
        with update_lock(self.config.data_dir):
            return sync(self.store, self.config.data_dir, rebuild=True, sentence_vectors=self.config.semantic)

    def decide(
        self,
        item_id: str,
        user: str,
        note: str,
        *,
        status: str | None = None,
        confirm: str | None = None,
        reject: str | None = None,
        confirm_status: bool = False,
    ) -> list[Decision]:
        """Record a clerk's decision (appended to the audit trail). Search reads statuses from
        the store, so nothing else needs redoing."""
        made = trail.record(
            self.store,
            item_id,
            user,
            note,
            status=status,
            confirm=confirm,
            reject=reject,
            confirm_status=confirm_status,
        )
        return made

    def reattach(self, old_item: str, new_item: str, user: str, note: str) -> list[Decision]:
        made = trail.reattach(self.store, old_item, new_item, user, note)
        return made

    # -- documents and items ---------------------------------------------------------
    def documents(self, *, alternates: bool = False, versions: bool = False) -> list[StoredDocument]:
        return self.store.documents(alternates=alternates, versions=versions)

    def document(self, ref: str) -> StoredDocument | None:
        """A document by id, id prefix, path or file name."""
        return self.store.find_document(ref)

    def blocks(self, doc_id: str) -> list[Block]:
        return self.store.blocks(doc_id)

    def items(self, doc: str | None = None, kind: Kind | str | None = None, theme: str | None = None) -> list[Item]:
        found = self.store.items(doc, kind)
        return [i for i in found if theme is None or theme.lower() in i.themes]

    def item(self, item_id: str) -> Item | None:
        return self.store.item(item_id)

    def documents_by_id(self) -> dict[str, StoredDocument]:
        return {d.id: d for d in self.store.documents(alternates=True, versions=True)}

    # -- statuses -----------------------------------------------------------------------
    def statuses(self, today: date | None = None) -> dict[str, ItemStatus]:
        """Every current item's status as a clerk sees it. The machine's part is worked out once
        per update; clerks' decisions (few, and changing often) are laid over it on each call."""
        today = today or self.config.today_date()
        store = self.store
        links_version, max_seq = self._version()
        base_key = (links_version, today)
        cached = self._status_cache
        if cached is not None and cached[0] == (base_key, max_seq):
            return cached[1]
        docs = self.documents_by_id()
        base = self._base_cache[1] if self._base_cache and self._base_cache[0] == base_key else None
        machine = store.machine_statuses()
        evidence: dict[str, list[Evidence]] = {}
        for e in store.evidence():
            evidence.setdefault(e.item_id, []).append(e)
        items = {i.id: i for i in store.items()}
        if base is None:
            base = {
                item_id: self._combine(item, docs, machine.get(item_id), evidence.get(item_id, []), [], today)
                for item_id, item in items.items()
            }
            self._base_cache = (base_key, base)
        result = dict(base)
        for item_id, decided in decisions_by_item(store).items():
            if item_id in items:
                result[item_id] = self._combine(
                    items[item_id], docs, machine.get(item_id), evidence.get(item_id, []), decided, today
                )
        self._status_cache = ((base_key, max_seq), result)
        return result

    def _combine(
        self,
        item: Item,
        docs: dict[str, StoredDocument],
        machine: MachineStatus | None,
        evidence: list[Evidence],
        decided: list[Decision],
        today: date,
    ) -> ItemStatus:
        order = {d.id: (d.date or d.period or "") for d in docs.values()}
        evidence = sorted(evidence, key=lambda e: (order.get(e.doc_id, ""), e.strong, e.confidence), reverse=True)
        doc = docs.get(item.doc_id)
        made_on = doc.date if doc else None
        if doc is not None and doc.doc_type is not DocumentType.MINUTES and item.due and item.due == doc.period:
            made_on = None  # a report's priority for its own year was set when the year began
        return combine(item.due, made_on, machine, evidence, decided, today)

    def _version(self) -> tuple:
        """(links version, last decision): changes with every update that relinks and every
        decision (decisions are append-only, so the last one's number tells)."""
        row = self.store.db.execute("SELECT MAX(seq) FROM decisions").fetchone()
        return self.store.get_meta("links_version"), row[0]

    def item_status(self, item: Item, today: date | None = None) -> ItemStatus:
        """One item's status, worked out for it alone (an item page needs no other)."""
        store = self.store
        return self._combine(
            item,
            self.documents_by_id(),
            store.machine_statuses(item.id).get(item.id),
            store.evidence(item.id),
            trail.decisions_for(store, item.id),
            today or self.config.today_date(),
        )

    def status_of(self, item_id: str, today: date | None = None) -> ItemStatus | None:
        return self.statuses(today).get(item_id)

    def status_rows(self, today: date | None = None) -> list[StatusRow]:
        """Every tracked item with its document and status, oldest document first."""
        statuses = self.statuses(today)
        docs = self.documents_by_id()
        rows = []
        for item in self.store.items():
            st = statuses.get(item.id)
            if st is not None:
                latest = st.latest_evidence
                rows.append(StatusRow(item, docs[item.doc_id], st, docs.get(latest.doc_id) if latest else None))
        return rows

    def search_statuses(self) -> Statuses:
        statuses = self.statuses()
        return Statuses(
            self._status_cache[0] if self._status_cache else None, {k: v.status.value for k, v in statuses.items()}
        )

    # -- one item -------------------------------------------------------------------
    def item_view(self, item_id: str, today: date | None = None) -> ItemView | None:
        store = self.store
        item = store.item(item_id)
        if item is None:
            return None
        docs = self.documents_by_id()
        status = self.item_status(item, today)
        first = max(0, item.block_seq - 1)
        context = [
            (seq, block)
            for seq, block in enumerate(store.blocks(item.doc_id, first, item.block_seq + 1), first)
            if block.kind is not BlockKind.HEADING
        ]
        ordered = sorted(status.evidence, key=lambda pair: (docs[pair[0].doc_id].date or "", -pair[0].confidence))
        timeline = [(docs[doc_id], list(group)) for doc_id, group in groupby(ordered, key=lambda p: p[0].doc_id)]
        related_rows = store.related(item.id)
        others = {i.id: i for i in store.items_by_ids([r.related_id for r in related_rows])}
        related = [
            (others[r.related_id], r, docs[others[r.related_id].doc_id]) for r in related_rows if r.related_id in others
        ]
        earlier_rows = [
            r
            for r in store.db.execute(
                "SELECT item_id, related_id, score, why FROM related WHERE related_id = ?", (item.id,)
            )
        ]
        before = {i.id: i for i in store.items_by_ids([r["item_id"] for r in earlier_rows])}
        earlier = [
            (
                before[r["item_id"]],
                RelatedItem(r["item_id"], r["related_id"], r["score"], ()),
                docs[before[r["item_id"]].doc_id],
            )
            for r in earlier_rows
            if r["item_id"] in before
        ]
        return ItemView(
            item, docs[item.doc_id], status, context, timeline, related, trail.decisions_for(store, item.id), earlier
        )

    def related(self, item_id: str) -> list[RelatedItem]:
        return self.store.related(item_id)

    # -- decisions --------------------------------------------------------------------
    def decisions(self, item_id: str | None = None) -> list[Decision]:
        return trail.decisions(self.store, item_id)

    def orphaned_decisions(self) -> list[Decision]:
        return trail.orphaned(self.store)

    def decision_rows(self, item_id: str | None = None) -> list[DecisionRow]:
        """The decisions log with each decision's item, document and evidence, oldest first
        (for one item: its own decisions and those carried into it from earlier versions)."""
        store = self.store
        found = trail.decisions_for(store, item_id) if item_id else self.decisions()
        docs = self.documents_by_id()
        items = {i.id: i for i in store.items_by_ids(sorted({d.item_id for d in found}))} if found else {}
        wanted = {
            d.value for d in found if d.action in (DecisionAction.CONFIRM_EVIDENCE, DecisionAction.REJECT_EVIDENCE)
        }
        evidence: dict[str, Evidence] = {}
        if wanted:
            # one item's log reads only its own evidence (and that of the items it was carried from)
            owners = {d.carried_from or d.item_id for d in found} if item_id else {None}
            pool = [e for owner in owners for e in store.evidence(owner)]
            evidence = {e.id: e for e in pool if e.id in wanted}
        rows = []
        for d in found:
            item = items.get(d.item_id)
            e = evidence.get(d.value) if d.value in wanted else None
            rows.append(
                DecisionRow(
                    d,
                    item,
                    docs.get(item.doc_id) if item else None,
                    e,
                    docs.get(e.doc_id) if e else None,
                )
            )
        return rows

    def decision_users(self) -> list[str]:
        """Everyone who has recorded a decision, by name."""
        return [r[0] for r in self.store.db.execute("SELECT DISTINCT user FROM decisions ORDER BY user")]

    # -- search -----------------------------------------------------------------------
    @property
    def has_index(self) -> bool:
        return current_build(index_root(self.config.data_dir)) is not None

    def search(self, query: str, *, sort: str = "relevance", page: int = 1, pagelen: int = 10) -> SearchResults:
        return self._index.search(query, sort=sort, page=page, pagelen=pagelen, statuses=self.search_statuses())

    def more_like_this(self, entry_id: str, limit: int = 10) -> list[Hit]:
        hits = self._index.more_like_this(entry_id, limit)
        statuses = self.search_statuses().of
        for hit in hits:
            hit.status = statuses.get(hit.item_id or "")
        return hits

    @property
    def index(self) -> SearchIndex:
        return self._index


def status_counts(rows: list[StatusRow], group: Callable[[StatusRow], list[str]]) -> dict[str, dict[str, int]]:
    """How many items of each status (and overdue) per group."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        for key in group(row):
            entry = counts.setdefault(key, {s.value: 0 for s in Status} | {"overdue": 0, "total": 0})
            entry[row.status.status.value] += 1
            entry["overdue"] += row.status.overdue
            entry["total"] += 1
    return counts
