"""Comparison sets through the API and the embedded worker, on SQLite and PostgreSQL:
CRUD and validation, manual and scheduled runs, and one run per due time under races."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from aura.jobs import AUDIT_URL, RUN_SET
from aura.models import (
    Analysis,
    ComparisonSet,
    CompetitiveAnalysisBatch,
    CompetitiveAnalysisUrl,
)
from aura.runtime import Runtime
from aura.sets.schemas import ScheduleSpec, SetCreate
from aura.sets.service import SetService
from aura.sets.tasks import run_scheduled_set
from aura.worker import create_runtime
from tests.conftest import make_settings
from tests.support.api import wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_scripted

SETS = "/api/v1/sets/"

ALPHA = (
    b"<html><head><title>Alpha</title></head><body><main><h1>Alpha makes widgets</h1>"
    b'<div class="banner">Rotating offer of the day</div><p>Steady words about widgets.</p>'
    b"</main></body></html>"
)


@pytest.fixture
def site() -> Iterator[ScriptedSite]:
    with serve_scripted(ScriptedSite(routes={"/alpha": Route(body=ALPHA)})) as scripted:
        yield scripted


async def _create(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await client.post(SETS, json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def _errors(response: httpx.Response) -> list[tuple[list[Any], str]]:
    assert response.status_code == 422, response.text
    return [(error["loc"], error["msg"]) for error in response.json()["detail"]]


def _when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


# -- CRUD and validation -----------------------------------------------------------------


async def test_create_read_list_update_and_delete(client: httpx.AsyncClient) -> None:
    created = await _create(
        client,
        name="Widgets",
        urls=["Alpha.example", "https://beta.example/"],
        primary_url="alpha.example",
        ignore_selectors={"alpha.example": [" .banner ", "#clock"]},
        schedule={"cron": "0 9 * * 1", "timezone": "Europe/Paris"},
    )
    assert created["name"] == "Widgets"
    assert created["urls"] == ["https://alpha.example/", "https://beta.example/"]
    assert created["primary_url"] == "https://alpha.example/"
    assert created["ignore_selectors"] == {"https://alpha.example/": [".banner", "#clock"]}
    assert (created["run_count"], created["last_run"]) == (0, None)
    schedule = created["schedule"]
    assert schedule["description"] == "Every Monday at 09:00 (Europe/Paris)"
    next_run = _when(schedule["next_run_at"])
    assert next_run > dt.datetime.now(dt.UTC)
    assert next_run.astimezone(dt.UTC).hour in (7, 8)  # 09:00 in Paris, summer or winter

    listed = (await client.get(SETS)).json()["items"]
    assert [item["id"] for item in listed] == [created["id"]]
    assert (await client.get(f"{SETS}{created['id']}")).json() == created

    patched = await client.patch(
        f"{SETS}{created['id']}", json={"name": "Widgets EU", "schedule": None}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["name"] == "Widgets EU"
    assert patched.json()["schedule"] is None
    assert patched.json()["urls"] == created["urls"]  # left out, left alone

    assert (await client.delete(f"{SETS}{created['id']}")).status_code == 204
    assert (await client.get(f"{SETS}{created['id']}")).status_code == 404
    assert (await client.get(SETS)).json()["items"] == []


async def test_a_whole_url_pattern_is_refused_but_a_set_stored_with_one_still_reads(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """Crawl patterns match a URL's path and query. A whole URL is refused, naming it; a set
    stored before that rule keeps reading (its patterns are shown as stored)."""
    body = {"name": "Docs", "urls": ["a.example", "b.example"]}
    refused = await client.post(
        SETS, json={**body, "crawl": {"pages": 5, "include": ["https://a.example/docs/*"]}}
    )
    assert await _errors(refused) == [
        (
            ["body", "crawl", "include", 0],
            "patterns match a URL's path and query, like /blog/*, not the whole URL "
            "(https://a.example/docs/*)",
        )
    ]

    created = await _create(client, **body, crawl={"pages": 5, "include": ["/docs/*"]})
    runtime: Runtime = app.state.runtime
    async with runtime.db.write() as session:
        stored = await session.get(ComparisonSet, uuid.UUID(created["id"]))
        assert stored is not None
        stored.crawl = {**(stored.crawl or {}), "include": ["https://a.example/docs/*"]}
    read = await client.get(f"{SETS}{created['id']}")
    assert read.status_code == 200, read.text
    assert read.json()["crawl"]["include"] == ["https://a.example/docs/*"]


async def test_bad_urls_are_named_like_in_batches(client: httpx.AsyncClient) -> None:
    response = await client.post(
        SETS,
        json={
            "name": "Broken",
            "urls": ["https://a.example/", "ftp://b.example/", "https://a.example"],
        },
    )
    errors = await _errors(response)
    assert [loc for loc, _ in errors] == [["body", "urls", 1], ["body", "urls", 2]]
    assert "only http and https" in errors[0][1]
    assert "same URL as entry 1" in errors[1][1]

    response = await client.post(
        SETS,
        json={
            "name": "Broken",
            "urls": ["https://a.example/", "https://b.example/"],
            "primary_url": "https://c.example/",
        },
    )
    [(loc, message)] = await _errors(response)
    assert loc == ["body", "primary_url"]
    assert "not one of the submitted urls" in message

    response = await client.post(SETS, json={"name": "   ", "urls": ["a.example", "b.example"]})
    assert await _errors(response) == [(["body", "name"], "the name must not be blank")]


async def test_ignore_selectors_must_name_a_site_of_the_set_and_be_css(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        SETS,
        json={
            "name": "Selectors",
            "urls": ["https://a.example/", "https://b.example/"],
            "ignore_selectors": {
                "https://elsewhere.example/": [".x"],
                "https://b.example/": [".fine", "div[[", ""],
            },
        },
    )
    assert await _errors(response) == [
        (
            ["body", "ignore_selectors", "https://elsewhere.example/"],
            "'https://elsewhere.example/' is not one of the set's urls",
        ),
        (
            ["body", "ignore_selectors", "https://b.example/", 1],
            "'div[[' is not a valid CSS selector",
        ),
        (["body", "ignore_selectors", "https://b.example/", 2], "a selector must not be blank"),
    ]


async def test_schedule_problems_are_named(client: httpx.AsyncClient) -> None:
    base = {"urls": ["https://a.example/", "https://b.example/"]}
    cases = [
        ({"every_hours": 6, "cron": "0 * * * *"}, ["body", "schedule"], "exactly one"),
        ({"cron": "0 9 * * 8"}, ["body", "schedule", "cron"], "Bad day-of-week"),
        ({"cron": "0 9 * *"}, ["body", "schedule", "cron"], "5 fields"),
        ({"every_hours": 1, "timezone": "Europe/Atlantis"}, ["body", "schedule", "timezone"], ""),
        ({"every_hours": 0}, ["body", "schedule", "every_hours"], "greater than 0"),
    ]
    for index, (schedule, loc, reason) in enumerate(cases):
        response = await client.post(SETS, json={**base, "name": f"s{index}", "schedule": schedule})
        [(where, message)] = await _errors(response)
        assert (where, reason in message) == (loc, True), message
    assert (await client.get(SETS)).json()["items"] == []


async def test_names_are_unique(client: httpx.AsyncClient) -> None:
    urls = ["https://a.example/", "https://b.example/"]
    await _create(client, name="Rivals", urls=urls)
    other = await _create(client, name="Others", urls=urls)

    again = await client.post(SETS, json={"name": "Rivals", "urls": urls})
    assert again.status_code == 409
    assert again.json()["detail"] == "a set named 'Rivals' already exists"
    renamed = await client.patch(f"{SETS}{other['id']}", json={"name": " Rivals "})
    assert renamed.status_code == 409
    assert renamed.json()["detail"] == "a set named 'Rivals' already exists"


async def test_an_unknown_set_is_404_everywhere(client: httpx.AsyncClient) -> None:
    unknown = f"{SETS}{uuid.uuid4()}"
    responses = [
        await client.get(unknown),
        await client.patch(unknown, json={"name": "x"}),
        await client.delete(unknown),
        await client.post(f"{unknown}/runs"),
        await client.get(f"{unknown}/runs"),
    ]
    assert [response.status_code for response in responses] == [404] * 5
    assert "not found" in responses[0].json()["detail"]


# -- runs --------------------------------------------------------------------------------


async def test_a_manual_run_is_a_batch_of_the_set_with_its_options(
    app: FastAPI, client: httpx.AsyncClient, site: ScriptedSite
) -> None:
    alpha, beta = site.url("/alpha"), site.url("/beta")
    created = await _create(
        client,
        name="Widget makers",
        urls=[alpha, beta],
        primary_url=alpha,
        ignore_selectors={alpha: [".banner"]},
    )

    response = await client.post(f"{SETS}{created['id']}/runs")
    assert response.status_code == 202, response.text
    run = response.json()
    assert (run["set_id"], run["trigger"]) == (created["id"], "manual")
    assert run["name"] == "Widget makers · run"
    assert [item["url"] for item in run["urls"]] == [alpha, beta]
    assert run["primary_url"] == alpha

    batch = await wait_for_batch(client, run["id"])
    assert batch["status"] == "completed"
    assert (batch["set_id"], batch["trigger"]) == (created["id"], "manual")

    # Each analysis carries its URL's options, and the engine applied them.
    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        rows = await session.execute(
            sa.select(CompetitiveAnalysisUrl.url, Analysis.options)
            .join(Analysis, Analysis.id == CompetitiveAnalysisUrl.analysis_id)
            .where(CompetitiveAnalysisUrl.batch_id == uuid.UUID(run["id"]))
        )
        options = dict(rows.all())
    assert options == {alpha: {"ignore_selectors": [".banner"]}, beta: {"ignore_selectors": []}}
    analysis_id = next(item["analysis_id"] for item in batch["urls"] if item["url"] == alpha)
    result = (await client.get(f"/api/v1/analyses/{analysis_id}")).json()["result"]
    snapshot = result["snapshot"]
    assert snapshot["ignored_selectors"] == [".banner"]
    assert "Steady words about widgets." in snapshot["main_text"]
    assert "Rotating offer" not in snapshot["main_text"]

    shown = (await client.get(f"{SETS}{created['id']}")).json()
    assert shown["run_count"] == 1
    last = shown["last_run"]
    assert (last["batch_id"], last["status"], last["trigger"]) == (run["id"], "completed", "manual")
    assert set(last["scores"]) == {alpha, beta}
    assert all(isinstance(score, float) for score in last["scores"].values())
    assert _when(last["created_at"]) == _when(run["created_at"])


async def test_a_sets_labels_name_its_sites_in_every_run(
    client: httpx.AsyncClient, site: ScriptedSite
) -> None:
    alpha, beta = site.url("/alpha"), site.url("/beta")
    created = await _create(
        client,
        name="Labelled",
        urls=[alpha, beta],
        primary_url=alpha,
        labels={alpha: "  Our   shop ", beta: "Rival & Co"},
    )
    assert created["labels"] == {alpha: "Our shop", beta: "Rival & Co"}

    for _ in range(2):
        run = (await client.post(f"{SETS}{created['id']}/runs")).json()
        assert {item["url"]: item["label"] for item in run["urls"]} == created["labels"]
        await wait_for_batch(client, run["id"])
        comparison = (await client.get(f"/api/v1/competitive/{run['id']}/comparison")).json()
        sites = comparison["comparison"]["sites"]
        names = {entry["url"]: entry["name"] for entry in sites}
        assert names == {alpha: "Our shop", beta: "Rival & Co"}

    # Left out of an update, the labels of the URLs that stay stay; a URL that leaves takes
    # its label with it.
    gamma = site.url("/gamma")
    patched = await client.patch(f"{SETS}{created['id']}", json={"urls": [alpha, gamma]})
    assert patched.status_code == 200, patched.text
    assert patched.json()["labels"] == {alpha: "Our shop"}
    patched = await client.patch(f"{SETS}{created['id']}", json={"labels": {gamma: "Third"}})
    assert patched.json()["labels"] == {gamma: "Third"}
    assert (await client.get(f"{SETS}{created['id']}")).json()["labels"] == {gamma: "Third"}


async def test_labels_must_name_a_site_of_the_set(client: httpx.AsyncClient) -> None:
    response = await client.post(
        SETS,
        json={
            "name": "Bad labels",
            "urls": ["https://a.example/", "https://b.example/"],
            "labels": {"https://c.example/": "C", "https://a.example/": "x" * 201},
        },
    )
    errors = await _errors(response)
    assert [loc for loc, _ in errors] == [
        ["body", "labels", "https://c.example/"],
        ["body", "labels", "https://a.example/"],
    ]
    assert "not one of the submitted urls" in errors[0][1]


async def test_a_sets_runs_option_goes_to_each_analysis_of_its_runs(
    app: FastAPI, client: httpx.AsyncClient, site: ScriptedSite
) -> None:
    alpha, beta = site.url("/alpha"), site.url("/beta")
    refused = await client.post(SETS, json={"name": "Too many", "urls": [alpha, beta], "runs": 9})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "runs"]
    created = await _create(client, name="Renders", urls=[alpha, beta], runs=3)
    assert created["runs"] == 3
    changed = await client.patch(f"{SETS}{created['id']}", json={"runs": 2})
    assert changed.json()["runs"] == 2

    run = (await client.post(f"{SETS}{created['id']}/runs")).json()
    await wait_for_batch(client, run["id"])

    runtime: Runtime = app.state.runtime
    async with runtime.db.read() as session:
        rows = await session.execute(
            sa.select(Analysis.options)
            .join(CompetitiveAnalysisUrl, Analysis.id == CompetitiveAnalysisUrl.analysis_id)
            .where(CompetitiveAnalysisUrl.batch_id == uuid.UUID(run["id"]))
        )
        options = list(rows.scalars())
    assert options == [{"ignore_selectors": [], "runs": 2}] * 2


async def test_runs_are_listed_newest_first_with_their_scores(
    client: httpx.AsyncClient, site: ScriptedSite
) -> None:
    urls = [site.url("/alpha"), site.url("/beta")]
    created = await _create(client, name="Twice", urls=urls)
    first = (await client.post(f"{SETS}{created['id']}/runs")).json()
    await wait_for_batch(client, first["id"])
    second = (await client.post(f"{SETS}{created['id']}/runs")).json()
    in_flight = (await client.get(f"{SETS}{created['id']}/runs")).json()["items"]
    assert [run["batch_id"] for run in in_flight] == [second["id"], first["id"]]
    await wait_for_batch(client, second["id"])

    runs = (await client.get(f"{SETS}{created['id']}/runs")).json()["items"]
    assert [run["batch_id"] for run in runs] == [second["id"], first["id"]]
    assert [run["status"] for run in runs] == ["completed", "completed"]
    assert [run["trigger"] for run in runs] == ["manual", "manual"]
    assert [run["number"] for run in runs] == [2, 1]
    for run in runs:
        assert set(run["scores"]) == set(urls)
        assert all(0 <= score <= 100 for score in run["scores"].values())
        assert run["progress"] == 100
    limited = (await client.get(f"{SETS}{created['id']}/runs", params={"limit": 1})).json()
    assert [(run["batch_id"], run["number"]) for run in limited["items"]] == [(second["id"], 2)]
    shown = (await client.get(f"{SETS}{created['id']}")).json()
    assert (shown["run_count"], shown["last_run"]["batch_id"]) == (2, second["id"])
    assert shown["last_run"]["number"] == 2


async def test_changed_urls_apply_to_future_runs_only(
    client: httpx.AsyncClient, site: ScriptedSite
) -> None:
    alpha, beta, gamma = site.url("/alpha"), site.url("/beta"), site.url("/gamma")
    created = await _create(
        client, name="Moving", urls=[alpha, beta], ignore_selectors={beta: ["footer"]}
    )
    first = (await client.post(f"{SETS}{created['id']}/runs")).json()

    patched = await client.patch(f"{SETS}{created['id']}", json={"urls": [alpha, gamma]})
    assert patched.status_code == 200, patched.text
    # beta left the set, and its selectors with it.
    assert patched.json()["ignore_selectors"] == {}
    second = (await client.post(f"{SETS}{created['id']}/runs")).json()

    first_after = (await client.get(f"/api/v1/competitive/{first['id']}")).json()
    assert [item["url"] for item in first_after["urls"]] == [alpha, beta]
    assert [item["url"] for item in second["urls"]] == [alpha, gamma]
    await wait_for_batch(client, first["id"])
    await wait_for_batch(client, second["id"])


async def test_deleting_a_set_keeps_its_runs_as_plain_batches(
    client: httpx.AsyncClient, site: ScriptedSite
) -> None:
    created = await _create(client, name="Gone", urls=[site.url("/alpha"), site.url("/beta")])
    run = (await client.post(f"{SETS}{created['id']}/runs")).json()
    await wait_for_batch(client, run["id"])

    assert (await client.delete(f"{SETS}{created['id']}")).status_code == 204

    batch = await client.get(f"/api/v1/competitive/{run['id']}")
    assert batch.status_code == 200
    assert (batch.json()["set_id"], batch.json()["status"]) == (None, "completed")
    assert (await client.get(f"/api/v1/competitive/{run['id']}/comparison")).status_code == 200


# -- schedules ---------------------------------------------------------------------------


async def _poll_runs(
    client: httpx.AsyncClient, set_id: str, *, at_least: int, within: float = 60.0
) -> list[dict[str, Any]]:
    deadline = time.monotonic() + within
    runs: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        runs = (await client.get(f"{SETS}{set_id}/runs")).json()["items"]
        if len(runs) >= at_least:
            return runs
        await asyncio.sleep(0.05)
    raise AssertionError(f"expected {at_least} runs, got {runs}")


async def test_a_due_schedule_runs_the_set_through_the_worker(
    client: httpx.AsyncClient, site: ScriptedSite
) -> None:
    starts = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    created = await _create(
        client,
        name="Hourly",
        urls=[site.url("/alpha"), site.url("/beta")],
        schedule={"every_hours": 1, "starts_at": starts.isoformat()},
    )
    assert _when(created["schedule"]["next_run_at"]) == starts
    assert created["schedule"]["description"] == "Every hour"

    [run] = await _poll_runs(client, created["id"], at_least=1)
    assert run["trigger"] == "schedule"
    assert _when(run["created_at"]) >= starts
    batch = await wait_for_batch(client, run["batch_id"])
    assert batch["status"] == "completed"

    shown = (await client.get(f"{SETS}{created['id']}")).json()
    # On time, so the cadence is kept: the next run is an hour after the one that ran.
    assert _when(shown["schedule"]["next_run_at"]) == starts + dt.timedelta(hours=1)
    assert shown["run_count"] == 1  # the sweeps that ran meanwhile started nothing more


async def test_pausing_changing_and_removing_a_schedule(
    app: FastAPI, client: httpx.AsyncClient, site: ScriptedSite
) -> None:
    starts = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    created = await _create(
        client,
        name="Paused",
        urls=[site.url("/alpha"), site.url("/beta")],
        schedule={"every_hours": 6, "starts_at": starts.isoformat()},
    )
    set_url = f"{SETS}{created['id']}"

    # The same schedule submitted again keeps its due time (no shifted cadence).
    same = await client.patch(set_url, json={"schedule": {"every_hours": 6}})
    assert _when(same.json()["schedule"]["next_run_at"]) == starts

    paused = (await client.patch(set_url, json={"schedule": {"enabled": False}})).json()
    assert paused["schedule"]["enabled"] is False
    assert paused["schedule"]["next_run_at"] is None
    assert paused["schedule"]["every_hours"] == 6  # the rule is kept while paused

    # The job queued for the old due time is delivered after that time: nothing runs.
    runtime: Runtime = app.state.runtime
    service = SetService(runtime)
    async with runtime.db.write() as session:
        later = starts + dt.timedelta(hours=1)
        assert await service.run_due(session, uuid.UUID(created["id"]), later) is None
    await run_scheduled_set(runtime, created["id"])
    assert (await client.get(f"{set_url}/runs")).json()["items"] == []

    resumed = (await client.patch(set_url, json={"schedule": {"enabled": True}})).json()
    assert resumed["schedule"]["enabled"] is True
    resumed_at = _when(resumed["schedule"]["next_run_at"])
    assert resumed_at > dt.datetime.now(dt.UTC) + dt.timedelta(hours=5)

    changed = (await client.patch(set_url, json={"schedule": {"cron": "15 4 * * *"}})).json()
    assert changed["schedule"]["every_hours"] is None
    assert changed["schedule"]["timezone"] == "UTC"
    changed_at = _when(changed["schedule"]["next_run_at"])
    assert (changed_at.hour, changed_at.minute) == (4, 15)

    removed = (await client.patch(set_url, json={"schedule": None})).json()
    assert removed["schedule"] is None


class RecordingQueue:
    """Stands in for the queue: records what was enqueued, runs nothing."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    async def enqueue(self, kind: str, entity_id: str, key: str, delay: float = 0.0) -> bool:
        self.calls.append((kind, entity_id, key))
        return True

    async def enqueue_at(self, kind: str, entity_id: str, key: str, when: dt.datetime) -> bool:
        self.calls.append((kind, entity_id, key))
        return True

    def keys(self, kind: str) -> list[str]:
        return [key for k, _, key in self.calls if k == kind]


