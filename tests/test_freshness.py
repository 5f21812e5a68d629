"""An edition is a pure function of its inputs: rebuilt exactly when they change, never mailed stale,
and a mailed edition that changes goes out again as a correction, only to those who had it.

Real editions (WeasyPrint), a real SMTP server (aiosmtpd on 127.0.0.1), the real CLI for `run`."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import copy_project, run_cli
from smtp_server import SMTPServer

import briefgen
from briefgen.core.config import load_config
from briefgen.deliver import run_send
from briefgen.edition.build import build, stale_weeks
from briefgen.edition.freshness import MANIFEST, _software, is_current

W28, W30 = "2025-W28", "2025-W30"
REJECT_ECONOMIC = ("  status: approved\n  themes: [economic_ties]", "  status: rejected\n  themes: [economic_ties]")
"""W30's only fact told under economic ties: rejecting it removes the section."""


def delivery(port: int) -> str:
    return (f"smtp: {{host: 127.0.0.1, port: {port}, security: none}}\n"
            "sender: Sahel Watch Desk <briefs@example.org>\nretry: {attempts: 1, delay: 0}\n")


def people(*entries: str) -> str:
    return "stakeholders:\n" + "".join(f"  - {e}\n" for e in entries)


AMINATA = "{name: Aminata Coulibaly, email: aminata@example.org, language: fr}"
JONATHAN = "{name: Jonathan Reed, email: jreed@example.org, language: en}"
MARIAM = "{name: Mariam Diallo, email: mariam@example.org, language: fr}"
MARIAM_TAILORED = "{name: Mariam Diallo, email: mariam@example.org, language: fr, themes: [security_cooperation]}"


def text_of_pdf(data: bytes, tmp: Path) -> str:
    path = tmp / "part.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def plain(msg) -> str:
    return " ".join(msg.get_body(("plain",)).get_content().replace("\u202f", " ").replace("\u00a0", " ").split())


