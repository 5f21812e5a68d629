"""An edition knows its cut-off, and there is one every week (issue 11, points 2 and 3).

An edition shows only the evidence published on or before its issue date, graded with what was
known then; a fact first reported after its week's edition was issued is told in the next edition
issued after that report. Editions are numbered by issue; a week with nothing to tell gets a quiet
edition. Real WeasyPrint PDFs read through pdftotext, real YAML files in copies of the example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import copy_project, pdf_text, run_cli

W28, W29, W30, W31 = "2025-W28", "2025-W29", "2025-W30", "2025-W31"


def flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def build(cfg: Path, week: str) -> Path:
    result = run_cli("build", "--week", week, "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    return cfg.parent.parent / "output" / week


def texts(folder: Path) -> dict[str, str]:
    return {lang: flat(pdf_text(folder / f"brief.{lang}.pdf")) for lang in ("fr", "en")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


class Editions(dict):
    """Week → {lang: text}: the editions of one copy of the example, built when first asked for."""

    def __init__(self, cfg: Path, read):
        super().__init__()
        self.cfg, self.read = cfg, read

    def __missing__(self, week: str):
        self[week] = self.read(build(self.cfg, week))
        return self[week]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """A copy of the bundled example for the editions of W28 to W31; returns its settings."""
    return copy_project(tmp_path_factory.mktemp("weeks"))


@pytest.fixture(scope="module")
def weeks(example) -> Editions:
    """Its editions as PDF text, per week and language."""
    return Editions(example, texts)


@pytest.fixture(scope="module")
def built_html(example, weeks) -> Editions:
    return Editions(example, lambda folder: {lang: (folder / f"brief.{lang}.html").read_text(encoding="utf-8")
                                             for lang in ("fr", "en")})


# -- point 2: the cut-off ---------------------------------------------------------------------------
LATER_IN_W30 = ("30 Jul 2025", "31 Jul 2025", "1 Aug 2025", "30 juil. 2025", "31 juil. 2025", "1 août 2025")


def test_w30_cites_nothing_published_after_its_issue_date(weeks, built_html):
    """W30 is issued on 28 July: its key points, key figure and sources annex cited articles of 30
    and 31 July and 1 August."""
    for lang, text in weeks[W30].items():
        assert ("issued 28 July 2025" if lang == "en" else "publiée le 28 juillet 2025") in text
        for day in LATER_IN_W30:
            assert day not in text, (lang, day)
        assert ("22 Jul 2025" if lang == "en" else "22 juil. 2025") in text
    for lang, html in built_html[W30].items():  # the sources annex: the later articles' titles are gone
        assert "une première pour le camp militaire de Bougouni" in html
        for title in ("que peut vraiment un gel des avoirs", "dix jours après leur arrivée", "se préparent"):
            assert title not in html, (lang, title)
    en = weeks[W30]["en"]
    # the key figure still cites what was known on 28 July
    assert re.search(r"900 new recruits starting common basic training at Bougouni \(L'Écho de Sikasso, 22 Jul 2025; "
                     r"Sahel Dépêches, 25 Jul 2025\) C2", en), en[:3000]


def test_w28_cites_nothing_later_and_is_graded_with_what_was_known_then(weeks):
    """W28 is issued on 14 July: it cited articles of 23 and 31 July, and graded the visit B1 with
    their corroboration; on 14 July one outlet had it (B2)."""
    en, fr = weeks[W28]["en"], weeks[W28]["fr"]
    for day in ("23 Jul 2025", "31 Jul 2025"):
        assert day not in en
    for day in ("23 juil. 2025", "31 juil. 2025"):
        assert day not in fr
    assert "Rudolph Atallah visited Bamako on 7–8 July 2025. (Le Courrier du Sahel, 9 Jul 2025) B2" in en
    assert "B1" not in en and "B1" not in fr
    assert "Terrorisme : Washington se dit prêt" not in en  # the 23 July article, out of the annex


def _visit_known_only_from_late_reports(desk: Path) -> Path:
    """W28's visit left with the evidence of the 23 and 31 July articles only; returns its fact file."""
    facts = desk / "facts" / f"{W28}.yaml"
    text = facts.read_text(encoding="utf-8")
    visit = text.index("- id: visit-rudolph-atallah")
    first_late = text.index("  - source: 2025-07-23-courrier-sahel-stevens-bamako", visit)
    start = text.index("  evidence:\n", visit) + len("  evidence:\n")
    facts.write_text(text[:start] + text[first_late:], encoding="utf-8")
    return facts


