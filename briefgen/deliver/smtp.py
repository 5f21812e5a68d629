"""An SMTP connection reused across messages, and what each failure means for a delivery."""

from __future__ import annotations

import base64
import hmac
import smtplib
import ssl
from email.message import EmailMessage

from .settings import Delivery, plaintext_login

TEMPORARY, PERMANENT, FATAL = "temporary", "permanent", "fatal"


class ConnectFailure(Exception):
    """Could not reach or greet the server: affects every delivery, not one."""


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
    """Connects lazily, logs in once per connection, reconnects after a failure."""

    def __init__(self, settings: Delivery):
        self.s = settings
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.s
        context = ssl.create_default_context()
        try:
            if s.security == "ssl":
                conn = _SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
            else:
                conn = _SMTP(s.host, s.port, timeout=s.timeout)
        except Exception as exc:
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
        return conn

    def send(self, msg: EmailMessage, sender: str, recipient: str) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        self._smtp.send_message(msg, from_addr=sender, to_addrs=[recipient])

    def reset(self) -> None:
        """After a connection-level failure: forget the connection (the next send reconnects)."""
        if self._smtp is not None:
            self._drop(self._smtp)
            self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except Exception:
                pass
            self._drop(self._smtp)
            self._smtp = None

    @staticmethod
    def _drop(conn: smtplib.SMTP) -> None:
        try:
            conn.close()
        except Exception:
            pass
