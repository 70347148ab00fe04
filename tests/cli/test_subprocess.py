"""The installed ``aura`` command as a real process: a comparison, and the offline demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from aura.reports import ReportDocument
from tests.reports.htmlcheck import assert_self_contained

AURA = Path(sys.executable).with_name("aura")

# Loaded by the child's interpreter (sitecustomize): any connection or name lookup outside
# loopback fails, so a command that completes under it needed no network.
NO_NETWORK = """
import ipaddress, socket

def _loopback(host):
    try:
        return ipaddress.ip_address(str(host).strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"

_connect = socket.socket.connect
def connect(self, address):
    if isinstance(address, tuple) and not _loopback(address[0]):
        raise OSError(f"offline test: connection to {address[0]} refused")
    return _connect(self, address)
socket.socket.connect = connect

_getaddrinfo = socket.getaddrinfo
def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _loopback(host):
        raise socket.gaierror(f"offline test: no lookup of {host}")
    return _getaddrinfo(host, *args, **kwargs)
socket.getaddrinfo = getaddrinfo
"""


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(AURA), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_analyze_pipes_json(
    subprocess_env: dict[str, str], good_site: str, poor_site: str, tmp_path: Path
) -> None:
    done = run(["analyze", good_site, poor_site, "--format", "json"], subprocess_env, tmp_path)

    assert done.returncode == 0, done.stderr
    report = ReportDocument.model_validate(json.loads(done.stdout))
    assert report.comparison.compared == 2
    assert "Analysing 2 sites" in done.stderr


def test_the_demo_completes_offline_with_private_networks_refused(
    subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK)
    env = {
        **subprocess_env,
        "PYTHONPATH": str(guard),
        # The demo must not need the global switch: its own ports are allowed, nothing else.
        "AURA_ALLOW_PRIVATE_NETWORKS": "false",
        "AURA_DEFAULT_MODE": "auto",
    }
    report_file = tmp_path / "demo.html"

    done = run(["demo", "-o", str(report_file)], env, tmp_path)

    assert done.returncode == 0, done.stderr
    assert "Scores by category" in done.stdout
    # The grid names the sites the demo introduced, not their addresses.
    grid = done.stdout[done.stdout.index("Scores by category") :]
    grid = grid[: grid.index("Overall")]
    for name in ("Brightdesk (you)", "HelpHive", "Supportly"):
        assert name in grid
    assert "127.0.0.1" not in grid
    html = report_file.read_text(encoding="utf-8")
    assert_self_contained(html, ["http://127.0.0.1:"])
    assert "Brightdesk" in done.stderr
    assert "3 of 3 sites compared" in html
    # The demo's batch went to a throwaway database, not the configured one.
    assert not (Path(env["AURA_DATA_DIR"]) / "aura.db").exists()
