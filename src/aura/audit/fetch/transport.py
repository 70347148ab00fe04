"""An httpx transport whose every TCP connection passes the private-network guard."""

from __future__ import annotations

import asyncio
import ssl
import time
import typing
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

import httpcore
import httpx
from httpcore import AsyncNetworkBackend, AsyncNetworkStream
from httpcore._backends.auto import AutoBackend

from aura.audit.fetch.guard import IPAddress, NetworkPolicy

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
    """Resolves the host itself, checks every address, and connects to a checked one.

    Each host is resolved once per backend (one fetcher, so one analysis): concurrent
    requests to a host share its lookup, and a lookup that outlasts ``dns_timeout`` fails.
    With ``remember_failures`` (fetchers that do not retry) a host that did not resolve or
    could not be connected to fails at once for the rest of the backend's life, so a page
    full of references to an unreachable CDN costs one wait, not one per reference.
    """

    def __init__(
        self,
        policy: NetworkPolicy,
        *,
        dns_timeout: float | None = None,
        remember_failures: bool = False,
    ) -> None:
        self._policy = policy
        self._inner = AutoBackend()
        self._dns_timeout = dns_timeout
        self._remember_failures = remember_failures
        self._lookups: dict[tuple[str, int], asyncio.Task[list[IPAddress]]] = {}
        self._unreachable: dict[tuple[str, int], str] = {}

    async def resolve(self, host: str, port: int) -> list[IPAddress]:
        """The checked addresses of ``host``, looked up once however many ask at a time."""
        key = (host.lower(), port)
        lookup = self._lookups.get(key)
        if lookup is None:
            lookup = asyncio.create_task(self._lookup(host, port))
            lookup.add_done_callback(self._settled(key))
            self._lookups[key] = lookup
        # Shielded: one request giving up (its own budget) does not cancel the others' wait.
        return await asyncio.shield(lookup)

    def _settled(self, key: tuple[str, int]) -> typing.Callable[[asyncio.Task[typing.Any]], None]:
        def settled(lookup: asyncio.Task[typing.Any]) -> None:
            failed = lookup.cancelled() or lookup.exception() is not None
            if failed and not self._remember_failures and self._lookups.get(key) is lookup:
                del self._lookups[key]  # a retry of the request looks the name up again

        return settled

    async def _lookup(self, host: str, port: int) -> list[IPAddress]:
        if self._dns_timeout is None:
            return await self._policy.resolve(host, port)
        try:
            async with asyncio.timeout(self._dns_timeout):
                return await self._policy.resolve(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(
                f"{host} did not resolve within {self._dns_timeout:g} s"
            ) from None

    def cancel_lookups(self) -> None:
        for lookup in self._lookups.values():
            lookup.cancel()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109
        local_address: str | None = None,
        socket_options: typing.Iterable[SocketOption] | None = None,
    ) -> AsyncNetworkStream:
        key = (host.lower(), port)
        if key in self._unreachable:
            raise httpcore.ConnectError(self._unreachable[key])
        started = time.perf_counter()
        addresses = await self.resolve(host, port)
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
        if self._remember_failures:
            self._unreachable[key] = f"{host}:{port} was unreachable earlier ({last_error})"
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

    def __init__(
        self,
        policy: NetworkPolicy,
        *,
        http2: bool = True,
        max_connections: int = 20,
        dns_timeout: float | None = None,
        remember_failures: bool = False,
    ):
        context = shared_ssl_context(http2)
        super().__init__(verify=context, http2=http2, trust_env=False)
        self._backend = GuardedBackend(
            policy, dns_timeout=dns_timeout, remember_failures=remember_failures
        )
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            http1=True,
            http2=http2,
            network_backend=self._backend,
        )

    async def aclose(self) -> None:
        self._backend.cancel_lookups()
        await super().aclose()


@cache
def shared_ssl_context(http2: bool) -> ssl.SSLContext:
    """One client TLS context per process (and ALPN setting): loading the CA bundle costs
    tens of milliseconds of CPU, and every fetcher of every analysis needs the same one.

    httpcore sets the ALPN protocols on the context at each connection, the same ones for
    the same ``http2`` flag, hence one context per flag.
    """
    return httpx.create_ssl_context(trust_env=False)
