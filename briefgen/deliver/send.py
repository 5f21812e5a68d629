"""Email each stakeholder the edition of their language, exactly once per edition.

``briefgen send --week W [--dry-run] [--resend]``; ``run_send`` is the API behind it (and behind
``briefgen run --send``). Stakeholders come from ``paths.stakeholders``, SMTP settings from
``paths.delivery`` (password only from BRIEFGEN_SMTP_PASSWORD), deliveries are recorded in a SQLite
ledger keyed by (edition, language, recipient).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..core.config import Config
from ..core.errors import BriefgenError
from ..core.files import private_dir
from .env import ENV_PASSWORD
from .ledger import Ledger
from .message import Correction as MailCorrection
from .message import compose
from .settings import Delivery, Stakeholder, load_delivery, load_stakeholders, plaintext_login
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


def _subset(cfg: Config, r: Stakeholder) -> tuple[str, ...] | None:
    """The stakeholder's themes in brief order, or None for the full edition."""
    if not r.themes or set(r.themes) >= set(cfg.theme_ids()):
        return None
    return tuple(t for t in cfg.theme_ids() if t in r.themes)


@dataclass
class Plan:
    """What one recipient is sent: the current revision of their edition, as the edition itself or
    as a correction of the revision they had (``previous``: what they received, oldest first)."""

    edition: object  # edition.build.Edition
    kind: str  # edition | correction | already
    previous: list = field(default_factory=list)
    resend: bool = False


def _plan(edition, history, resend: bool) -> Plan:
    revisions = [h.revision for h in history]
    if edition.revision in revisions:
        if not resend:
            return Plan(edition, "already")
        i = revisions.index(edition.revision)  # sent again as it was sent the first time
        kind = "correction" if history[i].kind == "correction" else "edition"
        return Plan(edition, kind, history[:i], resend=True)
    return Plan(edition, "correction" if history else "edition", list(history))


def _legacy_revisions(cfg: Config, week: str) -> dict[str, tuple[str, float]]:
    """Edition key → (revision, when written) of the full editions an earlier briefgen left on disk
    (kept by the first build that recorded revisions): what it mailed, if it mailed them then."""
    from ..edition.freshness import Manifest

    return {lang: (rev, mtime) for lang, (rev, mtime) in Manifest.read(cfg.output_dir / week, week).legacy.items()}


def _adopt_legacy(cfg: Config, ledger: Ledger, week: str, r: Stakeholder, edition, legacy, history,
                  dry_run: bool, log, who):
    """A delivery recorded before revisions were: the full edition then on disk when it was not
    rewritten since, else (a tailored edition, or rebuilt since) taken as the current revision."""
    sent = history[0].sent_at
    rev, written = legacy.get(edition.key, (None, None))
    try:
        sent_ts = datetime.fromisoformat(sent).timestamp() if sent else None
    except ValueError:
        sent_ts = None
    if rev is None or sent_ts is None or written > sent_ts:
        rev = edition.revision
        log.info("%s: delivered before revisions were recorded; taken as the current revision %s", who, rev)
    if not dry_run:
        ledger.adopt(week, r.language, r.key, rev)
        if rev == edition.revision:
            _archive(cfg, week, edition)
    return [replace(history[0], revision=rev)]


def _history_kept(cfg: Config, week: str, ledger: Ledger) -> None:
    """Refuse to go on when the ledger lost what it knew of ``week``: before mailing an edition, send
    keeps it under output/<week>/revisions/ with its summary (``<edition>.json``); a ledger without a
    single row of a week mailed so (emptied, its table dropped, deleted, or replaced by an older copy)
    would mail everyone again."""
    from ..edition.freshness import REVISIONS

    kept = sorted((cfg.output_dir / week / REVISIONS).glob("*/*.json"))
    if kept and not ledger.knows(week):
        raise BriefgenError(
            f"{ledger.path}: the delivery ledger has no record of {week}, yet {week} was mailed before "
            f"({kept[0]} was kept when it was): the ledger lost its history (emptied, deleted, its table "
            "dropped, or an older copy restored). Nothing was sent; restore the ledger, or add --resend to "
            "mail every stakeholder again")


