"""What the benchmarks share: the shared sites on loopback, machine facts, result files."""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import platform
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import cgroup  # noqa: E402
from tests.support.servers import LoopbackServer, serve_directory  # noqa: E402

SITES_DIR = Path(os.environ.get("AURA_BENCH_SITES", ROOT.parent / "shared" / "sites"))
#: Where each benchmark writes <name>.json (the smoke test points it at a temporary folder).
RESULTS = Path(os.environ.get("AURA_BENCH_RESULTS", ROOT / "bench" / "results"))


def site_dirs() -> list[Path]:
    return sorted(p for p in SITES_DIR.iterdir() if p.is_dir() and (p / "index.html").exists())


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve_folders(folders: list[str], ports: Any) -> None:
    cgroup.leave()  # not the measured worker's memory (bench/cgroup.py)
    servers = []
    for folder in folders:
        handler = functools.partial(_QuietFiles, directory=str(SITES_DIR / folder))
        server = LoopbackServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    ports.put([server.server_address[1] for server in servers])
    threading.Event().wait()


@dataclass(frozen=True)
class ServedSites:
    urls: dict[str, str]  # site name → URL
    pid: int  # the serving process


@contextmanager
def serve_sites_elsewhere() -> Iterator[ServedSites]:
    """Every shared site served from another process, so that serving them costs the
    measured process no CPU (and its memory can be told apart)."""
    folders = [path.name for path in site_dirs()]
    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve_folders, args=(folders, ports), daemon=True)
    server.start()
    try:
        urls = {
            folder: f"http://127.0.0.1:{port}/"
            for folder, port in zip(folders, ports.get(timeout=10), strict=True)
        }
        assert server.pid is not None
        yield ServedSites(urls, server.pid)
    finally:
        server.terminate()
        server.join()


@contextmanager
def serve_sites() -> Iterator[list[tuple[str, str]]]:
    """Every shared site on its own loopback server: [(name, url), …]."""
    with ExitStack() as stack:
        yield [(d.name, stack.enter_context(serve_directory(d)) + "/") for d in site_dirs()]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 2),
        "p95": round(percentile(values, 0.95), 2),
        "max": round(max(values), 2),
    }


def machine() -> dict[str, Any]:
    versions = {}
    for package in ("aura", "fastapi", "sqlalchemy", "httpx", "pydocket", "selectolax"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
        "versions": versions,
    }


def write_result(name: str, figures: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": name,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        **figures,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(document, indent=2) + "\n")
    return path


def peak_rss_mb(pid: int) -> float | None:
    """The peak resident set of a live process (VmHWM), from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None
