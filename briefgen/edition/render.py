"""Render a Brief to HTML with Jinja2 (one template set, every language); its PDF through edition.pdf."""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from html import unescape as html_unescape
from pathlib import Path

import jinja2
import jinja2.meta
import jinja2.nodes
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from ..core.config import Config, logo_problem
from ..core.errors import BriefgenError, Problem
from ..core.files import image_type, private_dir
from ..core.resources import templates_dir
from ..facts.estimative import with_bands
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
    # Links only to the web and to mail: smb:, file:, ms-officecmd: and other schemes that make a
    # reader's machine open a share or a program stay the text the analyst typed.
    md.validateLink = lambda url: bool(_LINK_SCHEMES.match(url))
    return md


_LINK_SCHEMES = re.compile(r"(https?|mailto):", re.I)


def markdown(text: str, lang: str) -> Markup:
    """Analysts' Markdown as HTML; raw HTML in it is shown as text, never interpreted."""
    return Markup(with_bands(_markdown().render(text or ""), i18n.translations(lang)))


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
            private_dir(folder)
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


TEMPLATE_NAMES: dict[str, frozenset[str]] = {
    "brief.html.j2": frozenset({
        "cfg", "brief", "lang", "css", "sentence", "key_point_sentences", "logo", "amount", "name",
        "conflict_sides", "outlet", "figure", "locator_map", "glossary"}),
    "brief.css.j2": frozenset({"cfg", "brief", "lang", "hyphenate_min"}),
    "email.txt.j2": frozenset({"t", "lang"}),
    "email.html.j2": frozenset({"t", "lang", "tlp_colour"}),
}
"""The templates briefgen renders and the names each is given."""


def template_problems(cfg: Config) -> list[Problem]:
    """Problems in the user's templates folder that rendering would stop on: syntax errors, and
    names no template is given (an undefined name), each as file:line. Attributes of the given
    objects (``brief.nonexistent``) are only known when rendering, which names the template line."""
    folder = cfg.user_templates
    if folder is None or not folder.is_dir():
        return []
    env = environment(None, cfg.languages[0] if cfg.languages else "en")
    every = frozenset().union(*TEMPLATE_NAMES.values()) | frozenset(env.globals)
    problems = []
    for path in sorted(p for p in folder.rglob("*.j2") if p.is_file()):
        try:
            source = path.read_text(encoding="utf-8")
            ast = env.parse(source, path.name, str(path))
        except UnicodeDecodeError:
            problems.append(Problem(path, None, "", "not UTF-8 text"))
            continue
        except OSError as exc:
            problems.append(Problem(path, None, "", f"cannot be read: {exc.strerror or exc}"))
            continue
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(path, exc.lineno, "", f"template syntax error: {exc.message}"))
            continue
        given = TEMPLATE_NAMES.get(path.name, every) | frozenset(env.globals)
        for name in sorted(jinja2.meta.find_undeclared_variables(ast) - given):
            line = next((n.lineno for n in ast.find_all(jinja2.nodes.Name) if n.name == name), None)
            problems.append(Problem(path, line, name, f"undefined name in a template (it is given: "
                                    f"{', '.join(sorted(given - frozenset(env.globals)))})"))
    return problems


def _template_error(exc: jinja2.TemplateError) -> BriefgenError:
    """A template's error at rendering, as file:line of the template."""
    where = getattr(exc, "filename", None) or ""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:  # Jinja rewrites the traceback: template frames carry the template's line
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where, line = name, tb.tb_lineno
        tb = tb.tb_next
    return BriefgenError(f"{where or 'template'}{f':{line}' if line else ''}: {exc.message or exc}")


def render_html(cfg: Config, brief: Brief, lang: str) -> str:
    """One edition as a self-contained HTML document; a template's error is a BriefgenError naming
    its file and line."""
    try:
        return _render_html(cfg, brief, lang)
    except jinja2.TemplateError as exc:
        raise _template_error(exc) from None


