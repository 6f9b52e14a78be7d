"""`remembrance serve` (a gateway before oxigraph workers), and a bare oxigraph server.

The runaway queries below never finish on a store of 600 triples; each request has a generous
client timeout, so a server that does not stop them fails the test instead of hanging it.
"""

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from chain import CROSS_COUNT
from chain import NEXT as CHAIN_NEXT

from remembrance.graph.server import free_port, serve
from remembrance.graph.store import StoreError

pytestmark = pytest.mark.server

NEXT = f"<{CHAIN_NEXT}>"
CROSS_ORDER = (  # a plain cross product: equality filters would let Oxigraph join and finish
    "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j LIMIT 1"
)
PATH_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a {NEXT}* ?b . ?c {NEXT}* ?d }}"
CROSS_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # 360 000 rows, some 90 MB of JSON
LABELS = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
TIMEOUT, MAX_BYTES = 2, 1_000_000


def post(url: str, body: str, content_type: str = "application/sparql-query") -> tuple[int, bytes]:
    request = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": content_type, "Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def descendants(pid: int) -> dict[int, str]:
    """The processes below `pid`, with their command lines."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                commands[int(entry.name)] = (
                    (entry / "cmdline").read_bytes().decode(errors="replace")
                )
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                found[child] = commands[child]
                frontier.append(child)
    return found


@dataclass(frozen=True)
class Endpoint:
    url: str
    process: subprocess.Popen[bytes]

    def workers(self) -> set[int]:
        """The oxigraph processes answering the queries."""
        return {
            pid for pid, command in descendants(self.process.pid).items() if "oxigraph" in command
        }

    def settled_workers(self, count: int) -> set[int]:
        """The workers, once there are `count` of them (a replaced one starts in the background)."""
        for _ in range(600):
            if len(workers := self.workers()) == count:
                return workers
            time.sleep(0.05)
        raise AssertionError(f"not {count} workers: {self.workers()}")

    def answers(self) -> bool:
        status, body = post(f"{self.url}/query", "ASK {}")
        return status == 200 and json.loads(body)["boolean"] is True


def start_endpoint(root: Path, *options: str) -> Endpoint:
    """`remembrance serve --store ROOT OPTIONS`, once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "remembrance", "serve", "--store", str(root), "--port", str(port)]
        + list(options),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode() if process.stderr else "")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                return Endpoint(url, process)
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    process.kill()
    raise AssertionError("remembrance serve did not answer")


def stop_endpoint(endpoint: Endpoint) -> None:
    endpoint.process.send_signal(signal.SIGTERM)
    endpoint.process.wait(timeout=30)


@pytest.fixture(scope="module")
def endpoint(chain_store: Path) -> Iterator[Endpoint]:
    served = start_endpoint(
        chain_store, "--timeout", str(TIMEOUT), "--max-bytes", str(MAX_BYTES), "--workers", "2"
    )
    yield served
    stop_endpoint(served)


