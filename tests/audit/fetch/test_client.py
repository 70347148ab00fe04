"""The fetcher against misbehaving local servers: every bound holds, reasons are readable."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import pytest

from aura.audit.fetch import (
    BlockedTargetError,
    Fetcher,
    FetchError,
    FetchLimits,
    FetchTimeoutError,
    NetworkPolicy,
    TooLargeError,
    TooManyRedirectsError,
)
from aura.audit.fetch.guard import IPAddress
from tests.support.servers import Route, ScriptedSite, closed_port_url, serve_scripted

LIMITS = FetchLimits(user_agent="Aura-test", total_timeout=5, retries=0, max_bytes=50_000)
OPEN = NetworkPolicy(allow_private=True)


def _redirect(to: str, status: int = 302) -> Route:
    return Route(status=status, body=b"", headers={"Location": to})


async def test_follows_redirects_and_records_the_chain() -> None:
    site = ScriptedSite(routes={"/old": _redirect("/middle", 301), "/middle": _redirect("/new")})
    with serve_scripted(site):
        async with Fetcher(LIMITS, OPEN) as fetcher:
            response = await fetcher.fetch(site.url("/old"))
    assert response.final_url == site.url("/new")
    assert [(hop.status_code, hop.location) for hop in response.redirects] == [
        (301, site.url("/middle")),
        (302, site.url("/new")),
    ]
    assert response.status_code == 200
    assert response.timings.ttfb_ms is not None
    assert response.remote_address == "127.0.0.1"


async def test_redirect_loops_and_long_chains_stop() -> None:
    chain = {f"/r{i}": _redirect(f"/r{i + 1}") for i in range(50)}
    site = ScriptedSite(routes={"/loop": _redirect("/loop"), **chain})
    with serve_scripted(site):
        async with Fetcher(LIMITS, OPEN) as fetcher:
            with pytest.raises(TooManyRedirectsError, match="redirect loop"):
                await fetcher.fetch(site.url("/loop"))
            with pytest.raises(TooManyRedirectsError, match="more than 10 redirects"):
                await fetcher.fetch(site.url("/r0"))


async def test_a_public_page_redirecting_to_a_private_address_is_refused() -> None:
    inner = ScriptedSite()
    outer = ScriptedSite()
    with serve_scripted(inner), serve_scripted(outer):
        outer.routes["/"] = _redirect(inner.url("/secret"))
        outer_port = int(outer.base.rsplit(":", 1)[1])
        policy = NetworkPolicy(public_ports=frozenset({outer_port}))
        async with Fetcher(LIMITS, policy) as fetcher:
            with pytest.raises(BlockedTargetError, match="private or reserved"):
                await fetcher.fetch(outer.url("/"))
    assert inner.hits == {}


async def test_non_http_redirects_are_refused() -> None:
    site = ScriptedSite(routes={"/": _redirect("file:///etc/passwd")})
    with serve_scripted(site):
        async with Fetcher(LIMITS, OPEN) as fetcher:
            with pytest.raises(Exception, match="non-HTTP location"):
                await fetcher.fetch(site.url("/"))


async def test_size_limit_applies_to_declared_and_actual_bodies() -> None:
    site = ScriptedSite(routes={"/big": Route(body=b"x" * 60_000)})
    with serve_scripted(site):
        async with Fetcher(LIMITS, OPEN) as fetcher:
            with pytest.raises(TooLargeError, match="50,000-byte limit"):
                await fetcher.fetch(site.url("/big"))


async def test_gzip_bomb_is_stopped_after_decompression() -> None:
    import gzip

    bomb = gzip.compress(b"\0" * 5_000_000)
    site = ScriptedSite(
        routes={
            "/bomb": Route(
                body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
            )
        }
    )
    with serve_scripted(site):
        async with Fetcher(LIMITS, OPEN) as fetcher:
            with pytest.raises(TooLargeError, match="after decompression"):
                await fetcher.fetch(site.url("/bomb"))


async def test_slow_pages_time_out_with_a_reason() -> None:
    limits = FetchLimits(user_agent="Aura-test", read_timeout=0.3, total_timeout=5, retries=0)
    site = ScriptedSite(routes={"/slow": Route(delay=2)})
    with serve_scripted(site):
        async with Fetcher(limits, OPEN) as fetcher:
            with pytest.raises(FetchTimeoutError, match="timed out"):
                await fetcher.fetch(site.url("/slow"))


async def test_refused_connections_are_retried_then_reported() -> None:
    limits = FetchLimits(user_agent="Aura-test", retries=2, retry_backoff=0.01)
    async with Fetcher(limits, OPEN) as fetcher:
        with pytest.raises(Exception, match="connection refused"):
            await fetcher.fetch(closed_port_url())


async def test_sends_an_honest_user_agent() -> None:
    site = ScriptedSite()
    with serve_scripted(site):
        async with Fetcher(FetchLimits(user_agent="Aura/9 (+test)"), OPEN) as fetcher:
            await fetcher.fetch(site.url("/"))
    assert site.user_agents == ["Aura/9 (+test)"]


def _counting_resolver(answers: list[list[str] | None], calls: list[str]):  # type: ignore[no-untyped-def]
    """A resolver giving ``answers`` in turn (None: the name does not exist)."""

    async def resolve(host: str, port: int) -> list[IPAddress]:
        calls.append(host)
        answer = answers[min(len(calls), len(answers)) - 1]
        if answer is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [ipaddress.ip_address(address) for address in answer]

    return resolve


async def test_a_host_that_does_not_resolve_is_looked_up_once_for_all_its_references() -> None:
    calls: list[str] = []
    policy = NetworkPolicy(allow_private=True, resolver=_counting_resolver([None], calls))
    urls = [f"http://cdn.example.test/asset-{index}.js" for index in range(8)]
    async with Fetcher(LIMITS, policy) as fetcher:
        outcomes = await asyncio.gather(
            *(fetcher.fetch(url) for url in urls), return_exceptions=True
        )
        later = await asyncio.gather(fetcher.fetch(urls[0]), return_exceptions=True)
    for outcome in [*outcomes, *later]:
        assert isinstance(outcome, FetchError)
        assert "could not be resolved" in str(outcome)
    assert calls == ["cdn.example.test"]


async def test_a_lookup_that_never_answers_fails_at_the_dns_timeout() -> None:
    async def silent(host: str, port: int) -> list[IPAddress]:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    limits = FetchLimits(user_agent="Aura-test", retries=0, dns_timeout=0.05)
    async with Fetcher(limits, NetworkPolicy(resolver=silent)) as fetcher:
        with pytest.raises(FetchTimeoutError, match=r"did not resolve within 0\.05 s"):
            await fetcher.fetch("http://slow-dns.example.test/")


async def test_a_fetcher_that_retries_looks_a_failed_name_up_again() -> None:
    site = ScriptedSite()
    calls: list[str] = []
    policy = NetworkPolicy(
        allow_private=True, resolver=_counting_resolver([None, ["127.0.0.1"]], calls)
    )
    limits = FetchLimits(user_agent="Aura-test", retries=1, retry_backoff=0.01)
    with serve_scripted(site):
        port = site.base.rsplit(":", 1)[1]
        async with Fetcher(limits, policy) as fetcher:
            response = await fetcher.fetch(f"http://flaky-dns.example.test:{port}/")
    assert response.status_code == 200
    assert calls == ["flaky-dns.example.test", "flaky-dns.example.test"]


async def test_without_retries_an_unreachable_host_fails_at_once_the_second_time() -> None:
    url = closed_port_url()
    async with Fetcher(LIMITS, OPEN) as fetcher:
        with pytest.raises(FetchError, match="connection refused"):
            await fetcher.fetch(url)
        with pytest.raises(FetchError, match="unreachable earlier"):
            await fetcher.fetch(url + "other")
