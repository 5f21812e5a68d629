"""Who gets the brief (config/stakeholders.yaml) and how it is mailed (config/delivery.yaml).

Both files are validated with the project's Checker, so every problem is reported at once with
file, line and key. The SMTP password is never read from a file: only from BRIEFGEN_SMTP_PASSWORD.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from email.utils import getaddresses
from pathlib import Path
from typing import Mapping

from ..core.config import Config
from ..core.errors import BriefgenError, ConfigError, Problem
from ..core.validate import Checker
from ..core.yamlio import load_yaml

ENV_PASSWORD = "BRIEFGEN_SMTP_PASSWORD"
"""The only place the SMTP password is read from."""
ENV_HOST, ENV_PORT, ENV_SECURITY, ENV_USER = (
    "BRIEFGEN_SMTP_HOST", "BRIEFGEN_SMTP_PORT", "BRIEFGEN_SMTP_SECURITY", "BRIEFGEN_SMTP_USER")
SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}

# A plain ASCII address: local part as RFC 5322 dot-atom characters, a domain with at least one dot.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """One recipient of the weekly brief."""

    name: str
    email: str
    language: str
    """Edition language (one of the project's languages)."""
    themes: tuple[str, ...] = ()
    """Themes of interest (empty = all). Recorded only: everyone receives the full edition for now."""
    active: bool = True

    @property
    def key(self) -> str:
        """The recipient as the ledger knows it (addresses compare case-insensitively)."""
        return self.email.lower()


@dataclass(frozen=True, slots=True)
class Retry:
    attempts: int = 3
    """Tries per message on a temporary failure, the first included."""
    delay: float = 2.0
    """Seconds before the second try; doubled before each further try."""
    max_delay: float = 60.0


@dataclass(frozen=True, slots=True)
class Delivery:
    """SMTP server and message settings, after environment overrides."""

    host: str
    port: int
    security: str
    username: str | None
    timeout: float
    sender: tuple[str, str]
    """(display name, address)."""
    reply_to: tuple[tuple[str, str], ...]
    unsubscribe: tuple[str, ...]
    """mailto: and/or https: URIs for List-Unsubscribe; ``{email}`` is replaced per recipient."""
    ledger: Path
    retry: Retry
    password: str | None = field(default=None, repr=False, compare=False)
    """From the environment only; never logged, written or shown in repr()."""


def _one_line(ck: Checker, m: dict, key: tuple, name: str, *, required: bool = False) -> str | None:
    v = ck.get(m, key, name, str, required=required)
    if v is not None and _CONTROL.search(v):
        ck.error(key + (name,), "must be on one line (no line breaks or control characters)")
        return None
    if v is not None and not v.strip():
        ck.error(key + (name,), "is empty")
        return None
    return v.strip() if v else v


def valid_email(text: str) -> bool:
    return bool(_EMAIL.match(text)) and len(text) <= 254


def load_stakeholders(cfg: Config, *, strict: bool = False) -> tuple[list[Stakeholder], list[Problem]]:
    """Every stakeholder in the file named by ``paths.stakeholders``; ConfigError on any error."""
    path = cfg.files.get("stakeholders")
    if path is None:
        raise BriefgenError(f"{cfg.path}: no stakeholders file; add 'stakeholders: stakeholders.yaml' "
                            "under 'paths:' and list the recipients there")
    doc = load_yaml(path)
    ck = Checker(doc, strict=strict)
    root = ck.mapping(doc.data, (), known=("stakeholders",), required=("stakeholders",))
    raw = root.get("stakeholders") or []
    if not isinstance(raw, list):
        ck.error(("stakeholders",), "expected a list of stakeholders (lines starting with '- name:')")
        raw = []
    themes = cfg.theme_ids()
    seen: dict[str, int] = {}
    out = []
    for i, s in enumerate(raw):
        key = ("stakeholders", i)
        s = ck.mapping(s, key, known=("name", "email", "language", "themes", "active"),
                       required=("name", "email", "language"))
        name = _one_line(ck, s, key, "name", required=False)
        email = _one_line(ck, s, key, "email")
        if email is not None and not valid_email(email):
            ck.error(key + ("email",), f"{email!r} is not an email address like name@example.org")
            email = None
        if email is not None:
            if email.lower() in seen:
                ck.error(key + ("email",), f"{email} is already listed (line {seen[email.lower()]}); "
                                           "each recipient gets one edition")
            seen.setdefault(email.lower(), doc.line(key + ("email",)) or 0)
        lang = ck.get(s, key, "language", str, choices=cfg.languages)
        wanted = ck.text_list(s, key, "themes")
        if "themes" in s and s["themes"] is not None and not wanted:
            ck.error(key + ("themes",), "is empty; leave it out to follow every theme")
        for j, t in enumerate(wanted):
            if t not in themes:
                ck.error(key + ("themes", j), f"{t!r} is not a theme (expected: {', '.join(themes)})")
        active = ck.get(s, key, "active", bool, default=True)
        if name and email and lang:
            out.append(Stakeholder(name, email, lang, wanted, active))
    if ck.errors:
        raise ConfigError(ck.errors)
    return out, ck.warnings


def _addresses(ck: Checker, m: dict, name: str) -> tuple[tuple[str, str], ...]:
    value = _one_line(ck, m, (), name)
    if value is None:
        return ()
    pairs = getaddresses([value])
    bad = [addr for _, addr in pairs if not valid_email(addr)]
    if not pairs or bad:
        ck.error((name,), f"{value!r} is not an address like 'Desk <desk@example.org>' or desk@example.org")
        return ()
    return tuple(pairs)


def load_delivery(cfg: Config, *, strict: bool = False,
                  environ: Mapping[str, str] | None = None) -> tuple[Delivery, list[Problem]]:
    """Settings from ``paths.delivery`` with BRIEFGEN_SMTP_* overrides; ConfigError on any error."""
    env = os.environ if environ is None else environ
    path = cfg.files.get("delivery")
    if path is None:
        raise BriefgenError(f"{cfg.path}: no delivery settings; add 'delivery: delivery.yaml' under 'paths:'")
    doc = load_yaml(path)
    ck = Checker(doc, strict=strict)
    root = ck.mapping(doc.data, (), known=("smtp", "sender", "reply_to", "unsubscribe", "ledger", "retry"),
                      required=("smtp", "sender"))
    smtp = ck.mapping(root.get("smtp"), ("smtp",),
                      known=("host", "port", "security", "username", "password", "timeout"))
    if "password" in smtp:
        ck.error(("smtp", "password"), f"the SMTP password is never read from a file: remove it and set "
                                       f"{ENV_PASSWORD} in the environment of the job")
    k = ("smtp",)
    host = _one_line(ck, smtp, k, "host")
    security = ck.get(smtp, k, "security", str, default="starttls", choices=SECURITY)
    port = ck.get(smtp, k, "port", int)
    if port is not None and not 0 < port < 65536:
        ck.error(k + ("port",), f"{port} is not a port number (1–65535)")
    username = _one_line(ck, smtp, k, "username")
    timeout = ck.get(smtp, k, "timeout", float, default=30.0)
    if timeout <= 0:
        ck.error(k + ("timeout",), "must be more than 0 seconds")

    sender = _addresses(ck, root, "sender")
    if len(sender) > 1:
        ck.error(("sender",), "expected one address")
    reply_to = _addresses(ck, root, "reply_to")

    unsub = ck.text_list(root, (), "unsubscribe")
    for i, u in enumerate(unsub):
        where = ("unsubscribe",) if isinstance(root.get("unsubscribe"), str) else ("unsubscribe", i)
        if not re.match(r"^(mailto:[^\s<>]+@[^\s<>]+|https://[^\s<>]+)$", u) or _CONTROL.search(u):
            ck.error(where, f"{u!r} is not a mailto: address or an https:// link")

    ledger_value = ck.get(root, (), "ledger", str)
    ledger = (path.parent / ledger_value).resolve() if ledger_value else cfg.output_dir / "deliveries.sqlite"

    r = ck.mapping(root.get("retry"), ("retry",), known=("attempts", "delay", "max_delay"))
    attempts = ck.get(r, ("retry",), "attempts", int, default=3)
    if not 1 <= attempts <= 20:
        ck.error(("retry", "attempts"), f"must be between 1 and 20, got {attempts}")
    delay = ck.get(r, ("retry",), "delay", float, default=2.0)
    max_delay = ck.get(r, ("retry",), "max_delay", float, default=60.0)
    for name, v in (("delay", delay), ("max_delay", max_delay)):
        if v < 0:
            ck.error(("retry", name), "cannot be negative")

    # The environment wins over the file (for the job's host, secrets manager, CI…).
    env_problems = []
    host = env.get(ENV_HOST) or host
    if env.get(ENV_SECURITY):
        security = env[ENV_SECURITY].strip().lower()
        if security not in SECURITY:
            env_problems.append(f"{ENV_SECURITY}={env[ENV_SECURITY]!r} is not one of: {', '.join(SECURITY)}")
    if env.get(ENV_PORT):
        try:
            port = int(env[ENV_PORT])
            if not 0 < port < 65536:
                raise ValueError
        except ValueError:
            env_problems.append(f"{ENV_PORT}={env[ENV_PORT]!r} is not a port number (1–65535)")
    username = env.get(ENV_USER) or username
    if not host and "host" not in smtp:
        ck.error(k + ("host",), f"is required (or set {ENV_HOST})")
    if ck.errors:
        raise ConfigError(ck.errors)
    if env_problems:
        raise BriefgenError("; ".join(env_problems))
    settings = Delivery(
        host=host, port=port or DEFAULT_PORTS[security], security=security, username=username,
        timeout=timeout, sender=sender[0], reply_to=reply_to, unsubscribe=unsub, ledger=ledger,
        retry=Retry(attempts, delay, max_delay), password=env.get(ENV_PASSWORD) or None)
    return settings, ck.warnings