def test_post_returns_sparql_json_over_the_union(endpoint: Endpoint) -> None:
    status, body = post(f"{endpoint.url}/query", LABELS)
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "300"
    status, body = post(f"{endpoint.url}/query", "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 600


def test_get_and_other_formats_go_through(endpoint: Endpoint) -> None:
    query = urllib.parse.urlencode({"query": LABELS})
    request = urllib.request.Request(
        f"{endpoint.url}/query?{query}", headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers.get_content_type() == "text/csv"
        assert response.read().decode().split() == ["n", "300"]


def test_update_is_refused(endpoint: Endpoint) -> None:
    update = "INSERT DATA { <https://example.org/a> <https://example.org/b> 'c' }"
    status, _ = post(f"{endpoint.url}/update", update, "application/sparql-update")
    assert status >= 400
    status, body = post(f"{endpoint.url}/query", "ASK { <https://example.org/a> ?p ?o }")
    assert json.loads(body)["boolean"] is False


def test_bad_sparql_is_a_400_and_costs_no_worker(endpoint: Endpoint) -> None:
    before = endpoint.workers()
    status, body = post(f"{endpoint.url}/query", "SELECT ?x WHERE { ?x")
    assert status == 400 and body
    assert endpoint.workers() == before


@pytest.mark.slow
@pytest.mark.parametrize(
    "runaway", [CROSS_COUNT, CROSS_ORDER, PATH_COUNT], ids=["count", "order-by", "path-count"]
)
def test_a_runaway_query_is_refused_its_worker_killed_and_the_next_one_answered(
    endpoint: Endpoint, runaway: str
) -> None:
    before = endpoint.settled_workers(2)
    status, body = post(f"{endpoint.url}/query", runaway)
    assert status == 504, (status, body[-200:])
    message = body.decode()
    assert message.startswith("query timeout:") and message.count("\n") == 1, message
    assert f"{TIMEOUT} s" in message
    assert endpoint.workers() != before  # the worker that ran it is gone: its CPU is free
    assert endpoint.answers()
    status, body = post(f"{endpoint.url}/query", LABELS)
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "300"


@pytest.mark.slow
def test_a_streamed_answer_past_the_size_cap_is_refused(endpoint: Endpoint) -> None:
    status, body = post(f"{endpoint.url}/query", CROSS_ROWS)
    assert status == 507, (status, len(body))
    assert body.decode().startswith(f"answer too large: over {MAX_BYTES} bytes")
    assert endpoint.answers()


@pytest.mark.slow
def test_the_remote_store_reports_a_stopped_query(endpoint: Endpoint) -> None:
    from remembrance.graph.remote import RemoteStore

    with pytest.raises(StoreError, match="HTTP 504: query timeout"):
        RemoteStore(endpoint.url).query(CROSS_COUNT)


@pytest.mark.slow
def test_queries_beyond_the_workers_wait_and_are_refused_as_busy(chain_store: Path) -> None:
    served = start_endpoint(chain_store, "--timeout", str(TIMEOUT), "--workers", "1")
    try:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(2) as pool:  # one holds the only worker, the other waits
            answers = list(pool.map(lambda q: post(f"{served.url}/query", q), [CROSS_COUNT] * 2))
        assert sorted(status for status, _ in answers) == [503, 504]
        assert any(body.decode().startswith("busy:") for _, body in answers)
        assert served.answers()
    finally:
        stop_endpoint(served)


def gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_for(condition: Callable[[], bool], what: str) -> None:
    for _ in range(1200):  # at most a minute: half the endpoint's timeout below
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"not {what}")


@pytest.mark.slow
def test_a_query_whose_client_left_is_stopped_before_its_timeout(chain_store: Path) -> None:
    served = start_endpoint(chain_store, "--timeout", "120", "--workers", "1")
    try:
        (worker,) = served.workers()
        idle = cpu_ticks(worker)
        port = int(served.url.rsplit(":", 1)[1])
        client = socket.create_connection(("127.0.0.1", port))
        body = CROSS_COUNT.encode()
        client.sendall(
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        wait_for(lambda: cpu_ticks(worker) > idle + 20, "computing")  # the query is running
        client.close()
        wait_for(lambda: gone(worker), "stopped")  # long before the 120 s timeout
        assert served.answers()
    finally:
        stop_endpoint(served)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_stopping_the_endpoint_stops_its_gateway_and_workers(
    chain_store: Path, how: signal.Signals
) -> None:
    served = start_endpoint(chain_store, "--workers", "2")
    below = descendants(served.process.pid)
    assert len(served.workers()) == 2 and len(below) == 3  # the gateway and two workers
    served.process.send_signal(how)
    served.process.wait(timeout=30)
    for _ in range(600):  # a gateway whose command was killed notices within a second
        if all(gone(pid) for pid in below):
            break
        time.sleep(0.05)
    assert all(gone(pid) for pid in below), below


def test_no_store_no_endpoint(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "remembrance", "serve", "--store", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "no store" in result.stderr


def test_no_store_no_server(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"), serve(tmp_path / "missing"):
        pass


def test_the_server_stops_with_the_block(tmp_path: Path) -> None:
    with serve(None, writable=True) as server:
        process = server.process
    assert process.poll() is not None
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{server.url}/query?query=ASK%7B%7D", timeout=2)


@pytest.mark.slow
def test_a_writable_endpoint_keeps_its_writes_when_a_runaway_query_is_stopped(
    chain_store: Path, tmp_path: Path
) -> None:
    import shutil

    root = tmp_path / "store"
    shutil.copytree(chain_store, root, symlinks=True)
    served = start_endpoint(root, "--writable", "--timeout", str(TIMEOUT), "--workers", "3")
    try:
        assert len(served.workers()) == 1  # one process may write the store
        update = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'written' } }"
        status, _ = post(f"{served.url}/update", update, "application/sparql-update")
        assert status == 204
        status, body = post(f"{served.url}/query", CROSS_COUNT)
        assert status == 504, body
        served.settled_workers(1)  # restarted over the same store
        ask = "ASK { <urn:a> <urn:b> 'written' }"
        status, body = post(f"{served.url}/query", ask)
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        stop_endpoint(served)
