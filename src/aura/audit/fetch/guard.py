"""The private-network guard: which addresses Aura may connect to.

Aura fetches URLs that users type, so every connection (the page, each redirect hop, each
subresource) is checked here after DNS resolution, and the connection is then made to the
very address that was checked, so a second DNS answer cannot slip a private address in.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Resolves a host name to its addresses (a test can supply its own).
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

# Ranges that are globally routable according to ipaddress but still must never be reached.
_EXTRA_BLOCKED = (
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT (is_global is False, kept explicit)
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.ip_network("198.18.0.0/15"),  # benchmarking
    ipaddress.ip_network("64:ff9b:1::/48"),  # local-use NAT64
)


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
    if address.is_multicast or not address.is_global:
        return False
    return not any(address in network for network in _EXTRA_BLOCKED)


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if address not in addresses:
                addresses.append(address)
    return addresses


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
