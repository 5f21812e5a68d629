"""briefgen fetch against a real HTTP server on 127.0.0.1: feeds of three shapes, pages of three
CMS shapes, and the ways outlets go wrong; what reaches sources/ is read back from the files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, run_cli
from press_server import (
    COMMENT,
    COOPERATION,
    DRUPAL,
    ENGLISH,
    MOVED,
    NAV_WORDS,
    RECRUITMENT,
    RELATED,
    SPORT,
    PressServer,
    Reply,
    atom,
    drupal,
    endless,
    handmade,
    html,
    no_article,
    rss1,
    rss2,
    wordpress,
    xml,
)

COOP = "/wp/2025/07/22/cooperation-securitaire/"
AGENT = "briefgen-tests/1.0 (desk@example.org)"


def press_site(s: PressServer) -> None:
    b = s.base
    r = s.routes
    r["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
    # WordPress outlet: RSS 2.0 with ETag
    r["/wp/feed/"] = xml(rss2(b, [("Coopération", COOP + "?utm_source=rss&utm_medium=feed"),
                                  ("Coopération (partage)", COOP + "?fbclid=abc123"),
                                  ("Derby", "/wp/sport/derby-de-la-capitale/"),
                                  ("Réservé", "/private/note-interne/"),
                                  ("In English", "/wp/en/us-delegation/")]), etag='"wp-feed-1"')
    r[COOP] = html(wordpress("Bamako et Washington font le point sur la coopération sécuritaire", COOPERATION,
                             canonical=f"{b}{COOP}?utm_campaign=share"))
    r["/wp/sport/derby-de-la-capitale/"] = html(wordpress("Le Stade olympique remporte le derby", SPORT,
                                                          canonical=f"{b}/wp/sport/derby-de-la-capitale/"))
    r["/private/note-interne/"] = html(wordpress("Note", COOPERATION, canonical=f"{b}/private/note-interne/"))
    r["/wp/en/us-delegation/"] = html(wordpress("US delegation in Bamako", ENGLISH, lang="en-US",
                                                canonical=f"{b}/wp/en/us-delegation/"))
    # Drupal outlet: RSS 1.0 with Last-Modified
    r["/drupal/rss.xml"] = xml(rss1(b, [("Or", "/drupal/node/42"), ("Or (bis)", "/drupal/node/43"),
                                        ("Recrues", "/drupal/moved"), ("Ailleurs", "/drupal/elsewhere")]),
                               last_modified="Wed, 23 Jul 2025 10:00:00 GMT")
    r["/drupal/node/42"] = html(drupal("Les exportations d'or en hausse au premier semestre", DRUPAL, node=42))
    r["/drupal/node/43"] = html(drupal("Exportations d'or : la hausse se confirme", DRUPAL, node=43))
    r["/drupal/moved"] = Reply(301, b"", {"Location": "/drupal/node/44"})
    r["/drupal/node/44"] = html(drupal("Quatre cents recrues de la garde nationale en fin d'instruction", MOVED,
                                       node=44))
    r["/drupal/elsewhere"] = Reply(302, b"", {"Location": "ftp://127.0.0.1/pub/article.html"})
    # hand-made outlet: Atom, no validators, and pages that go wrong
    r["/atom.xml"] = xml(atom(b, [("Bougouni", "/site/articles/recrues-bougouni.html"),
                                  ("Vide", "/site/articles/sommaire.html"),
                                  ("Perdu", "/site/articles/perdu.html"),
                                  ("Panne", "/site/articles/panne.html"),
                                  ("Énorme", "/site/articles/enorme.html"),
                                  ("Sans fin", "/site/articles/sans-fin.html"),
                                  ("Lent", "/site/articles/lent.html")]))
    r["/site/articles/recrues-bougouni.html"] = html(handmade("Bougouni accueille neuf cents recrues", RECRUITMENT))
    r["/site/sitemap.xml"] = xml(f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{b}/site/articles/recrues-bougouni.html</loc></url>
<url><loc>{b}/site/articles/recrues-bougouni-copie.html</loc></url></urlset>""")
    r["/site/articles/recrues-bougouni-copie.html"] = html(handmade("Bougouni : neuf cents recrues", RECRUITMENT))
    r["/site/articles/sommaire.html"] = html(no_article())
    r["/site/articles/panne.html"] = Reply(500, b"<html><body>Erreur interne</body></html>")
    r["/site/articles/enorme.html"] = html("<html><body>" + "<p>trop long</p>" * 200_000 + "</body></html>")
    r["/site/articles/sans-fin.html"] = Reply(200, endless, {"Content-Type": "text/html"})
    r["/site/articles/lent.html"] = html(handmade("Lent", RECRUITMENT), delay=4)
    # fourth outlet: broken feeds, and a section page whose article has the WordPress story's text
    r["/echo/broken.xml"] = xml('<?xml version="1.0"?><rss version="2.0"><channel><title>Écho<item><title>x'
                                "</titl></channel>")
    r["/echo/slow.xml"] = xml(rss2(b, []), delay=4)
    r["/echo/actualites/"] = html("""<html lang="fr"><body><nav><a href="/">Accueil</a></nav><ul>
<li><a href="/echo/2025/cooperation-securitaire.html">Coopération</a></li><li><a href="mailto:x@example.org">Écrire</a></li>
</ul></body></html>""")
    r["/echo/2025/cooperation-securitaire.html"] = html(handmade("Coopération sécuritaire : Bamako reçoit Washington",
                                                                 COOPERATION))


