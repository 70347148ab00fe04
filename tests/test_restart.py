"""Killing the embedded process mid-batch loses nothing: a restart resumes and completes it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.servers import Route, ScriptedSite, serve_scripted, wait_until


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def aura_serve(env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "aura.cli.main", "serve", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        up = wait_until(lambda: _healthy(port), timeout=30)
        assert up, f"aura serve did not start:\n{log.read_text()}"
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_a_killed_server_resumes_the_batch_on_restart(tmp_path: Path) -> None:
    env = {
        **os.environ,
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
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api/v1/competitive"
    site = ScriptedSite(
        routes={
            "/fast": Route(),
            "/slow-a": Route(delay=2.0),
            "/slow-b": Route(delay=2.0),
        }
    )
    with serve_scripted(site):
        urls = [site.url("/fast"), site.url("/slow-a"), site.url("/slow-b")]
        log = tmp_path / "serve.log"
        with aura_serve(env, port, log) as first:
            created = httpx.post(f"{api}/", json={"urls": urls}, timeout=10).json()
            batch_url = f"{api}/{created['id']}"
            assert wait_until(lambda: site.hits.get("/slow-a", 0) >= 1, timeout=30)
            before = httpx.get(batch_url, timeout=10).json()
            first.kill()  # SIGKILL: no shutdown, no cleanup
            first.wait()

        assert before["status"] in ("pending", "running")
        assert before["completed_urls"] + before["failed_urls"] < 3

        with aura_serve(env, port, log):

            def finished() -> bool:
                status = httpx.get(batch_url, timeout=10).json()["status"]
                return status in ("completed", "partial", "failed", "cancelled")

            assert wait_until(finished, timeout=60, interval=0.2), log.read_text()
            batch = httpx.get(batch_url, timeout=10).json()
            comparison = httpx.get(f"{batch_url}/comparison", timeout=10)

    assert batch["status"] == "completed", batch
    assert batch["completed_urls"] == 3
    assert comparison.status_code == 200
    assert len(comparison.json()["comparison"]["rankings"]["overall"]["entries"]) == 3
    # The interrupted pages were fetched again by the restarted process.
    assert site.hits["/slow-a"] >= 2
