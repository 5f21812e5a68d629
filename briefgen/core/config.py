"""Load and validate config/*.yaml into one frozen Config; every problem reported at once.

Each file has a declared shape (core.schema): the project file (briefgen.yaml), brief.yaml,
gazetteer.yaml and outlets.yaml. The shapes check what a file says; the frozen dataclasses below
are what the rest of briefgen reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Mapping

from pydantic import AfterValidator, TypeAdapter, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError

from ..facts.model import FACT_KINDS
from .errors import BriefgenError, ConfigError, Problem
from .files import image_type
from .models import RELIABILITY, TLP_LABELS, Entity, Outlet
from .schema import (
    ENCODED_WORD,
    ListOf,
    ListsPerLanguage,
    PerLanguage,
    Shape,
    TextList,
    between,
    fail,
    languages_of,
    no_encoded_word,
    validate,
)
from .weeks import parse_week
from .yamlio import load_yaml

SUPPORTED_LANGUAGES = ("fr", "en")
ANNEXES = ("key_figures", "map", "whos_who", "glossary", "sources")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    title: Mapping[str, str]
    cues: tuple[str, ...] = ()
    """French words that signal the theme (used by extraction)."""
    retired: bool = False
    """No longer followed: facts filed under it stay valid, new editions do not show it."""
    between_states: tuple[str, ...] = ()
    """Kinds of fact filed under this theme too when one state acts towards another (an arms
    delivery from one state to another is also security cooperation)."""


@dataclass(frozen=True, slots=True)
class BriefDefinition:
    """config/brief.yaml: what the brief contains and in what order."""

    title: Mapping[str, str]
    subject: Mapping[str, str]
    keywords: Mapping[str, tuple[str, ...]]
    """The PDF's keywords per language."""
    first_edition: str
    key_points: int
    key_figures: int
    themes: tuple[Theme, ...]
    """The themes the editions follow, in order (retired ones left out)."""
    annexes: tuple[str, ...]
    retired: tuple[Theme, ...] = ()
    facts_per_section: int = 25
    """The most facts a theme's section prints, the weightiest (the others are counted in one line)."""
    """Themes marked ``retired: true``: accepted in fact files, shown in no new edition."""
    off_topic: frozenset[str] = frozenset()
    """French words (lower case) of the stories the brief never reports (sport, culture, festivals,
    health campaigns, weather, harvests): an article dense in them whose themes the classifier is
    unsure of gets no theme (extraction)."""


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
        """The themes the editions follow (not the retired ones)."""
        return tuple(t.id for t in self.brief.themes)

    def retired_theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.brief.retired)


# -- shapes of the files ----------------------------------------------------------------------
# Checks that need more than the value read ``info.context``: "base" (the project file's folder),
# "languages" (the configured ones), and the ids seen so far, to report one used twice.


def resolve(base: Path, value: str) -> Path:
    """A path written in a settings file, relative to that file's folder ``base``."""
    return (base / value).resolve()


def _where(kind: str):
    """A path relative to the project file that must exist, as a file or as a folder."""
    def check(value: str, info: ValidationInfo) -> str:
        p = resolve(info.context["base"], value)
        if not p.exists():
            raise fail(f"{value!r} does not exist (resolved to {p})")
        if kind == "file" and not p.is_file():
            raise fail(f"{value!r} is a folder, expected a file")
        if kind == "folder" and not p.is_dir():
            raise fail(f"{value!r} is not a folder")
        return value
    return AfterValidator(check)


File = Annotated[str, _where("file")]
Folder = Annotated[str, _where("folder")]


def logo_problem(path: Path, desk: Path) -> str | None:
    """Why ``path`` cannot be the logo: it must be an image (by its bytes) inside the desk, the
    folder that holds config/ (the edition embeds it, and mails it)."""
    path = path.resolve()
    if not path.is_relative_to(desk.resolve()):
        return f"is outside the desk ({desk}); the logo must be an image inside it"
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if image_type(head) is None:
        return "is not an image (PNG, JPEG, GIF, WebP or SVG)"
    return None


def _logo(value: str, info: ValidationInfo) -> str:
    why = logo_problem(resolve(info.context["base"], value), info.context["base"].parent)
    if why:
        raise fail(f"{value!r} {why}")
    return value


