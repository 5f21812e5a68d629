"""Delivery by email, against a real SMTP server (aiosmtpd) and the real editions of the bundled example."""

from __future__ import annotations

import email
import io
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from email import policy
from pathlib import Path

import pytest
import yaml
from conftest import copy_project
from smtp_server import SMTPServer, free_port

from briefgen.cli import main
from briefgen.core.config import load_config
from briefgen.core.errors import BriefgenError, ConfigError
from briefgen.core.weeks import previous_complete_week
from briefgen.deliver import Ledger, Stakeholder, compose, load_delivery, resolve_week, run_send
from briefgen.edition.brief import build_brief

ROOT = Path(__file__).resolve().parent.parent
WEEK = "2025-W30"
PASSWORD = "Zq8!unguessable-Pa55w0rd"
FR_PERIOD = "couvre la période du 21 au 27 juillet 2025"
EN_PERIOD = "covers 21–27 July 2025"

STAKEHOLDERS = """\
stakeholders:
  - name: Aminata Coulibaly
    email: aminata@example.org
    language: fr
  - name: Jonathan Reed
    email: jreed@example.org
    language: en
  - name: Mariam Diallo
    email: mariam@example.org
    language: fr
    themes: [force_buildup]
"""
EMAILS = ["aminata@example.org", "jreed@example.org", "mariam@example.org"]


def delivery_yaml(port: int, smtp_extra: str = "") -> str:
    return f"""\
smtp:
  host: 127.0.0.1
  port: {port}
  security: none
{smtp_extra}sender: Sahel Watch Desk <briefs@example.org>
reply_to: analysts@example.org
unsubscribe: mailto:unsubscribe@example.org
retry:
  attempts: 3
  delay: 0
"""


def pdf_text(data: bytes, tmp: Path) -> str:
    path = tmp / "attachment.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


