"""Email each stakeholder the edition of their language, exactly once per edition.

``briefgen send --week W [--dry-run] [--resend]``; ``run_send`` is the API behind it (and behind
``briefgen run --send``). Stakeholders come from ``paths.stakeholders``, SMTP settings from
``paths.delivery`` (password only from BRIEFGEN_SMTP_PASSWORD), deliveries are recorded in a SQLite
ledger keyed by (edition, language, recipient).
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from datetime import date

from ..core.config import Config
from ..core.errors import BriefgenError
from ..core.layout import edition_path
from .env import ENV_PASSWORD
from .ledger import Ledger
from .message import compose
from .settings import Delivery, Stakeholder, load_delivery, load_stakeholders
from .smtp import FATAL, PERMANENT, ConnectFailure, Mailer, Redactor, classify

__all__ = ["run_send", "resolve_week", "compose", "load_stakeholders",
           "load_delivery", "Stakeholder", "Delivery", "Ledger"]

_log = logging.getLogger("briefgen")


def resolve_week(cfg: Config, week: str | None, *, today: date | None = None) -> str:
    """``None`` → newest week with facts; ``last`` → previous complete ISO week; else checked as is."""
    from ..core.weeks import parse_week, previous_complete_week
    from ..edition.brief import newest_week

    if not week:
        return newest_week(cfg)
    if week.strip().lower() == "last":
        return previous_complete_week(today or date.today())
    parse_week(week)
    return week


@dataclass
class Summary:
    sent: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    pending: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def line(self, week: str) -> str:
        return (f"{week}: {len(self.sent)} sent, {len(self.already)} already sent, "
                f"{len(self.pending)} pending, {len(self.failed)} failed")


def _ensure_pdfs(cfg: Config, week: str, langs: list[str], log, strict: bool) -> dict[str, bytes]:
    missing = [lang for lang in langs if not edition_path(cfg.output_dir, week, lang, "pdf").is_file()]
    if missing:
        from ..edition.build import build

        log.info("building the %s edition(s) of %s first", ", ".join(missing), week)
        build(cfg, week, langs=missing, strict=strict)
    return {lang: edition_path(cfg.output_dir, week, lang, "pdf").read_bytes() for lang in langs}


def _subset(cfg: Config, r: Stakeholder) -> tuple[str, ...] | None:
    """The stakeholder's themes in brief order, or None for the full edition."""
    if not r.themes or set(r.themes) >= set(cfg.theme_ids()):
        return None
    return tuple(t for t in cfg.theme_ids() if t in r.themes)


def _tailored_editions(cfg: Config, week: str, recipients, brief, pdfs, *, dry_run: bool, log):
    """(language, theme subset) → (Brief, PDF bytes): the full editions, plus one edition per distinct
    subset that stakeholders follow, rendered together (in parallel) and kept as
    output/<week>/brief.<lang>.<theme+theme>.pdf."""
    from ..articles.readers import read_sources
    from ..core.files import write_atomic
    from ..edition.brief import build_brief
    from ..edition.parallel import render_many

    editions = {(lang, None): (brief, pdf) for lang, pdf in pdfs.items()}
    wanted = sorted({(r.language, _subset(cfg, r)) for r in recipients} - set(editions), key=str)
    work, keys = [], []
    sources = read_sources(cfg.sources_dir) if wanted else {}
    for lang, subset in wanted:
        try:
            work.append((build_brief(cfg, week, themes=subset, sources=sources), lang))
            keys.append((lang, subset))
        except BriefgenError:
            log.info("no facts this week in %s: those stakeholders get the full %s edition", "+".join(subset), lang)
            editions[(lang, subset)] = editions[(lang, None)]
    if work:
        log.info("rendering %d tailored edition(s)", len(work))
        for (lang, subset), (tailored, (_html, pdf)) in zip(keys, zip((b for b, _ in work), render_many(cfg, work))):
            editions[(lang, subset)] = (tailored, pdf)
            write_atomic(edition_path(cfg.output_dir, week, lang, "pdf", subset), pdf)
    return editions


def _file_name(r: Stakeholder) -> str:
    return f"{r.language}-" + re.sub(r"[^A-Za-z0-9._-]", "_", r.key.replace("@", "_at_")) + ".eml"


