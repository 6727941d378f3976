"""The map of event locations: places placed by their coordinates from
`static/places.tsv` (generated from GeoNames data by tools/build_places.py)
and drawn as an inline SVG on an equirectangular grid. Nothing is fetched:
no tiles, no shapes, no script. A place not in the table is put at its
country's capital; one with neither is listed under the map."""
from __future__ import annotations

import functools
import math
from urllib.parse import urlencode

from markupsafe import Markup, escape

from ..resources import read_tsv
from . import STATIC

WIDTH, HEIGHT = 960, 480
LABELS = 12


@functools.cache
def places() -> dict[str, tuple[float, float]]:
    """Place name or ISO alpha-3 code -> (latitude, longitude)."""
    return {r["name"]: (float(r["lat"]), float(r["lon"]))
            for r in read_tsv(STATIC / "places.tsv")}


def locate(name: str, country: str | None) -> tuple[float, float] | None:
    """(latitude, longitude) of a place name, else of its country; None when
    neither is in the places table."""
    table = places()
    return table.get(name) or (table.get(country.upper()) if country else None)


def event_map(rows, link_args: dict[str, str]) -> tuple[Markup, list]:
    """The SVG of `rows` (`(name, country, events)`) and the rows it could
    not place. Each dot links to the events there (`link_args` kept)."""
    placed, unplaced = [], []
    for name, country, n in rows:
        where = locate(name, country)
        (placed if where else unplaced).append((name, country, n, where))
    if not placed:
        return Markup(""), unplaced
    lats = [w[0] for *_, w in placed]
    lons = [w[1] for *_, w in placed]
    # The view: the points with a margin, at least 30° across, kept 2:1.
    span = max(30.0, (max(lons) - min(lons)) * 1.3, (max(lats) - min(lats)) * 2.6)
    span = min(span, 360.0)
    cx, cy = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    west, north = cx - span / 2, min(90.0, cy + span / 4)
    scale = WIDTH / span

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon - west) * scale, (north - lat) * scale

    step = next(s for s in (5, 10, 15, 30, 45, 90) if span / s <= 12)
    out = [f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="events by place" xmlns="http://www.w3.org/2000/svg">']
    for lon in range(math.ceil(west / step) * step, int(west + span) + 1, step):
        x, _ = xy(0, lon)
        out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{HEIGHT}"/>'
                   f'<text class="axis" x="{x + 3:.1f}" y="{HEIGHT - 4}">{lon}°</text>')
    for lat in range(-90, 91, step):
        _, y = xy(lat, 0)
        if 0 <= y <= HEIGHT:
            out.append(f'<line class="grid" x1="0" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>'
                       f'<text class="axis" x="3" y="{y - 3:.1f}">{lat}°</text>')
    # Capitals as landmarks, so the dots can be read without a base map.
    for code, (lat, lon) in places().items():
        if len(code) == 3 and code.isupper() and code.isascii():
            x, y = xy(lat, lon)
            if 0 <= x <= WIDTH and 0 <= y <= HEIGHT:
                out.append(f'<circle class="capital" cx="{x:.1f}" cy="{y:.1f}" r="2"/>'
                           f'<text class="capital" x="{x + 4:.1f}" y="{y - 3:.1f}">{code}</text>')
    top = max(n for _, _, n, _ in placed)
    for i, (name, country, n, (lat, lon)) in enumerate(placed):
        x, y = xy(lat, lon)
        r = 3 + 17 * math.sqrt(n / top)
        href = "/events?" + urlencode({**link_args, "place": name})
        out.append(f'<a href="{escape(href)}"><circle class="place" cx="{x:.1f}" cy="{y:.1f}" '
                   f'r="{r:.1f}"><title>{escape(name)}: {n} event{"" if n == 1 else "s"}'
                   f'</title></circle>')
        if i < LABELS:
            out.append(f'<text class="place-label" x="{x + r + 2:.1f}" y="{y + 4:.1f}">'
                       f'{escape(name)}</text>')
        out.append("</a>")
    out.append("</svg>")
    return Markup("".join(out)), unplaced
