"""The review desk over HTTP: the real server (``briefgen serve`` in its own process on 127.0.0.1) and
a plain HTTP client. Safety (CSRF, Host, token, traversal), conflicts, and decisions written to the
fact file as the CLI writes it (comments kept, validated)."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import run_cli
from desk_server import DeskServer

from briefgen.core.config import load_config
from briefgen.facts import review

WEEK = "2025-W30"
VISIT = "visit-william-stevens-bamako-2025-07-21"
MEETING = "meeting-william-stevens-abdoulaye-diop-2025-07-21"
AMCHAM = "announcement-amcham-mali-2025-07-22"
STATEMENT = "statement-william-stevens-counter-terrorism-2025-07-22"
SANCTION = "sanction-united-states-jnim-eigs-al-qaida-2025-07-22"


def _facts(cfg) -> dict:
    data = yaml.safe_load((cfg.parent.parent / "facts" / f"{WEEK}.yaml").read_text(encoding="utf-8"))
    return {f["id"]: f for f in data["facts"]}


def _commented(cfg):
    """The week's file with an analyst's comments beside a key and between two facts."""
    path = cfg.parent.parent / "facts" / f"{WEEK}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"- id: {STATEMENT}\n", f"# analyst: check the wording with the embassy\n- id: {STATEMENT}\n")
    text = text.replace(f"- id: {VISIT}\n", f"- id: {VISIT}  # the week's main event\n")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def desk(project):
    with DeskServer(project, WEEK) as server:
        yield server


def test_a_decision_is_written_like_the_cli_writes_it(project):
    path = _commented(project)
    with DeskServer(project, WEEK) as desk:
        version, csrf, html = desk.page()
        assert VISIT in html and "Approve" not in html  # the panel comes with a fact, not the page
        r = desk.decide(csrf, {"action": "status", "fact": STATEMENT, "status": "rejected",
                               "note": "said the week before", "version": version})
        assert r.status == 200, r.text
        assert r.json()["version"] == review.file_version(path)
        text = path.read_text(encoding="utf-8")
        assert "# analyst: check the wording with the embassy\n" in text
        assert f"- id: {VISIT}  # the week's main event\n" in text
        assert text.startswith("# Facts of ISO week 2025-W30")
        fact = _facts(project)[STATEMENT]
        assert fact["status"] == "rejected" and fact["notes"] == "said the week before"
        # the file is one `check` accepts
        assert run_cli("check", "--config", str(project)).returncode == 0


def test_writes_without_the_csrf_token_are_refused(desk, project):
    path = project.parent.parent / "facts" / f"{WEEK}.yaml"
    before = path.read_bytes()
    version, csrf, _ = desk.page()
    decision = {"action": "status", "fact": VISIT, "status": "rejected", "version": version}
    assert desk.decide(None, decision).status == 403
    assert desk.decide("not-the-token", decision).status == 403
    assert desk.decide(csrf[:-1], decision).status == 403
    r = desk.request("POST", f"/week/{WEEK}/pdf", body=b"{}", headers={"Content-Type": "application/json"})
    assert r.status == 403
    assert path.read_bytes() == before
    # a token of another process is not this one's
    with DeskServer(project, WEEK) as other:
        _, other_csrf, _ = other.page()
        assert other_csrf != csrf
        assert desk.decide(other_csrf, decision).status == 403
    assert path.read_bytes() == before


def test_no_cookie_is_set_and_pages_carry_a_strict_policy(desk):
    r = desk.request("GET", f"/week/{WEEK}")
    assert "set-cookie" not in r.headers
    assert "script-src 'self'" in r.headers["content-security-policy"]
    preview = desk.request("GET", f"/week/{WEEK}/preview/fr")
    assert preview.status == 200 and "default-src 'none'" in preview.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "", "localhost.evil:{port}"])
def test_a_foreign_host_header_is_refused(desk, host):
    r = desk.request("GET", f"/week/{WEEK}", host=host.format(port=desk.port))
    assert r.status == 400, r.status
    assert desk.request("GET", f"/week/{WEEK}", host=f"localhost:{desk.port}").status == 200
    assert desk.request("GET", f"/week/{WEEK}").status == 200


def test_another_address_needs_a_token(project):
    r = run_cli("serve", "--config", str(project), "--host", "0.0.0.0", "--port", "1")
    assert r.returncode == 1
    assert "--token" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("serve", "--config", str(project), "--host", "0.0.0.0", "--port", "1", "--token", "short")
    assert r.returncode == 1 and "16 characters" in r.stderr
    r = run_cli("serve", "--config", str(project), "--week", "2025-W99")
    assert r.returncode == 1 and "not an ISO week" in r.stderr


def test_a_desk_with_a_token_answers_only_with_it(project):
    token = "a-long-enough-secret-for-tests"
    with DeskServer(project, WEEK, token=token) as desk:
        assert desk.request("GET", f"/week/{WEEK}").status == 401
        assert desk.request("GET", f"/week/{WEEK}?token=wrong-secret-of-the-same-size").status == 401
        assert desk.request("GET", f"/week/{WEEK}/preview/fr").status == 401
        version, csrf, html = desk.page()  # ?token=
        assert desk.request("GET", f"/week/{WEEK}", headers={"X-Desk-Token": token}).status == 200
        r = desk.decide(csrf, {"action": "status", "fact": VISIT, "status": "approved", "version": version})
        assert r.status == 200, r.text


@pytest.mark.parametrize("path", [
    f"/week/{WEEK}/article/..%2F..%2Fconfig%2Fbriefgen",
    f"/week/{WEEK}/article/../../config/briefgen.yaml",
    f"/week/{WEEK}/article/%2e%2e%2fconfig",
    f"/week/{WEEK}/fact/..%2F..%2Fetc%2Fpasswd",
    "/week/..%2F..%2Fconfig%2Fbriefgen",
    "/week/2025-W99",
    f"/week/{WEEK}%2F..%2F..",
    "/static/..%2Fserver.py",
    "/static/../server.py",
    "/static/%2e%2e/views.py",
    f"/week/{WEEK}/preview/..%2F..%2Fconfig",
    f"/week/{WEEK}/pdf/..%2Fbrief.fr",
])
def test_traversal_is_refused(desk, path):
    r = desk.request("GET", path)
    assert r.status in (400, 404), (r.status, r.text[:200])
    assert "organisation" not in r.text and "def " not in r.text


def test_an_article_of_sources_is_served_escaped(desk, project):
    src = project.parent.parent / "sources" / "2025-07-24-bamako-hebdo-visite-americaine.md"
    src.write_text(src.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    r = desk.request("GET", f"/week/{WEEK}/article/2025-07-24-bamako-hebdo-visite-americaine")
    assert r.status == 200
    assert "<script>alert" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_bad_fact_ids_and_decisions_are_refused_with_the_file_unchanged(desk, project):
    path = project.parent.parent / "facts" / f"{WEEK}.yaml"
    before = path.read_bytes()
    version, csrf, _ = desk.page()
    for decision, code in [
        ({"action": "status", "fact": "../../config/briefgen", "status": "approved"}, 400),
        ({"action": "status", "fact": "no-such-fact", "status": "approved"}, 400),
        ({"action": "status", "fact": VISIT, "status": "maybe"}, 400),
        ({"action": "themes", "fact": VISIT, "themes": ["unknown_theme"]}, 400),
        ({"action": "date", "fact": VISIT, "start": "21/07/2025"}, 400),
        ({"action": "explode", "fact": VISIT}, 400),
        ({"action": "key_figure", "fact": VISIT, "quantity": 7}, 400),  # validated by facts.load
    ]:
        r = desk.decide(csrf, dict(decision, version=version))
        assert r.status == code, (decision, r.status, r.text)
        assert "error" in r.json()
    r = desk.request("POST", f"/week/{WEEK}/decide", body=b"status=approved",
                     headers={"X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 415
    assert path.read_bytes() == before


def test_a_file_changed_on_disk_is_not_overwritten(desk, project):
    path = project.parent.parent / "facts" / f"{WEEK}.yaml"
    version, csrf, _ = desk.page()
    # an analyst's editor saves the file between the page load and the decision
    edited = path.read_text(encoding="utf-8").replace("status: approved", "status: approved  # seen", 1)
    path.write_text(edited, encoding="utf-8")
    r = desk.decide(csrf, {"action": "status", "fact": VISIT, "status": "rejected", "version": version})
    assert r.status == 409
    assert "changed on disk" in r.json()["error"] and "nothing written" in r.json()["error"]
    assert r.json()["version"] == review.file_version(path) != version
    assert path.read_text(encoding="utf-8") == edited
    # the page offers to reload: with the new version the decision goes through
    state = desk.request("GET", f"/week/{WEEK}/state").json()
    assert state["version"] == r.json()["version"]
    r = desk.decide(csrf, {"action": "status", "fact": VISIT, "status": "rejected", "version": state["version"]})
    assert r.status == 200
    text = path.read_text(encoding="utf-8")
    assert "# seen" in text and _facts(project)[VISIT]["status"] == "rejected"


def test_two_tabs_never_lose_each_others_changes(desk, project):
    v1, csrf, _ = desk.page()
    v2, _, _ = desk.page()
    assert v1 == v2
    r = desk.decide(csrf, {"action": "text", "fact": STATEMENT, "lang": "fr", "text": "Texte de l'onglet 1.",
                           "version": v1})
    assert r.status == 200
    r2 = desk.decide(csrf, {"action": "text", "fact": STATEMENT, "lang": "fr", "text": "Texte de l'onglet 2.",
                            "version": v2})
    assert r2.status == 409
    assert _facts(project)[STATEMENT]["text"]["fr"] == "Texte de l'onglet 1."


def test_every_decision_of_the_review_loop(desk, project):
    path = _commented(project)
    version, csrf, _ = desk.page()

    def decide(**decision):
        nonlocal version
        r = desk.decide(csrf, dict(decision, version=version))
        assert r.status == 200, (decision, r.text)
        version = r.json()["version"]
        return r.json()

    decide(action="status", fact=VISIT, status="approved")
    decide(action="text", fact=STATEMENT, lang="en", text="The envoy said Washington stood ready.")
    decide(action="key_point", fact=MEETING, on=True)
    decide(action="themes", fact=MEETING, themes=["economic_ties", "security_cooperation"])
    decide(action="date", fact=MEETING, start="2025-07-22", end="", precision="day")
    decide(action="notes", fact=MEETING, notes="confirmed by the ministry")
    decide(action="merge", fact=MEETING, other=AMCHAM)
    facts = _facts(project)
    assert AMCHAM not in facts and facts[MEETING]["merged"] == [AMCHAM]
    assert facts[MEETING]["key_point"] is True and facts[MEETING]["themes"] == ["economic_ties", "security_cooperation"]
    assert str(facts[MEETING]["date"]) == "2025-07-22" and facts[MEETING]["notes"] == "confirmed by the ministry"
    assert facts[STATEMENT]["text"]["en"] == "The envoy said Washington stood ready."
    n = len(facts[VISIT]["evidence"])
    assert n > 1
    new = decide(action="split", fact=VISIT, evidence=[n - 1])["result"]
    facts = _facts(project)
    assert new == f"{VISIT}-2" and facts[new]["status"] == "proposed" and len(facts[new]["evidence"]) == 1
    assert len(facts[VISIT]["evidence"]) == n - 1 and facts[new]["kind"] == facts[VISIT]["kind"]
    decide(action="analysis", part="outlook", lang="fr", text="Les **annonces** restent à confirmer.")
    decide(action="analysis", part="trends", theme="economic_ties", text="unchanged")
    decide(action="analysis", part="watch", lang="en", text="- A first investors' meeting\n- A dialogue statement")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["analysis"]["outlook"]["fr"] == "Les **annonces** restent à confirmer."
    assert data["analysis"]["trends"]["economic_ties"] == "unchanged"
    assert data["analysis"]["watch"]["en"] == ["A first investors' meeting", "A dialogue statement"]
    text = path.read_text(encoding="utf-8")
    assert "# analyst: check the wording with the embassy\n" in text and "# the week's main event" in text
    cfg = load_config(project)
    assert run_cli("check", "--config", str(project)).returncode == 0
    assert review.file_version(cfg.facts_dir / f"{WEEK}.yaml") == version


def test_the_preview_is_the_edition_and_follows_each_save(desk, project):
    version, csrf, _ = desk.page()
    before = desk.request("GET", f"/week/{WEEK}/preview/fr").text
    assert "<html" in before and "TLP:AMBER" in before
    r = desk.decide(csrf, {"action": "analysis", "part": "outlook", "lang": "fr", "version": version,
                           "text": "Perspective <script>alert(1)</script> revue au bureau."})
    assert r.status == 200
    after = desk.request("GET", f"/week/{WEEK}/preview/fr").text
    assert "revue au bureau" in after and "revue au bureau" not in before
    assert "<script>alert" not in after  # analysts' Markdown is rendered as the editions render it
    state = desk.request("GET", f"/week/{WEEK}/state").json()
    assert state["version"] == r.json()["version"] and isinstance(state["problems"], list)


def test_check_problems_of_the_week_are_listed(desk, project):
    version, csrf, _ = desk.page()
    r = desk.decide(csrf, {"action": "text", "fact": STATEMENT, "lang": "en", "text": "", "version": version})
    assert r.status == 200
    problems = desk.request("GET", f"/week/{WEEK}/state").json()["problems"]
    missing = [p for p in problems if "missing translation" in p]
    assert missing and all(re.match(r"facts/2025-W30\.yaml:\d+: '", p) for p in missing), problems
    # the edition cannot be built without it: the preview says why instead of an edition
    preview = desk.request("GET", f"/week/{WEEK}/preview/en").text
    assert "missing translation" in preview


def test_the_pdfs_are_built_by_the_build_code_and_served(desk, project):
    _, csrf, _ = desk.page()
    assert desk.request("GET", f"/week/{WEEK}/pdf/fr").status == 404
    r = desk.request("POST", f"/week/{WEEK}/pdf", body=b"{}",
                     headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"})
    assert r.status == 200, r.text
    links = r.json()["pdfs"]
    assert set(links) == {"fr", "en"}
    pdf = desk.request("GET", links["fr"])
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body == (project.parent.parent / "output" / WEEK / "brief.fr.pdf").read_bytes()
    assert json.loads((project.parent.parent / "output" / WEEK / "edition.json").read_text())


def test_serve_help_explains_every_option():
    r = run_cli("serve", "--help")
    assert r.returncode == 0
    for option in ("--week", "--host", "--port", "--token", "--config"):
        assert option in r.stdout


def test_a_deleted_fact_takes_no_comment_with_it():
    from briefgen.facts import roundtrip as rt

    text = "# top\nfacts:\n- id: a\n  kind: visit  # beside\n# about b\n- id: b\n  kind: meeting\n# about c\n" \
           "- id: c\n  kind: other\n# end\n"
    first = rt.load(text)
    rt.delete(first.data["facts"], 0)
    assert first.dumps() == "# top\nfacts:\n# about b\n- id: b\n  kind: meeting\n# about c\n- id: c\n  kind: other\n# end\n"
    middle = rt.load(text)
    rt.delete(middle.data["facts"], 1)
    assert middle.dumps() == ("# top\nfacts:\n- id: a\n  kind: visit  # beside\n# about b\n# about c\n- id: c\n"
                              "  kind: other\n# end\n")
    last = rt.load(text)
    rt.delete(last.data["facts"], 2)
    assert "# end" in last.dumps() and "id: c" not in last.dumps()


@pytest.mark.parametrize("layout", ["as bundled", "indented list", "windows line ends"])
def test_a_decision_on_one_fact_writes_what_the_whole_file_round_trip_writes(tmp_path, layout):
    """The desk round-trips only the entry of the fact a decision touches and splices it back:
    the file must come out byte for byte as the whole-file round trip writes it."""
    from conftest import copy_project

    results, originals = [], []
    for how in ("whole", "spliced"):
        cfg_path = copy_project(tmp_path / how)
        path = _commented(cfg_path)
        text = path.read_text(encoding="utf-8")
        if layout == "indented list":
            head, facts = text.split("\nfacts:\n", 1)
            text = head + "\nfacts:\n" + "".join("  " + line if line.strip() else line
                                                for line in facts.splitlines(keepends=True))
        elif layout == "windows line ends":
            text = text.replace("\n", "\r\n")
        path.write_bytes(text.encode("utf-8"))
        originals.append(text)
        cfg = load_config(cfg_path)
        only = (lambda *ids: ids) if how == "spliced" else (lambda *ids: ())
        for fact, change in [
            (VISIT, lambda d: review.set_status(d, VISIT, "rejected", "a duplicate")),
            (STATEMENT, lambda d: review.set_text(d, STATEMENT, "fr", "Un texte revu\nsur deux lignes.")),
            (MEETING, lambda d: review.set_themes(d, MEETING, ["economic_ties"])),
            (MEETING, lambda d: review.set_date(d, MEETING, "2025-07-22", "2025-07-23", "day")),
            (AMCHAM, lambda d: review.set_key_point(d, AMCHAM, False)),
            (STATEMENT, lambda d: review.set_notes(d, STATEMENT, "to check")),
            ("statement-united-states-2025-07-22",
             lambda d: review.set_status(d, "statement-united-states-2025-07-22", "approved")),
        ]:
            review.edit_week(cfg, WEEK, change, only=only(fact))
        results.append(path.read_bytes())
    if layout == "indented list":
        # ruamel.yaml writes a whole file with one indentation, that of its first block list (the
        # analysis' watch list here): the whole-file round trip re-indents the facts; the splice
        # leaves every untouched line as it was
        assert yaml.safe_load(results[0]) == yaml.safe_load(results[1])
        untouched = originals[1].split(f"  - id: {SANCTION}\n")[1].split(f"  - id: {MEETING}")[0]
        assert f"  - id: {SANCTION}\n{untouched}" in results[1].decode("utf-8")
        assert f"  - id: {SANCTION}\n{untouched}" not in results[0].decode("utf-8")
    else:
        assert results[0] == results[1]
    assert b"a duplicate" in results[0] and b"# analyst: check the wording with the embassy" in results[0]


PROPOSALS = """\
# Names found in the articles that config/gazetteer.yaml does not have yet.

