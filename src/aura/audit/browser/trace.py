"""A performance trace of one load, and what the page's main thread spent its time on.

``TraceRecorder`` records one Chromium trace of a load (started before the navigation,
ended once the load has settled) and keeps its events: it is the one trace capture of a
render, for any reader (``events``, ``main_thread_events``). ``main_thread_work`` reads it
the way Lighthouse's main-thread tasks do: the renderer main thread of the page's last
committed main frame, its tasks nested into a tree, each event's own time given to its
group (script evaluation, style and layout, rendering...), the long tasks attributed to
the script they ran (or the document they parsed), and the blocking time of each long
task (past 50 ms) to the site of that script. Tasks before the navigation started (the
renderer getting ready) are left out.
"""

from __future__ import annotations

import asyncio
import base64
import bisect
import contextlib
import json
import logging
import math
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from aura.audit.browser.artifacts import LongTask, MainThreadWork, SiteBlocking
from aura.audit.browser.cdp import ProtocolError, Session
from aura.audit.browser.simulation import LAYOUT_MULTIPLIER, Task
from aura.audit.urls import is_third_party, site_of

logger = logging.getLogger(__name__)

#: Toplevel tasks, the DevTools timeline's events (scripts, style, layout, paint, parsing,
#: GC) and the navigation start mark. Screenshots and V8's own detail are left out.
CATEGORIES = ("toplevel", "devtools.timeline", "blink.user_timing")
#: A trace larger than this is not read (the shared sites' traces are 2 to 12 MB).
MAX_TRACE_BYTES = 100 * 1024 * 1024
#: Bytes asked for at a time when reading the trace from the browser (a shared site's
#: trace in one or two answers: each answer waits its turn on a busy machine).
READ_CHUNK = 8 * 1024 * 1024
#: How long ``finish`` waits for the browser to hand the trace over and for reading it,
#: when the caller gives no deadline (the render gives the rest of its page budget).
FLUSH_TIMEOUT_S = 30.0
#: The event ``console.timeStamp`` leaves on the thread that ran it.
_MARK_EVENT = "TimeStamp"
#: A task longer than this blocks the main thread (past it); the longest ones are kept.
LONG_TASK_MS = 50.0
MAX_LONG_TASKS = 20

#: Lighthouse's task groups (core/lib/tracehouse/task-groups.js), by trace event name.
GROUPS: dict[str, str] = {
    **dict.fromkeys(("ParseHTML", "ParseAuthorStyleSheet"), "parse_html_css"),
    **dict.fromkeys(
        (
            "ScheduleStyleRecalculation",
            "UpdateLayoutTree",
            "InvalidateLayout",
            "Layout",
            "RecalculateStyles",
        ),
        "style_layout",
    ),
    **dict.fromkeys(
        (
            "Animation",
            "HitTest",
            "PaintSetup",
            "Paint",
            "PaintImage",
            "PrePaint",
            "Layerize",
            "RasterTask",
            "ScrollLayer",
            "UpdateLayer",
            "UpdateLayerTree",
            "CompositeLayers",
            "Commit",
            "ImageDecodeTask",
            "ImageUploadTask",
            "Decode Image",
            "Draw LazyPixelRef",
            "Decode LazyPixelRef",
        ),
        "rendering",
    ),
    **dict.fromkeys(
        (
            "v8.compile",
            "v8.compileModule",
            "v8.parseOnBackground",
            "v8.produceCache",
            "v8.produceModuleCache",
            "v8.deserializeOnBackground",
            "V8.CompileCode",
            "V8.CompileLazy",
        ),
        "script_parsing",
    ),
    **dict.fromkeys(
        (
            "EventDispatch",
            "EvaluateScript",
            "v8.evaluateModule",
            "FunctionCall",
            "TimerFire",
            "FireIdleCallback",
            "FireAnimationFrame",
            "RunMicrotasks",
            "V8.Execute",
        ),
        "script_evaluation",
    ),
    **dict.fromkeys(
        (
            "GCEvent",
            "MinorGC",
            "MajorGC",
            "ThreadState::performIdleLazySweep",
            "ThreadState::completeSweep",
            "BlinkGCMarking",
            "BlinkGC.AtomicPhase",
            "V8.GCScavenger",
            "V8.GCFinalizeMC",
            "V8.GCIncrementalMarking",
        ),
        "garbage_collection",
    ),
}
#: Events whose ``args.data.url`` (``args.beginData.url`` for ParseHTML) names the script
#: running, or the document being parsed.
_SCRIPT_EVENTS = frozenset(
    {
        "EvaluateScript",
        "FunctionCall",
        "v8.compile",
        "v8.compileModule",
        "v8.evaluateModule",
        "ParseHTML",
    }
)


