"""The declared shapes of config/*.yaml: each problem named by file, line and key, all at once,
through real YAML files of a copy of the bundled example."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from briefgen.app import check
from briefgen.core.config import load_config
from briefgen.core.errors import ConfigError
from briefgen.deliver.settings import load_delivery, load_stakeholders


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    """The first line (not a comment) that has ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line and not line.lstrip().startswith("#"))


def _problems(config: Path, **kw) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        load_config(config, **kw)
    return [str(p) for p in exc.value.problems]


def _has(problems: list[str], path: Path, needle: str, message: str) -> None:
    """One of ``problems`` is ``path:line: 'key' message…`` with the line of ``needle``."""
    where = f"{path}:{_line_of(path, needle)}: "
    assert any(p.startswith(where) and message in p for p in problems), (where, message, problems)


@pytest.fixture
def config(project) -> Path:
    return project.parent


def test_the_bundled_example_is_valid_without_warnings():
    cfg = load_config(ROOT / "config" / "briefgen.yaml", strict=True)
    assert cfg.warnings == ()
    assert cfg.brief.first_edition == "2025-W28" and cfg.languages == ("fr", "en")
    assert cfg.entities["bamako"].place_kind == "city" and cfg.entities["mali"].kind == "state"
    assert cfg.entities["abdoulaye-diop"].name == {"fr": "Abdoulaye Diop", "en": "Abdoulaye Diop"}
    assert cfg.outlets["courrier-sahel"].reliability == "B"
    assert set(cfg.files) == {"project", "brief", "gazetteer", "outlets", "stakeholders", "delivery", "feeds"}


def test_unknown_key_in_a_gazetteer_entry_is_warned_with_its_line(project, config):
    gaz = config / "gazetteer.yaml"
    _edit(gaz, "  mali:\n    kind: state\n", "  mali:\n    kind: state\n    colour: green\n")
    cfg = load_config(project)
    (warning,) = map(str, cfg.warnings)
    assert warning.startswith(f"{gaz}:{_line_of(gaz, 'colour: green')}: 'organisations.mali.colour' unknown key")
    assert "expected one of: name, aliases, acronym, gender, number, article, kind" in warning
    problems = _problems(project, strict=True)
    _has(problems, gaz, "colour: green", "'organisations.mali.colour' unknown key")


def test_unknown_language_is_warned(project, config):
    brief = config / "brief.yaml"
    _edit(brief, "  en: Weekly situation brief — Mali and the Sahel\n",
          "  en: Weekly situation brief — Mali and the Sahel\n  de: Wochenbericht\n")
    (warning,) = map(str, load_config(project).warnings)
    line = _line_of(brief, "de: Wochenbericht")
    assert warning == f"{brief}:{line}: 'title.de' unknown language (configured: fr, en)"


def test_gazetteer_problems(project, config):
    gaz = config / "gazetteer.yaml"
    _edit(gaz, "  mali:\n    kind: state\n", "  mali:\n    kind: country\n")
    _edit(gaz, "lat: 12.609", "lat: 112.6")
    _edit(gaz, "  rudolph-atallah:\n", "  Rudolph Atallah:\n")
    _edit(gaz, "    gender: f\n", "    gender: female\n")
    text = gaz.read_text(encoding="utf-8")
    gaz.write_text(text.replace("\ntopics:\n", "\ntopics:\n  bamako:\n    name: Bamako\n", 1), encoding="utf-8")
    problems = _problems(project)
    _has(problems, gaz, "kind: country",
         "'organisations.mali.kind' 'country' is not one of: organisation, state, armed_group")
    _has(problems, gaz, "lat: 112.6", "'places.bamako.lat' must be between -90 and 90, got 112.6")
    _has(problems, gaz, "Rudolph Atallah:", "'people.Rudolph Atallah' ids are lower-case letters")
    _has(problems, gaz, "gender: female", "'organisations.white-house.gender' 'female' is not one of: m, f")
    assert any(p.endswith("'topics.bamako' id 'bamako' is already used in another section") for p in problems)
    assert len(problems) == 5, problems


def test_project_file_problems(project):
    _edit(project, 'primary_colour: "#1f3a5f"', "primary_colour: navy")
    _edit(project, "languages: [fr, en]", "languages: [fr, de]")
    _edit(project, "  tagged: false", "  tagged: no thanks")
    _edit(project, "  # templates: my-templates", "  templates: brief.yaml")
    problems = _problems(project)
    _has(problems, project, "primary_colour: navy", "'branding.primary_colour' 'navy' is not a colour like #1f3a5f")
    _has(problems, project, "languages: [fr, de]", "'languages[1]' 'de' is not a supported language (fr, en)")
    _has(problems, project, "tagged: no thanks", "'pdf.tagged' expected true or false, got 'no thanks' (text)")
    _has(problems, project, "templates: brief.yaml", "'paths.templates' 'brief.yaml' is not a folder")


def test_a_named_file_that_is_a_folder(project, config):
    (config / "outlets").mkdir()
    _edit(project, "outlets: outlets.yaml", "outlets: outlets")
    problems = _problems(project)
    _has(problems, project, "outlets: outlets", "'paths.outlets' 'outlets' is a folder, expected a file")