def test_a_fact_first_reported_after_its_week_goes_to_the_next_edition_issued_after_the_report(tmp_path):
    """W28's visit known only from the articles of 23 and 31 July: not in W28 (issued 14 July) nor
    W29 (21 July), told in W30 (28 July) with the 23 July report only; the fact file is unchanged."""
    cfg = copy_project(tmp_path)
    facts = _visit_known_only_from_late_reports(tmp_path)
    check = run_cli("check", "--config", str(cfg))
    assert check.returncode == 0, check.stderr
    before = facts.read_bytes()

    w28, w29, w30 = (texts(build(cfg, w)) for w in (W28, W29, W30))
    assert "Atallah" not in w28["en"] and "Atallah" not in w28["fr"]
    assert "Atallah" not in w29["en"] and "No significant development was reported this week." in w29["en"]
    en, fr = w30["en"], w30["fr"]
    assert "Rudolph Atallah, Senior Deputy Director for Counterterrorism at the White House, visited Bamako on " \
           "7–8 July 2025. (Le Courrier du Sahel, 23 Jul 2025) B2" in en
    assert "First reported on 23 July 2025, after the edition of its week was issued." in en
    assert "Rapporté pour la première fois le 23 juillet 2025, après la parution de l’édition de sa semaine." in fr
    assert "31 Jul 2025" not in en and "31 juil. 2025" not in fr
    assert en.count("Atallah") >= 2 and fr.count("Atallah") >= 2  # told, and in who's who
    # W30's own facts keep the key points (W28's key point was chosen for W28's edition)
    key_points = en[en.index("Key points"):en.index("Key judgments")]
    assert "Atallah" not in key_points and key_points.count("William B. Stevens") == 3
    assert facts.read_bytes() == before  # the analysts' file is left as it is


def test_a_report_after_the_last_cut_off_waits_for_its_edition(tmp_path):
    """W30's training known only from the 1 August follow-up: out of W30, in W31 (issued 4 August)."""
    cfg = copy_project(tmp_path)
    facts = tmp_path / "facts" / f"{W30}.yaml"
    text = facts.read_text(encoding="utf-8")
    training = text.index("- id: training-recruits-bougouni")
    end = text.index("- id: statement-malian-mfa-sovereignty", training)
    block = text[training:end]
    conflicts = block.index("  conflicts:\n")
    evidence = block.index("  evidence:\n")
    first_late = block.index("  - source: 2025-08-01-echo-sikasso-bougouni-suivi")
    block = block[:conflicts] + block[evidence:evidence + len("  evidence:\n")] + block[first_late:]
    facts.write_text(text[:training] + block + text[end:], encoding="utf-8")
    w30, w31 = texts(build(cfg, W30)), texts(build(cfg, W31))
    assert "began six months of training" not in w30["en"]
    assert "Formation commune de base organisée à Bougouni" not in w30["fr"]
    en = w31["en"]
    assert ("On 22 July 2025, 900 recruits from Bamako, Sikasso, Koutiala and Bougouni began six months of "
            "training in Bougouni") in en
    assert "(L'Écho de Sikasso, 1 Aug 2025) C3" in en
    assert "First reported on 1 August 2025" in en
    assert "Edition no. 4 (2025-W31)" in en


