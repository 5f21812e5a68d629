"""What used to pass without a word is said (issue 12, finding 13): an empty outlets.yaml, a
negative key_figures, links that loop or dangle and FIFOs in sources/."""

from __future__ import annotations

import os

from conftest import run_cli


def test_empty_outlets_file_is_a_warning(project):
    outlets = project.parent / "outlets.yaml"
    outlets.write_text("# no outlets yet\n", encoding="utf-8")
    check = run_cli("check", "--config", str(project))
    assert "Traceback" not in check.stderr
    assert f"{outlets}: no outlets: the facts of every source are graded F" in check.stderr


def test_outlet_missing_from_outlets_file_is_a_warning(project):
    outlets = project.parent / "outlets.yaml"
    text = outlets.read_text(encoding="utf-8")
    outlets.write_text(text.replace("echo-sikasso:", "echo-sikasso-renamed:", 1), encoding="utf-8")
    check = run_cli("check", "--config", str(project))
    assert "outlet 'echo-sikasso' is not in outlets.yaml: its facts are graded F" in check.stderr


def test_negative_key_figures_is_refused(project):
    brief = project.parent / "brief.yaml"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("key_figures: 3", "key_figures: -1", 1), encoding="utf-8")
    check = run_cli("check", "--config", str(project))
    assert check.returncode == 1
    assert f"{brief}:" in check.stderr and "'key_figures' must be between 0 and 50" in check.stderr
    assert "Traceback" not in check.stderr


def test_links_that_loop_or_dangle_and_fifos_in_sources_are_named(project):
    sources = project.parent.parent / "sources"
    os.symlink("loop.txt", sources / "loop.txt")
    os.symlink("nowhere.txt", sources / "dangling.txt")
    os.mkfifo(sources / "pipe.txt")
    for command in (["check"], ["build", "--week", "2025-W30"]):
        result = run_cli(*command, "--config", str(project))
        assert result.returncode == 0, result.stderr
        assert f"{sources / 'loop.txt'}: a symbolic link loop; skipped" in result.stderr
        assert f"{sources / 'dangling.txt'}: a dangling symbolic link" in result.stderr
        assert f"{sources / 'pipe.txt'}: a named pipe (FIFO), not a file; skipped" in result.stderr


def test_fact_dated_outside_its_week_is_named(project):
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    text = facts.read_text(encoding="utf-8")
    assert "  date: 2025-07-22\n" in text
    facts.write_text(text.replace("  date: 2025-07-22\n", "  date: 9999-12-31\n", 1), encoding="utf-8")
    line = next(n for n, t in enumerate(facts.read_text(encoding="utf-8").splitlines(), 1) if "9999-12-31" in t)
    check = run_cli("check", "--config", str(project))
    assert "Traceback" not in check.stderr
    assert (f"{facts}:{line}: 'facts[5].date' fact training-recruits-bougouni-2025-07-22 is dated 9999-12-31, "
            "outside 2025-W30") in check.stderr, check.stderr



def test_fact_file_not_named_after_a_week_is_named(project):
    facts = project.parent.parent / "facts"
    (facts / "2025-W31.yaml").rename(facts / "2025-W54.yaml")
    check = run_cli("check", "--config", str(project))
    assert f"{facts / '2025-W54.yaml'}: not named after an ISO week of the calendar" in check.stderr
