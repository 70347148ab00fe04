"""``aura check OWN_URL --against URL…``: a CI gate that knows about your competitors.

The own site fails the gate when it trails any competitor in one of the named categories
(by more than ``--tolerance`` points) or scores under a ``--fail-under`` floor. Exit codes:
0 passed, 1 failed (with the reasons), 2 invalid input.

This module holds the command's options only, so that ``aura check --help`` loads nothing
else; what the command does is in ``aura.cli.check_work``, imported when it runs.
"""

from __future__ import annotations

import typer

from aura.cli.loading import collector_paused


def check(
    own_url: str = typer.Argument(..., metavar="OWN_URL", help="Your site"),
    against: list[str] = typer.Option(
        ..., "--against", "-a", help="A competitor (repeat, or separate with commas)"
    ),
    categories: str | None = typer.Option(
        None,
        "--categories",
        "-c",
        help="Categories where you must not trail, comma-separated (default: all scored); "
        "'overall' is the overall score",
    ),
    fail_under: list[str] = typer.Option(
        [], "--fail-under", help="CATEGORY=SCORE: a floor for your site (repeatable)"
    ),
    tolerance: float = typer.Option(
        0.0, "--tolerance", min=0, help="Points you may trail a competitor by"
    ),
    mode: str | None = typer.Option(None, "--mode", help="static or browser"),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON"),
) -> None:
    """Fail (exit 1) when your site trails a competitor or falls under a floor."""
    with collector_paused():
        from aura.cli.check_work import check_sites

    check_sites(
        own_url,
        against=against,
        categories=categories,
        fail_under=fail_under,
        tolerance=tolerance,
        mode=mode,
        as_json=as_json,
    )
