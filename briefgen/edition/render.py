"""Render a Brief to HTML with Jinja2 (one template set, every language); its PDF through edition.pdf."""

from __future__ import annotations

import base64
import mimetypes
import re
from functools import lru_cache
from html import unescape as html_unescape
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from ..core.config import Config
from ..core.resources import templates_dir
from . import i18n, maps, phrasing
from .brief import Brief, Item
from .pdf import PdfJob, write_pdf


# -- Markdown ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # js-default: raw HTML off, unsafe link schemes refused. Images are written back as the text
    # the analyst typed: free text must never make the PDF fetch anything.
    md = MarkdownIt("js-default")

    def image_as_text(self, tokens, idx, options, env):
        token = tokens[idx]
        return str(escape(f"![{token.content}]({token.attrGet('src') or ''})"))

    md.add_render_rule("image", image_as_text)
    return md


def markdown(text: str, lang: str) -> Markup:
    """Analysts' Markdown as HTML; raw HTML in it is shown as text, never interpreted."""
    return Markup(_markdown().render(text or ""))


# -- Jinja ------------------------------------------------------------------------------------
def template_dirs(cfg: Config | None) -> list[Path]:
    """User templates first (they override by file name), then the packaged ones."""
    dirs = [cfg.user_templates] if cfg is not None and cfg.user_templates else []
    return dirs + [templates_dir()]


def environment(cfg: Config | None, lang: str) -> jinja2.Environment:
    cache = None
    if cfg is not None and cfg.cache_dir is not None:
        # Compiled templates kept between runs (Jinja checks the source's mtime), so each edition's
        # process does not compile them again.
        folder = cfg.cache_dir / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            cache = jinja2.FileSystemBytecodeCache(str(folder))
        except OSError:
            cache = None
    env = jinja2.Environment(
        bytecode_cache=cache,
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in template_dirs(cfg)]),
        autoescape=jinja2.select_autoescape(["html", "html.j2", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True, lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
    env.filters.update(
        day=lambda d, short=False: i18n.day(d, lang, short=short),
        date_range=lambda a, b: i18n.date_range(a, b, lang),
        number=lambda v: i18n.number(v, lang),
        markdown=lambda t: markdown(t, lang),
        css_string=lambda s: _css_string(s, lang),
    )
    return env


def render_html(cfg: Config, brief: Brief, lang: str) -> str:
    """One edition as a self-contained HTML document."""
    env = environment(cfg, lang)
    tr = i18n.translations(lang)
    sources_by_id = {s.id: s for s in brief.sources}

    def conflict_values(conflict):
        """(value as the edition writes it, outlets giving it) for each side of a conflict."""
        out = []
        for value, source_ids in conflict.values:
            if conflict.field == "quantity":
                try:
                    value = i18n.number(float(value), lang)
                except ValueError:
                    pass
            names = []
            for sid in source_ids:
                s = sources_by_id.get(sid)
                o = brief.outlets.get(s.outlet) if s else None
                label = o.name if o else (s.title if s else sid)
                if label not in names:
                    names.append(label)
            out.append((value, i18n.join(names, lang)))
        return out

    css = env.get_template("brief.css.j2").render(cfg=cfg, brief=brief, lang=lang,
                                                    hyphenate_min=i18n.HYPHENATE_MIN)
    located = []

    def locator_map() -> Markup:
        if not located:
            located.append(maps.locator_map(list(brief.places), lang, _asset(cfg, "west-africa-110m.geojson")))
        return located[0]

    def render(glossary) -> str:
        # Speakers remember whom they introduced (a role at first mention only): new ones each time.
        speaker = phrasing.Speaker(lang, dict(brief.entities))
        short = phrasing.Speaker(lang, dict(brief.entities), with_roles=False)

        def sentence(item: Item, *, first_mention: bool = True) -> Markup:
            return _names_html(phrasing.sentence(item.fact, speaker if first_mention else short, tr))

        return env.get_template("brief.html.j2").render(
            cfg=cfg, brief=brief, lang=lang, css=Markup(css.replace("</", "<\\/")), sentence=sentence,
            logo=_data_url(cfg.branding.logo) if cfg.branding.logo else None,
            amount=lambda q: phrasing.amount(q, lang, tr), name=lambda eid: _names_html(short.name(eid)),
            conflict_values=conflict_values, locator_map=locator_map, glossary=tuple(glossary))

    # The glossary explains the acronyms the edition uses (in this language), not every acronym of
    # the entities its facts name: the edition is read without it first.
    html = render(())
    glossary = used_acronyms(brief.glossary, html)
    if glossary:
        html = render(glossary)
    # Typography once, over the whole document: generated sentences, analysts' Markdown (after its
    # inline markup) and template strings alike, by the language in force at each place.
    return i18n.typeset_html(html, lang, keep_names=True)


def used_acronyms(entities, html: str) -> list:
    """The entities whose acronym appears, as a word, in the text of ``html``."""
    text = _STYLE.sub(" ", html)
    text = html_unescape(_TAGS.sub(" ", text))
    return [e for e in entities if e.acronym and re.search(rf"(?<!\w){re.escape(e.acronym)}(?!\w)", text)]


_STYLE = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)
_TAGS = re.compile(r"<[^>]*>")


def _css_string(value, lang: str) -> str:
    """A CSS string (page headers and footers), with the language's typography."""
    text = str(value).replace("\n", " ")
    if lang == "fr":
        text = i18n.french_text(text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _asset(cfg: Config, name: str) -> Path:
    """A file of assets/ in the first template folder that has it."""
    for folder in template_dirs(cfg):
        if (folder / "assets" / name).is_file():
            return folder / "assets" / name
    return templates_dir() / "assets" / name


def _names_html(text: str) -> Markup:
    """Escape generated text and mark names so they are never hyphenated."""
    return Markup(str(escape(text)).replace(phrasing.NAME_OPEN, '<span class="name">')
                  .replace(phrasing.NAME_CLOSE, "</span>"))


def _data_url(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


# -- PDF --------------------------------------------------------------------------------------
def pdf_job(cfg: Config, html: str) -> PdfJob:
    """What the PDF of one edition's HTML needs from the project: its template folders and options."""
    return PdfJob(html, tuple(template_dirs(cfg)), tagged=cfg.pdf.tagged, variant=cfg.pdf.variant)


def render_pdf(cfg: Config, html: str) -> bytes:
    """The PDF of one edition's HTML (fonts embedded, bookmarks from headings, metadata from <head>)."""
    return write_pdf(pdf_job(cfg, html))
