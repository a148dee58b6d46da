"""The SQLite store: the system of record for documents, items, links and what users made.

Documents are kept with their versions (a lineage is one document across versions; one
version is current) and their alternate formats. Everything derived (items, links, machine
statuses) hangs off ids kept here, and is replaced wholesale by the stage that makes it, in
one transaction, so a crash or Ctrl-C leaves the store as it was. Clerks' decisions and user
accounts are never derived: see `core.decisions` and `sgkb user`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from core.model import (
    Alternate,
    Block,
    BlockKind,
    Document,
    DocumentMeta,
    DocumentType,
    Evidence,
    Item,
    Kind,
    MachineStatus,
    RelatedItem,
    Status,
    StoredDocument,
)
from core.periods import chronology_key

SCHEMA_VERSION = 5

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    lineage TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    current INTEGER NOT NULL DEFAULT 1,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    period TEXT,
    date TEXT,
    publisher TEXT,
    partnership TEXT,
    sources TEXT NOT NULL DEFAULT '{}',
    pages INTEGER,
    ingestor_version INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '[]',
    alternate_of TEXT REFERENCES documents(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS documents_lineage ON documents(lineage, version);
CREATE TABLE IF NOT EXISTS blocks (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    page INTEGER,
    level INTEGER,
    section TEXT NOT NULL,
    lead_in TEXT,
    cells TEXT NOT NULL,
    headers TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    block_seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    section TEXT NOT NULL,
    page INTEGER,
    period TEXT,
    made_by TEXT,
    addressee TEXT,
    due TEXT,
    themes TEXT NOT NULL,
    lead_in TEXT
);
CREATE INDEX IF NOT EXISTS items_doc ON items(doc_id, block_seq);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Machine-found follow-up evidence, related items and statuses: recomputed, replaced wholesale.
CREATE TABLE IF NOT EXISTS evidence (
    id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    passage_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    block_seq INTEGER NOT NULL,
    page INTEGER,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    score REAL NOT NULL,
    confidence REAL NOT NULL,
    strong INTEGER NOT NULL,
    signal TEXT,
    signal_words TEXT,
    matched TEXT NOT NULL,
    why TEXT NOT NULL,
    PRIMARY KEY (item_id, id)
);
CREATE TABLE IF NOT EXISTS related (
    item_id TEXT NOT NULL,
    related_id TEXT NOT NULL,
    score REAL NOT NULL,
    why TEXT NOT NULL,
    PRIMARY KEY (item_id, related_id)
);
CREATE TABLE IF NOT EXISTS machine_status (
    item_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    confidence REAL NOT NULL,
    evidence_ids TEXT NOT NULL
);
-- Clerks' decisions: an audit trail, only ever appended to (see core.decisions). No foreign
-- key: a decision outlives its item (a revised document) and is then listed as orphaned.
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('set_status', 'confirm_evidence', 'reject_evidence', 'confirm_status',
                                           'carry_over')),
    value TEXT NOT NULL,
    note TEXT NOT NULL,
    user TEXT NOT NULL,
    at TEXT NOT NULL,
    carried_from TEXT
);
CREATE INDEX IF NOT EXISTS decisions_item ON decisions(item_id, seq);
CREATE TRIGGER IF NOT EXISTS decisions_are_never_changed BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are an audit trail: append a new one instead'); END;
CREATE TRIGGER IF NOT EXISTS decisions_are_never_deleted BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are an audit trail: append a new one instead'); END;
-- INSERT OR REPLACE (and REPLACE INTO) on an existing row deletes it without firing the
-- delete trigger unless recursive triggers are on: refuse any insert that names a used seq.
CREATE TRIGGER IF NOT EXISTS decisions_are_never_replaced BEFORE INSERT ON decisions
WHEN NEW.seq IS NOT NULL AND EXISTS (SELECT 1 FROM decisions WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'decisions are an audit trail: append a new one instead'); END;
-- People who may change things in the web UI (passwords hashed, never stored). Raising
-- session_version ends every session signed in before.
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    session_version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(key, at);
"""