def write_feeds(cfg: Path, base: str, **http) -> None:
    settings = {"timeout": 1, "max_bytes": 1_000_000, "delay": 0, "per_host": 4, "user_agent": AGENT, **http}
    doc = {"outlets": [
        {"outlet": "courrier-sahel", "feeds": [f"{base}/wp/feed/"]},
        {"outlet": "bamako-hebdo", "feeds": [f"{base}/drupal/rss.xml"]},
        {"outlet": "sahel-depeches", "feeds": [f"{base}/atom.xml"], "pages": [f"{base}/site/sitemap.xml"]},
        {"outlet": "echo-sikasso", "feeds": [f"{base}/echo/broken.xml", f"{base}/echo/slow.xml"],
         "pages": [f"{base}/echo/actualites/"]},
    ], "keep": {"cues": True}, "http": settings}
    (cfg.parent / "feeds.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")


def fetched(sources: Path, before: set[str]) -> dict[str, tuple[dict, str]]:
    out = {}
    for p in sorted(sources.iterdir()):
        if p.name in before:
            continue
        text = p.read_text(encoding="utf-8")
        assert text.startswith("---\n"), p
        head, body = text[4:].split("\n---\n", 1)
        out[p.name] = (yaml.safe_load(head), body)
    return out


@pytest.fixture(scope="module")
def press(tmp_path_factory):
    """One fetch of the press site into a copy of the example, then a second one; what each saw."""
    with PressServer() as server:
        press_site(server)
        cfg = copy_project(tmp_path_factory.mktemp("fetch"))
        write_feeds(cfg, server.base)
        sources = cfg.parent.parent / "sources"
        before = {p.name for p in sources.iterdir()}
        first = run_cli("fetch", "--config", str(cfg))
        first_hits = list(server.hits)
        after_first = {p.name: p.read_bytes() for p in sources.iterdir()}
        server.hits.clear()
        second = run_cli("fetch", "--config", str(cfg))
        yield {"cfg": cfg, "server": server, "first": first, "second": second, "first_hits": first_hits,
               "second_hits": list(server.hits), "before": before, "after_first": after_first,
               "articles": fetched(sources, before), "sources": sources}


def by_title(articles, words: str):
    found = [(meta, body) for meta, body in articles.values() if words in meta["title"]]
    assert len(found) == 1, (words, [m["title"] for m, _ in articles.values()])
    return found[0]


