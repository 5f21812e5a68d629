"""The review desk's web application (Starlette, served by uvicorn).

Safety rules, all enforced here for every request:
- bound to 127.0.0.1 unless told otherwise; another address only with ``--token`` (``serve`` refuses
  to start without one), and then every request but the static files must carry the token;
- the Host header must name the address and port the desk is bound to (a page of another site that a
  DNS rebinding points at 127.0.0.1 is refused);
- every write carries the per-process CSRF token in a header (no cookie is ever set) and a JSON body;
- weeks, fact ids and article ids in URLs match their patterns and articles are read from sources/
  only;
- the pages escape everything (Jinja autoescape); the editions previewed are the editions' own HTML,
  served with a policy that lets them load nothing;
- every write is a decision of briefgen.facts.review made against the file's version (its sha256):
  a file changed since the page loaded it is not overwritten (HTTP 409).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..core.config import Config
from ..core.errors import BriefgenError, ConfigError
from ..core.layout import edition_path
from ..extract.proposals import read_proposals
from ..facts import review
from . import views

log = logging.getLogger("briefgen")
HERE = Path(__file__).resolve().parent
LOOPBACK = ("127.0.0.1", "localhost", "::1")
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'none'")
PREVIEW_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                  "base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Desk:
    """The desk one server serves: its settings, the week it opens on and its secrets."""

    cfg: Config
    week: str
    host: str
    port: int
    token: str | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    _problems: dict = field(default_factory=dict)
    _pdf_lock: threading.Lock = field(default_factory=threading.Lock)
    _files: dict = field(default_factory=dict)
    _briefs: dict = field(default_factory=dict)
    _brief_lock: threading.Lock = field(default_factory=threading.Lock)
    _views: dict = field(default_factory=dict)

    # Everything the pages show is a function of the week's file (its version) and of the other
    # files a brief reads: each fact file is read once per version, and serves the page, the panel,
    # check's problems and the previews (a save hands over the file its validation read). The
    # settings are read once, at start: restart the desk after editing config/.
    def remember(self, week: str, version: str, ff, warnings) -> None:
        self._files[week] = (version, ff, list(warnings), None)

    def reload(self, cfg: Config) -> None:
        """New settings (an entry accepted into the gazetteer): everything shown is read again."""
        self.cfg = cfg
        self._files, self._briefs, self._problems, self._views = {}, {}, {}, {}

    def read_week(self, week: str, all_sources) -> tuple[str, object, list, str | None]:
        """(version, FactFile or None, warnings, problem) of a week's file, read once per version."""
        from ..facts.load import load_fact_file
        from ..facts.model import Analysis, FactFile

        path = views.fact_path(self.cfg, week)
        version = review.file_version(path)
        cached = self._files.get(week)
        if cached is not None and cached[0] == version:
            return cached
        if not path.exists():
            entry = (version, FactFile(path, week, (), Analysis()), [], None)
        else:
            try:
                ff, warnings = load_fact_file(self.cfg, path, source_ids=all_sources.keys())
                entry = (version, ff, list(warnings), None)
            except ConfigError as exc:
                entry = (version, None, [], "; ".join(views.relative(self.cfg, str(p)) for p in exc.problems))
            except BriefgenError as exc:
                entry = (version, None, [], views.relative(self.cfg, str(exc)))
        if review.file_version(path) == version:  # not changed while it was read
            self._files[week] = entry
        return entry

    def views(self, week: str, all_sources):
        """(version, the facts as shown, problem) of a week, computed once per version."""
        version, ff, _, error = self.read_week(week, all_sources)
        key = (week, version)
        if self._views.get("key") != key:
            shown = views.fact_views(self.cfg, ff, all_sources) if ff is not None else []
            self._views = {"key": key, "views": shown}
        return version, self._views["views"], error

    def problems(self, week: str, version: str) -> list[str]:
        all_sources = views.sources(self.cfg)
        version, ff, warnings, error = self.read_week(week, all_sources)
        key = (week, version)
        if key not in self._problems:
            found = [f"error: {error}"] if error else views.week_problems(self.cfg, ff, warnings, all_sources)
            self._problems = {key: [views.relative(self.cfg, p) for p in found]}
        return self._problems[key]

    def brief(self, week: str):
        """The week's Brief, shared by the previews of every language while no input changed."""
        from ..core.weeks import weeks_from
        from ..edition.brief import build_brief
        from ..edition.freshness import inputs_digest

        with self._brief_lock:
            key = (week, inputs_digest(self.cfg, week))
            if key not in self._briefs:
                all_sources = views.sources(self.cfg)
                files = {}
                for w in weeks_from(self.cfg.brief.first_edition, week):
                    _, ff, warnings, error = self.read_week(w, all_sources)
                    if ff is not None and views.fact_path(self.cfg, w).exists():
                        files[w] = (ff, warnings)
                self._briefs = {key: build_brief(self.cfg, week, sources=all_sources, files=files)}
            return self._briefs[key]

    def allowed_hosts(self) -> set[str]:
        names = {self.host, f"[{self.host}]"} | (set(LOOPBACK) | {"[::1]"} if is_loopback(self.host) else set())
        return {f"{n}:{self.port}" for n in names} | ({n for n in names} if self.port == 80 else set())


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    from ..edition.render import markdown

    env.filters["markdown"] = lambda text, lang="en": markdown(text or "", lang)
    return env


