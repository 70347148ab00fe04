"""The private-network guard, on addresses and on names (with a test resolver)."""

from __future__ import annotations

import ipaddress

import pytest

from aura.audit.fetch.guard import BlockedAddressError, IPAddress, NetworkPolicy, is_public_address


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.255.254",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "100.64.0.1",
        "169.254.169.254",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "198.18.0.1",
        "192.0.0.8",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a00:1",
        "2002:7f00:1::",
    ],
)
def test_non_public_addresses(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


def _resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address(a) for a in table.get(host, [])]

    return resolve


async def test_names_resolving_to_private_addresses_are_refused() -> None:
    policy = NetworkPolicy(
        resolver=_resolver(
            {
                "metadata.example": ["169.254.169.254"],
                "mixed.example": ["93.184.215.14", "10.0.0.1"],
                "public.example": ["93.184.215.14"],
            }
        )
    )
    with pytest.raises(BlockedAddressError, match="private or reserved address"):
        await policy.resolve("metadata.example", 80)
    with pytest.raises(BlockedAddressError, match="both public and private"):
        await policy.resolve("mixed.example", 80)
    with pytest.raises(BlockedAddressError, match="did not resolve"):
        await policy.resolve("nowhere.example", 80)
    assert await policy.resolve("public.example", 443) == [ipaddress.ip_address("93.184.215.14")]


async def test_allow_private_and_public_ports() -> None:
    assert await NetworkPolicy(allow_private=True).resolve("127.0.0.1", 8080)
    declared = NetworkPolicy(public_ports=frozenset({8080}))
    assert await declared.resolve("127.0.0.1", 8080)
    with pytest.raises(BlockedAddressError):
        await declared.resolve("127.0.0.1", 8081)
