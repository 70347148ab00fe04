"""A page that stalls the analysis's CPU work cannot starve the rest of the worker.

The pre-parse bounds (tests/audit/test_nesting.py) refuse every shape known to stall the
parser; these tests stand for a shape not known yet. They lift the bound on attributes, so
that a page of many attributes stalls lexbor again (30,000: about 15 s; 80,000: about a
minute), and check what the issue saw fail: the batch's other URLs and its comparison
complete, and a worker stops on SIGTERM. "In time" is never a timer here: each test has an
outer deadline, and a bound that did not hold shows as a test that does not finish.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from aura.audit import html
from tests.security.helpers import hardened_settings, running_app
from tests.support.api import create_batch, wait_for_batch
from tests.support.hostile import HostileSite, serve_hostile
from tests.support.processes import aura_processes
from tests.support.servers import wait_until

#: What a worker process runs instead of ``python -m aura.cli.main``: the same, with the
#: attribute bounds lifted.
UNBOUNDED_WORKER = (
    "import aura.audit.html as html; "
    "html.MAX_ATTRIBUTES_PER_ELEMENT = html.MAX_DISTINCT_ATTRIBUTE_NAMES = 10**9; "
    "from aura.cli.main import app; app()"
)


STALLED = {"the analysis took longer than 8 s", "gave up after 6 s (total time limit)"}


@pytest.fixture
def unbounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "MAX_ATTRIBUTES_PER_ELEMENT", 10**9)
    monkeypatch.setattr(html, "MAX_DISTINCT_ATTRIBUTE_NAMES", 10**9)


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileSite]:
    with serve_hostile() as site:
        yield site


async def test_stalled_urls_time_out_and_the_rest_of_the_batch_completes(
    unbounded: None, hostile: HostileSite, sqlite_url: str, tmp_path: Path
) -> None:
    settings = hardened_settings(
        sqlite_url,
        tmp_path,
        allow_private_networks=True,
        # Long enough for an ordinary page on a machine busy with the stalled parses.
        analysis_timeout=8.0,
        fetch_read_timeout=5.0,
        fetch_total_timeout=6.0,
        job_lease_seconds=30.0,
        worker_concurrency=6,
    )
    # Six stalling pages, as in the issue (the event loop's default executor had six
    # threads), take every job slot first; three ordinary pages are analysed after them,
    # while the stalled parses still run.
    stalling = [hostile.url(f"/attributes/{30_000 + index}") for index in range(6)]
    normal = [hostile.url(f"/normal-{index}") for index in range(3)]
    async with asyncio.timeout(150), running_app(settings) as client:
        # A worker that has run before: the fingerprints and the rest are loaded.
        warm_up = await create_batch(client, [hostile.url("/warm-up-1"), hostile.url("/warm-up-2")])
        assert (await wait_for_batch(client, warm_up["id"], within=30))["status"] == "completed"
        batch = await create_batch(client, [*stalling, *normal])
        done = await wait_for_batch(client, batch["id"], within=100)
        comparison = await client.get(f"/api/v1/competitive/{batch['id']}/comparison")
    outcome: dict[str, dict[str, Any]] = {item["url"]: item for item in done["urls"]}
    for url in normal:
        assert outcome[url]["status"] == "completed", (outcome[url], done["urls"])
    for url in stalling:
        assert outcome[url]["status"] == "failed", outcome[url]
        # Stalled in parsing; or, on a machine that busy, already slow to arrive.
        assert outcome[url]["error"] in STALLED, outcome[url]
    assert done["status"] == "partial"
    assert comparison.status_code == 200, comparison.text


def _env(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        "AURA_DATABASE_URL": database_url,
        "AURA_QUEUE_URL": redis_url,
        "AURA_QUEUE_NAME": f"aura-test-{uuid.uuid4().hex[:8]}",
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        "AURA_ANALYSIS_TIMEOUT": "5",
        "AURA_JOB_LEASE_SECONDS": "20",
        "AURA_DEFAULT_MODE": "static",
        "AURA_FETCH_RETRIES": "0",
        "AURA_WORKER_CONCURRENCY": "2",
        "AURA_TECHNOLOGY_DNS": "false",
    }


def test_a_worker_with_stalled_analyses_stops_on_sigterm(
    postgres_url: str, redis_url: str, hostile: HostileSite, tmp_path: Path
) -> None:
    with aura_processes(_env(postgres_url, redis_url), tmp_path / "logs") as aura:
        api = aura.api()
        log = tmp_path / "logs" / "worker.log"
        with log.open("ab") as output:
            worker = subprocess.Popen(
                [sys.executable, "-c", UNBOUNDED_WORKER, "worker"],
                env=aura.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        aura.processes.append(worker)
        assert wait_until(lambda: "worker started" in aura.log("worker"), timeout=30), aura.log(
            "worker"
        )
        # Two pages whose parsing takes about a minute each, one per job slot.
        urls = [hostile.url("/attributes/80000"), hostile.url("/attributes/80001")]
        created = httpx.post(f"{api}/api/v1/competitive/", json={"urls": urls}, timeout=10)
        assert created.status_code == 201, created.text
        batch_id = created.json()["id"]
        assert wait_until(
            lambda: all(hostile.hits.get(u.removeprefix(hostile.base), 0) for u in urls),
            timeout=30,
        )

        def finished() -> bool:
            batch = httpx.get(f"{api}/api/v1/competitive/{batch_id}", timeout=10).json()
            return batch["completed_urls"] + batch["failed_urls"] == len(urls)

        # The analyses time out and are recorded while their parses are still running.
        assert wait_until(finished, timeout=60), aura.log("worker")
        worker.send_signal(signal.SIGTERM)
        try:
            code = worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("the worker did not stop on SIGTERM:\n" + aura.log("worker"))
        assert code == 0, aura.log("worker")
        batch = httpx.get(f"{api}/api/v1/competitive/{batch_id}", timeout=10).json()
    errors = {item["error"] for item in batch["urls"]}
    assert errors == {"the analysis took longer than 5 s"}, batch
