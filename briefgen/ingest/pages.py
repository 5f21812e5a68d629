"""From a fetched page to an article: trafilatura finds the body and its metadata, then briefgen
decides whether to keep it (French, about the brief's themes) and writes it to sources/.

Also the addresses: ``clean_url`` (the form two links to one article share, tracking parameters
removed) and the links of a section page or sitemap.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import yaml

from ..articles.readers import READERS
from ..core.config import Config
from ..core.files import write_atomic
from ..extract.site import cue_pattern, fold

TRACKING = re.compile(r"^(utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|"
                      r"xtor|at_medium|at_campaign|at_\w+|ocid|cmpid|wt_mc|spm|ref_src|s_cid|mkt_tok)$", re.I)
"""Query parameters that say where a reader came from, not which article: dropped from addresses."""

MIN_WORDS = 60
"""Fewer words than this is not an article (a teaser, a cookie wall, a gallery)."""

_FR = frozenset("le la les l de des du d un une et est sont à au aux en dans par pour sur avec que qui ne pas "
                "se ce cette ces il elle ils elles son sa ses leur leurs été a ont plus selon lors entre "
                "mais ou où aussi après avant depuis contre sous".split())
_EN = frozenset("the of and to in is are was were for on with by that this from at as an be has have had "
                "it its their which will would not but or after said".split())
_BLOCKS = ("comment", "reaction", "reagir", "related", "voir-aussi", "lire-aussi", "a-lire", "sur-le-meme-sujet",
           "share", "partage", "newsletter", "abonnement")
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ_', 'abcdefghijklmnopqrstuvwxyz-')"
PRUNE = "//*[" + " or ".join(f"contains({_LOWER.format(attr)}, '{b}')" for b in _BLOCKS for attr in ("@class", "@id")) + "]"
"""Blocks around an article that are not the article: readers' comments, related and "read also"
links, sharing and subscription boxes (by their class or id, as French and English CMSs name them)."""

_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ]+")


def clean_url(url: str) -> str:
    """An address as two links to the same article share it: scheme and host in lower case, no
    fragment, no default port, no tracking parameters, the other parameters sorted."""
    p = urlsplit(url.strip())
    scheme, host = p.scheme.lower(), (p.hostname or "").lower()
    port = p.port if p.port and (scheme, p.port) not in (("http", 80), ("https", 443)) else None
    netloc = f"{host}:{port}" if port else host
    query = sorted((k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not TRACKING.match(k))
    return urlunsplit((scheme, netloc, p.path or "/", urlencode(query), ""))


def text_digest(text: str) -> str:
    """The same for two copies of one text, whatever their spacing, case or punctuation."""
    words = re.findall(r"\w+", fold(text))
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """What trafilatura found in a page."""

    url: str
    """The canonical address (the page's own, else the one fetched), cleaned."""
    title: str
    text: str
    """Paragraphs separated by blank lines."""
    published: date | None
    author: str | None
    lang: str | None
    """The page's declared language (``<html lang>``), if any."""


def decode(body: bytes, content_type: str = "") -> str:
    """A page's text: in the charset its Content-Type gives, else the one its ``<meta>`` declares, else
    UTF-8, else Windows-1252 (which decodes any byte)."""
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I) or \
        re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", body[:4096], re.I)
    names = [m.group(1).decode() if isinstance(m.group(1), bytes) else m.group(1)] if m else []
    for name in (*names, "utf-8"):
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", "replace")


