"""A fixture server of misbehaving pages, for the hostile-pages tests.

Everything large is produced as it is sent (the 1 GiB body, the endless stream) or is small
on the wire (the compression bombs), so the server itself stays light. Slow answers check a
stop flag between bytes, so closing the server ends them.
"""

from __future__ import annotations

import contextlib
import functools
import random
import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

GIB = 1 << 30
_MIB_OF_ZEROS = bytes(1 << 20)


@functools.cache
def gzip_bomb() -> bytes:
    """1 GiB of zeros gzip-compressed to about 1 MB, built without holding the 1 GiB.

    After a full flush the compressor forgets what came before, so every further MiB of
    zeros compresses to the very same block, which is simply repeated.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(_MIB_OF_ZEROS) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(_MIB_OF_ZEROS) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(GIB >> 20):
        crc = zlib.crc32(_MIB_OF_ZEROS, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, GIB & 0xFFFFFFFF)
    return header + first + block * ((GIB >> 20) - 1) + last + trailer


@functools.cache
def brotli_bomb() -> bytes:
    """1 GiB of zeros brotli-compressed: under 2 KB on the wire."""
    compressor = brotli.Compressor(quality=5)
    parts = [compressor.process(_MIB_OF_ZEROS) for _ in range(GIB >> 20)]
    parts.append(compressor.finish())
    return b"".join(parts)


def _html(body: str, head: str = "<title>Hostile</title>") -> bytes:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()


@functools.cache
def deeply_nested(depth: int = 10_000) -> bytes:
    # Browsers stop nesting at 512 levels; lexbor does not, and its tree building is
    # quadratic in the depth (about 20 s at 50,000 levels), so the fixture stays at 10,000.
    return _html("<div>" * depth + "deep" + "</div>" * depth)


@functools.cache
def many_attributes(count: int = 80_000) -> bytes:
    """One element with 80,000 distinct attributes (870 KB): lexbor took 55 s on it."""
    attributes = "".join(f' a{i}="v"' for i in range(count))
    return _html(f"<div{attributes}>many attributes</div>")


@functools.cache
def stray_end_tags(count: int = 20_000) -> bytes:
    """Nesting a plain tag counter missed: each ``</i>`` closes nothing, so the ``<b>``s nest
    20,000 deep (lexbor: over 10 s)."""
    return _html("<b></i>" * count + "deep")


@functools.cache
def many_options(count: int = 14_000) -> bytes:
    """One ``<select>`` of 14,000 options: its cost grows with their square (2.4 s)."""
    return _html("<select>" + "<option>choice" * count + "</select>")


@functools.cache
def malformed() -> bytes:
    soup = (
        '<html><head><title>Broken<meta name="description" content="no end'
        "<body><p><b><i>unclosed <table><tr><td><div></p></td></span></b>"
        '<a href=\'"javascript:alert(1)\'>x</a><img src=><img src="\x00">'
        "<!-- unterminated comment <script>var a = '</script>"
        "<svg><foreignObject><math><mi><style></svg>&#xFFFFFFFF;&bogus;&#0;"
    )
    return (soup * 200).encode("utf-8", "surrogatepass")


@functools.cache
def lying_charset() -> bytes:
    # Declared UTF-8 (header) and Shift_JIS (meta); the body is UTF-16 with stray bytes.
    text = '<html><head><meta charset="shift_jis"><title>Ça ment</title></head><body>'
    return text.encode("utf-16") + bytes(range(128, 256)) * 50 + b"</body></html>"


@functools.cache
def many_links(count: int = 100_000) -> bytes:
    links = "".join(f'<a href="/page/{i}">link {i}</a>' for i in range(count))
    return _html(links)


@functools.cache
def many_subresources(count: int = 3_000) -> bytes:
    parts = []
    for i in range(count):
        parts.append(f'<img src="/img/{i}.png" alt="">')
        if i % 10 == 0:
            parts.append(f'<script src="/js/{i}.js"></script>')
            parts.append(f'<link rel="stylesheet" href="/css/{i}.css">')
    return _html("".join(parts))


#: A page whose subresources are the hostile answers themselves.
BOMB_SUBRESOURCES = _html(
    '<link rel="stylesheet" href="/gzip-bomb"><script src="/brotli-bomb"></script>'
    '<img src="/gigabyte-undeclared" alt=""><img src="/drip" alt=""><script src="/endless">'
    '</script><img src="/redirect-loop" alt=""><link rel="stylesheet" href="/not-http">'
)

_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)
NORMAL_PAGE = _html(
    "<h1>A normal page</h1><p>Nothing to see.</p>",
    '<title>Normal</title><meta name="description" content="A well-behaved fixture page">',
)


@dataclass
class HostileSite:
    """The running server: its base URL and which paths were requested how often."""

    base: str = ""
    hits: dict[str, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


#: Every hostile path, for tests that want to walk them all.
HOSTILE_PATHS = (
    "/gzip-bomb",
    "/brotli-bomb",
    "/gigabyte",
    "/gigabyte-undeclared",
    "/drip",
    "/drip-headers",
    "/silent",
    "/endless",
    "/redirect-loop",
    "/redirect/0",
    "/pdf",
    "/image",
    "/binary",
    "/binary-as-html",
    "/malformed",
    "/nested",
    "/attributes",
    "/stray-end-tags",
    "/options",
    "/lying-charset",
    "/links",
    "/subresources",
    "/short-body",
    "/not-http",
    "/page-with-bombs",
)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: HostileSite

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with _LOCK:
            self.site.hits[path] = self.site.hits.get(path, 0) + 1
        # A client that gives up mid-answer is what most of these pages are for.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(path)

    def _answer(self, path: str) -> None:
        if path == "/gzip-bomb":
            self._send_chunked(gzip_bomb(), "text/html", {"Content-Encoding": "gzip"})
        elif path == "/brotli-bomb":
            self._send_chunked(brotli_bomb(), "text/html", {"Content-Encoding": "br"})
        elif path == "/gigabyte":
            self._stream(GIB, declared=True)
        elif path == "/gigabyte-undeclared":
            self._stream(GIB, declared=False)
        elif path == "/drip":
            self._drip()
        elif path == "/drip-headers":
            self._drip_headers()
        elif path == "/silent":
            # Accepts the request and never answers.
            self.site.stop.wait(600)
            self.close_connection = True
        elif path == "/endless":
            self._stream(None, declared=False)
        elif path == "/redirect-loop":
            self._redirect("/redirect-loop")
        elif path.startswith("/redirect/"):
            hop = int(path.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{hop + 1}" if hop < 50 else "/normal")
        elif path == "/pdf":
            self._send(_PDF, "application/pdf")
        elif path == "/image":
            self._send(_PNG, "image/png")
        elif path == "/binary":
            self._send(random.Random(1).randbytes(200_000), "application/octet-stream")
        elif path == "/binary-as-html":
            self._send(random.Random(2).randbytes(200_000), "text/html")
        elif path == "/malformed":
            self._send(malformed(), "text/html; charset=utf-8")
        elif path == "/nested":
            self._send(deeply_nested(), "text/html; charset=utf-8")
        elif path == "/attributes":
            self._send(many_attributes(), "text/html; charset=utf-8")
        elif path.startswith("/attributes/"):
            count = min(int(path.rsplit("/", 1)[1]), 100_000)
            self._send(many_attributes(count), "text/html; charset=utf-8")
        elif path == "/stray-end-tags":
            self._send(stray_end_tags(), "text/html; charset=utf-8")
        elif path == "/options":
            self._send(many_options(), "text/html; charset=utf-8")
        elif path == "/lying-charset":
            self._send(lying_charset(), "text/html; charset=utf-8")
        elif path == "/links":
            self._send(many_links(), "text/html; charset=utf-8")
        elif path == "/subresources":
            self._send(many_subresources(), "text/html; charset=utf-8")
        elif path == "/short-body":
            # Promises more than it sends, then hangs up.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body>cut short")
            self.close_connection = True
        elif path == "/not-http":
            self.wfile.write(b"SSH-2.0-OpenSSH_9.6\r\n\x00\x01\x02 garbage, not HTTP\r\n\r\n")
            self.close_connection = True
        elif path == "/page-with-bombs":
            self._send(BOMB_SUBRESOURCES, "text/html; charset=utf-8")
        elif path.startswith(("/img/", "/js/", "/css/")):
            kind = {"/img/": "image/png", "/js/": "text/javascript", "/css/": "text/css"}
            self._send(_PNG if path.startswith("/img/") else b"/* */", kind[path[:5]])
        else:
            self._send(NORMAL_PAGE, "text/html; charset=utf-8")

    def _send(self, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_chunked(self, body: bytes, content_type: str, extra: dict[str, str]) -> None:
        """No Content-Length, so only what the client decodes can tell how big it is."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        for start in range(0, len(body), 16 * 1024):
            if self.site.stop.is_set():
                return
            piece = body[start : start + 16 * 1024]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\n\r\n")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, total: int | None, *, declared: bool) -> None:
        """``total`` bytes (or without end), generated as they are sent."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declared and total is not None:
            self.send_header("Content-Length", str(total))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        block = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>"
        sent = 0
        while (total is None or sent < total) and not self.site.stop.is_set():
            piece = block if total is None else block[: total - sent]
            if declared:
                self.wfile.write(piece)
            else:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            sent += len(piece)
        if not declared:
            self.wfile.write(b"0\r\n\r\n")

    def _drip_headers(self) -> None:
        """Headers that never end, one byte a second (a slow-loris response)."""
        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
        self.close_connection = True
        while not self.site.stop.wait(1.0):
            self.wfile.write(b"a")
            self.wfile.flush()

    def _drip(self) -> None:
        """A page that arrives at one byte per second: every read is "on time"."""
        body = NORMAL_PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.close_connection = True
        for index in range(len(body)):
            if self.site.stop.wait(1.0):
                return
            self.wfile.write(body[index : index + 1])
            self.wfile.flush()


_LOCK = threading.Lock()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # A batch and its subresources connect all at once; the default backlog of 5 would
    # turn that into connect timeouts that have nothing to do with the page.
    request_queue_size = 256

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up mid-answer is the point of this server


@contextmanager
def serve_hostile() -> Iterator[HostileSite]:
    """Run the hostile server on 127.0.0.1; yields the site (``site.url("/drip")``)."""
    site = HostileSite()
    handler = type("HostileHandler", (_Handler,), {"site": site})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    site.base = f"http://{host}:{port}"
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
