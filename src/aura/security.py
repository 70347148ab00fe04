"""API security: bearer tokens, request size limits, rate limits, response headers, log hygiene.

Everything here is plain ASGI middleware or a FastAPI dependency, configured from settings:

* ``AURA_API_TOKENS`` (comma-separated): when set, every endpoint but the health checks
  needs ``Authorization: Bearer <token>`` (a WebSocket may pass ``?token=`` instead, since
  browsers cannot set headers on one). Tokens are compared in constant time.
* ``AURA_MAX_REQUEST_BYTES``: larger request bodies are refused with 413 before they are read.
* ``AURA_BATCH_RATE_LIMIT``: requests that start analyses (batches, single analyses, set
  runs, sets with a schedule) one token (or, without tokens, one client address) may make
  per minute; ``AURA_REPORT_RATE_LIMIT``: the same for work done while the client waits
  (exports, comparisons of two chosen runs). More is a 429 with ``Retry-After``.
* ``AURA_TRUSTED_PROXIES``: the addresses (or networks) of reverse proxies whose
  ``Forwarded`` / ``X-Forwarded-For`` headers name the client. From anyone else those
  headers are ignored, so a client cannot pick the address it is limited by.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import math
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote_plus

from aura.errors import AuraError

if TYPE_CHECKING:
    # Only a type here: the settings validate AURA_TRUSTED_PROXIES with this module, and
    # every command reads the settings; importing FastAPI for it cost ~0.3 s of start-up.
    from fastapi import Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Paths anyone may reach: health checks, and the web UI's static files (which hold no data;
#: the UI itself sends the token with every API call).
PUBLIC_PATHS = ("/healthz", "/readyz")
PROTECTED_PREFIXES = ("/api/", "/openapi.json", "/docs", "/redoc")

UNAUTHORIZED_CLOSE = 4401

#: One query parameter; its name is compared decoded, as ``parse_qsl`` reads it, so that
#: ``?%74oken=`` (which authenticates) is redacted like ``?token=``.
_QUERY_PARAMETER = re.compile(r"([?&])([^=&\s\"?#]+)=([^&\s\"#]*)")


class RateLimitedError(AuraError):
    status_code = 429

    def __init__(self, retry_after: int, what: str = "requests") -> None:
        super().__init__(f"too many {what}; try again in {retry_after} s")
        self.retry_after = retry_after


class TokenAuth:
    def __init__(self, tokens: Iterable[str]) -> None:
        self._tokens = [token.encode() for token in tokens if token]

    @property
    def enabled(self) -> bool:
        return bool(self._tokens)

    def valid(self, presented: str | None) -> bool:
        if not presented:
            return False
        candidate = presented.encode()
        # Compare against every token, so timing tells nothing about which one matched.
        matched = False
        for token in self._tokens:
            matched |= hmac.compare_digest(candidate, token)
        return matched


def presented_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            header: str = bytes(value).decode("latin-1")
            scheme, _, credentials = header.partition(" ")
            if scheme.lower() == "bearer":
                return credentials.strip()
    # Browsers cannot set headers on a WebSocket or an <img>: those may carry ?token=.
    if scope["type"] == "websocket" or _is_screenshot(scope):
        query: str = bytes(scope.get("query_string", b"")).decode("latin-1")
        for key, found in parse_qsl(query):
            if key == "token":
                return found
    return None


def _is_screenshot(scope: Scope) -> bool:
    path = str(scope.get("path", ""))
    return scope.get("method") == "GET" and "/screenshots/" in path


def _protected(path: str) -> bool:
    if path in PUBLIC_PATHS:
        return False
    return path.startswith(PROTECTED_PREFIXES)


class AuthMiddleware:
    """Refuses protected requests without a valid token (401, or close 4401 for sockets)."""

    def __init__(self, app: ASGIApp, auth: TokenAuth) -> None:
        self.app = app
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not self.auth.enabled:
            await self.app(scope, receive, send)
            return
        if not _protected(scope.get("path", "")) or self.auth.valid(presented_token(scope)):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.accept"})
            await send(
                {"type": "websocket.close", "code": UNAUTHORIZED_CLOSE, "reason": "unauthorized"}
            )
            return
        await _json(
            send,
            401,
            {"detail": "a valid bearer token is required (Authorization: Bearer …)"},
            extra=[(b"www-authenticate", b'Bearer realm="aura"')],
        )


class BodyLimitMiddleware:
    """Refuses request bodies over ``limit`` bytes, declared or streamed, with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _json(send, 413, {"detail": self._message()})
                return
        received = 0
        refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # Answer now, and tell the app the client went away so it stops reading.
                    refused = True
                    await _json(send, 413, {"detail": self._message()})
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)

    def _message(self) -> str:
        return f"the request body is larger than {self.limit:,} bytes"


