"""The ``aura`` command loads a command's module only when that command runs: its help is
listed from a table, which must agree with the commands themselves."""

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


def test_a_light_command_does_not_load_the_service() -> None:
    assert loaded_after("db", "--help") == []


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
