"""Email each stakeholder the edition of their language, exactly once per edition.

``briefgen send --week W [--dry-run] [--resend]``; ``run_send`` is the API behind it (and behind
``briefgen run --send``). Stakeholders come from ``paths.stakeholders``, SMTP settings from
``paths.delivery`` (password only from BRIEFGEN_SMTP_PASSWORD), deliveries are recorded in a SQLite
ledger keyed by (edition, language, recipient).

This module only registers the command; the mail machinery (email, smtplib, sqlite3, the brief
renderer) is imported when something is sent, so other commands start faster.
"""

from __future__ import annotations

import logging

_log = logging.getLogger("briefgen")
ENV_PASSWORD = "BRIEFGEN_SMTP_PASSWORD"
"""The only place the SMTP password is read from."""
_LAZY = {"run_send", "resolve_week", "compose", "load_stakeholders", "load_delivery", "Stakeholder",
         "Delivery", "Ledger", "Summary"}

__all__ = ["add_parser", "cmd_send", *sorted(_LAZY)]


def __getattr__(name):
    if name in _LAZY:
        from . import send
        return getattr(send, name)
    raise AttributeError(name)


def cmd_send(args) -> int:
    """The ``send`` subcommand (argparse namespace from ``add_parser``)."""
    from ..cli import _config
    from .send import run_send

    cfg = _config(args)
    return run_send(cfg, args.week, dry_run=args.dry_run, resend=args.resend, log=_log, strict=args.strict)


def add_parser(subparsers, common) -> None:
    """Register ``briefgen send`` on the CLI's subparsers; ``common(p)`` adds --config/--strict/-q."""
    p = subparsers.add_parser(
        "send", help="email each stakeholder the edition of their language",
        description="Email every active stakeholder (config/stakeholders.yaml) the edition of their language, "
                    "once per edition: deliveries are recorded in a ledger and a re-run only sends what is "
                    "missing. SMTP settings come from config/delivery.yaml, the password from "
                    f"{ENV_PASSWORD}. Exit 0 only if everyone has their edition.")
    p.add_argument("--week", metavar="YYYY-Www",
                   help="ISO week, e.g. 2025-W30, or 'last' for the previous complete week "
                        "(default: the newest week with facts)")
    p.add_argument("--dry-run", action="store_true",
                   help="write the messages to output/<week>/outbox/*.eml and send nothing")
    p.add_argument("--resend", action="store_true", help="send again to those who already received this edition")
    common(p)
    p.set_defaults(func=cmd_send)
