"""A SOCKS5 proxy on loopback that every connection of a rendered page goes through.

Request interception alone cannot guard a browser: redirect hops, preconnects and sockets
opened by the network stack never reach it, and Chromium resolves names itself, after the
check. Through this proxy Chromium resolves nothing (SOCKS5 passes the host name on); the
proxy resolves it with the ``NetworkPolicy``, refuses private and reserved addresses, and
connects to the very address it checked, like the static fetcher does.

One proxy serves one page render; ``refused`` lists what it turned away. A proxy made
before its render (``policy`` None) refuses every connection until it is given one.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import struct

from aura.audit.fetch.guard import BlockedAddressError, IPAddress, NetworkPolicy

logger = logging.getLogger(__name__)

_VERSION = 5
_NO_AUTH = 0
_CONNECT = 1
_IPV4, _DOMAIN, _IPV6 = 1, 3, 4
_SUCCEEDED, _FAILURE, _NOT_ALLOWED, _HOST_UNREACHABLE, _REFUSED, _UNSUPPORTED = 0, 1, 2, 4, 5, 7
_CHUNK = 64 * 1024


class GuardProxy:
    def __init__(self, policy: NetworkPolicy | None, connect_timeout: float = 10.0) -> None:
        self.policy = policy
        self.connect_timeout = connect_timeout
        #: (host:port, reason) of every connection refused by the policy.
        self.refused: list[tuple[str, str]] = []
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        # Chromium opens several connections per host: one lookup answers them all.
        self._lookups: dict[tuple[str, int], asyncio.Task[list[IPAddress]]] = {}

    @property
    def url(self) -> str:
        assert self._server is not None, "the proxy is not started"
        host, port = self._server.sockets[0].getsockname()[:2]
        return f"socks5://{host}:{port}"

    async def __aenter__(self) -> GuardProxy:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)

    async def close(self) -> None:
        """Stop listening and cut every connection still open."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        for task in [*self._tasks, *self._lookups.values()]:
            task.cancel()
        if self._tasks or self._lookups:
            await asyncio.gather(*self._tasks, *self._lookups.values(), return_exceptions=True)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        try:
            await self._handle(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        except Exception:
            logger.exception("the browser's proxy failed on a connection")
        finally:
            self._tasks.discard(task)
            self._writers.discard(writer)
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        version, count = await reader.readexactly(2)
        methods = await reader.readexactly(count)
        if version != _VERSION or _NO_AUTH not in methods:
            writer.write(bytes([_VERSION, 0xFF]))
            return
        writer.write(bytes([_VERSION, _NO_AUTH]))
        version, command, _reserved, kind = await reader.readexactly(4)
        if kind == _IPV4:
            host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
        elif kind == _IPV6:
            host = str(ipaddress.IPv6Address(await reader.readexactly(16)))
        elif kind == _DOMAIN:
            (length,) = await reader.readexactly(1)
            host = (await reader.readexactly(length)).decode("idna")
        else:
            await _reply(writer, _UNSUPPORTED)
            return
        (port,) = struct.unpack(">H", await reader.readexactly(2))
        if command != _CONNECT:
            await _reply(writer, _UNSUPPORTED)
            return
        upstream = await self._connect(host, port, writer)
        if upstream is None:
            return
        up_reader, up_writer = upstream
        self._writers.add(up_writer)
        try:
            await _reply(writer, _SUCCEEDED)
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        finally:
            self._writers.discard(up_writer)
            up_writer.close()

    async def _connect(
        self, host: str, port: int, writer: asyncio.StreamWriter
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        if self.policy is None:
            await _reply(writer, _NOT_ALLOWED)
            return None
        lookup = self._lookups.get((host, port))
        if lookup is None:
            lookup = asyncio.create_task(self.policy.resolve(host, port))
            self._lookups[(host, port)] = lookup
        try:
            addresses = await asyncio.shield(lookup)
        except BlockedAddressError as error:
            self._refuse(host, port, str(error))
            await _reply(writer, _NOT_ALLOWED)
            return None
        except OSError as error:
            self._refuse(host, port, f"{host} could not be resolved ({error})")
            await _reply(writer, _HOST_UNREACHABLE)
            return None
        failure: OSError | None = None
        for address in addresses:
            try:
                # Connect to the address that was checked, never to the name again.
                return await asyncio.wait_for(
                    asyncio.open_connection(str(address), port), self.connect_timeout
                )
            except (OSError, TimeoutError) as error:
                failure = error if isinstance(error, OSError) else OSError(str(error))
        await _reply(writer, _REFUSED if isinstance(failure, ConnectionRefusedError) else _FAILURE)
        return None

    def _refuse(self, host: str, port: int, reason: str) -> None:
        target = f"{host}:{port}"
        if all(seen != target for seen, _reason in self.refused):
            self.refused.append((target, reason))


async def _reply(writer: asyncio.StreamWriter, status: int) -> None:
    writer.write(bytes([_VERSION, status, 0, _IPV4, 0, 0, 0, 0, 0, 0]))
    await writer.drain()


async def _pipe(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
    try:
        while chunk := await source.read(_CHUNK):
            target.write(chunk)
            await target.drain()
    except ConnectionError:
        pass
    finally:
        with contextlib.suppress(Exception):
            if target.can_write_eof():
                target.write_eof()