# -- point 3: one edition every week -----------------------------------------------------------------
def test_every_week_is_an_edition_numbered_by_issue(weeks):
    numbers = {}
    for week in (W28, W29, W30, W31):
        by_lang = weeks[week]
        numbers[week] = int(re.search(r"Edition no\. (\d+) \(" + week, by_lang["en"]).group(1))
        assert re.search(r"Édition n° %d \(%s\)" % (numbers[week], week), by_lang["fr"])
    assert numbers == {W28: 1, W29: 2, W30: 3, W31: 4}


def test_the_next_edition_promised_is_the_one_issued(weeks):
    """W28 promises the next edition on 21 July: W29 is issued that day, and so on."""
    for week, nxt in ((W28, W29), (W29, W30), (W30, W31)):
        promised = re.search(r"next edition (\d+ \w+ 2025)", weeks[week]["en"]).group(1)
        assert f"issued {promised}" in weeks[nxt]["en"], (week, promised)
        promised = re.search(r"prochaine édition le (\d+ \w+ 2025)", weeks[week]["fr"]).group(1)
        assert f"publiée le {promised}" in weeks[nxt]["fr"], (week, promised)


def test_a_week_without_facts_gets_a_quiet_edition(weeks):
    en, fr = weeks[W29]["en"], weeks[W29]["fr"]
    assert "TLP:AMBER" in en and "TLP:AMBER" in fr and "Page 1 of 1" in en and "Page 1 sur 1" in fr
    assert "covers 14–20 July 2025" in en and "issued 21 July 2025 · next edition 28 July 2025" in en
    assert "couvre la période du 14 au 20 juillet 2025" in fr
    assert "No significant development was reported this week." in en
    assert "Aucun développement significatif n’a été signalé cette semaine." in fr
    for theme in ("Security cooperation", "Economic ties", "Malian force build-up"):
        assert f"{theme} No significant development reported." in en, theme
    assert fr.count("Aucun développement significatif signalé.") == 3
    # the previous edition's watch list, carried forward
    assert "To watch next week Carried forward from edition no. 1 (2025-W28). • Further visits by US officials to " \
           "Bamako." in en
    assert "Repris de l’édition n° 1 (2025-W28). • Nouvelles visites de responsables américains à Bamako." in fr
    assert "Sources" not in en.replace("Sources differ", "")


def test_a_week_whose_facts_are_all_rejected_is_quiet(tmp_path):
    cfg = copy_project(tmp_path)
    facts = tmp_path / "facts" / f"{W31}.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("status: approved", "status: rejected"),
                     encoding="utf-8")
    en = texts(build(cfg, W31))["en"]
    assert "Edition no. 4 (2025-W31)" in en and "No significant development was reported this week." in en
    # its own key judgments stay, and the previous edition's watch list is carried forward
    assert "Key judgments" in en
    assert "An official statement on a regular Mali–US security dialogue." in en
    assert "Carried forward from edition no. 3 (2025-W30)." in en


def test_a_week_before_the_first_edition_is_a_clear_error(project):
    result = run_cli("build", "--week", "2025-W20", "--config", str(project))
    assert result.returncode == 1
    assert "2025-W20 is before the first edition (2025-W28" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project.parent.parent / "output" / "2025-W20").exists()


def test_no_trend_on_edition_one(tmp_path):
    """Edition no. 1 showed a trend "against the previous edition"; check now flags it."""
    cfg = copy_project(tmp_path)
    facts = tmp_path / "facts" / f"{W28}.yaml"
    edit(facts, "analysis:\n", "analysis:\n  trends:\n    security_cooperation: improved\n")
    check = run_cli("check", "--config", str(cfg))
    assert check.returncode == 0, check.stderr
    assert (f"warning: {facts}:5: 'analysis.trends' 2025-W28 is edition no. 1 ('first_edition' in brief.yaml): "
            "there is no previous edition to compare with, so its trends are not shown") in check.stderr
    assert run_cli("check", "--strict", "--config", str(cfg)).returncode == 1
    by_lang = texts(build(cfg, W28))
    assert "Trend against the previous edition" not in by_lang["en"] and "↑" not in by_lang["en"]
    assert "↑" not in by_lang["fr"]
    # from edition 2 on, the analysts' trends are shown
    assert "Trend against the previous edition: improved" in texts(build(cfg, W30))["en"]


