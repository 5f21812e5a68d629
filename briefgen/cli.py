"""Command line: parses arguments, calls briefgen.app and prints. User errors → one message, exit 1;
usage errors → exit 2. Nothing else in the package imports this module."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from .core.errors import BriefgenError, ConfigError
from .deliver.env import ENV_PASSWORD

log = logging.getLogger("briefgen")

DESCRIPTION = """\
briefgen turns French-language news about Mali and the Sahel into a weekly situation brief,
in French and English, as HTML and PDF.

  briefgen run                 fetch, extract, check and build the newest week (the weekly job)
  briefgen fetch               fetch the outlets' new articles (config/feeds.yaml) into sources/
  briefgen extract             read sources/, propose facts into facts/<week>.yaml
  briefgen build --week W      build one week's editions into output/<week>/
  briefgen check               validate config, fact, stakeholder and delivery files
  briefgen send --week W       email each stakeholder the edition of their language
  briefgen evaluate            score extraction against annotated articles (tests/gold)
  briefgen train               retrain the theme classifier from annotated articles
  briefgen init DIR            create a new desk in DIR from the bundled example
  briefgen serve               the review desk: review a week's facts in the browser

Every command reads config/briefgen.yaml unless --config says otherwise; the files it names
are resolved relative to it."""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, default=Path("config/briefgen.yaml"), metavar="PATH",
                   help="project settings file (default: %(default)s)")
    p.add_argument("--strict", action="store_true", help="treat warnings (unknown keys…) as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")


def parser() -> argparse.ArgumentParser:
    from . import __version__

    top = argparse.ArgumentParser(prog="briefgen", description=DESCRIPTION,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"briefgen {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    b = sub.add_parser("build", help="build the French and English editions of one week",
                       description="Render the editions of one ISO week to output/<week>/brief.<lang>.html and .pdf, "
                                   "unless they are current (built from the same settings, templates, facts, "
                                   "articles and briefgen version). Nothing is written unless every edition renders.")
    b.add_argument("--week", metavar="YYYY-Www", help="ISO week, e.g. 2025-W30 (default: the newest week with facts)")
    b.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
    b.add_argument("--force", action="store_true",
                   help="render the editions even when they are current (same inputs as when last built)")
    _common(b)
    b.set_defaults(func=cmd_build)

    c = sub.add_parser("check", help="validate config, fact, stakeholder and delivery files; list missing translations",
                       description="Read every file a run uses (settings, brief, gazetteer, outlets, stakeholders, "
                                   "delivery, facts) and report all problems at once, with file, line and key. "
                                   "Exit 1 if any is an error.")
    _common(c)
    c.set_defaults(func=cmd_check)

    r = sub.add_parser("run", help="the weekly job: fetch, extract, check, build (and --send)",
                       description="Fetch the outlets' new articles when feeds.yaml lists enabled outlets (not with "
                                   "--offline), extract facts from the articles in sources/ (only new or changed articles are "
                                   "analysed), check the project, then build the editions of the newest week that "
                                   "has facts and of every week whose editions are missing or out of date (settings, templates, facts, "
                                   "articles or briefgen changed); a run with nothing changed renders nothing.")
    r.add_argument("--week", metavar="YYYY-Www|last",
                   help="build this week instead of the newest ('last': the previous complete ISO week)")
    r.add_argument("--send", action="store_true",
                   help="then email each stakeholder their edition (as 'briefgen send' does)")
    r.add_argument("--dry-run", action="store_true",
                   help="with --send: write the messages to output/<week>/outbox/*.eml and send nothing")
    r.add_argument("--offline", action="store_true",
                   help="skip fetching: work from the articles already in sources/ (nothing contacts the network "
                        "unless --send mails)")
    _common(r)
    r.set_defaults(func=cmd_run)

    f = sub.add_parser(
        "fetch", help="fetch the outlets' new articles (config/feeds.yaml) into sources/",
        description="Read the feeds (RSS 2.0, RSS 1.0, Atom) and pages of every enabled outlet in feeds.yaml "
                    "(paths.feeds; default: feeds.yaml beside briefgen.yaml), fetch the articles not seen before, "
                    "extract each one's text and metadata, and write those in French that concern the brief "
                    "(keep.cues) to sources/ as Markdown. Feeds are asked only for what changed (ETag, "
                    "Last-Modified), robots.txt is honoured, the same article is stored once. A failing outlet "
                    "is a warning naming it and the address, the others go on, and it is tried again next run. "
                    "Prints new, skipped and failed articles per outlet; exit 0 unless the settings are wrong.")
    f.add_argument("--replay", action="store_true",
                   help="no network: extract the pages cached by earlier fetches again and write what is kept "
                        "(after a change of briefgen, brief.yaml cues or the gazetteer)")
    f.add_argument("--outlet", action="append", default=[], metavar="ID",
                   help="only this outlet of feeds.yaml (repeatable)")
    _common(f)
    f.set_defaults(func=cmd_fetch)

    s = sub.add_parser(
        "send", help="email each stakeholder the edition of their language",
        description="Email every active stakeholder (config/stakeholders.yaml) the edition of their language, "
                    "once per edition: deliveries are recorded in a ledger and a re-run only sends what is "
                    "missing. SMTP settings come from config/delivery.yaml, the password from "
                    f"{ENV_PASSWORD}. Exit 0 only if everyone has their edition.")
    s.add_argument("--week", metavar="YYYY-Www",
                   help="ISO week, e.g. 2025-W30, or 'last' for the previous complete week "
                        "(default: the newest week with facts)")
    s.add_argument("--dry-run", action="store_true",
                   help="write the messages to output/<week>/outbox/*.eml and send nothing")
    s.add_argument("--resend", action="store_true", help="send again to those who already received this edition (needed too when "
                   "the ledger lost its record of a week that was mailed)")
    _common(s)
    s.set_defaults(func=cmd_send)

    e = sub.add_parser(
        "extract", help="find facts in articles; update facts/<week>.yaml or print them",
        description="Without PATH: read the project's sources/, extract and merge facts, and write or update "
                    "facts/<week>.yaml for every week that has facts (analyst edits are kept). With PATH "
                    "(files or folders): print the merged extraction instead, as YAML or JSON.")
    e.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="articles (.txt, .md, .html) or folders")
    e.add_argument("--format", choices=("yaml", "json"), default=None,
                   help="print the result in this format (default with PATH: yaml)")
    _common(e)
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser(
        "evaluate", help="score extraction against annotated articles (precision and recall per field)",
        description="Compare extraction with gold annotations (one YAML file per article) and print precision "
                    "and recall for people, organisations, armed groups, places, dates, quantities and themes.")
    v.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="articles or folders (default: the project's sources/)")
    v.add_argument("--gold", type=Path, metavar="DIR", help="gold folder (default: tests/gold of the project)")
    v.add_argument("-v", "--verbose", action="store_true", help="list every difference")
    v.add_argument("--one-week", action="store_true",
                   help="also score same-event merging as if every article had come out in the week of the latest "
                        "one (each article, or same-event group, moved by whole weeks with its dates): a weekly "
                        "run's density, where a merge too loose joins articles of no common group")
    _common(v)
    v.set_defaults(func=cmd_evaluate)

    t = sub.add_parser(
        "train", help="retrain the theme classifier from annotated articles",
        description="Train the learned part of theme classification (a spaCy text classifier reading whole "
                    "articles; cue words in config/brief.yaml do the rest) on annotated articles: the gold files "
                    "(--gold, one YAML per article, its 'themes'; 'topic: distractor' means none) with the article "
                    "texts (--texts). The articles whose gold gives a 'topic' are first cross-validated (k folds, "
                    "same-event groups kept together; the others always train) and the figures printed for cue "
                    "words alone, the classifier alone and both combined; then the model is trained on every "
                    "article and written to --out. Same data, same seed: same model. Gold files marked "
                    "'split: test' are never trained on.")
    t.add_argument("--gold", type=Path, action="append", metavar="DIR",
                   help="folder of gold files (repeatable; default: tests/gold of the project)")
    t.add_argument("--texts", type=Path, action="append", metavar="DIR",
                   help="folder of article texts (repeatable; default: the project's sources/)")
    t.add_argument("--out", type=Path, metavar="DIR",
                   help="where to write the model (default: models/themes/ of the project, which extraction then "
                        "uses instead of the packaged model)")
    t.add_argument("--folds", type=int, default=7, metavar="K", help="cross-validation folds (default: %(default)s)")
    t.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default: %(default)s)")
    t.add_argument("-v", "--verbose", action="store_true",
                   help="list the held-out articles whose combined themes differ from the gold ones")
    _common(t)
    t.set_defaults(func=cmd_train)

    w = sub.add_parser(
        "serve", help="the review desk: a week's facts reviewed in the browser, both editions previewed live",
        description="Open a local web app over this desk: the week's facts by theme with their sentences in every "
                    "language, grade, outlets, dates and evidence highlighted in the articles; approve, reject, "
                    "edit, merge or split them and edit the analysis (keyboard first: press ? on the page); "
                    "both editions previewed live and check's problems listed. Every change is written to "
                    "facts/<week>.yaml as the CLI writes it (comments kept, validated, atomic) and refused when "
                    "the file changed on disk since the page loaded it. Stop it with Ctrl-C.")
    w.add_argument("--week", metavar="YYYY-Www", help="the week to open (default: the newest week with facts)")
    w.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s, this machine only); any other needs --token")
    w.add_argument("--port", type=int, default=8765, metavar="N", help="port to listen on (default: %(default)s)")
    w.add_argument("--token", metavar="SECRET",
                   help="a secret (16 characters or more) every request must carry (open the printed URL); "
                        "required to listen on an address other than loopback")
    _common(w)
    w.set_defaults(func=cmd_serve)

    i = sub.add_parser(
        "init", help="create a new desk: settings, one week of facts and its articles",
        description="Create DIR with config/ (project settings, brief, gazetteer, outlets, stakeholders, delivery; "
                    "each file commented), one week of facts in facts/ and the articles it cites in sources/, "
                    "copied from the bundled example: 'briefgen build' and 'briefgen run' work in DIR at once. "
                    "DIR must be missing or empty.")
    i.add_argument("dir", type=Path, metavar="DIR", help="the folder to create")
    i.add_argument("--force", action="store_true",
                   help="write into a folder that is not empty (files of the same name are replaced)")
    i.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    i.set_defaults(func=cmd_init)
    return top


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.command == "run" and args.dry_run and not args.send:
        cli.error("run: --dry-run goes with --send ('briefgen run --send --dry-run')")  # exit 2
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    try:
        return args.func(args)
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
    from . import app

    return app.load(args.config, strict=args.strict)


def cmd_build(args) -> int:
    from . import app

    app.build_project(args.config, args.week, langs=args.lang, strict=args.strict, force=args.force)
    return 0


def cmd_check(args) -> int:
    from . import app

    missing = app.checked(_config(args), strict=args.strict)
    log.info("ok: settings, stakeholder, delivery and fact files valid%s",
             f"; {len(missing)} missing translations" if missing else "")
    return 0


def cmd_run(args) -> int:
    from . import app

    return app.run(_config(args), args.week, send=args.send, dry_run=args.dry_run, strict=args.strict,
                   offline=args.offline)


def cmd_fetch(args) -> int:
    from . import app

    app.fetch(_config(args), replay=args.replay, outlets=tuple(args.outlet), strict=args.strict)
    return 0


def cmd_send(args) -> int:
    from . import app

    return app.send(_config(args), args.week, dry_run=args.dry_run, resend=args.resend, strict=args.strict)


def cmd_extract(args) -> int:
    from . import app

    cfg = _config(args)
    if not args.paths and args.format is None:
        summary = app.extract(cfg)
        written = sum(1 for u in summary.weeks if u.written)
        log.info("extract: %d article(s), %d fact(s), %d week file(s) written", summary.articles, summary.facts,
                 written)
        return 0
    doc = app.extract_document(cfg, args.paths or [cfg.sources_dir])
    if args.format == "json":
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from .facts.review import dump

        sys.stdout.write(dump(doc))
    return 0


def cmd_evaluate(args) -> int:
    from . import app
    from .extract.evaluate import table

    ev = app.evaluate(_config(args), args.gold, args.paths, one_week=args.one_week)
    print(table(ev))
    if args.verbose:
        for d in (*ev.diffs, *ev.corpus.missed):
            print("  " + d)
        for d in (ev.one_week.missed if ev.one_week else ()):
            if d.startswith(("group ", "fact ")):  # the rest is as without moving the articles
                print("  as one week: " + d)
    return 0


def cmd_train(args) -> int:
    from . import app

    report = app.train(_config(args), args.gold, args.texts, args.out, folds=args.folds, seed=args.seed)
    print(_train_table(report))
    if args.verbose:
        for d in report.diffs:
            print("  " + d)
    return 0


def _train_table(r) -> str:
    """The cross-validated figures, one line per way of choosing themes."""
    if not r.figures:
        return f"no cross-validation (fewer than two articles with a topic); model written to {r.out}"
    lines = [f"{r.folds}-fold cross-validation over {r.scored} article(s) ({r.distractors} distractors); "
             f"{r.articles - r.scored} more always in training",
             f"{'themes from':<12} {'precision':>9} {'recall':>7} {'F1':>5}   tp  fp  fn  distractors with a theme"]
    for f in r.figures:
        lines.append(f"{f.name:<12} {f.precision:>9.2f} {f.recall:>7.2f} {f.f1:>5.2f} {f.tp:>4} {f.fp:>3} {f.fn:>3}"
                     f"  {f.distractors_with_fact}/{r.distractors}")
    lines.append(f"model written to {r.out}")
    return "\n".join(lines)


def cmd_serve(args) -> int:
    from . import app

    if not 0 < args.port < 65536:
        raise BriefgenError(f"--port {args.port}: expected 1 to 65535")
    app.serve(_config(args), args.week, host=args.host, port=args.port, token=args.token)
    return 0


def cmd_init(args) -> int:
    import shlex

    from . import app

    desk = app.init(args.dir, force=args.force)
    if not args.quiet:
        print(f"created a briefgen desk in {desk.root} (example week {desk.week}):")
        for rel in desk.files:
            print(f"  {rel}")
        print("next:")
        print(f"  cd {shlex.quote(str(args.dir))}")
        print(f"  briefgen build --week {desk.week}   # its editions, in output/{desk.week}/")
        print("  briefgen run                     # the weekly job: extract from sources/, check, build")
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
