"""briefgen: weekly situation briefs on Mali and the Sahel from French-language news.

Public API (the CLI is a thin layer over it)::

    from briefgen import load_config, build_brief, render_html, render_pdf
    cfg = load_config("config/briefgen.yaml")
    brief = build_brief(cfg, "2025-W30")
    html = render_html(cfg, brief, "fr")
    pdf_bytes = render_pdf(cfg, html)
"""

__version__ = "0.1.0"

from .core.errors import BriefgenError, ConfigError  # noqa: E402


def __getattr__(name):  # lazy: `briefgen --help` must not import WeasyPrint
    if name == "load_config":
        from .core.config import load_config
        return load_config
    if name == "build_brief":
        from .edition.brief import build_brief
        return build_brief
    if name in ("render_html", "render_pdf"):
        from .edition import render
        return getattr(render, name)
    raise AttributeError(name)


__all__ = ["BriefgenError", "ConfigError", "load_config", "build_brief", "render_html", "render_pdf"]
