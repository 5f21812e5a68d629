"""The use cases of briefgen, one function each: check, build, run, extract, send, evaluate, train, init,
serve.

The CLI parses arguments, calls these and prints what they return; nothing in the package imports
the CLI. Progress and warnings go to the ``briefgen`` logger. Heavy libraries (spaCy, WeasyPrint,
smtplib) are imported only by the use case that needs them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import BriefgenError, ConfigError, Problem

if TYPE_CHECKING:  # pragma: no cover - the settings (pydantic) load after the PDF renderer has forked
    from .core.config import Config

log = logging.getLogger("briefgen")


def load(path: Path, *, strict: bool = False) -> Config:
    """The project's settings, with their warnings logged."""
    from .core.config import load_config

    cfg = load_config(path, strict=strict)
    for w in cfg.warnings:
        log.warning("warning: %s", w)
    return cfg


def check(cfg: Config, *, strict: bool = False) -> tuple[list[Problem], list[Problem]]:
    """Every problem in the files a run uses besides the project's settings (already loaded):
    stakeholders and delivery settings when configured, and every fact file; and the translations
    the editions lack."""
    from .edition.render import template_problems

    problems = _mailing_problems(cfg, strict=strict, sending=False) + template_problems(cfg)
    problems += _feeds(cfg, strict=strict)[1]
    fact_problems, missing = _fact_problems(cfg, strict=strict)
    return problems + fact_problems, missing


def _mailing_problems(cfg: Config, *, strict: bool, sending: bool, quiet: bool = False) -> list[Problem]:
    """The problems of stakeholders.yaml and delivery.yaml (their warnings logged unless ``quiet``).
    When ``sending`` both files must be configured; otherwise those configured are checked. The SMTP
    password is not needed (only sending asks for it)."""
    from .deliver.settings import load_delivery, load_stakeholders

    problems = []
    for name, read in (("stakeholders", load_stakeholders), ("delivery", load_delivery)):
        if not sending and cfg.files.get(name) is None:
            continue
        try:
            _, warnings = read(cfg, strict=strict)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        for w in () if quiet else warnings:
            log.warning("warning: %s", w)
    return problems


def _feeds(cfg: Config, *, strict: bool, quiet: bool = False):
    """The feeds settings (None when they have errors) and their problems; warnings logged unless ``quiet``."""
    from .ingest.settings import load_feeds

    try:
        settings, warnings = load_feeds(cfg, strict=strict)
    except ConfigError as exc:
        return None, exc.problems
    for w in () if quiet else warnings:
        log.warning("warning: %s", w)
    return settings, []


def fetch(cfg: Config, *, replay: bool = False, outlets: tuple[str, ...] = (), strict: bool = False, settings=None):
    """The enabled outlets of feeds.yaml fetched into sources/ (``replay``: the cached pages
    extracted again, no network); returns the summary, also logged."""
    from .ingest.feeds import fetch_project

    if settings is None:
        settings, problems = _feeds(cfg, strict=strict)
        if problems:
            raise ConfigError(problems)
    unknown = [o for o in outlets if o not in {x.outlet for x in settings.outlets}]
    if unknown and not replay:
        raise BriefgenError(f"--outlet {unknown[0]!r} is not an enabled outlet with feeds or pages in "
                            f"{settings.path or 'feeds.yaml'}")
    if not settings.outlets and not replay:
        log.info("fetch: no enabled outlet with feeds or pages in %s: nothing to fetch",
                 settings.path or "the settings (no feeds.yaml)")
        return None
    summary = fetch_project(cfg, settings, log=log, replay=replay, outlets=outlets)
    for line in summary.lines():
        log.info("fetch: %s", line)
    if not replay and settings.outlets:
        log.info("fetch: %d request(s), %d not modified since the last run", summary.requests, summary.not_modified)
    return summary


def outlet_warnings(cfg: Config, sources) -> list[str]:
    """Sources whose outlet outlets.yaml does not grade: their facts are graded F (cannot be judged)."""
    where = cfg.files.get("outlets")
    if not cfg.outlets:
        return [f"{where}: no outlets: the facts of every source are graded F (cannot be judged)"]
    return [f"{s.path}: outlet {s.outlet!r} is not in {where.name if where else 'outlets.yaml'}: its facts "
            "are graded F (cannot be judged)" for s in sources if s.outlet and s.outlet not in cfg.outlets]


