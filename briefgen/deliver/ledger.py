"""The delivery ledger: one SQLite row per (edition, language, recipient), so nobody is mailed twice.

A row is written as ``pending`` before each attempt and set to ``sent`` or ``failed`` after it. A
crash between the server accepting a message and the ``sent`` update leaves it ``pending``; the next
run sends it again with the same Message-ID (at-least-once, never silently lost).

Each row also names the **revision** of the edition its message carries, and every revision a
recipient has received is kept in ``delivered`` (the edition, or a correction of an earlier
revision, with its Message-ID): nobody gets the same revision twice, and a correction goes only to
those who had an earlier one. Ledgers written before revisions were recorded are migrated in place:
their rows have no revision (``None``: delivered, revision unknown).
"""

from __future__ import annotations

import fcntl
import functools
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..core.errors import BriefgenError
from ..core.files import owner_only, private_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    edition     TEXT NOT NULL,              -- ISO week, e.g. 2025-W30
    language    TEXT NOT NULL,              -- fr | en
    recipient   TEXT NOT NULL,              -- email address, lower-case
    message_id  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0, -- SMTP attempts, all runs together
    error       TEXT,                       -- last error (server reply or connection problem)
    first_try   TEXT NOT NULL,              -- UTC, ISO 8601
    last_try    TEXT NOT NULL,
    sent_at     TEXT,
    revision    TEXT,                       -- revision of the edition the message carries (NULL: before
                                            -- revisions were recorded)
    kind        TEXT,                       -- edition | correction
    PRIMARY KEY (edition, language, recipient)
)
"""
DELIVERED = """
CREATE TABLE IF NOT EXISTS delivered (
    edition     TEXT NOT NULL,
    language    TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    revision    TEXT NOT NULL,              -- never twice the same for one recipient
    message_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- edition | correction | unknown (sent before revisions were recorded)
    sent_at     TEXT NOT NULL,
    PRIMARY KEY (edition, language, recipient, revision)
)
"""
_ADDED = (("revision", "TEXT"), ("kind", "TEXT"))
"""Columns of ``deliveries`` added since the first ledgers (added to an old ledger when opened)."""
_FIRST = {"edition", "language", "recipient", "message_id", "status", "attempts", "error", "first_try", "last_try",
          "sent_at"}
"""Columns of ``deliveries`` since the first ledger: a table without one of them is not a briefgen ledger."""
VERSION = 2
"""Layout version, kept in SQLite's ``user_version``: 0 a ledger of the first layout (or a new file), 1 its
``revision`` and ``kind`` columns added, 2 the ``delivered`` table. Opening migrates older ones in place."""


def _database_error(path: Path, exc: sqlite3.DatabaseError) -> BriefgenError:
    what = str(exc)
    if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in what or "not a database" in what):
        what = f"the file is damaged: {what}"
    return BriefgenError(f"{path}: cannot use the delivery ledger ({what}); nothing was sent. Restore it from a "
                         "backup, or move it away to start a new one (a new ledger knows nobody was mailed: "
                         "'--resend' is then needed for weeks already mailed)")


def _guarded(method):
    """A ledger method whose SQLite errors (a page damaged since the ledger was opened…) become a
    BriefgenError naming the file."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise _database_error(self.path, exc) from None
    return run


def _check(conn: sqlite3.Connection, path: Path) -> int:
    """The layout version of an existing ledger, after SQLite's own integrity check; BriefgenError
    when the file is damaged, from a newer briefgen or not a ledger."""
    problems = [r[0] for r in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(problems[:3]))
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > VERSION:
        raise BriefgenError(f"{path}: the delivery ledger has layout {version}, written by a newer briefgen "
                            f"(this one knows up to {VERSION}); nothing was sent")
    have = {r[1] for r in conn.execute("PRAGMA table_info(deliveries)")}
    if have and not _FIRST <= have:
        raise BriefgenError(f"{path}: table 'deliveries' lacks column(s) {', '.join(sorted(_FIRST - have))}: not a "
                            "briefgen delivery ledger; nothing was sent")
    return version


@dataclass(frozen=True, slots=True)
class Row:
    status: str
    attempts: int
    error: str | None
    sent_at: str | None
    revision: str | None = None
    message_id: str | None = None


