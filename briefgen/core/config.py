"""Load and validate config/*.yaml into one frozen Config; every problem reported at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .errors import ConfigError, Problem
from .models import ENTITY_KINDS, RELIABILITY, TLP_LABELS, Entity, Outlet
from .validate import Checker
from .yamlio import load_yaml

SUPPORTED_LANGUAGES = ("fr", "en")
ANNEXES = ("key_figures", "map", "whos_who", "glossary", "sources")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    title: Mapping[str, str]
    cues: tuple[str, ...] = ()
    """French words that signal the theme (used by extraction)."""


@dataclass(frozen=True, slots=True)
class BriefDefinition:
    """config/brief.yaml: what the brief contains and in what order."""

    title: Mapping[str, str]
    subject: Mapping[str, str]
    keywords: tuple[str, ...]
    first_edition: str
    key_points: int
    key_figures: int
    themes: tuple[Theme, ...]
    annexes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Branding:
    logo: Path | None
    primary_colour: str
    accent_colour: str


PDF_VARIANTS = ("pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/ua-1")
"""The PDF standards an edition can be written to (WeasyPrint's names): PDF/A for archiving,
PDF/UA for accessibility (tagged)."""


@dataclass(frozen=True, slots=True)
class PdfOptions:
    tagged: bool = False
    """A tagged PDF: headings, paragraphs, lists and tables marked for screen readers and reflow."""
    variant: str | None = None
    """One of PDF_VARIANTS, or None for plain PDF 1.7."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything briefgen needs to know about a project, read from its YAML files."""

    path: Path
    organisation: str
    author: str
    languages: tuple[str, ...]
    tlp: str
    sources_dir: Path
    facts_dir: Path
    output_dir: Path
    user_templates: Path | None
    branding: Branding
    brief: BriefDefinition
    entities: Mapping[str, Entity]
    outlets: Mapping[str, Outlet]
    cache_dir: Path | None = None
    """Where extraction results are cached (keyed by source content)."""
    files: Mapping[str, Path | None] = field(default_factory=dict)
    """The YAML file behind each part (``gazetteer`` → path), for error messages."""
    warnings: tuple[Problem, ...] = ()
    pdf: PdfOptions = PdfOptions()

    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.brief.themes)


