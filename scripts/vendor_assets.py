"""Vendor the map and timeline libraries and the base map into graph/assets/, from npm.

    python scripts/vendor_assets.py

Runs ``npm pack`` for each package of PACKAGES (the npm registry, nothing else), copies the files
the pages inline with the package's licence, and writes ``graph/assets/MANIFEST.json`` (package,
version, licence, tarball integrity, sha256 of every file). The base map ``countries.geojson``
is derived from world-atlas's TopoJSON of Natural Earth's 1:10m admin-0 countries (public
domain): its arcs are simplified once each (so neighbours keep a shared border), finely near
Belgium and coarsely far from it, and the coordinates rounded.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).resolve().parent.parent / "graph" / "assets"

#: package → (version, {file in the package: name in graph/assets/}).
PACKAGES: dict[str, tuple[str, dict[str, str]]] = {
    "leaflet": ("1.9.4", {
        "dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css",
        "LICENSE": "LICENSE-leaflet.txt",
    }),
    "leaflet.markercluster": ("1.5.3", {
        "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
        "dist/MarkerCluster.css": "MarkerCluster.css",
        "MIT-LICENCE.txt": "LICENSE-leaflet.markercluster.txt",
    }),
    "vis-timeline": ("8.5.4", {
        "standalone/umd/vis-timeline-graph2d.min.js": "vis-timeline-graph2d.min.js",
        "styles/vis-timeline-graph2d.min.css": "vis-timeline-graph2d.min.css",
        "LICENSE.md": "LICENSE-vis-timeline.md",
        "LICENSE.MIT.txt": "LICENSE-vis-timeline.MIT.txt",
        "LICENSE.Apache-2.0.txt": "LICENSE-vis-timeline.Apache-2.0.txt",
    }),
    "world-atlas": ("2.0.2", {"LICENSE": "LICENSE-world-atlas.txt"}),
}  # fmt: skip
NATURAL_EARTH = (
    "Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries (version 4.1.0, through "
    "world-atlas 2.0.2). Natural Earth is in the public domain: "
    "https://www.naturalearthdata.com/about/terms-of-use/"
)
#: (west, south, east, north, tolerance in degrees, decimals): the first window that holds the
#: centre of an arc's bounding box wins.
DETAIL = [
    (1.5, 48.5, 8.5, 52.5, 0.004, 4),  # Belgium and its borders
    (-12.0, 35.0, 25.0, 60.0, 0.03, 3),  # western Europe
    (-180.0, -90.0, 180.0, 90.0, 0.12, 2),  # elsewhere
]
MIN_EXTENT = 1.0


def _pack(name: str, version: str, into: Path) -> tuple[Path, dict[str, Any]]:
    """`npm pack` the package into `into`; the unpacked folder and npm's report."""
    output = subprocess.run(
        ["npm", "pack", "--json", f"{name}@{version}"],
        cwd=into, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    report = json.loads(output)[0]
    folder = into / name
    with tarfile.open(into / report["filename"]) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package", report


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on a polyline; the end points stay."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if norm == 0:
                distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            else:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs, decoded, simplified and rounded per DETAIL."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        lon, lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
        *_, tolerance, decimals = next(
            w for w in DETAIL if w[0] <= lon <= w[2] and w[1] <= lat <= w[3]
        )
        simple = _simplify(points, tolerance)
        out.append([(round(lon, decimals), round(lat, decimals)) for lon, lat in simple])
    return out


def _ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return [list(p) for p in ring]


def _unwrap(ring: list[list[float]]) -> list[list[float]] | None:
    """A ring that crosses the antimeridian, continued east of 180° (a flat map draws it whole);
    None for a ring around a pole (Antarctica), which a flat map cannot close."""
    jumps = sum(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False))
    if jumps == 0:
        return ring
    if jumps % 2:
        return None
    return [[lon + 360 if lon < -90 else lon, lat] for lon, lat in ring]


def _visible(ring: list[list[float]]) -> bool:
    """Whether a polygon with this outer ring is kept: anything in western Europe, elsewhere
    only what spans at least MIN_EXTENT degrees (the world's small islands are dropped)."""
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    west, south, east, north = DETAIL[1][:4]
    if min(lons) <= east and max(lons) >= west and min(lats) <= north and max(lats) >= south:
        return True
    return max(max(lons) - min(lons), max(lats) - min(lats)) >= MIN_EXTENT


def countries(topology: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the countries, properties ``name``."""
    arcs = _arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes = []
        for polygon in polygons:
            unwrapped = [_unwrap(_ring(arcs, ring)) for ring in polygon]
            if unwrapped and unwrapped[0] is None:
                continue
            rings = [ring for ring in unwrapped if ring is not None and len(ring) >= 4]
            if rings and _visible(rings[0]):
                shapes.append(rings)
        if shapes:
            features.append({
                "type": "Feature",
                "properties": {"name": geometry["properties"]["name"]},
                "geometry": {"type": "MultiPolygon", "coordinates": shapes},
            })  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    manifest: dict[str, Any] = {"packages": [], "data": []}
    with tempfile.TemporaryDirectory() as temporary:
        for name, (version, files) in PACKAGES.items():
            package, report = _pack(name, version, Path(temporary))
            licence = json.loads((package / "package.json").read_text("utf-8")).get("license")
            for source, target in files.items():
                shutil.copyfile(package / source, ASSETS / target)
            manifest["packages"].append({
                "package": name, "version": version, "licence": licence,
                "integrity": report["integrity"],
                "files": {target: _sha256(ASSETS / target) for target in files.values()},
            })  # fmt: skip
            if name == "world-atlas":
                topology = json.loads((package / "countries-10m.json").read_text("utf-8"))
                target = ASSETS / "countries.geojson"
                text = json.dumps(countries(topology), separators=(",", ":"), ensure_ascii=False)
                target.write_text(text, encoding="utf-8")
                (ASSETS / "LICENSE-natural-earth.txt").write_text(NATURAL_EARTH + "\n", "utf-8")
                manifest["data"].append({
                    "file": "countries.geojson", "sha256": _sha256(target),
                    "derived_from": "world-atlas@2.0.2/countries-10m.json",
                    "licence": "public domain (Natural Earth)",
                    "simplification": [
                        {"window": list(window[:4]), "tolerance_degrees": window[4],
                         "decimals": window[5]} for window in DETAIL
                    ],
                })  # fmt: skip
    manifest["notes"] = (
        "Belgian provinces are not drawn: no package on PyPI, npm or Debian carries Natural "
        "Earth's admin-1 boundaries of Belgium (or others under an open licence)."
    )
    text = json.dumps(manifest, indent=2, ensure_ascii=False)
    (ASSETS / "MANIFEST.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
