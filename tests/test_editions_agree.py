"""Both editions say the same things, and tailored editions say so (issue 11, points 6 and 7).

Real YAML in a copy of the bundled project, the real CLI, real WeasyPrint PDFs read through
pdftotext, the messages of `send --dry-run` read back from the outbox."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import yaml
from conftest import copy_project, pdf_text, run_cli

W30, W31 = "2025-W30", "2025-W31"


def flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def facts_of(cfg: Path, week: str) -> Path:
    return cfg.parent.parent / "facts" / f"{week}.yaml"


def rewrite(path: Path, change) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return data


def build(cfg: Path, week: str) -> Path:
    result = run_cli("build", "--week", week, "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    return cfg.parent.parent / "output" / week


def stakeholders(cfg: Path, *entries: str) -> None:
    (cfg.parent / "stakeholders.yaml").write_text(
        "stakeholders:\n" + "".join(f"  - {e}\n" for e in entries), encoding="utf-8")


def outbox(cfg: Path, week: str, tmp: Path) -> dict[str, tuple]:
    """`send --dry-run`: recipient → (subject, plain body, attachment name, attachment text)."""
    result = run_cli("send", "--week", week, "--dry-run", "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    out = {}
    for path in sorted((cfg.parent.parent / "output" / week / "outbox").glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        pdf = msg.get_payload()[1]
        part = tmp / "part.pdf"
        part.write_bytes(pdf.get_content())
        out[msg["To"].addresses[0].addr_spec] = (flat(msg["Subject"]), flat(msg.get_body(("plain",)).get_content()),
                                                 pdf.get_filename(), flat(pdf_text(part)))
    return out


AMINATA = "{name: Aminata Coulibaly, email: aminata@example.org, language: fr}"
MARIAM = "{name: Mariam Diallo, email: mariam@example.org, language: fr, themes: [force_buildup]}"
REED = "{name: Jonathan Reed, email: jreed@example.org, language: en, themes: [force_buildup]}"


# -- point 6: both editions say the same things ------------------------------------------------
def test_a_missing_translation_stops_the_build_with_file_line_and_key(tmp_path):
    """The issue's case: without analysis.key_judgments.en the build exited 0 and the English edition
    dropped "Key judgments" while the French one kept them."""
    cfg = copy_project(tmp_path)
    facts = facts_of(cfg, W30)
    rewrite(facts, lambda d: d["analysis"]["key_judgments"].pop("en"))
    line = facts.read_text(encoding="utf-8").splitlines().index("  key_judgments:") + 1
    message = (f"{facts}:{line}: 'analysis.key_judgments.en' missing translation: no en text, so the en edition "
               "would not say what the fr edition says")
    check = run_cli("check", "--config", str(cfg))
    assert check.returncode == 0 and message in check.stderr, check.stderr  # check lists it…
    result = run_cli("build", "--week", W30, "--config", str(cfg))
    assert result.returncode == 1, result.stderr  # …and build stops on it
    assert f"error: {message}" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "output" / W30 / "brief.fr.pdf").exists()  # neither edition written


def test_a_missing_summary_or_watch_translation_stops_the_build(tmp_path):
    cfg = copy_project(tmp_path)
    facts = facts_of(cfg, W30)

    def drop(d):
        d["analysis"]["summaries"]["force_buildup"].pop("en")
        d["analysis"]["watch"].pop("en")

    rewrite(facts, drop)
    result = run_cli("build", "--week", W30, "--config", str(cfg))
    assert result.returncode == 1
    assert "'analysis.summaries.force_buildup.en' missing translation: no en summary" in result.stderr
    assert "'analysis.watch.en' missing translation: no en watch list" in result.stderr

    rewrite(facts, lambda d: d["analysis"].update(watch={"fr": ["Un point.", "Un autre."], "en": ["One item."]}))
    result = run_cli("check", "--config", str(cfg))
    assert "'analysis.watch.en' missing translation: no en watch item beyond the first 1" in result.stderr


def test_entity_acronyms_follow_the_edition_language(tmp_path):
    """ISGS in English (body, glossary), EIGS in French: before, the English body and glossary said
    EIGS while the analysts' English summary said ISGS."""
    out = build(copy_project(tmp_path), W30)
    en, fr = flat(pdf_text(out / "brief.en.pdf")), flat(pdf_text(out / "brief.fr.pdf"))
    assert "JNIM, ISGS and Al-Qaeda" in en  # the analysts' summary…
    assert "Islamic State in the Greater Sahara (ISGS)" in en  # …the generated sentence…
    assert "ISGS Islamic State in the Greater Sahara" in en  # …and the glossary agree
    assert "(EIGS)" not in en and "EIGS Islamic State" not in en
    assert "État islamique dans le Grand Sahara (EIGS)" in fr and "EIGS État islamique dans le Grand Sahara" in fr
    assert "(ISGS)" not in fr and "ISGS État islamique" not in fr
    # The French quote is the speaker's words: it keeps its own acronym, with the analyst's translation beside it.
    assert "l’EIGS font peser" in en and "JNIM and ISGS pose a direct threat" in en


# -- point 7: tailored editions say so -----------------------------------------------------------
TAGGED_JUDGMENTS = [
    {"text": {"fr": "Jugement commun à tous les thèmes.", "en": "A judgment for every theme."}},
    {"text": {"fr": "Jugement sur les liens économiques.", "en": "A judgment on economic ties."},
     "themes": ["economic_ties"]},
    {"text": {"fr": "Jugement sur la montée en puissance.", "en": "A judgment on the force build-up."},
     "themes": ["force_buildup"]},
]
TAGGED_WATCH = [
    {"text": {"fr": "Point à suivre sur le commerce.", "en": "A trade item to watch."}, "themes": ["economic_ties"]},
    {"text": {"fr": "Point à suivre sur les recrues.", "en": "A recruits item to watch."}, "themes": ["force_buildup"]},
    {"text": {"fr": "Point à suivre pour tous.", "en": "An item to watch for all."}},
]


