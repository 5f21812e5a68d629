"""`briefgen init DIR`: a new desk from the bundled example, that builds and runs at once."""

from __future__ import annotations

import yaml
from conftest import ROOT, run_cli

from briefgen.core.desk import EXAMPLE_WEEK

CONFIG_FILES = sorted(p.name for p in (ROOT / "config").glob("*.yaml"))


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _cited(facts) -> set[str]:
    doc = yaml.safe_load(facts.read_text(encoding="utf-8"))
    return {e["source"] for f in doc["facts"] for e in f.get("evidence", [])}


def test_init_writes_the_example_desk_and_says_what_next(tmp_path):
    desk = tmp_path / "desk"
    result = run_cli("init", str(desk))
    assert result.returncode == 0, result.stderr
    files = _files(desk)
    facts = f"facts/{EXAMPLE_WEEK}.yaml"
    assert [f for f in files if f.startswith("config/")] == [f"config/{n}" for n in CONFIG_FILES]
    assert [f for f in files if f.startswith("facts/")] == [facts]
    # the articles that week's facts cite, and no other
    assert {f.removeprefix("sources/").rsplit(".", 1)[0] for f in files if f.startswith("sources/")} \
        == _cited(ROOT / facts)
    # the files are the repository's own example, byte for byte (no second copy to drift)
    for rel in files:
        if not rel.startswith("templates/"):
            assert (desk / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
    assert (desk / "templates/assets/logo.svg").read_bytes() == (ROOT / "templates/assets/logo.svg").read_bytes()
    for name in CONFIG_FILES:  # a new user reads what each file is for at its top
        assert (desk / "config" / name).read_text(encoding="utf-8").startswith("#"), name
    for rel in files:
        assert f"  {rel}\n" in result.stdout
    assert f"briefgen build --week {EXAMPLE_WEEK}" in result.stdout and "briefgen run" in result.stdout


def test_init_refuses_a_folder_that_is_not_empty_unless_forced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {tmp_path} is not empty") and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(tmp_path) == ["notes.txt"]

    result = run_cli("init", "--force", "-q", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "notes.txt" in _files(tmp_path) and "config/briefgen.yaml" in _files(tmp_path)

    result = run_cli("init", str(tmp_path / "notes.txt"))
    assert result.returncode == 1 and "is not a folder" in result.stderr


def test_a_new_desk_runs_the_weekly_job(tmp_path):
    """`briefgen run` in the new desk, with no --config: extract, check, build."""
    result = run_cli("init", "desk", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    desk = tmp_path / "desk"
    result = run_cli("run", cwd=desk)
    assert result.returncode == 0, result.stderr
    for lang in ("fr", "en"):
        assert (desk / "output" / EXAMPLE_WEEK / f"brief.{lang}.pdf").stat().st_size > 10_000