people:
  # seen in: 2025-07-24-bamako-hebdo-visite-americaine
  # facts waiting for it: statement-aminata-kone-2025-w30
  aminata-kone:
    name: "Aminata Koné"
    gender: f
    role:
      fr: "directrice de la Chambre de commerce de Bamako"
      # en: the role in this language

places:
  # seen in: 2025-07-22-echo-sikasso-bougouni-recrues
  san:
    kind: city   # or region, country, site
    name: "San"
    # lat: …   # for the locator map
    # lon: …
"""


def test_a_gazetteer_proposal_is_accepted_from_the_desk(project):
    out = project.parent.parent / "output"
    out.mkdir()
    (out / "gazetteer-proposals.yaml").write_text(PROPOSALS, encoding="utf-8")
    gazetteer = project.parent / "gazetteer.yaml"
    before = gazetteer.read_bytes()
    with DeskServer(project, WEEK) as desk:
        version, csrf, html = desk.page()
        assert "aminata-kone" in html and "facts waiting for it: statement-aminata-kone-2025-w30" in html
        gversion = re.search(r'name="gazetteer_version" value="(\w+)"', html).group(1)
        accept = {"action": "gazetteer", "section": "people", "entity": "aminata-kone", "version": version,
                  "gazetteer_version": gversion}
        # an entry that would not validate: refused, nothing written
        r = desk.decide(csrf, dict(accept, body="name: Aminata Koné\ngender: x\n"))
        assert r.status == 400 and "gazetteer.yaml" in r.json()["error"] and "gender" in r.json()["error"]
        assert gazetteer.read_bytes() == before
        body = ('name: "Aminata Koné"\ngender: f\nrole:\n  fr: "directrice de la Chambre de commerce de Bamako"\n'
                "  en: Director of the Bamako Chamber of Commerce   # checked with the embassy\n")
        r = desk.decide(csrf, dict(accept, body=body))
        assert r.status == 200, r.text
        text = gazetteer.read_text(encoding="utf-8")
        inserted = "  aminata-kone:\n" + "".join(f"    {line}\n" for line in body.rstrip("\n").split("\n"))
        assert inserted in text and "# checked with the embassy" in text
        # the entry is added at the end of its section; every other byte of the gazetteer is as it was
        assert text.replace(inserted, "", 1) == before.decode("utf-8")
        assert text.index(inserted) < text.index("\norganisations:")
        entity = load_config(project).entities["aminata-kone"]
        assert entity.role["en"] == "Director of the Bamako Chamber of Commerce"
        _, _, html = desk.page()
        shown = re.findall(r"<code>([^<]+)</code>", html)
        assert "aminata-kone" not in shown and "san" in shown  # the desk read the new gazetteer
        # a stale page (the gazetteer changed since) is refused
        r = desk.decide(csrf, {"action": "gazetteer", "section": "places", "entity": "san", "version": version,
                               "gazetteer_version": gversion, "body": "kind: city\nname: San\n"})
        assert r.status == 409 and "  san:" not in gazetteer.read_text(encoding="utf-8")


def test_a_yaml_file_read_again_is_parsed_again_only_when_its_bytes_changed(tmp_path):
    from briefgen.core.yamlio import load_yaml

    path = tmp_path / "a.yaml"
    path.write_text("a: 1\nb: [x, y]\n", encoding="utf-8")
    first = load_yaml(path)
    assert load_yaml(path).data is first.data  # same bytes: the values of the first reading
    path.write_text("a: 2\nb: [x, y]\n", encoding="utf-8")
    second = load_yaml(path)
    assert second.data is not first.data and second.data == {"a": 2, "b": ["x", "y"]} and first.data["a"] == 1
    path.write_text("a: [\n", encoding="utf-8")
    with pytest.raises(Exception) as exc:
        load_yaml(path)
    assert "a.yaml" in str(exc.value)


def test_the_markdown_preview_is_the_editions_renderer(desk):
    _, csrf, _ = desk.page()
    body = json.dumps({"text": "Il est **probable** que <img src=x onerror=alert(1)> [lien](javascript:alert(1))",
                       "lang": "fr"}).encode()
    r = desk.request("POST", f"/week/{WEEK}/markdown", body=body,
                     headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"})
    assert r.status == 200
    html = r.json()["html"]
    assert "<strong>probable</strong> (55–80" in html  # the ICD 203 band, as in the editions
    assert "<img" not in html and 'href="javascript' not in html
    assert desk.request("POST", f"/week/{WEEK}/markdown", body=body,
                        headers={"Content-Type": "application/json"}).status == 403


TAGGED_WATCH = """  watch:
    # analyst: one item per theme the desk follows
  - text: {fr: "Communiqué sur un dialogue sécuritaire régulier.", en: "A statement on a regular security dialogue."}
    themes: [security_cooperation]
  - Réunion des investisseurs  # same text in every language
  - text: {fr: "Suite de la formation à Bougouni.", en: "The Bougouni training goes on."}
    themes: [force_buildup]
