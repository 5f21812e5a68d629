"""Import WeasyPrint without its slow shared-library search.

WeasyPrint opens Pango, HarfBuzz, GObject and Fontconfig through cffi, trying several names per
library (Linux, macOS and Windows spellings). For every name that does not load as given, cffi asks
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p``, then ``gcc`` and ``ld``: about
fifty subprocesses and 0.2 s per import, a third of WeasyPrint's import time (see WeasyPrint issue
1125). Each list also holds the library's soname (``libpango-1.0.so.0``), which the dynamic loader
finds by itself; so the first import is tried with ``find_library`` answering "not found", and only
if a library then fails to load is it done again with the normal search.
"""

from __future__ import annotations

import contextlib
import io
import sys
from types import ModuleType


def load_weasyprint() -> ModuleType:
    """The ``weasyprint`` module, imported once per process."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    if not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        # A failed attempt prints WeasyPrint's installation advice: keep it for the real attempt.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
        return weasyprint
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = search
    import weasyprint

    return weasyprint


def _not_found(name: str) -> None:
    return None
