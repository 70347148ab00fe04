"""Text that a database cannot store: NUL characters and lone surrogates from users (a 422
naming the field, nothing written) and from analysed pages (cleaned before storage), and JSON
that is not JSON (NaN, Infinity). On SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from aura.db.engine import Database
from aura.models import Alert, AlertRule, Analysis, ComparisonSet
from aura.models.batch import CompetitiveAnalysisBatch
from tests.security.helpers import hardened_settings, running_app
from tests.support.servers import Route, ScriptedSite, serve_scripted

URLS = ["a.example", "b.example"]


@pytest.fixture
async def api(database_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = hardened_settings(database_url, tmp_path)
    async with running_app(settings, run_worker=False) as client:
        yield client


def _raw(body: str) -> dict[str, Any]:
    """A request whose JSON text is sent exactly as written (escapes included)."""
    return {"content": body.encode(), "headers": {"Content-Type": "application/json"}}


NUL = "\\u0000"
SURROGATE = "\\ud800"


def _bodies(bad: str) -> list[tuple[str, str, str, list[Any]]]:
    """(method, path, body, loc) for every string field a user can send, ``bad`` in it.

    ``{set}`` in a path is replaced by the id of a set made for the test.
    """
    urls = '["a.example", "b.example"]'
    return [
        ("POST", "/api/v1/analyses/", f'{{"url": "a.example/{bad}"}}', ["body", "url"]),
        (
            "POST",
            "/api/v1/competitive/",
            f'{{"urls": {urls}, "name": "x{bad}"}}',
            ["body", "name"],
        ),
        (
            "POST",
            "/api/v1/competitive/",
            f'{{"urls": ["a.example", "b.example{bad}"]}}',
            ["body", "urls", 1],
        ),
        (
            "POST",
            "/api/v1/competitive/",
            f'{{"urls": {urls}, "primary_url": "a.example{bad}"}}',
            ["body", "primary_url"],
        ),
        ("POST", "/api/v1/sets/", f'{{"name": "s{bad}", "urls": {urls}}}', ["body", "name"]),
        (
            "POST",
            "/api/v1/sets/",
            f'{{"name": "s", "urls": {urls}, '
            f'"ignore_selectors": {{"https://a.example/": [".ad{bad}"]}}}}',
            ["body", "ignore_selectors", "https://a.example/", 0],
        ),
        (
            "POST",
            "/api/v1/sets/",
            f'{{"name": "s", "urls": {urls}, "schedule": {{"cron": "0 9 * * 1{bad}"}}}}',
            ["body", "schedule", "cron"],
        ),
        (
            "POST",
            "/api/v1/sets/",
            f'{{"name": "s", "urls": {urls}, '
            f'"schedule": {{"every_hours": 2, "timezone": "UTC{bad}"}}}}',
            ["body", "schedule", "timezone"],
        ),
        ("PATCH", "/api/v1/sets/{set}", f'{{"name": "t{bad}"}}', ["body", "name"]),
        (
            "POST",
            "/api/v1/sets/{set}/alert-rules",
            f'{{"kind": "overtaken", "category": "seo{bad}"}}',
            ["body", "category"],
        ),
        (
            "POST",
            "/api/v1/sets/{set}/alert-rules",
            f'{{"kind": "overtaken", "webhook_url": "https://hooks.example/{bad}"}}',
            ["body", "webhook_url"],
        ),
        (
            "POST",
            "/api/v1/sets/{set}/alert-rules",
            f'{{"kind": "overtaken", "secret": "s{bad}"}}',
            ["body", "secret"],
        ),
        (
            "POST",
            "/api/v1/sets/{set}/alert-rules",
            f'{{"kind": "competitor_content_changed", "fields": ["headline{bad}"]}}',
            ["body", "fields", 0],
        ),
    ]


async def _a_set(api: httpx.AsyncClient) -> str:
    created = await api.post("/api/v1/sets/", json={"name": "existing", "urls": URLS})
    assert created.status_code == 201, created.text
    set_id: str = created.json()["id"]
    return set_id


async def _stored_rows(database_url: str) -> dict[str, int]:
    db = Database(database_url)
    try:
        async with db.read() as session:
            counts = {}
            for model in (CompetitiveAnalysisBatch, Analysis, ComparisonSet, AlertRule):
                counted = await session.scalar(sa.select(sa.func.count()).select_from(model))
                counts[model.__name__] = int(counted or 0)
            return counts
    finally:
        await db.dispose()


class TestUserInput:
    @pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "lone-surrogate"])
    async def test_every_string_field_refuses_unstorable_text_naming_the_field(
        self, api: httpx.AsyncClient, database_url: str, bad: str
    ) -> None:
        set_id = await _a_set(api)
        before = await _stored_rows(database_url)
        for method, path, body, loc in _bodies(bad):
            response = await api.request(method, path.format(set=set_id), **_raw(body))
            assert response.status_code == 422, (path, body, response.text)
            details = response.json()["detail"]
            assert [d["loc"] for d in details] == [loc], (path, details)
            assert "NUL" in details[0]["msg"] or "surrogate" in details[0]["msg"]
        assert await _stored_rows(database_url) == before
        # The set is as it was.
        unchanged = (await api.get(f"/api/v1/sets/{set_id}")).json()
        assert unchanged["name"] == "existing"

    async def test_a_key_with_nul_is_named_too(self, api: httpx.AsyncClient) -> None:
        body = (
            '{"name": "s", "urls": ["a.example", "b.example"], '
            '"ignore_selectors": {"https://a.example/\\u0000": [".ad"]}}'
        )
        response = await api.post("/api/v1/sets/", **_raw(body))
        assert response.status_code == 422
        (detail,) = response.json()["detail"]
        assert detail["loc"] == ["body", "ignore_selectors", "https://a.example/\x00"]
        assert "key" in detail["msg"]

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    async def test_non_finite_numbers_are_a_422(
        self, api: httpx.AsyncClient, database_url: str, constant: str
    ) -> None:
        set_id = await _a_set(api)
        before = await _stored_rows(database_url)
        bodies = [
            ("POST", "/api/v1/sets/", '{"name": "n", "urls": ["a.example", "b.example"], '
             f'"schedule": {{"every_hours": {constant}}}}}'),
            ("PATCH", f"/api/v1/sets/{set_id}", f'{{"schedule": {{"every_hours": {constant}}}}}'),
            ("POST", f"/api/v1/sets/{set_id}/alert-rules",
             f'{{"kind": "score_dropped", "points": {constant}}}'),
        ]  # fmt: skip
        for method, path, body in bodies:
            response = await api.request(method, path, **_raw(body))
            assert response.status_code == 422, (path, response.text)
            assert constant.lstrip("-") in response.json()["detail"][0]["msg"]
        assert await _stored_rows(database_url) == before

    async def test_valid_text_still_goes_through(self, api: httpx.AsyncClient) -> None:
        body = {"urls": URLS, "name": "Café ☕ \U0001d538 \u2028 tab\tend"}
        response = await api.post("/api/v1/competitive/", json=body)
        assert response.status_code == 201, response.text
        assert response.json()["name"] == body["name"]
        # A valid surrogate pair, escaped, is one character, not a lone surrogate.
        paired = await api.post("/api/v1/competitive/", **_raw(
            '{"urls": ["a.example", "b.example"], "name": "\\ud835\\udd38"}'
        ))  # fmt: skip
        assert paired.status_code == 201, paired.text
        assert paired.json()["name"] == "\U0001d538"


PAGE_WITH_NUL = (
    b"<!doctype html><html lang='en'><head><title>Acme\x00 Widgets</title>"
    b"<meta name='description' content='Cheap\x00 widgets'>"
    b"<link rel='stylesheet' href='/style.css'>"
    b"<style>body { font-family: 'Inline\x00Sans', serif; color: #123456 }</style></head>"
    b"<body><h1>Widgets\x00 for all</h1><p>Price: <b>$10\x00</b> a month.</p>"
    b"<a href='/pricing\x00'>Buy now\x00</a></body></html>"
)
CSS_WITH_NUL = (
    b"h1 { font-family: 'Brand\x00Face', sans-serif; content: '\x00' }\n"
    b"/* \x00 */ .x\x00y { color: #ff0000 }\n"
)


class TestPageText:
    async def test_a_page_with_nul_characters_is_analysed_and_stored(
        self, database_url: str, tmp_path: Path
    ) -> None:
        site = ScriptedSite(
            routes={
                "/": Route(body=PAGE_WITH_NUL),
                "/style.css": Route(body=CSS_WITH_NUL, headers={"Content-Type": "text/css"}),
            }
        )
        settings = hardened_settings(database_url, tmp_path, allow_private_networks=True)
        with serve_scripted(site):
            async with running_app(settings) as api:
                created = await api.post("/api/v1/analyses/", json={"url": site.url("/")})
                assert created.status_code == 201, created.text
                analysis = await _finished(api, created.json()["id"])
        assert analysis["status"] == "completed", analysis["error"]
        stored = json.dumps(analysis["result"], ensure_ascii=False)
        assert "\x00" not in stored
        assert "Widgets for all" in stored
        assert analysis["attempts"] == 1

    async def test_stored_text_loses_only_what_cannot_be_stored(self, database_url: str) -> None:
        db = Database(database_url)
        try:
            async with db.write() as session:
                analysis = Analysis(
                    url="https://a.example/",
                    error="refused: \x00 at https://a.example/\x00",
                    result={"title\x00": "A\x00B", "js": ["lone \ud800 half", "pair \U0001d538"]},
                )
                the_set = ComparisonSet(name="s", urls=["https://a.example/"])
                session.add_all([analysis, the_set])
            async with db.read() as session:
                stored = await session.get(Analysis, analysis.id)
                assert stored is not None
                assert stored.error == "refused:  at https://a.example/"
                expected = {"title": "AB", "js": ["lone \ufffd half", "pair \U0001d538"]}
                assert stored.result == expected
            await _alert_message_is_stored(db, the_set.id)
        finally:
            await db.dispose()


async def _alert_message_is_stored(db: Database, set_id: uuid.UUID) -> None:
    async with db.write() as session:
        batches = [CompetitiveAnalysisBatch(total_urls=2, set_id=set_id) for _ in range(2)]
        rule = AlertRule(set_id=set_id, kind="competitor_content_changed")
        session.add_all([*batches, rule])
        await session.flush()
        alert = Alert(
            rule_id=rule.id,
            set_id=set_id,
            batch_id=batches[1].id,
            previous_batch_id=batches[0].id,
            kind="competitor_content_changed",
            subject="content",
            message="headline is now \x1b]8;;x\x07 Free\x00 \udfff",
            details={"after": "Free\x00"},
        )
        session.add(alert)
    async with db.read() as session:
        stored = await session.get(Alert, alert.id)
        assert stored is not None
        assert stored.message == "headline is now \x1b]8;;x\x07 Free \ufffd"
        assert stored.details == {"after": "Free"}


async def _finished(api: httpx.AsyncClient, analysis_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        body = (await api.get(f"/api/v1/analyses/{analysis_id}")).json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"the analysis never finished: {body}")


class TestCommandLine:
    @pytest.mark.parametrize("argument", ["bad\udcff", "bad\x00name"], ids=["not-utf-8", "nul"])
    def test_an_argument_that_is_not_text_is_a_usage_error(
        self, argument: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from typer.testing import CliRunner

        from aura.cli.main import app

        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("AURA_DATA_DIR", str(tmp_path))
        result = CliRunner().invoke(app, ["sets", "create", argument, "a.example", "b.example"])
        assert result.exit_code == 2
        assert "argument 3" in result.output
        assert "NUL" in result.output or "surrogate" in result.output
        # Nothing was created: the command never ran.
        assert not (tmp_path / "aura.db").exists()
