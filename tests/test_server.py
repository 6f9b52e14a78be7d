"""`oxigraph serve-read-only` over a built store, as `remembrance serve` runs it."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from remembrance.graph.server import Server, serve
from remembrance.graph.store import EmbeddedStore, StoreError

pytestmark = pytest.mark.server


def post(url: str, body: str, content_type: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": content_type, "Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def read_only_server(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "store"
    data = Graph()
    for i in range(300):
        data.add((URIRef(f"https://example.org/e{i}"), RDFS.label, Literal(f"Fusillé {i}")))
    with EmbeddedStore(root, read_only=False) as store:
        store.put_graph(URIRef("https://example.org/graph"), data)
    with serve(root / EmbeddedStore.CURRENT, timeout=1) as server:
        yield server


def test_post_returns_sparql_json_over_the_union(read_only_server: Server) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    status, body = post(f"{read_only_server.url}/query", query, "application/sparql-query")
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "300"


def test_update_is_refused(read_only_server: Server) -> None:
    update = "INSERT DATA { <https://example.org/a> <https://example.org/b> 'c' }"
    status, _ = post(f"{read_only_server.url}/update", update, "application/sparql-update")
    assert status >= 400
    ask = "ASK { <https://example.org/a> ?p ?o }"
    assert (
        json.loads(post(f"{read_only_server.url}/query", ask, "application/sparql-query")[1])[
            "boolean"
        ]
        is False
    )


def test_a_runaway_query_stops_at_the_timeout_and_the_server_keeps_serving(
    read_only_server: Server,
) -> None:
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    status, body = post(f"{read_only_server.url}/query", cross, "application/sparql-query")
    assert time.monotonic() - started < 30  # 1 s timeout; generous for a loaded machine
    # Oxigraph answers an error, or ends an already started answer with this message
    assert b"cancelled" in body.lower(), (status, body[-200:])
    assert status >= 400 or not body.rstrip().endswith(b"}")
    status, body = post(f"{read_only_server.url}/query", "ASK {}", "application/sparql-query")
    assert status == 200 and json.loads(body)["boolean"] is True
    assert read_only_server.process.poll() is None


def test_the_remote_store_reports_a_stopped_query(read_only_server: Server) -> None:
    from remembrance.graph.remote import RemoteStore

    with pytest.raises(StoreError, match="stopped the query"):
        RemoteStore(read_only_server.url).query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        )


def test_no_store_no_server(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"), serve(tmp_path / "missing"):
        pass


def test_the_server_stops_with_the_block(tmp_path: Path) -> None:
    with serve(None, writable=True) as server:
        process = server.process
    assert process.poll() is not None
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{server.url}/query?query=ASK%7B%7D", timeout=2)