def load_config(path: str | Path = "config/briefgen.yaml", *, strict: bool = False) -> Config:
    """Read the project file and the files it names; raise ConfigError listing every problem."""
    path = Path(path)
    doc = load_yaml(path)
    ck = Checker(doc, strict=strict)
    root = ck.mapping(doc.data, (), known=("organisation", "languages", "tlp", "paths", "branding", "pdf"),
                      required=("organisation", "paths"))
    base = path.resolve().parent

    org = ck.mapping(root.get("organisation"), ("organisation",), known=("name", "author"), required=("name",))
    org_name = ck.get(org, ("organisation",), "name", str, default="")
    author = ck.get(org, ("organisation",), "author", str, default=org_name)

    langs = ck.text_list(root, (), "languages") or ("fr", "en")
    for i, lang in enumerate(langs):
        if lang not in SUPPORTED_LANGUAGES:
            ck.error(("languages", i), f"{lang!r} is not a supported language ({', '.join(SUPPORTED_LANGUAGES)})")
    langs = tuple(lang for lang in langs if lang in SUPPORTED_LANGUAGES)
    tlp = ck.get(root, (), "tlp", str, default="TLP:AMBER", choices=TLP_LABELS)

    paths = ck.mapping(root.get("paths"), ("paths",),
                       known=("brief", "gazetteer", "outlets", "sources", "facts", "output", "templates",
                              "stakeholders", "delivery", "cache"),
                       required=("brief", "gazetteer", "outlets"))

    def resolve(name: str, default: str | None, *, must_exist: bool = True, folder: bool = False) -> Path | None:
        value = ck.get(paths, ("paths",), name, str, default=default)
        if value is None:
            return None
        p = (base / value).resolve()
        if must_exist and not p.exists():
            ck.error(("paths", name), f"{value!r} does not exist (resolved to {p})")
        elif must_exist and folder and not p.is_dir():
            ck.error(("paths", name), f"{value!r} is not a folder")
        return p

    brief_path = resolve("brief", None)
    gaz_path = resolve("gazetteer", None)
    outlets_path = resolve("outlets", None)
    sources_dir = resolve("sources", "../sources", must_exist=False)
    facts_dir = resolve("facts", "../facts", must_exist=False)
    output_dir = resolve("output", "../output", must_exist=False)
    user_templates = resolve("templates", None, folder=True)
    stakeholders_path = resolve("stakeholders", None)
    delivery_path = resolve("delivery", None)
    cache_dir = resolve("cache", "../output/.cache", must_exist=False)

    br = ck.mapping(root.get("branding"), ("branding",), known=("logo", "primary_colour", "accent_colour"))
    logo = ck.get(br, ("branding",), "logo", str)
    logo_path = (base / logo).resolve() if logo else None
    if logo_path and not logo_path.is_file():
        ck.error(("branding", "logo"), f"{logo!r} does not exist (resolved to {logo_path})")
    colours = {}
    for name, default in (("primary_colour", "#1f3a5f"), ("accent_colour", "#c8102e")):
        c = ck.get(br, ("branding",), name, str, default=default)
        if not _COLOUR.match(c):
            ck.error(("branding", name), f"{c!r} is not a colour like #1f3a5f")
            c = default
        colours[name] = c
    branding = Branding(logo_path, colours["primary_colour"], colours["accent_colour"])

    pdf = ck.mapping(root.get("pdf"), ("pdf",), known=("tagged", "variant"))
    variant = ck.get(pdf, ("pdf",), "variant", str, choices=PDF_VARIANTS)
    pdf_options = PdfOptions(tagged=ck.get(pdf, ("pdf",), "tagged", bool, default=False) or variant == "pdf/ua-1",
                             variant=variant)

    checkers = [ck]
    brief = entities = outlets = None
    if brief_path and brief_path.is_file():
        brief, c = _load_brief(brief_path, langs, strict)
        checkers.append(c)
    if gaz_path and gaz_path.is_file():
        entities, c = _load_gazetteer(gaz_path, langs, strict)
        checkers.append(c)
    if outlets_path and outlets_path.is_file():
        outlets, c = _load_outlets(outlets_path, strict)
        checkers.append(c)
    errors = [p for c in checkers for p in c.errors]
    if errors:
        raise ConfigError(errors)
    return Config(
        path=path.resolve(), organisation=org_name, author=author, languages=langs, tlp=tlp,
        sources_dir=sources_dir, facts_dir=facts_dir, output_dir=output_dir,
        user_templates=user_templates, branding=branding, brief=brief, entities=entities,
        outlets=outlets,
        cache_dir=cache_dir,
        files={"project": path.resolve(), "brief": brief_path, "gazetteer": gaz_path, "outlets": outlets_path,
               "stakeholders": stakeholders_path, "delivery": delivery_path},
        warnings=tuple(p for c in checkers for p in c.warnings),
        pdf=pdf_options,
    )


def _load_brief(path: Path, langs: tuple[str, ...], strict: bool) -> tuple[BriefDefinition, Checker]:
    doc = load_yaml(path)
    ck = Checker(doc, strict=strict)
    m = ck.mapping(doc.data, (), known=("title", "subject", "keywords", "first_edition", "key_points",
                                        "key_figures", "themes", "annexes"), required=("title", "themes"))
    title = ck.per_language(m, (), "title", langs, required=True)
    for lang in langs:
        if "title" in m and lang not in title:
            ck.error(("title",), f"has no {lang} title")
    subject = ck.per_language(m, (), "subject", langs)
    first = ck.get(m, (), "first_edition", str, default=None)
    if first and not _WEEK.match(first):
        ck.error(("first_edition",), f"{first!r} is not an ISO week like 2025-W30")
        first = None
    key_points = ck.get(m, (), "key_points", int, default=4)
    if not 2 <= key_points <= 5:
        ck.error(("key_points",), f"must be between 2 and 5 (bottom line up front), got {key_points}")
    key_figures = ck.get(m, (), "key_figures", int, default=3)
    themes = []
    raw_themes = m.get("themes") or []
    if not isinstance(raw_themes, list):
        ck.error(("themes",), "expected a list of themes")
        raw_themes = []
    seen = set()
    for i, t in enumerate(raw_themes):
        key = ("themes", i)
        t = ck.mapping(t, key, known=("id", "title", "cues"), required=("id", "title"))
        tid = ck.get(t, key, "id", str)
        if tid is None:
            continue
        if tid in seen:
            ck.error(key + ("id",), f"theme {tid!r} is defined twice")
        seen.add(tid)
        ttitle = ck.per_language(t, key, "title", langs, required=True)
        for lang in langs:
            if "title" in t and lang not in ttitle:
                ck.error(key + ("title",), f"has no {lang} title")
        themes.append(Theme(tid, ttitle, ck.text_list(t, key, "cues")))
    annexes = ck.text_list(m, (), "annexes") if "annexes" in m else ANNEXES
    for i, a in enumerate(annexes):
        if a not in ANNEXES:
            ck.error(("annexes", i), f"{a!r} is not an annex (expected: {', '.join(ANNEXES)})")
    return BriefDefinition(title, subject, ck.text_list(m, (), "keywords"), first or "2025-W01",
                           key_points, key_figures, tuple(themes),
                           tuple(a for a in annexes if a in ANNEXES)), ck


