"""A real ``oxigraph`` SPARQL server as a child process: started, awaited, stopped.

``serve(location, …)`` runs ``oxigraph serve-read-only`` (or ``oxigraph serve`` when writable)
with ``--union-default-graph``. The endpoints are ``<url>/query`` (SPARQL Query),
``<url>/update`` (SPARQL Update, writable servers only) and ``<url>/store`` (Graph Store).
A read-only server must not run while another process writes the same directory.
Such a server neither bounds a query's time nor its answer: ``remembrance serve`` puts the
gateway of ``remembrance.graph.endpoint`` in front of it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from remembrance.graph.store import StoreError

STARTUP_SECONDS = 20.0


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]


def oxigraph_command() -> str:
    """The ``oxigraph`` executable: beside the Python interpreter, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the 'oxigraph' command is not installed (pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on `host` right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def wait_until_ready(server: Server, output: IO[bytes]) -> None:
    """Return when `server` answers a query; a StoreError with its last output line if it exits."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            output.seek(0)  # safe: the server has exited
            message = output.read().decode(errors="replace").strip().splitlines()
            reason = message[-1] if message else f"exit status {server.process.returncode}"
            raise StoreError(f"{server.url}: the oxigraph server did not start: {reason}")
        try:
            with urllib.request.urlopen(f"{server.url}/query?query=ASK%7B%7D", timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    raise StoreError(f"{server.url}: the oxigraph server did not answer in {STARTUP_SECONDS} s")


def start(
    location: Path | None,
    output: IO[bytes],
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    writable: bool = False,
) -> Server:
    """An oxigraph server over `location` (None: in memory, writable only), answering; its
    output goes to `output`. Stop it with ``stop``."""
    if location is None and not writable:
        raise ValueError("a read-only server needs a store location")
    if location is not None and not writable and not location.exists():
        raise StoreError(f"{location}: no store here; build one first with 'remembrance build'")
    port = port or free_port(host)
    command = [oxigraph_command(), "serve" if writable else "serve-read-only"]
    if location is not None:
        command += ["--location", str(location)]
    command += ["--bind", f"{host}:{port}", "--union-default-graph"]
    process = subprocess.Popen(command, stdout=output, stderr=output, stdin=subprocess.DEVNULL)
    server = Server(f"http://{'[' + host + ']' if ':' in host else host}:{port}", process)
    try:
        wait_until_ready(server, output)
    except BaseException:
        stop(server)
        raise
    return server


def stop(server: Server) -> None:
    """Stop `server`: politely, then by force after 10 s."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@contextmanager
def serve(
    location: Path | None,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    writable: bool = False,
    log: Path | None = None,
) -> Iterator[Server]:
    """An oxigraph server over `location` (None: in memory, writable only) until the block ends.

    The server's output goes to `log`, else to a temporary file.
    """
    with log.open("w+b") if log else tempfile.TemporaryFile() as output:
        server = start(location, output, host=host, port=port, writable=writable)
        try:
            yield server
        finally:
            stop(server)
