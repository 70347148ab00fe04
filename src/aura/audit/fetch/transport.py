"""An httpx transport whose every TCP connection passes the private-network guard."""

from __future__ import annotations

import time
import typing
from contextvars import ContextVar
from dataclasses import dataclass

import httpcore
import httpx
from httpcore import AsyncNetworkBackend, AsyncNetworkStream
from httpcore._backends.auto import AutoBackend

from aura.audit.fetch.guard import NetworkPolicy

SocketOption = typing.Any


@dataclass
class ConnectionFacts:
    """What the backend learnt while opening the connection of the current request."""

    dns_ms: float | None = None
    remote_address: str | None = None


#: Set by the fetcher around one request so the backend can report DNS time and the peer.
current_connection: ContextVar[ConnectionFacts | None] = ContextVar(
    "aura_current_connection", default=None
)


class GuardedBackend(AsyncNetworkBackend):
    """Resolves the host itself, checks every address, and connects to a checked one."""

    def __init__(self, policy: NetworkPolicy) -> None:
        self._policy = policy
        self._inner = AutoBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109
        local_address: str | None = None,
        socket_options: typing.Iterable[SocketOption] | None = None,
    ) -> AsyncNetworkStream:
        started = time.perf_counter()
        addresses = await self._policy.resolve(host, port)
        facts = current_connection.get()
        if facts is not None:
            facts.dns_ms = (time.perf_counter() - started) * 1000
        last_error: Exception | None = None
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout, OSError) as error:
                last_error = error
                continue
            if facts is not None:
                facts.remote_address = str(address)
            return stream
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109
        socket_options: typing.Iterable[SocketOption] | None = None,
    ) -> AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` with the guarded backend underneath.

    httpx does not expose httpcore's ``network_backend`` argument, so the pool that the
    parent built is replaced by an identical one that uses the guarded backend. Proxies
    from the environment are never used: they would bypass the guard.
    """

    def __init__(self, policy: NetworkPolicy, *, http2: bool = True, max_connections: int = 20):
        super().__init__(http2=http2, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            http1=True,
            http2=http2,
            network_backend=GuardedBackend(policy),
        )
