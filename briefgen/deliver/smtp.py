"""An SMTP connection reused across messages, and what each failure means for a delivery."""

from __future__ import annotations

import base64
import hmac
import smtplib
import socket
import ssl
import threading
from email.message import EmailMessage

from .settings import Delivery, plaintext_login

TEMPORARY, PERMANENT, FATAL = "temporary", "permanent", "fatal"


class ConnectFailure(Exception):
    """Could not reach or greet the server: affects every delivery, not one."""


class DeadlineExceeded(TimeoutError):
    """An SMTP exchange (connecting, or sending one message) went on past ``smtp.deadline``: a
    server that answers a byte at a time never trips the per-read timeout, the deadline stops it."""


class Redactor:
    """Removes the password (and its base64 forms, as AUTH sends it) from any text."""

    def __init__(self, secret: str | None, username: str | None = None):
        self._needles: list[str] = []
        if secret:
            forms = {secret, base64.b64encode(secret.encode()).decode()}
            if username:
                forms.add(base64.b64encode(f"\0{username}\0{secret}".encode()).decode())
            self._needles = sorted(forms, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for n in self._needles:
            text = text.replace(n, "********")
        return text


def _reply(code: int, resp) -> str:
    if isinstance(resp, bytes):
        resp = resp.decode("utf-8", "replace")
    return f"{code} {' '.join(str(resp).split())}"


def classify(exc: BaseException) -> tuple[str, str]:
    """(temporary | permanent | fatal, one-line reason) for an exception raised while sending.

    temporary: 4xx replies, lost connections, timeouts: retried, then left pending for the next run.
    permanent: 5xx for this message or recipient: recorded as failed; the others are still served.
    fatal: login refused, TLS impossible, sender refused: nothing else can succeed in this run.
    """
    if isinstance(exc, DeadlineExceeded):
        return TEMPORARY, str(exc)
    if isinstance(exc, ConnectFailure):
        inner = exc.__cause__ or exc
        kind, why = classify(inner)
        return (FATAL, why) if kind == FATAL else (TEMPORARY, f"cannot connect: {why}")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return FATAL, f"login refused: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return FATAL, f"the server does not support this: {exc}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, resp = next(iter(exc.recipients.values()), (451, b"recipient refused"))
        return (TEMPORARY if 400 <= code < 500 else PERMANENT), f"recipient refused: {_reply(code, resp)}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (TEMPORARY if 400 <= exc.smtp_code < 500 else FATAL), \
            f"sender {exc.sender} refused: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, (smtplib.SMTPConnectError, smtplib.SMTPHeloError)):
        return (TEMPORARY if 400 <= exc.smtp_code < 500 else FATAL), _reply(exc.smtp_code, exc.smtp_error)
    if isinstance(exc, smtplib.SMTPResponseException):
        return (TEMPORARY if 400 <= exc.smtp_code < 500 else PERMANENT), \
            f"message refused: {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return FATAL, f"TLS certificate not trusted: {exc.verify_message or exc}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return TEMPORARY, f"connection lost ({exc or 'closed by the server'})"
    if isinstance(exc, TimeoutError):
        return TEMPORARY, "timed out"
    if isinstance(exc, (OSError, smtplib.SMTPException)):
        return TEMPORARY, f"{type(exc).__name__}: {exc}"
    raise exc


class _Utf8Auth:
    """smtplib's AUTH with the user name and password as UTF-8 (smtplib encodes them as ASCII, and a
    password with « é » ended in an error quoting that character and its position)."""

    def auth(self, mechanism, authobject, *, initial_response_ok=True):
        mechanism = mechanism.upper()
        initial = authobject() if initial_response_ok else None
        if initial is not None:
            code, resp = self.docmd("AUTH", f"{mechanism} {_b64(initial)}")
            self._auth_challenge_count = 1  # auth_login() answers by this count, as in smtplib
        else:
            code, resp = self.docmd("AUTH", mechanism)
            self._auth_challenge_count = 0
        while code == 334 and self._auth_challenge_count <= 5:
            self._auth_challenge_count += 1
            code, resp = self.docmd(_b64(authobject(base64.decodebytes(resp))))
        if code in (235, 503):
            return code, resp
        raise smtplib.SMTPAuthenticationError(code, resp)

    def auth_cram_md5(self, challenge=None):
        if challenge is None:
            return None
        return f"{self.user} {hmac.HMAC(self.password.encode('utf-8'), challenge, 'md5').hexdigest()}"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


