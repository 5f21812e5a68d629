"""The HTML edition as a reader opens it in a browser: self-contained (no asset a browser cannot
load, fonts from the system), a readable column with the TLP label at the top and the bottom, and
valid HTML.

The screenshot is taken by Debian's ``chromium`` in headless mode and the markup checked by Debian's
``tidy`` (HTML Tidy 5, which knows HTML5; the Nu validator is not packaged) and by the WHATWG
parser WeasyPrint itself uses (tinyhtml5, whose parse errors are the spec's). setup.sh installs
both packages; a test that needs one skips, saying so, only where it is absent."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from tinyhtml5.parser import HTMLParser

WEEKS = ("2025-W29", "2025-W30")
TLP_AMBER = (0xFF, 0xC0, 0x00)


@pytest.fixture(scope="module")
def editions(example_output) -> list[Path]:
    """The HTML editions of a quiet week and of the example's week, in both languages."""
    return [example_output / week / f"brief.{lang}.html" for week in WEEKS for lang in ("fr", "en")]


def test_html_loads_nothing_a_browser_cannot_open(editions):
    for path in editions:
        html = path.read_text(encoding="utf-8")
        assert "briefgen-asset:" not in html, path
        for url in re.findall(r"""url\(\s*["']?([^"')]+)""", html) + re.findall(r'\ssrc="([^"]+)"', html):
            assert url.startswith("data:"), f"{path.name}: {url[:60]}"
        # Every font family the styles name ends with a generic family the browser always has.
        for stack in re.findall(r"font-family:\s*([^;}]+)", html):
            assert stack.strip().split(",")[-1].strip() in ("serif", "sans-serif"), stack


def test_html_has_a_screen_layout_with_tlp_at_top_and_bottom(editions):
    html = editions[2].read_text(encoding="utf-8")
    assert "@media screen" in html and "max-width" in html
    body = html[html.index("<body>"):]
    banners = [m.start() for m in re.finditer(r'<p class="tlp-banner (top|bottom)"><span>TLP:AMBER</span></p>', body)]
    assert len(banners) == 2 and banners[0] < body.index("<header") and banners[1] > body.index('class="annexes"')


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Debian's chromium package is not installed (setup.sh installs it)")
def test_chromium_shows_a_readable_page_and_loads_everything(editions, tmp_path):
    for path in editions[2:]:  # W30, the fullest edition
        shot = tmp_path / f"{path.stem}.png"
        result = subprocess.run(
            ["chromium", "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
             f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,2000",
             path.as_uri()], capture_output=True, text=True, timeout=180)
        assert shot.is_file(), result.stderr[-2000:]
        # A resource the page could not load is reported on the console (e.g. a font blocked by CORS).
        console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
        assert not console, "\n".join(console)
        image = Image.open(shot).convert("RGB")
        width, height = image.size
        pixels = image.load()
        # Not blank: a good share of the column is ink.
        column = [pixels[x, y] for x in range(300, 980, 4) for y in range(0, height, 4)]
        ink = sum(1 for p in column if sum(p) < 300)
        assert ink > 0.02 * len(column), f"{path.name}: the page looks blank"
        # A centred column: both outer margins are one plain background colour, without text.
        for x in (20, width - 20):
            assert len({pixels[x, y] for y in range(0, height, 8)}) <= 2, f"{path.name}: text in the margin at x={x}"
        # The TLP label, amber on black, at the top right of the column.
        top_right = [(x, y) for x in range(width // 2, width) for y in range(0, 120) if _near(pixels[x, y], TLP_AMBER)]
        assert top_right, f"{path.name}: no TLP label at the top right"


def _near(colour, target, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target))


@pytest.mark.skipif(shutil.which("tidy") is None,
                    reason="Debian's tidy package is not installed (setup.sh installs it)")
def test_tidy_finds_no_error(editions):
    for path in editions:
        result = subprocess.run(["tidy", "-q", "-e", "--gnu-emacs", "yes", str(path)], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode < 2, result.stderr  # 2: errors; 1: warnings only
        # Tidy does not know SVG's presentation attributes (font-family on <svg> is valid SVG).
        warnings = [w for w in result.stderr.splitlines() if w and "<svg> proprietary attribute" not in w]
        assert not warnings, "\n".join(warnings)


def test_html_parses_without_error(editions):
    for path in editions:
        parser = HTMLParser()
        parser.parse(path.read_text(encoding="utf-8"))
        assert not parser.errors, (path.name, parser.errors[:5])