def tag(d):
    d["analysis"]["key_judgments"] = TAGGED_JUDGMENTS
    d["analysis"]["watch"] = TAGGED_WATCH


def test_a_tailored_edition_says_so_and_keeps_only_its_themes(tmp_path):
    cfg = copy_project(tmp_path)
    rewrite(facts_of(cfg, W30), tag)
    stakeholders(cfg, AMINATA, MARIAM, REED)
    mails = outbox(cfg, W30, tmp_path)

    subject, body, name, pdf = mails["mariam@example.org"]
    # In the subject, the mail and the file name…
    assert subject.endswith("(2025-W30) · Édition personnalisée : Montée en puissance des forces maliennes")
    assert "Édition personnalisée : Montée en puissance des forces maliennes" in body
    assert "L’édition personnalisée selon vos thèmes est jointe en PDF : " in body
    assert "édition complète" not in body
    assert name == "brief-2025-W30-fr-tailored-force_buildup.pdf"
    # …and in the edition itself.
    assert "Édition personnalisée : Montée en puissance des forces maliennes" in pdf
    # Judgments and watch items of other themes are left out; untagged ones and its own stay.
    assert "Jugement commun à tous les thèmes." in pdf and "Jugement sur la montée en puissance." in pdf
    assert "Point à suivre pour tous." in pdf and "Point à suivre sur les recrues." in pdf
    assert "Jugement sur les liens économiques." not in pdf and "Point à suivre sur le commerce." not in pdf

    subject, body, name, pdf = mails["jreed@example.org"]
    assert subject.endswith("(2025-W30) · Tailored edition: Malian force build-up") and "The edition tailored" in body
    assert name == "brief-2025-W30-en-tailored-force_buildup.pdf" and "A judgment on economic ties." not in pdf

    subject, body, name, pdf = mails["aminata@example.org"]  # the full edition has them all, and says nothing
    assert "personnalisée" not in subject + body + pdf and name == "brief-2025-W30-fr.pdf"
    assert "L’édition complète est jointe en PDF" in body
    for text in ("Jugement sur les liens économiques.", "Jugement sur la montée en puissance.",
                 "Point à suivre sur le commerce.", "Point à suivre pour tous."):
        assert text in pdf, text


def test_an_unknown_key_in_a_tagged_item_is_reported(tmp_path):
    cfg = copy_project(tmp_path)
    facts = facts_of(cfg, W30)
    rewrite(facts, lambda d: d["analysis"].update(watch=[{"text": "À suivre.", "theme": ["force_buildup"]}]))
    result = run_cli("check", "--strict", "--config", str(cfg))
    assert result.returncode == 1 and "'analysis.watch[0].theme' unknown key (expected one of: text, themes)" \
        in result.stderr, result.stderr
    rewrite(facts, lambda d: d["analysis"].update(watch=[{"text": "À suivre.", "themes": ["weather"]}]))
    result = run_cli("check", "--config", str(cfg))
    assert result.returncode == 1 and "'analysis.watch[0].themes[0]' unknown theme 'weather'" in result.stderr


def test_nothing_in_your_themes_is_a_short_note_not_the_full_edition(tmp_path):
    """W31 tells nothing about the force build-up: Mariam, who follows only that theme, used to get
    the full edition without a word; now a short note says there is nothing in her themes."""
    cfg = copy_project(tmp_path)
    stakeholders(cfg, AMINATA, MARIAM)
    mails = outbox(cfg, W31, tmp_path)
    subject, body, name, pdf = mails["mariam@example.org"]
    assert "Rien n’a été signalé dans vos thèmes cette semaine." in body
    assert "Rien n’a été signalé dans vos thèmes cette semaine." in pdf
    assert "Montée en puissance des forces maliennes Aucun développement significatif signalé." in pdf
    assert name == "brief-2025-W31-fr-tailored-force_buildup.pdf" and "Édition personnalisée" in subject
    full = mails["aminata@example.org"][3]
    for other in ("Coopération sécuritaire", "Liens économiques"):  # the full edition's sections are not there
        assert other in full and other not in pdf, other


def test_a_theme_with_no_facts_says_so_in_one_line(tmp_path):
    """W31 has no fact about the force build-up: the theme used to vanish from the edition."""
    out = build(copy_project(tmp_path), W31)
    en, fr = flat(pdf_text(out / "brief.en.pdf")), flat(pdf_text(out / "brief.fr.pdf"))
    assert "Malian force build-up No significant development reported." in en
    assert "Montée en puissance des forces maliennes Aucun développement significatif signalé." in fr


def test_a_retired_theme_needs_no_edit_of_old_fact_files(tmp_path):
    cfg = copy_project(tmp_path)
    brief = cfg.parent / "brief.yaml"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("  - id: economic_ties\n", "  - id: economic_ties\n    retired: true\n"),
                     encoding="utf-8")
    check = run_cli("check", "--strict", "--config", str(cfg))  # the fact files still name it: accepted
    assert check.returncode == 0, check.stderr
    out = build(cfg, W30)
    en = flat(pdf_text(out / "brief.en.pdf"))
    assert "Economic ties" not in en and "announced the creation of the American Chamber" not in en
    # A fact filed under a retired theme and another one is told under the other.
    assert "William B. Stevens" in en and "Security cooperation" in en