class _SMTP(_Utf8Auth, smtplib.SMTP):
    pass


class _SMTP_SSL(_Utf8Auth, smtplib.SMTP_SSL):  # noqa: N801 - as smtplib names it
    pass


class Mailer:
    """Connects lazily, logs in once per connection, reconnects after a failure. Each exchange (a
    connection and its greeting and login, one message, the closing QUIT) must end within
    ``settings.deadline`` seconds: past it the connection is shut and DeadlineExceeded raised."""

    def __init__(self, settings: Delivery):
        self.s = settings
        self._smtp: smtplib.SMTP | None = None
        self._opening: smtplib.SMTP | None = None  # the connection being set up, for the watchdog

    def _within_deadline(self, what: str, step):
        """``step()``, its connection shut down if it is still running after the deadline."""
        fired = threading.Event()
        guard = threading.Lock()
        finished = False

        def expire() -> None:
            with guard:
                if finished:
                    return
                fired.set()
                conn = self._opening or self._smtp
                sock = getattr(conn, "sock", None)
                if sock is not None:
                    try:
                        sock.shutdown(socket.SHUT_RDWR)  # the blocked read returns at once
                    except OSError:
                        pass

        timer = threading.Timer(self.s.deadline, expire)
        timer.daemon = True
        timer.start()
        try:
            result = step()
        except Exception as exc:
            if fired.is_set():
                raise DeadlineExceeded(f"{what} did not finish within the {self.s.deadline:g} s deadline "
                                       "(smtp.deadline)") from exc
            raise
        finally:
            with guard:
                finished = True
            timer.cancel()
        if fired.is_set():  # the step ended as the deadline passed: its connection is shut
            self.reset()
        return result

    def _connect(self) -> smtplib.SMTP:
        s = self.s
        context = ssl.create_default_context()
        try:
            if s.security == "ssl":
                conn = _SMTP_SSL(timeout=s.timeout, context=context)
            else:
                conn = _SMTP(timeout=s.timeout)
            conn._host = s.host  # the name TLS checks the certificate against (set when given to __init__)
            self._opening = conn
            conn.connect(s.host, s.port)
        except Exception as exc:
            self._opening = None
            raise ConnectFailure(str(exc)) from exc
        try:
            conn.ehlo()
            if s.security == "starttls":
                conn.starttls(context=context)
                conn.ehlo()
            if s.username:
                if plaintext_login(s) and not s.allow_plaintext:
                    raise smtplib.SMTPNotSupportedError(
                        f"the password would go in clear to {s.host} (security: none); refused without "
                        "smtp.allow_plaintext: true")
                conn.login(s.username, s.password or "")
        except Exception as exc:
            self._drop(conn)
            raise ConnectFailure(str(exc)) from exc
        finally:
            self._opening = None
        return conn

    def send(self, msg: EmailMessage, sender: str, recipient: str) -> None:
        def exchange() -> None:
            if self._smtp is None:
                self._smtp = self._connect()
            self._smtp.send_message(msg, from_addr=sender, to_addrs=[recipient])

        try:
            self._within_deadline("the exchange with the SMTP server", exchange)
        except DeadlineExceeded as exc:
            if isinstance(exc.__cause__, ConnectFailure):
                raise ConnectFailure(str(exc)) from exc
            raise

    def reset(self) -> None:
        """After a connection-level failure: forget the connection (the next send reconnects)."""
        if self._smtp is not None:
            self._drop(self._smtp)
            self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._within_deadline("QUIT", self._smtp.quit)
            except Exception:
                pass
            if self._smtp is not None:
                self._drop(self._smtp)
            self._smtp = None

    @staticmethod
    def _drop(conn: smtplib.SMTP) -> None:
        try:
            conn.close()
        except Exception:
            pass
