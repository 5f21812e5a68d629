"""Who gets the brief (config/stakeholders.yaml) and how it is mailed (config/delivery.yaml).

Both files have a declared shape (core.schema), so every problem is reported at once with file,
line and key. The SMTP password is never read from a file: only from BRIEFGEN_SMTP_PASSWORD, and
only sending needs it (loading and checking these files do not).
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from email.utils import getaddresses
from pathlib import Path
from typing import Annotated, Any, Literal, Mapping

from pydantic import AfterValidator, Field, ValidationInfo

from ..core.config import Config
from ..core.errors import BriefgenError, ConfigError, Problem
from ..core.schema import ListOf, Shape, between, fail, no_encoded_word, validate
from ..core.yamlio import Located, load_yaml
from .env import ENV_HOST, ENV_PASSWORD, ENV_PORT, ENV_SECURITY, ENV_USER

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}

# A plain ASCII address: local part as RFC 5322 dot-atom characters, a domain with at least one dot.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_UNSUBSCRIBE = re.compile(r"^(mailto:[^\s<>]+@[^\s<>]+|https://[^\s<>]+)$")


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
    """Seconds each read or write may wait."""
    sender: tuple[str, str]
    """(display name, address)."""
    reply_to: tuple[tuple[str, str], ...]
    unsubscribe: tuple[str, ...]
    """mailto: and/or https: URIs for List-Unsubscribe; ``{email}`` is replaced per recipient."""
    ledger: Path
    retry: Retry
    allow_plaintext: bool = False
    """The password may go without TLS to a host that is not this machine (``smtp.allow_plaintext``)."""
    deadline: float = 120.0
    """Seconds one exchange (connecting and logging in, one message, QUIT) may take in all."""
    password: str | None = field(default=None, repr=False, compare=False)
    """From the environment only; never logged, written or shown in repr()."""


def is_loopback(host: str | None) -> bool:
    """``host`` is this machine (localhost, 127.0.0.0/8, ::1): what goes to it stays on it."""
    if not host:
        return False
    if host.strip().lower().rstrip(".") in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def plaintext_login(settings: "Delivery") -> bool:
    """The settings would send the password without TLS to another machine."""
    return bool(settings.username) and settings.security == "none" and not is_loopback(settings.host)


def valid_email(text: str) -> bool:
    return bool(_EMAIL.match(text)) and len(text) <= 254


# -- shapes of the files ----------------------------------------------------------------------
# Checks that need the project read ``info.context``: "languages", "themes", and "env" (the
# environment, which may give the SMTP host instead of the file).


def _one_line(value: str) -> str:
    """Text that goes into a mail header: one line, not blank (header injection stops here)."""
    if _CONTROL.search(value):
        raise fail("must be on one line (no line breaks or control characters)")
    if not value.strip():
        raise fail("is empty")
    return no_encoded_word(value.strip())


def _email(value: str) -> str:
    if not valid_email(value):
        raise fail(f"{value!r} is not an email address like name@example.org")
    return value


def _language(value: str, info: ValidationInfo) -> str:
    if value not in info.context["languages"]:
        raise fail(f"{value!r} is not one of: {', '.join(info.context['languages'])}")
    return value


def _theme(value: str, info: ValidationInfo) -> str:
    if value in info.context.get("retired", ()):
        raise fail(f"{value!r} is a retired theme (brief.yaml): no edition follows it any more")
    if value not in info.context["themes"]:
        raise fail(f"{value!r} is not a theme (expected: {', '.join(info.context['themes'])})")
    return value


def _some_themes(value: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        raise fail("is empty; leave it out to follow every theme")
    return value


OneLine = Annotated[str, AfterValidator(_one_line)]
Email = Annotated[OneLine, AfterValidator(_email)]


class _Stakeholder(Shape):
    name: OneLine
    email: Email
    language: Annotated[str, AfterValidator(_language)]
    themes: Annotated[ListOf(Annotated[str, AfterValidator(_theme)]), AfterValidator(_some_themes)] = ()
    """Empty: every theme."""
    active: bool = True


class StakeholdersFile(Shape):
    """config/stakeholders.yaml."""

    stakeholders: ListOf(_Stakeholder)


def _addresses(value: str) -> str:
    pairs = getaddresses([value])
    if not pairs or not all(valid_email(addr) for _, addr in pairs):
        raise fail(f"{value!r} is not an address like 'Desk <desk@example.org>' or desk@example.org")
    return value


def _one_address(value: str) -> str:
    if len(getaddresses([value])) > 1:
        raise fail("expected one address")
    return value


def _port(value: int) -> int:
    if not 0 < value < 65536:
        raise fail(f"{value} is not a port number (1–65535)")
    return value


def _positive(value: float) -> float:
    if value <= 0:
        raise fail("must be more than 0 seconds")
    return value


def _not_negative(value: float) -> float:
    if value < 0:
        raise fail("cannot be negative")
    return value


def _host(value: str | None, info: ValidationInfo) -> str | None:
    if value is None and not info.context["env"].get(ENV_HOST):
        raise fail(f"is required (or set {ENV_HOST})")
    return value


def _no_password(value: Any) -> Any:
    # The message never repeats the value: it is a secret.
    raise fail(f"the SMTP password is never read from a file: remove it and set {ENV_PASSWORD} in the "
               "environment of the job")


def _unsubscribe(value: str) -> str:
    if not _UNSUBSCRIBE.match(value) or _CONTROL.search(value):
        raise fail(f"{value!r} is not a mailto: address or an https:// link")
    return value


Addresses = Annotated[OneLine, AfterValidator(_addresses)]


class _Smtp(Shape):
    host: Annotated[OneLine | None, AfterValidator(_host)] = Field(None, validate_default=True)
    port: Annotated[int, AfterValidator(_port)] | None = None
    """Default: the usual port of ``security``."""
    security: Literal[SECURITY] = "starttls"
    username: OneLine | None = None
    password: Annotated[Any, AfterValidator(_no_password)] = None
    """Known only to be refused with a clear message."""
    timeout: Annotated[float, AfterValidator(_positive)] = 30.0
    allow_plaintext: bool = False
    """With ``security: none`` and a username, the password goes in clear: refused unless the host is
    this machine or this is true."""
    deadline: Annotated[float, AfterValidator(_positive)] = 120.0
    """Seconds one exchange may take in all, however the server trickles its replies."""


class _Retry(Shape):
    attempts: Annotated[int, between(1, 20)] = 3
    delay: Annotated[float, AfterValidator(_not_negative)] = 2.0
    max_delay: Annotated[float, AfterValidator(_not_negative)] = 60.0


class DeliveryFile(Shape):
    """config/delivery.yaml."""

    smtp: _Smtp
    sender: Annotated[Addresses, AfterValidator(_one_address)]
    reply_to: Addresses | None = None
    unsubscribe: ListOf(Annotated[str, AfterValidator(_unsubscribe)]) = ()
    ledger: str | None = None
    """Relative to delivery.yaml; default: output/deliveries.sqlite."""
    retry: _Retry = _Retry()


# -- reading them -----------------------------------------------------------------------------
def _settings_file(cfg: Config, name: str, hint: str) -> Path:
    path = cfg.files.get(name)
    if path is None:
        raise BriefgenError(f"{cfg.path}: {hint}")
    return path


def load_stakeholders(cfg: Config, *, strict: bool = False) -> tuple[list[Stakeholder], list[Problem]]:
    """Every stakeholder in the file named by ``paths.stakeholders``; ConfigError on any error."""
    doc = load_yaml(_settings_file(cfg, "stakeholders", "no stakeholders file; add 'stakeholders: stakeholders.yaml' "
                                                        "under 'paths:' and list the recipients there"))
    value, errors, warnings = validate(doc, StakeholdersFile, strict=strict,
                                       context={"languages": cfg.languages, "themes": cfg.theme_ids(),
                                                "retired": cfg.retired_theme_ids()})
    errors += _listed_twice(doc)
    if errors:
        raise ConfigError(sorted(errors, key=lambda p: p.line or 0))
    return [Stakeholder(s.name, s.email, s.language, s.themes, s.active) for s in value.stakeholders], warnings


def _listed_twice(doc: Located) -> list[Problem]:
    """Addresses listed more than once (whatever else is wrong), each naming the line of the first."""
    items = doc.data.get("stakeholders") if isinstance(doc.data, dict) else None
    first: dict[str, int | None] = {}
    problems = []
    for i, s in enumerate(items if isinstance(items, list) else ()):
        email = s.get("email") if isinstance(s, dict) else None
        if not isinstance(email, str) or not valid_email(email.strip()):
            continue  # reported by the shape
        key, email = ("stakeholders", i, "email"), email.strip()
        if email.lower() in first:
            problems.append(doc.problem(key, f"{email} is already listed (line {first[email.lower()]}); "
                                             "each recipient gets one edition"))
        first.setdefault(email.lower(), doc.line(key))
    return problems


def load_delivery(cfg: Config, *, strict: bool = False,
                  environ: Mapping[str, str] | None = None) -> tuple[Delivery, list[Problem]]:
    """Shape from ``paths.delivery`` with BRIEFGEN_SMTP_* overrides; ConfigError on any error.
    The password is taken from the environment when set, but not required here."""
    env = os.environ if environ is None else environ
    path = _settings_file(cfg, "delivery", "no delivery settings; add 'delivery: delivery.yaml' under 'paths:'")
    doc = load_yaml(path)
    d, errors, warnings = validate(doc, DeliveryFile, strict=strict, context={"env": env})
    if errors:
        raise ConfigError(errors)

    # The environment wins over the file (for the job's host, secrets manager, CI…).
    env_problems = []
    security = d.smtp.security
    if env.get(ENV_SECURITY):
        security = env[ENV_SECURITY].strip().lower()
        if security not in SECURITY:
            env_problems.append(f"{ENV_SECURITY}={env[ENV_SECURITY]!r} is not one of: {', '.join(SECURITY)}")
    port = d.smtp.port
    if env.get(ENV_PORT):
        port = int(env[ENV_PORT]) if env[ENV_PORT].strip().isdigit() else 0
        if not 0 < port < 65536:
            env_problems.append(f"{ENV_PORT}={env[ENV_PORT]!r} is not a port number (1–65535)")
    if env_problems:
        raise BriefgenError("; ".join(env_problems))
    ledger = (path.parent / d.ledger).resolve() if d.ledger else cfg.output_dir / "deliveries.sqlite"
    settings = Delivery(
        host=env.get(ENV_HOST) or d.smtp.host, port=port or DEFAULT_PORTS[security], security=security,
        username=env.get(ENV_USER) or d.smtp.username, timeout=d.smtp.timeout,
        sender=getaddresses([d.sender])[0], reply_to=tuple(getaddresses([d.reply_to])) if d.reply_to else (),
        unsubscribe=d.unsubscribe, ledger=ledger, retry=Retry(d.retry.attempts, d.retry.delay, d.retry.max_delay),
        allow_plaintext=d.smtp.allow_plaintext, deadline=d.smtp.deadline,
        password=env.get(ENV_PASSWORD) or None)
    if plaintext_login(settings) and not settings.allow_plaintext:
        where = ", ".join(f"{name} from {var}" for name, var in (("security", ENV_SECURITY), ("host", ENV_HOST),
                                                                 ("username", ENV_USER)) if env.get(var))
        raise ConfigError([doc.problem(("smtp", "security"), (
            f"none would send the SMTP password in clear to {settings.host}{f' ({where})' if where else ''}: "
            "use starttls or ssl, or set 'smtp.allow_plaintext: true' to accept that"))])
    return settings, warnings
