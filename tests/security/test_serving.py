"""The served configuration (``aura serve``) against clients that hold connections: slow
headers, slow bodies, too many connections; forwarded headers a client made up."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from websockets.asyncio.client import connect

from aura.app import create_app
from aura.config import Settings
from aura.serving import server_config
from tests.security.helpers import hardened_settings

#: An upper bound for the test only (not a measurement): the server closes well before.
GIVE_UP = 30.0


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[tuple[str, int]]:
    """The app served exactly as ``aura serve`` serves it, on a free loopback port."""
    app = create_app(settings, run_worker=False)
    server = uvicorn.Server(server_config(app, settings, "127.0.0.1", 0))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        server.force_exit = True  # connections a test left open do not hold the shutdown
        await task


def _settings(sqlite_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"http_header_timeout": 0.5, "http_body_timeout": 0.5}
    values.update(overrides)
    return hardened_settings(sqlite_url, tmp_path, **values)


async def _open(address: tuple[str, int]) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection(*address)


async def _trickle_until_closed(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, first: bytes
) -> bytes:
    """Send ``first``, then one header line every 0.1 s until the server closes; what it
    answered."""
    writer.write(first)
    async with asyncio.timeout(GIVE_UP):
        while True:
            try:
                answer = await asyncio.wait_for(reader.read(), 0.1)
            except TimeoutError:
                try:
                    writer.write(b"X-Slow: 1\r\n")
                    await writer.drain()
                except ConnectionError:
                    return b""
                continue
            return answer


async def _healthy(address: tuple[str, int]) -> bool:
    async with httpx.AsyncClient(base_url=f"http://{address[0]}:{address[1]}") as client:
        return (await client.get("/healthz")).status_code == 200


class TestSlowClients:
    async def test_slow_headers_are_cut_off(self, sqlite_url: str, tmp_path: Path) -> None:
        async with served(_settings(sqlite_url, tmp_path)) as address:
            connections = [await _open(address) for _ in range(20)]
            head = b"GET /api/v1/competitive/ HTTP/1.1\r\nHost: aura\r\n"
            answers = await asyncio.gather(
                *(_trickle_until_closed(r, w, head) for r, w in connections)
            )
            # Closed before any request was read: no answer at all.
            assert answers == [b""] * 20
            assert await _healthy(address)
            for _, writer in connections:
                writer.close()

    async def test_a_slow_second_request_on_a_kept_connection_is_cut_off(
        self, sqlite_url: str, tmp_path: Path
    ) -> None:
        async with served(_settings(sqlite_url, tmp_path, http_keep_alive_timeout=60)) as address:
            reader, writer = await _open(address)
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: aura\r\n\r\n")
            first = await reader.readuntil(b'{"status":"ok"}')
            assert first.startswith(b"HTTP/1.1 200")
            # uvicorn's keep-alive wait ends at the first byte; the header deadline does not.
            assert await _trickle_until_closed(reader, writer, b"GET /healthz HTTP/1.1\r\n") == b""
            writer.close()

    async def test_a_slow_body_is_cut_off(self, sqlite_url: str, tmp_path: Path) -> None:
        async with served(_settings(sqlite_url, tmp_path)) as address:
            reader, writer = await _open(address)
            writer.write(
                b"POST /api/v1/competitive/ HTTP/1.1\r\nHost: aura\r\n"
                b"Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"
            )
            async with asyncio.timeout(GIVE_UP):
                while not reader.at_eof():
                    try:
                        await asyncio.wait_for(reader.read(1024), 0.1)
                    except TimeoutError:
                        try:
                            writer.write(b" ")
                            await writer.drain()
                        except ConnectionError:
                            break
            writer.close()
            assert await _healthy(address)

    async def test_connections_beyond_the_cap_are_closed_at_once(
        self, sqlite_url: str, tmp_path: Path
    ) -> None:
        settings = _settings(sqlite_url, tmp_path, http_max_connections=5, http_header_timeout=60)
        async with served(settings) as address:
            held = [await _open(address) for _ in range(5)]
            extra = [await _open(address) for _ in range(10)]
            async with asyncio.timeout(GIVE_UP):
                for reader, _ in extra:
                    assert await reader.read() == b""
            for _, writer in held:
                writer.close()
                await writer.wait_closed()
            await asyncio.sleep(0.2)  # let the server see them go
            assert await _healthy(address)

    async def test_too_large_headers_are_refused(self, sqlite_url: str, tmp_path: Path) -> None:
        async with served(_settings(sqlite_url, tmp_path)) as address:
            reader, writer = await _open(address)
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: aura\r\nX-Big: " + b"a" * 40_000)
            async with asyncio.timeout(GIVE_UP):
                answer = await reader.read()
            assert answer.startswith(b"HTTP/1.1 400") or answer == b""
            writer.close()

    async def test_websockets_outlive_the_header_deadline(
        self, sqlite_url: str, tmp_path: Path
    ) -> None:
        async with served(_settings(sqlite_url, tmp_path)) as (host, port):
            async with httpx.AsyncClient(base_url=f"http://{host}:{port}") as client:
                created = await client.post(
                    "/api/v1/competitive/", json={"urls": ["a.example", "b.example"]}
                )
            batch_id = created.json()["id"]
            async with connect(f"ws://{host}:{port}/api/v1/competitive/{batch_id}/ws") as ws:
                assert json.loads(await ws.recv())["type"] == "snapshot"
                await asyncio.sleep(1.5)  # three header deadlines
                await ws.send(json.dumps({"type": "resync"}))
                assert json.loads(await ws.recv())["type"] == "snapshot"


class TestForwardedHeaders:
    @pytest.mark.parametrize(
        "spoof",
        [
            lambda n: {"X-Forwarded-For": f"198.51.100.{n}"},
            lambda n: {"Forwarded": f"for=198.51.100.{n}"},
        ],
        ids=["x-forwarded-for", "forwarded"],
    )
    async def test_a_client_cannot_choose_its_address(
        self, sqlite_url: str, tmp_path: Path, spoof: object
    ) -> None:
        settings = _settings(sqlite_url, tmp_path, batch_rate_limit=3)
        body = {"urls": ["a.example", "b.example"]}
        async with (
            served(settings) as (host, port),
            httpx.AsyncClient(base_url=f"http://{host}:{port}") as client,
        ):
            codes = [
                (
                    await client.post(
                        "/api/v1/competitive/",
                        json=body,
                        headers=spoof(n),  # type: ignore[operator]
                    )
                ).status_code
                for n in range(6)
            ]
        assert codes == [201, 201, 201, 429, 429, 429]


def test_the_served_configuration_reads_no_forwarded_headers(tmp_path: Path) -> None:
    settings = _settings(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", tmp_path)
    config = server_config(object(), settings, "127.0.0.1", 0)
    assert config.proxy_headers is False
