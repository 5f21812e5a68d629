"""The use cases of briefgen, one function each: check, build, run, extract, send, evaluate, init.

The CLI parses arguments, calls these and prints what they return; nothing in the package imports
the CLI. Progress and warnings go to the ``briefgen`` logger. Heavy libraries (spaCy, WeasyPrint,
smtplib) are imported only by the use case that needs them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .core.config import Config, load_config
from .core.errors import BriefgenError, ConfigError, Problem

log = logging.getLogger("briefgen")


def load(path: Path, *, strict: bool = False) -> Config:
    """The project's settings, with their warnings logged."""
    cfg = load_config(path, strict=strict)
    for w in cfg.warnings:
        log.warning("warning: %s", w)
    return cfg


def check(cfg: Config, *, strict: bool = False) -> tuple[list[Problem], list[str]]:
    """Every problem in every fact file, and the translations the editions lack."""
    from .articles.readers import read_sources
    from .facts.load import fact_files, load_fact_file
    from .facts.translations import missing_translations

    sources = read_sources(cfg.sources_dir, warn=lambda m: log.warning("warning: %s", m))
    problems, missing = [], list(missing_translations(cfg, None))
    for week, path in fact_files(cfg).items():
        try:
            ff, warnings = load_fact_file(cfg, path, source_ids=sources.keys(), strict=strict)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        for w in warnings:
            log.warning("warning: %s", w)
        missing.extend(missing_translations(cfg, ff))
    return problems, missing


def checked(cfg: Config, *, strict: bool = False) -> list[str]:
    """check(), with missing translations logged and problems raised; returns the missing ones."""
    problems, missing = check(cfg, strict=strict)
    for m in missing:
        log.warning("missing translation: %s", m)
    if problems:
        raise ConfigError(problems)
    return missing


def build(cfg: Config, week: str | None, *, langs=None, strict: bool = False) -> list[Path]:
    """Build the editions of ``week`` (default: the newest with facts) and write them."""
    from .edition.build import build as build_week

    return build_week(cfg, week, langs=langs, strict=strict)


def run(cfg: Config, week: str | None = None, *, send: bool = False, strict: bool = False) -> int:
    """The weekly job: extract, check, build the week and every stale one, then (``send``) mail it."""
    from .deliver.send import resolve_week, run_send
    from .edition.build import build_weeks, stale_weeks
    from .extract import extract_project

    extract_project(cfg, log=log)
    checked(cfg, strict=strict)
    week = resolve_week(cfg, week)
    others = stale_weeks(cfg, exclude=week)  # e.g. a past week whose facts were all rejected is skipped
    build_weeks(cfg, [*others, week], strict=strict, optional=set(others))
    if send:
        return run_send(cfg, week, dry_run=False, resend=False, log=log, strict=strict)
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


def evaluate(cfg: Config, gold: Path | None, paths: list[Path]):
    """Extraction scored against gold annotations: (scores, differences, articles scored)."""
    from .extract.evaluate import evaluate as score

    gold = gold or cfg.path.parent.parent / "tests" / "gold"
    return score(cfg, gold, paths or [cfg.sources_dir], warn=lambda m: log.warning("%s", m))


def init(root: Path, *, force: bool = False):
    """A new desk in ``root`` (missing or empty unless ``force``): the example's settings, one week
    of facts and its articles, ready for ``briefgen build``; returns what was written."""
    from .core.desk import create_desk

    return create_desk(root, force=force)
