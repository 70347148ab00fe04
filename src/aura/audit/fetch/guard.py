"""The private-network guard: which addresses Aura may connect to.

Aura fetches URLs that users type, so every connection (the page, each redirect hop, each
subresource) is checked here after DNS resolution, and the connection is then made to the
very address that was checked, so a second DNS answer cannot slip a private address in.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Resolves a host name to its addresses (a test can supply its own).
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

# Ranges that are globally routable according to ipaddress but still must never be reached.
_EXTRA_BLOCKED = (
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT (is_global is False, kept explicit)
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.ip_network("198.18.0.0/15"),  # benchmarking
    ipaddress.ip_network("64:ff9b:1::/48"),  # local-use NAT64
    ipaddress.ip_network("3fff::/20"),  # documentation (RFC 9637), newer than ipaddress knows
)

# The only IPv6 unicast space in use on the Internet. Everything outside it is reserved,
# deprecated (site-local fec0::/10, IPv4-compatible ::a.b.c.d) or special-purpose, and
# ipaddress calls much of it "global" all the same (for example ::127.0.0.1 and 4000::1).
_GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")


class BlockedAddressError(Exception):
    """A connection was refused because its target is not a public address."""


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried inside an IPv4-mapped, 6to4 or NAT64 IPv6 address."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(address: IPAddress) -> bool:
    """True when ``address`` is a globally routable unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            return is_public_address(inner)
        if address not in _GLOBAL_UNICAST_V6:
            return False
    if address.is_multicast or not address.is_global:
        return False
    return not any(address in network for network in _EXTRA_BLOCKED)


#: A lookup still unanswered after this long is asked again, alongside the first. The system
#: resolver waits 5 s (glibc's default) before it resends a lost query, and resolvers drop
#: queries when many arrive at once (rate limits), as they do from a page full of CDN hosts.
DNS_RETRY_AFTER = 0.5
#: Lookups asked at most for one name (the first and the repeats).
DNS_ATTEMPTS = 3
#: Past this many lookup threads alive, a slow lookup is not asked again.
_MAX_LOOKUP_THREADS = 64
_lookup_threads = 0
_lookup_threads_lock = threading.Lock()

AddressInfo = tuple[Any, ...]


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    infos = await _getaddrinfo(host, port)
    addresses: list[IPAddress] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if address not in addresses:
                addresses.append(address)
    return addresses


async def _getaddrinfo(host: str, port: int) -> list[AddressInfo]:
    """``getaddrinfo`` in a thread, asked again when the first answer is slow to come.

    Each attempt has a daemon thread of its own rather than a pool's: a lookup stuck in
    the system resolver then holds up neither the default executor (which runs the audits)
    nor the interpreter's exit. The first attempt to finish, answer or error, decides.
    """
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[list[AddressInfo]] = loop.create_future()
    # Attempts that finish after the caller stopped waiting must not log unretrieved errors.
    answer.add_done_callback(lambda future: future.cancelled() or future.exception())
    _start_lookup(loop, answer, host, port, repeat=False)
    attempts = 1
    while not answer.done():
        await asyncio.wait((answer,), timeout=DNS_RETRY_AFTER)
        if not answer.done() and attempts < DNS_ATTEMPTS:
            attempts += _start_lookup(loop, answer, host, port, repeat=True)
    return answer.result()


def _start_lookup(
    loop: asyncio.AbstractEventLoop,
    answer: asyncio.Future[list[AddressInfo]],
    host: str,
    port: int,
    *,
    repeat: bool,
) -> bool:
    global _lookup_threads
    with _lookup_threads_lock:
        if repeat and _lookup_threads >= _MAX_LOOKUP_THREADS:
            return False
        _lookup_threads += 1
    thread = threading.Thread(
        target=_lookup, args=(loop, answer, host, port), name="aura-dns", daemon=True
    )
    try:
        thread.start()
    except BaseException:
        _lookup_finished()
        raise
    return True


def _lookup_finished() -> None:
    global _lookup_threads
    with _lookup_threads_lock:
        _lookup_threads -= 1


def _lookup(
    loop: asyncio.AbstractEventLoop,
    answer: asyncio.Future[list[AddressInfo]],
    host: str,
    port: int,
) -> None:
    result: list[AddressInfo] | None = None
    error: Exception | None = None
    try:
        result = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except Exception as failure:
        error = failure
    finally:
        _lookup_finished()
    # A closed event loop raises RuntimeError: nobody is waiting any more.
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(_settle, answer, result, error)


def _settle(
    answer: asyncio.Future[list[AddressInfo]],
    result: list[AddressInfo] | None,
    error: Exception | None,
) -> None:
    if answer.done():
        return
    if error is not None:
        answer.set_exception(error)
    else:
        answer.set_result(result or [])


@dataclass(frozen=True)
class NetworkPolicy:
    """What the guard allows. ``public_ports`` lets tests declare loopback ports public."""

    allow_private: bool = False
    public_ports: frozenset[int] = field(default_factory=frozenset)
    resolver: Resolver = system_resolver

    def permits(self, address: IPAddress, port: int) -> bool:
        if self.allow_private or is_public_address(address):
            return True
        return address.is_loopback and port in self.public_ports

    async def resolve(self, host: str, port: int) -> list[IPAddress]:
        """The addresses of ``host`` that may be connected to; raises if there are none."""
        literal = _literal_address(host)
        addresses = [literal] if literal is not None else await self.resolver(host, port)
        if not addresses:
            raise BlockedAddressError(f"{host} did not resolve to any address")
        allowed = [address for address in addresses if self.permits(address, port)]
        if not allowed:
            shown = ", ".join(str(address) for address in addresses[:3])
            raise BlockedAddressError(
                f"{host} resolves to a private or reserved address ({shown}); "
                "Aura only fetches public addresses unless AURA_ALLOW_PRIVATE_NETWORKS is set"
            )
        if len(allowed) != len(addresses):
            # A name that mixes public and private answers is a rebinding trick: refuse it.
            raise BlockedAddressError(
                f"{host} resolves to both public and private addresses; refused"
            )
        return allowed


def _literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
