"""Every route that starts work counts against the caller's allowance, and the caller is
who the connection says, unless a configured proxy says otherwise."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from aura.app import create_app
from aura.config import Settings
from aura.security import ClientAddress, parse_networks
from tests.security.helpers import hardened_settings

URLS = ["a.example", "b.example"]


@asynccontextmanager
async def app_client(
    settings: Settings, peer: str = "127.0.0.1"
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, run_worker=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(peer, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://aura.test") as client:
            yield client


Start = Callable[[httpx.AsyncClient, str], Awaitable[httpx.Response]]


async def _batch(client: httpx.AsyncClient, set_id: str) -> httpx.Response:
    return await client.post("/api/v1/competitive/", json={"urls": URLS})


async def _analysis(client: httpx.AsyncClient, set_id: str) -> httpx.Response:
    return await client.post("/api/v1/analyses/", json={"url": "a.example"})


async def _set_run(client: httpx.AsyncClient, set_id: str) -> httpx.Response:
    return await client.post(f"/api/v1/sets/{set_id}/runs")


async def _scheduled_set(client: httpx.AsyncClient, set_id: str) -> httpx.Response:
    body = {"name": f"scheduled {uuid.uuid4()}", "urls": URLS, "schedule": {"every_hours": 1}}
    return await client.post("/api/v1/sets/", json=body)


async def _new_schedule(client: httpx.AsyncClient, set_id: str) -> httpx.Response:
    return await client.patch(f"/api/v1/sets/{set_id}", json={"schedule": {"every_hours": 2}})


STARTS: list[Start] = [_batch, _analysis, _set_run, _scheduled_set, _new_schedule]


async def _a_set(client: httpx.AsyncClient) -> str:
    created = await client.post("/api/v1/sets/", json={"name": "plain", "urls": URLS})
    assert created.status_code == 201, created.text
    set_id: str = created.json()["id"]
    return set_id


class TestEveryStartIsLimited:
    @pytest.mark.parametrize("start", STARTS, ids=lambda start: start.__name__.strip("_"))
    async def test_the_route_answers_429_past_the_allowance(
        self, sqlite_url: str, tmp_path: Path, start: Start
    ) -> None:
        settings = hardened_settings(sqlite_url, tmp_path, batch_rate_limit=3)
        async with app_client(settings) as client:
            set_id = await _a_set(client)  # a set without a schedule starts nothing
            codes = [(await start(client, set_id)).status_code for _ in range(4)]
            assert codes[0] in (200, 201, 202), codes
            assert codes[:3] == [codes[0]] * 3, codes
            assert codes[3] == 429
            # Changing a set's name starts nothing and is not counted.
            renamed = await client.patch(f"/api/v1/sets/{set_id}", json={"name": "renamed"})
            assert renamed.status_code == 200

    async def test_the_routes_share_one_allowance(self, sqlite_url: str, tmp_path: Path) -> None:
        settings = hardened_settings(sqlite_url, tmp_path, batch_rate_limit=len(STARTS))
        async with app_client(settings) as client:
            set_id = await _a_set(client)
            for start in STARTS:
                assert (await start(client, set_id)).status_code in (200, 201, 202)
            for start in STARTS:
                refused = await start(client, set_id)
                assert refused.status_code == 429, start.__name__
                assert int(refused.headers["retry-after"]) >= 1

    async def test_reports_computed_on_request_are_limited(
        self, sqlite_url: str, tmp_path: Path
    ) -> None:
        settings = hardened_settings(sqlite_url, tmp_path, report_rate_limit=2)
        async with app_client(settings) as client:
            batch = (await _batch(client, "")).json()["id"]
            set_id = await _a_set(client)
            export = f"/api/v1/competitive/{batch}/export?format=md"
            # Not ready yet (409), but each request was let through to do the work.
            assert [(await client.get(export)).status_code for _ in range(2)] == [409, 409]
            assert (await client.get(export)).status_code == 429
            chosen = f"/api/v1/sets/{set_id}/changes?to_run={batch}"
            assert (await client.get(chosen)).status_code == 429
            # The stored latest changes are only read, and not counted.
            assert (await client.get(f"/api/v1/sets/{set_id}/changes")).status_code != 429


class TestForwardedHeaders:
    async def test_forwarded_headers_from_a_client_are_ignored(
        self, sqlite_url: str, tmp_path: Path
    ) -> None:
        settings = hardened_settings(sqlite_url, tmp_path, batch_rate_limit=2)
        async with app_client(settings) as client:
            codes = [
                (
                    await client.post(
                        "/api/v1/competitive/",
                        json={"urls": URLS},
                        headers={"X-Forwarded-For": f"203.0.113.{n}", "Forwarded": f"for=x{n}"},
                    )
                ).status_code
                for n in range(4)
            ]
        assert codes == [201, 201, 429, 429]

    async def test_a_trusted_proxy_names_its_clients(self, sqlite_url: str, tmp_path: Path) -> None:
        settings = hardened_settings(
            sqlite_url, tmp_path, batch_rate_limit=1, trusted_proxies="10.0.0.0/8"
        )
        async with app_client(settings, peer="10.1.2.3") as client:

            async def post(forwarded_for: str) -> int:
                headers = {"X-Forwarded-For": forwarded_for}
                response = await client.post(
                    "/api/v1/competitive/", json={"urls": URLS}, headers=headers
                )
                return response.status_code

            assert await post("203.0.113.1") == 201
            assert await post("203.0.113.2") == 201
            assert await post("203.0.113.1") == 429
            # The client wrote the left entry itself; the proxy added the right one.
            assert await post("198.51.100.9, 203.0.113.1") == 429


@pytest.mark.parametrize(
    ("trusted", "peer", "headers", "client"),
    [
        ("", "127.0.0.1", [(b"x-forwarded-for", b"1.2.3.4")], "127.0.0.1"),
        ("127.0.0.1", "127.0.0.1", [(b"x-forwarded-for", b"1.2.3.4")], "1.2.3.4"),
        ("127.0.0.1", "10.0.0.1", [(b"x-forwarded-for", b"1.2.3.4")], "10.0.0.1"),
        (
            "10.0.0.0/8",
            "10.0.0.1",
            [(b"x-forwarded-for", b"6.6.6.6, 1.2.3.4, 10.0.0.2")],
            "1.2.3.4",
        ),
        (
            "10.0.0.0/8",
            "10.0.0.1",
            [(b"forwarded", b'for=6.6.6.6, for="[2001:db8::1]:4711";proto=https')],
            "2001:db8::1",
        ),
        ("10.0.0.0/8", "10.0.0.1", [(b"forwarded", b"for=1.2.3.4:80")], "1.2.3.4"),
        ("::1", "::1", [(b"x-forwarded-for", b"1.2.3.4")], "1.2.3.4"),
        ("10.0.0.0/8", "10.0.0.1", [], "10.0.0.1"),
    ],
)
def test_the_client_address(
    trusted: str, peer: str, headers: list[tuple[bytes, bytes]], client: str
) -> None:
    scope = {"type": "http", "client": (peer, 1), "headers": headers}
    assert ClientAddress(parse_networks(trusted)).of(scope) == client


def test_a_bad_proxy_setting_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"'proxy\.example' is not an IP address"):
        hardened_settings("sqlite://", tmp_path, trusted_proxies="10.0.0.1, proxy.example")
