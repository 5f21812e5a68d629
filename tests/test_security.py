"""Hostile settings, articles and Markdown, as the hardening issue's recipes give them: no header of an
attacker's, no local file in an edition, no password in clear or in an error, nothing world-readable,
no dangerous link."""

from __future__ import annotations

import email
import os
import subprocess
import sys
from dataclasses import replace
from email import policy
from pathlib import Path

import pytest
from conftest import copy_project, run_cli
from smtp_server import SMTPServer

from briefgen.core.config import load_config
from briefgen.deliver import Stakeholder, compose, load_delivery
from briefgen.deliver.smtp import Mailer
from briefgen.edition.brief import build_brief

WEEK = "2025-W30"
EVE = "=?utf-8?q?Eve=0D=0AReply-To=3A_attacker=40evil=2Eexample?="
BCC_TITLE = "Weekly brief =?utf-8?q?=0D=0ABcc=3A_spy=40evil=2Eexample?="


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith("BRIEFGEN_SMTP_"):
            monkeypatch.delenv(name)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def _header_lines(raw: bytes) -> list[bytes]:
    """The header block's logical lines as sent (continuations joined)."""
    out: list[bytes] = []
    for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and out:
            out[-1] += line
        else:
            out.append(line)
    return out


# -- 1. header injection through RFC 2047 encoded words -------------------------------------
def test_check_and_send_refuse_an_encoded_word_in_a_name_or_title(project):
    people = project.parent / "stakeholders.yaml"
    people.write_text(f"stakeholders:\n  - name: \"{EVE}\"\n    email: eve@example.org\n    language: en\n",
                      encoding="utf-8")
    for args in (("check",), ("send", "--week", WEEK, "--dry-run")):
        result = run_cli(*args, "--config", str(project))
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        assert "stakeholders.yaml:2: 'stakeholders[0].name' holds an RFC 2047 encoded word" in result.stderr, \
            result.stderr
    brief = project.parent / "brief.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace(
        "  en: Weekly situation brief — Mali and the Sahel", f"  en: \"{BCC_TITLE}\""), encoding="utf-8")
    result = run_cli("check", "--config", str(project))
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "brief.yaml:5: 'title.en' holds an RFC 2047 encoded word" in result.stderr, result.stderr
    assert not (project.parent.parent / "output" / WEEK / "outbox").exists()


def test_an_encoded_word_past_validation_delivers_no_header_of_its_own(project):
    """A name and a title built in code (validation bypassed) reach a real SMTP server: the message
    has no Reply-To or Bcc of the attacker's, and nobody else is in the envelope."""
    cfg = load_config(project)
    with SMTPServer() as server:
        settings, _ = load_delivery(cfg)
        settings = replace(settings, host="127.0.0.1", port=server.port, security="none")
        brief = build_brief(cfg, WEEK)
        brief = replace(brief, title={**brief.title, "en": BCC_TITLE})
        eve = Stakeholder(EVE, "eve@example.org", "en")
        msg = compose(brief, eve, settings, b"%PDF-1.7 test", cfg=cfg)
        mailer = Mailer(settings)
        try:
            mailer.send(msg, settings.sender[1], eve.email)
        finally:
            mailer.close()
    [got] = server.received
    assert got.rcpt_tos == ["eve@example.org"]
    lines = _header_lines(got.data)
    names = [line.split(b":", 1)[0].lower() for line in lines]
    assert b"bcc" not in names and names.count(b"reply-to") == 1
    reply_to = next(line for line in lines if line.lower().startswith(b"reply-to:"))
    assert b"attacker" not in reply_to and b"analysts@example.org" in reply_to
    parsed = email.message_from_bytes(got.data, policy=policy.default)
    assert parsed["To"].addresses[0].addr_spec == "eve@example.org"
    assert "\n" not in str(parsed["To"]) and "\n" not in str(parsed["Subject"])
    assert parsed.get_all("Bcc") is None and parsed.get_all("Reply-To") == [str(parsed["Reply-To"])]


# -- 5. Markdown links: http, https and mailto only -----------------------------------------
def test_markdown_links_other_than_web_and_mail_stay_text(project):
    import yaml
    from conftest import pdf_text
    from pypdf import PdfReader

    facts = project.parent.parent / "facts" / "2025-W28.yaml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    hostile = ("Voir [le partage](smb://evil.example/share), [le document](ms-officecmd:open?url=x), "
               "<smb://evil.example/auto>, [la source](https://example.org/ok) et [le desk](mailto:desk@example.org).\n\n")
    data["analysis"]["key_judgments"]["fr"] = hostile + data["analysis"]["key_judgments"]["fr"]
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("build", "--week", "2025-W28", "--config", str(project))
    assert result.returncode == 0, result.stderr
    out = project.parent.parent / "output" / "2025-W28"
    html = (out / "brief.fr.html").read_text(encoding="utf-8")
    assert 'href="smb:' not in html.lower() and 'href="ms-officecmd:' not in html.lower()
    assert "[le partage](smb://evil.example/share)" in html and "&lt;smb://evil.example/auto&gt;" in html
    assert '<a href="https://example.org/ok">la source</a>' in html
    assert '<a href="mailto:desk@example.org">le desk</a>' in html
    uris = [a.get_object().get("/A", {}).get("/URI", "") for page in PdfReader(out / "brief.fr.pdf").pages
            for a in page.get("/Annots") or ()]
    assert "https://example.org/ok" in uris
    assert not [u for u in uris if not u.startswith(("https:", "http:", "mailto:"))], uris
    assert "ms-officecmd:open?url=x" in "".join(pdf_text(out / "brief.fr.pdf").split())