class StoreError(Exception):
    """The store cannot be opened, or is from an incompatible version."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A connection to the SQLite store with the operations the stages and doors need."""

    def __init__(self, path: Path, *, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run `sgkb ingest` first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA recursive_triggers = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.schema_version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable SQLite database: {exc}") from exc
        if self.schema_version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer safeguarding-kb (schema {self.schema_version})")
        if self.schema_version == 0:  # a new file (a current store is opened without writing)
            self.db.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
            self.schema_version = SCHEMA_VERSION

    @property
    def outdated(self) -> bool:
        """Written by an older safeguarding-kb: `sgkb ingest` rebuilds it, keeping what users made."""
        return self.schema_version < SCHEMA_VERSION

    def require_current(self) -> None:
        if self.outdated:
            raise StoreError(
                f"{self.path} was written by an older safeguarding-kb: run `sgkb ingest` to upgrade it "
                "(clerks' decisions and users are kept)"
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing unit of work; rolled back on any exception, Ctrl-C included."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes whenever another connection commits (SQLite's data_version), for caches."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    # -- meta -------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str, db: sqlite3.Connection | None = None) -> None:
        if db is not None:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
            return
        with self.transaction() as tx:
            tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- documents: writing -----------------------------------------------------
    def save_document(
        self,
        doc: Document,
        lineage: str,
        ingestor_version: int,
        items: Iterable[Item] = (),
        *,
        replaces: str | None = None,
        alternate_of: str | None = None,
    ) -> None:
        """Store a parsed document and its items in one transaction.

        `replaces`: the id of the version this one succeeds (kept, no longer current, its
        items dropped: they move to the new version, keeping their ids where the text is the
        same). `alternate_of`: the primary this file is another format of (no items).
        """
        with self.transaction() as db:
            version = 1
            if replaces:
                row = db.execute("SELECT version FROM documents WHERE id = ?", (replaces,)).fetchone()
                version = (row["version"] if row else 0) + 1
                db.execute("UPDATE documents SET current = 0 WHERE id = ?", (replaces,))
                db.execute("DELETE FROM items WHERE doc_id = ?", (replaces,))
                db.execute("UPDATE documents SET alternate_of = ? WHERE alternate_of = ?", (doc.id, replaces))
            # The same file read again (same id): its alternates must survive the delete below,
            # whose ON DELETE SET NULL would otherwise make them primaries.
            twins = [r[0] for r in db.execute("SELECT id FROM documents WHERE alternate_of = ?", (doc.id,))]
            db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            db.execute(
                "INSERT INTO documents (id, lineage, version, current, path, format, sha256, title, type, period, date,"
                " publisher, partnership, sources, pages, ingestor_version, ingested_at, warnings, notes, alternate_of)"
                " VALUES (?,?,?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    lineage,
                    version,
                    doc.path,
                    doc.format,
                    doc.sha256,
                    doc.meta.title,
                    doc.meta.doc_type.value,
                    doc.meta.period,
                    doc.meta.date,
                    doc.meta.publisher,
                    doc.meta.partnership,
                    json.dumps(doc.meta.sources),
                    doc.pages,
                    ingestor_version,
                    now_iso(),
                    json.dumps(list(doc.warnings)),
                    json.dumps(list(doc.notes)),
                    alternate_of,
                ),
            )
            db.executemany("UPDATE documents SET alternate_of = ? WHERE id = ?", [(doc.id, t) for t in twins])
            db.executemany(
                "INSERT INTO blocks (doc_id, seq, kind, text, page, level, section, lead_in, cells, headers)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        seq,
                        b.kind.value,
                        b.text,
                        b.page,
                        b.level,
                        json.dumps(b.section),
                        b.lead_in,
                        json.dumps(b.cells),
                        json.dumps(b.headers),
                    )
                    for seq, b in enumerate(doc.blocks)
                ],
            )
            _insert_items(db, items)

    def replace_items(self, doc_id: str, items: Iterable[Item]) -> None:
        """Swap a document's tagged items (after the tagger's rules changed)."""
        with self.transaction() as db:
            db.execute("DELETE FROM items WHERE doc_id = ?", (doc_id,))
            _insert_items(db, items)

    def set_alternate(self, doc_id: str, primary: str | None) -> None:
        """Mark a document as another format of `primary` (None: a primary itself); alternates hold no items."""
        with self.transaction() as db:
            db.execute("UPDATE documents SET alternate_of = ? WHERE id = ?", (primary, doc_id))
            if primary:
                db.execute("DELETE FROM items WHERE doc_id = ?", (doc_id,))

    def move_document(self, doc_id: str, path: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE documents SET path = ? WHERE id = ?", (path, doc_id))

    def update_meta(self, doc_id: str, meta: DocumentMeta) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET title = ?, type = ?, period = ?, date = ?, publisher = ?, partnership = ?,"
                " sources = ? WHERE id = ?",
                (
                    meta.title,
                    meta.doc_type.value,
                    meta.period,
                    meta.date,
                    meta.publisher,
                    meta.partnership,
                    json.dumps(meta.sources),
                    doc_id,
                ),
            )

    def delete_lineage(self, lineage: str) -> None:
        """Remove a document with all its versions (its file is gone: `ingest --prune`)."""
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE lineage = ?", (lineage,))

    def delete_document(self, doc_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- documents: reading -----------------------------------------------------
    def documents(self, *, alternates: bool = False, versions: bool = False) -> list[StoredDocument]:
        """Documents in the order they appeared (by date, then period): the current version of
        each primary, unless alternates or superseded versions are asked for too."""
        where = []
        if not alternates:
            where.append("alternate_of IS NULL")
        if not versions:
            where.append("current = 1")
        sql = "SELECT * FROM documents" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.db.execute(sql).fetchall()
        extra: dict[str, list[Alternate]] = {}
        for row in self.db.execute(
            "SELECT id, path, format, alternate_of FROM documents WHERE alternate_of IS NOT NULL AND current = 1"
        ):
            extra.setdefault(row["alternate_of"], []).append(Alternate(row["id"], row["path"], row["format"]))
        docs = [_document(r, extra.get(r["id"], [])) for r in rows]
        return sorted(docs, key=lambda d: (chronology_key(d.date, d.period), d.title, d.id))

    def document(self, doc_id: str) -> StoredDocument | None:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        alternates = [
            Alternate(r["id"], r["path"], r["format"])
            for r in self.db.execute(
                "SELECT id, path, format FROM documents WHERE alternate_of = ? AND current = 1", (doc_id,)
            )
        ]
        return _document(row, alternates)

    def find_document(self, ref: str) -> StoredDocument | None:
        """The current version of a document by id (or a unique id prefix), path, or file name."""
        rows = self.db.execute("SELECT id, path, current FROM documents ORDER BY current DESC, version DESC").fetchall()
        for row in rows:
            if ref == row["id"]:
                return self.document(row["id"])
        for row in rows:
            if row["current"] and ref in (row["path"], Path(row["path"]).name):
                return self.document(row["id"])
        prefixed = [r["id"] for r in rows if len(ref) >= 4 and r["id"].startswith(ref)]
        return self.document(prefixed[0]) if len(prefixed) == 1 else None

    def versions(self, lineage: str) -> list[StoredDocument]:
        """Every version of a document, newest first."""
        return [
            _document(r, [])
            for r in self.db.execute("SELECT * FROM documents WHERE lineage = ? ORDER BY version DESC", (lineage,))
        ]

    def current_at_path(self, path: str) -> StoredDocument | None:
        row = self.db.execute("SELECT id FROM documents WHERE path = ? AND current = 1", (path,)).fetchone()
        return self.document(row["id"]) if row else None

    def by_hash(self, sha256: str) -> list[StoredDocument]:
        return [
            _document(r, [])
            for r in self.db.execute("SELECT * FROM documents WHERE sha256 = ? ORDER BY current DESC", (sha256,))
        ]

    def ingestor_version(self, doc_id: str) -> int:
        row = self.db.execute("SELECT ingestor_version FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else 0

    def blocks(self, doc_id: str, first: int = 0, last: int | None = None) -> list[Block]:
        """A document's blocks in order (or those with seq from first to last)."""
        rows = self.db.execute(
            "SELECT * FROM blocks WHERE doc_id = ? AND seq >= ? AND seq <= ? ORDER BY seq",
            (doc_id, first, last if last is not None else 2**62),
        )
        return [
            Block(
                kind=BlockKind(r["kind"]),
                text=r["text"],
                page=r["page"],
                level=r["level"],
                section=tuple(json.loads(r["section"])),
                lead_in=r["lead_in"],
                cells=tuple(json.loads(r["cells"])),
                headers=tuple(json.loads(r["headers"])),
            )
            for r in rows
        ]

    def load_document(self, doc_id: str) -> Document:
        """Rebuild the full Document (metadata and blocks) from the store."""
        stored = self.document(doc_id)
        if stored is None:
            raise KeyError(doc_id)
        return Document(
            id=stored.id,
            path=stored.path,
            format=stored.format,
            sha256=stored.sha256,
            meta=stored.meta,
            pages=stored.pages,
            blocks=tuple(self.blocks(doc_id)),
            warnings=stored.warnings,
            notes=stored.notes,
        )

    # -- items ------------------------------------------------------------------
    def items(self, doc_id: str | None = None, kind: Kind | str | None = None) -> list[Item]:
        """Tagged items of the current primary documents (or of one document), in reading order by date."""
        sql = "SELECT i.* FROM items i JOIN documents d ON d.id = i.doc_id WHERE d.current = 1"
        params: list = []
        if doc_id:
            sql += " AND i.doc_id = ?"
            params.append(doc_id)
        if kind:
            sql += " AND i.kind = ?"
            params.append(Kind(kind).value)
        order = {d.id: n for n, d in enumerate(self.documents())}
        found = [_item(r) for r in self.db.execute(sql, params)]
        return sorted(found, key=lambda i: (order.get(i.doc_id, len(order)), i.doc_id, i.block_seq, i.start))

    def item(self, item_id: str) -> Item | None:
        found = self.items_by_ids([item_id])
        return found[0] if found else None

    def items_by_ids(self, ids: list[str]) -> list[Item]:
        rows = self.db.execute(f"SELECT * FROM items WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
        return [_item(r) for r in rows]

    def item_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM items")}

    # -- links ------------------------------------------------------------------
    def replace_links(
        self,
        evidence: Iterable[Evidence],
        related: Iterable[RelatedItem],
        statuses: Iterable[MachineStatus],
        version: str,
    ) -> None:
        """Swap in a fresh set of machine links and statuses (clerks' decisions are untouched)."""
        with self.transaction() as db:
            for table in ("evidence", "related", "machine_status"):
                db.execute(f"DELETE FROM {table}")
            db.executemany(
                "INSERT INTO evidence (id, item_id, passage_id, doc_id, block_seq, page, section, text, score,"
                " confidence, strong, signal, signal_words, matched, why) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        e.id,
                        e.item_id,
                        e.passage_id,
                        e.doc_id,
                        e.block_seq,
                        e.page,
                        e.section,
                        e.text,
                        e.score,
                        e.confidence,
                        int(e.strong),
                        e.signal.value if e.signal else None,
                        e.signal_words,
                        json.dumps(list(e.matched)),
                        json.dumps(list(e.why)),
                    )
                    for e in evidence
                ],
            )
            db.executemany(
                "INSERT INTO related (item_id, related_id, score, why) VALUES (?,?,?,?)",
                [(r.item_id, r.related_id, r.score, json.dumps(list(r.why))) for r in related],
            )
            db.executemany(
                "INSERT INTO machine_status (item_id, status, confidence, evidence_ids) VALUES (?,?,?,?)",
                [(s.item_id, s.status.value, s.confidence, json.dumps(list(s.evidence_ids))) for s in statuses],
            )
            self.set_meta("links_version", version, db)

    def evidence(self, item_id: str | None = None) -> list[Evidence]:
        sql = "SELECT * FROM evidence" + (" WHERE item_id = ?" if item_id else "") + " ORDER BY item_id, score DESC"
        return [_evidence(r) for r in self.db.execute(sql, (item_id,) if item_id else ())]

    def related(self, item_id: str | None = None) -> list[RelatedItem]:
        sql = "SELECT * FROM related" + (" WHERE item_id = ?" if item_id else "") + " ORDER BY item_id, score DESC"
        return [
            RelatedItem(r["item_id"], r["related_id"], r["score"], tuple(json.loads(r["why"])))
            for r in self.db.execute(sql, (item_id,) if item_id else ())
        ]

    def machine_statuses(self, item_id: str | None = None) -> dict[str, MachineStatus]:
        sql = "SELECT * FROM machine_status" + (" WHERE item_id = ?" if item_id else "")
        return {
            r["item_id"]: MachineStatus(
                r["item_id"], Status(r["status"]), r["confidence"], tuple(json.loads(r["evidence_ids"]))
            )
            for r in self.db.execute(sql, (item_id,) if item_id else ())
        }

    # -- users --------------------------------------------------------------------
    def set_user(self, name: str, password_hash: str) -> None:
        """Create a user, or set a new password (which ends the user's other sessions)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO"
                " UPDATE SET password_hash = excluded.password_hash, session_version = session_version + 1",
                (name, password_hash, now_iso()),
            )

    def password_hash(self, name: str) -> str | None:
        row = self.db.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
        return row["password_hash"] if row else None

    def session_version(self, name: str) -> int | None:
        row = self.db.execute("SELECT session_version FROM users WHERE name = ?", (name,)).fetchone()
        return row["session_version"] if row else None

    def end_sessions(self, name: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE users SET session_version = session_version + 1 WHERE name = ?", (name,))

    def user_names(self) -> list[str]:
        return [r["name"] for r in self.db.execute("SELECT name FROM users ORDER BY name")]

    def record_login_failure(self, keys: Iterable[str], at: float) -> None:
        with self.transaction() as db:
            db.executemany("INSERT INTO login_failures (key, at) VALUES (?, ?)", [(k, at) for k in keys])
            db.execute("DELETE FROM login_failures WHERE at < ?", (at - 86400,))

    def login_failures(self, key: str, since: float) -> list[float]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT at FROM login_failures WHERE key = ? AND at >= ? ORDER BY at", (key, since)
            )
        ]

    def clear_login_failures(self, keys: Iterable[str]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM login_failures WHERE key = ?", [(k,) for k in keys])

    # -- carrying what users made into a fresh store ------------------------------------
    def copy_user_data_from(self, other: Path) -> list[tuple[str, str, str]]:
        """Carry clerks' decisions and user accounts over from another store file (a rebuild
        or an upgrade starts a fresh store but must lose none of them). Returns the other
        store's items as (id, kind, text), so decisions can be re-attached by wording."""
        if not Path(other).exists():
            return []
        self.db.execute("ATTACH DATABASE ? AS old", (str(other),))
        try:
            tables = {r[0] for r in self.db.execute("SELECT name FROM old.sqlite_master WHERE type = 'table'")}
            columns = {r[1] for r in self.db.execute("PRAGMA old.table_info(decisions)")}
            carried = "carried_from" if "carried_from" in columns else "NULL"
            with self.transaction() as db:
                if "decisions" in tables:
                    db.execute(
                        "INSERT INTO decisions (item_id, action, value, note, user, at, carried_from)"
                        f" SELECT item_id, action, value, note, user, at, {carried} FROM old.decisions"
                        " ORDER BY seq"
                    )
                if "users" in tables:
                    db.execute(
                        "INSERT OR REPLACE INTO users (name, password_hash, created_at)"
                        " SELECT name, password_hash, created_at FROM old.users"
                    )
            if "items" not in tables:
                return []
            return [(r[0], r[1], r[2]) for r in self.db.execute("SELECT id, kind, text FROM old.items")]
        finally:
            self.db.execute("DETACH DATABASE old")


