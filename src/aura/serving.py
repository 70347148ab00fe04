"""How ``aura serve`` serves the app: uvicorn, with bounds on what a client may hold.

uvicorn closes idle keep-alive connections, but waits for ever for a request that has not
arrived yet or arrives a byte at a time: thousands of such connections (opened before any
token is checked) cost nothing to hold open for the client and a socket and a protocol object
each for the server. :class:`GuardedH11Protocol` gives each request a deadline for its
headers and one for its body, and closes connections beyond a cap as soon as they open.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from aura.config import Settings

#: Largest request head (request line and headers) accepted; larger is a 400.
MAX_HEADER_BYTES = 16 * 1024
#: Largest WebSocket message accepted: clients only ever send ``{"type": "resync"}``.
MAX_WEBSOCKET_MESSAGE = 64 * 1024


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline, a body deadline and a connection cap.

    Use :func:`guarded_protocol` to make a subclass carrying the three bounds.
    """

    header_timeout: float = 10.0
    body_timeout: float = 30.0
    max_connections: int = 1000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._waiting_for: str | None = None
        self._handed_over = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.close()
            return
        self._expect("headers")

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if not self._handed_over:
            self._follow_the_request()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            # The next request on this connection gets its own header deadline.
            self._follow_the_request()

    def handle_websocket_upgrade(self, event: h11.Request) -> None:
        # The WebSocket protocol takes the connection over, with its own pings and limits.
        self._handed_over = True
        self._expect(None)
        super().handle_websocket_upgrade(event)

    def connection_lost(self, exc: Exception | None) -> None:
        self._expect(None)
        super().connection_lost(exc)

    def _follow_the_request(self) -> None:
        state = self.conn.their_state
        if state is h11.IDLE and (self.cycle is None or self.cycle.response_complete):
            self._expect("headers")
        elif state is h11.SEND_BODY:
            self._expect("body")
        else:
            # Read whole (the app is answering it), or the connection is ending.
            self._expect(None)

    def _expect(self, part: str | None) -> None:
        """Start the deadline for ``part`` of a request, unless it is already running."""
        if part == self._waiting_for:
            return
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        self._waiting_for = part
        if part is not None:
            timeout = self.header_timeout if part == "headers" else self.body_timeout
            self._deadline = self.loop.call_later(timeout, self._too_slow)

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        # Closing tells an app still reading the body that the client went away.
        self.transport.close()


def guarded_protocol(
    header_timeout: float, body_timeout: float, max_connections: int
) -> type[GuardedH11Protocol]:
    bounds = {
        "header_timeout": header_timeout,
        "body_timeout": body_timeout,
        "max_connections": max_connections,
    }
    return type("BoundedH11Protocol", (GuardedH11Protocol,), bounds)


def server_config(app: Any, settings: Settings, host: str, port: int) -> uvicorn.Config:
    """The uvicorn configuration of ``aura serve``."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        # log_config=None: uvicorn's loggers go through Aura's handler (format, redaction).
        log_config=None,
        # Forwarded headers are read by the app, only from AURA_TRUSTED_PROXIES: uvicorn's
        # own reading trusts 127.0.0.1 by default, which let any local client pick its
        # address (and so its rate limit).
        proxy_headers=False,
        http=guarded_protocol(
            settings.http_header_timeout,
            settings.http_body_timeout,
            settings.http_max_connections,
        ),
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        timeout_keep_alive=settings.http_keep_alive_timeout,
        ws_max_size=MAX_WEBSOCKET_MESSAGE,
        server_header=False,
    )
