"""Local fixture web servers on 127.0.0.1 (the outside world in tests)."""

from __future__ import annotations

import functools
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SHARED_SITES = Path(__file__).resolve().parents[3] / "shared" / "sites"
#: Real sites of several pages (each folder's SOURCE.md says where it comes from).
SHARED_MULTI_SITES = SHARED_SITES.parent / "sites-multi"


class _QuietStatic(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class LoopbackServer(ThreadingHTTPServer):
    # socketserver's listen backlog is 5: a browser opening a page's connections at once
    # overflows it, and each connection dropped waits a second for TCP to try again.
    request_queue_size = 128
    daemon_threads = True


@contextmanager
def _serving(server: ThreadingHTTPServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP; yields the base URL (without a trailing slash)."""
    handler = functools.partial(_QuietStatic, directory=str(directory))
    with _serving(LoopbackServer(("127.0.0.1", 0), handler)) as base:
        yield base


#: The longest a gated route holds its request.
GATE_WAIT = 60.0


@dataclass
class Route:
    status: int = 200
    body: bytes = b"<html><head><title>Fixture</title></head><body>ok</body></html>"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    delay: float = 0.0
    #: Held until the test sets it (at most ``GATE_WAIT`` seconds): the request stays open,
    #: so the test can look at a state that lasts only while this page is being fetched.
    gate: threading.Event | None = None


@dataclass
class ScriptedSite:
    """A server whose answers the test chooses, path by path (query strings ignored)."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    user_agents: list[str] = field(default_factory=list)
    #: Every request as it came: (path, user agent, ``time.monotonic()`` of its arrival).
    requests: list[tuple[str, str, float]] = field(default_factory=list)
    default: Route | None = field(default_factory=Route)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve_scripted(site: ScriptedSite) -> Iterator[ScriptedSite]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with lock:
                site.hits[path] = site.hits.get(path, 0) + 1
                site.user_agents.append(self.headers.get("User-Agent", ""))
                site.requests.append((path, self.headers.get("User-Agent", ""), time.monotonic()))
            route = site.routes.get(path, site.default)
            if route is None:
                route = Route(status=404, body=b"not found")
            if route.delay:
                time.sleep(route.delay)
            if route.gate is not None:
                route.gate.wait(GATE_WAIT)
            try:
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
            except ConnectionError:
                pass  # the client gave up waiting (a delayed route outlives its test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with _serving(LoopbackServer(("127.0.0.1", 0), Handler)) as base:
        site.base = base
        yield site


def closed_port_url() -> str:
    """A URL on a loopback port where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