ENV = _environment()


def _page(name: str, code: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(name).render(**context), status_code=code,
                        headers={"Content-Security-Policy": PAGE_POLICY})


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


class Guard:
    """ASGI middleware: Host header, token, CSRF and the safety headers of every response."""

    def __init__(self, app, desk: Desk):
        self.app, self.desk = app, desk

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            return await refusal(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"cache-control", b"no-store")]
                if not any(k.lower() == b"x-frame-options" for k, _ in headers):
                    headers.append((b"x-frame-options", b"SAMEORIGIN"))
                message["headers"] = headers
            await send(message)

        return await self.app(scope, receive, with_headers)

    def _refusal(self, request: Request) -> Response | None:
        desk = self.desk
        host = request.headers.get("host", "")
        if host.lower() not in desk.allowed_hosts() and not (desk.token and not is_loopback(desk.host)
                                                             and desk.host in ("0.0.0.0", "::")):
            return PlainTextResponse(f"Host {host!r} is not this desk's address", status_code=400)
        path = request.url.path
        if desk.token and not path.startswith("/static/"):
            given = request.headers.get("x-desk-token") or request.query_params.get("token") or ""
            if not hmac.compare_digest(given.encode(), desk.token.encode()):
                return PlainTextResponse("this desk needs its token (?token=…)", status_code=401)
        if request.method not in ("GET", "HEAD"):
            given = request.headers.get("x-csrf-token", "")
            if not hmac.compare_digest(given.encode(), desk.csrf.encode()):
                return _error(403, "missing or wrong CSRF token: reload the page")
            origin = request.headers.get("origin")
            if origin and origin.split("://", 1)[-1].lower() not in desk.allowed_hosts() and not desk.token:
                return _error(403, f"origin {origin!r} is not this desk")
        return None


