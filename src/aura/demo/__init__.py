"""The demo: three small fictional help-desk vendors that ship with Aura.

Each site is a folder under ``sites/`` with a ``site.json`` (its name, the role it plays in
the demo, the response headers it sends and whether it compresses). ``serve_demo_sites``
serves every site on its own loopback port, so a comparison runs with no network at all.
Text files may contain ``{{ORIGIN}}``, replaced by the site's own ``http://host:port``
(sitemaps, canonical links and social tags need absolute URLs).
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

ORIGIN_PLACEHOLDER = b"{{ORIGIN}}"
_TEXT_TYPES = ("text/", "application/xml", "image/svg+xml", "application/javascript")
_COMPRESSIBLE = ("text/", "image/svg+xml", "application/javascript", "application/xml")


@dataclass(frozen=True)
class DemoSite:
    slug: str
    name: str
    role: str
    root: Path
    headers: dict[str, str] = field(default_factory=dict)
    compress: bool = False


@dataclass(frozen=True)
class ServedSite:
    site: DemoSite
    url: str
    port: int


def load_sites(root: Path) -> list[DemoSite]:
    sites = []
    for folder in sorted(path for path in root.iterdir() if (path / "site.json").is_file()):
        config: dict[str, Any] = json.loads((folder / "site.json").read_text(encoding="utf-8"))
        sites.append(
            DemoSite(
                slug=folder.name,
                name=str(config["name"]),
                role=str(config.get("role", "")),
                root=folder,
                headers={str(k): str(v) for k, v in config.get("headers", {}).items()},
                compress=bool(config.get("compress", False)),
            )
        )
    return sites


def _media_type(path: Path) -> str:
    if path.suffix == ".svg":
        return "image/svg+xml"
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith(_TEXT_TYPES) else guessed


def _handler(site: DemoSite) -> type[BaseHTTPRequestHandler]:
    root = site.root.resolve()

    class DemoHandler(BaseHTTPRequestHandler):
        server_version = site.headers.get("Server", "Aura-demo")
        sys_version = ""
        #: ``http://host:port``, set once the server is bound.
        origin = ""

        def version_string(self) -> str:
            return self.server_version

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def do_GET(self) -> None:
            self._answer(body=True)

        def _answer(self, *, body: bool) -> None:
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            relative = path.lstrip("/") or "index.html"
            target = (root / relative).resolve()
            if target.is_dir():
                target = target / "index.html"
            if (
                not target.is_relative_to(root)
                or not target.is_file()
                or target.name == "site.json"
            ):
                self._send(404, b"<h1>Not found</h1>", "text/html; charset=utf-8", body=body)
                return
            content = target.read_bytes()
            media_type = _media_type(target)
            if media_type.startswith(_TEXT_TYPES):
                content = content.replace(ORIGIN_PLACEHOLDER, self.origin.encode())
            self._send(200, content, media_type, body=body)

        def _send(self, status: int, content: bytes, media_type: str, *, body: bool) -> None:
            accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
            compress = site.compress and accepts_gzip and media_type.startswith(_COMPRESSIBLE)
            if compress:
                content = gzip.compress(content, mtime=0)
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(content)))
            if compress:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            for name, value in site.headers.items():
                if name.lower() != "server":
                    self.send_header(name, value)
            self.end_headers()
            if body:
                self.wfile.write(content)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return DemoHandler


@contextmanager
def serve_site(site: DemoSite, host: str = "127.0.0.1") -> Iterator[ServedSite]:
    handler = _handler(site)
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"demo-{site.slug}", daemon=True)
    thread.start()
    port = int(server.server_address[1])
    handler.origin = f"http://{host}:{port}"  # type: ignore[attr-defined]
    try:
        yield ServedSite(site, f"http://{host}:{port}/", port)
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_demo_sites() -> Iterator[list[ServedSite]]:
    """Serve every demo site on loopback; the first is "your" site."""
    with as_file(files("aura.demo") / "sites") as root, ExitStack() as stack:
        yield [stack.enter_context(serve_site(site)) for site in load_sites(Path(root))]
