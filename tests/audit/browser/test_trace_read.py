"""The phone's trace is read whatever the machine's load: a large trace handed over late
and read slowly still feeds the simulation, and a trace that never comes is said so.

Chromium is real; the slowness is made by delaying what the browser sends (its signal that
the trace has ended, and each answer to ``IO.read``), as a busy machine does."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest

import aura.audit.browser.trace as trace
from aura.audit.browser import BrowserPool, BrowserSettings, render_page
from aura.audit.browser.artifacts import AxeReport, LoadDiagnostics
from aura.audit.browser.cdp import Session
from aura.audit.fetch import NetworkPolicy
from tests.audit.browser import pages
from tests.support.servers import ScriptedSite, serve_scripted

ANYWHERE = NetworkPolicy(allow_private=True)
#: Longer than the trace's old fixed wait for the browser (5 s), well inside the budget.
LATE_S = 6.0

#: A page whose trace is large: thousands of timer tasks, each changing the page.
BUSY_PAGE = pages.html(
    "<h1>Busy</h1><ul id='list'></ul><script>"
    "let left = 3000;"
    "function step() {"
    "  const item = document.createElement('li');"
    "  item.textContent = 'item ' + left;"
    "  document.getElementById('list').appendChild(item);"
    "  if (--left > 0) setTimeout(step, 0);"
    "}"
    "step();"
    "</script>"
)


def _slowed(
    monkeypatch: pytest.MonkeyPatch, complete: Callable[[Any, dict[str, Any]], None]
) -> list[int]:
    """The trace read in small answers, each one late; ``complete`` handles the browser's
    signal that the trace has ended. The sizes of the answers read are listed."""
    reads: list[int] = []
    send = Session.send

    async def slow_send(self: Session, method: str, params: dict[str, Any] | None = None) -> Any:
        if method == "IO.read":
            await asyncio.sleep(0.05)
            answer = await send(self, method, params)
            reads.append(len(str(answer.get("data") or "")))
            return answer
        return await send(self, method, params)

    monkeypatch.setattr(trace, "READ_CHUNK", 256 * 1024)
    monkeypatch.setattr(Session, "send", slow_send)
    monkeypatch.setattr(trace.TraceRecorder, "on_complete", complete)
    return reads


async def _render(settings: BrowserSettings) -> Any:
    pool = BrowserPool(dataclasses.replace(settings, simulate_mobile=True))
    try:
        with serve_scripted(ScriptedSite(default=BUSY_PAGE)) as site:
            return await render_page(site.url("/"), pool, ANYWHERE, None)
    finally:
        await pool.close()


async def test_a_large_trace_handed_over_late_and_read_slowly_still_feeds_the_simulation(
    axe_settings: BrowserSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    handled = trace.TraceRecorder.on_complete

    def late(recorder: trace.TraceRecorder, params: dict[str, Any]) -> None:
        asyncio.get_running_loop().call_later(LATE_S, handled, recorder, params)

    reads = _slowed(monkeypatch, late)
    outcome = await _render(axe_settings)

    assert outcome.error is None, outcome.error
    # A large trace, read in many slow answers.
    assert len(reads) >= 4, reads
    mobile = next(run for run in outcome.runs if run.profile == "mobile")
    throttling = mobile.conditions["network_throttling"]
    assert throttling["main_thread"] == "trace", throttling
    assert "trace_missing" not in throttling
    found = next(a for a in outcome.artifacts if isinstance(a, LoadDiagnostics))
    assert found.main_thread is not None
    assert "main_thread" not in found.missing
    assert any(isinstance(a, AxeReport) for a in outcome.artifacts)


async def test_a_trace_never_handed_over_leaves_the_long_tasks_and_says_why(
    axe_settings: BrowserSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(recorder: trace.TraceRecorder, params: dict[str, Any]) -> None:
        return None

    _slowed(monkeypatch, never)
    outcome = await _render(axe_settings)

    # The page is not cut: the trace's wait ends before the budget, the rest is there.
    assert outcome.error is None, outcome.error
    assert not outcome.cut_at_budget
    assert any(isinstance(a, AxeReport) for a in outcome.artifacts)
    mobile = next(run for run in outcome.runs if run.profile == "mobile")
    throttling = mobile.conditions["network_throttling"]
    assert throttling["main_thread"] == "long tasks"
    assert "page budget" in throttling["trace_missing"]
    found = next(a for a in outcome.artifacts if isinstance(a, LoadDiagnostics))
    assert "page budget" in found.missing["main_thread"]


def _line(event: dict[str, Any]) -> str:
    return json.dumps(event, separators=(",", ":"), sort_keys=True)


def _thread_name(pid: int, tid: int, name: str) -> dict[str, Any]:
    return {"args": {"name": name}, "cat": "__metadata", "name": "thread_name", "ph": "M"} | {
        "pid": pid,
        "tid": tid,
        "ts": 0,
    }


def _task(pid: int, tid: int, ts: int, dur: int, name: str = "RunTask") -> dict[str, Any]:
    return {"args": {}, "cat": "toplevel", "dur": dur, "name": name, "ph": "X", "pid": pid} | {
        "tid": tid,
        "ts": ts,
    }


MARK = "aura-trace-0123"
#: Two pages' renderers (this page's, 20/21; the other profile's, 30/31), the browser's
#: thread, and this page's mark. A browser event's URL holds what a renderer line holds.
EVENTS: list[dict[str, Any]] = [
    _thread_name(10, 11, "CrBrowserMain"),
    _thread_name(20, 21, "CrRendererMain"),
    _thread_name(30, 31, "CrRendererMain"),
    _task(10, 11, 1000, 70_000) | {"args": {"data": {"url": 'https://x/?"tid":21'}}},
    _task(20, 21, 2000, 80_000),
    _task(20, 21, 90_000, 5_000),
    _task(30, 31, 3000, 200_000),
    {"args": {"data": {"message": MARK}}, "cat": "devtools.timeline", "name": "TimeStamp"}
    | {"ph": "I", "pid": 20, "s": "t", "tid": 21, "ts": 99_000},
]


def _written(events: list[dict[str, Any]]) -> bytes:
    """A trace as Chromium writes it: one event a line, its metadata after the array."""
    lines = ",\n".join(_line(event) for event in events)
    return f'{{"traceEvents":[\n{lines}],"metadata":\n{{"clock-domain":"MONO"}}}}'.encode()


def test_the_page_s_main_thread_is_the_one_it_marked_not_the_busiest() -> None:
    events = trace._parse(_written(EVENTS), MARK)

    # Only the marked renderer's events are decoded (and the metadata, and the mark).
    assert {(e["pid"], e["tid"]) for e in events if e["ph"] != "M"} == {(20, 21)}
    assert trace.main_thread(events, MARK) == (20, 21)
    work = trace.main_thread_work(events, "https://x/", thread=(20, 21))
    assert work is not None
    assert [task.duration_ms for task in work.long_tasks] == [80.0]
    # Without the mark, the busiest renderer would have been taken: the other page's.
    everything = trace._parse(_written(EVENTS))
    assert trace.main_thread(everything) == (30, 31)


def test_a_trace_not_written_a_line_an_event_is_read_whole_to_the_same_events() -> None:
    compact = json.dumps({"traceEvents": EVENTS}).encode()

    assert trace._parse(compact, MARK) == trace._parse(_written(EVENTS), MARK) != []
