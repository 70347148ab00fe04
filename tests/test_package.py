"""What importing ``aura`` does to the process beyond its own modules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


#: The modules that render a page in Chromium, and what only they use.
RENDERING = (
    "aura.audit.browser.render",
    "aura.audit.browser.design",
    "aura.audit.browser.diagnostics",
    "aura.audit.browser.simulation",
    "aura.audit.browser.speed_index",
    "aura.audit.browser.trace",
)


def test_a_static_analysis_loads_no_rendering_module(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=en><title>Shop</title><h1>Shoes</h1><p>Buy shoes.</p>"
    )
    done = run(
        "import asyncio, functools, json, sys, threading\n"
        "from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer\n"
        "from aura.audit.fetch import FetchLimits, NetworkPolicy\n"
        "from aura.audit.runner import AnalysisOptions, analyze_url\n"
        "import aura.runtime\n"
        f"handler = functools.partial(SimpleHTTPRequestHandler, directory={str(tmp_path)!r})\n"
        "server = ThreadingHTTPServer(('127.0.0.1', 0), handler)\n"
        "threading.Thread(target=server.serve_forever, daemon=True).start()\n"
        "limits = FetchLimits(user_agent='Aura-test')\n"
        "options = AnalysisOptions(limits=limits, policy=NetworkPolicy(allow_private=True))\n"
        "url = f'http://127.0.0.1:{server.server_address[1]}/'\n"
        "result = asyncio.run(analyze_url(url, options))\n"
        f"loaded = [name for name in {list(RENDERING)!r} if name in sys.modules]\n"
        "print(json.dumps({'mode': result['mode'], 'title': result['title'], 'loaded': loaded}))\n"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "mode": "static",
        "title": "Shop",
        "loaded": [],
    }


def test_the_browser_package_still_names_what_it_always_named() -> None:
    done = run(
        "import aura.audit.browser as browser\n"
        "from aura.audit.browser import BrowserPool, render_page, SCREENSHOT_NAMES\n"
        "assert render_page.__module__ == 'aura.audit.browser.render'\n"
        "assert BrowserPool.__module__ == 'aura.audit.browser.pool'\n"
        "assert 'full-page.png' in SCREENSHOT_NAMES and 'mobile.png' in SCREENSHOT_NAMES\n"
        "assert sorted(browser.__all__) == browser.__all__ and 'BrowserTier' in browser.__all__\n"
        "try:\n"
        "    browser.Nothing\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
    )
    assert done.returncode == 0, done.stderr
    assert "has no attribute 'Nothing'" in done.stdout
