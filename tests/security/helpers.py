"""Helpers of the security suites: hardened settings, a test resolver, an app to talk to."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from aura.app import create_app
from aura.audit.fetch.guard import IPAddress, NetworkPolicy, Resolver, system_resolver
from aura.config import Settings
from tests.conftest import make_settings


def hardened_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    """Settings as deployed (private networks refused), with small, fast limits for tests."""
    values: dict[str, object] = {
        "allow_private_networks": False,
        "max_batch_urls": 60,
        "fetch_retries": 0,
        "fetch_connect_timeout": 2.0,
        "fetch_read_timeout": 2.0,
        "fetch_total_timeout": 4.0,
        "subresource_time_budget": 3.0,
        "subresource_timeout_each": 2.0,
        "analysis_timeout": 15.0,
        "job_lease_seconds": 30.0,
        # Chromium is slow on a shared machine; the browser tier has its own suite.
        "default_mode": "static",
        # The rate limiter has its own tests; these suites create many batches on purpose.
        "batch_rate_limit": 0,
        "report_rate_limit": 0,
        "technology_dns": False,
    }
    values.update(overrides)
    # Only the settings this version has (some of these are new and may be renamed).
    known = Settings.model_fields
    return make_settings(
        database_url, data_dir, **{name: v for name, v in values.items() if name in known}
    )


def table_resolver(table: Mapping[str, list[str]]) -> Resolver:
    """Answers the names of ``table``; any other name goes to the system resolver."""

    async def resolve(host: str, port: int) -> list[IPAddress]:
        if host in table:
            return [ipaddress.ip_address(address) for address in table[host]]
        return await system_resolver(host, port)

    return resolve


@asynccontextmanager
async def running_app(
    settings: Settings, policy: NetworkPolicy | None = None, *, run_worker: bool | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """The app (with its embedded worker unless told) and a client talking to it in-process."""
    app = create_app(settings, policy=policy, run_worker=run_worker)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://aura.test") as client:
            yield client