@dataclass
class TraceRecorder:
    """One Chromium trace of a load: ``start`` before the navigation, ``finish`` after.

    The browser keeps the trace until the end (``ReturnAsStream``): nothing is sent to,
    or parsed by, the worker while the page loads. The trace holds every renderer of the
    browser (the other profile's page loads beside this one): before it ends, the page
    leaves a mark (``console.timeStamp``) on its own main thread, which ``main_thread``
    looks for."""

    page: Session
    events: list[dict[str, Any]] = field(default_factory=list)
    started: bool = False
    #: The stream handle the browser gives once the trace has ended.
    stream: asyncio.Future[str | None] = field(default_factory=asyncio.Future)
    #: Wall time of the steps of ``finish`` (ms): the browser ending the trace, reading
    #: it, parsing its JSON.
    timings: dict[str, float] = field(default_factory=dict)
    #: The label of the mark the page leaves in the trace (``main_thread``'s ``mark``).
    mark: str = field(default_factory=lambda: f"aura-trace-{uuid.uuid4().hex}")
    #: The step ``finish`` is at ("end", "read", "parse"): what a deadline interrupted.
    step: str = "start"

    async def start(self) -> None:
        self.page.on("Tracing.tracingComplete", self.on_complete)
        config = {"includedCategories": list(CATEGORIES), "recordMode": "recordAsMuchAsPossible"}
        await self.page.send(
            "Tracing.start",
            {"traceConfig": config, "transferMode": "ReturnAsStream", "streamFormat": "json"},
        )
        self.started = True

    def on_complete(self, params: dict[str, Any]) -> None:
        if not self.stream.done():
            handle = params.get("stream")
            self.stream.set_result(handle if isinstance(handle, str) else None)

    async def finish(self, deadline: float | None = None) -> str | None:
        """End the trace and read its events into ``events`` by ``deadline`` (monotonic
        seconds; ``FLUSH_TIMEOUT_S`` from now without one); why not, when they could not
        be read."""
        if not self.started:
            return "the trace did not start"
        if deadline is None:
            deadline = time.monotonic() + FLUSH_TIMEOUT_S
        patience = max(deadline - time.monotonic(), 0.0)
        try:
            async with asyncio.timeout(patience):
                return await self._finish()
        except TimeoutError:
            logger.warning("the trace was not read in %.1f s (at its %s)", patience, self.step)
            return f"the trace was not read within the page budget (stopped at its {self.step})"

    async def _finish(self) -> str | None:
        started = time.perf_counter()
        self.step = "end"
        try:
            with contextlib.suppress(ProtocolError):
                # The page's own main thread, named in the trace (a page that replaced
                # ``console`` leaves no mark: the busiest renderer is taken then).
                await self.page.send(
                    "Runtime.evaluate",
                    {"expression": f"console.timeStamp({json.dumps(self.mark)})"},
                )
            await self.page.send("Tracing.end")
            handle = await asyncio.shield(self.stream)
            if handle is None:
                return "the browser gave no trace"
            ended = time.perf_counter()
            self.timings["trace_end"] = (ended - started) * 1000
            self.step = "read"
            data = await self._read(handle)
            self.timings["trace_io"] = (time.perf_counter() - ended) * 1000
        except ProtocolError as error:
            logger.warning("the trace was not read: %r", error)
            return f"the trace was not read: {type(error).__name__}"
        if data is None:
            return f"the trace was larger than {MAX_TRACE_BYTES // 1024 // 1024} MB"
        self.step = "parse"
        parsing = time.perf_counter()
        self.events = await asyncio.to_thread(_parse, data, self.mark)
        self.timings["trace_parse"] = (time.perf_counter() - parsing) * 1000
        self.timings["trace_mb"] = len(data) / 1e6
        self.step = "done"
        return None

    async def _read(self, handle: str) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                answer = await self.page.send("IO.read", {"handle": handle, "size": READ_CHUNK})
                text = str(answer.get("data") or "")
                chunk = base64.b64decode(text) if answer.get("base64Encoded") else text.encode()
                size += len(chunk)
                if size > MAX_TRACE_BYTES:
                    return None
                chunks.append(chunk)
                if answer.get("eof"):
                    return b"".join(chunks)
        finally:
            with contextlib.suppress(ProtocolError):
                await self.page.send("IO.close", {"handle": handle})