def create_app(desk: Desk) -> Starlette:
    def week_of(request: Request) -> str:
        week = request.path_params["week"]
        if not views.valid_week(week):
            raise _NotFound(f"{week!r} is not an ISO week (YYYY-Www)")
        return week

    def index(request: Request):
        return Response(status_code=303, headers={"location": _with_token(f"/week/{desk.week}", desk)})

    def page(request: Request):
        week = week_of(request)
        status = request.query_params.get("status") or None
        if status not in (None, *review.STATUSES):
            status = None
        all_sources = views.sources(desk.cfg)
        path = views.fact_path(desk.cfg, week)
        version, facts, error = desk.views(week, all_sources)
        counts = {s: sum(1 for v in facts if v.fact.status == s) for s in review.STATUSES}
        return _page("desk.html.j2", cfg=desk.cfg, week=week, version=version, status=status, error=error,
                     groups=views.grouped(desk.cfg, facts, status), facts=facts, counts=counts,
                     analysis=_analysis(path), langs=desk.cfg.languages, csrf=desk.csrf, token=desk.token or "",
                     themes=[t for t in desk.cfg.brief.themes], statuses=review.STATUSES, trends=review.TRENDS,
                     q=lambda url: _with_token(url, desk), file=path.name, proposals=read_proposals(desk.cfg),
                     gazetteer_version=_gazetteer_version(desk.cfg))

    def fact_panel(request: Request):
        week = week_of(request)
        fid = request.path_params["fact"]
        if not views.FACT_ID.match(fid):
            raise _NotFound(f"{fid!r} is not a fact id")
        all_sources = views.sources(desk.cfg)
        _, facts, error = desk.views(week, all_sources)
        if error is not None:
            return HTMLResponse(f"<p class=error>{escape(error)}</p>")
        view = next((v for v in facts if v.id == fid), None)
        if view is None:
            raise _NotFound(f"no fact {fid!r} in {week}")
        articles = []
        for sid in dict.fromkeys(e.source for e in view.fact.evidence):
            src = views.article(desk.cfg, all_sources, sid)
            spans = [(e.start, e.end, i) for i, e in enumerate(view.fact.evidence) if e.source == sid]
            articles.append((sid, src, views.highlighted(src, spans) if src else None))
        return _page("fact.html.j2", cfg=desk.cfg, week=week, v=view, f=view.fact, articles=articles, langs=desk.cfg.languages,
                     others=[o for o in facts if o.id != fid], themes=desk.cfg.brief.themes)

    def article_page(request: Request):
        week_of(request)
        src = views.article(desk.cfg, views.sources(desk.cfg), request.path_params["source"])
        if src is None:
            raise _NotFound("no such article in sources/")
        return _page("article.html.j2", src=src, text=views.highlighted(src, []))

    def state(request: Request):
        week = week_of(request)
        version = review.file_version(views.fact_path(desk.cfg, week))
        return JSONResponse({"version": version, "problems": desk.problems(week, version)})

    def preview(request: Request):
        week = week_of(request)
        lang = request.path_params["lang"]
        if lang not in desk.cfg.languages:
            raise _NotFound(f"{lang!r} is not a language of this desk")
        from ..edition.render import render_html

        try:
            html = render_html(desk.cfg, desk.brief(week), lang)
        except ConfigError as exc:
            html = ENV.get_template("unbuilt.html.j2").render(problems=[views.relative(desk.cfg, str(p)) for p in exc.problems])
        except BriefgenError as exc:
            html = ENV.get_template("unbuilt.html.j2").render(problems=[views.relative(desk.cfg, str(exc))])
        return HTMLResponse(html, headers={"Content-Security-Policy": PREVIEW_POLICY})

    async def decide(request: Request):
        week = week_of(request)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _error(415, "decisions are sent as JSON")
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "the decision is not valid JSON")
        if not isinstance(body, dict):
            return _error(400, "the decision is not a JSON object")
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_decide, desk, week, body)

    def build_pdfs(request: Request):
        week = week_of(request)
        from ..edition.build import build

        with desk._pdf_lock:
            try:
                build(desk.cfg, week, force=False)
            except ConfigError as exc:
                return _error(400, "; ".join(views.relative(desk.cfg, str(p)) for p in exc.problems))
            except BriefgenError as exc:
                return _error(400, views.relative(desk.cfg, str(exc)))
        return JSONResponse({"pdfs": {lang: _with_token(f"/week/{week}/pdf/{lang}", desk) for lang in desk.cfg.languages}})

    def pdf(request: Request):
        week = week_of(request)
        lang = request.path_params["lang"]
        if lang not in desk.cfg.languages:
            raise _NotFound(f"{lang!r} is not a language of this desk")
        path = edition_path(desk.cfg.output_dir, week, lang, "pdf")
        if not path.is_file():
            raise _NotFound("not built yet: use the PDF button")
        return FileResponse(path, media_type="application/pdf", filename=f"brief-{week}.{lang}.pdf")

    async def markdown_preview(request: Request):
        week_of(request)
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "not JSON")
        text, lang = body.get("text"), body.get("lang")
        if not isinstance(text, str) or lang not in desk.cfg.languages:
            return _error(400, "expected text and a language")
        from ..edition.render import markdown

        return JSONResponse({"html": str(markdown(text, lang))})

    async def not_found(request: Request, exc):
        return PlainTextResponse(str(exc), status_code=404)

    routes = [
        Route("/", index),
        Route("/week/{week}", page),
        Route("/week/{week}/fact/{fact}", fact_panel),
        Route("/week/{week}/article/{source}", article_page),
        Route("/week/{week}/state", state),
        Route("/week/{week}/preview/{lang}", preview),
        Route("/week/{week}/decide", decide, methods=["POST"]),
        Route("/week/{week}/markdown", markdown_preview, methods=["POST"]),
        Route("/week/{week}/pdf", build_pdfs, methods=["POST"]),
        Route("/week/{week}/pdf/{lang}", pdf),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={_NotFound: not_found})
    return Guard(app, desk)


