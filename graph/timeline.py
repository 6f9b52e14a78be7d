"""Dated statements on a timeline: a pandas DataFrame, and an offline SVG/HTML drawing of it.

Rows come from the texts (reified statements with ``rem:earliest``/``rem:latest``, with their
document and sentence) and from the authority records (EDTF dates such as ``rem:occurredOn``,
bounded here). Every label is escaped in the drawing.
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from remembrance.graph.iris import system_graph
from remembrance.graph.projections import document_titles, local_name, node_rows, rows
from remembrance.graph.render import style
from remembrance.graph.store import Store
from remembrance.pipelines.dates import bounds

_STATEMENTS = """
SELECT ?s ?p ?value ?doc ?sentence ?earliest ?latest WHERE {
  ?st a rem:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?value ;
      rem:inDocument ?doc ; rem:earliest ?earliest .
  OPTIONAL { ?st rem:latest ?latest }
  OPTIONAL { ?st rem:sentence ?sentence }
}"""
COLUMNS = [
    "earliest", "latest", "value", "entity", "label", "category", "property", "source", "sentence",
]  # fmt: skip


def _records_query() -> str:
    return (
        f"SELECT ?s ?p ?value WHERE {{ GRAPH <{system_graph('authority')}> {{ ?s ?p ?value }} "
        "FILTER(DATATYPE(?value) = rem:edtf) }"
    )


def timeline_frame(store: Store, *, records: bool = True) -> pd.DataFrame:
    """Dated statements, one row each, in date order (columns: see COLUMNS).

    ``source`` is the document title, or "authority record"; `records` adds the dates of the
    authority records to those of the texts.
    """
    nodes = node_rows(store)
    titles = document_titles(store)
    found = []
    for row in rows(store.query(_STATEMENTS)):
        found.append(
            {
                **row,
                "latest": row.get("latest", row["earliest"]),
                "source": titles.get(row["doc"], row["doc"]),
            }
        )
    if records:
        for row in rows(store.query(_records_query())):
            try:
                earliest, latest = bounds(row["value"])
            except ValueError:
                continue
            if earliest is not None:
                found.append(
                    {**row, "earliest": earliest, "latest": latest or earliest,
                     "source": "authority record"}
                )  # fmt: skip
    records_out = [
        {
            "earliest": pd.Timestamp(row["earliest"]),
            "latest": pd.Timestamp(row["latest"]),
            "value": str(row["value"]),
            "entity": row["s"],
            "label": nodes.get(row["s"], {}).get("label", row["s"]),
            "category": nodes.get(row["s"], {}).get("category", ""),
            "property": local_name(row["p"]),
            "source": row["source"],
            "sentence": row.get("sentence"),
        }
        for row in found
    ]
    frame = pd.DataFrame(records_out, columns=COLUMNS)
    return frame.sort_values(["earliest", "label"], ignore_index=True)


def timeline_svg(frame: pd.DataFrame, *, width: int = 900, row_height: int = 18) -> str:
    """An SVG timeline: one row per statement, a bar from earliest to latest, a dot if precise."""
    if frame.empty:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30"><text x="5" ' \
            'y="20" font-family="sans-serif">No dated statements.</text></svg>'  # fmt: skip
    first = int(frame["earliest"].min().year)
    last = int(frame["latest"].max().year) + 1
    left, label_width = 10, 320
    span = (date(last, 1, 1) - date(first, 1, 1)).days
    plot = width - label_width - 2 * left
    height = 30 + row_height * len(frame)

    def x(day: pd.Timestamp) -> float:
        return round(left + label_width + plot * (day.date() - date(first, 1, 1)).days / span, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="11">'
    ]
    step = max(1, (last - first) // 12)
    for year in range(first, last + 1, step):
        tick = x(pd.Timestamp(year, 1, 1))
        parts.append(
            f'<line x1="{tick}" y1="14" x2="{tick}" y2="{height}" stroke="#e3e3e3"/>'
            f'<text x="{tick}" y="11" text-anchor="middle" fill="#666">{year}</text>'
        )
    for i, row in enumerate(frame.itertuples(index=False)):
        y = 24 + i * row_height
        color, _ = style(row.category)
        start, end = x(row.earliest), x(row.latest)
        text = html.escape(f"{row.label} — {row.property} {row.value}"[:60])
        tip = html.escape(f"{row.label} — {row.property} {row.value} ({row.source})")
        if row.sentence:
            tip += html.escape(f"\n“{row.sentence}”")
        mark = (
            f'<circle cx="{start}" cy="{y + 5}" r="4" fill="{color}"/>'
            if end - start < 3
            else f'<rect x="{start}" y="{y}" width="{end - start}" height="10" rx="3" '
            f'fill="{color}" opacity="0.8"/>'
        )
        parts.append(
            f"<g><title>{tip}</title>"
            f'<text x="{left}" y="{y + 9}" fill="#222">{text}</text>{mark}</g>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
