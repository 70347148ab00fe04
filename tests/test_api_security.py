"""API security: tokens (HTTP and WebSocket), body limits, rate limits, CORS, headers, logs."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect

from aura.app import create_app
from aura.db.migrate import upgrade_async
from aura.security import JsonFormatter, RateLimitedError, RateLimiter, RedactTokens
from tests.conftest import make_settings
from tests.support.live import live_server, ws_url

TOKEN = "s3cret-token-for-tests"


def _client(app: object) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://aura.test")


@pytest.fixture
async def secured(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
    await upgrade_async(url)
    settings = make_settings(url, tmp_path, api_tokens=f"other-token, {TOKEN}", batch_rate_limit=3)
    app = create_app(settings, run_worker=False)
    async with app.router.lifespan_context(app), _client(app) as client:
        yield client


AUTH = {"Authorization": f"Bearer {TOKEN}"}


class TestTokens:
    async def test_api_needs_a_valid_token(self, secured: httpx.AsyncClient) -> None:
        missing = await secured.get("/api/v1/competitive/")
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"].startswith("Bearer")
        wrong = await secured.get("/api/v1/competitive/", headers={"Authorization": "Bearer x"})
        assert wrong.status_code == 401
        basic = await secured.get("/api/v1/competitive/", headers={"Authorization": TOKEN})
        assert basic.status_code == 401
        assert (await secured.get("/api/v1/competitive/", headers=AUTH)).status_code == 200
        other = {"Authorization": "Bearer other-token"}
        assert (await secured.get("/api/v1/competitive/", headers=other)).status_code == 200

    async def test_schema_is_protected_and_health_is_not(self, secured: httpx.AsyncClient) -> None:
        assert (await secured.get("/openapi.json")).status_code == 401
        assert (await secured.get("/docs")).status_code == 401
        assert (await secured.get("/healthz")).status_code == 200
        assert (await secured.get("/readyz")).status_code == 200

    async def test_websocket_needs_a_token_too(self, tmp_path: Path) -> None:
        url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
        await upgrade_async(url)
        app = create_app(make_settings(url, tmp_path, api_tokens=TOKEN), run_worker=False)
        async with live_server(app) as base, httpx.AsyncClient(base_url=base) as http:
            created = await http.post(
                "/api/v1/competitive/", json={"urls": ["a.example", "b.example"]}, headers=AUTH
            )
            socket_url = ws_url(base, created.json()["id"])
            async with connect(socket_url) as socket:
                await socket.wait_closed()
                assert (socket.close_code, socket.close_reason) == (4401, "unauthorized")
            async with connect(f"{socket_url}?token={TOKEN}") as socket:
                first = json.loads(await socket.recv())
                assert first["type"] == "snapshot"
            async with connect(socket_url, additional_headers=AUTH) as socket:
                assert json.loads(await socket.recv())["type"] == "snapshot"

    async def test_screenshots_accept_a_query_token_and_nothing_else_does(
        self, secured: httpx.AsyncClient
    ) -> None:
        shot = f"/api/v1/analyses/{uuid.uuid4()}/screenshots/desktop.png"
        assert (await secured.get(shot)).status_code == 401
        # Past authentication: the analysis does not exist.
        assert (await secured.get(f"{shot}?token={TOKEN}")).status_code == 404
        listing = await secured.get(f"/api/v1/competitive/?token={TOKEN}")
        assert listing.status_code == 401


class TestLimits:
    async def test_large_bodies_are_refused(self, secured: httpx.AsyncClient) -> None:
        body = {"urls": ["a.example", "b.example"], "name": "x" * 100_000}
        response = await secured.post("/api/v1/competitive/", json=body, headers=AUTH)
        assert response.status_code == 413
        assert "larger than 65,536 bytes" in response.json()["detail"]

        async def stream() -> AsyncIterator[bytes]:
            yield b'{"urls": ["a.example", "b.example"], "name": "'
            for _ in range(100):
                yield b"y" * 1000
            yield b'"}'

        streamed = await secured.post(
            "/api/v1/competitive/",
            content=stream(),
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert streamed.status_code == 413

    async def test_batch_creation_is_rate_limited(self, secured: httpx.AsyncClient) -> None:
        body = {"urls": ["a.example", "b.example"]}
        codes = [
            (await secured.post("/api/v1/competitive/", json=body, headers=AUTH)).status_code
            for _ in range(4)
        ]
        assert codes == [201, 201, 201, 429]
        limited = await secured.post("/api/v1/competitive/", json=body, headers=AUTH)
        assert int(limited.headers["retry-after"]) >= 1
        assert "too many batches" in limited.json()["detail"]
        # Another token has its own allowance; reads are not limited.
        other = {"Authorization": "Bearer other-token"}
        assert (
            await secured.post("/api/v1/competitive/", json=body, headers=other)
        ).status_code == 201
        assert (await secured.get("/api/v1/competitive/", headers=AUTH)).status_code == 200

    async def test_the_schema_declares_these_refusals(self, secured: httpx.AsyncClient) -> None:
        paths = (await secured.get("/openapi.json", headers=AUTH)).json()["paths"]
        create = paths["/api/v1/competitive/"]["post"]["responses"]
        run = paths["/api/v1/sets/{set_id}/runs"]["post"]["responses"]
        read = paths["/api/v1/competitive/{batch_id}"]["get"]["responses"]
        assert {"401", "413", "429"} <= set(create)
        assert {"401", "413", "429"} <= set(run)
        assert {"401", "413"} <= set(read)
        assert "429" not in read

    def test_the_window_slides(self) -> None:
        now = [1000.0]
        limiter = RateLimiter(2, clock=lambda: now[0])
        limiter.check("k")
        now[0] += 30
        limiter.check("k")
        with pytest.raises(RateLimitedError) as refused:
            limiter.check("k")
        assert refused.value.retry_after == 30
        now[0] += 31
        limiter.check("k")


class TestBrowsersAndLogs:
    async def test_cors_is_closed_by_default(self, client: httpx.AsyncClient) -> None:
        preflight = await client.options(
            "/api/v1/competitive/",
            headers={
                "Origin": "https://evil.example",
                "Access-Control-Request-Method": "POST",
            },
        )
        assert "access-control-allow-origin" not in preflight.headers

    async def test_cors_allows_configured_origins(self, tmp_path: Path) -> None:
        url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
        settings = make_settings(url, tmp_path, cors_origins="https://app.example")
        app = create_app(settings, run_worker=False)
        async with _client(app) as client:
            preflight = await client.options(
                "/api/v1/competitive/",
                headers={
                    "Origin": "https://app.example",
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization,content-type",
                },
            )
        assert preflight.headers["access-control-allow-origin"] == "https://app.example"

    async def test_security_headers(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/healthz")
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]

    def test_tokens_never_reach_the_logs(self) -> None:
        record = logging.LogRecord(
            "uvicorn.access",
            logging.INFO,
            __file__,
            1,
            '%s - "%s %s HTTP/%s" %d',
            ("127.0.0.1:5000", "GET", f"/api/v1/competitive/x/ws?token={TOKEN}&a=1", "1.1", 101),
            None,
        )
        RedactTokens().filter(record)
        line = JsonFormatter().format(record)
        assert TOKEN not in line
        entry = json.loads(line)
        assert "token=[redacted]&a=1" in entry["message"]
        assert entry["logger"] == "uvicorn.access"