class Desk:
    def __init__(self, root: Path, server: SMTPServer):
        self.root, self.server = root, server
        self.config = root / "config" / "briefgen.yaml"
        self.ledger = root / "output" / "deliveries.sqlite"

    def stakeholders(self, *entries: str) -> None:
        (self.root / "config" / "stakeholders.yaml").write_text(people(*entries), encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    def send(self, week: str, **kw) -> tuple[int, str]:
        logger = logging.getLogger(f"briefgen.test_freshness.{id(kw)}.{len(self.server.received)}")
        logger.propagate = False
        logger.setLevel(logging.DEBUG)
        records: list[str] = []
        handler = logging.Handler()
        handler.emit = lambda record: records.append(record.getMessage())
        logger.addHandler(handler)
        try:
            code = run_send(load_config(self.config), week, log=logger, **kw)
        finally:
            logger.removeHandler(handler)
        return code, "\n".join(records)

    def received(self, since: int = 0) -> dict[str, object]:
        return {m.rcpt_tos[0]: m.message for m in self.server.received[since:]}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The bundled example with W28 and W30 built (a templates folder of its own, identical to the
    packaged one for brief.css.j2, so that a template change can be tested)."""
    root = tmp_path_factory.mktemp("fresh")
    cfg_path = copy_project(root)
    (root / "my-templates").mkdir()
    shutil.copy(Path(briefgen.__file__).parent.parent / "templates" / "brief.css.j2", root / "my-templates")
    text = cfg_path.read_text(encoding="utf-8")
    cfg_path.write_text(text.replace("  # templates: my-templates", "  templates: ../my-templates"), encoding="utf-8")
    cfg = load_config(cfg_path)
    assert cfg.user_templates == (root / "my-templates").resolve()
    for week in (W28, W30):
        build(cfg, week)
    return root


@pytest.fixture
def desk(tmp_path, base) -> Desk:
    with SMTPServer() as server:
        root = tmp_path / "desk"
        shutil.copytree(base, root)  # the editions and their manifests, as built
        (root / "config" / "delivery.yaml").write_text(delivery(server.port), encoding="utf-8")
        yield Desk(root, server)


# -- send never attaches a stale edition -----------------------------------------------------------
def test_a_changed_marking_is_on_every_attached_pdf(desk, tmp_path):
    """The issue's case: TLP changed after the build; the subject, the full and the tailored editions
    of one mailing all say TLP:RED (before, the full edition built earlier still said TLP:AMBER)."""
    desk.stakeholders(AMINATA, JONATHAN, MARIAM_TAILORED)
    desk.edit("config/briefgen.yaml", "tlp: TLP:AMBER", "tlp: TLP:RED")
    code, log = desk.send(W28)
    assert code == 0, log
    got = desk.received()
    assert sorted(got) == ["aminata@example.org", "jreed@example.org", "mariam@example.org"]
    for rcpt, msg in got.items():
        assert msg["Subject"].startswith("TLP:RED "), msg["Subject"]
        pdf = next(p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf")
        text = text_of_pdf(pdf.get_content(), tmp_path)
        assert "TLP:RED" in text and "TLP:AMBER" not in text, rcpt
    assert "TLP:RED" in text_of_pdf((desk.root / "output" / W28 / "brief.fr.pdf").read_bytes(), tmp_path)


# -- a correction, only to those who had the earlier version ------------------------------------------
def test_a_facts_edit_after_mailing_is_a_correction_to_those_who_had_it(desk, tmp_path):
    desk.stakeholders(AMINATA, JONATHAN)
    assert desk.send(W30)[0] == 0
    first = {r: m["Message-ID"] for r, m in desk.received().items()}
    assert "Liens économiques" in text_of_pdf(desk.received()["aminata@example.org"].get_payload()[1].get_content(),
                                              tmp_path)

    desk.edit(f"facts/{W30}.yaml", *REJECT_ECONOMIC)
    desk.stakeholders(AMINATA, JONATHAN, MARIAM)  # Mariam never had W30

    code, log = desk.send(W30, dry_run=True)  # says what would go out, sends nothing
    assert code == 0 and len(desk.server.received) == 2, log
    assert "aminata@example.org (fr): would send a correction of revision" in log
    assert "jreed@example.org (en): would send a correction of revision" in log
    assert "mariam@example.org (fr): written to" in log

    code, log = desk.send(W30)
    assert code == 0, log
    assert "3 sent, 0 already sent" in log
    got = desk.received(2)
    fr, en, new = got["aminata@example.org"], got["jreed@example.org"], got["mariam@example.org"]

    assert fr["Subject"].startswith("TLP:AMBER Rectificatif — ")
    assert en["Subject"].startswith("TLP:AMBER Correction — ")
    for rcpt, msg in (("aminata@example.org", fr), ("jreed@example.org", en)):
        assert msg["Message-ID"] != first[rcpt]
        assert msg["In-Reply-To"] == first[rcpt] and first[rcpt] in msg["References"]
    assert "Ce qui change : " in plain(fr) and "section « Liens économiques » retirée" in plain(fr)
    assert "What changed: " in plain(en) and "section “Economic ties” removed" in plain(en)
    fr_pdf = text_of_pdf(fr.get_payload()[1].get_content(), tmp_path)
    en_pdf = text_of_pdf(en.get_payload()[1].get_content(), tmp_path)
    assert "RECTIFICATIF" in fr_pdf and "section « Liens économiques » retirée" in fr_pdf
    assert "CORRECTION" in en_pdf and "section “Economic ties” removed" in en_pdf
    assert fr.get_payload()[1].get_filename() == f"brief-{W30}-fr-correction.pdf"

    # Mariam gets the current edition as any first edition: no mark, no reference to mail she never had.
    assert "Rectificatif" not in new["Subject"] and new["In-Reply-To"] is None
    new_pdf = text_of_pdf(new.get_payload()[1].get_content(), tmp_path)
    assert "RECTIFICATIF" not in new_pdf and "Rectificatif" not in new_pdf and "a annoncé la création" not in new_pdf
    assert "Liens économiques Aucun développement significatif signalé." in new_pdf  # the theme, in one line

    # Nobody gets the same revision twice; --resend sends again exactly what each one last had.
    code, log = desk.send(W30)
    assert code == 0 and "0 sent, 3 already sent" in log and len(desk.server.received) == 5
    assert desk.send(W30, resend=True)[0] == 0
    again = desk.received(5)
    assert again["aminata@example.org"]["Message-ID"] == fr["Message-ID"]
    assert again["aminata@example.org"]["Subject"] == fr["Subject"]

    # The archive keeps both revisions that went out.
    with sqlite3.connect(desk.ledger) as c:
        rows = c.execute("SELECT revision, kind FROM delivered WHERE recipient='aminata@example.org' "
                         "ORDER BY sent_at, rowid").fetchall()
    assert [k for _, k in rows] == ["edition", "correction"]
    (old, _), (current, _) = rows
    archive = desk.root / "output" / W30 / "revisions"
    assert "a annoncé la création" in text_of_pdf((archive / old / "brief.fr.pdf").read_bytes(), tmp_path)
    assert "a annoncé la création" not in text_of_pdf((archive / current / "brief.fr.pdf").read_bytes(), tmp_path)
    assert (archive / current / f"brief.fr.correction-of-{old}.pdf").is_file()


def test_a_ledger_written_before_revisions_is_migrated(desk, tmp_path):
    """Rows of an old ledger (no revisions) count as delivered: of the edition an earlier briefgen left
    on disk, kept when the first manifest replaces it. Unchanged, it is not mailed again; changed —
    even rebuilt by `build` or `run` before `send` — it goes out as a correction."""
    desk.stakeholders(AMINATA, JONATHAN)
    for week in (W28, W30):
        (desk.root / "output" / week / MANIFEST).unlink()  # output as the earlier briefgen left it
    desk.ledger.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(desk.ledger) as c:
        c.execute("""CREATE TABLE deliveries (edition TEXT NOT NULL, language TEXT NOT NULL, recipient TEXT NOT NULL,
                     message_id TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, error TEXT,
                     first_try TEXT NOT NULL, last_try TEXT NOT NULL, sent_at TEXT,
                     PRIMARY KEY (edition, language, recipient))""")
        for week in (W28, W30):
            c.execute("INSERT INTO deliveries VALUES (?, 'fr', 'aminata@example.org', ?, 'sent', 1, NULL, "
                      "'2099-01-01T00:00:00+00:00', '2099-01-01T00:00:00+00:00', '2099-01-01T00:00:00+00:00')",
                      (week, f"<old.{week}@example.org>"))
    code, log = desk.send(W30)
    assert code == 0, log
    assert list(desk.received()) == ["jreed@example.org"] and "1 sent, 1 already sent" in log

    desk.edit("config/briefgen.yaml", "tlp: TLP:AMBER", "tlp: TLP:RED")
    build(load_config(desk.config), W28)  # as `run` would, before `send`
    code, log = desk.send(W28)
    assert code == 0, log
    got = desk.received(1)
    fr, en = got["aminata@example.org"], got["jreed@example.org"]
    assert fr["Subject"].startswith("TLP:RED Rectificatif") and fr["In-Reply-To"] == f"<old.{W28}@example.org>"
    assert "les changements par rapport à la version antérieure n’ont pas été enregistrés" in plain(fr)
    assert en["Subject"].startswith("TLP:RED Weekly") and en["In-Reply-To"] is None
    archive = desk.root / "output" / W28 / "revisions"
    marks = {d.name: "TLP:AMBER" in text_of_pdf((d / "brief.fr.pdf").read_bytes(), tmp_path)
             for d in archive.iterdir() if (d / "brief.fr.pdf").is_file()}
    assert sorted(marks.values()) == [False, True]  # the AMBER edition she had, the RED one she has


# -- a run with nothing changed renders nothing ----------------------------------------------------
def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of the editions (output/ but the extraction's own cache) with its mtime and bytes."""
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.relative_to(folder).parts}