class _NotFound(Exception):
    pass


def _gazetteer_version(cfg: Config) -> str:
    path = cfg.files.get("gazetteer")
    return review.file_version(path) if path is not None else ""


def _with_token(url: str, desk: Desk) -> str:
    if not desk.token:
        return url
    from urllib.parse import quote

    return f"{url}{'&' if '?' in url else '?'}token={quote(desk.token)}"


def _analysis(path: Path) -> dict:
    """The analysis as written (per language texts; watch lists one item per line), for its forms."""
    from ..core.yamlio import load_yaml

    try:
        data = load_yaml(path).data if path.exists() else {}
    except BriefgenError:
        return {}
    a = (data or {}).get("analysis") or {}
    return a if isinstance(a, dict) else {}


def _text(body: dict, key: str) -> str:
    value = body.get(key, "")
    if not isinstance(value, str):
        raise BriefgenError(f"{key!r}: expected text")
    return value


def _decide(desk: Desk, week: str, body: dict) -> JSONResponse:
    """One decision of the review loop, through briefgen.facts.review."""
    cfg = desk.cfg
    action = body.get("action")
    version = body.get("version")
    fid = body.get("fact")
    if not isinstance(version, str):
        return _error(400, "the decision does not say which version of the file it was made on")
    if fid is not None and (not isinstance(fid, str) or not views.FACT_ID.match(fid)):
        return _error(400, f"{fid!r} is not a fact id")
    langs = cfg.languages

    def lang_of() -> str:
        lang = body.get("lang")
        if lang not in langs:
            raise BriefgenError(f"language {lang!r}: expected one of {', '.join(langs)}")
        return lang

    try:
        if action == "status":
            change = lambda d, s=_text(body, "status"), n=_text(body, "note"): review.set_status(d, fid, s, n)  # noqa: E731
        elif action == "text":
            change = lambda d, lang=lang_of(), t=_text(body, "text"): review.set_text(d, fid, lang, t)  # noqa: E731
        elif action == "quote":
            change = lambda d, lang=lang_of(), t=_text(body, "text"): review.set_quote_translation(d, fid, lang, t)  # noqa: E731
        elif action == "notes":
            change = lambda d, t=_text(body, "notes"): review.set_notes(d, fid, t)  # noqa: E731
        elif action == "key_point":
            change = lambda d, on=bool(body.get("on")): review.set_key_point(d, fid, on)  # noqa: E731
        elif action == "key_figure":
            q = body.get("quantity")
            q = None if q in (None, "") else int(q)
            caption = {lang: _text(body, f"caption_{lang}") for lang in langs}
            change = lambda d: review.set_key_figure(d, fid, q, caption)  # noqa: E731
        elif action == "themes":
            themes = body.get("themes") or []
            known = {t.id for t in cfg.brief.themes}
            if not isinstance(themes, list) or any(t not in known for t in themes):
                raise BriefgenError(f"themes {themes!r}: expected some of {', '.join(sorted(known))}")
            change = lambda d: review.set_themes(d, fid, themes)  # noqa: E731
        elif action == "date":
            change = lambda d, a=_text(body, "start"), b=_text(body, "end"), p=_text(body, "precision") or "day": \
                review.set_date(d, fid, a, b or None, p)  # noqa: E731
        elif action == "quantities":
            change = lambda d, q=_quantities(body.get("quantities")): review.set_quantities(d, fid, q)  # noqa: E731
        elif action == "merge":
            other = body.get("other")
            if not isinstance(other, str) or not views.FACT_ID.match(other):
                raise BriefgenError(f"{other!r} is not a fact id")
            change = lambda d: review.merge_facts(d, fid, other)  # noqa: E731
        elif action == "split":
            picked = [int(i) for i in body.get("evidence") or []]
            change = lambda d: review.split_fact(d, fid, picked)  # noqa: E731
        elif action == "gazetteer":
            from ..core.config import load_config
            from ..extract.proposals import accept_proposal

            gversion = accept_proposal(cfg, _text(body, "section"), _text(body, "entity"), _text(body, "body"),
                                       version=body.get("gazetteer_version") or None)
            desk.reload(load_config(cfg.path))
            return JSONResponse({"version": review.file_version(views.fact_path(cfg, week)),
                                 "gazetteer_version": gversion, "result": None})
        elif action == "analysis":
            theme = body.get("theme") or None
            part = _text(body, "part")
            lang = lang_of() if part not in ("trends",) else None
            change = lambda d, t=_text(body, "text"): review.set_analysis(d, part, lang, t, theme)  # noqa: E731
        elif action in ("item", "remove_item"):
            part = _text(body, "part")
            index = body.get("index")
            index = None if index in (None, "") else int(index)
            if action == "remove_item":
                if index is None:
                    raise BriefgenError(f"analysis.{part}: which item?")
                change = lambda d: review.remove_analysis_item(d, part, index)  # noqa: E731
            else:
                texts = {lang: _text(body, f"text_{lang}") for lang in langs}
                themes = body.get("themes") or []
                known = {t.id for t in cfg.brief.themes}
                if not isinstance(themes, list) or any(t not in known for t in themes):
                    raise BriefgenError(f"themes {themes!r}: expected some of {', '.join(sorted(known))}")
                change = lambda d: review.set_analysis_item(d, part, index, texts, themes)  # noqa: E731
        else:
            return _error(400, f"unknown decision {action!r}")
        single = action not in ("merge", "split", "analysis", "item", "remove_item")
        edit = review.edit_week(cfg, week, change, version=version, source_ids=views.sources(cfg).keys(),
                                only=(fid,) if single and fid else ())
        if edit.facts is not None:
            desk.remember(week, edit.version, edit.facts, edit.warnings)
    except review.VersionConflict as exc:
        return _error(409, views.relative(cfg, str(exc)),
                      version=review.file_version(views.fact_path(cfg, week)))
    except (BriefgenError, ValueError, TypeError) as exc:
        return _error(400, views.relative(cfg, str(exc)))
    return JSONResponse({"version": edit.version, "result": edit.result if isinstance(edit.result, str) else None})