class Log:
    """A logger of its own, captured in memory."""

    _n = 0

    def __init__(self):
        Log._n += 1
        self.stream = io.StringIO()
        self.logger = logging.getLogger(f"briefgen.test_deliver.{Log._n}")
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False
        self.logger.addHandler(logging.StreamHandler(self.stream))

    @property
    def text(self) -> str:
        return self.stream.getvalue()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith("BRIEFGEN_SMTP_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The 2025-W30 PDFs, built once by a dry run of the bundled example (it builds what is missing)."""
    root = tmp_path_factory.mktemp("edition")
    cfg = load_config(copy_project(root))
    log = Log()
    assert not (root / "output" / WEEK / "brief.fr.pdf").exists()
    assert run_send(cfg, WEEK, dry_run=True, log=log.logger) == 0, log.text
    return root / "output" / WEEK


class Project:
    def __init__(self, root: Path, server: SMTPServer):
        self.root = root
        self.server = server
        self.config = root / "config" / "briefgen.yaml"
        self.ledger = root / "output" / "deliveries.sqlite"

    def send(self, **kw) -> tuple[int, str]:
        log = Log()
        code = run_send(load_config(self.config), WEEK, log=log.logger, **kw)
        return code, log.text

    def rows(self) -> dict[str, str]:
        with sqlite3.connect(self.ledger) as c:
            return {r: s for r, s in c.execute("SELECT recipient, status FROM deliveries")}


@pytest.fixture
def smtp():
    with SMTPServer() as server:
        yield server


@pytest.fixture
def project(tmp_path, edition, smtp) -> Project:
    root = tmp_path / "project"
    copy_project(root)
    shutil.copytree(edition, root / "output" / WEEK, ignore=shutil.ignore_patterns("outbox"))
    (root / "config" / "stakeholders.yaml").write_text(STAKEHOLDERS, encoding="utf-8")
    (root / "config" / "delivery.yaml").write_text(delivery_yaml(smtp.port), encoding="utf-8")
    return Project(root, smtp)


def _recipients(server) -> list[str]:
    return sorted(r for m in server.received for r in m.rcpt_tos)


# -- (0) dry run -------------------------------------------------------------------------------
def test_dry_run_builds_missing_editions_and_writes_outbox(edition):
    assert (edition / "brief.fr.pdf").read_bytes().startswith(b"%PDF-")
    assert (edition / "brief.en.pdf").read_bytes().startswith(b"%PDF-")
    emls = sorted(p.name for p in (edition / "outbox").glob("*.eml"))
    assert len(emls) == 3 and sum(n.startswith("fr-") for n in emls) == 2, emls
    assert not (edition.parent / "deliveries.sqlite").exists()  # a dry run records nothing


# -- (1) one message per stakeholder, in their language ---------------------------------------
def test_each_stakeholder_gets_the_edition_of_their_language(project, tmp_path):
    code, log = project.send()
    assert code == 0, log
    assert _recipients(project.server) == EMAILS
    assert "3 sent, 0 already sent, 0 pending, 0 failed" in log
    by_rcpt = {m.rcpt_tos[0]: m.message for m in project.server.received}
    for rcpt, lang in (("aminata@example.org", "fr"), ("jreed@example.org", "en"), ("mariam@example.org", "fr")):
        msg = by_rcpt[rcpt]
        assert msg.get_content_type() == "multipart/mixed"
        alt, pdf = msg.get_payload()
        assert alt.get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in alt.get_payload()] == ["text/plain", "text/html"]
        assert msg["Subject"].startswith("TLP:AMBER ") and WEEK in msg["Subject"]
        plain = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        assert plain.splitlines()[0] == "TLP:AMBER"
        assert html.index("TLP:AMBER") < html.index("<h1")
        assert msg["Content-Language"] == lang
        assert msg["Auto-Submitted"] == "auto-generated"
        assert msg["List-Unsubscribe"] == "<mailto:unsubscribe@example.org>"
        assert "List-Unsubscribe-Post" not in msg  # RFC 8058: one-click needs an https link
        assert msg["To"].addresses[0].addr_spec == rcpt and msg["Reply-To"] == "analysts@example.org"
        assert pdf.get_content_type() == "application/pdf"
        tailored = "-tailored-force_buildup" if rcpt == "mariam@example.org" else ""  # she follows one theme
        assert pdf.get_filename() == f"brief-{WEEK}-{lang}{tailored}.pdf"
        text = pdf_text(pdf.get_content(), tmp_path)
        if lang == "fr":
            # French typography in the mail too: a number keeps its word on its line (no-break space).
            assert FR_PERIOD.replace("21 au 27 juillet", "21\u00a0au 27\u00a0juillet") in plain
            assert "Points clés" in plain and "Bougouni" in plain
            assert FR_PERIOD in text and "juillet 2025" in text and "July 2025" not in text
            assert 'lang="fr"' in html
        else:
            assert EN_PERIOD in plain and "Key points" in plain
            assert EN_PERIOD in text and "July 2025" in text and "juillet 2025" not in text
    ids = {m.message["Message-ID"] for m in project.server.received}
    assert len(ids) == 3
    assert project.rows() == {e: "sent" for e in EMAILS}


# -- (2) exactly once ---------------------------------------------------------------------------
def test_a_second_run_sends_nothing_and_resend_sends_the_same_messages(project):
    assert project.send()[0] == 0
    first_ids = sorted(m.message["Message-ID"] for m in project.server.received)
    code, log = project.send()
    assert code == 0 and len(project.server.received) == 3
    assert "0 sent, 3 already sent, 0 pending, 0 failed" in log
    code, log = project.send(resend=True)
    assert code == 0 and len(project.server.received) == 6
    assert sorted(m.message["Message-ID"] for m in project.server.received[3:]) == first_ids