class SecurityHeadersMiddleware:
    """Headers that keep the UI and the API from being framed, sniffed or leaking referrers."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (
            b"content-security-policy",
            b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            b"connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; "
            b"frame-ancestors 'none'",
        ),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in self.HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class RateLimiter:
    """A sliding one-minute window per key, in this process's memory."""

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        what: str = "batches and analyses started",
    ) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.what = what
        self._hits: dict[str, deque[float]] = {}

    def check(self, key: str) -> None:
        if self.per_minute <= 0:
            return
        now = self.clock()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - 60:
            hits.popleft()
        if len(hits) >= self.per_minute:
            raise RateLimitedError(max(1, math.ceil(hits[0] + 60 - now)), self.what)
        hits.append(now)
        if len(self._hits) > 10_000:  # forget idle clients rather than grow without bound
            for stale in [k for k, v in self._hits.items() if not v or v[-1] <= now - 60]:
                del self._hits[stale]


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(spec: str) -> list[Network]:
    """``"10.0.0.1, 192.168.0.0/16"`` as networks; ValueError naming a bad entry."""
    networks: list[Network] = []
    for entry in (part.strip() for part in spec.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{entry!r} is not an IP address or network") from None
    return networks


class ClientAddress:
    """The address a request comes from, as far as it can be trusted.

    The connection's peer, unless the peer is one of ``trusted`` proxies: then the
    forwarding headers are read from the right (the entry the nearest proxy added) past
    every trusted proxy, and the first address that is not one is the client. Entries to
    its left were written by the client itself and are never used.
    """

    def __init__(self, trusted: Iterable[Network]) -> None:
        self.trusted = list(trusted)

    def _is_trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)

    def of(self, scope: Scope) -> str:
        client = scope.get("client")
        peer = str(client[0]) if client else "unknown"
        if not self.trusted or not self._is_trusted(peer):
            return peer
        hops = _forwarded_for(scope)
        address = peer
        while hops and self._is_trusted(address):
            address = hops.pop()
        return address


def _forwarded_for(scope: Scope) -> list[str]:
    """The client addresses of ``Forwarded`` (RFC 7239), else of ``X-Forwarded-For``,
    in the order the proxies added them."""
    forwarded: list[str] = []
    x_forwarded: list[str] = []
    for name, value in scope.get("headers", []):
        text = bytes(value).decode("latin-1")
        if name == b"forwarded":
            for element in text.split(","):
                for pair in element.split(";"):
                    key, _, found = pair.strip().partition("=")
                    if key.strip().lower() == "for":
                        forwarded.append(_bare_address(found))
        elif name == b"x-forwarded-for":
            x_forwarded.extend(_bare_address(part) for part in text.split(","))
    return forwarded or x_forwarded


def _bare_address(value: str) -> str:
    """``"[2001:db8::1]:4711"`` → ``2001:db8::1``; ``192.0.2.1:80`` → ``192.0.2.1``."""
    value = value.strip().strip('"')
    if value.startswith("["):
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        return value.partition(":")[0]
    return value


def client_key(request: Request) -> str:
    token = presented_token(request.scope)
    if token:
        # Keyed by a digest, so the limiter's memory never holds the token itself.
        return "token:" + hmac.new(b"aura-rate", token.encode(), "sha256").hexdigest()[:16]
    addresses: ClientAddress = request.app.state.client_address
    return "client:" + addresses.of(request.scope)


class RedactTokens(logging.Filter):
    """Scrubs ``token=…`` from log records (WebSocket URLs in access logs carry one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def redact(text: str) -> str:
    """``text`` with the value of every ``token`` query parameter, however spelt, hidden."""
    if "=" not in text:
        return text

    def hide(match: re.Match[str]) -> str:
        separator, name, _ = match.groups()
        if unquote_plus(name).strip().lower() != "token":
            return match.group()
        return f"{separator}{name}=[redacted]"

    return _QUERY_PARAMETER.sub(hide, text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and the exception)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


async def _json(
    send: Send, status: int, body: dict[str, Any], extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    payload = json.dumps(body).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