def _quantities(value) -> list[dict]:
    """Quantities as the form sends them: a YAML list (as in the fact file)."""
    import yaml

    if isinstance(value, str):
        try:
            value = yaml.safe_load(value) if value.strip() else []
        except yaml.YAMLError as exc:
            raise BriefgenError(f"quantities: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(value, list) or not all(isinstance(q, dict) for q in value):
        raise BriefgenError("quantities: expected a list of {value, unit, text…}")
    return value


def serve(cfg: Config, week: str | None, *, host: str = "127.0.0.1", port: int = 8765,
          token: str | None = None) -> None:
    """Run the desk until interrupted."""
    import uvicorn

    from ..edition.brief import newest_week

    if not is_loopback(host) and not token:
        raise BriefgenError(f"--host {host}: the desk would be reachable from other machines; give it a "
                            "--token (a long random secret) to bind to an address other than 127.0.0.1")
    if token is not None and len(token) < 16:
        raise BriefgenError("--token: at least 16 characters (a long random secret)")
    if week is not None and not views.valid_week(week):
        raise BriefgenError(f"--week {week!r}: not an ISO week (YYYY-Www, e.g. 2025-W30)")
    desk = Desk(cfg, week or newest_week(cfg), host, port, token)
    app = create_app(desk)
    shown = f"[{host}]" if ":" in host else host
    log.info("review desk of %s on http://%s:%d/%s (Ctrl-C to stop)", desk.week, shown, port,
             f"?token={token}" if token else "")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