def _archive(cfg: Config, week: str, edition) -> None:
    """Keep a revision that is mailed: output/<week>/revisions/<revision>/ (its files and summary)."""
    from ..core.files import write_atomic
    from ..edition.freshness import REVISIONS, now

    folder = cfg.output_dir / week / REVISIONS / edition.revision
    private_dir(folder)
    for f in (edition.html, edition.pdf):
        if not (folder / f.name).is_file():
            shutil.copy2(f, folder / f.name)
    meta = folder / f"{edition.key}.json"
    if not meta.is_file():
        doc = {"week": week, "edition": edition.key, "revision": edition.revision, "archived_at": now(),
               "summary": edition.summary}
        write_atomic(meta, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def _archived_summary(cfg: Config, week: str, key: str, revision: str | None) -> dict | None:
    from ..edition.freshness import REVISIONS

    try:
        path = cfg.output_dir / week / REVISIONS / str(revision) / f"{key}.json"
        return json.loads(path.read_text(encoding="utf-8"))["summary"]
    except (OSError, ValueError, KeyError):
        return None


def _corrections(cfg: Config, week: str, plans: list[Plan], *, dry_run: bool, log) -> dict[tuple[str, str], tuple]:
    """(edition key, revision replaced) → (the marked Brief, its PDF, what changed): every correction
    the plans need, rendered together and archived beside the revision they carry."""
    from ..core.files import write_atomic
    from ..edition.brief import Correction as Mark
    from ..edition.changes import changes, describe
    from ..edition.freshness import REVISIONS
    from ..edition.parallel import render_many

    wanted = {}
    for p in plans:
        if p.kind == "correction":
            wanted.setdefault((p.edition.key, p.previous[-1].revision), p.edition)
    if not wanted:
        return {}
    work = []
    for (key, old), e in wanted.items():
        lines = describe(changes(_archived_summary(cfg, week, key, old), e.summary), e.lang)
        work.append((replace(e.brief, correction=Mark(str(old or "?"), lines)), e.lang))
    log.info("rendering %d correction(s)", len(work))
    out = {}
    for ((key, old), e), (brief, _lang), (_html, pdf) in zip(wanted.items(), work, render_many(cfg, work)):
        out[(key, old)] = (brief, pdf, brief.correction.changes)
        if not dry_run:
            _archive(cfg, week, e)
            write_atomic(e.pdf.parent / REVISIONS / e.revision / f"{e.pdf.stem}.correction-of-{old}.pdf", pdf)
    return out


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
        if settings.password and plaintext_login(settings):  # refused unless smtp.allow_plaintext
            log.warning("warning: the SMTP password goes to %s without TLS (security: none, allow_plaintext: "
                        "true)", settings.host)

    from ..edition.build import current_editions

    wanted = {(r.language, _subset(cfg, r)) for r in recipients}
    editions = current_editions(cfg, week, wanted, strict=strict, log=log)
    legacy = _legacy_revisions(cfg, week)
    sender = settings.sender[1]
    summary = Summary()
    ledger = Ledger.read_only(settings.ledger) if dry_run else Ledger.open(settings.ledger)
    outbox = cfg.output_dir / week / "outbox"
    mailer = None
    n = len(recipients)
    try:
        if not resend:
            _history_kept(cfg, week, ledger)
        plans = []
        for i, r in enumerate(recipients, 1):
            edition = editions[(r.language, _subset(cfg, r))]
            history = ledger.history(week, r.language, r.key)
            if history and history[-1].revision is None:
                history = _adopt_legacy(cfg, ledger, week, r, edition, legacy, history, dry_run, log,
                                        f"[{i}/{n}] {r.email} ({r.language})")
            plans.append(_plan(edition, history, resend))
        corrections = _corrections(cfg, week, plans, dry_run=dry_run, log=log)
        if dry_run:
            private_dir(outbox)
            for old in outbox.glob("*.eml"):
                old.unlink()
        else:
            for e in {p.edition.key: p.edition for p in plans if p.kind != "already"}.values():
                _archive(cfg, week, e)
            mailer = Mailer(settings)
        for i, (r, plan) in enumerate(zip(recipients, plans), 1):
            who = f"[{i}/{n}] {r.email} ({r.language})"
            e = plan.edition
            if plan.kind == "already":
                row = ledger.get(week, r.language, r.key)
                log.info("%s: already sent (%s), skipped", who, (row and row.sent_at) or "?")
                summary.already.append(r.email)
                continue
            note = ""
            if plan.kind == "correction":
                old = plan.previous[-1]
                brief, pdf, lines = corrections[(e.key, old.revision)]
                mark = MailCorrection(tuple(h.message_id for h in plan.previous), _day(old.sent_at), lines)
                msg = compose(brief, r, settings, pdf, cfg=cfg, revision=e.revision, correction=mark)
                note = f" a correction of revision {old.revision or '?'} (now {e.revision}: {'; '.join(lines)})"
            else:
                msg = compose(e.brief, r, settings, e.pdf.read_bytes(), cfg=cfg, revision=e.revision)
            if dry_run:
                from ..core.files import write_atomic

                path = outbox / _file_name(r)
                write_atomic(path, bytes(msg))
                log.info("%s:%s written to %s (dry run, not sent)", who, note and f" would send{note},", path)
                continue
            result, why = _deliver(mailer, ledger, settings, msg, week, r, sender, who, log, redact,
                                   revision=e.revision, kind=plan.kind)
            if result == "sent":
                log.info("%s: sent%s", who, note and f",{note}")
                summary.sent.append(r.email)
            elif result == PERMANENT:
                log.error("%s: FAILED, %s", who, why)
                summary.failed.append((r.email, why))
            else:
                log.warning("%s: left pending for the next run, %s", who, why)
                summary.pending.append((r.email, why))
                if result == FATAL:
                    rest = list(zip(recipients, plans))[i:]
                    log.error("error: %s; stopping, %d more left for the next run", why, len(rest))
                    for p, pl in rest:
                        if pl.kind == "already":
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


def _day(sent_at: str | None) -> date | None:
    try:
        return datetime.fromisoformat(sent_at).date() if sent_at else None
    except ValueError:
        return None


def _deliver(mailer: Mailer, ledger: Ledger, s: Delivery, msg, week: str, r: Stakeholder, sender: str,
             who: str, log, redact, *, revision: str | None = None, kind: str = "edition") -> tuple[str, str]:
    """Try one message with backoff; record every attempt. Returns (sent|permanent|temporary|fatal, why)."""
    mid = msg["Message-ID"]
    why = ""
    for attempt in range(1, s.retry.attempts + 1):
        ledger.pending(week, r.language, r.key, mid, revision, kind)
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
