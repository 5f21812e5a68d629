"""Hostile text in facts and analysts' Markdown renders as inert text; the PDF fetches nothing outside."""

from __future__ import annotations

import http.server
import re
import socket
import threading

import pytest
import yaml
from conftest import pdf_text, run_cli
from pypdf import PdfReader


@pytest.fixture
def listener():
    """A real HTTP server on 127.0.0.1 that counts the requests it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.HTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", hits
    server.shutdown()


def _hostile_week(project, url):
    facts = project.parent.parent / "facts" / "2025-W28.yaml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    judgment = (
        "<script>alert('kj')</script> Raw <b onclick=\"x()\">bold</b> <img src=\"" + url + "/raw.png\">\n"
        "![secret](file:///etc/passwd) ![probe](" + url + "/md.png) [link](javascript:alert(1))\n"
        "<iframe src=\"file:///etc/passwd\"></iframe>\n\n"
    )
    data["analysis"]["key_judgments"]["fr"] = judgment + data["analysis"]["key_judgments"]["fr"]
    fact = next(f for f in data["facts"] if f.get("key_point"))
    fact["text"] = {"fr": f"<script>alert('fact')</script> <img src='{url}/fact.png'> Atallah",
                    "en": "<style>body{display:none}</style> Atallah"}
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_hostile_text_is_inert(project, listener):
    url, hits = listener
    _hostile_week(project, url)
    result = run_cli("build", "--week", "2025-W28", "--config", str(project))
    assert result.returncode == 0, result.stderr
    out = project.parent.parent / "output" / "2025-W28"
    for lang in ("fr", "en"):
        html = (out / f"brief.{lang}.html").read_text(encoding="utf-8")
        body = html.split("<body>", 1)[1]
        assert "<script" not in body and "<iframe" not in body and "<img src=\"http" not in body
        assert "<style" not in body and not re.search(r"<[^>]* onclick=", body)
        assert "<a href=\"http://127" not in body
        assert not re.search(r'(src|href)="(file:|javascript:|http://127)', body)
    fr = (out / "brief.fr.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(’fact’)&lt;/script&gt;" in fr  # shown as text (French apostrophes)
    assert re.search(r"&lt;script&gt;alert\((&#39;|'|’)kj(&#39;|'|’)\)&lt;/script&gt;", fr)
    text = pdf_text(out / "brief.fr.pdf")
    assert "<script>alert(’fact’)</script>" in text
    flat = "".join(text.split())  # lines may break inside a URL
    assert "![secret](file:///etc/passwd)" in flat and f"![probe]({url}/md.png)" in flat
    assert "root:x:0:0" not in text
    assert hits == [], f"the build fetched {hits}"
    for lang in ("fr", "en"):
        reader = PdfReader(out / f"brief.{lang}.pdf")
        images = [img.name for page in reader.pages for img in page.images]
        assert len(images) <= len(reader.pages), images  # the logo at most; nothing fetched


def test_user_template_cannot_reach_local_files(project, listener):
    """Even a user's own template cannot make the PDF read files or the network: only assets and data: URLs."""
    url, hits = listener
    custom = project.parent / "my-templates"
    custom.mkdir()
    from briefgen.core.resources import templates_dir
    html = (templates_dir() / "brief.html.j2").read_text(encoding="utf-8")
    html = html.replace("</body>", f'<img src="file:///etc/passwd"><img src="{url}/tpl.png">'
                                   '<link rel="stylesheet" href="file:///etc/passwd"></body>')
    (custom / "brief.html.j2").write_text(html, encoding="utf-8")
    cfg = project.read_text(encoding="utf-8").replace("paths:\n", "paths:\n  templates: my-templates\n")
    project.write_text(cfg, encoding="utf-8")
    result = run_cli("build", "--week", "2025-W28", "--config", str(project))
    assert result.returncode == 0, result.stderr
    assert hits == []
    assert "refused to fetch" in result.stderr or "Failed to load" in result.stderr
