"""Build the editions of one or more weeks: everything read and rendered before anything is written."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from ..articles.readers import read_sources
from ..core.config import Config
from ..core.errors import BriefgenError, ConfigError
from ..core.files import write_atomic
from ..core.layout import edition_paths
from ..facts.load import fact_files
from .brief import build_brief, newest_week
from .parallel import edition_files, render_many
from .pdf import PdfRenderer

log = logging.getLogger("briefgen")


def build(cfg: Config, week: str | None, *, langs=None, strict: bool = False,
          renderer: PdfRenderer | None = None) -> list[Path]:
    """Build the editions of ``week`` (default: the newest with facts) and write them."""
    return build_weeks(cfg, [week or newest_week(cfg)], langs=langs, strict=strict, renderer=renderer)


def build_weeks(cfg: Config, weeks: list[str], *, langs=None, strict: bool = False, optional=(),
                renderer: PdfRenderer | None = None) -> list[Path]:
    """Build every edition of ``weeks`` — all read and rendered (in parallel) before anything is
    written — and return the files written. A week in ``optional`` that has nothing to show is
    skipped with a warning instead of failing the whole build. ``renderer``: a PdfRenderer started
    earlier by the command (WeasyPrint already loading), else PDFs are written as they come."""
    langs = langs or list(cfg.languages)
    for lang in langs:
        if lang not in cfg.languages:
            raise BriefgenError(f"--lang {lang}: not a configured language ({', '.join(cfg.languages)})")
    t0 = time.perf_counter()
    briefs = {}
    warn = lambda m: log.warning("warning: %s", m)  # noqa: E731
    sources = read_sources(cfg.sources_dir, warn=warn)
    for week in weeks:
        log.info("[1/3] reading facts and sources for %s", week)
        try:
            briefs[week] = build_brief(cfg, week, strict=strict, sources=sources, warn=warn)
        except ConfigError:
            raise
        except BriefgenError as exc:
            if week not in optional:
                raise
            log.warning("warning: %s not built: %s", week, exc)
    work = [(brief, lang) for brief in briefs.values() for lang in langs]
    n = sum(len({i.fact.id for s in b.sections for i in s.items}) for b in briefs.values())
    log.info("[2/3] rendering %d edition(s) of %d facts in %s", len(work), n, ", ".join(langs))
    rendered = render_many(cfg, work, renderer=renderer)
    outputs: dict[Path, bytes] = {}
    for (brief, lang), result in zip(work, rendered):
        outputs.update(edition_files(cfg.output_dir, brief.week, {lang: result}))
    log.info("[3/3] writing %s", ", ".join(str(cfg.output_dir / w) for w in briefs))
    for path, data in outputs.items():
        write_atomic(path, data)
        log.info("  %s (%s bytes)", path, f"{len(data):,}")
    log.info("built %s in %.1f s", ", ".join(briefs), time.perf_counter() - t0)
    return list(outputs)


def stale_weeks(cfg: Config, *, exclude: str) -> list[str]:
    """Weeks with facts whose editions are missing or older than their fact file or the config."""
    newest_input = max(p.stat().st_mtime for p in cfg.files.values() if p)
    out = []
    for week, path in fact_files(cfg).items():
        if week == exclude:
            continue
        editions = edition_paths(cfg.output_dir, week, cfg.languages)
        if not all(e.is_file() for e in editions):
            out.append(week)
        elif min(e.stat().st_mtime for e in editions) < max(path.stat().st_mtime, newest_input):
            out.append(week)
    return out
