"""What importing ``aura`` does to the process beyond its own modules."""

from __future__ import annotations

import json
import subprocess
import sys

#: httpx's command-line client and the modules only it brings in.
HTTPX_CLI = ("httpx._main", "pygments.lexers", "rich.syntax", "rich.progress")


def run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )


def test_httpx_is_imported_without_its_command_line_client() -> None:
    done = run(
        "import json, sys\n"
        "import aura, httpx\n"
        "real = [name for name in sys.modules if name.startswith(('pygments', 'rich.'))]\n"
        "print(json.dumps({'real_cli': getattr(sys.modules['httpx._main'], '__file__', None),"
        " 'loaded': real, 'client': httpx.AsyncClient.__name__}))\n"
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found == {"real_cli": None, "loaded": [], "client": "AsyncClient"}


def test_httpx_main_still_runs_httpx_s_own_command_line_client() -> None:
    done = run("import sys\nimport aura, httpx\nsys.argv = ['httpx', '--help']\nhttpx.main()\n")
    assert done.returncode == 0, done.stderr
    assert "Usage: httpx" in done.stdout
    assert "--method" in done.stdout


def test_without_aura_first_httpx_loads_as_it_always_did() -> None:
    """The stand-in is only put in place before httpx's first import: a process that
    imported httpx already keeps the real module."""
    done = run("import sys\nimport httpx, aura\nprint(sys.modules['httpx._main'].__file__)\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("_main.py")