_SECTIONS = {"people": "person", "organisations": None, "places": "place", "programmes": "programme",
             "topics": "topic"}


def _load_gazetteer(path: Path, langs: tuple[str, ...], strict: bool) -> tuple[dict[str, Entity], Checker]:
    doc = load_yaml(path)
    ck = Checker(doc, strict=strict)
    m = ck.mapping(doc.data, (), known=tuple(_SECTIONS))
    entities: dict[str, Entity] = {}
    for section, kind in _SECTIONS.items():
        sec = ck.mapping(m.get(section), (section,))
        for eid, e in sec.items():
            key = (section, eid)
            if not _ID.match(eid):
                ck.error(key, "ids are lower-case letters, digits, '-' and '_'")
            if eid in entities:
                ck.error(key, f"id {eid!r} is already used in another section")
            known = ["name", "aliases", "acronym", "gender", "number", "article"]
            if section == "people":
                known += ["role"]
            elif section == "organisations":
                known += ["kind"]
            elif section == "places":
                known += ["kind", "lat", "lon"]
            e = ck.mapping(e, key, known=known, required=("name",))
            if section == "people":
                name = ck.get(e, key, "name", str, default=eid)
                names = {lang: name for lang in langs}
            else:
                names = ck.per_language(e, key, "name", langs, required=True)
            ekind = kind
            place_kind = None
            if section == "organisations":
                ekind = ck.get(e, key, "kind", str, default="organisation",
                               choices=("organisation", "state", "armed_group"))
            if section == "places":
                place_kind = ck.get(e, key, "kind", str, default="city",
                                    choices=("city", "country", "region", "site"))
            lat = ck.get(e, key, "lat", float) if section == "places" else None
            lon = ck.get(e, key, "lon", float) if section == "places" else None
            if lat is not None and not -90 <= lat <= 90:
                ck.error(key + ("lat",), f"latitude {lat} is out of range")
            if lon is not None and not -180 <= lon <= 180:
                ck.error(key + ("lon",), f"longitude {lon} is out of range")
            assert ekind in ENTITY_KINDS
            entities[eid] = Entity(
                id=eid, kind=ekind, name=names,
                aliases=ck.text_list(e, key, "aliases"),
                acronym=ck.get(e, key, "acronym", str),
                role=ck.per_language(e, key, "role", langs) if section == "people" else {},
                gender=ck.get(e, key, "gender", str, default="m", choices=("m", "f")),
                number=ck.get(e, key, "number", str, default="sg", choices=("sg", "pl")),
                article=ck.per_language(e, key, "article", langs) if "article" in e else {},
                place_kind=place_kind, lat=lat, lon=lon,
            )
    return entities, ck


def _load_outlets(path: Path, strict: bool) -> tuple[dict[str, Outlet], Checker]:
    doc = load_yaml(path)
    ck = Checker(doc, strict=strict)
    m = ck.mapping(doc.data, ())
    outlets = {}
    for oid, o in m.items():
        key = (oid,)
        o = ck.mapping(o, key, known=("name", "url", "reliability"), required=("name", "reliability"))
        outlets[oid] = Outlet(oid, ck.get(o, key, "name", str, default=oid),
                              ck.get(o, key, "url", str, default=""),
                              ck.get(o, key, "reliability", str, default="F", choices=RELIABILITY))
    return outlets, ck