#: Events read wherever they happened: which process shows the page's main frame, and
#: when its navigation started.
_FRAME_EVENTS = frozenset({"TracingStartedInBrowser", "FrameCommittedInBrowser", "navigationStart"})


def _parse(data: bytes, mark: str | None = None) -> list[dict[str, Any]]:
    """The events ``main_thread_work`` reads: the metadata, the frame and navigation
    marks, the page's mark, and the events of the page's renderer main thread (the one
    that left ``mark``; every renderer's without it). The other threads' events (the
    browser's, the compositors', the network's, the other page's: about four fifths of a
    trace) are let go without being decoded when the browser wrote one event a line (as
    it does), else after."""
    if data.startswith(b'{"traceEvents":[\n'):
        kept = _parse_lines(data, mark)
        if kept is not None:
            return kept
    try:
        trace = json.loads(data)
    except ValueError:
        return []
    events = trace.get("traceEvents") if isinstance(trace, dict) else trace
    if not isinstance(events, list):
        return []
    return _kept(events, mark)


def _kept(events: list[Any], mark: str | None) -> list[dict[str, Any]]:
    renderers = {
        (event.get("pid"), event.get("tid"))
        for event in events
        if isinstance(event, dict)
        and event.get("ph") == "M"
        and event.get("name") == "thread_name"
        and (event.get("args") or {}).get("name") == "CrRendererMain"
    }
    marked = {
        (event.get("pid"), event.get("tid"))
        for event in events
        if mark is not None and isinstance(event, dict) and _is_mark(event, mark)
    }
    if marked & renderers:
        # The page's own main thread: the other renderers' events are let go.
        renderers &= marked
    return [
        event
        for event in events
        if isinstance(event, dict)
        and (
            (event.get("pid"), event.get("tid")) in renderers
            or event.get("ph") == "M"
            or event.get("name") in _FRAME_EVENTS
            or (mark is not None and _is_mark(event, mark))
        )
    ]


def _parse_lines(data: bytes, mark: str | None) -> list[dict[str, Any]] | None:
    """``_parse`` of a trace written one event a line, decoding only the lines that may
    be kept: those naming a renderer main thread's id (thread ids are unique on the
    machine), the metadata, the frame and navigation marks and the page's mark. A line
    picked by mistake is dropped after decoding (``_kept``); None when the lines are not
    as expected (then the whole trace is decoded)."""
    needles = [b'"ph":"M"', *(f'"name":"{name}"'.encode() for name in _FRAME_EVENTS)]
    if mark is not None:
        needles.append(mark.encode())
    threads = []
    for line in _lines_with(data, b'"CrRendererMain"').values():
        try:
            event = json.loads(line)
        except ValueError:
            return None
        if isinstance(event, dict) and event.get("name") == "thread_name":
            if not isinstance(event.get("tid"), int):
                return None
            threads.append(f'"tid":{event["tid"]}'.encode())
    if not threads:
        return None
    for line in _lines_with(data, mark.encode()).values() if mark is not None else ():
        # The page's own main thread: the other renderers' events are not decoded.
        with contextlib.suppress(ValueError):
            event = json.loads(line)
            tid = f'"tid":{event.get("tid")}'.encode() if isinstance(event, dict) else None
            if tid in threads:
                threads = [tid]
    chosen: dict[int, bytes] = {}
    for needle in (*needles, *threads):
        chosen.update(_lines_with(data, needle))
    try:
        events = json.loads(b"[" + b",".join(chosen[start] for start in sorted(chosen)) + b"]")
    except ValueError:
        return None
    return _kept(events, mark) if isinstance(events, list) else None


