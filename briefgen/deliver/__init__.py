"""Email each stakeholder the edition of their language, exactly once per edition.

``run_send`` is what ``briefgen send`` and ``briefgen run --send`` call. Stakeholders come from
``paths.stakeholders``, SMTP settings from ``paths.delivery`` (password only from
BRIEFGEN_SMTP_PASSWORD), deliveries are recorded in a SQLite ledger keyed by (edition, language,
recipient). The mail machinery (email, smtplib, sqlite3, the brief renderer) is imported when
something is sent, so other commands start faster.
"""

from __future__ import annotations

import importlib

_LAZY = {"run_send": "send", "resolve_week": "send", "Summary": "send", "compose": "message",
         "load_stakeholders": "settings", "load_delivery": "settings", "Stakeholder": "settings",
         "Delivery": "settings", "ENV_PASSWORD": "env", "Ledger": "ledger"}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
