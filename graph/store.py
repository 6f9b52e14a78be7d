"""Stores: one interface, two backends, one factory.

- ``EmbeddedStore``: an Oxigraph store on disk. Queries go straight to pyoxigraph and come back
  as rdflib ``Result`` objects whose rows are built directly from Oxigraph's terms; ``dataset``
  offers the same store as an rdflib Dataset (oxrdflib) for rdflib users. The directory holds
  generations (``gen-000001``, …) and a ``current`` symlink. A build writes into a new
  generation (a cheap RocksDB checkpoint of the current one) and swaps the symlink when it has
  finished, so an interrupted build never changes what readers see, and a read-only server can
  keep serving the current generation during a build.
- ``RemoteStore`` (remembrance.graph.remote): any SPARQL 1.1 Query/Update/Graph Store server.

``open_store(location)`` picks the backend: an ``http(s)://`` URL is a remote store, anything
else a directory.
"""

from __future__ import annotations

import fcntl
import gc
import os
import re
import shutil
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, MutableSequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier

from remembrance.graph.rdf import bind_prefixes, prefixes


class StoreError(RuntimeError):
    """A store that cannot be opened, read or written; the message names it."""


#: What a named graph is written from: an rdflib Graph, or its triples as N-Triples text (what
#: the build writes: `graph.rdf.document_ntriples`).
GraphData = Graph | str


def ntriples(graph: GraphData) -> bytes:
    """The triples of `graph` as N-Triples (UTF-8)."""
    if isinstance(graph, str):
        return graph.encode("utf-8")
    return graph.serialize(format="nt", encoding="utf-8")


