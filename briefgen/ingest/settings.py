"""config/feeds.yaml: which outlets to fetch, from which feeds and pages, and how politely.

The file is optional (``paths.feeds`` in briefgen.yaml, by default ``feeds.yaml`` beside it). Its
shape is declared like the other settings files, so every problem comes back at once with file,
line and key; an outlet that outlets.yaml does not grade is an error, as a source from it could not
be graded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, ValidationInfo

from ..core.config import Config
from ..core.errors import ConfigError, Problem
from ..core.schema import ListOf, Shape, between, fail, text_list, validate
from ..core.yamlio import load_yaml

DEFAULT_USER_AGENT = "briefgen/0.1 (weekly press review; +https://example.org/briefgen)"


def _web_address(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"{value!r} is not an http:// or https:// address")
    return value.strip()


def _known_outlet(value: str, info: ValidationInfo) -> str:
    outlets = info.context["outlets"]
    if value not in outlets:
        known = ", ".join(sorted(outlets)) or "none"
        raise fail(f"outlet {value!r} is not in outlets.yaml (known: {known}); add it there with its reliability")
    seen = info.context.setdefault("feed outlets", set())
    if value in seen:
        raise fail(f"outlet {value!r} is listed twice; give it one entry with all its feeds")
    seen.add(value)
    return value


Address = text_list(_web_address)


class _OutletFeeds(Shape):
    outlet: Annotated[str, AfterValidator(_known_outlet)]
    feeds: Address = ()
    pages: Address = ()
    delay: Annotated[float, between(0, 600)] | None = None
    enabled: bool = True


class _Keep(Shape):
    cues: bool = True


class _Http(Shape):
    user_agent: str = DEFAULT_USER_AGENT
    timeout: Annotated[float, between(0.1, 600)] = 20.0
    max_bytes: Annotated[int, between(10_000, 100_000_000)] = 5_000_000
    redirects: Annotated[int, between(0, 20)] = 5
    per_host: Annotated[int, between(1, 16)] = 2
    connections: Annotated[int, between(1, 64)] = 8
    delay: Annotated[float, between(0, 600)] = 1.0
    deadline: Annotated[float, between(1, 86_400)] = 1800.0
    robots: bool = True


class FeedsFile(Shape):
    """config/feeds.yaml."""

    outlets: ListOf(_OutletFeeds) = ()
    keep: _Keep = _Keep()
    http: _Http = _Http()


@dataclass(frozen=True, slots=True)
class OutletFeeds:
    """What to read for one outlet."""

    outlet: str
    """An id of outlets.yaml."""
    feeds: tuple[str, ...]
    """RSS 2.0, RSS 1.0 or Atom feeds."""
    pages: tuple[str, ...]
    """Section pages or sitemaps whose links are read as articles."""
    delay: float
    """Seconds between two requests to one of its hosts."""


@dataclass(frozen=True, slots=True)
class HttpOptions:
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    """Seconds a connection or a read may wait."""
    max_bytes: int = 5_000_000
    """Larger answers are cut off and count as failed."""
    redirects: int = 5
    per_host: int = 2
    """Requests in flight to one host at most."""
    connections: int = 8
    """Requests in flight at most."""
    deadline: float = 1800.0
    """Seconds the whole fetch may take; what is left is tried at the next run."""
    robots: bool = True


@dataclass(frozen=True, slots=True)
class FeedSettings:
    path: Path | None
    outlets: tuple[OutletFeeds, ...]
    """The enabled outlets that have a feed or a page."""
    keep_cues: bool = True
    """Keep only the articles that name a theme cue of brief.yaml or a gazetteer entry."""
    http: HttpOptions = HttpOptions()


def feeds_file(cfg: Config) -> Path | None:
    return cfg.files.get("feeds")


def load_feeds(cfg: Config, *, strict: bool = False) -> tuple[FeedSettings, list[Problem]]:
    """The feeds settings (an empty one without a feeds file) and their warnings; ConfigError on errors."""
    path = feeds_file(cfg)
    if path is None:
        return FeedSettings(None, ()), []
    doc = load_yaml(path)
    value, errors, warnings = validate(doc, FeedsFile, strict=strict, context={"outlets": cfg.outlets})
    if errors:
        raise ConfigError(errors)
    h = value.http
    outlets = tuple(OutletFeeds(o.outlet, o.feeds, o.pages, h.delay if o.delay is None else o.delay)
                    for o in value.outlets if o.enabled and (o.feeds or o.pages))
    http = HttpOptions(h.user_agent, h.timeout, h.max_bytes, h.redirects, h.per_host, h.connections, h.deadline,
                       h.robots)
    return FeedSettings(path, outlets, value.keep.cues, http), warnings
