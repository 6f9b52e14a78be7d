"""The SPARQL endpoint of ``remembrance serve``: a gateway that bounds what each query costs.

Oxigraph cannot stop every query: it checks for cancellation only when it reads the storage, so
a COUNT or an ORDER BY over a cross product runs on past its timeout, and an answer it has begun
to stream ends mid-way under HTTP 200 (oxigraph issues #1336 and #1409). The gateway therefore
hands each request to an ``oxigraph`` server process of its own (``workers`` of them over a
read-only store, one over a writable store), and

- sends only complete answers: it reads the whole answer before it sends the status;
- stops a request at ``timeout`` seconds (time waiting for a free worker included) by killing
  its worker, which frees the CPU at once, answers 504 and starts a fresh worker; a query whose
  client leaves before its answer has begun is stopped then;
- refuses an answer larger than ``max_bytes`` with 507 (killing the worker, which would go on
  producing it) and a request body larger than that with 413;
- answers 503 when no worker became free before the timeout, 502 when a worker failed.

Each refusal is one line of ``text/plain``. Writes (SPARQL Update; Graph Store PUT, POST and
DELETE) have no timeout. A worker started after a timeout opens the store's current generation.

``endpoint(location, …)`` runs the gateway as a child process (``python -m
remembrance.graph.endpoint``), in a process group of its own with its workers.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from remembrance.config import QUERY_LIMITS, QueryLimits
from remembrance.graph.server import Server, free_port, start, wait_until_ready
from remembrance.graph.store import StoreError

FORWARDED_REQUEST_HEADERS = ("Content-Type", "Accept")
FORWARDED_RESPONSE_HEADERS = ("Content-Type", "Content-Disposition", "Allow")
RESTART_PAUSE = 5.0  # seconds between attempts to start a worker that failed to start


class Refusal(Exception):
    """A request the gateway answers with an error status and a one-line message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(eq=False)  # each worker is itself
class _Worker:
    server: Server
    output: IO[bytes]

    def kill(self) -> None:
        self.server.process.kill()
        self.server.process.wait()
        self.output.close()


class Workers:
    """The oxigraph server processes; each answers one request at a time."""

    def __init__(self, location: Path, *, writable: bool, count: int) -> None:
        self.location = location
        self.writable = writable
        self.count = count
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.running: set[_Worker] = set()
        self.lock = threading.Lock()
        self.closed = False
        try:
            for _ in range(count):
                self.idle.put(self._start())
        except BaseException:
            self.close()
            raise

    def _start(self) -> _Worker:
        output = tempfile.TemporaryFile()  # noqa: SIM115  (closed with the worker)
        try:
            server = start(self.location, output, writable=self.writable)
        except BaseException:
            output.close()
            raise
        worker = _Worker(server, output)
        with self.lock:
            self.running.add(worker)
            if not self.closed:
                return worker
        self._kill(worker)
        raise StoreError("the endpoint is stopping")

    def _kill(self, worker: _Worker) -> None:
        with self.lock:
            self.running.discard(worker)
        worker.kill()

    def acquire(self, deadline: float | None, timeout: float) -> _Worker:
        """An idle worker; Refusal 503 if none becomes idle before `deadline`."""
        try:
            if deadline is None:
                return self.idle.get()
            return self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise Refusal(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"busy: the {self.count} worker(s) stayed busy with other queries for "
                f"{timeout:g} s; retry later",
            ) from None

    def release(self, worker: _Worker) -> None:
        self.idle.put(worker)

    def replace(self, worker: _Worker) -> None:
        """Kill `worker` (freeing its CPU now) and start another one in the background."""
        self._kill(worker)
        threading.Thread(target=self._restart, daemon=True).start()

    def _restart(self) -> None:
        while not self.closed:
            try:
                self.idle.put(self._start())
                return
            except StoreError as error:
                print(f"cannot start a worker: {error}", file=sys.stderr, flush=True)
                time.sleep(RESTART_PAUSE)

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.running)
            self.running.clear()
        for worker in workers:
            worker.kill()


