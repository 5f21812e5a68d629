"""WeasyPrint is imported without the shared-library search, and still loads where that search is needed.

Each check runs in a new interpreter: an import can only be observed once per process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast path is Linux-only")


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120)


# Counts every subprocess started in the interpreter, then renders a PDF with the loaded module.
COUNT_AND_RENDER = """
    import subprocess
    started = []
    original = subprocess.Popen.__init__
    def counting(self, args, *a, **k):
        started.append(args)
        original(self, args, *a, **k)
    subprocess.Popen.__init__ = counting
    {setup}
    {load}
    pdf = weasyprint.HTML(string="<p>Bamako, 21 juillet 2025</p>").write_pdf()
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    print(len(started))
"""


def test_weasyprint_loads_without_spawning_the_library_search():
    ours = run_python(COUNT_AND_RENDER.format(
        setup="", load="from briefgen.edition.engine import load_weasyprint; weasyprint = load_weasyprint()"))
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout.strip() == "0"
    # The same interpreter importing WeasyPrint directly does run the search (ldconfig, gcc, ld):
    # this is what the loader saves, and it shows the counter above can see it.
    bare = run_python(COUNT_AND_RENDER.format(setup="", load="import weasyprint"))
    assert bare.returncode == 0, bare.stderr
    assert int(bare.stdout.strip()) > 0


def test_falls_back_to_the_library_search_when_a_soname_does_not_load():
    # A system where the dynamic loader alone cannot find the libraries: every dlopen made while the
    # search is switched off fails. WeasyPrint must still load, through the normal search, and the
    # first attempt's installation advice must not reach the user.
    setup = """
    import ctypes.util, cffi
    from briefgen.edition import engine
    real_dlopen = cffi.FFI.dlopen
    def dlopen(self, name, *a, **k):
        if ctypes.util.find_library is engine._not_found:
            raise OSError(f"cannot load library {name!r}")
        return real_dlopen(self, name, *a, **k)
    cffi.FFI.dlopen = dlopen
    """
    result = run_python(COUNT_AND_RENDER.format(
        setup=textwrap.dedent(setup).replace("\n", "\n    "),
        load="weasyprint = engine.load_weasyprint()"))
    assert result.returncode == 0, result.stderr
    assert "could not import some external libraries" not in result.stdout
    assert int(result.stdout.strip()) > 0  # the normal search ran
