"""A store behind any SPARQL 1.1 server: Query, Update and Graph Store HTTP protocols.

``RemoteStore("http://host:port")`` takes an Oxigraph server base and derives its endpoints
(``/query``, ``/update``, ``/store``); other servers take explicit endpoints
(``query_url=…, update_url=…, store_url=…``).

Union default graph: queries must see the union of all named graphs, as on the embedded store.
The store asks for it with Oxigraph's ``union-default-graph`` request parameter, so a plain
``oxigraph serve`` works (as does one started with ``--union-default-graph``). Other servers
ignore that parameter and must be configured for it (Fuseki: ``tdb2:unionDefaultGraph true``;
Virtuoso's default graph already is the union). ``default-graph-uri`` is not used: it would
need the list of every graph at each query, and go stale during a build.

``writing()`` buffers the writes of its block and sends them when the block ends without an
error, so an interrupted build sends nothing; the sends themselves are one request per graph,
not one transaction. The buffered graphs are held in memory, serialized as N-Triples.

The project's prefixes are declared in front of every query and update.
No request is made before the first query or write.
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from rdflib import Graph, URIRef
from rdflib.query import Result

from remembrance.graph.store import GraphData, Store, StoreError, ntriples, prefix_declarations

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
UNION_PARAMETER = "union-default-graph"


@dataclass(frozen=True)
class _Response:
    status: int
    content_type: str
    body: bytes


class RemoteStore(Store):
    """A SPARQL 1.1 server (see the module docstring); read-only by default."""

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = True,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        timeout: float = 300.0,
    ) -> None:
        base = url.rstrip("/")
        self.location = url
        self.read_only = read_only
        self.query_url = query_url or f"{base}/query"
        self.update_url = update_url or f"{base}/update"
        self.store_url = store_url or f"{base}/store"
        self.timeout = timeout

    def _request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> _Response:
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _Response(
                    response.status, response.headers.get_content_type(), response.read()
                )
        except urllib.error.HTTPError as error:
            message = error.read().decode("utf-8", "replace").strip().splitlines()
            text = message[0] if message else error.reason
            if error.code == 400:
                raise ValueError(f"{url}: invalid SPARQL: {text}") from None
            if error.code == 404 and method == "DELETE":
                return _Response(404, "", b"")
            raise StoreError(f"{url}: HTTP {error.code}: {text}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(f"{url}: cannot reach the SPARQL server: {reason}") from None

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")

    def query(self, sparql: str) -> Result:
        url = f"{self.query_url}?{UNION_PARAMETER}"
        response = self._request(
            "POST",
            url,
            (prefix_declarations() + sparql).encode("utf-8"),
            {
                "Content-Type": "application/sparql-query; charset=utf-8",
                "Accept": f"{SPARQL_JSON}, {N_TRIPLES};q=0.9",
            },
        )
        try:
            if response.content_type == N_TRIPLES:
                result = Result("CONSTRUCT")
                result.graph = Graph().parse(data=response.body, format="nt")
                return result
            json.loads(response.body)  # a query stopped by the server's timeout ends mid-stream
            return Result.parse(source=io.BytesIO(response.body), format="json")
        except Exception:
            tail = response.body.decode("utf-8", "replace").strip()[-120:]
            raise StoreError(
                f"{url}: unreadable answer ({response.content_type}); the server may have "
                f"stopped the query: …{tail}"
            ) from None

    def update(self, sparql: str) -> None:
        self._refuse_if_read_only()
        self._request(
            "POST",
            self.update_url,
            (prefix_declarations() + sparql).encode("utf-8"),
            {"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def graph_names(self) -> set[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return {str(row[0]) for row in rows}  # type: ignore[index]

    def _graph_url(self, name: URIRef) -> str:
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': str(name)})}"

    def put_graph(self, name: URIRef, graph: GraphData) -> None:
        self._refuse_if_read_only()
        self._put(name, ntriples(graph))

    def _put(self, name: URIRef, data: bytes) -> None:
        self._request(
            "PUT", self._graph_url(name), data, {"Content-Type": f"{N_TRIPLES}; charset=utf-8"}
        )

    def drop_graph(self, name: URIRef) -> None:
        self._refuse_if_read_only()
        self._request("DELETE", self._graph_url(name))

    @contextmanager
    def writing(self) -> Iterator[Store]:
        self._refuse_if_read_only()
        writer = _BufferedWriter(self)
        yield writer
        writer.send()


class _BufferedWriter(Store):
    """Writes of a ``writing()`` block, kept in order until the block ends; reads go through."""

    def __init__(self, remote: RemoteStore) -> None:
        self.remote = remote
        self.location = remote.location
        self.pending: list[Callable[[], None]] = []

    def query(self, sparql: str) -> Result:
        return self.remote.query(sparql)

    def graph_names(self) -> set[str]:
        return self.remote.graph_names()

    def update(self, sparql: str) -> None:
        self.pending.append(partial(self.remote.update, sparql))

    def put_graph(self, name: URIRef, graph: GraphData) -> None:
        self.pending.append(partial(self.remote._put, name, ntriples(graph)))

    def drop_graph(self, name: URIRef) -> None:
        self.pending.append(partial(self.remote.drop_graph, name))

    def send(self) -> None:
        """Apply the buffered writes, in order."""
        for write in self.pending:
            write()
        self.pending.clear()