def _lines_with(data: bytes, needle: bytes) -> dict[int, bytes]:
    """The events of the lines holding ``needle``, by where their line starts: each line
    without the array's opening or closing and commas around the event."""
    found: dict[int, bytes] = {}
    at = data.find(needle)
    while at != -1:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end == -1 else end
        opening = data.find(b"{", start, end)
        closing = data.rfind(b"}", start, end)
        if start > 0 and opening != -1 and closing > opening:
            found[start] = data[opening : closing + 1]
        at = data.find(needle, end)
    return found


def _is_mark(event: dict[str, Any], mark: str) -> bool:
    if event.get("name") != _MARK_EVENT:
        return False
    data = (event.get("args") or {}).get("data") or {}
    return isinstance(data, dict) and mark in (data.get("message"), data.get("name"))


def main_thread(
    events: Sequence[dict[str, Any]], mark: str | None = None
) -> tuple[int, int] | None:
    """(pid, tid) of the page's renderer main thread: the one that left ``mark`` (see
    ``TraceRecorder``), else the one that showed the page's last main frame, else the
    busiest."""
    names: dict[tuple[int, int], str] = {}
    frame_process: int | None = None
    marked: tuple[int, int] | None = None
    for event in events:
        name = event.get("name")
        if mark is not None and _is_mark(event, mark):
            marked = (_int(event.get("pid")), _int(event.get("tid")))
        elif event.get("ph") == "M" and name == "thread_name":
            names[(_int(event.get("pid")), _int(event.get("tid")))] = str(
                (event.get("args") or {}).get("name") or ""
            )
        elif name in ("TracingStartedInBrowser", "FrameCommittedInBrowser"):
            data = (event.get("args") or {}).get("data") or {}
            for frame in data.get("frames") or [data]:
                if isinstance(frame, dict) and not frame.get("parent") and "processId" in frame:
                    frame_process = _int(frame.get("processId"))
    renderers = [key for key, name in names.items() if name == "CrRendererMain"]
    if marked in renderers:
        return marked
    chosen = [key for key in renderers if key[0] == frame_process]
    if chosen:
        return chosen[0]
    # Without the frame's process, the busiest renderer main thread.
    busy: dict[tuple[int, int], float] = {}
    for event in events:
        key = (_int(event.get("pid")), _int(event.get("tid")))
        if key in renderers and event.get("ph") == "X":
            busy[key] = busy.get(key, 0.0) + float(event.get("dur") or 0)
    return max(busy, key=lambda key: busy[key], default=None)


@dataclass
class _Span:
    name: str
    start: float
    end: float
    url: str | None
    children: list[_Span] = field(default_factory=list)
    #: The thread's CPU time inside the span (µs), when the trace measured it: the time
    #: it ran, not the time it waited (for the CPU throttle, or for a busy machine).
    thread: float | None = None

    @property
    def duration(self) -> float:
        return self.end - self.start