def prefix_declarations() -> str:
    """SPARQL PREFIX lines for the project's prefixes (for servers that don't know them)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes().items())


@lru_cache(maxsize=1024)
def undeclared_prefixes(sparql: str) -> dict[str, str] | None:
    """The project's prefixes that `sparql` uses without declaring them (None if there are none).

    Handing Oxigraph only those saves it building a prefix map for every query (~20 µs).
    """
    known = prefixes()
    declared = set(re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", sparql))
    used = set(re.findall(r"(?<![\w.-])([A-Za-z][\w.-]*):", sparql)) & known.keys()
    return {p: known[p] for p in sorted(used - declared)} or None


_LITERALS: dict[ox.Literal, Literal] = {}
_LITERALS_MAX = 100_000  # interned literals kept per process (dates, labels and counts repeat)


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
    """The rdflib term of an Oxigraph term.

    IRIs skip rdflib's validation (Oxigraph has parsed them); literals, whose rdflib constructor
    parses the lexical form (about 20 µs for a date), are interned per process.
    """
    if type(term) is ox.NamedNode:
        return str.__new__(URIRef, term.value)
    if type(term) is ox.Literal:
        known = _LITERALS.get(term)
        if known is None:
            if len(_LITERALS) >= _LITERALS_MAX:
                _LITERALS.clear()
            language = term.language
            known = _LITERALS[term] = (
                Literal(term.value, lang=language)
                if language
                else Literal(term.value, datatype=str.__new__(URIRef, term.datatype.value))
            )
        return known
    if type(term) is ox.BlankNode:
        return BNode(term.value)
    raise ValueError(f"unsupported term in a query result: {term!r}")  # RDF-star triples


@lru_cache(maxsize=1024)
def _variables(names: tuple[str, ...]) -> tuple[list[Variable], dict[str, int]]:
    """The rdflib variables of a SELECT and the label index its rows share (queries repeat)."""
    return [Variable(n) for n in names], {n: i for i, n in enumerate(names)}


class _Solutions(Result):
    """A SELECT result whose rows are rdflib ``ResultRow`` tuples built straight from Oxigraph's
    solutions; ``bindings`` (dicts, as rdflib) only on request."""

    def __init__(self, solutions: ox.QuerySolutions) -> None:
        super().__init__("SELECT")
        variables, self._labels = _variables(tuple([v.value for v in solutions.variables]))
        self.vars = list(variables)
        self._keep([None if t is None else _term(t) for t in solution] for solution in solutions)

    def _keep(self, rows: Iterable[list[Identifier | None]]) -> None:
        """Hold `rows` (values in the order of ``vars``) as ResultRows sharing one label index."""
        new, labels = tuple.__new__, self._labels
        self._rows = [new(ResultRow, values) for values in rows]
        for row in self._rows:
            row.labels = labels
        # as rdflib: iteration yields no row for an empty binding
        self._shown = [row for row in self._rows if row.count(None) < len(row)]

    def __iter__(self) -> Iterator[ResultRow]:
        return iter(self._shown)

    def __len__(self) -> int:  # rdflib's would build every binding dict (list() asks for it)
        return len(self._shown)

    @property  # type: ignore[override]
    def bindings(self) -> list[dict[Variable, Identifier]]:
        variables = self.vars or []
        return [
            {v: t for v, t in zip(variables, row, strict=True) if t is not None}
            for row in self._rows
        ]

    @bindings.setter
    def bindings(
        self,
        bindings: MutableSequence[Mapping[Variable, Identifier]]
        | Iterator[Mapping[Variable, Identifier]],
    ) -> None:
        variables = self.vars or []
        self._keep([b.get(v) for v in variables] for b in bindings)


def _result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Result:
    """An rdflib Result over a pyoxigraph answer."""
    if isinstance(answer, ox.QuerySolutions):
        return _Solutions(answer)
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    else:  # CONSTRUCT or DESCRIBE: Oxigraph's answer doesn't tell them apart
        result = Result("CONSTRUCT")
        result.graph = Graph()
        add = result.graph.add
        for triple in answer:
            add((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
    return result


class Store(ABC):
    """What the build, the CLI and the Python API need from a store."""

    location: str

    @abstractmethod
    def query(self, sparql: str) -> Result:
        """Run a SPARQL query over the union of all graphs; the project's prefixes are known."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update (applied atomically)."""

    @abstractmethod
    def graph_names(self) -> set[str]:
        """IRIs of the named graphs."""

    @abstractmethod
    def put_graph(self, name: URIRef, graph: GraphData) -> None:
        """Replace the named graph `name` with `graph`, atomically."""

    @abstractmethod
    def drop_graph(self, name: URIRef) -> None:
        """Remove a named graph (no error if it does not exist)."""

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """A store to write a build into; its changes become visible when the block ends."""
        yield self

    def close(self) -> None:  # noqa: B027  (optional hook: most backends hold nothing)
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class OxigraphGeneration(Store):
    """One generation directory of an embedded store, opened read-only or writable."""

    def __init__(self, path: Path, *, read_only: bool) -> None:
        self.location = str(path)
        self.read_only = read_only
        try:
            self.inner: ox.Store | None = (
                ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
            )
        except OSError as error:
            raise StoreError(f"{path}: cannot open the store: {error}") from None
        self._dataset: Dataset | None = None

    @property
    def ox(self) -> ox.Store:
        if self.inner is None:
            raise StoreError(f"{self.location}: the store is closed")
        return self.inner

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset over this store; queries see the union of all graphs."""
        if self._dataset is None:
            self._dataset = Dataset(store=OxigraphStore(store=self.ox), default_union=True)
            bind_prefixes(self._dataset)
        return self._dataset

    def query(self, sparql: str) -> Result:
        try:
            undeclared = undeclared_prefixes(sparql)  # only when needed: a prefix map costs
            answer = (
                self.ox.query(sparql, use_default_graph_as_union=True, prefixes=undeclared)
                if undeclared
                else self.ox.query(sparql, use_default_graph_as_union=True)
            )
        except SyntaxError as error:
            raise ValueError(f"invalid SPARQL: {str(error).splitlines()[0]}") from None
        return _result(answer)

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")
        try:
            self.ox.update(sparql, prefixes=undeclared_prefixes(sparql))
        except SyntaxError as error:
            raise ValueError(f"invalid SPARQL update: {str(error).splitlines()[0]}") from None

    def graph_names(self) -> set[str]:
        return {g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode)}

    def put_graph(self, name: URIRef, graph: GraphData) -> None:
        target = ox.NamedNode(str(name))
        data = ntriples(graph)
        self.drop_graph(name)
        self.ox.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=target)

    def drop_graph(self, name: URIRef) -> None:
        target = ox.NamedNode(str(name))
        if self.ox.contains_named_graph(target):
            self.ox.remove_graph(target)

    def load_nquads(self, path: Path) -> None:
        """Add an N-Quads file with Oxigraph's bulk loader (not atomic: use in ``writing()``)."""
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")
        try:
            self.ox.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"{path}: cannot load into {self.location}: {error}") from None

    def close(self) -> None:
        if self.inner is not None and not self.read_only:
            self.inner.flush()
        self._dataset = None
        self.inner = None
        gc.collect()  # RocksDB releases its lock only when the last reference is gone


@contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """Hold the store's writer lock (``writer.lock``, an advisory ``flock``) for the block.

    One writer at a time: a build, an update, or ``serve --writable`` (whose writes go into the
    current generation, and would be lost if a build swapped in a new one meanwhile).
    """
    try:
        handle = open(root / "writer.lock", "a+", encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        raise StoreError(f"{root}: cannot write the store: {error.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(
                f"{root}: the store is being written by {holder}; "
                "wait for that build, or stop 'remembrance serve --writable', then retry"
            ) from None
        handle.truncate(0)
        handle.write(f"process {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


class EmbeddedStore(Store):
    """A directory of generations with a ``current`` symlink (see the module docstring)."""

    CURRENT = "current"

    def __init__(self, root: Path, *, read_only: bool = True) -> None:
        # Resolved once: generations are compared and deleted under one spelling of the path,
        # whether the user gave it relative, through a symlink or with '..'.
        self.root = root.resolve()
        self.location = str(root)
        self.read_only = read_only
        if not (root / self.CURRENT).exists():
            if read_only:
                raise StoreError(
                    f"{root}: no store here; build one first with "
                    f"'remembrance build --store {root}'"
                )
            self._initialise()
        self._current = OxigraphGeneration(root / self.CURRENT, read_only=True)

    def _initialise(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if any(self.root.iterdir()):
                raise StoreError(f"{self.root}: not empty and not a remembrance store")
            first = self.root / "gen-000001"
            store = ox.Store(str(first))
            store.flush()
            del store
            gc.collect()
            self._point_to(first)
        except OSError as error:  # e.g. no permission, or a path under a regular file
            raise StoreError(f"{self.root}: cannot write the store: {error.strerror}") from None

    def _point_to(self, generation: Path) -> None:
        link = self.root / f"{self.CURRENT}.tmp"
        if link.is_symlink():
            link.unlink()
        os.symlink(generation.name, link)
        os.replace(link, self.root / self.CURRENT)

    def _generations(self) -> list[Path]:
        return sorted(p for p in self.root.glob("gen-*") if p.is_dir() and not p.is_symlink())

    @property
    def generation(self) -> Path:
        return (self.root / self.CURRENT).resolve()

    @property
    def dataset(self) -> Dataset:
        return self._current.dataset

    def query(self, sparql: str) -> Result:
        return self._current.query(sparql)

    def update(self, sparql: str) -> None:
        with self.writing() as store:
            store.update(sparql)

    def graph_names(self) -> set[str]:
        return self._current.graph_names()

    def put_graph(self, name: URIRef, graph: GraphData) -> None:
        with self.writing() as store:
            store.put_graph(name, graph)

    def drop_graph(self, name: URIRef) -> None:
        with self.writing() as store:
            store.drop_graph(name)

    @contextmanager
    def writing(self) -> Iterator[Store]:
        if self.read_only:
            raise StoreError(f"{self.root}: the store is open read-only")
        with writer_lock(self.root):
            yield from self._write_generation()

    def _discard(self, generation: Path) -> None:
        """Delete a generation directory, unless ``current`` points to it."""
        if generation.name != self.generation.name:
            shutil.rmtree(generation, ignore_errors=True)

    def _write_generation(self) -> Iterator[Store]:
        current = self.generation
        for stale in self._generations():  # left over by an interrupted build
            self._discard(stale)
        number = int(current.name.split("-")[1]) + 1
        target = self.root / f"gen-{number:06d}"
        try:
            self._current.ox.backup(str(target))
        except OSError as error:
            raise StoreError(f"{self.root}: cannot write a new generation: {error}") from None
        writer = OxigraphGeneration(target, read_only=False)
        try:
            yield writer
            writer.close()
        except BaseException:
            writer.close()
            shutil.rmtree(target, ignore_errors=True)
            raise
        self._point_to(target)
        self._current.close()
        self._current = OxigraphGeneration(self.root / self.CURRENT, read_only=True)
        self._discard(current)

    def close(self) -> None:
        self._current.close()