def _runtime(database_url: str, tmp_path: Path, queue: RecordingQueue) -> Runtime:
    runtime = create_runtime(make_settings(database_url, tmp_path))
    runtime.queue = queue  # type: ignore[assignment]
    return runtime


async def _batches_of(runtime: Runtime, set_id: uuid.UUID) -> int:
    async with runtime.db.read() as session:
        count = await session.scalar(
            sa.select(sa.func.count())
            .select_from(CompetitiveAnalysisBatch)
            .where(CompetitiveAnalysisBatch.set_id == set_id)
        )
    return int(count or 0)


async def _make_due(runtime: Runtime, set_id: uuid.UUID, due: dt.datetime) -> None:
    async with runtime.db.write() as session:
        await session.execute(
            sa.update(ComparisonSet).where(ComparisonSet.id == set_id).values(next_run_at=due)
        )


async def test_a_due_time_makes_one_run_however_its_job_is_delivered(
    database_url: str, tmp_path: Path
) -> None:
    queue, other_queue = RecordingQueue(), RecordingQueue()
    runtime = _runtime(database_url, tmp_path, queue)
    other_worker = _runtime(database_url, tmp_path, other_queue)
    try:
        due = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        async with runtime.db.write() as session:
            created = await SetService(runtime).create(
                session,
                SetCreate(
                    name="Raced",
                    urls=["https://a.example/", "https://b.example/"],
                    schedule=ScheduleSpec(every_hours=2, starts_at=due),
                ),
            )
        assert queue.keys(RUN_SET) == [f"schedule:{created.id}:{due.isoformat()}"]

        # The same job delivered three times at once, to one worker.
        await asyncio.gather(*(run_scheduled_set(runtime, str(created.id)) for _ in range(3)))
        assert await _batches_of(runtime, created.id) == 1
        following = due + dt.timedelta(hours=2)
        assert queue.keys(RUN_SET)[1:] == [f"schedule:{created.id}:{following.isoformat()}"]
        assert len(queue.keys(AUDIT_URL)) == 2

        # Two workers (their own engines and connections) racing, over several due times.
        for round_ in range(1, 4):
            await _make_due(runtime, created.id, dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
            await asyncio.gather(
                *(
                    run_scheduled_set(worker, str(created.id))
                    for worker in (runtime, other_worker, runtime, other_worker)
                )
            )
            assert await _batches_of(runtime, created.id) == 1 + round_

        async with runtime.db.read() as session:
            shown = await SetService(runtime).get(session, created.id)
        assert shown.run_count == 4
        assert shown.last_run is not None
        assert shown.last_run.trigger == "schedule"
        assert shown.schedule is not None
        assert shown.schedule.next_run_at is not None
        assert shown.schedule.next_run_at > dt.datetime.now(dt.UTC)
    finally:
        await runtime.db.dispose()
        await other_worker.db.dispose()
