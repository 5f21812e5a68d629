"""Bad YAML gives one clear message naming file, line and key; exit 1; no traceback; output untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


@pytest.fixture
def built_project(project):
    """A project copy whose 2025-W30 editions are already built; returns (config, {file: bytes})."""
    result = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert result.returncode == 0, result.stderr
    out = project.parent.parent / "output" / "2025-W30"
    return project, {p: p.read_bytes() for p in out.iterdir()}


def _assert_user_error(result, *needles):
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


def _assert_untouched(before):
    for path, data in before.items():
        assert path.read_bytes() == data, path
    assert not [p for p in next(iter(before)).parent.iterdir() if p not in before]


CASES = {
    # name: (file, old, new, key in the message, text on the line that must be named)
    "yaml syntax": ("facts/2025-W30.yaml", "kind: visit\n", "kind: [visit\n", "YAML syntax error", None),
    "wrong type": ("facts/2025-W30.yaml", "key_point: true", "key_point: 12", "'facts[0].key_point' expected true or false", "key_point: 12"),
    "unknown theme": ("facts/2025-W30.yaml", "themes: [force_buildup]", "themes: [force_build_up]",
                      "'facts[5].themes[0]' unknown theme 'force_build_up'", "themes: [force_build_up]"),
    "unknown entity": ("facts/2025-W30.yaml", "counterparts: [abdoulaye-diop]", "counterparts: [abdoulaye-dop]",
                       "'facts[3].counterparts[0]' unknown entity id 'abdoulaye-dop'", "counterparts: [abdoulaye-dop]"),
    "config wrong type": ("config/brief.yaml", "key_points: 4", "key_points: four", "'key_points' expected a whole number",
                          "key_points: four"),
    "bad tlp": ("config/briefgen.yaml", "tlp: TLP:AMBER", "tlp: AMBER", "'tlp' 'AMBER' is not one of", "tlp: AMBER"),
    "bad pdf variant": ("config/briefgen.yaml", "  # variant: pdf/a-3b", "  variant: pdf/a-9z",
                        "'pdf.variant' 'pdf/a-9z' is not one of", "variant: pdf/a-9z"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_output_kept(built_project, case):
    cfg, before = built_project
    rel, old, new, message, line_text = CASES[case]
    path = cfg.parent.parent / rel
    _edit(path, old, new)
    result = run_cli("build", "--week", "2025-W30", "--config", str(cfg))
    _assert_user_error(result, str(path), message)
    if line_text:
        assert f"{path}:{_line_of(path, line_text)}:" in result.stderr
    else:
        assert re.search(re.escape(str(path)) + r":\d+:", result.stderr)
    _assert_untouched(before)


def test_unknown_key_warns_and_strict_refuses(built_project):
    cfg, before = built_project
    facts = cfg.parent.parent / "facts" / "2025-W30.yaml"
    indent = next(line for line in facts.read_text(encoding="utf-8").splitlines() if "kind: visit" in line)
    indent = indent[: len(indent) - len(indent.lstrip())]
    _edit(facts, "kind: visit\n", f"kind: visit\n{indent}colour: blue\n")
    line = _line_of(facts, "colour: blue")
    ok = run_cli("build", "--week", "2025-W30", "--config", str(cfg))
    assert ok.returncode == 0
    assert f"{facts}:{line}: 'facts[0].colour' unknown key" in ok.stderr
    strict = run_cli("build", "--week", "2025-W30", "--config", str(cfg), "--strict")
    _assert_user_error(strict, f"{facts}:{line}: 'facts[0].colour' unknown key")


def test_every_problem_is_reported_at_once(project):
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    _edit(facts, "themes: [force_buildup]", "themes: [nope]")
    _edit(facts, "counterparts: [abdoulaye-diop]", "counterparts: [nobody]")
    _edit(facts, "date: 2025-07-22", "date: yesterday")
    result = run_cli("check", "--config", str(project))
    _assert_user_error(result, "3 problems", "'nope'", "'nobody'", "'yesterday'")


def test_missing_config_file(tmp_path):
    result = run_cli("build", "--config", str(tmp_path / "nope.yaml"))
    _assert_user_error(result, f"{tmp_path / 'nope.yaml'}: file not found")


def test_missing_gazetteer_names_the_key(project):
    _edit(project, "gazetteer: gazetteer.yaml", "gazetteer: gazeteer.yaml")
    result = run_cli("check", "--config", str(project))
    _assert_user_error(result, f"{project}:{_line_of(project, 'gazeteer.yaml')}: 'paths.gazetteer'", "does not exist")


def test_binary_fact_file(project):
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    facts.write_bytes(b"week: 2025-W30\n\xff\xfe\x00garbage")
    result = run_cli("build", "--week", "2025-W30", "--config", str(project))
    _assert_user_error(result, f"{facts}:2: not UTF-8 text")


def test_unknown_source_in_evidence(project):
    facts = project.parent.parent / "facts" / "2025-W28.yaml"
    _edit(facts, "source: 2025-07-09-courrier-sahel-atallah", "source: no-such-article")
    result = run_cli("build", "--week", "2025-W28", "--config", str(project))
    _assert_user_error(result, "'facts[0].evidence[0].source' unknown source 'no-such-article'")


def test_merged_ids_are_part_of_the_format(project):
    facts = project.parent.parent / "facts" / "2025-W28.yaml"
    indent = next(line for line in facts.read_text(encoding="utf-8").splitlines() if "kind: visit" in line)
    indent = indent[: len(indent) - len(indent.lstrip())]
    _edit(facts, "kind: visit\n", f"kind: visit\n{indent}merged: [statement-mali-2025-w28]\n")
    result = run_cli("check", "--strict", "--config", str(project))
    assert result.returncode == 0, result.stderr
    assert "unknown key" not in result.stderr


def _snapshot(root: Path) -> dict[Path, bytes]:
    """Every file under facts/ and output/ with its bytes."""
    return {p: p.read_bytes() for folder in ("facts", "output") for p in sorted((root / folder).rglob("*"))
            if p.is_file()}


BROKEN_STAKEHOLDERS = {
    # name: (old, new, text on the line that must be named, message)
    "unknown language": ("    language: en\n", "    language: de\n", "language: de",
                         "'stakeholders[1].language' 'de' is not one of: fr, en"),
    "yaml syntax": ("    themes: [security_cooperation, force_buildup]\n", "    themes: [security_cooperation\n",
                    "active: true", "YAML syntax error"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_STAKEHOLDERS))
def test_run_send_checks_everything_before_writing_anything(built_project, case):
    cfg, _ = built_project
    root = cfg.parent.parent
    stakeholders = cfg.parent / "stakeholders.yaml"
    old, new, line_text, message = BROKEN_STAKEHOLDERS[case]
    _edit(stakeholders, old, new)
    before = _snapshot(root)
    assert any(p.parent.name == "2025-W30" for p in before)  # built editions are part of the snapshot
    result = run_cli("run", "--send", "--config", str(cfg))
    _assert_user_error(result, f"{stakeholders}:{_line_of(stakeholders, line_text)}:", message)
    assert "extract:" not in result.stderr  # stopped before extraction rewrites facts/ and output/.cache
    assert _snapshot(root) == before  # same files, same bytes, none added


def test_run_without_send_builds_despite_broken_mailing_settings(project):
    stakeholders = project.parent / "stakeholders.yaml"
    _edit(stakeholders, "    language: en\n", "    language: de\n")
    result = run_cli("run", "--config", str(project))
    assert result.returncode == 0, result.stderr
    assert "'briefgen send' would refuse these mailing settings" in result.stderr
    assert f"{stakeholders}:{_line_of(stakeholders, 'language: de')}: 'stakeholders[1].language'" in result.stderr
    assert (project.parent.parent / "output" / "2025-W30" / "brief.en.pdf").is_file()
    strict = run_cli("run", "--strict", "--config", str(project))  # --strict: an error like any warning
    _assert_user_error(strict, "'stakeholders[1].language' 'de' is not one of: fr, en")


def test_check_reports_broken_delivery_settings_with_the_facts(project):
    delivery = project.parent / "delivery.yaml"
    _edit(delivery, "  port: 2525", "  port: eighty")
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    _edit(facts, "themes: [force_buildup]", "themes: [nope]")
    result = run_cli("check", "--config", str(project))
    _assert_user_error(result, "2 problems",
                       f"{delivery}:{_line_of(delivery, 'port: eighty')}: 'smtp.port' expected a whole number, "
                       "got 'eighty' (text)",
                       f"{facts}:{_line_of(facts, 'themes: [nope]')}: 'facts[5].themes[0]' unknown theme 'nope'")
