"""The memory watchdog's view of a browser's processes, on a real process tree.

The tree is made of Python processes laid out as Chromium lays out its own: a browser, its
zygote (``--type=zygote``), and the zygote's forked child, which shows the zygote's command
line until it becomes a renderer (here by exec'ing one with ``--type=renderer``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from aura.audit.browser.watchdog import ProcessTree
from tests.support.servers import wait_until

ZYGOTE = """
import os, sys, time
from pathlib import Path
folder = Path(sys.argv[1])
child = os.fork()
if child == 0:
    (folder / "forked").write_text(str(os.getpid()))
    while not (folder / "go").exists():
        time.sleep(0.01)
    renderer = "import time; time.sleep(120)"
    os.execv(sys.executable, [sys.executable, "-c", renderer, "--type=renderer"])
os.waitpid(child, 0)
"""

BROWSER = """
import subprocess, sys
subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2], "--type=zygote"])
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-c", BROWSER, ZYGOTE, str(tmp_path)], start_new_session=True
    )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_a_child_seen_before_it_became_a_renderer_is_watched_once_it_is(
    browser: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    tree = ProcessTree(browser.pid)
    assert tree.visible()
    # The child writes its pid after creating the file: wait for the number, not the file.
    forked = tmp_path / "forked"
    assert wait_until(lambda: forked.exists() and forked.read_text().strip().isdigit(), 10)
    child = int(forked.read_text())

    # Forked, not yet a renderer: it looks like the zygote.
    assert tree.renderers() == []
    (tmp_path / "go").touch()

    assert wait_until(lambda: tree.renderers() == [child], 10), tree.renderers()
    resident = tree.resident_bytes(child)
    assert resident is not None
    assert resident > 0


def test_the_browser_and_its_zygote_are_not_renderers(
    browser: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    tree = ProcessTree(browser.pid)
    assert wait_until((tmp_path / "forked").exists, 10)
    assert tree.renderers() == []
    assert tree.resident_bytes(browser.pid) is not None
    assert tree.resident_bytes(2**22 + 1) is None  # above Linux's largest pid
