"""``briefgen fetch``: the outlets' feeds and pages read, their new articles fetched, extracted,
judged and written to sources/.

One outlet's trouble never stops the others: every failure is one warning naming the outlet and
the address, is written down in the fetch state, and is tried again at the next run. An article is
written only once it is whole (atomically), and recorded only once written, so an interrupted run
leaves nothing half-done. A feed's ETag and Last-Modified are kept only once every article it
listed has been dealt with, so a feed that answers 304 has nothing left behind.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from ..core.config import Config
from ..core.errors import BriefgenError
from .http import Fetcher, FetchError
from .pages import (
    Keep,
    clean_url,
    decode,
    extract,
    links_of,
    not_french,
    render,
    source_path,
    text_digest,
    too_short,
    write_source,
)
from .settings import FeedSettings, OutletFeeds
from .store import Store

logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request among briefgen's own
logging.getLogger("httpcore").setLevel(logging.WARNING)

FEED_TYPES = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
PAGE_TYPES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(slots=True)
class Counts:
    new: int = 0
    skipped: int = 0
    failed: int = 0
    why: dict[str, int] = field(default_factory=dict)
    """Skipped articles by reason (not French, no theme cue…)."""


_REASONS = ("not French", "no theme cue", "disallowed by the site's robots.txt", "same text", "same address")


def _reason(why: str) -> str:
    return next((r for r in _REASONS if why.startswith(r)), "failed too often" if why.startswith("failed") else why)


@dataclass(slots=True)
class Summary:
    """What a fetch did, per outlet."""

    outlets: dict[str, Counts] = field(default_factory=dict)
    requests: int = 0
    """HTTP requests sent (robots.txt included)."""
    not_modified: int = 0
    """Feeds and pages that answered 304 Not Modified."""
    stopped: bool = False
    """The deadline was reached before everything was done."""
    written: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        width = max((len(o) for o in self.outlets), default=6)
        out = []
        for o, c in self.outlets.items():
            why = ", ".join(f"{n} {r}" for r, n in sorted(c.why.items(), key=lambda x: (-x[1], x[0])))
            out.append(f"{o:<{width}}  {c.new:>4} new  {c.skipped:>4} skipped  {c.failed:>4} failed"
                       + (f"  (skipped: {why})" if why else ""))
        return out


def state_dir(cfg: Config) -> Path:
    return (cfg.cache_dir or cfg.output_dir / ".cache") / "fetch"


def fetch_project(cfg: Config, settings: FeedSettings, *, log: logging.Logger, replay: bool = False,
                  outlets: tuple[str, ...] = ()) -> Summary:
    """Fetch the enabled outlets of ``settings`` (only ``outlets`` when given) into sources/;
    ``replay``: no network, the cached pages extracted and judged again."""
    store = Store(state_dir(cfg))
    try:
        job = _Job(cfg, settings, store, log)
        if replay:
            job.replay(outlets)
        else:
            chosen = [o for o in settings.outlets if not outlets or o.outlet in outlets]
            asyncio.run(job.run(chosen))
        return job.summary
    finally:
        store.close()


class _Job:
    def __init__(self, cfg: Config, settings: FeedSettings, store: Store, log: logging.Logger):
        self.cfg, self.settings, self.store, self.log = cfg, settings, store, log
        self.keep = Keep(cfg) if settings.keep_cues else None
        self.summary = Summary()
        self.claimed: set[str] = set()
        self.started = time.monotonic()
        self.done = 0
        self.queued = 0
        self.last_progress = time.monotonic()
        self.now = datetime.now(timezone.utc)

    def counts(self, outlet: str) -> Counts:
        return self.summary.outlets.setdefault(outlet, Counts())

    def warn(self, outlet: str, url: str, why: str) -> None:
        self.log.warning("warning: %s: %s: %s", outlet, url, why)

    # -- the network part -------------------------------------------------------------------
    async def run(self, outlets: list[OutletFeeds]) -> None:
        for o in outlets:
            self.counts(o.outlet)
        async with Fetcher(self.settings.http) as fetcher:
            self.fetcher = fetcher
            try:
                await asyncio.wait_for(asyncio.gather(*(self.outlet(o) for o in outlets)),
                                       self.settings.http.deadline)
            except asyncio.TimeoutError:
                self.summary.stopped = True
                self.log.warning("warning: fetch stopped at its deadline (http.deadline: %g s); what is left is "
                                 "tried at the next run", self.settings.http.deadline)
            self.summary.requests = fetcher.requests

    async def outlet(self, o: OutletFeeds) -> None:
        lists = await asyncio.gather(*(self.listing(o, u, feed=True) for u in o.feeds),
                                     *(self.listing(o, u, feed=False) for u in o.pages))
        todo: dict[str, str | None] = {}
        for links, _ in lists:
            for link, listed in links:
                todo.setdefault(link, listed)
        for url in self.store.failed(o.outlet):  # last run's failures, whatever the feeds say now
            todo.setdefault(url, None)
        todo = {u: d for u, d in todo.items() if u not in self.claimed and not self.store.done(u)}
        self.claimed.update(todo)
        self.queued += len(todo)
        # Pages are fetched side by side but judged in the order the feeds list them, so which of two
        # copies is kept (the first listed) does not depend on which answered first.
        pages = [(url, listed, asyncio.ensure_future(self.page(o, url, listed))) for url, listed in todo.items()]
        try:
            for url, listed, task in pages:
                answer = await task
                if answer is not None:
                    self.judge(o.outlet, url, answer[0], answer[1], listed)
                self.progress()
        finally:
            for _, _, task in pages:
                task.cancel()
        when = self.now.isoformat(timespec="seconds")
        for _, keep in lists:  # every article they listed is dealt with: their validators can be kept
            if keep is not None:
                self.store.remember_feed(keep[0], keep[1], keep[2], when)

    async def listing(self, o: OutletFeeds, url: str, *, feed: bool):
        """The article links of a feed or page, with the date the feed gives each; and what to remember
        of it (url, etag, last-modified) once they are dealt with, or None."""
        etag, modified = self.store.validators(url)
        try:
            answer = await self.fetcher.get(url, delay=o.delay, etag=etag, last_modified=modified,
                                            accept=FEED_TYPES if feed else PAGE_TYPES)
        except FetchError as exc:
            self.warn(o.outlet, url, f"{'feed' if feed else 'page'} not read: {exc}")
            self.counts(o.outlet).failed += 1
            return [], None
        if answer.not_modified:
            self.summary.not_modified += 1
            return [], None
        if not feed:
            return [(clean_url(u), None) for u in links_of(answer.body, answer.url)], (
                url, answer.etag, answer.last_modified)
        import feedparser  # only when a feed has changed

        parsed = feedparser.parse(answer.body, response_headers={"content-type": answer.content_type or
                                                                 "application/xml"})
        links = []
        for entry in parsed.entries:
            link = entry.get("link") or next((x.get("href") for x in entry.get("links", ()) if x.get("href")), None)
            if not link:
                continue
            when = entry.get("published_parsed") or entry.get("updated_parsed")
            listed = date(*when[:3]).isoformat() if when else None
            links.append((clean_url(_absolute(answer.url, link)), listed))
        benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
        if parsed.bozo and not (parsed.entries and isinstance(parsed.get("bozo_exception"), benign)):
            why = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or str(parsed.get("bozo_exception"))
            self.warn(o.outlet, url, f"not a well-formed feed ({why}); "
                                     + (f"{len(links)} article link(s) read from it anyway" if links
                                        else "no article read from it"))
            self.counts(o.outlet).failed += 1
            return links, None  # read again in full next time
        if not parsed.entries and not parsed.get("version"):
            self.warn(o.outlet, url, "not an RSS or Atom feed")
            self.counts(o.outlet).failed += 1
            return [], None
        return links, (url, answer.etag, answer.last_modified)

    async def page(self, o: OutletFeeds, url: str, listed: str | None) -> tuple[str, str] | None:
        """The page at ``url`` as text, with its address after redirects (kept in the cache); None when
        it cannot be had (recorded, and warned about unless robots.txt said no)."""
        try:
            answer = await self.fetcher.get(url, delay=o.delay, accept=PAGE_TYPES)
        except FetchError as exc:
            why = str(exc)
            if why.startswith("disallowed by"):
                self.skip(o.outlet, url, why, listed=listed)
            else:
                self.fail(o.outlet, url, why, listed=listed)
            return None
        page = decode(answer.body, answer.content_type)
        self.store.keep_page(url, page.encode("utf-8"))  # kept as UTF-8 text
        return page, answer.url

    def progress(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.last_progress >= 5:
            self.last_progress = now
            self.log.info("fetch: %d of %d article(s) so far (%.0f s)", self.done, self.queued, now - self.started)

    # -- deciding ---------------------------------------------------------------------------
    def skip(self, outlet: str, url: str, why: str, **kw) -> None:
        self.store.record(url, outlet, "skipped", why, when=self.now.isoformat(timespec="seconds"), **kw)
        c = self.counts(outlet)
        c.skipped += 1
        c.why[_reason(why)] = c.why.get(_reason(why), 0) + 1

    def fail(self, outlet: str, url: str, why: str, **kw) -> None:
        self.warn(outlet, url, why)
        status = self.store.record(url, outlet, "failed", why, when=self.now.isoformat(timespec="seconds"), **kw)
        c = self.counts(outlet)
        if status == "failed":
            c.failed += 1
        else:
            c.skipped += 1
            c.why["failed too often"] = c.why.get("failed too often", 0) + 1

    def judge(self, outlet: str, url: str, page: str, final_url: str, listed: str | None,
              previous: str | None = None) -> None:
        """Extract the article of a page, decide whether it goes to sources/, and write it there.
        ``previous``: the file it was written to before (a replay rewrites that one)."""
        try:
            article = extract(page, final_url)
        except Exception as exc:  # a page that trips the extractor is that page's failure, not the run's
            self.fail(outlet, url, f"extraction failed ({type(exc).__name__}: {exc})", listed=listed,
                      final_url=final_url)
            return
        why = "no article in the page" if article is None else too_short(article)
        if why:
            self.fail(outlet, url, why, listed=listed, final_url=final_url)
            return
        digest = text_digest(article.text)
        same = dict(canonical=article.url, digest=digest, listed=listed, final_url=final_url)
        why = not_french(article) or (self.keep.why_not(article) if self.keep else None)
        if why:
            self.skip(outlet, url, why, **same)
            return
        twin = self.store.written_as(canonical=article.url, besides=url) or \
            self.store.written_as(outlet=outlet, digest=digest, besides=url)
        if twin is not None:
            what = "address" if twin.canonical == article.url or twin.url == article.url else "text"
            self.skip(outlet, url, f"same {what} as {twin.url} ({twin.file})", **same)
            return
        published = article.published or (date.fromisoformat(listed) if listed else self.now.date())
        sources = self.cfg.sources_dir
        path = sources / previous if previous and (sources / previous).is_file() else \
            source_path(sources, article, outlet, published)
        data = render(article, outlet, published, self.now)
        if not (path.is_file() and path.read_bytes() == data):
            try:
                write_source(path, data)
            except OSError as exc:
                raise BriefgenError(f"{path}: cannot be written ({exc.strerror or exc}); fetch stopped, the "
                                    "articles before it are in sources/") from None
        self.store.record(url, outlet, "new", None, file=path.name, when=self.now.isoformat(timespec="seconds"), **same)
        self.counts(outlet).new += 1
        self.summary.written.append(path)

    # -- replay -----------------------------------------------------------------------------
    def replay(self, outlets: tuple[str, ...] = ()) -> None:
        """Every cached page (of ``outlets`` when given) extracted and judged again, without the network."""
        for rec in self.store.cached():
            if outlets and rec.outlet not in outlets:
                continue
            body = self.store.page(rec.url)
            if body is None:
                continue
            self.counts(rec.outlet)
            self.judge(rec.outlet, rec.url, body.decode("utf-8", "replace"), rec.final_url or rec.url, rec.listed,
                       previous=rec.file if rec.status == "new" else None)


def _absolute(base: str, link: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, link.strip())