@dataclass(frozen=True, slots=True)
class Delivered:
    """One revision a recipient received."""

    revision: str
    message_id: str
    kind: str
    sent_at: str


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Ledger:
    """Open with ``Ledger.open(path)`` (writable, locked) or ``Ledger.read_only(path)`` (dry runs)."""

    def __init__(self, conn: sqlite3.Connection | None, path: Path, lock_fd: int | None = None):
        self._conn = conn
        self.path = path
        self._lock_fd = lock_fd

    @classmethod
    def open(cls, path: Path) -> "Ledger":
        """The ledger for writing, locked for this process: a second `briefgen send` on the same ledger
        stops at once with a clear message instead of mailing the same people at the same time."""
        private_dir(path.parent)
        lock = path.with_name(path.name + ".lock")
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise BriefgenError(f"{path}: another 'briefgen send' is using this ledger ({lock}); "
                                "try again when it ends") from None
        conn = None
        try:
            with owner_only():  # a new ledger is 0600 (SQLite gives its journal the same mode)
                conn = sqlite3.connect(path, timeout=10, isolation_level=None)
                version = _check(conn, path)
                if version < VERSION:  # migrate in place, in one transaction
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute(SCHEMA)
                    have = {r[1] for r in conn.execute("PRAGMA table_info(deliveries)")}
                    for name, kind in _ADDED:
                        if name not in have:
                            conn.execute(f"ALTER TABLE deliveries ADD COLUMN {name} {kind}")
                    conn.execute(DELIVERED)
                    conn.execute(f"PRAGMA user_version = {VERSION}")
                    conn.execute("COMMIT")
                else:
                    conn.execute(SCHEMA)  # a table dropped since: back, empty (run_send notices the lost history)
                    conn.execute(DELIVERED)
        except (sqlite3.DatabaseError, BriefgenError) as exc:
            if conn is not None:
                conn.close()
            os.close(fd)
            if isinstance(exc, BriefgenError):
                raise
            raise _database_error(path, exc) from None
        return cls(conn, path, fd)

    @classmethod
    def read_only(cls, path: Path) -> "Ledger":
        if not path.is_file():
            return cls(None, path)
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
            _check(conn, path)
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='deliveries'").fetchone():
                conn.close()
                return cls(None, path)  # knows nothing (run_send notices a lost history)
        except sqlite3.DatabaseError as exc:
            raise _database_error(path, exc) from None
        return cls(conn, path)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _columns(self) -> set[str]:
        return {r[1] for r in self._conn.execute("PRAGMA table_info(deliveries)")}

    @_guarded
    def get(self, edition: str, language: str, recipient: str) -> Row | None:
        if self._conn is None:
            return None
        revision = "revision" if "revision" in self._columns() else "NULL"  # a dry run reads old ledgers as they are
        r = self._conn.execute(
            f"SELECT status, attempts, error, sent_at, {revision}, message_id FROM deliveries "
            "WHERE edition=? AND language=? AND recipient=?", (edition, language, recipient.lower())).fetchone()
        return Row(*r) if r else None

    @_guarded
    def knows(self, edition: str) -> bool:
        """Whether any delivery of ``edition`` (attempted or done) is recorded."""
        if self._conn is None:
            return False
        if self._conn.execute("SELECT 1 FROM deliveries WHERE edition=? LIMIT 1", (edition,)).fetchone():
            return True
        return bool(self._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='delivered'")
                    .fetchone() and self._conn.execute("SELECT 1 FROM delivered WHERE edition=? LIMIT 1",
                                                       (edition,)).fetchone())

    @_guarded
    def history(self, edition: str, language: str, recipient: str) -> list[Delivered]:
        """The revisions of ``edition`` the recipient received, oldest first. A delivery recorded
        before revisions were (a row ``sent`` without revision) is one of revision ``None``."""
        if self._conn is None:
            return []
        key = (edition, language, recipient.lower())
        out = []
        if self._conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='delivered'").fetchone():
            out = [Delivered(*r) for r in self._conn.execute(
                "SELECT revision, message_id, kind, sent_at FROM delivered WHERE edition=? AND language=? "
                "AND recipient=? ORDER BY sent_at, rowid", key)]
        row = self.get(*key)
        if not out and row and row.status == "sent" and row.revision is None:
            out = [Delivered(None, row.message_id, "unknown", row.sent_at or "")]
        return out

    @contextmanager
    def _tx(self):
        self._conn.execute("BEGIN")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    @_guarded
    def pending(self, edition: str, language: str, recipient: str, message_id: str,
                revision: str | None = None, kind: str = "edition") -> None:
        """Before an attempt: the row exists and says ``pending`` (sent_at cleared on a resend)."""
        now = _now()
        with self._tx() as c:
            c.execute(
                """INSERT INTO deliveries (edition, language, recipient, message_id, status, attempts,
                                           first_try, last_try, revision, kind)
                   VALUES (?, ?, ?, ?, 'pending', 1, ?, ?, ?, ?)
                   ON CONFLICT (edition, language, recipient) DO UPDATE SET
                       status='pending', attempts=attempts + 1, last_try=excluded.last_try,
                       message_id=excluded.message_id, sent_at=NULL, revision=excluded.revision,
                       kind=excluded.kind""",
                (edition, language, recipient.lower(), message_id, now, now, revision, kind))

    @_guarded
    def finish(self, edition: str, language: str, recipient: str, status: str, error: str | None = None) -> None:
        """After an attempt: ``sent``, ``failed`` (permanent) or still ``pending`` (temporary)."""
        assert status in ("sent", "failed", "pending")
        with self._tx() as c:
            c.execute(
                """UPDATE deliveries SET status=?, error=?, sent_at=CASE WHEN ?='sent' THEN ? ELSE sent_at END
                   WHERE edition=? AND language=? AND recipient=?""",
                (status, error, status, _now(), edition, language, recipient.lower()))
            if status == "sent":  # the revision this recipient now has, kept for good
                c.execute(
                    """INSERT OR IGNORE INTO delivered (edition, language, recipient, revision, message_id, kind,
                                                        sent_at)
                       SELECT edition, language, recipient, revision, message_id, COALESCE(kind, 'edition'),
                              sent_at FROM deliveries
                       WHERE edition=? AND language=? AND recipient=? AND revision IS NOT NULL""",
                    (edition, language, recipient.lower()))

    @_guarded
    def adopt(self, edition: str, language: str, recipient: str, revision: str) -> None:
        """A delivery recorded before revisions were: it is taken to be of ``revision`` from now on."""
        with self._tx() as c:
            c.execute("UPDATE deliveries SET revision=?, kind='unknown' WHERE edition=? AND language=? "
                      "AND recipient=? AND status='sent' AND revision IS NULL",
                      (revision, edition, language, recipient.lower()))
            c.execute(
                """INSERT OR IGNORE INTO delivered (edition, language, recipient, revision, message_id, kind, sent_at)
                   SELECT edition, language, recipient, revision, message_id, 'unknown', COALESCE(sent_at, last_try)
                   FROM deliveries WHERE edition=? AND language=? AND recipient=? AND revision=?""",
                (edition, language, recipient.lower(), revision))
