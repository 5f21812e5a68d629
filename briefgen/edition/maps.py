"""A locator map of the places a brief mentions: country outlines and towns, as inline SVG.

Outlines: Natural Earth 1:110m (public domain), kept in templates/assets/. Towns: the gazetteer's
coordinates. Drawn in an equirectangular projection scaled for the latitude of Mali, which is
plenty for a locator map; labels are in the edition's language.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from babel import Locale
from markupsafe import Markup, escape

from ..core.models import Entity

# The frame around Mali and its neighbours (degrees).
WEST, EAST, SOUTH, NORTH = -14.5, 6.5, 9.5, 25.5
WIDTH = 480.0
_K = math.cos(math.radians((SOUTH + NORTH) / 2))
HEIGHT = WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * _K)
# ISO 3166 alpha-3 → alpha-2 for the countries of the outline file (Babel names territories by alpha-2).
_ALPHA2 = {"ESH": "EH", "TCD": "TD", "SEN": "SN", "MLI": "ML", "MRT": "MR", "BEN": "BJ", "NER": "NE",
           "NGA": "NG", "TGO": "TG", "GHA": "GH", "CIV": "CI", "GIN": "GN", "GNB": "GW", "LBR": "LR",
           "SLE": "SL", "BFA": "BF", "GMB": "GM", "DZA": "DZ", "MAR": "MA", "LBY": "LY"}
_LABELLED = {"MLI": (-4.0, 18.0), "BFA": (-1.6, 12.3), "NER": (3.2, 15.5), "MRT": (-10.6, 20.0),
             "DZA": (2.0, 24.3), "GIN": (-11.2, 10.4), "SEN": (-13.4, 14.6), "CIV": (-5.6, 9.9)}


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * _K * WIDTH / ((EAST - WEST) * _K), (NORTH - lat) * HEIGHT / (NORTH - SOUTH)


@lru_cache(maxsize=2)
def _outlines(path: Path) -> tuple[tuple[str, str], ...]:
    """(alpha-3, SVG path data) for each country in the GeoJSON file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for feature in data["features"]:
        geom = feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        d = []
        for polygon in polygons:
            for ring in polygon:
                pts = [_xy(lon, lat) for lon, lat in ring]
                d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        out.append((feature["properties"]["iso_a3"], "".join(d)))
    return tuple(out)


def locator_map(places: list[Entity], lang: str, outline_file: Path) -> Markup:
    """Inline SVG: neighbouring countries, Mali highlighted, each place with coordinates marked."""
    territories = Locale.parse(lang).territories
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
             f'width="{WIDTH:.0f}" height="{HEIGHT:.0f}" role="img" font-family="Brief Sans">',
             f'<rect width="{WIDTH:.0f}" height="{HEIGHT:.0f}" fill="#dfe8f1"/>']
    for iso3, d in _outlines(outline_file):
        fill = "#f4efe1" if iso3 == "MLI" else "#e6e6e3"
        parts.append(f'<path d="{d}" fill="{fill}" stroke="#8c8c8c" stroke-width="0.7"/>')
    for iso3, (lon, lat) in _LABELLED.items():
        x, y = _xy(lon, lat)
        name = territories.get(_ALPHA2[iso3], iso3)
        size = 13 if iso3 == "MLI" else 9
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="#6b6b6b" text-anchor="middle" '
                     f'letter-spacing="1">{escape(name.upper())}</text>')
    towns = [(p, *_xy(p.lon, p.lat)) for p in places
             if p.lat is not None and p.lon is not None and p.place_kind != "country"]
    for place, x, y in towns:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="#c8102e" stroke="#fff" stroke-width="0.8"/>')
        # Label to the right, unless another town sits there: then to the left.
        crowded = any(0 < ox - x < 70 and abs(oy - y) < 14 for other, ox, oy in towns if other is not place)
        anchor, dx = ("end", -5) if crowded else ("start", 5)
        parts.append(f'<text x="{x + dx:.1f}" y="{y - 4:.1f}" font-size="9.5" fill="#1a1a1a" '
                     f'text-anchor="{anchor}">{escape(place.label(lang))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