def extract(html: bytes | str, url: str) -> Article | None:
    """The article in ``html`` fetched from ``url``; None when the page holds none."""
    import trafilatura
    from lxml import html as lxml_html

    if isinstance(html, bytes):
        html = decode(html)
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)  # lxml refuses an encoding declaration in text
    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # lxml's errors for empty or unreadable documents
        return None
    lang = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip() or None
    canonical = next((h for h in tree.xpath("//head/link[@rel='canonical']/@href") if h.strip()), None)
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True,
                                      prune_xpath=PRUNE)
    if doc is None or not (doc.text or "").strip():
        return None
    title = (doc.title or "").strip()
    lines = [ln.strip() for ln in doc.text.splitlines() if ln.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the heading trafilatura keeps at the top
    address = urljoin(url, canonical.strip()) if canonical else url
    if urlsplit(address).scheme not in ("http", "https"):
        address = url
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return Article(clean_url(address), title, "\n\n".join(lines), published,
                   (doc.author or "").strip() or None, lang)


def not_french(article: Article) -> str | None:
    """Why ``article`` is not French text, or None: a declared language other than French, or too few
    French function words (le, de, et…) against English ones."""
    if article.lang and not article.lang.lower().startswith("fr"):
        return f"not French (the page declares lang={article.lang!r})"
    words = _WORD.findall(article.text.lower())
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    if not words or fr < 0.15 * len(words) or en >= fr:
        return f"not French ({fr} French and {en} English function words in {len(words)})"
    return None


def too_short(article: Article) -> str | None:
    n = len(article.text.split())
    return f"no article in the page ({n} words of text)" if n < MIN_WORDS else None


class Keep:
    """Whether an article concerns the brief: a theme cue of brief.yaml (a word beginning, as
    extraction reads cues) or a name of the gazetteer (a whole word), without regard to case or accents."""

    def __init__(self, cfg: Config):
        cues = sorted({c for t in cfg.brief.themes for c in t.cues if c.strip()})
        names = set()
        for e in cfg.entities.values():
            if e.kind == "topic":
                continue
            names.update(fold(n) for n in (*e.name.values(), *e.aliases, *e.acronyms.values(), e.acronym or "") if n)
        names = sorted((n for n in names if len(n) > 2), key=len, reverse=True)
        self._cues = re.compile(cue_pattern(cues)) if cues else None  # as extraction reads theme cues
        self._names = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None

    def why_not(self, article: Article) -> str | None:
        folded = fold(f"{article.title}\n{article.text}")
        for pattern in (self._cues, self._names):
            if pattern is not None and pattern.search(folded):
                return None
        return "no theme cue of brief.yaml and no gazetteer name in the text"


def slug(text: str, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "article"


def source_path(sources: Path, article: Article, outlet: str, published: date) -> Path:
    """A new file for ``article`` in ``sources``: ``<date>-<outlet>-<title slug>.md``, numbered when
    another article has the name already (the file of this very article is reused)."""
    stem = f"{published.isoformat()}-{outlet}-{slug(article.title)}"
    n = 1
    while True:
        name = stem if n == 1 else f"{stem}-{n}"
        taken = [sources / f"{name}{ext}" for ext in READERS if (sources / f"{name}{ext}").exists()]
        if not taken:
            return sources / f"{name}.md"
        if taken == [sources / f"{name}.md"] and _url_of(taken[0]) == article.url:
            return taken[0]
        n += 1


def _url_of(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    m = re.search(r"^url: *['\"]?(\S+?)['\"]?$", text.split("\n---", 1)[0], re.M)
    return m.group(1) if m else None


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's when PyYAML has it: ten times faster


def render(article: Article, outlet: str, published: date, fetched: datetime) -> bytes:
    """The article as sources/ holds it: Markdown with a front matter (outlet, url, date, title,
    author when known, fetched)."""
    meta = {"outlet": outlet, "url": article.url, "date": published, "title": article.title or slug(article.text)}
    if article.author:
        meta["author"] = article.author
    meta["fetched"] = fetched.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    head = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n\n{article.text}\n".encode()


def write_source(path: Path, data: bytes) -> None:
    write_atomic(path, data, private=False)


def links_of(body: bytes, url: str, limit: int = 200) -> list[str]:
    """The article links of a section page (same host, below the site's root, not the page itself)
    or of a sitemap (its ``<loc>`` addresses)."""
    head = body[:2000].lstrip()
    if head.startswith(b"<?xml") or b"<urlset" in head:
        locs = re.findall(rb"<loc>\s*([^<\s]+)\s*</loc>", body)
        out = [urljoin(url, x.decode("utf-8", "replace")) for x in locs]
        return [u for u in dict.fromkeys(out) if urlsplit(u).scheme in ("http", "https")][:limit]
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(body)
    except Exception:
        return []
    here = urlsplit(url)
    out = []
    for href in tree.xpath("//a/@href"):
        u = urljoin(url, href.strip())
        p = urlsplit(u)
        if p.scheme not in ("http", "https") or p.hostname != here.hostname:
            continue
        path = p.path.rstrip("/")
        if not path or path == here.path.rstrip("/") or re.search(r"\.(jpe?g|png|gif|svg|pdf|css|js|xml)$", path, re.I):
            continue
        if len([s for s in path.split("/") if s]) < 2 and not re.search(r"\.(s?html?|php)$", path):
            continue
        out.append(urlunsplit((p.scheme, p.netloc, p.path, p.query, "")))
    return list(dict.fromkeys(out))[:limit]
