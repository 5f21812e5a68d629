"""HTTP for the fetcher: one client, polite and bounded.

Every request goes through ``Fetcher.get``: redirects are followed by hand (a few at most, and only
to http:// or https://), answers are streamed and cut off past ``max_bytes``, each request has a
deadline of its own besides httpx's connect and read timeouts (a server that trickles bytes forever
is stopped too), robots.txt is read once per host and honoured, requests to one host are spaced by
the outlet's delay and limited in number, and conditional headers (ETag, Last-Modified) are sent
when given. A failure is a ``FetchError`` whose message says what went wrong; nothing is raised
past it.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .settings import HttpOptions

ROBOTS_MAX_BYTES = 500_000


class FetchError(Exception):
    """A request that gave nothing usable; the message says why (shown with outlet and URL)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A successful (2xx or 304) answer, read in full."""

    url: str
    """The address after redirects."""
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc.lower()}"


class _Host:
    """The pacing of one host: how many requests are in flight, when the next may start."""

    def __init__(self, per_host: int):
        self.slots = asyncio.Semaphore(per_host)
        self.turn = asyncio.Lock()
        self.next_start = 0.0
        self.robots: RobotFileParser | None = None
        self.robots_error: str | None = None
        self.robots_lock = asyncio.Lock()
        self.robots_read = False


class Fetcher:
    """An httpx.AsyncClient with briefgen's limits; use as ``async with Fetcher(options) as f``."""

    def __init__(self, options: HttpOptions):
        self.options = options
        self._hosts: dict[str, _Host] = {}
        self._all = asyncio.Semaphore(options.connections)
        self.requests = 0
        """Requests sent (robots.txt included), for the summary and the tests."""
        timeout = httpx.Timeout(options.timeout)
        limits = httpx.Limits(max_connections=options.connections,
                              max_keepalive_connections=options.connections)
        self._client = httpx.AsyncClient(timeout=timeout, limits=limits, follow_redirects=False,
                                         headers={"User-Agent": options.user_agent,
                                                  "Accept-Language": "fr, fr-FR;q=0.9, *;q=0.5"})

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc) -> None:
        await self._client.aclose()

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        if key not in self._hosts:
            self._hosts[key] = _Host(self.options.per_host)
        return self._hosts[key]

    async def get(self, url: str, *, delay: float = 0.0, etag: str | None = None,
                  last_modified: str | None = None, accept: str = "*/*") -> Answer:
        """The answer at ``url`` (after redirects), or FetchError. ``delay``: seconds between two
        requests to the same host."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _hop in range(self.options.redirects + 1):
            _check_scheme(url)
            if self.options.robots and not await self._allowed(url, delay):
                raise FetchError("disallowed by the site's robots.txt")
            response_url, status, location, answer = await self._once(url, headers, delay, self.options.max_bytes)
            if location is None:
                return answer
            url = urljoin(response_url, location)
        raise FetchError(f"more than {self.options.redirects} redirects")

    async def _once(self, url: str, headers: dict, delay: float, cap: int):
        host = self._host(url)
        async with host.slots, self._all:
            async with host.turn:  # requests to one host start ``delay`` seconds apart
                wait = host.next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                host.next_start = time.monotonic() + delay
            self.requests += 1
            try:
                return await asyncio.wait_for(self._read(url, headers, cap), self.options.timeout * 3)
            except asyncio.TimeoutError:
                raise FetchError(f"no complete answer within {self.options.timeout * 3:g} s") from None
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {self.options.timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(_http_error(exc)) from None

    async def _read(self, url: str, headers: dict, cap: int):
        async with self._client.stream("GET", url, headers=headers) as r:
            if r.is_redirect:
                location = r.headers.get("Location")
                if not location:
                    raise FetchError(f"redirect ({r.status_code}) without a Location")
                return str(r.url), r.status_code, location, None
            if r.status_code == 304:
                return str(r.url), 304, None, Answer(str(r.url), 304, b"", r.headers.get("ETag"),
                                                     r.headers.get("Last-Modified"), "")
            if r.status_code >= 400 or r.status_code < 200:
                raise FetchError(f"HTTP {r.status_code} {r.reason_phrase}".rstrip())
            declared = r.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise FetchError(f"{int(declared):,} bytes announced, more than the {cap:,} bytes allowed")
            chunks, size = [], 0
            async for chunk in r.aiter_bytes():
                size += len(chunk)
                if size > cap:
                    raise FetchError(f"larger than the {cap:,} bytes allowed; cut off")
                chunks.append(chunk)
            return str(r.url), r.status_code, None, Answer(
                str(r.url), r.status_code, b"".join(chunks), r.headers.get("ETag"), r.headers.get("Last-Modified"),
                r.headers.get("Content-Type", ""))

    async def _allowed(self, url: str, delay: float) -> bool:
        """Whether robots.txt lets us read ``url``. No robots.txt (4xx) allows everything; a server
        error or an unreachable robots.txt allows nothing for this run (RFC 9309)."""
        host = self._host(url)
        async with host.robots_lock:
            if not host.robots_read:
                host.robots_read = True
                host.robots = await self._robots(host_of(url) + "/robots.txt", delay)
        if host.robots_error:
            raise FetchError(f"robots.txt could not be read ({host.robots_error}); nothing is fetched from "
                             f"{host_of(url)} until it can")
        if host.robots is None:
            return True
        return host.robots.can_fetch(self.options.user_agent, url)

    async def _robots(self, url: str, delay: float) -> RobotFileParser | None:
        parser = RobotFileParser(url)
        try:
            for _hop in range(self.options.redirects + 1):
                _check_scheme(url)
                response_url, status, location, answer = await self._once(url, {"Accept": "text/plain"}, delay,
                                                                           ROBOTS_MAX_BYTES)
                if location is None:
                    break
                url = urljoin(response_url, location)
            else:
                raise FetchError("too many redirects")
        except FetchError as exc:
            text = str(exc)
            if not text.startswith("HTTP 4"):  # no robots.txt: everything is allowed
                self._host(url).robots_error = text
            return None
        parser.parse(answer.body.decode("utf-8", "replace").splitlines())
        return parser


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"refused: {scheme or 'no'} scheme ({url}); only http:// and https:// are fetched")


def _http_error(exc: httpx.HTTPError) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({text})"
    return text
