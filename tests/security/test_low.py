"""The low-severity findings: absurd numbers in an SVG, a percent-encoded token in the logs,
host names and redirects the HTTP client refuses."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from aura.audit.artifacts import Subresources
from aura.audit.images import image_size
from aura.db.engine import Database
from aura.models import Analysis
from aura.security import JsonFormatter, RedactTokens
from tests.audit.audit_builders import document, resource, run
from tests.security.helpers import hardened_settings, running_app
from tests.support.servers import Route, ScriptedSite, serve_scripted


def _svg(attributes: str) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect/></svg>'.encode()


class TestAbsurdSvgSizes:
    @pytest.mark.parametrize(
        "attributes",
        [
            'viewBox="0 0 1e999 5"',
            'viewBox="0 0 5 -1e999"',
            'viewBox="0 0 nan 5"',
            'viewBox="0 0 inf inf"',
            f'width="1{"0" * 400}" height="5"',
        ],
    )
    def test_the_image_audit_is_not_an_error(self, attributes: str) -> None:
        body = _svg(attributes)
        assert image_size(body) is None  # no size, rather than a crash or an infinity
        doc = document('<img src="logo.svg" width="10" height="5" alt="">')
        items = Subresources(
            (resource("https://example.com/logo.svg", "image", 50_000, body=body),)
        )
        result = run("oversized-images", doc, items)
        assert result.not_applicable

    def test_a_plausible_view_box_still_gives_the_size(self) -> None:
        assert image_size(_svg('viewBox="0 0 800 600"')) == (800, 600)

    async def test_non_finite_numbers_are_stored_as_null(self, database_url: str) -> None:
        db = Database(database_url)
        try:
            async with db.write() as session:
                analysis = Analysis(
                    url="https://a.example/",
                    result={"ratio": float("inf"), "nan": float("nan"), "ok": 1.5},
                )
                session.add(analysis)
            async with db.read() as session:
                stored = await session.get(Analysis, analysis.id)
                assert stored is not None
                assert stored.result == {"ratio": None, "nan": None, "ok": 1.5}
        finally:
            await db.dispose()


class TestTokensInLogs:
    @pytest.mark.parametrize(
        "query",
        ["token=SECRET", "%74oken=SECRET", "a=1&%74%6F%6B%65%6E=SECRET", "tok%65n=SECRET&b=2"],
    )
    def test_every_spelling_of_the_token_parameter_is_redacted(self, query: str) -> None:
        record = logging.LogRecord(
            "uvicorn.access",
            logging.INFO,
            __file__,
            1,
            '%s - "%s %s HTTP/%s" %d',
            ("127.0.0.1:5000", "GET", f"/api/v1/competitive/x/ws?{query}", "1.1", 101),
            None,
        )
        RedactTokens().filter(record)
        line = JsonFormatter().format(record)
        assert "SECRET" not in line
        assert "[redacted]" in json.loads(line)["message"]

    async def test_the_encoded_spelling_does_authenticate(
        self, sqlite_url: str, tmp_path: Path
    ) -> None:
        # Which is why it must be redacted: the server reads it as the token.
        settings = hardened_settings(sqlite_url, tmp_path, api_tokens="SECRET")
        async with running_app(settings, run_worker=False) as client:
            shot = "/api/v1/analyses/00000000-0000-4000-8000-000000000000/screenshots/desktop.png"
            assert (await client.get(shot)).status_code == 401
            assert (await client.get(f"{shot}?%74oken=SECRET")).status_code == 404


class TestUnfetchableHosts:
    @pytest.mark.parametrize(
        "url", ["xn--a.example", "https://xn--zz.example/", "http://xn--.example/"]
    )
    async def test_an_invalid_a_label_is_a_422_with_a_reason(
        self, sqlite_url: str, tmp_path: Path, url: str
    ) -> None:
        async with running_app(hardened_settings(sqlite_url, tmp_path), run_worker=False) as api:
            response = await api.post("/api/v1/competitive/", json={"urls": ["a.example", url]})
        assert response.status_code == 422
        (detail,) = response.json()["detail"]
        assert detail["loc"] == ["body", "urls", 1]
        assert "cannot be fetched" in detail["msg"] or "invalid host" in detail["msg"]

    @pytest.mark.parametrize(
        ("location", "reason"),
        [
            ("http://xn--a.example/next", "cannot fetch"),
            ("http://xn--zz.example/", "cannot fetch"),
            ("http://[::1/", "location"),
            ("http://exa mple.example/", ""),
        ],
    )
    async def test_a_redirect_the_client_refuses_fails_with_a_reason(
        self, sqlite_url: str, tmp_path: Path, location: str, reason: str
    ) -> None:
        site = ScriptedSite(
            routes={"/": Route(status=302, body=b"", headers={"Location": location})}
        )
        settings = hardened_settings(sqlite_url, tmp_path, allow_private_networks=True)
        with serve_scripted(site):
            async with running_app(settings) as api:
                created = await api.post("/api/v1/analyses/", json={"url": site.url("/")})
                assert created.status_code == 201, created.text
                analysis = await _finished(api, created.json()["id"])
        assert analysis["status"] == "failed"
        assert reason in analysis["error"], analysis["error"]
        assert "internal error" not in analysis["error"]


async def _finished(api: httpx.AsyncClient, analysis_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        body = (await api.get(f"/api/v1/analyses/{analysis_id}")).json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"the analysis never finished: {body}")
