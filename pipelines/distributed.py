"""Extraction on a Dask cluster: an ``Extractor`` for ``remembrance.graph.build.build``.

Documents are shipped to the workers in small batches; each worker process loads the spaCy
pipelines once (``load_nlp`` is cached per process) and returns plain ``Extraction`` records.
Results come back in input order, and at most ``in_flight`` batches are pending at a time, so
memory stays bounded whatever the corpus size. The build then loads them into the store (embedded
or remote) by named graph, as in a single-process build.

Workers must have the package installed and the same ``REMEMBRANCE_BASE`` as the client.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from distributed import Client, Future, LocalCluster

from remembrance.pipelines.extract import Extractor, extract_each
from remembrance.pipelines.pool import in_order
from remembrance.pipelines.records import Document, Extraction, Failure


def extract_batch(documents: list[Document]) -> list[Extraction | Failure]:
    """The task run on a worker: one batch of documents, extracted in order."""
    return list(extract_each(documents))


class DaskExtractor:
    """Run extraction on the workers of a Dask ``Client``; see the module docstring."""

    def __init__(self, client: Client, *, batch_size: int = 8, in_flight: int | None = None):
        self.client = client
        self.batch_size = batch_size
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        self.in_flight = in_flight or 2 * workers

    def __call__(self, documents: Iterable[Document]) -> Iterator[Extraction | Failure]:
        iterator = iter(documents)
        batches = iter(lambda: list(islice(iterator, self.batch_size)), [])
        for results in in_order(self._submit, batches, self.in_flight):
            yield from results

    def _submit(self, batch: list[Document]) -> Future:
        return self.client.submit(extract_batch, batch, pure=False)


@contextmanager
def dask_extractor(scheduler: str | None = None, workers: int | None = None) -> Iterator[Extractor]:
    """An extractor on the scheduler at `scheduler`, or on a LocalCluster of `workers` processes."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as error:
            raise OSError(f"{scheduler}: cannot reach the Dask scheduler: {error}") from None
        with client:
            yield DaskExtractor(client)
        return
    with (
        LocalCluster(
            n_workers=workers or 1, threads_per_worker=1, dashboard_address=None, processes=True
        ) as cluster,
        Client(cluster) as client,
    ):
        yield DaskExtractor(client)