def test_fetch_writes_the_wanted_articles_with_their_front_matter(press):
    assert press["first"].returncode == 0, press["first"].stderr
    arts = press["articles"]
    base = press["server"].base
    assert {m["outlet"] for m, _ in arts.values()} == {"courrier-sahel", "bamako-hebdo", "sahel-depeches",
                                                        "echo-sikasso"}
    assert len(arts) == 5, sorted(arts)
    meta, body = by_title(arts, "font le point sur la coopération sécuritaire")
    assert meta["outlet"] == "courrier-sahel"
    assert meta["url"] == f"{base}{COOP}"  # canonical, tracking parameters removed
    assert str(meta["date"]) == "2025-07-22"
    assert meta["author"] == "Awa Diarra"
    assert set(meta) >= {"outlet", "url", "date", "title", "fetched"}
    assert COOPERATION[0] in body and COOPERATION[2] in body
    meta, body = by_title(arts, "Quatre cents recrues")  # reached through a redirect
    assert meta["outlet"] == "bamako-hebdo" and meta["url"] == f"{base}/drupal/node/44"
    meta, body = by_title(arts, "Bougouni accueille")
    assert meta["outlet"] == "sahel-depeches" and RECRUITMENT[1] in body
    by_title(arts, "Les exportations d'or")
    # the same story from another outlet is a source of its own (corroboration)
    meta, body = by_title(arts, "Bamako reçoit Washington")
    assert meta["outlet"] == "echo-sikasso" and COOPERATION[1] in body
    for name, (meta, body) in arts.items():
        assert name.startswith(f"{meta['date']}-{meta['outlet']}-") and name.endswith(".md")
        for junk in (*NAV_WORDS, COMMENT, RELATED, "commentaires", "Vos réactions"):
            assert junk not in body, (name, junk)


def test_the_sources_read_back_as_articles(press):
    from briefgen.articles.readers import read_sources

    warnings = []
    sources = read_sources(press["sources"], warn=warnings.append)
    assert not warnings
    for name in press["articles"]:
        s = sources[Path(name).stem]
        assert s.outlet and s.url and s.published and s.title and len(s.text.split()) > 60


def test_what_is_not_kept_and_why(press):
    arts = press["articles"]
    titles = " ".join(m["title"] for m, _ in arts.values())
    assert "derby" not in titles and "US delegation" not in titles and "Note" not in titles
    db = sqlite3.connect(press["cfg"].parent.parent / "output" / ".cache" / "fetch" / "state.sqlite")
    rows = dict(db.execute("select url, status || ': ' || coalesce(reason, '') from articles"))
    base = press["server"].base
    assert rows[f"{base}/wp/sport/derby-de-la-capitale/"].startswith("skipped: no theme cue")
    assert rows[f"{base}/wp/en/us-delegation/"].startswith("skipped: not French")
    assert rows[f"{base}/private/note-interne/"].startswith("skipped: disallowed by the site's robots.txt")
    assert rows[f"{base}/drupal/node/43"].startswith(f"skipped: same text as {base}/drupal/node/42")
    copy = f"{base}/site/articles/recrues-bougouni-copie.html"  # listed by the sitemap only
    assert rows[copy].startswith(f"skipped: same text as {base}/site/articles/recrues-bougouni.html")
    # the two tracking-parameter links of the WordPress story: one article, fetched once
    asked = [h.path for h in press["first_hits"]]
    assert asked.count(COOP) == 1 and sum(p.startswith(COOP) for p in asked) == 1
    assert asked.count("/site/articles/recrues-bougouni.html") == 1  # in the feed and in the sitemap
    assert "/private/note-interne/" not in asked  # robots.txt read first, the page never asked


