"""The SQLite store: the system of record for documents and their blocks.

Everything users or later stages derive (tagged items, links, clerks'
decisions, the search index) hangs off the ids kept here. Each document is
written in one transaction, so a crash or Ctrl-C mid-ingest leaves the store
as it was before that document.
"""
from __future__ import annotations

import json
import re
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sgkb.model import Block, BlockKind, DocType, Document, DocumentMeta, Item, ItemKind

SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    period TEXT,
    date TEXT,
    publisher TEXT,
    pages INTEGER,
    ingestor_version INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]',
    duplicate_of TEXT REFERENCES documents(id) ON DELETE SET NULL
);
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
    themes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_doc ON items(doc_id, block_seq);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Machine-found follow-up evidence and related items: recomputed, replaced wholesale.
CREATE TABLE IF NOT EXISTS evidence (
    id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    block_seq INTEGER NOT NULL,
    page INTEGER,
    section TEXT NOT NULL,
    text TEXT NOT NULL,
    score REAL NOT NULL,
    signal TEXT,
    signal_words TEXT,
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
-- Clerks' decisions: an audit trail, only ever appended to. No foreign key: a decision
-- outlives re-ingesting (item ids are stable) and is kept even if its item disappears.
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('set_status', 'confirm_evidence', 'reject_evidence')),
    value TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    user TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_item ON decisions(item_id, seq);