def _render_html(cfg: Config, brief: Brief, lang: str) -> str:
    env = environment(cfg, lang)
    tr = i18n.translations(lang)


    def outlet(source) -> str:
        o = brief.outlets.get(source.outlet) if source is not None and source.outlet else None
        return o.name if o else (source.title if source is not None else "")

    def conflict_sides(d):
        """(value as the edition writes it, who gives it) for each side of a conflict: a hedged figure is
        « about » it and unverified; a figure from an unnamed source is that source's, as its outlet
        reports it."""
        out = []
        for side in d.sides:
            value = side.value
            if d.field == "quantity":
                try:
                    value = i18n.number(float(value), lang)
                except ValueError:
                    pass
                if side.approximate:
                    value = tr.pgettext("quantity", "about {amount}").format(amount=value)
            names = i18n.join([brief.outlets[o].name if o in brief.outlets else o for o in side.outlets], lang)
            if side.unnamed:
                who = tr.gettext("unverified; an unnamed source cited by %(outlets)s") % {"outlets": names}
            elif side.hedged:
                who = tr.gettext("unverified; %(outlets)s") % {"outlets": names}
            else:
                who = names
            out.append((value, who))
        return out

    def figure(value: str) -> str:
        try:
            return i18n.number(float(value), lang)
        except ValueError:
            return value

    css = env.get_template("brief.css.j2").render(cfg=cfg, brief=brief, lang=lang,
                                                    hyphenate_min=i18n.HYPHENATE_MIN)
    located = []

    def locator_map() -> Markup:
        if not located:
            located.append(maps.locator_map(list(brief.places), lang, _asset(cfg, "west-africa-110m.geojson")))
        return located[0]

    def render(glossary) -> str:
        # One reader reads the edition from the top: a person's role, an acronym's expansion, on the
        # first mention in the edition (the key points), not again in the sections. Speakers remember
        # whom they introduced: new ones for each rendering.
        speaker = phrasing.Speaker(lang, dict(brief.entities))
        short = phrasing.Speaker(lang, dict(brief.entities), with_roles=False)

        def sentence(item: Item, *, first_mention: bool = True) -> Markup:
            # ``first_mention`` is accepted for templates written before roles moved to the first
            # mention in the edition; the edition's one Speaker decides now.
            return _names_html(phrasing.sentence(item.fact, speaker, tr))

        def key_point_sentences() -> list[Markup]:
            """The key points' sentences, in order: one that would open with the same subject as the
            one before it opens with its date instead (the first mention, with the role, comes first)."""
            out, previous = [], None
            for item in brief.key_points:
                subject = item.fact.actors[0] if item.fact.actors and not item.fact.text.get(lang) else None
                date_first = subject is not None and subject == previous
                out.append(_names_html(phrasing.sentence(item.fact, speaker, tr, date_first=date_first)))
                previous = None if date_first else subject
            return out

        return env.get_template("brief.html.j2").render(
            cfg=cfg, brief=brief, lang=lang, css=Markup(css.replace("</", "<\\/")), sentence=sentence,
            key_point_sentences=key_point_sentences(),
            logo=_logo_url(cfg, cfg.branding.logo) if cfg.branding.logo else None,
            amount=lambda q: phrasing.amount(q, lang, tr), name=lambda eid: _names_html(short.name(eid)),
            conflict_sides=conflict_sides, outlet=outlet, figure=figure, locator_map=locator_map,
            glossary=tuple(glossary))

    # The glossary explains the acronyms the edition uses (in this language), not every acronym of
    # the entities its facts name: the edition is read without it first.
    html = render(())
    glossary = used_acronyms(brief.glossary, html, lang)
    if glossary:
        html = render(glossary)
    # Typography once, over the whole document: generated sentences, analysts' Markdown (after its
    # inline markup) and template strings alike, by the language in force at each place.
    return i18n.typeset_html(html, lang, keep_names=True)


def used_acronyms(entities, html: str, lang: str) -> list:
    """The entities whose acronym in ``lang`` appears, as a word, in the text of ``html``."""
    text = _STYLE.sub(" ", html)
    text = html_unescape(_TAGS.sub(" ", text))
    out = []
    for e in entities:
        acronym = e.acronym_in(lang)
        if acronym and re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", text):
            out.append(e)
    return out


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


def _logo_url(cfg: Config, path: Path) -> str:
    """The logo as a data: URL, once more checked to be an image inside the desk (the file may have
    changed since the settings were read)."""
    why = logo_problem(path, cfg.path.parent.parent)
    if why:
        raise BriefgenError(f"{cfg.path}: 'branding.logo' {str(path)!r} {why}")
    data = path.read_bytes()
    mime = image_type(data[:4096])
    if mime is None:
        raise BriefgenError(f"{cfg.path}: 'branding.logo' {str(path)!r} is not an image")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# -- PDF --------------------------------------------------------------------------------------
def pdf_job(cfg: Config, html: str) -> PdfJob:
    """What the PDF of one edition's HTML needs from the project: its template folders and options."""
    return PdfJob(html, tuple(template_dirs(cfg)), tagged=cfg.pdf.tagged, variant=cfg.pdf.variant)


def render_pdf(cfg: Config, html: str) -> bytes:
    """The PDF of one edition's HTML (fonts embedded, bookmarks from headings, metadata from <head>)."""
    return write_pdf(pdf_job(cfg, html))