def _spans(events: Iterable[dict[str, Any]], thread: tuple[int, int]) -> list[_Span]:
    """The thread's complete (X) and begin/end (B/E) events as spans, in µs."""
    spans: list[_Span] = []
    open_spans: list[tuple[str, float, str | None]] = []
    for event in events:
        if (_int(event.get("pid")), _int(event.get("tid"))) != thread:
            continue
        phase, ts = event.get("ph"), event.get("ts")
        if not isinstance(ts, int | float):
            continue
        name = str(event.get("name") or "")
        if phase == "X":
            thread_time = event.get("tdur")
            spans.append(
                _Span(
                    name,
                    ts,
                    ts + float(event.get("dur") or 0),
                    _script_url(event),
                    thread=float(thread_time) if isinstance(thread_time, int | float) else None,
                )
            )
        elif phase == "B":
            open_spans.append((name, ts, _script_url(event)))
        elif phase == "E" and open_spans:
            begun, start, url = open_spans.pop()
            spans.append(_Span(begun, start, ts, url))
    return spans


def _tree(spans: list[_Span]) -> list[_Span]:
    """Nest the spans (a span inside another is its child); the top-level tasks."""
    spans.sort(key=lambda span: (span.start, -span.end))
    roots: list[_Span] = []
    stack: list[_Span] = []
    for span in spans:
        while stack and stack[-1].end <= span.start:
            stack.pop()
        if stack and span.end <= stack[-1].end:
            stack[-1].children.append(span)
        else:
            # Overlapping without nesting (a clock quirk): a task of its own.
            stack.clear()
            roots.append(span)
        stack.append(span)
    return roots


def main_thread_work(
    events: Sequence[dict[str, Any]],
    page_url: str,
    until_ms: float | None = None,
    thread: tuple[int, int] | None = None,
    cpu_multiplier: float = 1.0,
) -> MainThreadWork | None:
    """What the page's main thread did during the trace, up to ``until_ms`` after the
    navigation start when given (the end of the observation: what the trace caught after it
    is the render's own reading of the page, not the page's work); None when the trace has
    no such thread. ``thread``: the page's main thread when known (``main_thread``).

    ``cpu_multiplier``: how much slower the phone is than the traced load (4 for an
    unthrottled load whose phone is simulated, 1 for a load throttled already). As
    Lighthouse's simulated run reports them, each group's time is multiplied by it
    (mainthread-work-breakdown), and each task's length too before it is judged long, less
    for a task that laid out (Lantern's layout multiplier, as its simulated long tasks)."""
    thread = thread or main_thread(events)
    if thread is None:
        return None
    navigation = _navigation_start(events, thread[0])
    until = None
    if navigation is not None and until_ms is not None:
        until = navigation + until_ms * 1000
    roots = _tree(_spans(events, thread))
    groups: dict[str, float] = {}
    long_tasks: list[LongTask] = []
    blocking: dict[str, list[float]] = {}
    for root in roots:
        if navigation is not None and root.start < navigation:
            continue  # the renderer getting ready (or the blank page before)
        if until is not None and root.start >= until:
            continue  # after the observation: the render reading the page
        _add_self_times(root, GROUPS.get(root.name, "other"), groups)
        duration = root.duration / 1000 * _task_multiplier(root, cpu_multiplier)
        if duration < LONG_TASK_MS:
            continue
        url = _first_url(root)
        start = (root.start - navigation) / 1000 if navigation is not None else None
        long_tasks.append(LongTask(round(duration, 1), url, _round(start)))
        site = site_of(url) if url else ""
        totals = blocking.setdefault(site, [0.0, 0.0])
        totals[0] += duration - LONG_TASK_MS
        totals[1] += duration
    long_tasks.sort(key=lambda task: -task.duration_ms)
    sites: list[SiteBlocking] = []
    for site, (blocked, length) in sorted(blocking.items(), key=lambda pair: -pair[1][0]):
        third = bool(site) and is_third_party(f"https://{site}/", page_url)
        sites.append(SiteBlocking(site or None, round(blocked, 1), round(length, 1), third))
    scale = cpu_multiplier / 1000
    return MainThreadWork(
        groups=tuple(
            (group, round(us * scale, 1)) for group, us in sorted(groups.items(), key=_by_time)
        ),
        total_ms=round(sum(groups.values()) * scale, 1),
        long_tasks=tuple(long_tasks[:MAX_LONG_TASKS]),
        long_task_count=len(long_tasks),
        blocking_by_site=tuple(sites),
        cpu_multiplier=cpu_multiplier,
    )


