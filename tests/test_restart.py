"""Killing the embedded process mid-batch loses nothing: a restart resumes and completes it."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.processes import aura_processes, free_port
from tests.support.servers import Route, ScriptedSite, serve_scripted, wait_until


def test_a_killed_server_resumes_the_batch_on_restart(tmp_path: Path) -> None:
    env = {
        "AURA_DATA_DIR": str(tmp_path / "data"),
        "AURA_DATABASE_URL": "",
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        "AURA_FETCH_TOTAL_TIMEOUT": "4",
        "AURA_ANALYSIS_TIMEOUT": "5",
        "AURA_DEFAULT_MODE": "static",
        "AURA_JOB_LEASE_SECONDS": "6",
        "AURA_SWEEP_INTERVAL_SECONDS": "0.5",
        "AURA_FETCH_RETRIES": "0",
    }
    port = free_port()
    api = f"http://127.0.0.1:{port}/api/v1/competitive"
    site = ScriptedSite(
        routes={
            "/fast": Route(),
            "/slow-a": Route(delay=2.0),
            "/slow-b": Route(delay=2.0),
        }
    )
    with serve_scripted(site), aura_processes(env, tmp_path / "logs") as aura:
        urls = [site.url("/fast"), site.url("/slow-a"), site.url("/slow-b")]
        aura.api("serve", port=port)
        first = aura.processes[-1]
        created = httpx.post(f"{api}/", json={"urls": urls}, timeout=10).json()
        batch_url = f"{api}/{created['id']}"
        assert wait_until(lambda: site.hits.get("/slow-a", 0) >= 1, timeout=30)
        before = httpx.get(batch_url, timeout=10).json()
        first.kill()  # SIGKILL: no shutdown, no cleanup
        first.wait()

        assert before["status"] in ("pending", "running")
        assert before["completed_urls"] + before["failed_urls"] < 3

        aura.api("serve", port=port)

        def finished() -> bool:
            status = httpx.get(batch_url, timeout=10).json()["status"]
            return status in ("completed", "partial", "failed", "cancelled")

        assert wait_until(finished, timeout=60, interval=0.2), aura.log("serve")
        batch = httpx.get(batch_url, timeout=10).json()
        comparison = httpx.get(f"{batch_url}/comparison", timeout=10)

    assert batch["status"] == "completed", batch
    assert batch["completed_urls"] == 3
    assert comparison.status_code == 200
    assert len(comparison.json()["comparison"]["rankings"]["overall"]["entries"]) == 3
    # The interrupted pages were fetched again by the restarted process.
    assert site.hits["/slow-a"] >= 2
