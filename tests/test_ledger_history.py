"""A delivery ledger that lost its history, is damaged or has an older layout (issue 12, finding 7):
nothing is mailed again without --resend, every fault is a clear error naming the file."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import test_deliver as td

from briefgen.core.errors import BriefgenError
from briefgen.deliver import Ledger

WEEK, _cli = td.WEEK, td._cli
clean_env, edition, smtp, project = td.clean_env, td.edition, td.smtp, td.project  # test_deliver's fixtures

FIRST_LAYOUT = """
CREATE TABLE deliveries (
    edition TEXT NOT NULL, language TEXT NOT NULL, recipient TEXT NOT NULL, message_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')), attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT, first_try TEXT NOT NULL, last_try TEXT NOT NULL, sent_at TEXT,
    PRIMARY KEY (edition, language, recipient))
"""


def _sent_once(project) -> None:
    code, log = project.send()
    assert code == 0, log
    assert len(project.server.received) == 3


def _refused(project) -> str:
    with pytest.raises(BriefgenError) as err:
        project.send()
    assert len(project.server.received) == 3  # nobody mailed twice
    message = str(err.value)
    assert str(project.ledger) in message and "--resend" in message and WEEK in message
    return message


def test_an_emptied_ledger_mails_nobody_again(project):
    _sent_once(project)
    with sqlite3.connect(project.ledger) as c:
        c.execute("DELETE FROM deliveries")
        c.execute("DELETE FROM delivered")
    assert "lost its history" in _refused(project)
    code, log = project.send(resend=True)  # the analysts decide: everyone again
    assert code == 0 and len(project.server.received) == 6, log
    assert project.send()[0] == 0 and len(project.server.received) == 6  # and the ledger knows it again


def test_a_dropped_table_or_a_deleted_ledger_mails_nobody_again(project):
    _sent_once(project)
    with sqlite3.connect(project.ledger) as c:
        c.execute("DROP TABLE deliveries")
        c.execute("DROP TABLE delivered")
    _refused(project)
    project.ledger.unlink()
    _refused(project)
    project.ledger.write_bytes(b"")  # truncated to nothing
    _refused(project)


def test_an_older_copy_of_the_ledger_is_noticed(project):
    Ledger.open(project.ledger).close()  # the ledger as it was before this week was mailed
    backup = project.ledger.with_name("backup.sqlite")
    shutil.copy(project.ledger, backup)
    _sent_once(project)
    shutil.copy(backup, project.ledger)
    _refused(project)


def test_the_cli_exits_1_without_a_traceback(project):
    _sent_once(project)
    with sqlite3.connect(project.ledger) as c:
        c.execute("DELETE FROM deliveries")
        c.execute("DELETE FROM delivered")
    done = _cli(project, "--week", WEEK)
    assert done.returncode == 1 and "lost its history" in done.stderr and "Traceback" not in done.stderr
    assert len(project.server.received) == 3


@pytest.mark.parametrize("page", [1, 2])
def test_a_zeroed_page_is_a_clear_error(project, page):
    _sent_once(project)
    size = sqlite3.connect(project.ledger).execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(project.ledger.read_bytes())
    assert len(data) >= page * size
    data[(page - 1) * size: page * size] = bytes(size)
    project.ledger.write_bytes(bytes(data))
    for args in ((), ("--dry-run",)):
        done = _cli(project, "--week", WEEK, *args)
        assert done.returncode == 1, done.stderr
        assert f"{project.ledger}: cannot use the delivery ledger" in done.stderr and "Traceback" not in done.stderr
    assert len(project.server.received) == 3


def test_a_ledger_of_the_first_layout_is_migrated(project):
    with sqlite3.connect(project.ledger) as c:
        c.execute(FIRST_LAYOUT)
        for lang, who in (("fr", "aminata@example.org"), ("en", "jreed@example.org"), ("fr", "mariam@example.org")):
            c.execute("INSERT INTO deliveries VALUES (?, ?, ?, ?, 'sent', 1, NULL, ?, ?, ?)",
                      (WEEK, lang, who, f"<{who}>", "2099-01-01T00:00:00+00:00", "2099-01-01T00:00:00+00:00",
                       "2099-01-01T00:00:00+00:00"))
    code, log = project.send()
    assert code == 0 and len(project.server.received) == 0, log  # already served, as that ledger says
    with sqlite3.connect(project.ledger) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == 2
        assert {r[1] for r in c.execute("PRAGMA table_info(deliveries)")} >= {"revision", "kind"}


def test_a_table_of_another_layout_is_a_clear_error(project):
    with sqlite3.connect(project.ledger) as c:
        c.execute("CREATE TABLE deliveries (edition TEXT, recipient TEXT, status TEXT)")
        c.execute("INSERT INTO deliveries VALUES (?, 'aminata@example.org', 'sent')", (WEEK,))
    done = _cli(project, "--week", WEEK)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"{project.ledger}: table 'deliveries' lacks column(s)" in done.stderr
    assert len(project.server.received) == 0


def test_a_ledger_from_a_newer_briefgen_is_left_alone(project):
    _sent_once(project)
    with sqlite3.connect(project.ledger) as c:
        c.execute("PRAGMA user_version = 99")
    before = project.ledger.read_bytes()
    done = _cli(project, "--week", WEEK)
    assert done.returncode == 1 and "newer briefgen" in done.stderr and "Traceback" not in done.stderr
    assert project.ledger.read_bytes() == before