class Gateway(ThreadingHTTPServer):
    """The HTTP front: a thread per request, a worker process per running request."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], workers: Workers, limits: QueryLimits) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.workers = workers
        self.limits = limits
        super().__init__(address, _Handler)

    def forward(
        self,
        method: str,
        target: str,
        headers: dict[str, str],
        body: bytes,
        *,
        write: bool,
        client: socket.socket,
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """The complete answer of a worker to this request (status, headers, content).

        A read is stopped when its `client` leaves before the answer has begun."""
        timeout = self.limits.timeout
        deadline = None if write else time.monotonic() + timeout
        worker = self.workers.acquire(deadline, timeout)
        try:
            answer = self._exchange(
                worker, method, target, headers, body, deadline, None if write else client
            )
        except BaseException:
            self.workers.replace(worker)
            raise
        self.workers.release(worker)
        return answer

    def _exchange(
        self,
        worker: _Worker,
        method: str,
        target: str,
        headers: dict[str, str],
        body: bytes,
        deadline: float | None,
        client: socket.socket | None,
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        address = urlsplit(worker.server.url)
        connection = http.client.HTTPConnection(
            address.hostname or "127.0.0.1", address.port, timeout=self._remaining(deadline)
        )
        try:
            connection.request(method, target, body=body or None, headers=headers)
            if client is not None and connection.sock is not None:
                self._await_answer(connection.sock, client, deadline)
            response = connection.getresponse()
            chunks, size = [], 0
            while True:
                if connection.sock is not None:
                    connection.sock.settimeout(self._remaining(deadline))
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise Refusal(
                        HTTPStatus.INSUFFICIENT_STORAGE,
                        f"answer too large: over {self.limits.max_bytes} bytes (serve "
                        "--max-bytes); add a LIMIT or narrow the query",
                    )
                chunks.append(chunk)
            self._remaining(deadline)
            kept = [(n, v) for n in FORWARDED_RESPONSE_HEADERS if (v := response.getheader(n))]
            return response.status, kept, b"".join(chunks)
        except TimeoutError:
            raise self._timeout() from None
        except (OSError, http.client.HTTPException) as error:
            raise Refusal(
                HTTPStatus.BAD_GATEWAY, f"the query engine failed: {error!r}; retry"
            ) from None
        finally:
            connection.close()

    def _await_answer(
        self, worker: socket.socket, client: socket.socket, deadline: float | None
    ) -> None:
        """Return when the worker begins to answer; a Refusal if the client leaves first."""
        watched = [worker, client]
        while True:
            ready, _, _ = select.select(watched, [], [], self._remaining(deadline))
            if worker in ready:
                return
            if client in ready:
                try:
                    left = not client.recv(1, socket.MSG_PEEK)
                except OSError:
                    left = True
                if left:
                    raise Refusal(HTTPStatus.BAD_REQUEST, "the client left; the query was stopped")
                watched = [worker]  # more bytes from the client: stop watching it

    def _remaining(self, deadline: float | None) -> float | None:
        if deadline is None:
            return None
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout()
        return remaining

    def _timeout(self) -> Refusal:
        return Refusal(
            HTTPStatus.GATEWAY_TIMEOUT,
            f"query timeout: no complete answer within {self.limits.timeout:g} s (serve "
            "--timeout); the query was stopped",
        )


class _Handler(BaseHTTPRequestHandler):
    server: Gateway

    def do_GET(self) -> None:  # noqa: N802  (the names http.server calls)
        self._answer("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._answer("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._answer("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._answer("DELETE")

    def _answer(self, method: str) -> None:
        path = urlsplit(self.path).path
        write = path.startswith("/update") or (path.startswith("/store") and method != "GET")
        try:
            body = self._body()
            headers = {n: v for n in FORWARDED_REQUEST_HEADERS if (v := self.headers.get(n))}
            status, kept, content = self.server.forward(
                method, self.path, headers, body, write=write, client=self.connection
            )
        except Refusal as refusal:
            self.log_message("refused: %s", refusal.message)
            status, kept = refusal.status, [("Content-Type", "text/plain; charset=utf-8")]
            content = (refusal.message + "\n").encode("utf-8")
        with suppress(ConnectionError):  # the client left
            self.send_response(status)
            for name, value in kept:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """No access log (refusals are logged): a public endpoint's log would grow forever."""

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.limits.timeout)  # drop a client sending slowly

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            raise Refusal(HTTPStatus.LENGTH_REQUIRED, "send the request body with Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise Refusal(HTTPStatus.BAD_REQUEST, "Content-Length is not a number") from None
        if length > self.server.limits.max_bytes:
            raise Refusal(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"request too large: over {self.server.limits.max_bytes} bytes",
            )
        return self.rfile.read(length)


@contextmanager
def endpoint(
    location: Path,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    writable: bool = False,
    limits: QueryLimits = QUERY_LIMITS,
    log: Path | None = None,
) -> Iterator[Server]:
    """The gateway over the oxigraph store `location` until the block ends.

    Its output (and its workers') goes to `log`, else to a temporary file.
    """
    if not writable and not location.exists():
        raise StoreError(f"{location}: no store here; build one first with 'remembrance build'")
    port = port or free_port(host)
    command = [sys.executable, "-m", "remembrance.graph.endpoint", "--location", str(location)]
    command += ["--bind", f"{host}:{port}", "--timeout", str(limits.timeout)]
    command += ["--max-bytes", str(limits.max_bytes), "--workers", str(limits.workers)]
    command += ["--writable"] if writable else []
    with log.open("w+b") if log else tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=output,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a process group: the gateway and its workers
        )
        server = Server(f"http://{'[' + host + ']' if ':' in host else host}:{port}", process)
        try:
            wait_until_ready(server, output)
            yield server
        finally:
            _stop_group(process)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the gateway and its workers: politely, then by force after 10 s."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with suppress(ProcessLookupError):  # a worker that outlived the gateway
        os.killpg(process.pid, signal.SIGKILL)


def _stop_when_orphaned(parent: int) -> None:
    """Stop this process (and so its workers) when the process that started it has gone."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m remembrance.graph.endpoint", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--location", type=Path, required=True, help="the oxigraph store")
    parser.add_argument("--bind", required=True, help="HOST:PORT to listen on")
    parser.add_argument("--writable", action="store_true")
    parser.add_argument("--timeout", type=float, default=QUERY_LIMITS.timeout)
    parser.add_argument("--max-bytes", type=int, default=QUERY_LIMITS.max_bytes)
    parser.add_argument("--workers", type=int, default=QUERY_LIMITS.workers)
    args = parser.parse_args(argv)
    limits = QueryLimits(args.timeout, args.max_bytes, 1 if args.writable else args.workers)
    host, _, port = args.bind.rpartition(":")
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    threading.Thread(target=_stop_when_orphaned, args=(os.getppid(),), daemon=True).start()
    try:
        workers = Workers(args.location, writable=args.writable, count=limits.workers)
    except (StoreError, KeyboardInterrupt) as error:
        sys.exit(f"the endpoint did not start: {error}")
    try:
        with Gateway((host.strip("[]"), int(port)), workers, limits) as gateway:
            gateway.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        workers.close()


if __name__ == "__main__":
    main()
