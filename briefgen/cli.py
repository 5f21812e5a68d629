"""Command line: a thin layer over the API. User errors → one message, exit 1; usage errors → exit 2."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from .errors import BriefgenError, ConfigError

log = logging.getLogger("briefgen")

DESCRIPTION = """\
briefgen turns French-language news about Mali and the Sahel into a weekly situation brief,
in French and English, as HTML and PDF.

  briefgen run                 extract, check and build the newest week (the weekly job)
  briefgen extract             read sources/, propose facts into facts/<week>.yaml
  briefgen build --week W      build one week's editions into output/<week>/
  briefgen check               validate config and fact files, list missing translations
  briefgen send --week W       email each stakeholder the edition of their language
  briefgen evaluate            score extraction against annotated articles (tests/gold)

Every command reads config/briefgen.yaml unless --config says otherwise; the files it names
are resolved relative to it."""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, default=Path("config/briefgen.yaml"), metavar="PATH",
                   help="project settings file (default: %(default)s)")
    p.add_argument("--strict", action="store_true", help="treat warnings (unknown keys…) as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="briefgen", description=DESCRIPTION,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    from . import __version__
    top.add_argument("--version", action="version", version=f"briefgen {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    b = sub.add_parser("build", help="build the French and English editions of one week",
                       description="Render the editions of one ISO week to output/<week>/brief.<lang>.html and .pdf. "
                                   "Nothing is written unless every edition renders.")
    b.add_argument("--week", metavar="YYYY-Www", help="ISO week, e.g. 2025-W30 (default: the newest week with facts)")
    b.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
    _common(b)

    c = sub.add_parser("check", help="validate config and fact files; list missing translations",
                       description="Read every config and fact file and report all problems at once, "
                                   "with file, line and key. Exit 1 if any is an error.")
    _common(c)

    r = sub.add_parser("run", help="the weekly job: extract, check, build (and --send)",
                       description="Extract facts from the articles in sources/ (only new or changed articles are "
                                   "analysed), check the project, then build the editions of the newest week that "
                                   "has facts and of every week whose editions are missing or older than its facts.")
    r.add_argument("--week", metavar="YYYY-Www|last",
                   help="build this week instead of the newest ('last': the previous complete ISO week)")
    r.add_argument("--send", action="store_true",
                   help="then email each stakeholder their edition (as 'briefgen send' does)")
    _common(r)

    from .deliver import add_parser as add_send_parser
    from .extract.command import add_parsers as add_extract_parsers

    add_send_parser(sub, _common)
    add_extract_parsers(sub, _common)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    try:
        func = getattr(args, "func", None) or {"build": cmd_build, "check": cmd_check, "run": cmd_run}[args.command]
        return func(args)
    except ConfigError as exc:
        n = len(exc.problems)
        log.error("error: %s", f"{n} problems:\n  " + "\n  ".join(map(str, exc.problems)) if n > 1 else exc)
        return 1
    except BriefgenError as exc:
        log.error("error: %s", exc)
        return 1
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130


def _config(args):
    from .config import load_config
    cfg = load_config(args.config, strict=args.strict)
    for w in cfg.warnings:
        log.warning("warning: %s", w)
    return cfg


def cmd_build(args) -> int:
    cfg = _config(args)
    build(cfg, args.week, langs=args.lang, strict=args.strict)
    return 0


def build(cfg, week: str | None, *, langs=None, strict: bool = False) -> list[Path]:
    """Build the editions of ``week`` (default: the newest with facts) and write them."""
    from .brief import newest_week

    return build_weeks(cfg, [week or newest_week(cfg)], langs=langs, strict=strict)


def build_weeks(cfg, weeks: list[str], *, langs=None, strict: bool = False, optional=()) -> list[Path]:
    """Build every edition of ``weeks`` — all read and rendered (in parallel) before anything is
    written — and return the files written. A week in ``optional`` that has nothing to show is
    skipped with a warning instead of failing the whole build."""
    from .brief import build_brief
    from .editions import edition_files, render_many
    from .files import write_atomic
    from .sources import read_sources

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
    rendered = render_many(cfg, work)
    outputs: dict[Path, bytes] = {}
    for (brief, lang), result in zip(work, rendered):
        outputs.update(edition_files(cfg.output_dir / brief.week, {lang: result}))
    log.info("[3/3] writing %s", ", ".join(str(cfg.output_dir / w) for w in briefs))
    for path, data in outputs.items():
        write_atomic(path, data)
        log.info("  %s (%s bytes)", path, f"{len(data):,}")
    log.info("built %s in %.1f s", ", ".join(briefs), time.perf_counter() - t0)
    return list(outputs)


def stale_weeks(cfg, *, exclude: str) -> list[str]:
    """Weeks with facts whose editions are missing or older than their fact file or the config."""
    from .facts import fact_files

    newest_input = max(p.stat().st_mtime for p in cfg.files.values() if p)
    out = []
    for week, path in fact_files(cfg).items():
        if week == exclude:
            continue
        editions = [cfg.output_dir / week / f"brief.{lang}.{ext}" for lang in cfg.languages for ext in ("html", "pdf")]
        if not all(e.is_file() for e in editions):
            out.append(week)
        elif min(e.stat().st_mtime for e in editions) < max(path.stat().st_mtime, newest_input):
            out.append(week)
    return out


def cmd_check(args) -> int:
    cfg = _config(args)
    missing = _checked(cfg, strict=args.strict)
    log.info("ok: config and fact files valid%s", f"; {len(missing)} missing translations" if missing else "")
    return 0


def _checked(cfg, *, strict: bool) -> list[str]:
    """check(), with missing translations logged and problems raised; returns the missing ones."""
    problems, missing = check(cfg, strict=strict)
    for m in missing:
        log.warning("missing translation: %s", m)
    if problems:
        raise ConfigError(problems)
    return missing


def check(cfg, *, strict: bool = False):
    """Every problem in every fact file, and the translations the editions lack."""
    from .facts import fact_files, load_fact_file
    from .sources import read_sources
    from .translations import missing_translations

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


def cmd_run(args) -> int:
    cfg = _config(args)
    from .extract import extract_project

    extract_project(cfg, log=log)
    _checked(cfg, strict=args.strict)
    from .deliver import resolve_week, run_send

    week = resolve_week(cfg, args.week)
    others = stale_weeks(cfg, exclude=week)  # e.g. a past week whose facts were all rejected is skipped
    build_weeks(cfg, [*others, week], strict=args.strict, optional=set(others))
    if args.send:
        return run_send(cfg, week, dry_run=False, resend=False, log=log, strict=args.strict)
    return 0


def entry() -> None:  # pragma: no cover - the console script and `python -m briefgen`
    """Run the CLI and leave at once: every file is already written and closed, and skipping the
    interpreter's teardown of WeasyPrint, fontTools and spaCy saves a fifth of a second per command."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
