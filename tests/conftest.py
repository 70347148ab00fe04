"""Shared fixtures: a migrated database on each dialect, settings, a running app, sites.

Every test that takes ``database_url`` runs on SQLite and, when ``AURA_TEST_DATABASE_URL``
points to a PostgreSQL server, on a fresh PostgreSQL database as well. With
``AURA_TEST_REQUIRE_SERVICES=1`` (set by ``.ci/run``) a missing service fails the test
instead of skipping it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from aura.app import create_app
from aura.config import Settings
from aura.db.migrate import upgrade
from tests.support.databases import fresh_database
from tests.support.servers import SHARED_SITES, serve_directory

REQUIRE_SERVICES = os.environ.get("AURA_TEST_REQUIRE_SERVICES") == "1"


def service_missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (required: AURA_TEST_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, migrated database on the server of AURA_TEST_DATABASE_URL, dropped afterwards."""
    admin_url = os.environ.get("AURA_TEST_DATABASE_URL")
    if not admin_url:
        service_missing("PostgreSQL tests need AURA_TEST_DATABASE_URL")
    assert admin_url is not None
    with fresh_database(admin_url) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated database; SQLite and PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'aura-test.db'}"
        upgrade(url)
        yield url
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A freshly migrated PostgreSQL database (for tests of the distributed mode)."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("AURA_TEST_REDIS_URL")
    if not url:
        service_missing("Redis tests need AURA_TEST_REDIS_URL")
    assert url is not None
    return url


def make_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "data_dir": data_dir,
        "queue_url": "memory://",
        "queue_name": f"aura-test-{uuid.uuid4().hex[:8]}",
        "allow_private_networks": True,
        # The pipeline's tests are about the pipeline: static analyses keep them quick.
        # Browser mode has its own tests (tests/audit/browser, tests/e2e).
        "default_mode": "static",
        "fetch_retries": 0,
        "fetch_total_timeout": 10.0,
        "analysis_timeout": 25.0,
        "job_lease_seconds": 30.0,
        "sweep_interval_seconds": 0.5,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://aura.test") as http:
        yield http


@pytest.fixture(scope="session")
def three_sites() -> Iterator[list[str]]:
    """Three real front pages from ../shared/sites, each on its own loopback server."""
    names = ["01-sb-landing-page", "06-sb-shop-homepage", "08-sb-agency"]
    if not SHARED_SITES.is_dir():
        pytest.skip(f"the shared sites are not at {SHARED_SITES}")
    with (
        serve_directory(SHARED_SITES / names[0]) as first,
        serve_directory(SHARED_SITES / names[1]) as second,
        serve_directory(SHARED_SITES / names[2]) as third,
    ):
        yield [f"{first}/", f"{second}/", f"{third}/"]
