"""A worker's browser does no work between analyses: its processes stop using the CPU."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from aura.audit.browser import BrowserPool, render_page
from aura.audit.fetch import NetworkPolicy
from tests.audit.browser import pages
from tests.support.servers import ScriptedSite, serve_scripted

ANYWHERE = NetworkPolicy(allow_private=True)
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def _cpu_ticks(root: int) -> int:
    """User and system CPU ticks of ``root`` and every process under it, from /proc."""
    total = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue  # gone meanwhile
    return total


async def test_the_browser_is_idle_a_second_after_an_analysis(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None)
    assert outcome.error is None, outcome.error
    browser = await pool.browser()
    root = browser.process.pid
    # The pool opens the next analysis's pages ahead; from then on, nothing should run.
    await pool.settled()
    await asyncio.sleep(0.5)
    before = _cpu_ticks(root)
    await asyncio.sleep(3)
    used = (_cpu_ticks(root) - before) / TICKS_PER_SECOND
    # Idle: a few timer wake-ups at most, well under 2 % of a core over three seconds (the
    # CPU-throttled mobile page, left waiting, kept a third to half of a core busy).
    assert used < 0.06, f"Chromium used {used:.2f} s of CPU in 3 s while idle"
