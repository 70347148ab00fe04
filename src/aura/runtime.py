"""What a process needs to serve or work: settings, one database, one queue.

``Runtime`` is created inside the event loop that uses it (one engine per loop) and owns
the background loops of a worker: the job consumer and the recovery sweep.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import socket
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from aura.audit import cpu
from aura.audit.browser import BrowserPool, BrowserSettings
from aura.audit.browser.profiles import SLOW_4G
from aura.audit.browser.technology import with_fingerprint_probes
from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.gatherers import SubresourceLimits
from aura.audit.runner import AnalysisOptions
from aura.audit.technology import FingerprintDataMissingError, TechnologyOptions, load_fingerprints
from aura.audit.technology.fingerprints import fingerprint_files
from aura.config import Settings
from aura.db.engine import Database
from aura.events import EventBus, create_bus
from aura.queue import QueueRules, TaskQueue, create_queue
from aura.recovery import sweep
from aura.screenshots import ScreenshotStore

logger = logging.getLogger(__name__)

#: A background job: what runs for one entity id on the runtime that took the job. The
#: domains' task modules provide them and ``aura.worker`` names them; the runtime knows none.
Job = Callable[["Runtime", str], Awaitable[None]]


#: Where ``make`` puts axe-core (``npm pack``, pinned in the Makefile).
BUNDLED_AXE_CORE = Path(sys.prefix) / "share" / "aura" / "axe-core" / "axe.min.js"


def _plain_browser_settings(settings: Settings) -> BrowserSettings:
    s = settings
    return BrowserSettings(
        executable=s.chromium_path,
        concurrency=s.browser_concurrency,
        page_budget=s.browser_page_budget,
        memory_limit_mb=s.browser_memory_limit_mb,
        settle=s.browser_settle,
        settle_quiet=s.browser_settle_quiet,
        settle_after_load=s.browser_settle_after_load,
        mobile_network=SLOW_4G if s.browser_mobile_network == "slow-4g" else None,
        simulate_mobile=s.browser_mobile_network == "simulated",
        axe_core=s.axe_core_path or BUNDLED_AXE_CORE,
        full_page_max_height=s.browser_full_page_max_height,
        full_page_scale=s.browser_full_page_scale,
        profiles_side_by_side=s.browser_profiles_side_by_side,
        phone_first=s.browser_phone_first,
        user_agent_suffix=s.user_agent,
    )


def browser_settings(settings: Settings) -> BrowserSettings:
    """What the browser pool needs; built once per pool (it reads the fingerprint data)."""
    s = settings
    plain = _plain_browser_settings(settings)
    # The page is also asked for every JS global and DOM property a fingerprint checks.
    try:
        return with_fingerprint_probes(plain, load_fingerprints(s.fingerprints_path))
    except FingerprintDataMissingError:
        return plain
    except Exception:
        # Broken data is reported by the technology audit; the render goes on without probes.
        logger.exception("could not read the fingerprints for the browser's probes")
        return plain


def default_mode(settings: Settings) -> str:
    """The mode of analyses that do not name one."""
    if settings.default_mode != "auto":
        return settings.default_mode
    # Only whether Chromium is usable matters here: no need for the fingerprint probes.
    available = _plain_browser_settings(settings).unavailable_reason() is None
    return "browser" if available else "static"


def capability_warnings(settings: Settings) -> list[str]:
    """What this machine cannot do that an analysis would otherwise do, and how to fix it.

    Shown at ``aura serve``'s start and in the web UI (``GET /api/v1/status``), so that a
    missing part reads as switched off rather than as a finding about the sites.
    """
    warnings: list[str] = []
    plain = _plain_browser_settings(settings)
    chromium = plain.unavailable_reason()
    if chromium is not None:
        warnings.append(f"Browser mode is off (analyses run static): {chromium}.")
    elif plain.axe_core is None or not plain.axe_core.is_file():
        warnings.append(
            f"The browser's accessibility checks (axe-core) are off: axe-core is not "
            f"installed at {plain.axe_core}; run `make browser` or set AURA_AXE_CORE_PATH."
        )
    technologies, categories, _groups = fingerprint_files(settings.fingerprints_path)
    if not technologies.is_file() or not categories.is_file():
        warnings.append(
            f"Technology detection is off: no fingerprint data in {settings.fingerprints_path}; "
            "run `aura fingerprints update`."
        )
    return warnings


def analysis_options(
    settings: Settings,
    policy: NetworkPolicy,
    mode: str = "static",
    browser: BrowserPool | None = None,
    screenshot_dir: Path | None = None,
    ignore_selectors: Sequence[str] = (),
    runs: int = 1,
) -> AnalysisOptions:
    """The audit engine's options, from the settings (the engine never reads settings)."""
    s = settings
    return AnalysisOptions(
        limits=FetchLimits(
            user_agent=s.user_agent,
            connect_timeout=s.fetch_connect_timeout,
            read_timeout=s.fetch_read_timeout,
            total_timeout=s.fetch_total_timeout,
            max_bytes=s.fetch_max_bytes,
            max_redirects=s.fetch_max_redirects,
            retries=s.fetch_retries,
            retry_backoff=s.fetch_retry_backoff,
        ),
        policy=policy,
        mode=mode,
        browser=browser,
        screenshot_dir=screenshot_dir,
        ignore_selectors=tuple(ignore_selectors),
        runs=runs,
        subresources=SubresourceLimits(
            max_count=s.subresource_max_count,
            max_total_bytes=s.subresource_max_total_bytes,
            max_bytes_each=s.subresource_max_bytes_each,
            per_host_concurrency=s.subresource_per_host_concurrency,
            max_concurrency=s.subresource_max_concurrency,
            time_budget=s.subresource_time_budget,
            timeout_each=s.subresource_timeout_each,
            dns_timeout=s.subresource_dns_timeout,
        ),
        technology=TechnologyOptions(
            fingerprints_dir=s.fingerprints_path,
            dns=s.technology_dns,
            dns_timeout=s.technology_dns_timeout,
        ),
    )


