"""A small press site for the fetch tests: feeds and article pages served on 127.0.0.1, shaped like
the common CMSs (WordPress, Drupal, a hand-made site), with conditional answers, redirects and the
ways a site goes wrong (slow, 404, 500, broken XML, oversize, endless, robots.txt). Every request is
logged so the tests can see what was asked, and how."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from xml.sax.saxutils import escape

# -- the articles (French, written for these tests) ------------------------------------------------
COOPERATION = (
    "Le ministre malien de la Défense a reçu mardi à Bamako une délégation américaine conduite par un "
    "haut responsable du commandement pour l'Afrique. Les deux parties ont fait le point sur la coopération "
    "sécuritaire et sur la lutte contre le terrorisme dans le centre du pays.",
    "Selon un communiqué publié dans la soirée, les échanges ont porté sur le partage du renseignement et "
    "sur l'appui aux unités engagées dans la région de Mopti. Aucun accord n'a été signé à l'issue de la "
    "rencontre, mais une nouvelle réunion est prévue avant la fin de l'année.",
    "Les autorités maliennes rappellent que toute coopération doit respecter la souveraineté du pays et "
    "les priorités fixées par le gouvernement de transition.",
)
DRUPAL = (
    "Les exportations d'or du Mali ont progressé de douze pour cent au premier semestre, selon les chiffres "
    "publiés lundi par le ministère des Mines. La hausse tient surtout à la reprise de la production dans "
    "deux sociétés minières de la région de Kayes.",
    "La chambre de commerce et d'industrie salue ces résultats mais s'inquiète du coût de l'énergie pour les "
    "entreprises. Plusieurs investisseurs attendent la publication du nouveau code minier avant de lancer "
    "de nouveaux projets dans le pays.",
)
MOVED = (
    "La garde nationale a achevé la semaine dernière à Koulikoro l'instruction de quatre cents nouvelles "
    "recrues, a annoncé l'état-major dans un communiqué. La cérémonie de fin de stage s'est tenue en "
    "présence du chef d'état-major des armées et de plusieurs officiers supérieurs.",
    "Les jeunes soldats rejoindront leurs unités dans les régions du centre et du nord dans les prochaines "
    "semaines. Une nouvelle promotion doit entrer en formation au mois de septembre, selon la même source.",
)
RECRUITMENT = (
    "Le centre d'instruction de Bougouni accueille depuis lundi une nouvelle vague de recrues de l'armée "
    "malienne. Près de neuf cents jeunes venus de toutes les régions y suivront pendant six mois la "
    "formation commune de base, selon le commandant du centre.",
    "Les autorités militaires indiquent que ce recrutement répond au besoin de renforcer les effectifs "
    "déployés dans le centre du pays. Les premiers équipements ont été livrés la semaine passée et les "
    "cours de tir commenceront dès le mois prochain.",
)
SPORT = (
    "Le Stade olympique a remporté dimanche le derby de la capitale face à son rival de toujours sur le "
    "score de deux buts à un. Devant un public nombreux, les joueurs ont dominé la seconde période et ont "
    "trouvé la faille à deux reprises grâce à leur attaquant vedette.",
    "Avec cette victoire, le club prend la tête du championnat avant la trêve. L'entraîneur a salué le "
    "travail de ses joueurs et promis de rester prudent pour la suite de la saison, qui reprendra au mois "
    "de janvier avec un déplacement difficile.",
)
ENGLISH = (
    "A United States delegation met the Malian defence minister in Bamako on Tuesday to discuss security "
    "cooperation and the fight against terrorism, according to a statement released in the evening. The "
    "talks were described as cordial and technical by officials on both sides of the table.",
    "The statement said that intelligence sharing was on the agenda and that another meeting would be held "
    "before the end of the year, but no agreement was signed at the end of the visit.",
)
NAV_WORDS = ("Accueil", "Se connecter", "Abonnez-vous")
COMMENT = "Merci pour cet article très complet, on attend la suite avec impatience."
RELATED = "Lire aussi : le marché de Bamako fait peau neuve"


def _paras(paragraphs) -> str:
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def wordpress(title: str, paragraphs, *, canonical: str, lang: str = "fr-FR") -> str:
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="UTF-8"><title>{title} – Le Courrier</title>
<link rel="canonical" href="{canonical}"><meta property="article:published_time" content="2025-07-22T09:30:00+00:00">
<meta name="author" content="Awa Diarra"></head>
<body class="post-template-default single single-post"><header id="masthead" class="site-header">
<nav class="main-navigation"><ul><li><a href="/">Accueil</a></li><li><a href="/politique/">Politique</a></li>
<li><a href="/login">Se connecter</a></li></ul></nav></header>
<main id="main" class="site-main"><article class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta">Publié le <time class="entry-date published" datetime="2025-07-22T09:30:00+00:00">22 juillet 2025</time>
par <span class="author vcard">Awa Diarra</span></div></header>
<div class="entry-content">{_paras(paragraphs)}</div></article>
<div id="comments" class="comments-area"><h2 class="comments-title">3 commentaires</h2><ol class="comment-list">
<li class="comment"><div class="comment-content"><p>{COMMENT}</p></div></li></ol></div></main>
<aside id="secondary" class="widget-area"><section class="widget related-posts"><h2>{RELATED}</h2></section></aside>
<footer class="site-footer"><p>Abonnez-vous à notre lettre</p></footer></body></html>"""


