"""HTML articles: title, date and url from the head, text from the paragraphs of the body."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from ..core.errors import BriefgenError
from .readers import reader
from .source import Source

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section", "article", "br"}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.paragraphs: list[str] = []
        self._buf: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_article = False
        self._article_paragraphs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag in _SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = a.get("property") or a.get("name") or a.get("itemprop")
            if key and "content" in a:
                self.meta.setdefault(key.lower(), a["content"])
        elif tag == "link" and a.get("rel") == "canonical":
            self.meta.setdefault("canonical", a.get("href", ""))
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        elif tag == "article":
            self._flush()
            self._in_article = True
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in _BLOCKS or tag == "article":
            self._flush()
        if tag == "article":
            self._in_article = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buf.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buf)).strip()
        self._buf = []
        if text:
            self.paragraphs.append(text)
            if self._in_article:
                self._article_paragraphs.append(text)


@reader(".html", ".htm")
def read_html(path: Path, text: str) -> Source:
    """An HTML page: ``og:title``/``<title>``, ``article:published_time``/``<time datetime>``, the
    text of ``<article>`` (else of the whole body), one paragraph per block."""
    parser = _Article()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; anything else is bad input
        raise BriefgenError(f"{path}: cannot be read as HTML ({exc})") from None
    paragraphs = parser._article_paragraphs or parser.paragraphs
    body = "\n\n".join(paragraphs)
    title = (parser.meta.get("og:title") or parser.title or (paragraphs[0] if paragraphs else "")).strip()
    if paragraphs and paragraphs[0] == title:
        body = "\n\n".join(paragraphs[1:])
    published = None
    for key in ("article:published_time", "date", "dc.date", "datepublished", "time"):
        m = _DATE.search(parser.meta.get(key, ""))
        if m:
            try:
                published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                break
            except ValueError:
                continue
    url = parser.meta.get("og:url") or parser.meta.get("canonical") or None
    outlet = parser.meta.get("briefgen:outlet") or None
    return Source(path.stem, path, title, outlet, published, url, body)
