"""``aura serve`` and ``aura worker``.

This module holds the commands' options only, so that their ``--help`` loads nothing else;
what they do is in ``aura.cli.server_work``, imported when one runs.
"""

from __future__ import annotations

import typer

from aura.cli.loading import collector_paused


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on"),
    port: int = typer.Option(8000, help="Port to listen on"),
) -> None:
    """Serve the API (and, with the in-process queue, run the worker in the same process)."""
    with collector_paused():
        from aura.cli.server_work import serve_api

    serve_api(host, port)


def worker() -> None:
    """Run background jobs from a shared (redis://) queue until SIGTERM or Ctrl-C."""
    with collector_paused():
        from aura.cli.server_work import run_worker

    run_worker()
