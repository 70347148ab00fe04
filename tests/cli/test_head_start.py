"""``aura analyze``'s head start (``aura.cli.head_start``), in the real program: a child
prepares a new database while the command loads, and nothing is left when the command
stops before it needs it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import aura
from aura.db.migrate import is_at_head
from tests.cli.test_subprocess import run

#: Loaded by the program's interpreter (sitecustomize): at exit it notes whether the program
#: itself loaded Alembic (the head start's child leaves without any exit work).
NOTE_ALEMBIC = """
import atexit, os, sys

@atexit.register
def _note():
    with open(os.environ["AURA_TEST_NOTE"], "w") as note:
        note.write("alembic" if "alembic" in sys.modules else "none")
"""


def _environment(subprocess_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NOTE_ALEMBIC)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return {
        **subprocess_env,
        # This Aura (the checkout under test), whatever the installed command points to.
        "PYTHONPATH": os.pathsep.join((str(site), str(Path(aura.__file__).parents[1]))),
        "AURA_TEST_NOTE": str(tmp_path / "note"),
        "TMPDIR": str(scratch),  # where the child builds the database
    }


def test_a_new_database_is_built_while_the_command_loads(
    subprocess_env: dict[str, str], good_site: str, poor_site: str, tmp_path: Path
) -> None:
    env = _environment(subprocess_env, tmp_path)
    done = run(["analyze", good_site, poor_site, "--format", "json"], env, tmp_path)

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["comparison"] is not None
    database = Path(env["AURA_DATA_DIR"]) / "aura.db"
    assert is_at_head(f"sqlite+aiosqlite:///{database}")
    # The child migrated it: the command itself never loaded Alembic.
    assert (tmp_path / "note").read_text() == "none"
    assert list((tmp_path / "scratch").iterdir()) == []


def test_a_command_that_stops_before_its_database_leaves_nothing(
    subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    env = _environment(subprocess_env, tmp_path)
    for args in (["analyze", "--help"], ["analyze", "--format", "nope", "a", "b"]):
        done = run(args, env, tmp_path)
        assert done.returncode in (0, 2), done.stderr
        assert not (Path(env["AURA_DATA_DIR"]) / "aura.db").exists()
        assert list((tmp_path / "scratch").iterdir()) == []