# -- 2. no local file reaches the edition ------------------------------------------------------
PASSWD = Path("/etc/passwd")


@pytest.mark.skipif(not PASSWD.is_file(), reason="needs /etc/passwd")
def test_a_link_out_of_sources_is_never_read(project):
    import yaml

    desk = project.parent.parent
    (desk / "sources" / "leak.txt").symlink_to(PASSWD)
    first = PASSWD.read_text(encoding="utf-8").split()[0]
    facts = desk / "facts" / "2025-W28.yaml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["facts"][0]["evidence"].append({"source": "leak", "start": 0, "end": len(first), "text": first})
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for args in (("check",), ("build", "--week", "2025-W28")):
        result = run_cli(*args, "--config", str(project))
        assert "Traceback" not in result.stderr, result.stderr
        assert f"{desk / 'sources' / 'leak.txt'}: a link to a file outside" in result.stderr, result.stderr
        assert "unknown source 'leak'" in result.stderr and result.returncode != 0
    assert not list((desk / "output").rglob("brief.*"))
    written = b"".join(p.read_bytes() for p in (desk / "output").rglob("*") if p.is_file())
    assert first.encode() not in written


def test_a_link_inside_sources_is_read(project):
    sources = project.parent.parent / "sources"
    (sources / "copy.txt").symlink_to("2025-07-09-courrier-sahel-atallah.txt")
    result = run_cli("check", "--config", str(project))
    assert result.returncode == 0 and "outside" not in result.stderr, result.stderr


@pytest.mark.parametrize("logo, why", [
    (str(PASSWD), "is outside the desk"),
    ("link.svg", "is outside the desk"),            # a link in the desk to /etc/passwd
    ("stakeholders.yaml", "is not an image"),       # inside the desk, but not an image
])
def test_the_logo_must_be_an_image_inside_the_desk(project, logo, why):
    (project.parent / "link.svg").symlink_to(PASSWD)
    text = project.read_text(encoding="utf-8")
    assert "  logo: ../templates/assets/logo.svg" in text
    project.write_text(text.replace("  logo: ../templates/assets/logo.svg", f"  logo: {logo}"), encoding="utf-8")
    line = 1 + text.split("  logo:")[0].count("\n")
    for args in (("check",), ("build", "--week", "2025-W28")):
        result = run_cli(*args, "--config", str(project))
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        assert f"briefgen.yaml:{line}: 'branding.logo' '{logo}' {why}" in result.stderr, result.stderr
    assert not (project.parent.parent / "output" / "2025-W28").exists()


def test_the_bundled_logo_is_embedded_as_an_image(project):
    result = run_cli("build", "--week", "2025-W28", "--config", str(project))
    assert result.returncode == 0, result.stderr
    html = (project.parent.parent / "output" / "2025-W28" / "brief.en.html").read_text(encoding="utf-8")
    assert 'src="data:image/svg+xml;base64,' in html


# -- 4. what a run writes is readable by its owner only -----------------------------------------
DELIVERY = """\
smtp:
  host: 127.0.0.1
  port: {port}
  security: none
sender: Sahel Watch Desk <briefs@example.org>
reply_to: analysts@example.org
retry:
  attempts: 1
  delay: 0
"""


