"""The vendored JavaScript libraries, styles and base map of graph/assets/, to inline in pages.

What is there, its version, licence and checksums is in ``graph/assets/MANIFEST.json``
(written by ``scripts/vendor_assets.py``). Inlined scripts cannot close their ``<script>``
element, and ``url(...)`` references in styles are removed, so a page asks for nothing.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

_URL = re.compile(r"url\([^)]*\)")


def _text(name: str) -> str:
    return resources.files("remembrance.graph").joinpath("assets", name).read_text("utf-8")


@cache
def script(name: str) -> str:
    """The vendored script `name`, safe to put inside ``<script>…</script>``."""
    return _text(name).replace("</script", "<\\/script")


@cache
def style(name: str) -> str:
    """The vendored style sheet `name`, without references to other files."""
    return _URL.sub("none", _text(name)).replace("</style", "<\\/style")


@cache
def countries() -> dict[str, Any]:
    """Natural Earth's countries as GeoJSON (simplified; see the manifest)."""
    data: dict[str, Any] = json.loads(_text("countries.geojson"))
    return data


@cache
def manifest() -> dict[str, Any]:
    """The manifest: packages, versions, licences and checksums of the vendored files."""
    data: dict[str, Any] = json.loads(_text("MANIFEST.json"))
    return data


def credits() -> str:
    """One line naming the vendored packages and data with their licences (plain text)."""
    packages = [f"{p['package']} {p['version']} ({p['licence']})" for p in manifest()["packages"]]
    return "Drawn with " + ", ".join(packages) + "; base map: Natural Earth (public domain)."