# -- point 2: check and time ---------------------------------------------------------------------------
def test_check_flags_evidence_published_before_the_event_it_supports(tmp_path):
    """A week whose fact is backed only by articles published before the event: check accepted it."""
    cfg = copy_project(tmp_path)
    facts = tmp_path / "facts" / f"{W31}.yaml"
    edit(facts, "  date: 2025-07-28\n", "  date: 2025-08-02\n")  # the meeting, reported on 30 July
    check = run_cli("check", "--config", str(cfg))
    assert check.returncode == 1, check.stderr
    lines = facts.read_text(encoding="utf-8").splitlines()
    line = next(n for n, s in enumerate(lines, 1) if s == "  - source: 2025-07-30-bamako-hebdo-sante-commerce")
    assert (f"{facts}:{line}: 'facts[0].evidence[0].source' '2025-07-30-bamako-hebdo-sante-commerce' was published "
            "on 2025-07-30, before the event it supports (fact meeting-amcham-mali-bamako-2025-07-28, dated from "
            "2025-08-02): it cannot report it") in check.stderr
    assert "'facts[0].evidence[1].source'" in check.stderr
    # a proposed fact (extraction may read an announced event as one) is a warning until approved
    edit(facts, "  status: approved\n  themes: [economic_ties]\n  date: 2025-08-02",
         "  status: proposed\n  themes: [economic_ties]\n  date: 2025-08-02")
    check = run_cli("check", "--config", str(cfg))
    assert check.returncode == 0, check.stderr
    assert "warning: " in check.stderr and "before the event it supports" in check.stderr


def test_check_names_every_report_older_than_its_approved_fact(tmp_path):
    from briefgen.app import check
    from briefgen.core.config import load_config

    cfg = copy_project(tmp_path)
    edit(tmp_path / "facts" / f"{W28}.yaml", "date: {start: 2025-07-07, end: 2025-07-08, precision: day}",
         "date: {start: 2025-07-10, end: 2025-07-11, precision: day}")
    problems, _ = check(load_config(cfg))
    assert [p.key for p in problems] == [f"facts[0].evidence[{i}].source" for i in range(4)]


def test_a_quiet_week_is_mailed_as_one(tmp_path):
    """`send --week` of a week without facts builds its quiet edition and says so in the mail."""
    import email
    from email import policy

    cfg = copy_project(tmp_path)
    result = run_cli("send", "--week", W29, "--dry-run", "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    outbox = tmp_path / "output" / W29 / "outbox"
    by_lang = {}
    for path in sorted(outbox.glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        by_lang[msg["Content-Language"]] = (msg["Subject"], flat(msg.get_body(("plain",)).get_content()))
    subject, body = by_lang["en"]
    assert subject.endswith("Edition no. 2 (2025-W29)")
    assert "Key points No significant development was reported this week. The full edition" in body
    subject, body = by_lang["fr"]
    assert "Points clés Aucun développement significatif n’a été signalé cette semaine." in body


def test_an_undated_report_keeps_a_fact_in_its_own_week(tmp_path):
    """An article without a date counts as published (nothing says it came late): the fact it backs
    stays in its week's edition, beside the dated reports of that time."""
    from briefgen.core.config import load_config
    from briefgen.edition.brief import build_brief

    cfg = copy_project(tmp_path)
    _visit_known_only_from_late_reports(tmp_path)
    article = tmp_path / "sources" / "2025-07-31-sahel-depeches-jnim-sanctions.md"
    edit(article, "date: 2025-07-31\n", "")
    config = load_config(cfg)
    w28 = build_brief(config, W28)
    [visit] = [i for i in w28.key_points if i.fact.kind == "visit"]
    assert [s.id for s in visit.sources] == ["2025-07-31-sahel-depeches-jnim-sanctions"] and visit.late is None
    w30 = build_brief(config, W30)
    assert not [i for s in w30.sections for i in s.items if i.fact.id == visit.fact.id]