def test_a_run_with_nothing_changed_renders_nothing(tmp_path):
    cfg = copy_project(tmp_path)
    first = run_cli("run", "--config", str(cfg))
    assert first.returncode == 0, first.stderr
    before = _snapshot(tmp_path / "output")
    assert f"{W30}/brief.fr.pdf" in before and "2025-W31/brief.en.pdf" in before
    assert "2025-W29/brief.fr.pdf" in before  # the quiet week between the editions with facts
    again = run_cli("run", "--config", str(cfg))
    assert again.returncode == 0, again.stderr
    assert "nothing to render" in again.stderr and "rendering" not in again.stderr
    assert _snapshot(tmp_path / "output") == before  # not one file touched
    build_again = run_cli("build", "--week", W30, "--config", str(cfg))
    assert build_again.returncode == 0 and "up to date" in build_again.stderr
    assert _snapshot(tmp_path / "output") == before


# -- what makes an edition stale: its inputs, not the clock -----------------------------------------
def test_an_edition_is_stale_exactly_when_its_inputs_change(desk, monkeypatch):
    cfg = load_config(desk.config)
    assert stale_weeks(cfg) == ["2025-W29", "2025-W31"]  # never built (W29: a quiet week)

    facts = desk.root / "facts" / f"{W30}.yaml"
    os.utime(facts, (1e10, 1e10))  # newer, same content: still current
    assert stale_weeks(cfg) == ["2025-W29", "2025-W31"]

    article = desk.root / "sources" / "2025-07-22-echo-sikasso-bougouni-recrues.md"  # cited by W30 only
    original = article.read_bytes()
    article.write_bytes(original + b"\nUne phrase de plus.\n")
    assert not is_current(cfg, W30) and is_current(cfg, W28)
    article.write_bytes(original)
    assert is_current(cfg, W30)  # the same inputs, the same edition
    (desk.root / "sources" / "2025-08-20-autre-semaine.txt").write_text(
        "date 2025-08-20\noutlet courrier-sahel\ntitle Autre semaine\n\nUn article que nul fait ne cite.\n",
        encoding="utf-8")
    assert is_current(cfg, W30) and is_current(cfg, W28)

    css = desk.root / "my-templates" / "brief.css.j2"
    css.write_text(css.read_text(encoding="utf-8") + "\n.extra { color: #000000; }\n", encoding="utf-8")
    assert not is_current(cfg, W28) and not is_current(cfg, W30)
    shutil.copy(Path(briefgen.__file__).parent.parent / "templates" / "brief.css.j2", css)
    assert is_current(cfg, W28)

    (desk.root / "output" / W28 / "brief.en.pdf").write_bytes(b"%PDF-1.7 not what was built")
    assert not is_current(cfg, W28)

    monkeypatch.setattr(briefgen, "__version__", briefgen.__version__ + ".post1")
    _software.cache_clear()
    try:
        assert not is_current(cfg, W30)
    finally:
        monkeypatch.undo()
        _software.cache_clear()
    assert is_current(cfg, W30)