def run_send(cfg: Config, week: str | None, *, dry_run: bool = False, resend: bool = False,
             log: logging.Logger | None = None, strict: bool = False) -> int:
    """Mail the editions of ``week``; 0 only if every active stakeholder has theirs (1 otherwise).

    Progress goes to ``log`` (one line per recipient, then a summary). ``dry_run`` writes the messages
    to output/<week>/outbox/*.eml and sends nothing; ``resend`` mails again those already served.
    """
    log = log or _log
    week = resolve_week(cfg, week)
    people, w1 = load_stakeholders(cfg, strict=strict)
    settings, w2 = load_delivery(cfg, strict=strict)
    for w in (*w1, *w2):
        log.warning("warning: %s", w)
    redact = Redactor(settings.password, settings.username)
    recipients = [p for p in people if p.active]
    if len(recipients) < len(people):
        log.info("%d inactive stakeholder(s) skipped", len(people) - len(recipients))
    if not recipients:
        log.warning("no active stakeholders in %s: nothing to send", cfg.files["stakeholders"])
        return 0
    if not dry_run:
        if settings.username and not settings.password:
            raise BriefgenError(f"{ENV_PASSWORD} is not set: the SMTP user {settings.username!r} needs a password "
                                "(it is read only from the environment)")
        if settings.password and not settings.username:
            log.warning("warning: %s is set but no SMTP username is configured; it is not used", ENV_PASSWORD)
        if settings.password and settings.security == "none" and settings.host not in ("127.0.0.1", "::1",
                                                                                          "localhost"):
            log.warning("warning: the SMTP password goes to %s without TLS (security: none)", settings.host)

    from ..edition.brief import build_brief

    langs = sorted({p.language for p in recipients})
    pdfs = _ensure_pdfs(cfg, week, langs, log, strict)
    brief = build_brief(cfg, week, strict=strict, warn=lambda m: log.debug("%s", m))
    editions = _tailored_editions(cfg, week, recipients, brief, pdfs, dry_run=dry_run, log=log)
    sender = settings.sender[1]
    summary = Summary()
    ledger = Ledger.read_only(settings.ledger) if dry_run else Ledger.open(settings.ledger)
    outbox = cfg.output_dir / week / "outbox"
    mailer = None if dry_run else Mailer(settings)
    n = len(recipients)
    try:
        if dry_run:
            outbox.mkdir(parents=True, exist_ok=True)
            for old in outbox.glob("*.eml"):
                old.unlink()
        for i, r in enumerate(recipients, 1):
            who = f"[{i}/{n}] {r.email} ({r.language})"
            row = ledger.get(week, r.language, r.key)
            if row and row.status == "sent" and not resend:
                log.info("%s: already sent (%s), skipped", who, row.sent_at or "?")
                summary.already.append(r.email)
                continue
            r_brief, r_pdf = editions[(r.language, _subset(cfg, r))]
            msg = compose(r_brief, r, settings, r_pdf, cfg=cfg)
            if dry_run:
                from ..core.files import write_atomic

                path = outbox / _file_name(r)
                write_atomic(path, bytes(msg))
                log.info("%s: written to %s (dry run, not sent)", who, path)
                continue
            result, why = _deliver(mailer, ledger, settings, msg, week, r, sender, who, log, redact)
            if result == "sent":
                log.info("%s: sent", who)
                summary.sent.append(r.email)
            elif result == PERMANENT:
                log.error("%s: FAILED, %s", who, why)
                summary.failed.append((r.email, why))
            else:
                log.warning("%s: left pending for the next run, %s", who, why)
                summary.pending.append((r.email, why))
                if result == FATAL:
                    rest = recipients[i:]
                    log.error("error: %s; stopping, %d more left for the next run", why, len(rest))
                    for p in rest:
                        if _sent(ledger, week, p) and not resend:
                            summary.already.append(p.email)
                        else:
                            summary.pending.append((p.email, "not attempted"))
                    break
    finally:
        if mailer:
            mailer.close()
        ledger.close()
    if dry_run:
        log.info("dry run: %d message(s) in %s, nothing sent", len(list(outbox.glob("*.eml"))), outbox)
        return 0
    ok = not summary.pending and not summary.failed
    (log.info if ok else log.warning)("summary %s", summary.line(week))
    for email, why in summary.failed:
        log.warning("  failed: %s: %s", email, why)
    for email, why in summary.pending:
        log.warning("  pending: %s: %s", email, why)
    return 0 if ok else 1


def _sent(ledger: Ledger, week: str, p: Stakeholder) -> bool:
    row = ledger.get(week, p.language, p.key)
    return bool(row and row.status == "sent")


def _deliver(mailer: Mailer, ledger: Ledger, s: Delivery, msg, week: str, r: Stakeholder, sender: str,
             who: str, log, redact) -> tuple[str, str]:
    """Try one message with backoff; record every attempt. Returns (sent|permanent|temporary|fatal, why)."""
    mid = msg["Message-ID"]
    why = ""
    for attempt in range(1, s.retry.attempts + 1):
        ledger.pending(week, r.language, r.key, mid)
        try:
            mailer.send(msg, sender, r.email)
        except Exception as exc:  # classify() re-raises what is not a mail problem
            kind, why = classify(exc)
            why = redact(why)
            if kind != PERMANENT:
                mailer.reset()
            if kind == PERMANENT:
                ledger.finish(week, r.language, r.key, "failed", why)
                return PERMANENT, why
            ledger.finish(week, r.language, r.key, "pending", why)
            if kind == FATAL:
                return FATAL, why
            if attempt < s.retry.attempts:
                wait = min(s.retry.delay * 2 ** (attempt - 1), s.retry.max_delay)
                log.info("%s: temporary failure (%s), retry %d/%d in %g s", who, why, attempt,
                         s.retry.attempts - 1, wait)
                time.sleep(wait)
            elif isinstance(exc, ConnectFailure):
                return FATAL, why  # the server cannot be reached: the others would fail the same way
            continue
        ledger.finish(week, r.language, r.key, "sent")
        return "sent", ""
    return "temporary", why