"""


def _tagged(project):
    """The week's file with its watch list written as items tagged with themes, with comments."""
    path = project.parent.parent / "facts" / f"{WEEK}.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  watch:\n"), text.index("\nfacts:\n") + 1
    path.write_text(text[:start] + TAGGED_WATCH + text[end:], encoding="utf-8")
    return path


def test_tagged_watch_items_are_edited_added_and_removed_from_the_desk(project):
    path = _tagged(project)
    assert run_cli("check", "--config", str(project)).returncode == 0
    with DeskServer(project, WEEK) as desk:
        version, csrf, html = desk.page()
        assert "edit them in the file" not in html
        assert 'name="text_en"' in html and "The Bougouni training goes on." in html

        def decide(expect=200, **decision):
            nonlocal version
            r = desk.decide(csrf, dict(decision, version=version))
            assert r.status == expect, (decision, r.text)
            if expect == 200:
                version = r.json()["version"]
            return r

        def watch():
            return yaml.safe_load(path.read_text(encoding="utf-8"))["analysis"]["watch"]

        # an item's text per language (Markdown) and its themes
        decide(action="item", part="watch", index="2", text_fr="La formation à Bougouni **se poursuit**.",
               text_en="The Bougouni training **goes on**.", themes=["force_buildup", "security_cooperation"])
        assert watch()[2] == {"text": {"fr": "La formation à Bougouni **se poursuit**.",
                                       "en": "The Bougouni training **goes on**."},
                              "themes": ["force_buildup", "security_cooperation"]}
        # a plain item keeps its one text while its languages agree; untagged it stays untagged
        decide(action="item", part="watch", index=1, text_fr="Réunion des investisseurs à Bamako",
               text_en="Réunion des investisseurs à Bamako", themes=[])
        assert watch()[1] == "Réunion des investisseurs à Bamako"
        # added at the end, then the first removed
        decide(action="item", part="watch", text_fr="Visite d'une délégation commerciale.",
               text_en="A trade delegation's visit.", themes=["economic_ties"])
        decide(action="remove_item", part="watch", index=0)
        items = watch()
        assert len(items) == 3 and items[0] == "Réunion des investisseurs à Bamako"
        assert items[2] == {"text": {"fr": "Visite d'une délégation commerciale.", "en": "A trade delegation's visit."},
                            "themes": ["economic_ties"]}
        text = path.read_text(encoding="utf-8")
        assert "# analyst: one item per theme the desk follows\n" in text
        assert "# same text in every language" in text
        assert run_cli("check", "--config", str(project)).returncode == 0
        preview = desk.request("GET", f"/week/{WEEK}/preview/en").text
        assert "A trade delegation&#39;s visit." in preview and "Bougouni training **goes on**." in preview

        # refused, nothing written: an unknown theme, no text, an item that is not there, a stale version
        before = path.read_bytes()
        decide(400, action="item", part="watch", index=0, text_fr="x", text_en="x", themes=["nowhere"])
        decide(400, action="item", part="watch", text_fr=" ", text_en="", themes=[])
        decide(400, action="remove_item", part="watch", index=7)
        decide(400, action="item", part="outlook", text_fr="x", text_en="x", themes=[])
        decide(400, action="item", part="key_judgments", text_fr="x", text_en="x", themes=[])  # per language
        assert path.read_bytes() == before
        stale = version
        path.write_text(path.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
        edited = path.read_bytes()
        r = desk.decide(csrf, {"action": "remove_item", "part": "watch", "index": 0, "version": stale})
        assert r.status == 409 and "changed on disk" in r.json()["error"]
        assert path.read_bytes() == edited
