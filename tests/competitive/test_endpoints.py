"""The batch API contract: validation, listing, reading, cancelling, deleting."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from aura.app import create_app
from aura.comparison import COMPARISON_VERSION
from tests.conftest import make_settings
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_scripted


class TestCreate:
    async def test_urls_are_normalised(self, client: httpx.AsyncClient) -> None:
        body = await create_batch(
            client,
            ["Example.COM", "https://www.Example.org:443/pricing#plans", "http://10.0.0.1:8080"],
            primary_url="example.com",
        )
        assert [item["url"] for item in body["urls"]] == [
            "https://example.com/",
            "https://www.example.org/pricing",
            "http://10.0.0.1:8080/",
        ]
        assert body["primary_url"] == "https://example.com/"
        assert [item["is_primary"] for item in body["urls"]] == [True, False, False]
        assert body["total_urls"] == 3
        assert set(body) >= {
            "id",
            "name",
            "status",
            "progress",
            "total_urls",
            "completed_urls",
            "failed_urls",
            "primary_url",
            "urls",
            "created_at",
            "updated_at",
            "finished_at",
        }

    @pytest.mark.parametrize(
        ("bad", "message"),
        [
            ("ftp://example.com/file", "only http and https"),
            ("javascript:alert(1)", "only http and https"),
            ("http://", "no host name"),
            ("https://exa mple.com", "white space"),
            ("https://user:secret@example.com/", "credentials"),
            ("https://example..com/", "invalid host name"),
            ("https://127.1/", "invalid host name"),
        ],
    )
    async def test_a_bad_url_is_a_422_naming_it(
        self, client: httpx.AsyncClient, bad: str, message: str
    ) -> None:
        response = await client.post(
            "/api/v1/competitive/", json={"urls": ["https://example.com", bad]}
        )
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["loc"] == ["body", "urls", 1]
        assert message in error["msg"]
        assert bad.split("//")[-1].split("/")[0][:5] in error["msg"]

    async def test_every_problem_is_reported_at_once(self, client: httpx.AsyncClient) -> None:
        response = await client.post(
            "/api/v1/competitive/",
            json={"urls": ["ftp://a.example", "example.com", "https://example.com/", "gopher://x"]},
        )
        assert response.status_code == 422
        locations = [error["loc"] for error in response.json()["detail"]]
        assert locations == [["body", "urls", 0], ["body", "urls", 2], ["body", "urls", 3]]
        duplicate = response.json()["detail"][1]["msg"]
        assert "same URL as entry 2" in duplicate

    @pytest.mark.parametrize("count", [0, 1, 11])
    async def test_two_to_max_urls(self, client: httpx.AsyncClient, count: int) -> None:
        urls = [f"https://site{i}.example/" for i in range(count)]
        response = await client.post("/api/v1/competitive/", json={"urls": urls})
        assert response.status_code == 422
        assert "between 2 and 10 URLs" in response.json()["detail"][0]["msg"]

    async def test_primary_must_be_one_of_the_urls(self, client: httpx.AsyncClient) -> None:
        response = await client.post(
            "/api/v1/competitive/",
            json={"urls": ["a.example", "b.example"], "primary_url": "c.example"},
        )
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["loc"] == ["body", "primary_url"]
        assert "c.example" in error["msg"]

    async def test_labels_must_name_submitted_urls_and_stay_short(
        self, client: httpx.AsyncClient
    ) -> None:
        response = await client.post(
            "/api/v1/competitive/",
            json={
                "urls": ["a.example", "b.example"],
                "labels": {"c.example": "Cee", "b.example": "x" * 201, "ftp://a.example": "A"},
            },
        )
        assert response.status_code == 422
        errors = {tuple(error["loc"]): error["msg"] for error in response.json()["detail"]}
        assert set(errors) == {
            ("body", "labels", "c.example"),
            ("body", "labels", "b.example"),
            ("body", "labels", "ftp://a.example"),
        }
        assert "not one of the submitted urls" in errors[("body", "labels", "c.example")]
        assert "at most 200 characters" in errors[("body", "labels", "b.example")]

    async def test_labels_are_stored_per_url(self, client: httpx.AsyncClient) -> None:
        body = await create_batch(
            client,
            ["a.example", "b.example"],
            labels={"https://A.example/": " Acme\n Corp ", "b.example": "  "},
        )
        assert [item["label"] for item in body["urls"]] == ["Acme Corp", None]
        again = (await client.get(f"/api/v1/competitive/{body['id']}")).json()
        assert [item["label"] for item in again["urls"]] == ["Acme Corp", None]

    async def test_unknown_fields_are_refused(self, client: httpx.AsyncClient) -> None:
        response = await client.post(
            "/api/v1/competitive/", json={"urls": ["a.example", "b.example"], "colour": "red"}
        )
        assert response.status_code == 422

    async def test_private_targets_are_refused_unless_allowed(
        self, database_url: str, tmp_path: Path
    ) -> None:
        settings = make_settings(database_url, tmp_path, allow_private_networks=False)
        app = create_app(settings, run_worker=False)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://aura.test"
            ) as client,
        ):
            for private in ("http://127.0.0.1:8080/", "http://[::1]/", "localhost", "10.1.2.3"):
                response = await client.post(
                    "/api/v1/competitive/", json={"urls": ["example.com", private]}
                )
                assert response.status_code == 422, private
                assert "private or loopback" in response.json()["detail"][0]["msg"]


class TestRead:
    async def test_unknown_batch_is_404(self, client: httpx.AsyncClient) -> None:
        missing = uuid.uuid4()
        for path in (f"/api/v1/competitive/{missing}", f"/api/v1/competitive/{missing}/comparison"):
            response = await client.get(path)
            assert response.status_code == 404
            assert str(missing) in response.json()["detail"]
        assert (await client.delete(f"/api/v1/competitive/{missing}")).status_code == 404
        assert (await client.post(f"/api/v1/competitive/{missing}/cancel")).status_code == 404

    async def test_list_is_newest_first_and_paginated(self, client: httpx.AsyncClient) -> None:
        names = [f"run {i}" for i in range(5)]
        for name in names:
            await create_batch(client, ["a.example", "b.example"], name=name)
        first = (await client.get("/api/v1/competitive/?page=1&page_size=2")).json()
        second = (await client.get("/api/v1/competitive/?page=2&page_size=2")).json()
        last = (await client.get("/api/v1/competitive/?page=3&page_size=2")).json()
        assert first["total"] == 5
        listed = [item["name"] for page in (first, second, last) for item in page["items"]]
        assert listed == list(reversed(names))
        assert (await client.get("/api/v1/competitive/?page=0")).status_code == 422
        # A page whose offset would not fit a 64-bit integer (found by the API fuzzer).
        huge = await client.get("/api/v1/competitive/?page=461168601842738792")
        assert huge.status_code == 422, huge.text
        assert "page" in huge.text
        beyond = (await client.get("/api/v1/competitive/?page=1000000")).json()
        assert beyond["items"] == []
        assert beyond["total"] == 5


class TestLifecycle:
    async def test_comparison_is_409_until_ready(self, database_url: str, tmp_path: Path) -> None:
        settings = make_settings(database_url, tmp_path)
        app = create_app(settings, run_worker=False)  # nothing processes the batch
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://aura.test"
            ) as client,
        ):
            created = await create_batch(client, ["a.example", "b.example"])
            response = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
        assert response.status_code == 409
        assert "not ready yet" in response.json()["detail"]
        assert "0 of 2" in response.json()["detail"]

    async def test_cancel_stops_queued_work(self, database_url: str, tmp_path: Path) -> None:
        settings = make_settings(database_url, tmp_path)
        app = create_app(settings, run_worker=False)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://aura.test"
            ) as client,
        ):
            created = await create_batch(client, ["a.example", "b.example"])
            response = await client.post(f"/api/v1/competitive/{created['id']}/cancel")
            assert response.status_code == 200
            body = response.json()
            assert body["status"] == "cancelled"
            assert body["finished_at"] is not None
            assert [item["status"] for item in body["urls"]] == ["cancelled", "cancelled"]
            again = await client.post(f"/api/v1/competitive/{created['id']}/cancel")
            assert again.status_code == 409
            assert "cancelled" in again.json()["detail"]
            comparison = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
            assert comparison.status_code == 409
            assert "none of its URLs has been analysed" in comparison.json()["detail"]

    async def test_a_cancelled_batch_compares_the_sites_it_finished(
        self, client: httpx.AsyncClient
    ) -> None:
        site = ScriptedSite(routes={"/slow": Route(delay=8.0)})
        with serve_scripted(site):
            created = await create_batch(
                client,
                [site.url("/fast"), site.url("/slow")],
                mode="static",
                labels={site.url("/fast"): "Fast Co"},
            )
            batch_url = f"/api/v1/competitive/{created['id']}"
            deadline = time.monotonic() + 30
            while (await client.get(batch_url)).json()["urls"][0]["status"] != "completed":
                assert time.monotonic() < deadline, "the fast page was never analysed"
                await asyncio.sleep(0.05)
            assert (await client.post(f"{batch_url}/cancel")).status_code == 200

            response = await client.get(f"{batch_url}/comparison")
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["status"] == "cancelled"
            document = body["comparison"]
            assert document["partial"] is True
            assert [entry["compared"] for entry in document["sites"]] == [True, False]
            assert document["sites"][0]["name"] == "Fast Co"
            texts = [finding["text"] for finding in document["summary"]]
            assert texts[0] == "Compared 1 of 2 sites; 1 could not be compared."
            assert texts[1].startswith(f"{document['sites'][1]['name']} is left out: ")
            export = await client.get(f"{batch_url}/export?format=md")
            assert export.status_code == 200
            assert "Fast Co" in export.text

    async def test_a_comparison_made_by_an_older_version_is_made_again_when_read(
        self, client: httpx.AsyncClient, database_url: str
    ) -> None:
        """After an upgrade that changes the comparison's shape, past batches still open:
        their comparison is made again from the stored analyses, not refused."""
        with serve_scripted(ScriptedSite(default=Route())) as site:
            created = await create_batch(client, [site.url("/a"), site.url("/b")])
            await wait_for_batch(client, created["id"])
        engine = create_async_engine(database_url)
        try:
            async with engine.begin() as connection:
                await connection.execute(
                    sa.text(
                        "UPDATE comparison_results SET comparison_version = '0.9', "
                        "result = :old WHERE batch_id = :batch"
                    ),
                    {
                        "old": '{"shape": "of an older Aura"}',
                        "batch": _stored_id(database_url, created["id"]),
                    },
                )
        finally:
            await engine.dispose()
        batch_url = f"/api/v1/competitive/{created['id']}"

        response = await client.get(f"{batch_url}/comparison")

        assert response.status_code == 200, response.text
        body = response.json()
        assert body["comparison_version"] == COMPARISON_VERSION
        assert len(body["comparison"]["sites"]) == 2
        assert (await client.get(f"{batch_url}/export?format=md")).status_code == 200

    async def test_delete_removes_the_batch_and_its_analyses(
        self, client: httpx.AsyncClient
    ) -> None:
        with serve_scripted(ScriptedSite(default=Route())) as site:
            created = await create_batch(client, [site.url("/a"), site.url("/b")])
            await wait_for_batch(client, created["id"])
        analysis_id = created["urls"][0]["analysis_id"]
        assert (await client.get(f"/api/v1/analyses/{analysis_id}")).status_code == 200

        response = await client.delete(f"/api/v1/competitive/{created['id']}")

        assert response.status_code == 204
        assert (await client.get(f"/api/v1/competitive/{created['id']}")).status_code == 404
        assert (await client.get(f"/api/v1/analyses/{analysis_id}")).status_code == 404
        listed = (await client.get("/api/v1/competitive/")).json()
        assert listed["total"] == 0


class TestHealth:
    async def test_health_and_readiness(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        ready = await client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["checks"] == {"database": "ok", "queue": "ok"}


class TestAnalyses:
    async def test_bad_url_is_422(self, client: httpx.AsyncClient) -> None:
        response = await client.post("/api/v1/analyses/", json={"url": "mailto:someone@x.org"})
        assert response.status_code == 422
        assert "mailto" in response.json()["detail"][0]["msg"]

    async def test_unknown_analysis_is_404(self, client: httpx.AsyncClient) -> None:
        assert (await client.get(f"/api/v1/analyses/{uuid.uuid4()}")).status_code == 404


def _stored_id(database_url: str, batch_id: str) -> str | uuid.UUID:
    """A batch id as the database takes it in raw SQL (SQLite keeps 32 hex digits)."""
    return uuid.UUID(batch_id).hex if database_url.startswith("sqlite") else uuid.UUID(batch_id)
