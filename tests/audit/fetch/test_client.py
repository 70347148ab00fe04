"""The fetcher against misbehaving local servers: every bound holds, reasons are readable."""

from __future__ import annotations

import pytest

from aura.audit.fetch import (
    BlockedTargetError,
    Fetcher,
    FetchLimits,
    FetchTimeoutError,
    NetworkPolicy,
    TooLargeError,
    TooManyRedirectsError,
)
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
