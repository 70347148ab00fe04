"""Settings, read from the environment with the ``AURA_`` prefix (and an optional ``.env``)."""

from __future__ import annotations

import math
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from aura import __version__


def usable_cores() -> int:
    """The CPUs this process may run on: its affinity, capped by a cgroup v2 CPU quota
    (a container limited to 2 CPUs on a 64-core host counts 2)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        count = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return count


def half_the_cores() -> int:
    return max(1, usable_cores() // 2)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AURA_", env_file=".env", extra="ignore")

    data_dir: Path = Path("./data")
    # Empty means "a SQLite file under data_dir"; see ``database_url_resolved``.
    database_url: str = ""
    queue_url: str = "memory://"
    # Several Aura deployments may share one Redis: the queue name keeps them apart.
    queue_name: str = "aura"
    # Where progress events travel; empty means the same place as the queue.
    events_url: str = ""

    allow_private_networks: bool = False
    max_batch_urls: int = Field(default=10, ge=2)

    # Fetching: every bound is a setting.
    user_agent: str = f"Aura/{__version__} (+https://github.com/aura-analysis/aura; site audit)"
    fetch_connect_timeout: float = Field(default=5.0, gt=0)
    fetch_read_timeout: float = Field(default=10.0, gt=0)
    fetch_total_timeout: float = Field(default=20.0, gt=0)
    fetch_max_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    fetch_max_redirects: int = Field(default=10, ge=0)
    fetch_retries: int = Field(default=1, ge=0)
    fetch_retry_backoff: float = Field(default=0.5, ge=0)
    # Subresources (stylesheets, scripts, images, fonts) of an analysed page.
    subresource_max_count: int = Field(default=60, ge=0)
    subresource_max_total_bytes: int = Field(default=8 * 1024 * 1024, gt=0)
    subresource_max_bytes_each: int = Field(default=3 * 1024 * 1024, gt=0)
    subresource_per_host_concurrency: int = Field(default=6, ge=1)
    subresource_max_concurrency: int = Field(default=16, ge=1)
    subresource_time_budget: float = Field(default=8.0, gt=0)
    subresource_timeout_each: float = Field(default=5.0, gt=0)
    # One host name's lookup; a host that does not resolve fails all its references at once.
    subresource_dns_timeout: float = Field(default=2.0, gt=0)
    # Technology detection: the fingerprint data (empty: data_dir/fingerprints) and the
    # optional DNS lookups for the fingerprints' dns patterns (skipped for local names).
    fingerprints_dir: Path | None = None
    technology_dns: bool = True
    technology_dns_timeout: float = Field(default=1.0, gt=0)
    # The hard limit of one analysis, everything included; a job past it fails that URL.
    analysis_timeout: float = Field(default=60.0, gt=0)

    # Browser mode: headless Chromium, driven over the DevTools protocol. "auto" analyses
    # in browser mode when Chromium is installed, else static (and says so in the result).
    default_mode: Literal["auto", "static", "browser"] = "auto"
    chromium_path: Path = Path("/usr/bin/chromium")
    # Pages rendered at once by one worker process. A page's two profiles render side by
    # side and keep about two cores busy: by default, half the cores (at least one page).
    browser_concurrency: int = Field(default_factory=half_the_cores, ge=1)
    # A page's device profiles render at the same time (faster), or one after the other
    # (false: one renderer's memory instead of two).
    browser_profiles_side_by_side: bool = True
    # Side by side, with the phone's metrics simulated: the desktop load starts at the
    # phone's load event ("load"), when the phone's observation ends ("observation"), or at
    # once ("together"): the phone's tasks, multiplied by its slowdown, would carry the wait
    # for a CPU the desktop load holds.
    browser_phone_first: Literal["load", "observation", "together"] = "load"
    # The hard limit of one page in the browser; what is not done by then is left out.
    browser_page_budget: float = Field(default=20.0, gt=0)
    # The most memory (resident, MB) one page's renderer may use; a page over it is
    # stopped and its URL fails with the reason. 0 turns the limit off.
    browser_memory_limit_mb: int = Field(default=1024, ge=0)
    # Observation after the load event (late layout shifts and paints), as Lighthouse waits
    # for a page: at least browser_settle_after_load seconds, then until network and CPU
    # have been quiet for browser_settle_quiet; it gives up after browser_settle seconds.
    browser_settle: float = Field(default=5.0, ge=0)
    browser_settle_quiet: float = Field(default=1.0, ge=0)
    browser_settle_after_load: float = Field(default=1.0, ge=0)
    # The mobile profile's network: "simulated" (loaded on the worker's connection, its paint
    # metrics simulated over Lighthouse's slow 4G as Lighthouse does: no longer to render;
    # the closest to Lighthouse's mobile run, measured by bench/lab_accuracy.py), "none"
    # (the worker's own connection, as measured) or "slow-4g" (Lighthouse's slow 4G applied
    # with DevTools throttling: loads take longer).
    browser_mobile_network: Literal["none", "simulated", "slow-4g"] = "simulated"
    browser_full_page_max_height: int = Field(default=6000, ge=100)
    browser_full_page_scale: float = Field(default=0.5, gt=0, le=1)
    # axe-core's axe.min.js; empty means the copy `make` installs into the virtualenv.
    axe_core_path: Path | None = None

    # API security. Tokens: comma-separated; empty disables authentication (then only
    # bind to loopback). CORS origins: comma-separated; empty means no cross-origin access.
    api_tokens: str = ""
    cors_origins: str = ""
    max_request_bytes: int = Field(default=64 * 1024, gt=0)
    # Per client and minute: requests that start analyses (batches, single analyses, set
    # runs, schedules), and requests computed while the client waits (exports, changes
    # between two chosen runs). 0 switches a limit off.
    batch_rate_limit: int = Field(default=30, ge=0, description="analysis starts per minute")
    report_rate_limit: int = Field(default=60, ge=0, description="reports per minute")
    # Reverse proxies (comma-separated addresses or networks) whose Forwarded and
    # X-Forwarded-For headers name the client; empty: those headers are never trusted.
    trusted_proxies: str = ""
    # The served HTTP connections (aura serve): seconds a client has to send a request's
    # headers (from connecting, or from the previous response) and then its body; open
    # connections beyond the cap are closed at once; idle keep-alive connections close.
    http_header_timeout: float = Field(default=10.0, gt=0)
    http_body_timeout: float = Field(default=30.0, gt=0)
    http_max_connections: int = Field(default=1000, ge=1)
    http_keep_alive_timeout: int = Field(default=5, ge=1)
    log_format: str = Field(default="text", pattern="^(text|json)$")

    # Background work.
    worker_concurrency: int = Field(default=8, ge=1)
    job_lease_seconds: float = Field(default=120.0, gt=0)
    job_max_attempts: int = Field(default=3, ge=1)
    # Back-off between attempts of a job that raised (doubling from min to max).
    job_retry_min_delay: float = Field(default=1.0, ge=0)
    job_retry_max_delay: float = Field(default=30.0, ge=0)
    sweep_interval_seconds: float = Field(default=30.0, gt=0)

    # Alert webhooks: attempts per alert, back-off between them (doubling from min to max)
    # and the time one POST may take.
    webhook_max_attempts: int = Field(default=6, ge=1)
    webhook_retry_min_delay: float = Field(default=1.0, ge=0)
    webhook_retry_max_delay: float = Field(default=300.0, ge=0)
    webhook_timeout: float = Field(default=10.0, gt=0)

    # Alert e-mail (rules whose channel is email): the SMTP server, its TLS mode (starttls
    # on 587, implicit TLS on 465, none for a relay on a private network), the login (none
    # without a username) and the sender. Retries follow the webhook settings above.
    # The server's certificate is verified (its name too) against the system's authorities,
    # or against the PEM file of AURA_SMTP_CA_FILE (a relay with a private authority).
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_tls: Literal["starttls", "implicit", "none"] = "starttls"
    smtp_ca_file: Path | None = None
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_sender: str = ""
    smtp_timeout: float = Field(default=20.0, gt=0)
    #: The address the UI is reached at, for the links in alert messages (empty: none).
    public_url: str = ""

    @model_validator(mode="after")
    def _lease_outlives_the_job(self) -> Settings:
        if self.job_lease_seconds <= self.analysis_timeout:
            raise ValueError(
                "AURA_JOB_LEASE_SECONDS must be longer than AURA_ANALYSIS_TIMEOUT, "
                "or a slow page would be taken over by another worker while still running"
            )
        return self

    @property
    def database_url_resolved(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'aura.db').resolve()}"

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_parse(cls, value: str) -> str:
        from aura.security import parse_networks

        parse_networks(value)
        return value

    @property
    def token_list(self) -> list[str]:
        return [token.strip() for token in self.api_tokens.split(",") if token.strip()]

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    @property
    def fingerprints_path(self) -> Path:
        return self.fingerprints_dir or self.data_dir / "fingerprints"

    @property
    def embedded_queue(self) -> bool:
        return self.queue_url.startswith(("memory://", "local://"))


@lru_cache
def get_settings() -> Settings:
    return Settings()