def _task_multiplier(task: _Span, cpu_multiplier: float) -> float:
    """A top-level task's slowdown on the phone: Lantern's, whose layout runs at half the
    CPU's slowdown (never faster than observed)."""
    if cpu_multiplier > 1 and _lays_out(task):
        return max(cpu_multiplier * LAYOUT_MULTIPLIER, 1.0)
    return cpu_multiplier


def _lays_out(span: _Span) -> bool:
    """Whether the task, or a span inside it, laid out the page."""
    return span.name == "Layout" or any(_lays_out(child) for child in span.children)


def _add_self_times(span: _Span, group: str, groups: dict[str, float]) -> None:
    """Give each span's own time (less its children's) to its group; a span of no known
    group is counted in its parent's."""
    own = span.duration - sum(child.duration for child in span.children)
    groups[group] = groups.get(group, 0.0) + max(own, 0.0)
    for child in span.children:
        _add_self_times(child, GROUPS.get(child.name, group), groups)


def _first_url(span: _Span) -> str | None:
    """What a task ran, as Lighthouse attributes it: the first script found in it (depth
    first, in order), else the document it parsed."""
    urls = list(_urls(span))
    return next((url for url, parsing in urls if not parsing), urls[0][0] if urls else None)


def _urls(span: _Span) -> Iterator[tuple[str, bool]]:
    """(URL, True when it is a document being parsed) of the span and its descendants."""
    if span.url:
        yield span.url, span.name == "ParseHTML"
    for child in span.children:
        yield from _urls(child)


def _script_url(event: dict[str, Any]) -> str | None:
    if event.get("name") not in _SCRIPT_EVENTS:
        return None
    args = event.get("args") or {}
    data = args.get("data") or args.get("beginData") or args
    url = data.get("url") if isinstance(data, dict) else None
    if isinstance(url, str) and url.startswith(("http:", "https:")):
        return url[:2000]
    return None


def _navigation_start(events: Sequence[dict[str, Any]], pid: int) -> float | None:
    """When the page's document started loading (µs): the renderer's last navigation
    start mark of a main frame loading an http(s) document."""
    starts: list[float] = []
    for event in events:
        if event.get("name") != "navigationStart" or _int(event.get("pid")) != pid:
            continue
        data = (event.get("args") or {}).get("data") or {}
        url = str(data.get("documentLoaderURL") or "")
        ts = event.get("ts")
        loading = data.get("isLoadingMainFrame") and url.startswith(("http:", "https:"))
        if loading and isinstance(ts, int | float):
            starts.append(float(ts))
    return max(starts) if starts else None


def _by_time(pair: tuple[str, float]) -> float:
    return -pair[1]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _int(value: Any) -> int:
    return int(value) if isinstance(value, int | float) else -1


#: Events inside a task that name what it needed to have arrived (Lantern's
#: ``addDependencyOnUrl``): the event name -> where its URL is in ``args.data``.
_NEEDED_URL = {
    "EvaluateScript": "url",
    "FunctionCall": "url",
    "v8.compile": "url",
    "v8.compileModule": "url",
    "v8.evaluateModule": "url",
    "ParseAuthorStyleSheet": "styleSheetUrl",
    "XHRReadyStateChange": "url",
}
#: A task that ran (thread time) less than this is left out of the simulation's graph
#: unless it is the first to parse the document, lay out or paint, or sent a request
#: (Lantern's SIGNIFICANT_DUR_THRESHOLD_MS, on an unthrottled CPU's time).
SIGNIFICANT_TASK_MS = 10.0