# An article of the example's week 31 naming a site the gazetteer lacks (written for this test).
NEW_SITE = """date 2025-07-30
outlet echo-sikasso
title Un nouveau camp pour la garde

Le ministre de la Défense a inauguré le mardi 29 juillet 2025 le centre d'instruction de Tondibia, où 400 recrues de la garde nationale suivent leur formation depuis lundi.
"""


def test_a_run_with_nothing_changed_leaves_the_gazetteer_proposals_alone(tmp_path):
    """The second run of a project whose articles name a site the gazetteer lacks finds the same
    proposal and leaves output/gazetteer-proposals.yaml as it was (not even rewritten)."""
    cfg = copy_project(tmp_path)
    (tmp_path / "sources" / "2025-07-30-echo-sikasso-tondibia.txt").write_text(NEW_SITE, encoding="utf-8")
    first = run_cli("run", "--config", str(cfg))
    assert first.returncode == 0, first.stderr
    proposals = tmp_path / "output" / "gazetteer-proposals.yaml"
    assert "centre-d-instruction-de-tondibia" in proposals.read_text(encoding="utf-8")
    before = (proposals.stat().st_mtime_ns, proposals.read_bytes())
    again = run_cli("run", "--config", str(cfg))
    assert again.returncode == 0, again.stderr
    assert (proposals.stat().st_mtime_ns, proposals.read_bytes()) == before