def test_brief_problems(project, config):
    brief = config / "brief.yaml"
    second = _line_of(brief, "id: economic_ties")
    _edit(brief, "first_edition: 2025-W28", "first_edition: 2025-W54")
    _edit(brief, "  - id: economic_ties", "  - id: security_cooperation")
    _edit(brief, "      en: Malian force build-up\n", "")
    _edit(brief, "annexes: [key_figures,", "annexes: [key_figure,")
    problems = _problems(project)
    # The week is read by the one week parser: a W54 that 2025 does not have is caught too.
    _has(problems, brief, "first_edition:", "'first_edition' '2025-W54' is not a week of that year")
    assert f"{brief}:{second}: 'themes[1].id' theme 'security_cooperation' is defined twice" in problems
    title = _line_of(brief, "fr: Montée en puissance") - 1
    assert f"{brief}:{title}: 'themes[2].title' has no en title" in problems
    _has(problems, brief, "annexes:", "'annexes[0]' 'key_figure' is not one of: key_figures, map, whos_who")


def test_every_file_is_checked_even_when_the_project_file_has_problems(project, config):
    _edit(project, "tlp: TLP:AMBER", "tlp: AMBER")
    (config / "outlets.yaml").write_text("courrier-sahel:\n  name: Le Courrier\n  reliability: [B\n",
                                         encoding="utf-8")
    _edit(config / "brief.yaml", "key_points: 4", "key_points: 9")
    problems = _problems(project)
    _has(problems, project, "tlp: AMBER", "'tlp' 'AMBER' is not one of: TLP:RED")
    assert any(p.startswith(f"{config / 'outlets.yaml'}:") and "YAML syntax error" in p for p in problems), problems
    _has(problems, config / "brief.yaml", "key_points: 9",
         "'key_points' must be between 2 and 5 (bottom line up front), got 9")


def test_a_blank_value_means_the_default(project):
    _edit(project, "  author: Sahel Watch Desk — analysis cell", "  author:")
    _edit(project, "  logo: ../templates/assets/logo.svg", "  logo:")
    cfg = load_config(project, strict=True)
    assert cfg.author == "Sahel Watch Desk" and cfg.branding.logo is None


def test_outlet_problems(project, config):
    outlets = config / "outlets.yaml"
    _edit(outlets, "  reliability: C\n", "  reliability: c\n")
    _edit(outlets, "  name: Bamako Hebdo\n", "")
    problems = _problems(project)
    _has(problems, outlets, "reliability: c", "'sahel-depeches.reliability' 'c' is not one of: A, B, C, D, E, F")
    _has(problems, outlets, "bamako-hebdo:", "'bamako-hebdo.name' is required")


# -- stakeholders and delivery --------------------------------------------------------------------
def test_mailing_files_load_without_a_password(project, config, monkeypatch):
    monkeypatch.delenv("BRIEFGEN_SMTP_PASSWORD", raising=False)
    _edit(config / "delivery.yaml", "  # username: briefgen", "  username: briefgen")
    cfg = load_config(project)
    settings, warnings = load_delivery(cfg, environ={})
    assert settings.username == "briefgen" and settings.password is None and warnings == []
    assert settings.unsubscribe == ("mailto:unsubscribe@example.org?subject=unsubscribe",
                                    "https://briefs.example.org/unsubscribe?email={email}")
    assert settings.sender == ("Sahel Watch Desk", "briefs@example.org") and settings.port == 2525
    people, _ = load_stakeholders(cfg)
    assert [p.themes for p in people] == [(), (), ("security_cooperation", "force_buildup")]
    assert check(cfg) == ([], [])


def test_mailing_problems_come_with_the_fact_files(project, config):
    stakeholders, delivery = config / "stakeholders.yaml", config / "delivery.yaml"
    _edit(stakeholders, "    themes: [security_cooperation, force_buildup]", "    themes: []\n    vip: true")
    _edit(delivery, "  timeout: 30", "  timeout: 0")
    _edit(delivery, "  host: 127.0.0.1\n", "")
    facts = project.parent.parent / "facts" / "2025-W30.yaml"
    _edit(facts, "themes: [force_buildup]", "themes: [nope]")
    problems, _ = check(load_config(project))
    text = [str(p) for p in problems]
    _has(text, stakeholders, "themes: []", "'stakeholders[2].themes' is empty; leave it out to follow every theme")
    _has(text, delivery, "timeout: 0", "'smtp.timeout' must be more than 0 seconds")
    _has(text, delivery, "smtp:", "'smtp.host' is required (or set BRIEFGEN_SMTP_HOST)")
    _has(text, facts, "themes: [nope]", "unknown theme 'nope'")
    assert len(problems) == 4, text
    with pytest.raises(ConfigError) as exc:  # unknown keys: warnings, errors with --strict
        load_stakeholders(load_config(project), strict=True)
    assert f"{stakeholders}:{_line_of(stakeholders, 'vip: true')}: 'stakeholders[2].vip' unknown key" in str(exc.value)


def test_a_theme_s_kinds_between_states_must_be_kinds_of_fact(project, config):
    brief = config / "brief.yaml"
    _edit(brief, "between_states: [delivery]", "between_states: [delivery, livraison]")
    _has(_problems(project), brief, "between_states:", "'livraison' is not one of")
