"""`briefgen run --send --dry-run`: the weekly job as it would mail, with the messages written to the
outbox and nothing sent (no SMTP server is configured or reachable here)."""

from __future__ import annotations

from conftest import run_cli


def test_run_send_dry_run_writes_the_outbox_and_sends_nothing(project):
    result = run_cli("run", "--send", "--dry-run", "--week", "2025-W30", "--config", str(project))
    assert result.returncode == 0, result.stderr
    outbox = project.parent.parent / "output" / "2025-W30" / "outbox"
    assert sorted(p.suffix for p in outbox.iterdir()) == [".eml"] * 3
    assert "nothing sent" in result.stderr
    assert not (project.parent.parent / "output" / "deliveries.sqlite").exists()  # no delivery recorded


def test_run_dry_run_without_send_is_a_usage_error(project):
    result = run_cli("run", "--dry-run", "--config", str(project))
    assert result.returncode == 2
    assert "--dry-run goes with --send" in result.stderr


def test_the_bundled_example_is_what_its_own_weekly_job_leaves_it(project):
    """The set-up runs the weekly job on the bundled example: extraction may propose nothing the
    committed fact files lack, or a fresh clone's editions (and their golden copies) would change."""
    facts = project.parent.parent / "facts"
    before = {p.name: p.read_text(encoding="utf-8") for p in sorted(facts.glob("*.yaml"))}
    result = run_cli("run", "--config", str(project))
    assert result.returncode == 0, result.stderr
    after = {p.name: p.read_text(encoding="utf-8") for p in sorted(facts.glob("*.yaml"))}
    assert after == before, [name for name in after if after[name] != before.get(name)]
