"""Fixtures of the CLI tests: the environment the ``aura`` command reads, and two sites."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from aura.config import get_settings
from tests.support.servers import Route, ScriptedSite, serve_scripted

GOOD_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Support - help desk software for small teams</title>
<meta name="description" content="Acme Support gives small teams one shared inbox for
email and chat. Start a free trial today; plans from $19 per agent.">
<link rel="canonical" href="/">
</head><body>
<header><img src="/logo.svg" alt="Acme Support" width="120" height="40"></header>
<main><h1>One inbox for every customer</h1>
<p>Acme Support gathers email and chat in one place so your team answers faster.</p>
<a class="btn" href="/trial">Start free trial</a>
<h2>Plans</h2><p>From $19 per agent per month.</p></main>
</body></html>"""

POOR_PAGE = b"""<html><head></head><body>
<h1></h1><h1></h1><img src="/a.svg"><img src="/b.svg">
<a href="/x">click here</a><input type="text">
</body></html>"""

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
ROBOTS = b"User-agent: *\nAllow: /\n"


def _site(page: bytes) -> ScriptedSite:
    return ScriptedSite(
        routes={
            "/": Route(body=page),
            "/robots.txt": Route(body=ROBOTS, headers={"Content-Type": "text/plain"}),
            "/logo.svg": Route(body=SVG, headers={"Content-Type": "image/svg+xml"}),
        },
        default=None,
    )


@pytest.fixture(scope="module")
def good_site() -> Iterator[str]:
    with serve_scripted(_site(GOOD_PAGE)) as site:
        yield site.url("/")


@pytest.fixture(scope="module")
def poor_site() -> Iterator[str]:
    with serve_scripted(_site(POOR_PAGE)) as site:
        yield site.url("/")


def cli_environment(data_dir: Path) -> dict[str, str]:
    """What the ``aura`` command reads: a private data directory, loopback allowed, static."""
    return {
        "AURA_DATA_DIR": str(data_dir),
        "AURA_DATABASE_URL": "",
        "AURA_QUEUE_URL": "memory://",
        "AURA_QUEUE_NAME": f"aura-cli-test-{uuid.uuid4().hex[:8]}",
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        "AURA_DEFAULT_MODE": "static",
        "AURA_TECHNOLOGY_DNS": "false",
        "AURA_FETCH_RETRIES": "0",
        "AURA_ANALYSIS_TIMEOUT": "45",
        "AURA_JOB_LEASE_SECONDS": "60",
    }


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment set for in-process runs (``CliRunner``), with fresh settings."""
    data_dir = tmp_path_factory.mktemp("aura-cli")
    env = cli_environment(data_dir)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(data_dir)  # no stray .env file
        for name, value in env.items():
            patch.setenv(name, value)
        get_settings.cache_clear()
        try:
            yield env
        finally:
            get_settings.cache_clear()


@pytest.fixture
def subprocess_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AURA_")}
    env.update(cli_environment(tmp_path))
    return env