class Runtime:
    """What a process of Aura holds: settings, database, queue, event bus, browser pool and
    screenshot store. ``jobs`` are the background jobs its worker runs, by name: build a
    runtime with ``aura.worker.create_runtime``, which passes every job of Aura."""

    def __init__(
        self,
        settings: Settings,
        policy: NetworkPolicy | None = None,
        *,
        jobs: Mapping[str, Job],
    ) -> None:
        self.settings = settings
        self.db = Database(settings.database_url_resolved)
        self.policy = policy or NetworkPolicy(allow_private=settings.allow_private_networks)
        self.worker_name = f"{socket.gethostname()}#{os.getpid()}"
        # Threads for the analyses this process runs at once (audit/cpu.py).
        cpu.reserve(settings.worker_concurrency)
        # Started on the first browser-mode page, then shared by every page of this process.
        self.browser = BrowserPool(browser_settings(settings))
        # One per page the browser renders at once: browser-mode jobs wait for one before
        # they claim their analysis (see aura.analyses.tasks.run_audit).
        self._render_permits = asyncio.Semaphore(settings.browser_concurrency)
        self.screenshots = ScreenshotStore(settings.data_dir / "screenshots")
        self.bus: EventBus = create_bus(
            settings.events_url or settings.queue_url, f"aura:{settings.queue_name}"
        )
        self.queue: TaskQueue = create_queue(
            settings.queue_url,
            settings.queue_name,
            {name: functools.partial(job, self) for name, job in jobs.items()},
            QueueRules(
                max_attempts=settings.job_max_attempts,
                retry_delays=(settings.job_retry_min_delay, settings.job_retry_max_delay),
                time_limit=settings.job_lease_seconds,
                redelivery_after=settings.job_lease_seconds,
            ),
        )

    def analysis_options(
        self,
        mode: str = "static",
        analysis_id: uuid.UUID | None = None,
        ignore_selectors: Sequence[str] = (),
        runs: int = 1,
    ) -> AnalysisOptions:
        folder = self.screenshots.folder(analysis_id) if analysis_id is not None else None
        return analysis_options(
            self.settings, self.policy, mode, self.browser, folder, ignore_selectors, runs
        )

    @asynccontextmanager
    async def render_permit(self, mode: str) -> AsyncIterator[bool]:
        """Hold a browser slot for a job of ``mode`` (nothing to hold for static jobs, or
        where Chromium is missing); yields False if none came free in time: the wait, the
        analysis and its storing must fit in the job's time limit (the lease)."""
        if mode != "browser" or not self.browser.available:
            yield True
            return
        s = self.settings
        patience = max(1.0, s.job_lease_seconds - s.analysis_timeout - 15)
        try:
            async with asyncio.timeout(patience):
                await self._render_permits.acquire()
        except TimeoutError:
            yield False
            return
        try:
            yield True
        finally:
            self._render_permits.release()

    @property
    def default_mode(self) -> str:
        return default_mode(self.settings)

    @asynccontextmanager
    async def opened(self) -> AsyncIterator[Runtime]:
        try:
            async with self.queue:
                yield self
        finally:
            await self.browser.close()
            await self.bus.close()
            await self.db.dispose()

    async def work(self) -> None:
        """Consume jobs and sweep for stranded work until cancelled."""
        async with asyncio.TaskGroup() as group:
            group.create_task(self._sweep_forever())
            group.create_task(self.queue.run_worker(concurrency=self.settings.worker_concurrency))

    async def _sweep_forever(self) -> None:
        while True:
            try:
                await sweep(self.db, self.queue)
            except Exception:
                logger.exception("recovery sweep failed; trying again later")
            await asyncio.sleep(self.settings.sweep_interval_seconds)


@asynccontextmanager
async def background_worker(runtime: Runtime) -> AsyncIterator[None]:
    """Run ``runtime.work()`` in the background for the duration of the block."""
    task = asyncio.create_task(runtime.work(), name="aura-worker")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