def _insert_items(db: sqlite3.Connection, items: Iterable[Item]) -> None:
    db.executemany(
        'INSERT INTO items (id, doc_id, kind, text, block_seq, start, "end", section, page, period,'
        " made_by, addressee, due, themes, lead_in) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                i.id,
                i.doc_id,
                i.kind.value,
                i.text,
                i.block_seq,
                i.start,
                i.end,
                json.dumps(i.section),
                i.page,
                i.period,
                i.made_by,
                i.addressee,
                i.due,
                json.dumps(i.themes),
                i.lead_in,
            )
            for i in items
        ],
    )


def _document(row: sqlite3.Row, alternates: list[Alternate]) -> StoredDocument:
    meta = DocumentMeta(
        title=row["title"],
        doc_type=DocumentType(row["type"]),
        period=row["period"],
        date=row["date"],
        publisher=row["publisher"],
        partnership=row["partnership"],
        sources=json.loads(row["sources"]),
    )
    return StoredDocument(
        id=row["id"],
        lineage=row["lineage"],
        path=row["path"],
        format=row["format"],
        sha256=row["sha256"],
        meta=meta,
        pages=row["pages"],
        ingested_at=row["ingested_at"],
        warnings=tuple(json.loads(row["warnings"])),
        notes=tuple(json.loads(row["notes"])),
        version=row["version"],
        current=bool(row["current"]),
        alternate_of=row["alternate_of"],
        alternates=tuple(alternates),
    )


def _item(r: sqlite3.Row) -> Item:
    return Item(
        id=r["id"],
        kind=Kind(r["kind"]),
        text=r["text"],
        doc_id=r["doc_id"],
        block_seq=r["block_seq"],
        start=r["start"],
        end=r["end"],
        section=tuple(json.loads(r["section"])),
        page=r["page"],
        period=r["period"],
        made_by=r["made_by"],
        addressee=r["addressee"],
        due=r["due"],
        themes=tuple(json.loads(r["themes"])),
        lead_in=r["lead_in"],
    )


def _evidence(r: sqlite3.Row) -> Evidence:
    return Evidence(
        id=r["id"],
        item_id=r["item_id"],
        passage_id=r["passage_id"],
        doc_id=r["doc_id"],
        block_seq=r["block_seq"],
        page=r["page"],
        section=r["section"],
        text=r["text"],
        score=r["score"],
        confidence=r["confidence"],
        strong=bool(r["strong"]),
        signal=Status(r["signal"]) if r["signal"] else None,
        signal_words=r["signal_words"],
        matched=tuple(json.loads(r["matched"])),
        why=tuple(json.loads(r["why"])),
    )
