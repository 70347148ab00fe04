"""What ``aura serve`` and ``aura worker`` do. ``aura.cli.server`` declares their options
and imports this module when one runs."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import signal

import typer
import uvicorn

from aura.cli.terminal import echo
from aura.config import Settings, get_settings
from aura.db.migrate import upgrade
from aura.runtime import capability_warnings
from aura.security import JsonFormatter, RedactTokens
from aura.serving import server_config
from aura.worker import create_runtime


def _configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # WebSocket URLs may carry ?token=…; no log line may.
    handler.addFilter(RedactTokens())
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    # One line per fetched page is noise at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve_api(host: str, port: int) -> None:
    """``aura serve``, its options parsed (``aura.cli.server``)."""
    from aura.app import create_app

    settings = get_settings()
    _configure_logging(settings)
    upgrade(settings.database_url_resolved)
    mode = "embedded worker" if settings.embedded_queue else "API only; run `aura worker`"
    echo(f"Aura on http://{host}:{port} ({mode})", err=True)
    if not settings.token_list and not _is_loopback(host):
        logging.getLogger("aura").warning(
            "serving on %s without AURA_API_TOKENS: anyone who can reach this address can "
            "use Aura and make it fetch pages; set tokens or bind to 127.0.0.1",
            host,
        )
    for warning in capability_warnings(settings):
        logging.getLogger("aura").warning("%s", warning)
    uvicorn.Server(server_config(create_app(settings), settings, host, port)).run()


def run_worker() -> None:
    """``aura worker`` (``aura.cli.server``)."""
    settings = get_settings()
    if settings.embedded_queue:
        echo(
            "aura worker needs a shared queue: set AURA_QUEUE_URL=redis://… "
            "(with the in-process queue, `aura serve` runs the worker itself)",
            err=True,
        )
        raise typer.Exit(2)
    _configure_logging(settings)
    for warning in capability_warnings(settings):
        logging.getLogger("aura").warning("%s", warning)
    asyncio.run(_work(settings))


async def _work(settings: Settings) -> None:
    runtime = create_runtime(settings)
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        # Cancelling the worker lets running jobs release their claims on the way out.
        loop.add_signal_handler(sig, task.cancel)
    async with runtime.opened():
        logging.getLogger("aura").info("worker started on %s", runtime.settings.queue_url)
        with contextlib.suppress(asyncio.CancelledError):
            await runtime.work()