def test_each_failure_is_one_warning_naming_outlet_and_address(press):
    err = press["first"].stderr
    base = press["server"].base
    assert "Traceback" not in err
    expected = {
        "echo-sikasso": ["/echo/broken.xml", "/echo/slow.xml"],
        "bamako-hebdo": ["/drupal/elsewhere"],
        "sahel-depeches": ["/site/articles/sommaire.html", "/site/articles/perdu.html",
                           "/site/articles/panne.html", "/site/articles/enorme.html",
                           "/site/articles/sans-fin.html", "/site/articles/lent.html"],
    }
    lines = [ln for ln in err.splitlines() if ln.startswith("warning:")]
    for outlet, paths in expected.items():
        for path in paths:
            found = [ln for ln in lines if f"warning: {outlet}: {base}{path}:" in ln]
            assert len(found) == 1, (path, lines)
    why = {path: next(ln for ln in lines if f"{base}{path}:" in ln) for paths in expected.values() for path in paths}
    assert "ftp" in why["/drupal/elsewhere"] and "only http:// and https://" in why["/drupal/elsewhere"]
    assert "HTTP 404" in why["/site/articles/perdu.html"] and "HTTP 500" in why["/site/articles/panne.html"]
    assert "allowed" in why["/site/articles/enorme.html"] and "allowed" in why["/site/articles/sans-fin.html"]
    assert "timed out" in why["/site/articles/lent.html"] and "timed out" in why["/echo/slow.xml"]
    assert "no article" in why["/site/articles/sommaire.html"]
    assert "not a well-formed feed" in why["/echo/broken.xml"]
    assert len(lines) == sum(map(len, expected.values())), lines
    # the summary, per outlet
    assert "fetch: sahel-depeches     1 new     1 skipped     6 failed" in err
    assert "fetch: courrier-sahel     1 new     3 skipped     0 failed  (skipped: 1 disallowed by the site's " \
           "robots.txt, 1 no theme cue, 1 not French)" in err
    assert {h.headers.get("User-Agent") for h in press["first_hits"]} == {AGENT}
    # nothing half-written: no temporary file left in sources/
    assert not [p for p in press["sources"].iterdir() if p.name.startswith(".")]


def test_second_run_asks_only_what_changed_and_writes_nothing(press):
    assert press["second"].returncode == 0, press["second"].stderr
    after = {p.name: p.read_bytes() for p in press["sources"].iterdir()}
    assert after == press["after_first"]
    hits = press["second_hits"]
    wp = [h for h in hits if h.path == "/wp/feed/"]
    assert len(wp) == 1 and wp[0].status == 304 and wp[0].headers.get("If-None-Match") == '"wp-feed-1"'
    dr = [h for h in hits if h.path == "/drupal/rss.xml"]
    assert len(dr) == 1 and dr[0].status == 304
    assert dr[0].headers.get("If-Modified-Since") == "Wed, 23 Jul 2025 10:00:00 GMT"
    # written or skipped articles are not asked again; the failed ones are
    asked = {h.path for h in hits}
    assert not asked & {COOP, "/drupal/node/42", "/drupal/node/43", "/wp/sport/derby-de-la-capitale/",
                        "/site/articles/recrues-bougouni.html"}
    assert {"/site/articles/perdu.html", "/site/articles/panne.html"} <= asked
    assert "0 new" in press["second"].stderr and " 1 new" not in press["second"].stderr


def test_state_and_cache_are_private(press):
    folder = press["cfg"].parent.parent / "output" / ".cache" / "fetch"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    for p in [folder / "state.sqlite", *(folder / "pages").iterdir()]:
        assert p.stat().st_mode & 0o077 == 0, p


def test_replay_rewrites_from_the_cache_without_the_network(press, tmp_path):
    """A copy of the desk after the first fetch, the server gone: --replay extracts the cached pages
    again; an article whose file was deleted comes back, the rest is unchanged."""
    import shutil

    desk = tmp_path / "desk"
    shutil.copytree(press["cfg"].parent.parent, desk)
    sources = desk / "sources"
    name = next(n for n, (m, _) in press["articles"].items() if m["outlet"] == "sahel-depeches")
    (sources / name).unlink()
    result = run_cli("fetch", "--replay", "--config", str(desk / "config" / "briefgen.yaml"))
    assert result.returncode == 0, result.stderr
    assert (sources / name).read_text(encoding="utf-8").split("fetched:")[0] == \
        press["after_first"][name].decode().split("fetched:")[0]
    assert {p.name for p in sources.iterdir()} == set(press["after_first"])


