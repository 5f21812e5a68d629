"""The ``extract`` and ``evaluate`` subcommands (wired into briefgen.cli by ``add_parsers``)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Callable

from ..errors import BriefgenError

log = logging.getLogger("briefgen")


def add_parsers(subparsers, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``extract`` and ``evaluate``; each sets ``func(args) -> exit code``."""
    e = subparsers.add_parser(
        "extract", help="find facts in articles; update facts/<week>.yaml or print them",
        description="Without PATH: read the project's sources/, extract and merge facts, and write or update "
                    "facts/<week>.yaml for every week that has facts (analyst edits are kept). With PATH "
                    "(files or folders): print the merged extraction instead, as YAML or JSON.")
    e.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="articles (.txt, .md, .html) or folders")
    e.add_argument("--format", choices=("yaml", "json"), default=None,
                   help="print the result in this format (default with PATH: yaml)")
    common(e)
    e.set_defaults(func=cmd_extract)

    v = subparsers.add_parser(
        "evaluate", help="score extraction against annotated articles (precision and recall per field)",
        description="Compare extraction with gold annotations (one YAML file per article) and print precision "
                    "and recall for people, organisations, armed groups, places, dates, quantities and themes.")
    v.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="articles or folders (default: the project's sources/)")
    v.add_argument("--gold", type=Path, metavar="DIR", help="gold folder (default: tests/gold of the project)")
    v.add_argument("-v", "--verbose", action="store_true", help="list every difference")
    common(v)
    v.set_defaults(func=cmd_evaluate)


def _config(args):
    from ..cli import _config as load_and_warn

    return load_and_warn(args)


def cmd_extract(args) -> int:
    from . import extract_paths, extract_project
    from .export import document

    cfg = _config(args)
    if not args.paths and args.format is None:
        summary = extract_project(cfg, log=log)
        written = sum(1 for u in summary.weeks if u.written)
        log.info("extract: %d article(s), %d fact(s), %d week file(s) written", summary.articles, summary.facts,
                 written)
        return 0
    paths = args.paths or [cfg.sources_dir]
    ex = extract_paths(paths, cfg)
    if not ex.sources:
        raise BriefgenError("no usable article among: " + ", ".join(map(str, paths)))
    doc = document(ex, cfg)
    if args.format == "json":
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from ..review import dump

        sys.stdout.write(dump(doc))
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate, table

    cfg = _config(args)
    gold = args.gold or cfg.path.parent.parent / "tests" / "gold"
    scores, diffs, n = evaluate(cfg, gold, args.paths or [cfg.sources_dir],
                                warn=lambda m: log.warning("%s", m))
    print(table(scores, n))
    if args.verbose:
        for d in diffs:
            print("  " + d)
    return 0
