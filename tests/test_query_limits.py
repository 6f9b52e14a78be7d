"""`remembrance query`: a default timeout, and --limit pushed into the query (limit_rows).

The command runs in a subprocess with a bounded address space and a generous kill timeout, so a
query that grows without bound or never ends fails the test instead of hanging the machine.
"""

import csv
import io
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from chain import CROSS_COUNT, CROSS_PRODUCT
from clitools import one_line_error

from remembrance.config import QUERY_LIMITS, QueryLimits
from remembrance.graph.endpoint import endpoint
from remembrance.graph.row_limit import limit_rows
from remembrance.graph.server import Server
from remembrance.graph.store import EmbeddedStore

MEMORY = 1536 << 20  # bytes of address space the command may use (it needs some 800 MB)
KILL_AFTER = 240  # seconds: only a hung command takes this long


def bounded_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def query(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "remembrance", "query", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        preexec_fn=bounded_memory,
        timeout=KILL_AFTER,
    )


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o }\nLIMIT 5\n"),
        ("select * where { ?s ?p ?o } limit 100", "select * where { ?s ?p ?o } limit 5"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 3", "SELECT * WHERE { ?s ?p ?o } LIMIT 3"),
        (
            "SELECT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?s) OFFSET 2 LIMIT 100",
            "SELECT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?s) OFFSET 2 LIMIT 5",
        ),
        (
            "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 } }",
            "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 } }\nLIMIT 5\n",
        ),
        (
            "SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { <urn:a> }",
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5\nVALUES ?s { <urn:a> }",
        ),
        (
            "SELECT * WHERE { ?s ?p ?o } # LIMIT 100",
            "SELECT * WHERE { ?s ?p ?o } # LIMIT 100\nLIMIT 5\n",
        ),
        (
            'SELECT * WHERE { ?s ?p "} LIMIT 100 {" } # \'\n',
            'SELECT * WHERE { ?s ?p "} LIMIT 100 {" } # \'\n\nLIMIT 5\n',
        ),
        (
            "SELECT ?limit WHERE { ?s ?p ?limit FILTER(?p < <urn:x>) }",
            "SELECT ?limit WHERE { ?s ?p ?limit FILTER(?p < <urn:x>) }\nLIMIT 5\n",
        ),
        (
            "PREFIX limit: <urn:select:>\nSELECT * FROM limit:values WHERE { ?s ?p ?o }",
            "PREFIX limit: <urn:select:>\nSELECT * FROM limit:values WHERE { ?s ?p ?o }\nLIMIT 5\n",
        ),
        ("ASK { ?s ?p ?o }", "ASK { ?s ?p ?o }"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 100", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 100"),
        ("DESCRIBE <urn:a>", "DESCRIBE <urn:a>"),
    ],
)
def test_limit_rows_touches_only_the_outer_select(sparql: str, expected: str) -> None:
    assert limit_rows(sparql, 5) == expected


def test_limited_queries_run_and_give_at_most_the_limit(chain_store: Path) -> None:
    queries = [
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s OFFSET 2 LIMIT 100",
        "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 } }",
        "SELECT ?s WHERE { ?s ?p ?o } VALUES ?p { rdfs:label }",
        "SELECT * WHERE { ?s ?p ?o } # LIMIT 100",
        CROSS_PRODUCT,
    ]
    with EmbeddedStore(chain_store) as store:
        for sparql in queries:
            assert len(store.query(limit_rows(sparql, 5))) == 5, sparql
        ordered = "SELECT ?s WHERE { ?s rdfs:label ?l } ORDER BY DESC(?l) LIMIT 100"
        assert list(store.query(limit_rows(ordered, 5))) == list(store.query(ordered))[:5]


@pytest.fixture(scope="module")
def chain_endpoint(chain_store: Path) -> Iterator[Server]:
    limits = QueryLimits(timeout=30, max_bytes=1_000_000, workers=1)
    with endpoint(chain_store / EmbeddedStore.CURRENT, limits=limits) as server:
        yield server


@pytest.fixture(params=["embedded", "remote"])
def source(request: pytest.FixtureRequest, chain_store: Path) -> list[str]:
    """The options of `remembrance query` naming the chain store, or an endpoint over it."""
    if request.param == "embedded":
        return ["--store", str(chain_store)]
    return ["--endpoint", request.getfixturevalue("chain_endpoint").url]


@pytest.mark.slow
@pytest.mark.server
def test_limit_over_a_cross_product_stops_after_the_rows(source: list[str]) -> None:
    result = query(CROSS_PRODUCT, "--limit", "5", "--format", "csv", *source)
    assert result.returncode == 0, result.stderr[-500:]
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5 and set(rows[0]) == set("abcdefghijkl")


@pytest.mark.slow
@pytest.mark.server
def test_a_runaway_query_stops_at_the_timeout(source: list[str]) -> None:
    result = query(CROSS_COUNT, "--timeout", "2", *source)
    one_line_error(result, "did not finish in 2 s (--timeout)")


def test_the_default_timeout_is_the_configured_one() -> None:
    help_text = query("--help").stdout
    assert "Stop the query after SECONDS" in help_text
    assert f"[default: {QUERY_LIMITS.timeout}]" in help_text
