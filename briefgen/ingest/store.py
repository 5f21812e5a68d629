"""What the fetcher remembers between runs, in ``<cache>/fetch/`` (private to its owner):

- ``state.sqlite``: per feed or page its ETag and Last-Modified (for conditional requests); per
  article address what became of it (written to which file, skipped and why, failed and why, how
  many times), with its canonical address and the digest of its text (to store each article once);
- ``pages/``: the raw HTML of every article page fetched, so that ``briefgen fetch --replay``
  extracts again without the network.
"""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..core.files import owner_only, private_dir, write_atomic

GIVE_UP = 5
"""An article that failed this many runs in a row is skipped from then on."""

_SCHEMA = """
create table if not exists feeds (url text primary key, etag text, last_modified text, checked text);
create table if not exists articles (
    url text primary key, outlet text not null, status text not null, reason text, canonical text,
    digest text, file text, fetched text, tries integer not null default 0, final_url text, listed text);
create index if not exists articles_canonical on articles (canonical);
create index if not exists articles_digest on articles (outlet, digest);
"""


@dataclass(frozen=True, slots=True)
class Record:
    url: str
    outlet: str
    status: str
    """``new`` (written to sources/), ``skipped`` (not wanted, with why) or ``failed`` (tried again next run)."""
    reason: str | None
    canonical: str | None
    digest: str | None
    file: str | None
    tries: int
    final_url: str | None
    listed: str | None
    """The date the feed gave the article (ISO), if any."""


_COLUMNS = "select url, outlet, status, reason, canonical, digest, file, tries, final_url, listed "


class Store:
    def __init__(self, folder: Path):
        self.folder = private_dir(folder)
        self.pages = folder / "pages"
        with owner_only():
            self.db = sqlite3.connect(folder / "state.sqlite", isolation_level=None)
        self.db.execute("pragma journal_mode=wal")
        self.db.execute("pragma synchronous=normal")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- feeds ------------------------------------------------------------------------------
    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("select etag, last_modified from feeds where url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember_feed(self, url: str, etag: str | None, last_modified: str | None, when: str) -> None:
        self.db.execute("insert or replace into feeds values (?, ?, ?, ?)", (url, etag, last_modified, when))

    def forget_feed(self, url: str) -> None:
        self.db.execute("delete from feeds where url = ?", (url,))

    # -- articles ---------------------------------------------------------------------------
    def get(self, url: str) -> Record | None:
        row = self.db.execute(_COLUMNS + "from articles where url = ?", (url,)).fetchone()
        return Record(*row) if row else None

    def done(self, url: str) -> bool:
        """Whether ``url`` needs no new try: written, or skipped."""
        row = self.db.execute("select status from articles where url = ?", (url,)).fetchone()
        return row is not None and row[0] != "failed"

    def failed(self, outlet: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "select url from articles where outlet = ? and status = 'failed' order by url", (outlet,))]

    def written_as(self, *, canonical: str | None = None, outlet: str | None = None,
                   digest: str | None = None, besides: str = "") -> Record | None:
        """An article already written with this canonical address, or this outlet and text digest."""
        if canonical:
            row = self.db.execute("select url from articles where status = 'new' and url != ? and "
                                  "(canonical = ? or url = ?)", (besides, canonical, canonical)).fetchone()
        else:
            row = self.db.execute("select url from articles where status = 'new' and url != ? and outlet = ? "
                                  "and digest = ?", (besides, outlet, digest)).fetchone()
        return self.get(row[0]) if row else None

    def record(self, url: str, outlet: str, status: str, reason: str | None = None, *, canonical: str | None = None,
               digest: str | None = None, file: str | None = None, when: str = "", final_url: str | None = None,
               listed: str | None = None) -> str:
        """Write down what became of ``url``; returns the status kept (a failure repeated GIVE_UP
        times becomes a skip)."""
        old = self.get(url)
        tries = (old.tries if old and old.status == "failed" else 0) + (status == "failed")
        if status == "failed" and tries >= GIVE_UP:
            status, reason = "skipped", f"failed {tries} times, last: {reason}"
        self.db.execute("insert or replace into articles values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (url, outlet, status, reason, canonical, digest, file, when, tries,
                         final_url or (old.final_url if old else None), listed or (old.listed if old else None)))
        return status

    def cached(self) -> list[Record]:
        """Every article whose page is in the cache, in address order."""
        rows = self.db.execute(_COLUMNS + "from articles order by url").fetchall()
        return [Record(*r) for r in rows if self.page_path(r[0]).exists()]

    def skipped(self) -> list[Record]:
        rows = self.db.execute(_COLUMNS + "from articles where status != 'new' "
                               "order by outlet, url").fetchall()
        return [Record(*r) for r in rows]

    # -- raw pages --------------------------------------------------------------------------
    def page_path(self, url: str) -> Path:
        return self.pages / (hashlib.sha256(url.encode()).hexdigest()[:40] + ".html.gz")

    def keep_page(self, url: str, body: bytes) -> None:
        write_atomic(self.page_path(url), gzip.compress(body, compresslevel=3, mtime=0))

    def page(self, url: str) -> bytes | None:
        try:
            return gzip.decompress(self.page_path(url).read_bytes())
        except (OSError, EOFError, gzip.BadGzipFile):
            return None