def test_bad_feeds_file_is_reported_by_check_with_file_line_and_key(project):
    (project.parent / "feeds.yaml").write_text(
        "outlets:\n  - outlet: courrier-sahel\n    feeds: [https://courrier-sahel.example.org/feed/]\n"
        "  - outlet: le-monde\n    feeds: [ftp://example.org/feed]\n    colour: red\n"
        "http:\n  timeout: soon\n", encoding="utf-8")
    result = run_cli("check", "--config", str(project))
    assert result.returncode == 1
    err = result.stderr
    assert "feeds.yaml:4: 'outlets[1].outlet' outlet 'le-monde' is not in outlets.yaml" in err
    assert "feeds.yaml:5: 'outlets[1].feeds[0]' 'ftp://example.org/feed' is not an http:// or https:// address" in err
    assert "feeds.yaml:8: 'http.timeout' expected a number" in err
    assert "Traceback" not in err
    fetch = run_cli("fetch", "--config", str(project))
    assert fetch.returncode == 1 and "le-monde" in fetch.stderr
    assert not (project.parent.parent / "output" / ".cache" / "fetch").exists()
    (project.parent / "feeds.yaml").write_text(
        "outlets:\n  - outlet: courrier-sahel\n    feeds: [https://courrier-sahel.example.org/feed/]\n"
        "    enabled: false\n    colour: red\n", encoding="utf-8")
    result = run_cli("check", "--config", str(project))
    assert result.returncode == 0, result.stderr
    assert "feeds.yaml:5: 'outlets[0].colour' unknown key" in result.stderr
    assert run_cli("check", "--strict", "--config", str(project)).returncode == 1


def test_the_example_fetches_nothing_and_paths_feeds_names_another_file(project):
    result = run_cli("fetch", "--config", str(project))
    assert result.returncode == 0, result.stderr
    assert "nothing to fetch" in result.stderr
    other = project.parent / "my-feeds.yaml"
    other.write_text("outlets: []\n", encoding="utf-8")
    text = project.read_text(encoding="utf-8").replace("feeds: feeds.yaml", "feeds: missing.yaml")
    project.write_text(text, encoding="utf-8")
    bad = run_cli("check", "--config", str(project))
    assert bad.returncode == 1 and "'paths.feeds' 'missing.yaml' does not exist" in bad.stderr
    project.write_text(text.replace("missing.yaml", "my-feeds.yaml"), encoding="utf-8")
    assert run_cli("check", "--config", str(project)).returncode == 0


def test_requests_to_one_site_are_limited(tmp_path):
    """One outlet of twelve slow articles: never more requests at once than ``per_host`` (the spacing
    of ``delay`` is not checked here: the server sees arrivals, which the machine's load can bunch)."""
    with PressServer() as server:
        r = server.routes
        r["/robots.txt"] = Reply(404, b"")
        paths = [f"/wp/2025/07/22/article-{i}/" for i in range(12)]
        r["/wp/feed/"] = xml(rss2(server.base, [(f"A{i}", p) for i, p in enumerate(paths)]))
        for i, p in enumerate(paths):
            r[p] = html(wordpress(f"Article {i}", (f"Numéro {i}.", *COOPERATION), canonical=server.base + p),
                        delay=0.3)
        cfg = copy_project(tmp_path)
        doc = {"outlets": [{"outlet": "courrier-sahel", "feeds": [f"{server.base}/wp/feed/"], "delay": 0.1}],
               "http": {"per_host": 2, "timeout": 5}}
        (cfg.parent / "feeds.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
        result = run_cli("fetch", "--config", str(cfg))
        assert result.returncode == 0, result.stderr
        assert "courrier-sahel    12 new" in result.stderr
        assert server.most_in_flight == 2
        assert len(server.hits) == 14  # robots.txt, the feed, twelve articles