def test_dropped_connection_then_next_run_sends_only_the_missing(project):
    project.server.handler.drop_after = 1
    code, log = project.send()
    assert code == 1, log
    assert _recipients(project.server) == ["aminata@example.org"]
    assert "connection lost" in log and "1 sent, 0 already sent, 2 pending, 0 failed" in log
    assert project.rows() == {"aminata@example.org": "sent", "jreed@example.org": "pending",
                              "mariam@example.org": "pending"}
    # Each missing message was tried `attempts` times (each reconnecting) before being left pending.
    assert project.server.handler.rcpt_attempts["jreed@example.org"] == 3

    project.server.handler.drop_after = None
    code, log = project.send()
    assert code == 0, log
    assert _recipients(project.server) == EMAILS  # each exactly once
    assert "2 sent, 1 already sent, 0 pending, 0 failed" in log


def test_temporary_refusal_is_retried_then_left_pending(project):
    project.server.handler.refuse["jreed@example.org"] = "450 4.2.1 Mailbox busy, try later"
    code, log = project.send()
    assert code == 1
    assert project.server.handler.rcpt_attempts["jreed@example.org"] == 3
    assert "450 4.2.1 Mailbox busy" in log and "2 sent, 0 already sent, 1 pending, 0 failed" in log
    assert project.rows()["jreed@example.org"] == "pending"
    del project.server.handler.refuse["jreed@example.org"]
    assert project.send()[0] == 0
    assert _recipients(project.server) == EMAILS


# -- (3) a permanent refusal does not stop the others --------------------------------------------
def test_recipient_refused_550_is_reported_and_the_others_served(project):
    project.server.handler.refuse["jreed@example.org"] = "550 5.1.1 No such user here"
    code, log = project.send()
    assert code == 1
    assert _recipients(project.server) == ["aminata@example.org", "mariam@example.org"]
    assert project.server.handler.rcpt_attempts["jreed@example.org"] == 1  # not retried
    assert "jreed@example.org" in log and "550 5.1.1 No such user here" in log
    assert "2 sent, 0 already sent, 0 pending, 1 failed" in log
    assert project.rows()["jreed@example.org"] == "failed"
    with sqlite3.connect(project.ledger) as c:
        (error,) = c.execute("SELECT error FROM deliveries WHERE recipient='jreed@example.org'").fetchone()
    assert "550" in error


# -- (4) secrets and header injection ------------------------------------------------------------
SCRIPT = """
import logging, sys
from briefgen.cli import main
logging.basicConfig(level=logging.DEBUG, format="%(message)s", stream=sys.stderr)
sys.exit(main(sys.argv[1:]))
"""


