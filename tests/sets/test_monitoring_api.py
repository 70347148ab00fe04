"""The monitoring endpoints of a set: alert rules, alerts, changes and overlays; errors."""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from aura.app import create_app
from aura.audit.fetch import NetworkPolicy
from aura.audit.fetch.guard import IPAddress
from aura.db.engine import Database
from aura.models import BatchStatus, CompetitiveAnalysisBatch
from tests.conftest import make_settings
from tests.sets.tracking_support import add_rule, create_set

OURS = "https://ours.example/"
RIVAL = "https://rival.example/"


async def fake_dns(host: str, port: int) -> list[IPAddress]:
    """Public names resolve to a documentation-free public address; one name is internal."""
    if host == "hooks.internal.example":
        return [ipaddress.ip_address("10.1.2.3")]
    return [ipaddress.ip_address("93.184.215.14")]


@pytest.fixture
async def client(database_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The API as deployed: private networks refused (names resolved by ``fake_dns``)."""
    settings = make_settings(database_url, tmp_path, allow_private_networks=False)
    app = create_app(settings, policy=NetworkPolicy(allow_private=False, resolver=fake_dns))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://aura.test"
        ) as http,
    ):
        yield http


async def new_set(client: httpx.AsyncClient, name: str = "Market") -> str:
    created = await create_set(client, name=name, urls=[OURS, RIVAL], primary_url=OURS)
    set_id: str = created["id"]
    return set_id


async def seed_run(database_url: str, set_id: str, status: BatchStatus) -> str:
    db = Database(database_url)
    try:
        async with db.write() as session:
            run = CompetitiveAnalysisBatch(
                total_urls=0, status=status, set_id=uuid.UUID(set_id), mode="static"
            )
            session.add(run)
            await session.flush()
            return str(run.id)
    finally:
        await db.dispose()


def error_locations(response: httpx.Response) -> list[list[Any]]:
    assert response.status_code == 422, response.text
    return [error["loc"] for error in response.json()["detail"]]


class TestAlertRules:
    async def test_rules_are_created_listed_and_deleted(self, client: httpx.AsyncClient) -> None:
        set_id = await new_set(client)
        overtaken = await add_rule(
            client,
            set_id,
            kind="overtaken",
            category="seo",
            webhook_url="https://hooks.example/aura",
            secret="shh",
        )
        dropped = await add_rule(
            client, set_id, kind="score_dropped", category="performance", points=10
        )
        content = await add_rule(
            client, set_id, kind="competitor_content_changed", fields=["headline", "pricing"]
        )
        technology = await add_rule(client, set_id, kind="competitor_technology_changed")

        assert overtaken["description"] == "A competitor overtakes us in SEO"
        assert overtaken["has_secret"] is True
        assert "secret" not in overtaken
        assert overtaken["webhook_url"] == "https://hooks.example/aura"
        assert dropped["description"] == "Our score in Performance drops by 10 points or more"
        assert content["description"] == "A competitor's headline, pricing changes"
        assert content["fields"] == ["headline", "pricing"]
        assert technology["description"] == "A competitor adopts or drops a technology"
        assert technology["webhook_url"] is None

        listed = (await client.get(f"/api/v1/sets/{set_id}/alert-rules")).json()["items"]
        assert [rule["id"] for rule in listed] == [
            overtaken["id"],
            dropped["id"],
            content["id"],
            technology["id"],
        ]
        deleted = await client.delete(f"/api/v1/sets/{set_id}/alert-rules/{dropped['id']}")
        assert deleted.status_code == 204
        again = await client.delete(f"/api/v1/sets/{set_id}/alert-rules/{dropped['id']}")
        assert again.status_code == 404
        listed = (await client.get(f"/api/v1/sets/{set_id}/alert-rules")).json()["items"]
        assert dropped["id"] not in [rule["id"] for rule in listed]

    async def test_a_rule_of_another_set_cannot_be_deleted(self, client: httpx.AsyncClient) -> None:
        first, second = await new_set(client, "First"), await new_set(client, "Second")
        rule = await add_rule(client, first, kind="competitor_technology_changed")
        response = await client.delete(f"/api/v1/sets/{second}/alert-rules/{rule['id']}")
        assert response.status_code == 404

    @pytest.mark.parametrize(
        "webhook_url",
        [
            "ftp://hooks.example/aura",
            "javascript:alert(1)",
            "http://127.0.0.1:8080/hook",
            "http://[::1]/hook",
            "http://localhost/hook",
            "https://hooks.internal.example/aura",
        ],
    )
    async def test_a_webhook_that_is_not_public_http_is_refused(
        self, client: httpx.AsyncClient, webhook_url: str
    ) -> None:
        set_id = await new_set(client)
        response = await client.post(
            f"/api/v1/sets/{set_id}/alert-rules",
            json={"kind": "competitor_technology_changed", "webhook_url": webhook_url},
        )
        assert error_locations(response) == [["body", "webhook_url"]]

    async def test_every_bad_field_is_named(self, client: httpx.AsyncClient) -> None:
        set_id = await new_set(client)
        response = await client.post(
            f"/api/v1/sets/{set_id}/alert-rules",
            json={
                "kind": "competitor_content_changed",
                "category": "astrology",
                "fields": ["headline", "colour"],
                "secret": "no webhook to sign for",
            },
        )
        assert error_locations(response) == [
            ["body", "category"],
            ["body", "fields", 1],
            ["body", "secret"],
        ]
        unknown_kind = await client.post(
            f"/api/v1/sets/{set_id}/alert-rules", json={"kind": "weather_changed"}
        )
        assert error_locations(unknown_kind) == [["body", "kind"]]

    async def test_an_unknown_set_is_404(self, client: httpx.AsyncClient) -> None:
        missing = uuid.uuid4()
        assert (await client.get(f"/api/v1/sets/{missing}/alert-rules")).status_code == 404
        created = await client.post(
            f"/api/v1/sets/{missing}/alert-rules", json={"kind": "competitor_technology_changed"}
        )
        assert created.status_code == 404
        assert (await client.get(f"/api/v1/sets/{missing}/alerts")).status_code == 404


class TestChanges:
    async def test_changes_need_two_finished_runs(
        self, client: httpx.AsyncClient, database_url: str
    ) -> None:
        set_id = await new_set(client)
        none_yet = await client.get(f"/api/v1/sets/{set_id}/changes")
        assert none_yet.status_code == 409
        assert "no finished run" in none_yet.json()["detail"]

        await seed_run(database_url, set_id, BatchStatus.COMPLETED)
        one = await client.get(f"/api/v1/sets/{set_id}/changes")
        assert one.status_code == 409
        assert "two finished runs" in one.json()["detail"]

    async def test_runs_must_be_finished_runs_of_the_set(
        self, client: httpx.AsyncClient, database_url: str
    ) -> None:
        set_id, other = await new_set(client, "Ours"), await new_set(client, "Theirs")
        finished = await seed_run(database_url, set_id, BatchStatus.COMPLETED)
        running = await seed_run(database_url, set_id, BatchStatus.RUNNING)
        elsewhere = await seed_run(database_url, other, BatchStatus.COMPLETED)
        url = f"/api/v1/sets/{set_id}/changes"

        unfinished = await client.get(url, params={"from_run": finished, "to_run": running})
        assert unfinished.status_code == 409
        assert "running" in unfinished.json()["detail"]
        foreign = await client.get(url, params={"from_run": elsewhere, "to_run": finished})
        assert foreign.status_code == 404
        unknown = await client.get(url, params={"from_run": str(uuid.uuid4())})
        assert unknown.status_code == 404
        same = await client.get(url, params={"from_run": finished, "to_run": finished})
        assert error_locations(same) == [["query", "from_run"]]
        assert (await client.get(f"/api/v1/sets/{uuid.uuid4()}/changes")).status_code == 404

    async def test_trends_of_a_set_without_runs_are_empty(self, client: httpx.AsyncClient) -> None:
        set_id = await new_set(client)
        response = await client.get(f"/api/v1/sets/{set_id}/trends")
        assert response.status_code == 200, response.text
        assert response.json()["runs"] == []
        assert (await client.get(f"/api/v1/sets/{uuid.uuid4()}/trends")).status_code == 404

    async def test_only_overlay_names_are_served(
        self, client: httpx.AsyncClient, database_url: str
    ) -> None:
        set_id = await new_set(client)
        run = await seed_run(database_url, set_id, BatchStatus.COMPLETED)
        previous = await seed_run(database_url, set_id, BatchStatus.COMPLETED)
        base = f"/api/v1/sets/{set_id}/runs/{run}/visual"
        for name in [f"{previous}--0-desktop.png", "desktop.png", "..%2F..%2Faura.db"]:
            assert (await client.get(f"{base}/{name}")).status_code == 404
        other_set = await client.get(
            f"/api/v1/sets/{uuid.uuid4()}/runs/{run}/visual/{previous}--0-desktop.png"
        )
        assert other_set.status_code == 404

    async def test_alerts_of_a_new_set_are_empty(self, client: httpx.AsyncClient) -> None:
        set_id = await new_set(client)
        response = await client.get(f"/api/v1/sets/{set_id}/alerts")
        assert response.status_code == 200
        assert response.json() == {"items": []}