def _supported(lang: str) -> str:
    if lang not in SUPPORTED_LANGUAGES:
        raise fail(f"{lang!r} is not a supported language ({', '.join(SUPPORTED_LANGUAGES)})")
    return lang


def _colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise fail(f"{value!r} is not a colour like #1f3a5f")
    return value


def _first_use(info: ValidationInfo, group: str, value: str) -> bool:
    """True the first time ``value`` is seen in ``group`` during this validation (items are
    checked in file order, so the second one is reported)."""
    seen = info.context.setdefault(group, set())
    first = value not in seen
    seen.add(value)
    return first


Languages = ListOf(Annotated[str, AfterValidator(_supported)])
Colour = Annotated[str, AfterValidator(_colour)]


class _Organisation(Shape):
    name: str
    author: str | None = None
    """Defaults to the organisation's name."""


class _Paths(Shape):
    brief: File
    gazetteer: File
    outlets: File
    sources: str = "../sources"
    facts: str = "../facts"
    output: str = "../output"
    templates: Folder | None = None
    stakeholders: File | None = None
    delivery: File | None = None
    feeds: File | None = None
    """Feeds and pages to fetch ('briefgen fetch'); default: feeds.yaml beside the project file, if any."""
    cache: str = "../output/.cache"


class _Branding(Shape):
    logo: Annotated[File, AfterValidator(_logo)] | None = None
    primary_colour: Colour = "#1f3a5f"
    accent_colour: Colour = "#c8102e"


class _Pdf(Shape):
    tagged: bool = False
    variant: Literal[PDF_VARIANTS] | None = None


class ProjectFile(Shape):
    """config/briefgen.yaml; paths are relative to it."""

    organisation: _Organisation
    languages: Languages = ()
    """Empty: every supported language."""
    tlp: Literal[TLP_LABELS] = "TLP:AMBER"
    paths: _Paths
    branding: _Branding = _Branding()
    pdf: _Pdf = _Pdf()


