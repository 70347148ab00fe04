"""``aura demo``: compare three fictional help-desk vendors served on loopback, offline.

The demo sites ship with Aura (``aura/demo/sites``). They are served on 127.0.0.1 ports that
only this command's network policy treats as reachable: the global rule against private
addresses stays as configured. The batch goes to a throwaway database unless ``--save``.

What the command does; ``aura.cli.demo`` declares its options and imports this module when
it runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aura.audit.fetch import NetworkPolicy
from aura.cli.analyze_work import batch_request, emit, execute, output_format
from aura.cli.terminal import SafeConsole
from aura.config import Settings, get_settings
from aura.demo import ServedSite, serve_demo_sites


def demo_settings(settings: Settings, data_dir: Path | None) -> Settings:
    """Static by default and no DNS lookups: the demo needs no browser and no network."""
    update: dict[str, object] = {"default_mode": "static", "technology_dns": False}
    if data_dir is not None:
        # A throwaway database, but the fingerprints installed under the real data directory.
        update.update(
            data_dir=data_dir, database_url="", fingerprints_dir=settings.fingerprints_path
        )
    return settings.model_copy(update=update)


def _introduce(sites: list[ServedSite], console: Console) -> None:
    table = Table(title="Aura demo: three fictional help-desk vendors", title_justify="left")
    table.add_column("Site")
    table.add_column("Served at")
    table.add_column("Role in the demo", overflow="fold")
    for index, served in enumerate(sites):
        name = served.site.name + (" (you)" if index == 0 else "")
        table.add_row(Text(name, style="bold"), served.url, Text(served.site.role))
    console.print(table)


def run_demo(chosen_format: str | None, output: Path | None, *, save: bool, mode: str) -> None:
    """``aura demo``, its options parsed (``aura.cli.demo``)."""
    chosen = output_format(chosen_format, output)
    err = SafeConsole(stderr=True)
    with tempfile.TemporaryDirectory(prefix="aura-demo-") as scratch, serve_demo_sites() as sites:
        settings = demo_settings(get_settings(), None if save else Path(scratch))
        _introduce(sites, err)
        request = batch_request(
            [served.url for served in sites],
            name="Aura demo: help-desk vendors",
            primary=sites[0].url,
            mode=mode,
        )
        # Only the demo's own ports are reachable on loopback, for this command alone.
        policy = NetworkPolicy(public_ports=frozenset(served.port for served in sites))
        outcome = execute(settings, request, policy=policy, allow_private=True)
        emit(outcome, chosen, output)
    err.print(
        Text.assemble(
            "Now try it on your own site: ",
            ("aura analyze https://your-site.example https://competitor.example", "bold"),
        ),
        highlight=False,
    )
