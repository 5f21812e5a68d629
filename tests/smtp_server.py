"""A real SMTP server for the delivery tests (aiosmtpd on 127.0.0.1), with switchable misbehaviour."""

from __future__ import annotations

import email
import socket
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    """aiosmtpd cannot bind port 0: ask the OS for a free port first."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)


@dataclass
class Handler:
    """Stores what it accepts. ``refuse`` maps an address to the reply its RCPT gets (e.g. "550 …");
    ``drop_after`` = n: once n messages are stored, every DATA is answered by closing the connection."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    drop_after: int | None = None
    rcpt_attempts: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpt_attempts[address.lower()] = self.rcpt_attempts.get(address.lower(), 0) + 1
        if address.lower() in self.refuse:
            return self.refuse[address.lower()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.drop_after is not None and len(self.received) >= self.drop_after:
                server.transport.close()  # the client sees the connection lost mid-transaction
                return "421 closing"
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def authenticate(self, user: str, password: str):
        def check(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password
            with self.lock:
                self.logins.append((auth_data.login.decode() if isinstance(auth_data, LoginPassword) else "?", str(ok)))
            return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535
        return check


class SMTPServer:
    """``with SMTPServer() as srv:`` → srv.port, srv.handler.received. ``auth=(user, password)`` requires AUTH."""

    def __init__(self, *, auth: tuple[str, str] | None = None):
        self.handler = Handler()
        self.port = free_port()
        kwargs = {}
        if auth:
            kwargs = dict(authenticator=self.handler.authenticate(*auth), auth_required=True,
                          auth_require_tls=False)
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def __enter__(self) -> "SMTPServer":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