def simulation_tasks(
    events: Sequence[dict[str, Any]],
    thread: tuple[int, int] | None = None,
    until_ms: float | None = None,
) -> list[Task]:
    """The main thread's top-level tasks as the simulation's CPU nodes (Lantern's): each with
    the scripts, stylesheets and XHRs it needed, the requests it sent, the timer that
    scheduled it, and whether it parsed the document, laid out or painted; its thread time
    (the CPU it used, without a busy machine's pauses). Times are ms on the browser's
    monotonic clock (the DevTools protocol's network timestamps times 1000); tasks before
    the navigation started are left out, and so are those that started ``until_ms`` or more
    after it when given (the end of the observation): what the trace caught after it is the
    render reading the page (its coverage, its scripts), which Lighthouse's trace, ended
    before its gatherers run, never holds. ``thread``: as ``main_thread_work``'s."""
    thread = thread or main_thread(events)
    if thread is None:
        return []
    navigation = _navigation_start(events, thread[0])
    until = math.inf
    if navigation is not None and until_ms is not None:
        until = navigation + until_ms * 1000
    roots = [
        root
        for root in _tree(_spans(events, thread))
        if (navigation is None or root.start >= navigation) and root.start < until
    ]
    if not roots:
        return []
    starts = [root.start for root in roots]
    found: list[dict[str, Any]] = [
        {
            "needs": {},
            "sent": {},
            "evaluates": {},
            # The task's span tree says it, as for its slowdown in ``main_thread_work``.
            "layout": _lays_out(root),
            "paint": False,
            "parse": False,
            "installs": [],
            "fires": [],
        }
        for root in roots
    ]
    for event in events:
        if (_int(event.get("pid")), _int(event.get("tid"))) != thread:
            continue
        ts = event.get("ts")
        if not isinstance(ts, int | float) or event.get("ph") not in ("X", "B", "I", "i"):
            continue
        index = bisect.bisect_right(starts, ts) - 1
        if index < 0 or ts > roots[index].end:
            continue
        _note(event, found[index])
    tasks: list[Task] = []
    firsts = {"layout": False, "paint": False, "parse": False}
    for root, seen in zip(roots, found, strict=True):
        duration = root.duration / 1000
        thread_ms = None if root.thread is None else root.thread / 1000
        first = False
        for kind in firsts:
            if seen[kind] and not firsts[kind]:
                firsts[kind] = first = True
        ran = duration if thread_ms is None else thread_ms
        if ran < SIGNIFICANT_TASK_MS and not first and not seen["sent"]:
            continue
        tasks.append(
            Task(
                start_ms=root.start / 1000,
                duration_ms=duration,
                thread_ms=thread_ms,
                needs_urls=tuple(seen["needs"]),
                evaluates_urls=tuple(seen["evaluates"]),
                sends_requests=tuple(seen["sent"]),
                layout=seen["layout"],
                paint=seen["paint"],
                parses_html=seen["parse"],
                timers_installed=tuple(seen["installs"]),
                timers_fired=tuple(seen["fires"]),
                traced=True,
            )
        )
    return tasks


def _note(event: dict[str, Any], seen: dict[str, Any]) -> None:
    """Record what one event inside a task says about the task (whether it laid out is
    read from its span tree, ``_lays_out``)."""
    name = event.get("name")
    args = event.get("args") or {}
    data = args.get("data") or {}
    if not isinstance(data, dict):
        return
    if name == "Paint":
        seen["paint"] = True
    elif name == "ParseHTML":
        seen["parse"] = True
    elif name == "ResourceSendRequest" and data.get("requestId"):
        seen["sent"].setdefault(str(data["requestId"]))
    elif name == "TimerInstall" and data.get("timerId") is not None:
        seen["installs"].append(str(data["timerId"]))
    elif name == "TimerFire" and data.get("timerId") is not None:
        seen["fires"].append(str(data["timerId"]))
    key = _NEEDED_URL.get(str(name))
    if key is None:
        return
    if name == "XHRReadyStateChange" and data.get("readyState") != 4:
        return
    url = data.get(key)
    if isinstance(url, str) and url.startswith(("http:", "https:")):
        seen["needs"].setdefault(url[:2000])
        if name == "EvaluateScript":
            seen["evaluates"].setdefault(url[:2000])
