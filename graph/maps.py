"""Memorials and sites on a map, offline: an SVG of an outline of Belgium with the points on it.

No tile server and no script: the SVG is drawn here (equirectangular, corrected for latitude), so
it works in a notebook, in a file opened from disk and in print. Every label is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable

import pandas as pd

from remembrance.graph.projections import node_rows, rows
from remembrance.graph.render import style
from remembrance.graph.store import Store

_COORDINATES = "SELECT ?e ?lat ?lon WHERE { ?e rem:latitude ?lat ; rem:longitude ?lon }"

#: A simplified outline of Belgium's borders and coast (longitude, latitude), for orientation.
BELGIUM_OUTLINE = [
    (2.54, 51.09), (3.37, 51.37), (3.83, 51.29), (4.24, 51.37), (4.79, 51.50), (5.04, 51.48),
    (5.56, 51.22), (5.84, 51.16), (5.64, 50.85), (5.70, 50.76), (6.01, 50.76), (6.27, 50.62),
    (6.41, 50.33), (6.13, 50.13), (5.75, 49.79), (5.82, 49.55), (5.47, 49.50), (4.87, 49.80),
    (4.86, 50.15), (4.43, 49.94), (4.15, 50.00), (4.22, 50.27), (3.98, 50.33), (3.65, 50.46),
    (3.28, 50.53), (3.18, 50.75), (2.87, 50.70), (2.60, 50.82),
]  # fmt: skip
#: Reference towns drawn in grey, so points can be placed by eye.
REFERENCE_TOWNS = {
    "Brussels": (4.35, 50.85), "Antwerp": (4.40, 51.22), "Ghent": (3.72, 51.05),
    "Bruges": (3.22, 51.21), "Liège": (5.57, 50.63), "Namur": (4.87, 50.47),
    "Mons": (3.95, 50.45), "Bastogne": (5.72, 50.00), "Arlon": (5.82, 49.68),
}  # fmt: skip


def sites(store: Store, categories: Iterable[str] | None = None) -> pd.DataFrame:
    """Entities with coordinates: iri, label, category, latitude, longitude, earliest, latest.

    `categories` keeps only those categories (e.g. ``["Memorial"]``); default: all.
    """
    nodes = node_rows(store)
    wanted = {c.casefold() for c in categories} if categories is not None else None
    records = []
    for row in rows(store.query(_COORDINATES)):
        node = nodes.get(row["e"], {})
        category = node.get("category", "")
        if wanted is not None and category.casefold() not in wanted:
            continue
        records.append(
            {
                "iri": row["e"],
                "label": node.get("label", row["e"]),
                "category": category,
                "latitude": float(row["lat"]),
                "longitude": float(row["lon"]),
                "earliest": node.get("earliest"),
                "latest": node.get("latest"),
            }
        )
    columns = ["iri", "label", "category", "latitude", "longitude", "earliest", "latest"]
    return pd.DataFrame(records, columns=columns).sort_values("label", ignore_index=True)


def map_svg(frame: pd.DataFrame, *, width: int = 800, labels: bool = True) -> str:
    """An SVG map of the points of `frame` (columns label, category, latitude, longitude)."""
    longitudes = [p[0] for p in BELGIUM_OUTLINE] + frame["longitude"].tolist()
    latitudes = [p[1] for p in BELGIUM_OUTLINE] + frame["latitude"].tolist()
    west, east = min(longitudes) - 0.15, max(longitudes) + 0.15
    south, north = min(latitudes) - 0.1, max(latitudes) + 0.1
    scale_x = math.cos(math.radians((north + south) / 2))
    scale = width / ((east - west) * scale_x)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * scale_x * scale, 1), round((north - lat) * scale, 1)

    outline = " ".join(f"{x},{y}" for x, y in (xy(*p) for p in BELGIUM_OUTLINE))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="#f4f8fb"/>',
        f'<polygon points="{outline}" fill="#ffffff" stroke="#7a8a99" stroke-width="1.2"/>',
    ]
    for town, (lon, lat) in REFERENCE_TOWNS.items():
        x, y = xy(lon, lat)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="2" fill="#b0b0b0"/>'
            f'<text x="{x + 4}" y="{y - 3}" fill="#a0a0a0">{html.escape(town)}</text>'
        )
    for point in frame.itertuples(index=False):
        x, y = xy(point.longitude, point.latitude)
        color, _ = style(point.category)
        label = html.escape(str(point.label))
        parts.append(
            f"<g><title>{label} ({html.escape(str(point.category))}; "
            f"{point.latitude:.4f}, {point.longitude:.4f})</title>"
            f'<circle cx="{x}" cy="{y}" r="5" fill="{color}" stroke="#333" stroke-width="0.6"/>'
            + (f'<text x="{x + 7}" y="{y + 4}" fill="#222">{label}</text>' if labels else "")
            + "</g>"
        )
    parts.append(
        f'<text x="6" y="{height - 6}" fill="#888" font-size="10">'
        "Outline of Belgium simplified; points at their recorded coordinates.</text></svg>"
    )
    return "\n".join(parts)
