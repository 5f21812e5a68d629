"""One bad input is reported, naming its file, line and key, by `check` before `build` would stop on
it, and never with a traceback (issue 12, finding 12): impossible dates, numbers that are not
finite or too large, dates with a time, alias bombs, deep nesting, broken templates, unreadable
fact files. One bad article is a warning naming it; the weeks that do not cite it still build."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import run_cli

ARTICLE = "2025-07-22-echo-sikasso-bougouni-recrues.md"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def _clean(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_impossible_date_in_an_article_is_a_warning_naming_it(project):
    desk = project.parent.parent
    article = desk / "sources" / ARTICLE
    _edit(article, "date: 2025-07-22", "date: 2025-02-30")
    line = _line_of(article, "date: 2025-02-30")
    warning = f"{article}:{line}: 'date' '2025-02-30' is not a date of the calendar"
    check = run_cli("check", "--config", str(project))
    assert warning in _clean(check)
    # a week whose facts do not cite the article still builds, with the warning
    build = run_cli("build", "--week", "2025-W28", "--config", str(project))
    assert build.returncode == 0, build.stderr
    assert warning in _clean(build)
    # the week that cites it is refused by name, without a traceback
    build = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert build.returncode == 1
    assert ARTICLE.removesuffix(".md") in _clean(build)


@pytest.mark.parametrize("old, new, message", [
    ("date: 2025-07-22\n", "date: 2025-02-30\n", "'2025-02-30' is not a date of the calendar"),
    ("date: 2025-07-22\n", "date: 2025-07-22 10:00:00\n", "has a time; expected a date"),
    ("- value: 900\n", "- value: .inf\n", "'.inf' is not a finite number"),
    ("- value: 900\n", "- value: .nan\n", "'.nan' is not a finite number"),
    ("- value: 900\n", "- value: 1.0e+308\n", "is too large for a figure"),
], ids=["impossible-date", "datetime", "inf", "nan", "huge"])
def test_check_reports_what_build_would_stop_on(project, old, new, message):
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    _edit(facts, old, new)
    line = _line_of(facts, new.strip())
    check = run_cli("check", "--config", str(project))
    assert check.returncode == 1
    assert re.search(rf"{re.escape(str(facts))}:{line}: '[^']+' .*{re.escape(message)}", _clean(check)), check.stderr
    build = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert build.returncode == 1
    assert message in _clean(build)


def _bomb(levels: int = 9) -> str:
    out = ['lol0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, levels):
        out.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", ["briefgen.yaml", "brief.yaml", "outlets.yaml", "gazetteer.yaml",
                                  "stakeholders.yaml", "delivery.yaml", "facts"])
def test_alias_bombs_and_deep_nesting_are_refused(project, name):
    desk = project.parent.parent
    path = desk / "facts" / "2025-W30.yaml" if name == "facts" else desk / "config" / name
    original = path.read_text(encoding="utf-8")
    for text, message in ((original + _bomb(), "aliases expand to more than"),
                          (original + "deep: " + "[" * 900 + "]" * 900 + "\n", "nested more than")):
        path.write_text(text, encoding="utf-8")
        check = run_cli("check", "--config", str(project))
        assert check.returncode == 1
        assert f"{path}:" in _clean(check) and message in check.stderr, check.stderr


def test_alias_bomb_in_front_matter_skips_the_article(project):
    article = project.parent.parent / "sources" / ARTICLE
    _edit(article, "---\ntitle:", "---\n" + _bomb() + "title:")
    check = run_cli("check", "--config", str(project))
    assert f"warning: {article}:" in _clean(check) and "aliases expand to more than" in check.stderr


def test_template_errors_are_reported_by_check(project):
    desk = project.parent.parent
    folder = desk / "config" / "my-templates"
    folder.mkdir()
    _edit(project, "# templates: my-templates", "templates: my-templates")
    from conftest import ROOT
    html = (ROOT / "templates" / "brief.html.j2").read_text(encoding="utf-8")
    (folder / "brief.html.j2").write_text(html.replace("<body", "{{ no_such_name }}<body", 1), encoding="utf-8")
    (folder / "email.txt.j2").write_text("Hello\n{% if %}\n", encoding="utf-8")
    line = _line_of(folder / "brief.html.j2", "no_such_name")
    check = run_cli("check", "--config", str(project))
    assert check.returncode == 1
    err = _clean(check)
    assert f"{folder / 'brief.html.j2'}:{line}: 'no_such_name' undefined name" in err
    assert f"{folder / 'email.txt.j2'}:2: template syntax error" in err
    # an attribute only rendering can find: build names the template line
    (folder / "email.txt.j2").unlink()
    (folder / "brief.html.j2").write_text(html.replace("<body", "{{ brief.no_such_field }}<body", 1),
                                          encoding="utf-8")
    build = run_cli("build", "--week", "2025-W30", "--config", str(project))
    assert build.returncode == 1
    assert f"{folder / 'brief.html.j2'}:{line}: " in _clean(build) and "no_such_field" in build.stderr


@pytest.mark.parametrize("kind", ["link-loop", "not-utf8"])
def test_extract_reports_an_unreadable_fact_file(project, kind):
    facts = project.parent.parent / "facts" / "2025-W31.yaml"
    facts.unlink()
    if kind == "link-loop":
        os.symlink(facts.name, facts)
        message = f"{facts}: cannot be read"
    else:
        facts.write_bytes(b"week: 2025-W31\n# caf\xe9\n")
        message = f"{facts}:2: not UTF-8 text"
    result = run_cli("extract", "--config", str(project))
    assert result.returncode == 1
    assert message in _clean(result)