def _cli_umask(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in its own process, under the usual umask 022 (files 0644 and folders 0755 by default)."""
    return subprocess.run([sys.executable, "-m", "briefgen", *args, "--config", str(project)], capture_output=True,
                          text=True, timeout=600, umask=0o022, cwd=project.parent.parent)


def test_editions_outbox_ledger_caches_and_state_are_private_under_umask_022(project):
    desk = project.parent.parent
    with SMTPServer() as server:
        (project.parent / "delivery.yaml").write_text(DELIVERY.format(port=server.port), encoding="utf-8")
        for args in (("run", "--week", WEEK), ("send", "--week", WEEK, "--dry-run"), ("send", "--week", WEEK)):
            result = _cli_umask(project, *args)
            assert result.returncode == 0, (args, result.stderr)
        assert len(server.received) == 3
    out = desk / "output"
    files = [p for p in out.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"brief.fr.pdf", "brief.en.html", "deliveries.sqlite", "review-state.json"} <= names, names
    assert any(p.suffix == ".eml" for p in files) and any(".cache" in p.parts for p in files)
    assert any(p.parent.name == "revisions" or "revisions" in p.parts for p in files)
    loose = {str(p.relative_to(desk)): oct(p.stat().st_mode & 0o777) for p in files if p.stat().st_mode & 0o077}
    assert loose == {}, loose
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    open_folders = {str(p.relative_to(desk)): oct(p.stat().st_mode & 0o777) for p in folders
                    if p.stat().st_mode & 0o077}
    assert open_folders == {}, open_folders


# -- 3. the SMTP password: never in clear to another machine, UTF-8 welcome, never in an error -----
UTF8_PASSWORD = "Pässwörd-çœur-€-ß-日本"
STAKEHOLDERS = """\
stakeholders:
  - {name: Aminata Coulibaly, email: aminata@example.org, language: fr}
  - {name: Jonathan Reed, email: jreed@example.org, language: en}
"""


def _send(project: Path, *args: str, password: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_SMTP_")}
    return subprocess.run([sys.executable, "-m", "briefgen", "send", "--week", WEEK, "--config", str(project), *args],
                          capture_output=True, text=True, timeout=600, cwd=project.parent.parent,
                          env={**env, "BRIEFGEN_SMTP_PASSWORD": password})


def _mailing(project: Path, host: str, port: int, extra: str = "") -> None:
    (project.parent / "stakeholders.yaml").write_text(STAKEHOLDERS, encoding="utf-8")
    (project.parent / "delivery.yaml").write_text(
        DELIVERY.format(port=port).replace("127.0.0.1", host).replace(
            "  security: none\n", f"  security: none\n  username: briefgen\n{extra}"), encoding="utf-8")


def _no_secret(text: str, password: str) -> None:
    assert "Traceback" not in text and password not in text
    assert not [c for c in password if not c.isascii() and c in text], "a character of the password is shown"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_utf8_password_logs_in_and_never_appears(project):
    with SMTPServer(auth=("briefgen", UTF8_PASSWORD)) as server:
        _mailing(project, "127.0.0.1", server.port)
        sent = _send(project, password=UTF8_PASSWORD)
        assert sent.returncode == 0, sent.stderr
        assert ("briefgen", "True") in server.handler.logins and len(server.received) == 2
        wrong = _send(project, "--resend", password=UTF8_PASSWORD[::-1])
        assert wrong.returncode == 1 and "login refused: 535" in wrong.stderr, wrong.stderr
        assert len(server.received) == 2
    for result in (sent, wrong):
        _no_secret(result.stdout + result.stderr, UTF8_PASSWORD)
        _no_secret(result.stdout + result.stderr, UTF8_PASSWORD[::-1])


def test_plaintext_login_to_another_machine_is_refused_by_check_and_send(project):
    _mailing(project, "smtp.example.org", 25)
    check = run_cli("check", "--config", str(project))
    send = _send(project, password=UTF8_PASSWORD)
    for result in (check, send):
        assert result.returncode != 0, result.stderr
        assert "delivery.yaml:4: 'smtp.security' none would send the SMTP password in clear to smtp.example.org" \
               in result.stderr and "smtp.allow_plaintext: true" in result.stderr, result.stderr
        _no_secret(result.stdout + result.stderr, UTF8_PASSWORD)


def _own_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    import ipaddress
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
        except OSError:
            return None
        address = s.getsockname()[0]
    return None if ipaddress.ip_address(address).is_loopback else address


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.skipif(_own_address() is None, reason="no network address other than loopback")
def test_plaintext_login_to_a_network_address_needs_allow_plaintext(project):
    from aiosmtpd.controller import Controller
    from smtp_server import Handler, free_port

    handler, port, host = Handler(), free_port(), _own_address()
    controller = Controller(handler, hostname=host, port=port, authenticator=handler.authenticate(
        "briefgen", UTF8_PASSWORD), auth_required=True, auth_require_tls=False)
    controller.start()
    try:
        _mailing(project, host, port)
        refused = _send(project, password=UTF8_PASSWORD)
        assert refused.returncode != 0 and "smtp.allow_plaintext: true" in refused.stderr, refused.stderr
        assert handler.logins == [] and handler.received == []  # not even a connection's login
        _mailing(project, host, port, "  allow_plaintext: true\n")
        allowed = _send(project, password=UTF8_PASSWORD)
        assert allowed.returncode == 0, allowed.stderr
        assert f"the SMTP password goes to {host} without TLS" in allowed.stderr
        assert handler.logins == [("briefgen", "True")] and len(handler.received) == 2
    finally:
        controller.stop()
    for result in (refused, allowed):
        _no_secret(result.stdout + result.stderr, UTF8_PASSWORD)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_utf8_password_logs_in_with_auth_login_too(project):
    from aiosmtpd.controller import Controller
    from smtp_server import Handler, free_port

    handler, port = Handler(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, auth_exclude_mechanism=["PLAIN"],
                            authenticator=handler.authenticate("briefgen", UTF8_PASSWORD), auth_required=True,
                            auth_require_tls=False)
    controller.start()
    try:
        _mailing(project, "127.0.0.1", port)
        sent = _send(project, password=UTF8_PASSWORD)
    finally:
        controller.stop()
    assert sent.returncode == 0, sent.stderr
    assert handler.logins == [("briefgen", "True")] and len(handler.received) == 2
    _no_secret(sent.stdout + sent.stderr, UTF8_PASSWORD)