-- People who may change things in the web UI (passwords hashed, never stored).
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS decisions_are_never_changed BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are an audit trail: append a new one instead'); END;
CREATE TRIGGER IF NOT EXISTS decisions_are_never_deleted BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are an audit trail: append a new one instead'); END;
"""


class StoreError(Exception):
    """The store cannot be opened or is from an incompatible version."""


class Store:
    """A connection to the SQLite store with the few operations the stages need."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable SQLite database: {exc}") from exc
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer safeguarding-kb (schema {version})")
        if version < SCHEMA_VERSION:   # (a current store is opened without writing: readers never wait)
            self.db.executescript(f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
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

    # -- writing -------------------------------------------------------------
    def save_document(self, doc: Document, ingestor_version: int, items: list[Item] = ()) -> None:
        """Insert a document and its tagged items, replacing any earlier version at the same path."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE path = ? OR id = ?", (doc.path, doc.id))
            db.execute(
                "INSERT INTO documents (id, path, format, sha256, title, type, period, date, publisher,"
                " pages, ingestor_version, ingested_at, warnings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.path, doc.format, doc.sha256, doc.meta.title, doc.meta.doc_type.value,
                 doc.meta.period, doc.meta.date, doc.meta.publisher, doc.pages, ingestor_version, now,
                 json.dumps(list(doc.warnings))),
            )
            db.executemany(
                "INSERT INTO blocks (doc_id, seq, kind, text, page, level, section, lead_in, cells, headers)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(doc.id, seq, b.kind.value, b.text, b.page, b.level, json.dumps(b.section), b.lead_in,
                  json.dumps(b.cells), json.dumps(b.headers)) for seq, b in enumerate(doc.blocks)],
            )
            self._insert_items(db, items)

    def replace_items(self, doc_id: str, items: list[Item]) -> None:
        """Swap a document's tagged items (after the tagger's rules changed)."""
        with self.transaction() as db:
            db.execute("DELETE FROM items WHERE doc_id = ?", (doc_id,))
            self._insert_items(db, items)

    @staticmethod
    def _insert_items(db, items) -> None:
        db.executemany(
            'INSERT INTO items (id, doc_id, kind, text, block_seq, start, "end", section, page, period,'
            " made_by, addressee, due, themes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(i.id, i.doc_id, i.kind.value, i.text, i.block_seq, i.start, i.end, json.dumps(i.section), i.page,
              i.period, i.made_by, i.addressee, i.due, json.dumps(i.themes)) for i in items],
        )

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def move_document(self, doc_id: str, path: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE documents SET path = ? WHERE id = ?", (path, doc_id))

    def update_metadata(self, doc_id: str, overrides: dict) -> None:
        """Apply sidecar overrides to a stored document without re-reading its file."""
        meta = self.load_document(doc_id).meta.with_overrides(overrides)
        with self.transaction() as db:
            db.execute("UPDATE documents SET title = ?, type = ?, period = ?, date = ?, publisher = ? WHERE id = ?",
                       (meta.title, meta.doc_type.value, meta.period, meta.date, meta.publisher, doc_id))

    def delete_document(self, doc_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def mark_duplicates(self, preferred_formats: tuple[str, ...]) -> None:
        """Group files holding the same document in different formats; keep one primary.

        Same type, period and title (ignoring case and punctuation) means the same
        document. The primary is the first of `preferred_formats` present.
        """
        rank = {fmt: i for i, fmt in enumerate(preferred_formats)}
        groups: dict[tuple, list[sqlite3.Row]] = {}
        for row in self.db.execute("SELECT id, format, type, period, title FROM documents"):
            key = (row["type"], row["period"], re.sub(r"\W+", " ", row["title"].lower()).strip())
            groups.setdefault(key, []).append(row)
        with self.transaction() as db:
            for rows in groups.values():
                rows.sort(key=lambda r: (rank.get(r["format"], len(rank)), r["id"]))
                primary = rows[0]["id"]
                db.execute("UPDATE documents SET duplicate_of = NULL WHERE id = ?", (primary,))
                for row in rows[1:]:
                    db.execute("UPDATE documents SET duplicate_of = ? WHERE id = ?", (primary, row["id"]))

    # -- links and decisions --------------------------------------------------
    def replace_links(self, evidence: list[dict], related: list[dict], version: str) -> None:
        """Swap in a fresh set of machine links (clerks' decisions are untouched)."""
        with self.transaction() as db:
            db.execute("DELETE FROM evidence")
            db.execute("DELETE FROM related")
            db.executemany(
                "INSERT INTO evidence (id, item_id, entry_id, doc_id, block_seq, page, section, text, score, signal,"
                " signal_words, why) VALUES (:id, :item_id, :entry_id, :doc_id, :block_seq, :page, :section, :text,"
                " :score, :signal, :signal_words, :why)",
                [{**e, "why": json.dumps(e["why"])} for e in evidence])
            db.executemany("INSERT INTO related (item_id, related_id, score, why) VALUES (:item_id, :related_id,"
                           " :score, :why)", related)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('links_version', ?)", (version,))

    def evidence(self, item_id: str | None = None) -> list[dict]:
        sql = "SELECT * FROM evidence" + (" WHERE item_id = ?" if item_id else "") + " ORDER BY item_id, score DESC"
        return [{**dict(r), "why": json.loads(r["why"])} for r in self.db.execute(sql, (item_id,) if item_id else ())]

    def related(self, item_id: str | None = None) -> list[dict]:
        sql = "SELECT * FROM related" + (" WHERE item_id = ?" if item_id else "") + " ORDER BY item_id, score DESC"
        return [dict(r) for r in self.db.execute(sql, (item_id,) if item_id else ())]

    def add_decision(self, item_id: str, action: str, value: str, note: str, user: str) -> dict:
        """Append a clerk's decision to the audit trail and return it."""
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as db:
            cur = db.execute("INSERT INTO decisions (item_id, action, value, note, user, at) VALUES (?,?,?,?,?,?)",
                             (item_id, action, value, note, user, at))
            seq = cur.lastrowid
        return dict(self.db.execute("SELECT * FROM decisions WHERE seq = ?", (seq,)).fetchone())

    def decisions(self, item_id: str | None = None) -> list[dict]:
        """Decisions in the order they were made."""
        sql = "SELECT * FROM decisions" + (" WHERE item_id = ?" if item_id else "") + " ORDER BY seq"
        return [dict(r) for r in self.db.execute(sql, (item_id,) if item_id else ())]

    def copy_user_data_from(self, other: Path) -> None:
        """Carry what users made (decisions, user accounts) over from another store file:
        a rebuild starts a fresh store but must lose none of it."""
        if not Path(other).exists():
            return
        self.db.execute("ATTACH DATABASE ? AS old", (str(other),))
        try:
            tables = {r[0] for r in self.db.execute("SELECT name FROM old.sqlite_master WHERE type = 'table'")}
            with self.transaction() as db:
                if "decisions" in tables:
                    db.execute("INSERT INTO decisions (item_id, action, value, note, user, at)"
                               " SELECT item_id, action, value, note, user, at FROM old.decisions ORDER BY seq")
                if "users" in tables:
                    db.execute("INSERT OR REPLACE INTO users SELECT name, password_hash, created_at FROM old.users")
        finally:
            self.db.execute("DETACH DATABASE old")

    def set_user(self, name: str, password_hash: str) -> None:
        """Create a user or replace their password hash."""
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO users (name, password_hash, created_at) VALUES (?, ?, ?)",
                       (name, password_hash, at))

    def password_hash(self, name: str) -> str | None:
        row = self.db.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
        return row["password_hash"] if row else None

    def user_names(self) -> list[str]:
        return [r["name"] for r in self.db.execute("SELECT name FROM users ORDER BY name")]

    # -- reading -------------------------------------------------------------
    def documents(self, include_duplicates: bool = False) -> list[dict]:
        """Documents as dicts, oldest first (by date, then period)."""
        where = "" if include_duplicates else "WHERE duplicate_of IS NULL"
        rows = self.db.execute(f"SELECT * FROM documents {where} ORDER BY date, period, title").fetchall()
        alternates: dict[str, list[dict]] = {}
        for row in self.db.execute("SELECT id, path, format, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL"):
            alternates.setdefault(row["duplicate_of"], []).append(
                {"id": row["id"], "path": row["path"], "format": row["format"]})
        return [_document_row(r, alternates.get(r["id"], [])) for r in rows]

    def id_at_path(self, path: str) -> str | None:
        row = self.db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        return row["id"] if row else None

    def by_hash(self, sha256: str) -> dict | None:
        row = self.db.execute("SELECT * FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return _document_row(row, []) if row else None

    def find_document(self, ref: str) -> dict | None:
        """A document by id (or unique id prefix), path, or file name."""
        for row in self.db.execute("SELECT * FROM documents"):
            if ref in (row["id"], row["path"], Path(row["path"]).name):
                return _document_row(row, [])
        rows = self.db.execute("SELECT * FROM documents WHERE id LIKE ?", (ref + "%",)).fetchall()
        return _document_row(rows[0], []) if len(rows) == 1 else None

    def blocks(self, doc_id: str, first: int = 0, last: int | None = None) -> list[Block]:
        """A document's blocks in order (or those with seq from first to last)."""
        rows = self.db.execute("SELECT * FROM blocks WHERE doc_id = ? AND seq >= ? AND seq <= ? ORDER BY seq",
                               (doc_id, first, last if last is not None else 2**62))
        return [
            Block(kind=BlockKind(r["kind"]), text=r["text"], page=r["page"], level=r["level"],
                  section=tuple(json.loads(r["section"])), lead_in=r["lead_in"],
                  cells=tuple(json.loads(r["cells"])), headers=tuple(json.loads(r["headers"])))
            for r in rows
        ]

    def items(self, doc_id: str | None = None, kind: str | None = None) -> list[Item]:
        """Tagged items of primary documents (or of one document), in reading order by date."""
        sql = ("SELECT i.* FROM items i JOIN documents d ON d.id = i.doc_id WHERE 1=1"
               + ("" if doc_id else " AND d.duplicate_of IS NULL")
               + (" AND i.doc_id = ?" if doc_id else "") + (" AND i.kind = ?" if kind else "")
               + " ORDER BY d.date, d.period, i.doc_id, i.block_seq, i.start")
        params = [p for p in (doc_id, kind) if p]
        return [_item(r) for r in self.db.execute(sql, params)]

    def item(self, item_id: str) -> Item | None:
        found = self.items_by_ids([item_id])
        return found[0] if found else None

    def items_by_ids(self, ids: list[str]) -> list[Item]:
        rows = self.db.execute(f"SELECT * FROM items WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
        return [_item(r) for r in rows]

    def load_document(self, doc_id: str) -> Document:
        """Rebuild the full Document (metadata and blocks) from the store."""
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        meta = DocumentMeta(title=row["title"], doc_type=DocType(row["type"]), period=row["period"],
                            date=row["date"], publisher=row["publisher"])
        return Document(id=row["id"], path=row["path"], format=row["format"], sha256=row["sha256"],
                        meta=meta, pages=row["pages"], blocks=tuple(self.blocks(doc_id)),
                        warnings=tuple(json.loads(row["warnings"])))


def _item(r: sqlite3.Row) -> Item:
    return Item(id=r["id"], kind=ItemKind(r["kind"]), text=r["text"], doc_id=r["doc_id"], block_seq=r["block_seq"],
                start=r["start"], end=r["end"], section=tuple(json.loads(r["section"])), page=r["page"],
                period=r["period"], made_by=r["made_by"], addressee=r["addressee"], due=r["due"],
                themes=tuple(json.loads(r["themes"])))


def _document_row(row: sqlite3.Row, alternates: list[dict]) -> dict:
    doc = dict(row)
    doc["warnings"] = json.loads(doc["warnings"])
    doc["alternates"] = alternates
    return doc