def _every_language(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    langs = info.context["languages"]
    missing = [lang for lang in langs if lang not in languages_of(value, langs)]
    if missing:
        raise fail(f"has no {' or '.join(missing)} title")
    return value


def _week(value: str) -> str:
    try:
        parse_week(value)  # the one place that knows what a week looks like
    except BriefgenError as exc:
        raise fail(str(exc)) from None
    return value


def _theme_id(value: str, info: ValidationInfo) -> str:
    if not _first_use(info, "theme ids", value):
        raise fail(f"theme {value!r} is defined twice")
    return value


def _header_text(value: dict[str, str]) -> dict[str, str]:
    """Titles go into the mail's Subject: no RFC 2047 encoded word, in any language."""
    for lang, text in value.items():
        try:
            no_encoded_word(text)
        except PydanticCustomError:
            raise fail(ENCODED_WORD, at=() if lang == "*" else (lang,)) from None
    return value


Title = Annotated[PerLanguage, AfterValidator(_every_language), AfterValidator(_header_text)]


class _Theme(Shape):
    id: Annotated[str, AfterValidator(_theme_id)]
    title: Title
    cues: TextList = ()
    between_states: ListOf(Literal[FACT_KINDS]) = ()
    retired: bool = False


class BriefFile(Shape):
    """config/brief.yaml."""

    title: Title
    subject: PerLanguage = {}
    keywords: ListsPerLanguage = {}
    first_edition: Annotated[str, AfterValidator(_week)] = "2025-W01"
    key_points: Annotated[int, between(2, 5, " (bottom line up front)")] = 4
    key_figures: Annotated[int, between(0, 50, " (0: no key figures box)")] = 3
    facts_per_section: Annotated[int, between(5, 500, " (the weightiest are printed, the others counted)")] = 25
    themes: ListOf(_Theme)
    off_topic: TextList = ()
    annexes: ListOf(Literal[ANNEXES]) = ANNEXES


def _entity_id(value: str, info: ValidationInfo) -> str:
    if not _ID.match(value):
        raise fail("ids are lower-case letters, digits, '-' and '_'")
    if not _first_use(info, "entity ids", value):
        raise fail(f"id {value!r} is already used in another section")
    return value


EntityId = Annotated[str, AfterValidator(_entity_id)]


class _Entry(Shape):
    """A gazetteer entry; each section's entries add their own keys."""

    name: PerLanguage
    aliases: TextList = ()
    acronym: PerLanguage = {}
    """One acronym, or one per language ({fr: EIGS, en: ISGS})."""
    gender: Literal["m", "f"] = "m"
    number: Literal["sg", "pl"] = "sg"
    article: PerLanguage = {}


class _PersonEntry(_Entry):
    name: str
    """The same in every language."""
    role: PerLanguage = {}


class _OrganisationEntry(_Entry):  # adjectives, home_forces, programme kind, cues: see models.Entity
    kind: Literal["organisation", "state", "armed_group"] = "organisation"
    adjectives: TextList = ()
    home_forces: bool = False


class _PlaceEntry(_Entry):
    kind: Literal["city", "country", "region", "site"] = "city"
    lat: Annotated[float, between(-90, 90)] | None = None
    lon: Annotated[float, between(-180, 180)] | None = None


class _ProgrammeEntry(_Entry):
    kind: Literal["programme", "course"] = "programme"


class _TopicEntry(_Entry):
    cues: TextList = ()


class GazetteerFile(Shape):
    """config/gazetteer.yaml: entries by section, keyed by id (unique across sections)."""

    people: dict[EntityId, _PersonEntry] = {}
    organisations: dict[EntityId, _OrganisationEntry] = {}
    places: dict[EntityId, _PlaceEntry] = {}
    programmes: dict[EntityId, _ProgrammeEntry] = {}
    topics: dict[EntityId, _TopicEntry] = {}


class _Outlet(Shape):
    name: str
    url: str = ""
    reliability: Literal[RELIABILITY]


OutletsFile = dict[str, _Outlet]
"""config/outlets.yaml: outlets keyed by id."""


# -- reading them -----------------------------------------------------------------------------
def load_config(path: str | Path = "config/briefgen.yaml", *, strict: bool = False) -> Config:
    """Read the project file and the files it names; raise ConfigError listing every problem."""
    path = Path(path)
    doc = load_yaml(path)  # problems in it name the path as given
    base = path.resolve().parent
    project, errors, warnings = validate(doc, ProjectFile, context={"base": base}, strict=strict)
    if project is not None:
        langs = project.languages or SUPPORTED_LANGUAGES
        files = {name: _resolved(base, getattr(project.paths, name)) for name in _NAMED_FILES}
    else:  # still read the files it names, so that their problems are reported too
        langs, files = _salvage(doc.data, base)

    parts: dict[str, Any] = {}
    for name, (shape, convert) in _PARTS.items():
        if files.get(name) is None:
            continue
        try:
            doc_part = load_yaml(files[name])
        except ConfigError as exc:  # a syntax error: one more problem
            errors += exc.problems
            continue
        value, e, w = validate(doc_part, shape, context={"languages": langs}, strict=strict, languages=langs)
        errors += e
        warnings += w
        if value is not None:
            parts[name] = convert(value, langs)
    if errors:
        raise ConfigError(errors)

    p, branding, pdf = project.paths, project.branding, project.pdf
    return Config(
        path=path.resolve(), organisation=project.organisation.name,
        author=project.organisation.author or project.organisation.name, languages=langs, tlp=project.tlp,
        sources_dir=resolve(base, p.sources), facts_dir=resolve(base, p.facts),
        output_dir=resolve(base, p.output), user_templates=_resolved(base, p.templates),
        branding=Branding(_resolved(base, branding.logo), branding.primary_colour, branding.accent_colour),
        brief=parts["brief"], entities=parts["gazetteer"], outlets=parts["outlets"],
        cache_dir=resolve(base, p.cache),
        files={"project": path.resolve(), **files, "feeds": _feeds_file(base, p.feeds)},
        warnings=tuple(warnings),
        pdf=PdfOptions(tagged=pdf.tagged or pdf.variant == "pdf/ua-1", variant=pdf.variant),
    )


_NAMED_FILES = ("brief", "gazetteer", "outlets", "stakeholders", "delivery")
"""The settings files the project file names (``cfg.files``)."""


def _feeds_file(base: Path, value: str | None) -> Path | None:
    """The feeds file: the one ``paths.feeds`` names, else ``feeds.yaml`` beside the project file when
    there is one (a desk without it fetches nothing)."""
    if value is not None:
        return resolve(base, value)
    default = base / "feeds.yaml"
    return default.resolve() if default.is_file() else None


def _resolved(base: Path, value: str | None) -> Path | None:
    return None if value is None else resolve(base, value)


def _salvage(data: Any, base: Path) -> tuple[tuple[str, ...], dict[str, Path | None]]:
    """The languages and named files of a project file that has problems, as far as those parts
    are valid on their own (their problems are reported already)."""
    def part(shape: Any, value: Any, default: Any) -> Any:
        try:
            return TypeAdapter(shape).validate_python(value, context={"base": base})
        except ValidationError:
            return default

    data = data if isinstance(data, dict) else {}
    paths = data.get("paths") if isinstance(data.get("paths"), dict) else {}
    langs = part(Languages, data.get("languages", ()), ()) or SUPPORTED_LANGUAGES
    return langs, {name: _resolved(base, part(File, paths.get(name), None)) for name in _NAMED_FILES}


def _brief(b: BriefFile, langs: tuple[str, ...]) -> BriefDefinition:
    return BriefDefinition(
        title=languages_of(b.title, langs), subject=languages_of(b.subject, langs),
        keywords=languages_of(b.keywords, langs),
        first_edition=b.first_edition, key_points=b.key_points, key_figures=b.key_figures,
        themes=tuple(Theme(t.id, languages_of(t.title, langs), t.cues, between_states=t.between_states)
                     for t in b.themes if not t.retired),
        annexes=b.annexes, facts_per_section=b.facts_per_section, off_topic=frozenset(w.lower() for w in b.off_topic),
        retired=tuple(Theme(t.id, languages_of(t.title, langs), t.cues, True) for t in b.themes if t.retired))


_KINDS = {"people": "person", "places": "place", "programmes": "programme", "topics": "topic"}
"""The entity kind of each gazetteer section (organisations say theirs)."""


def _entities(g: GazetteerFile, langs: tuple[str, ...]) -> dict[str, Entity]:
    entities = {}
    for section in GazetteerFile.model_fields:
        for eid, e in getattr(g, section).items():
            person, place = isinstance(e, _PersonEntry), isinstance(e, _PlaceEntry)
            org = isinstance(e, _OrganisationEntry)
            acronyms = languages_of(e.acronym, langs)
            # The acronym of the first language is the one extraction knows by that name; when they
            # differ by language all are aliases too, so an article that uses any of them is read.
            acronym = acronyms.get(langs[0]) or next(iter(acronyms.values()), None)
            acronyms = {lang: acronyms.get(lang) or acronym for lang in langs} if acronym else {}
            distinct = tuple(dict.fromkeys(acronyms.values()))
            aliases = e.aliases + (tuple(a for a in distinct if a not in e.aliases) if len(distinct) > 1 else ())
            entities[eid] = Entity(
                id=eid, kind=e.kind if section == "organisations" else _KINDS[section],
                name={lang: e.name for lang in langs} if person else languages_of(e.name, langs),
                aliases=aliases, acronym=acronym, acronyms=acronyms,
                role=languages_of(e.role, langs) if person else {},
                gender=e.gender, number=e.number, article=languages_of(e.article, langs),
                place_kind=e.kind if place else None,
                lat=e.lat if place else None, lon=e.lon if place else None,
                adjectives=e.adjectives if org else (), home_forces=org and e.home_forces,
                programme_kind=e.kind if isinstance(e, _ProgrammeEntry) else None,
                cues=e.cues if isinstance(e, _TopicEntry) else ())
    return entities


def _outlets(o: dict[str, _Outlet], langs: tuple[str, ...]) -> dict[str, Outlet]:
    return {oid: Outlet(oid, x.name, x.url, x.reliability) for oid, x in o.items()}


_PARTS = {"brief": (BriefFile, _brief), "gazetteer": (GazetteerFile, _entities), "outlets": (OutletsFile, _outlets)}
"""The files a Config is made of besides the project file: their shape, and how each becomes part of it."""
