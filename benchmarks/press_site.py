"""A local press site for the fetch benchmark: FEEDS RSS 2.0 feeds of ITEMS articles each, every
article a WordPress-like page of its own French text. Feeds carry an ETag and answer 304 to it.

    python benchmarks/press_site.py FEEDS ITEMS      # prints the port, serves until killed
"""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAS = (
    "Le ministère de la Défense a annoncé le {n}e jour du mois l'arrivée à Bamako d'un convoi de {k} "
    "véhicules destinés aux unités engagées dans le centre du pays, dans le cadre de la coopération "
    "sécuritaire avec plusieurs partenaires régionaux.",
    "Selon le communiqué numéro {n}-{k}, ces équipements doivent renforcer la mobilité des forces et "
    "faciliter le ravitaillement des postes isolés de la région de Mopti, où la situation reste tendue "
    "depuis plusieurs semaines.",
    "Les autorités précisent que {k} instructeurs accompagneront la livraison pour assurer la formation "
    "des équipages, et qu'une seconde livraison de {n} unités est attendue avant la fin de l'année.",
)


def page(i: int, j: int) -> bytes:
    n, k = i * 1000 + j, j + 7
    body = "".join(f"<p>{p.format(n=n, k=k)}</p>" for p in PARAS)
    return f"""<!DOCTYPE html><html lang="fr-FR"><head><meta charset="UTF-8"><title>Convoi {n} – Le site {i}</title>
<meta property="article:published_time" content="2025-07-{1 + j % 28:02d}T09:00:00+00:00"></head>
<body><nav><a href="/">Accueil</a> <a href="/politique/">Politique</a></nav><main><article>
<h1>Un convoi de {k} véhicules arrive à Bamako ({n})</h1>{body}</article>
<div class="comments"><p>Un commentaire de lecteur.</p></div></main><footer>Le site {i}</footer></body></html>""".encode()


def feed(base: str, i: int, items: int) -> bytes:
    entries = "".join(f"<item><title>Convoi {i}-{j}</title><link>{base}/a/{i}/{j}.html?utm_source=rss</link>"
                      f"<pubDate>Tue, 22 Jul 2025 09:30:00 +0000</pubDate></item>" for j in range(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Site {i}</title>'
            f"<link>{base}/</link><description>x</description>{entries}</channel></rss>").encode()


def main() -> None:
    feeds, items = int(sys.argv[1]), int(sys.argv[2])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            path = self.path.split("?")[0]
            parts = path.strip("/").split("/")
            body, ctype, etag = None, "text/html; charset=utf-8", None
            if parts[0] == "f" and len(parts) == 2 and parts[1][:-4].isdigit() and int(parts[1][:-4]) < feeds:
                i = int(parts[1][:-4])
                etag = f'"feed-{i}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, ctype = feed(f"http://{self.headers['Host']}", i, items), "application/rss+xml"
            elif parts[0] == "a" and len(parts) == 3:
                body = page(int(parts[1]), int(parts[2].split(".")[0]))
            if body is None:
                body = b"not found"
                self.send_response(404)
            else:
                self.send_response(200)
            self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