def drupal(title: str, paragraphs, *, node: int) -> str:
    return f"""<!DOCTYPE html><html lang="fr" dir="ltr"><head><meta charset="utf-8"><title>{title} | Bamako Hebdo</title>
<link rel="canonical" href="/drupal/node/{node}"><meta name="dcterms.date" content="2025-07-23"></head>
<body class="path-node page-node-type-article"><div class="dialog-off-canvas-main-canvas">
<header role="banner"><nav role="navigation" class="block-menu"><ul class="menu"><li><a href="/">Accueil</a></li>
<li><a href="/user/login">Se connecter</a></li></ul></nav></header>
<main role="main"><div class="region region-content"><article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{title}</span></h1>
<div class="node__meta">Soumis le 23/07/2025</div>
<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary">
{_paras(paragraphs)}</div></div>
<section class="comments"><h2>Commentaires</h2><article class="comment"><p>{COMMENT}</p></article></section>
</article></div></main>
<div class="region region-sidebar"><div class="block-views-blockcontent-recent"><h2>{RELATED}</h2></div></div>
<footer role="contentinfo"><p>Abonnez-vous à notre lettre</p></footer></div></body></html>"""


def handmade(title: str, paragraphs) -> str:
    return f"""<html lang="fr"><head><title>{title}</title><meta name="date" content="2025-07-24"></head>
<body><div id="top"><a href="/">Accueil</a> | <a href="/site/articles/">Actualités</a> | <a href="/abonnement">Abonnez-vous</a>
| <a href="/connexion">Se connecter</a></div>
<table width="100%"><tr><td valign="top" width="20%"><div class="menu"><a href="/site/a.html">Politique</a><br>
<a href="/site/b.html">Société</a></div></td>
<td valign="top"><div class="contenu"><h1>{title}</h1><p class="date">24 juillet 2025</p>
{_paras(paragraphs)}
<div class="reagir"><h3>Vos réactions</h3><div class="reaction"><b>Moussa</b> : {COMMENT}</div></div>
<div class="voir-aussi"><h3>{RELATED}</h3></div></div></td></tr></table>
<div id="bas">© Le site, tous droits réservés</div></body></html>"""


def no_article() -> str:
    return """<html lang="fr"><head><title>Actualités</title></head><body><nav><a href="/">Accueil</a>
<a href="/site/articles/">Actualités</a></nav><div class="pub">Publicité</div></body></html>"""


def rss2(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{escape(base + path)}</link>"
                      f"<pubDate>Tue, 22 Jul 2025 09:30:00 +0000</pubDate></item>" for t, path in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le Courrier</title>
<link>{base}/wp/</link><description>Actualités</description>{entries}</channel></rss>"""


def rss1(base: str, items: list[tuple[str, str]]) -> str:
    seq = "".join(f'<rdf:li rdf:resource="{base}{p}"/>' for _, p in items)
    entries = "".join(f'<item rdf:about="{base}{p}"><title>{t}</title><link>{base}{p}</link>'
                      f"<dc:date>2025-07-23</dc:date></item>" for t, p in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="{base}/drupal/rss.xml"><title>Bamako Hebdo</title>
<link>{base}/drupal/</link><description>Actualités</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>
{entries}</rdf:RDF>"""


def atom(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(f'<entry><title>{t}</title><link href="{base}{p}"/><id>{base}{p}</id>'
                      f"<updated>2025-07-24T08:00:00Z</updated></entry>" for t, p in items)
    return f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Sahel Dépêches</title><id>{base}/atom.xml</id><updated>2025-07-24T08:00:00Z</updated>{entries}</feed>"""


# -- the server ---------------------------------------------------------------------------------
@dataclass
class Hit:
    path: str
    status: int
    headers: dict
    at: float = 0.0
    """When it arrived (time.monotonic)."""


@dataclass
class Reply:
    status: int = 200
    body: bytes | Callable = b""
    """Bytes, or a function given the handler's output stream (for bodies written slowly or forever)."""
    headers: dict = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0


class PressServer:
    """A threaded HTTP server on 127.0.0.1 serving ``routes`` (path with query → Reply)."""

    def __init__(self):
        self.routes: dict[str, Reply] = {}
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.most_in_flight = 0
        """The most requests the server was answering at once."""
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_CONNECT(self):  # as a proxy: an https:// address asked for through it
                with server._lock:
                    server.hits.append(Hit(self.path, 403, dict(self.headers)))
                self.send_response(403)
                self.end_headers()

            def do_GET(self):
                reply = server.routes.get(self.path)
                if reply is None:
                    reply = Reply(404, b"<html><body>Not found</body></html>")
                status = reply.status
                if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                    status = 304
                elif reply.last_modified and self.headers.get("If-Modified-Since") == reply.last_modified:
                    status = 304
                with server._lock:
                    server.hits.append(Hit(self.path, status, dict(self.headers), time.monotonic()))
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                try:
                    self.answer(reply, status)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def answer(self, reply, status):
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if reply.etag:
                        self.send_header("ETag", reply.etag)
                    if reply.last_modified:
                        self.send_header("Last-Modified", reply.last_modified)
                    if status == 304:
                        self.end_headers()
                        return
                    if callable(reply.body):
                        self.end_headers()
                        reply.body(self.wfile)
                        return
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> PressServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def asked(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]


def endless(out) -> None:
    """A body that never ends (until the client hangs up)."""
    chunk = b"<p>" + b"encore " * 9000 + b"</p>\n"
    while True:
        out.write(chunk)


def html(text: str, **kw) -> Reply:
    return Reply(200, text.encode(), {"Content-Type": "text/html; charset=utf-8"}, **kw)


def xml(text: str, **kw) -> Reply:
    return Reply(200, text.encode(), {"Content-Type": "application/xml; charset=utf-8"}, **kw)
