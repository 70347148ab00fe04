"""A schedule survives a crash: a run that came due while no process was running happens
once when `aura serve` starts again, and the schedule goes on from there."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import httpx

from tests.support.processes import aura_processes, free_port
from tests.support.servers import ScriptedSite, serve_scripted, wait_until

FINISHED = {"completed", "partial", "failed", "cancelled"}


def test_a_schedule_due_while_the_server_was_down_runs_once_after_restart(
    tmp_path: Path,
) -> None:
    env = {
        "AURA_DATA_DIR": str(tmp_path / "data"),
        "AURA_DATABASE_URL": "",
        "AURA_QUEUE_URL": "memory://",
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        "AURA_DEFAULT_MODE": "static",
        "AURA_FETCH_RETRIES": "0",
        "AURA_SWEEP_INTERVAL_SECONDS": "0.5",
    }
    port = free_port()
    sets = f"http://127.0.0.1:{port}/api/v1/sets/"
    with serve_scripted(ScriptedSite()) as site, aura_processes(env, tmp_path / "logs") as aura:
        aura.api("serve", port=port)
        first = aura.processes[-1]
        due = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=4)
        response = httpx.post(
            sets,
            json={
                "name": "Nightly watch",
                "urls": [site.url("/ours"), site.url("/theirs")],
                "schedule": {"every_hours": 2, "starts_at": due.isoformat()},
            },
            timeout=10,
        )
        assert response.status_code == 201, response.text
        set_url = f"{sets}{response.json()['id']}"
        before = httpx.get(f"{set_url}/runs", timeout=10).json()["items"]
        first.kill()  # SIGKILL before the due time: the in-memory queue dies with it
        first.wait()
        assert before == []
        assert dt.datetime.now(dt.UTC) < due, "the server was not killed before the due time"

        # Nothing runs while no process is up; start again once the due time has passed.
        time.sleep(max(0.0, (due - dt.datetime.now(dt.UTC)).total_seconds()) + 0.5)
        restarted_at = dt.datetime.now(dt.UTC)
        aura.api("serve", port=port)

        def runs() -> list[dict[str, Any]]:
            items: list[dict[str, Any]] = httpx.get(f"{set_url}/runs", timeout=10).json()["items"]
            return items

        assert wait_until(lambda: len(runs()) >= 1, timeout=60, interval=0.2), aura.log("serve")
        [run] = runs()
        assert run["trigger"] == "schedule"

        def finished() -> bool:
            return runs()[0]["status"] in FINISHED

        # Several sweeps run while the batch is analysed; none may start a second run.
        assert wait_until(finished, timeout=60, interval=0.2), aura.log("serve")
        shown = httpx.get(set_url, timeout=10).json()

    assert shown["run_count"] == 1
    assert shown["last_run"]["status"] == "completed"
    assert dt.datetime.fromisoformat(shown["last_run"]["created_at"]) >= restarted_at
    # The missed run happened once; the schedule goes on with its next occurrence.
    assert dt.datetime.fromisoformat(shown["schedule"]["next_run_at"]) == due + dt.timedelta(
        hours=2
    )
