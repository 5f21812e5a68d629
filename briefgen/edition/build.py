"""Build the editions of one or more weeks: everything read and rendered before anything is written.

Every command asks ``edition.freshness`` whether an edition is current (its inputs digest against
the manifest ``output/<week>/edition.json``) and builds only what is not; ``current_editions`` is
what ``send`` uses: the full editions of every language and the tailored ones, brought up to date
together so that one mailing never mixes generations.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from ..articles.readers import read_sources
from ..core.config import Config
from ..core.errors import BriefgenError, ConfigError
from ..core.layout import edition_path
from ..facts.load import fact_files
from .brief import Brief, build_brief, newest_week, weeks_upto
from .changes import summary
from .freshness import (
    MANIFEST,
    REVISIONS,
    Entry,
    Manifest,
    edition_key,
    entry_is_current,
    inputs_digest,
    is_current,
    now,
    revision_of,
    sha256,
)
from .generation import Generation, failed, generation
from .parallel import render_many
from .pdf import PdfRenderer

log = logging.getLogger("briefgen")


def build(cfg: Config, week: str | None, *, langs=None, strict: bool = False,
          renderer: PdfRenderer | None = None, force: bool = True) -> list[Path]:
    """Build the editions of ``week`` (default: the newest with facts) and write them; unless
    ``force``, editions that are current are left as they are (nothing rendered)."""
    week = week or newest_week(cfg)
    if not force and is_current(cfg, week, langs or cfg.languages):
        # The same checks and warnings as a build (--strict may refuse what a plain build accepted).
        build_brief(cfg, week, strict=strict, warn=lambda m: log.warning("warning: %s", m))
        log.info("%s: the editions are up to date (nothing rendered; --force to render them again)", week)
        return []
    return build_weeks(cfg, [week], langs=langs, strict=strict, renderer=renderer)


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
    digests = {week: inputs_digest(cfg, week) for week in weeks}  # before reading: a later edit makes it stale
    briefs = {}
    warn = lambda m: log.warning("warning: %s", m)  # noqa: E731
    sources = read_sources(cfg.sources_dir, warn=warn)
    files: dict = {}
    for week in weeks:
        log.info("[1/3] reading facts and sources for %s", week)
        try:
            briefs[week] = build_brief(cfg, week, strict=strict, sources=sources, warn=warn, files=files)
        except ConfigError:
            raise
        except BriefgenError as exc:
            if week not in optional:
                raise
            log.warning("warning: %s not built: %s", week, exc)
    files.clear()  # every week's facts as read: the briefs keep only what they print
    work = [(brief, lang) for brief in briefs.values() for lang in langs]
    n = sum(len({i.fact.id for s in b.sections for i in s.items}) for b in briefs.values())
    log.info("[2/3] rendering %d edition(s) of %d facts in %s", len(work), n, ", ".join(langs))
    rendered = render_many(cfg, work, renderer=renderer)
    log.info("[3/3] writing %s", ", ".join(str(cfg.output_dir / w) for w in briefs))
    outputs: list[Path] = []
    for week in briefs:
        manifest = Manifest.read(cfg.output_dir / week, week)
        try:
            manifest.keep_legacy(cfg.output_dir / week, cfg.languages)
        except OSError as exc:
            raise failed(cfg.output_dir / week / REVISIONS, exc) from None
        with generation(cfg.output_dir, week) as gen:  # all of the week's files shown at once, or none
            for (brief, lang), (html, pdf) in zip(work, rendered):
                if brief.week == week:
                    outputs += _write_edition(cfg, gen, manifest, digests[week], brief, lang, None, html, pdf)
            gen.write(MANIFEST, manifest.dumps())
    log.info("built %s in %.1f s", ", ".join(briefs), time.perf_counter() - t0)
    return outputs


def _write_edition(cfg: Config, gen: Generation, manifest: Manifest, digest: str, brief: Brief, lang: str,
                   themes: tuple[str, ...] | None, html: str, pdf: bytes) -> list[Path]:
    """Write one rendered edition into the next generation (only the files whose bytes changed) and
    record it in ``manifest``; returns the paths it will be seen at."""
    data = {edition_path(cfg.output_dir, brief.week, lang, "html", themes or ()): html.encode("utf-8"),
            edition_path(cfg.output_dir, brief.week, lang, "pdf", themes or ()): pdf}
    for path, content in data.items():
        if gen.read(path.name) == content:
            log.info("  %s (unchanged)", path)
            continue
        gen.write(path.name, content)
        log.info("  %s (%s bytes)", path, f"{len(content):,}")
    html_bytes = data[next(iter(data))]
    manifest.editions[edition_key(lang, themes)] = Entry(
        inputs=digest, revision=revision_of(html_bytes), files={p.name: sha256(c) for p, c in data.items()},
        summary=summary(brief, lang), built_at=now())
    return list(data)


def stale_weeks(cfg: Config, upto: str | None = None) -> list[str]:
    """Weeks whose full editions are missing or not what their inputs make now: the weeks with facts
    (from the first edition on) and the quiet weeks between them, up to ``upto`` when it is later.
    Quiet weeks before the first week with facts are left out: no earlier edition promised them."""
    weeks = sorted(w for w in fact_files(cfg) if w >= cfg.brief.first_edition)
    if not weeks:
        return []
    last = max(weeks[-1], upto or weeks[-1])
    return [w for w in weeks_upto(cfg, last) if w >= weeks[0] and not is_current(cfg, w)]


@dataclass(frozen=True)
class Edition:
    """An edition as it is on disk and current: what ``send`` attaches."""

    key: str
    lang: str
    brief: Brief
    revision: str
    summary: dict
    html: Path
    pdf: Path


def current_editions(cfg: Config, week: str, wanted, *, strict: bool = False, renderer: PdfRenderer | None = None,
                     log: logging.Logger = log) -> dict[tuple[str, tuple[str, ...] | None], Edition]:
    """The editions ``wanted`` — (language, theme subset or None) — of ``week``, current: when the
    inputs changed, the full editions of every language and the tailored ones are rendered again,
    together, before anything is returned. A subset without facts this week gets the short tailored
    edition that says so ("nothing in your themes this week"), never the full one."""
    folder = cfg.output_dir / week
    digest = inputs_digest(cfg, week)
    with generation(cfg.output_dir, week) as gen:  # full and tailored editions shown together
        if not is_current(cfg, week, digest=digest):
            log.info("the editions of %s are missing or out of date: building them", week)
            build_weeks(cfg, [week], strict=strict, renderer=renderer)
            digest = Manifest.read(gen.dir, week).editions[cfg.languages[0]].inputs
        manifest = Manifest.read(gen.dir, week)
        warn = lambda m: log.debug("%s", m)  # noqa: E731 - build_weeks has reported them
        sources = read_sources(cfg.sources_dir, warn=warn)
        files: dict = {}
        full = build_brief(cfg, week, strict=strict, sources=sources, warn=warn, files=files)
        briefs: dict[tuple[str, tuple[str, ...] | None], Brief] = {}
        work, keys = [], []
        for lang, themes in sorted(set(wanted) | {(lang, None) for lang in cfg.languages}, key=str):
            if themes is None:
                briefs[(lang, None)] = full
                continue
            tailored = build_brief(cfg, week, themes=themes, sources=sources, warn=warn, files=files)
            if tailored.quiet and not full.quiet:
                log.info("nothing this week in %s: those stakeholders get a short note saying so", "+".join(themes))
            briefs[(lang, themes)] = tailored
            if not entry_is_current(gen.dir, manifest.editions.get(edition_key(lang, themes)), digest):
                work.append((tailored, lang))
                keys.append(themes)
        if work:
            log.info("rendering %d tailored edition(s)", len(work))
            rendered = render_many(cfg, work, renderer=renderer)
            for (tailored, lang), themes, (html, pdf) in zip(work, keys, rendered):
                _write_edition(cfg, gen, manifest, digest, tailored, lang, themes, html, pdf)
            gen.write(MANIFEST, manifest.dumps())
    out = {}
    for (lang, themes), brief in briefs.items():
        if (lang, themes) not in wanted and themes is not None:
            continue
        e = manifest.editions[edition_key(lang, themes)]
        out[(lang, themes)] = Edition(edition_key(lang, themes), lang, brief, e.revision, e.summary,
                                      folder / e.html, folder / e.pdf)
    return out