def _fact_problems(cfg: Config, *, strict: bool, quiet: bool = False) -> tuple[list[Problem], list[Problem]]:
    """Every problem in every fact file, and the missing translations; ``quiet``: warnings not logged."""
    from .articles.readers import read_sources
    from .edition.i18n import translations
    from .facts.chronology import chronology_problems
    from .facts.load import fact_files, load_fact_file
    from .facts.translations import missing_translations
    from .facts.wording import wording_problems

    def warn(message) -> None:
        if not quiet:
            log.warning("warning: %s", message)

    sources = read_sources(cfg.sources_dir, warn=warn)
    for w in outlet_warnings(cfg, sources.values()):
        warn(w)
    weeks = fact_files(cfg)
    if cfg.facts_dir.is_dir():
        for path in sorted(cfg.facts_dir.glob("*.yaml")):
            if path.stem not in weeks:
                warn(f"{path}: not named after an ISO week of the calendar (like 2025-W30.yaml): not read")
    problems, missing = [], list(missing_translations(cfg, None))
    for path in weeks.values():
        try:
            ff, warnings = load_fact_file(cfg, path, source_ids=sources.keys(), strict=strict)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        errors, late = chronology_problems(cfg, ff, sources)
        late = [*late, *wording_problems(ff, translations)]
        problems.extend(errors)
        if strict:
            problems.extend(late)
            late = []
        for w in (*warnings, *late):
            warn(w)
        missing.extend(missing_translations(cfg, ff))
    return problems, missing


def checked(cfg: Config, *, strict: bool = False) -> list[Problem]:
    """check(), with missing translations logged and problems raised; returns the missing ones."""
    return _raise_problems(*check(cfg, strict=strict))


def _raise_problems(problems: list[Problem], missing: list[Problem]) -> list[Problem]:
    for m in missing:
        log.warning("%s", m)  # file:line: 'key' missing translation: …
    if problems:
        raise ConfigError(problems)
    return missing


def build(cfg: Config, week: str | None, *, langs=None, strict: bool = False, force: bool = True) -> list[Path]:
    """Build the editions of ``week`` (default: the newest with facts) and write them (unless
    ``force``, only when they are not current)."""
    from .edition.build import build as build_week

    return build_week(cfg, week, langs=langs, strict=strict, force=force)


def build_project(config: Path, week: str | None, *, langs=None, strict: bool = False,
                  force: bool = False) -> list[Path]:
    """``briefgen build``: the settings at ``config`` loaded, then the editions of ``week`` built
    when they are not current (``force``: in any case). WeasyPrint starts loading in the PDF
    renderer's process before the settings are read."""
    from .edition.pdf import PdfRenderer

    with PdfRenderer() as renderer:  # forked before the settings and facts modules are imported
        from .edition.build import build as build_week

        cfg = load(config, strict=strict)
        return build_week(cfg, week, langs=langs, strict=strict, renderer=renderer, force=force)


def run(cfg: Config, week: str | None = None, *, send: bool = False, dry_run: bool = False,
        strict: bool = False, offline: bool = False) -> int:
    """The weekly job: fetch (when feeds.yaml lists enabled outlets, unless ``offline``), extract,
    check, build the week and every stale one, then (``send``) mail it (``dry_run``: write the
    messages to the outbox and send nothing).

    Everything the run reads is checked before extraction rewrites facts/ and output/.cache, so a
    broken file stops it with nothing written. Without ``send``, problems in the stakeholders or
    delivery settings are only warnings (errors with ``strict``): they do not stop the editions,
    and ``send`` or ``check`` reports them as errors.
    """
    from .edition.pdf import PdfRenderer

    with PdfRenderer() as renderer:  # WeasyPrint loads in its process while this one extracts
        return _run(cfg, week, send=send, dry_run=dry_run, strict=strict, renderer=renderer, offline=offline)