def _cli(project, *args, env=None):
    """`briefgen send …` in its own process, as the CLI registers it (stdout and stderr captured)."""
    return subprocess.run([sys.executable, "-c", SCRIPT, "send", "--config", str(project.config), *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300,
                          cwd=project.root)


def _all_files(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file() and p.suffix != ".pdf")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_password_is_used_but_never_written_anywhere(tmp_path, edition):
    with SMTPServer(auth=("briefgen", PASSWORD)) as server:
        project_root = tmp_path / "p"
        copy_project(project_root)
        shutil.copytree(edition, project_root / "output" / WEEK, ignore=shutil.ignore_patterns("outbox"))
        (project_root / "config" / "stakeholders.yaml").write_text(STAKEHOLDERS, encoding="utf-8")
        (project_root / "config" / "delivery.yaml").write_text(
            delivery_yaml(1, "  username: briefgen\n"), encoding="utf-8")  # port overridden below
        project = Project(project_root, server)
        env = {"BRIEFGEN_SMTP_PASSWORD": PASSWORD, "BRIEFGEN_SMTP_PORT": str(server.port)}

        dry = _cli(project, "--week", WEEK, "--dry-run", env=env)
        real = _cli(project, "--week", WEEK, env=env)
        again = _cli(project, "--week", WEEK, env=env)
        assert real.returncode == 0, real.stderr
        assert ("briefgen", "True") in server.handler.logins  # the password really was used
        assert _recipients(server) == EMAILS and "3 already sent" in again.stderr
        wrong = _cli(project, "--week", WEEK, "--resend", env={**env, "BRIEFGEN_SMTP_PASSWORD": PASSWORD + "x"})
        assert wrong.returncode == 1 and "login refused" in wrong.stderr and "535" in wrong.stderr
        assert len(server.received) == 3

    outputs = "".join(r.stdout + r.stderr for r in (dry, real, again, wrong))
    assert "written to" in outputs and "sent" in outputs
    assert PASSWORD not in outputs
    assert PASSWORD.encode() not in _all_files(project_root)  # ledger, .eml, config, HTML…
    assert not any(PASSWORD.encode() in m.data for m in server.received)


def test_password_is_refused_in_the_config_file(project):
    (project.root / "config" / "delivery.yaml").write_text(
        delivery_yaml(25, "  password: hunter2\n"), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        project.send()
    assert "delivery.yaml:5: 'smtp.password'" in str(exc.value) and "BRIEFGEN_SMTP_PASSWORD" in str(exc.value)
    assert "hunter2" not in str(exc.value)


def test_newline_in_a_stakeholder_name_is_a_config_error(project):
    (project.root / "config" / "stakeholders.yaml").write_text(
        STAKEHOLDERS.replace("name: Jonathan Reed", 'name: "Jonathan Reed\\nBcc: spy@evil.example"'),
        encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        project.send()
    assert "stakeholders.yaml:5: 'stakeholders[1].name' must be on one line" in str(exc.value)
    assert project.server.received == []


def test_newlines_in_title_or_name_cannot_inject_headers(project):
    """Even past validation (a title from brief.yaml, a name built in code), nothing gets a header of its own."""
    brief_yaml = project.root / "config" / "brief.yaml"
    doc = yaml.safe_load(brief_yaml.read_text(encoding="utf-8"))
    doc["title"]["en"] = "Weekly brief\r\nBcc: spy@evil.example\nX-Evil: 1"
    brief_yaml.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    code, log = project.send()
    assert code == 0, log
    assert _recipients(project.server) == EMAILS  # nobody else in any envelope
    en = next(m.message for m in project.server.received if m.rcpt_tos == ["jreed@example.org"])
    assert "Bcc" not in en and "X-Evil" not in en
    assert en["Subject"].startswith("TLP:AMBER Weekly brief Bcc: spy@evil.example X-Evil: 1 · Edition no. ")

    cfg = load_config(project.config)
    settings, _ = load_delivery(cfg)
    brief = build_brief(cfg, WEEK)
    brief = replace(brief, title={"fr": "Note\nBcc: spy@evil.example", "en": "Brief"})
    eve = Stakeholder("Eve\r\nBcc: spy@evil.example", "eve@example.org", "fr")
    raw = bytes(compose(brief, eve, settings, b"%PDF-1.7 test"))
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert not any(line.lower().startswith(b"bcc") for line in headers.split(b"\r\n"))
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["To"].addresses[0].addr_spec == "eve@example.org"
    assert parsed["To"].addresses[0].display_name == "Eve Bcc: spy@evil.example"


def test_https_unsubscribe_announces_one_click(project):
    cfg = load_config(project.config)
    settings, _ = load_delivery(cfg)
    settings = replace(settings, unsubscribe=("mailto:stop@example.org", "https://example.org/unsub?u={email}"))
    msg = compose(build_brief(cfg, WEEK), Stakeholder("Jo", "jo+news@example.org", "en"), settings, b"%PDF-")
    assert msg["List-Unsubscribe"] == "<mailto:stop@example.org>, <https://example.org/unsub?u=jo%2Bnews@example.org>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


# -- configuration and CLI -------------------------------------------------------------------------
def _send_fails_with(project, *needles: str) -> None:
    """``send`` refuses the configuration, and its message has every one of ``needles``."""
    with pytest.raises(ConfigError) as exc:
        project.send()
    text = str(exc.value)
    for needle in needles:
        assert needle in text, text


def test_invalid_files_are_reported_with_file_line_and_key(project):
    (project.root / "config" / "stakeholders.yaml").write_text("""\
stakeholders:
  - name: A
    email: not-an-address
    language: de
  - name: B
    email: aminata@example.org
    language: fr
    themes: [weather]
  - name: C
    email: AMINATA@example.org
    language: en
    active: maybe
""", encoding="utf-8")
    _send_fails_with(project,
                     "stakeholders.yaml:3: 'stakeholders[0].email' 'not-an-address' is not an email address",
                     "stakeholders.yaml:4: 'stakeholders[0].language' 'de' is not one of: fr, en",
                     "stakeholders.yaml:8: 'stakeholders[1].themes[0]' 'weather' is not a theme",
                     "stakeholders.yaml:10: 'stakeholders[2].email' AMINATA@example.org is already listed (line 6)",
                     "stakeholders.yaml:12: 'stakeholders[2].active' expected true or false")

    (project.root / "config" / "stakeholders.yaml").write_text(STAKEHOLDERS, encoding="utf-8")
    (project.root / "config" / "delivery.yaml").write_text("""\
smtp:
  host: 127.0.0.1
  port: ninety
  security: tls
sender: nobody
unsubscribe: http://example.org/unsub
retry: {attempts: 0}
""", encoding="utf-8")
    _send_fails_with(project,
                     "delivery.yaml:3: 'smtp.port' expected a whole number",
                     "delivery.yaml:4: 'smtp.security' 'tls' is not one of: starttls, ssl, none",
                     "delivery.yaml:5: 'sender' 'nobody' is not an address",
                     "delivery.yaml:6: 'unsubscribe' 'http://example.org/unsub' is not a mailto: address",
                     "delivery.yaml:7: 'retry.attempts' must be between 1 and 20")


def test_environment_overrides_the_file(project, monkeypatch):
    (project.root / "config" / "delivery.yaml").write_text(delivery_yaml(1).replace("127.0.0.1", "mail.invalid"),
                                                           encoding="utf-8")
    monkeypatch.setenv("BRIEFGEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("BRIEFGEN_SMTP_PORT", str(project.server.port))
    monkeypatch.setenv("BRIEFGEN_SMTP_SECURITY", "none")
    code, log = project.send()
    assert code == 0, log
    assert _recipients(project.server) == EMAILS


def test_inactive_stakeholders_are_skipped(project):
    (project.root / "config" / "stakeholders.yaml").write_text(
        STAKEHOLDERS.replace("language: en\n", "language: en\n    active: false\n"), encoding="utf-8")
    code, log = project.send()
    assert code == 0, log
    assert _recipients(project.server) == ["aminata@example.org", "mariam@example.org"]
    assert "1 inactive stakeholder(s) skipped" in log


def test_a_second_send_at_the_same_time_stops_before_mailing(project):
    with Ledger.open(project.ledger):
        with pytest.raises(BriefgenError, match="another 'briefgen send' is using this ledger"):
            project.send()
    assert project.server.received == []
    assert project.send()[0] == 0  # the lock goes with the first run


def test_unreachable_server_leaves_everything_pending(project):
    (project.root / "config" / "delivery.yaml").write_text(delivery_yaml(free_port()), encoding="utf-8")
    code, log = project.send()
    assert code == 1
    assert "cannot connect" in log and "0 sent, 0 already sent, 3 pending, 0 failed" in log
    assert set(project.rows().values()) == {"pending"}


def test_send_subcommand_and_week_resolution(project, capsys):
    assert main(["send", "--config", str(project.config), "--week", WEEK, "--dry-run"]) == 0
    assert len(list((project.root / "output" / WEEK / "outbox").glob("*.eml"))) == 3
    assert project.server.received == [] and not project.ledger.exists()

    cfg = load_config(project.config)
    assert resolve_week(cfg, None) == max(p.stem for p in (project.root / "facts").glob("*.yaml"))  # newest
    assert resolve_week(cfg, "last", today=date(2025, 7, 28)) == "2025-W30"
    assert resolve_week(cfg, "last") == previous_complete_week(date.today())


# -- tailored editions ---------------------------------------------------------------------------
def test_a_theme_subset_gets_an_edition_tailored_to_it(project, tmp_path):
    assert "themes: [force_buildup]" in STAKEHOLDERS  # Mariam follows the force build-up only
    code, log = project.send()
    assert code == 0, log
    assert "rendering 1 tailored edition(s)" in log
    by_rcpt = {m.rcpt_tos[0]: m.message for m in project.server.received}
    tailored = pdf_text(by_rcpt["mariam@example.org"].get_payload()[1].get_content(), tmp_path)
    full = pdf_text(by_rcpt["aminata@example.org"].get_payload()[1].get_content(), tmp_path)
    assert "Montée en puissance des forces maliennes" in tailored and "900 recrues" in tailored
    # Only the followed theme's section and facts; the analysts' week-wide judgments stay.
    for other in ("Coopération sécuritaire", "Liens économiques", "a annoncé la création"):
        assert other not in tailored and other in full, other
    plain = by_rcpt["mariam@example.org"].get_body(("plain",)).get_content()
    assert "Bougouni" in plain and "Abdoulaye Diop" not in plain  # key points follow the subset
    assert (project.root / "output" / WEEK / "brief.fr.force_buildup.pdf").is_file()


class TricklingServer:
    """An SMTP server on 127.0.0.1 that answers everything right, one byte per second: no read ever
    waits long enough for the per-read timeout."""

    def __init__(self, fast: int = 0):
        import socket
        import threading

        self.fast = fast  # how many replies (the greeting first) come at once before the trickle
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        import threading

        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _trickle(self, conn, reply: bytes) -> None:
        if self.fast > 0:
            self.fast -= 1
            conn.sendall(reply)
            return
        for i in range(len(reply)):
            if self.stop.wait(1.0):
                return
            conn.sendall(reply[i:i + 1])

    def _talk(self, conn):
        with conn:
            try:
                self._trickle(conn, b"220 slow.example ESMTP\r\n")
                data = b""
                while not self.stop.is_set():
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                    while b"\r\n" in data:
                        line, data = data.split(b"\r\n", 1)
                        self._trickle(conn, b"221 bye\r\n" if line.upper().startswith(b"QUIT") else b"250 OK\r\n")
            except OSError:
                return

    def close(self):
        self.stop.set()
        self.sock.close()


@pytest.mark.parametrize("fast", [0, 2], ids=["greeting", "message"])
def test_a_trickling_server_is_given_up_at_the_deadline(project, fast):
    server = TricklingServer(fast)
    try:
        (project.root / "config" / "delivery.yaml").write_text(
            delivery_yaml(server.port, "  deadline: 2\n").replace("attempts: 3", "attempts: 1"), encoding="utf-8")
        code, log = project.send()  # returns: before the deadline, it never did
        assert code == 1
        assert "did not finish within the 2 s deadline (smtp.deadline)" in log, log
        assert "0 sent, 0 already sent, 3 pending, 0 failed" in log
        assert set(project.rows().values()) == {"pending"}
        # the connection was closed and the ledger's lock released: the next run works at once
        (project.root / "config" / "delivery.yaml").write_text(delivery_yaml(project.server.port), encoding="utf-8")
        code, log = project.send()
        assert code == 0 and "3 sent, 0 already sent, 0 pending, 0 failed" in log, log
    finally:
        server.close()


def test_deadline_is_checked(project):
    path = project.root / "config" / "delivery.yaml"
    path.write_text(delivery_yaml(project.server.port, "  deadline: 0\n"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"delivery.yaml:5: 'smtp.deadline'"):
        load_delivery(load_config(project.config))
