"""The ``aura`` command loads a command's module only when that command runs: its help is
listed from a table, which must agree with the commands themselves. A command's module holds
its options only: its own ``--help`` loads neither the service nor the engine either."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from aura.cli.main import COMMANDS, LazyCommand, app

#: Modules that make up the web app, the queue, the database and the audit engine.
HEAVY = ("fastapi", "sqlalchemy", "docket", "aura.runtime", "aura.audit.runner", "aura.api")
#: What a command does rather than what it takes: the settings, the stored models, the
#: audit engine's tiers, the comparison and the reports.
WORK = (
    "aura.config",
    "aura.models",
    "aura.audit.browser",
    "aura.audit.technology",
    "aura.comparison",
    "aura.reports",
    "aura.competitive.schemas",
    "aura.sets.schemas",
)


def loaded_after(*args: str) -> list[str]:
    """The heavy modules a fresh interpreter has loaded after ``aura ARGS``."""
    script = (
        "import sys, json\n"
        "from typer.testing import CliRunner\n"
        "from aura.cli.main import app\n"
        f"result = CliRunner().invoke(app, {list(args)!r})\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_lists_every_command_without_loading_any() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
    assert loaded_after("--help") == []


def test_the_help_of_every_command_and_subcommand_loads_neither_service_nor_engine() -> None:
    """Every command and subcommand, as the groups list them, shows its ``--help`` in one
    fresh interpreter, and what each one loaded is recorded: since modules stay loaded, a
    command that loaded nothing left every module it could have loaded unloaded."""
    watched = [*HEAVY, *WORK]
    script = (
        "import sys, json\n"
        "import typer\n"
        "from typer.testing import CliRunner\n"
        "from aura.cli.main import app\n"
        "def paths(command, path):\n"
        "    yield path\n"
        "    for name in getattr(command, 'list_commands', lambda ctx: [])(None):\n"
        "        yield from paths(command.get_command(None, name), [*path, name])\n"
        "loaded = {}\n"
        "for path in paths(typer.main.get_command(app), []):\n"
        "    result = CliRunner().invoke(app, [*path, '--help'])\n"
        "    assert result.exit_code == 0, (path, result.output)\n"
        f"    loaded[' '.join(path)] = [m for m in {watched!r} if m in sys.modules]\n"
        "print(json.dumps(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    loaded: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"serve", "analyze", "db upgrade", "sets rules", "sets rules add"} <= set(loaded)
    assert {path: found for path, found in loaded.items() if found} == {}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_says_what_each_command_says(name: str) -> None:
    """The help line in the table is the command's own first help line."""
    command = COMMANDS[name].load(name)
    own = (command.help or "").strip().split("\n\n")[0].replace("\n", " ")
    assert " ".join(own.split()) == COMMANDS[name].help


def test_every_command_still_runs_its_own_help() -> None:
    for name in COMMANDS:
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert COMMANDS[name].help.split()[0] in result.output


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["analyse-everything"])
    assert result.exit_code == 2
    assert isinstance(app, typer.Typer)


def test_a_command_is_imported_without_the_collector_which_then_leaves_it_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a command's imports build lives as long as the process: the collector does not
    run while it is built, and leaves it out of its passes afterwards (frozen)."""
    (tmp_path / "aura_probe_command.py").write_text(
        "import gc\n"
        "COLLECTING_DURING_IMPORT = gc.isenabled()\n"
        "def probe() -> None:\n"
        "    '''A probe.'''\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert gc.isenabled()
    try:
        command = LazyCommand("aura_probe_command", "probe", "A probe.").load("probe")
        assert command.name == "probe"
        assert sys.modules["aura_probe_command"].COLLECTING_DURING_IMPORT is False
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        sys.modules.pop("aura_probe_command", None)