def _run(cfg: Config, week: str | None, *, send: bool, dry_run: bool, strict: bool, renderer,
         offline: bool = False) -> int:
    from .deliver.send import resolve_week, run_send
    from .edition.build import build_weeks, stale_weeks
    from .edition.freshness import is_current
    from .extract import extract_project

    try:
        problems = _mailing_problems(cfg, strict=strict, sending=send, quiet=True)  # send logs their warnings
    except BriefgenError as exc:  # no such file while sending, or a bad BRIEFGEN_SMTP_* variable
        if send or strict:
            raise
        log.warning("warning: %s; 'briefgen send' would stop here", exc)
        problems = []
    if problems and not (send or strict):
        log.warning("warning: 'briefgen send' would refuse these mailing settings:\n  %s",
                    "\n  ".join(map(str, problems)))
        problems = []
    feeds, feed_problems = _feeds(cfg, strict=strict)
    problems += feed_problems
    problems += _fact_problems(cfg, strict=strict, quiet=True)[0]  # their warnings: logged after extraction
    if problems:
        raise ConfigError(problems)

    if feeds.outlets and not offline:
        fetch(cfg, settings=feeds)
    extract_project(cfg, log=log)
    _raise_problems(*_fact_problems(cfg, strict=strict))
    week = resolve_week(cfg, week)
    # Only what is stale is rendered: the week asked for (unless current) and every other week whose
    # editions are missing or out of date, quiet weeks between the first week with facts and it included.
    stale = stale_weeks(cfg, upto=week)
    others = [w for w in stale if w != week]
    todo = [*others, week] if week in stale or not is_current(cfg, week) else others
    if todo:
        build_weeks(cfg, todo, strict=strict, optional=set(others), renderer=renderer)
    else:
        log.info("editions up to date: nothing to render")
    if send:
        return run_send(cfg, week, dry_run=dry_run, resend=False, log=log, strict=strict)
    return 0


def extract(cfg: Config):
    """The project's articles → facts/<week>.yaml updated; returns the extraction summary."""
    from .extract import extract_project

    return extract_project(cfg, log=log)


def extract_document(cfg: Config, paths: list[Path]) -> dict:
    """The merged extraction of the articles at ``paths`` as the documented JSON document."""
    from .extract import extract_paths
    from .extract.export import document

    ex = extract_paths(paths, cfg)
    if not ex.sources:
        raise BriefgenError("no usable article among: " + ", ".join(map(str, paths)))
    return document(ex, cfg)


def send(cfg: Config, week: str | None, *, dry_run: bool = False, resend: bool = False,
         strict: bool = False) -> int:
    """Mail each stakeholder the edition of their language; 0 only if everyone has theirs."""
    from .deliver.send import run_send

    return run_send(cfg, week, dry_run=dry_run, resend=resend, log=log, strict=strict)


def evaluate(cfg: Config, gold: Path | None, paths: list[Path], *, one_week: bool = False):
    """Extraction scored against gold annotations (fields, and articles as wholes when the gold
    files give topics and same-event groups)."""
    from .extract.evaluate import evaluate as score

    gold = gold or cfg.path.parent.parent / "tests" / "gold"
    return score(cfg, gold, paths or [cfg.sources_dir], warn=lambda m: log.warning("%s", m), one_week=one_week)


def train(cfg: Config, gold: list[Path] | None, texts: list[Path] | None, out: Path | None, *, folds: int = 7,
          seed: int = 0):
    """The theme classifier retrained from annotated articles (default: the project's tests/gold
    and sources/), cross-validated first; written to ``out`` (default: the project's models/themes/)."""
    from .extract import learned, training

    if folds < 2:
        raise BriefgenError("--folds must be 2 or more")
    return training.train(cfg, gold or [cfg.path.parent.parent / "tests" / "gold"], texts or [cfg.sources_dir],
                         out or learned.desk_model_dir(cfg), k=folds, seed=seed,
                         warn=lambda m: log.warning("%s", m), say=log.info)


def serve(cfg: Config, week: str | None, *, host: str = "127.0.0.1", port: int = 8765,
          token: str | None = None) -> None:
    """The review desk over the project, until interrupted (see briefgen.desk.server)."""
    from .desk.server import serve as run_desk

    run_desk(cfg, week, host=host, port=port, token=token)


def init(root: Path, *, force: bool = False):
    """A new desk in ``root`` (missing or empty unless ``force``): the example's settings, one week
    of facts and its articles, ready for ``briefgen build``; returns what was written."""
    from .core.desk import create_desk

    return create_desk(root, force=force)
