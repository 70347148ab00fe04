"""Lab metrics of a throttled phone, simulated from an unthrottled load (Lantern's model).

Lighthouse's default mobile run does not load the page over a slow link: it loads it at
full speed, builds the graph of what depended on what (network requests and main-thread
tasks), then replays that graph over a simulated slow 4G link (150 ms round trips, 1.6 Mbps
shared by every transfer, TCP connections per origin that open with handshakes and grow
their congestion window round trip by round trip) and estimates each paint metric as the
mean of an optimistic graph (only what certainly blocked it) and a pessimistic one
(everything that had finished before it in the observed load). This module does the same,
in its own code, from what Aura records of the mobile load:

* the network requests (``netlog.py``): URL, type, priority, initiator, sizes, timings;
* the main thread's tasks from the load's trace (``trace.simulation_tasks``): Lantern's CPU
  nodes, each with its duration times the phone's slowdown (4; the load ran on an
  unthrottled CPU, as Lighthouse's), what it ran and what it sent, linked to those
  requests, up to the end of the observation; the metrics are then Lantern's (first-paint
  graphs with their CPU rules, Speed Index from the simulated layouts, Total Blocking Time
  from the simulated tasks between the first paint and Interactive);
* without a trace, the main thread's long tasks (50 ms and more, from the page's
  PerformanceObserver), multiplied by the phone's slowdown too, with guessed links; Speed
  Index is then the observed filmstrip with its clock moved to the simulated first paint,
  and TBT that of the simulated long tasks after it.

A load that ran under Chromium's CPU throttle (older recorded inputs, ``Observed``'s
``cpu_slowdown``) has its task durations divided by that throttle first.

All times here are milliseconds after the main document was requested.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from aura.audit.browser.artifacts import ProfileRun

#: Lighthouse's slow 4G: the round trip of the simulated link, its throughput (bits/s).
SLOW_4G_RTT_MS = 150.0
SLOW_4G_THROUGHPUT_BPS = 1.6 * 1024 * 1024
#: Lighthouse's mobile CPU: 4 times slower than the unthrottled machine that loaded the page.
PHONE_CPU_SLOWDOWN = 4.0
#: TCP as the model has it: segment size, the initial congestion window (segments).
SEGMENT_BYTES = 1460
INITIAL_WINDOW = 10
#: Browsers open at most six HTTP/1 connections to an origin; HTTP/2 multiplexes on one.
CONNECTIONS_PER_ORIGIN = 6
#: At most this many transfers at once, whatever the connections.
MAX_CONCURRENT_REQUESTS = 10
#: A host name's resolution costs two round trips, once per host.
DNS_ROUND_TRIPS = 2
#: A server's think time when the observed load did not show it.
DEFAULT_SERVER_MS = 30.0
#: A ready request starts later the lower its priority: it yields to the important ones.
PRIORITY_DELAY_MS = {"VeryHigh": 0.0, "High": 250.0, "Medium": 500.0, "Low": 1000.0}
LOWEST_PRIORITY_DELAY_MS = 2000.0
#: The longest a single main-thread task may take in the simulation.
MAX_TASK_MS = 10_000.0
#: Resource types a main-thread task can start (a script fetching, a script inserting one).
SCRIPT_STARTED_TYPES = frozenset({"Script", "XHR", "Fetch"})
#: A task may start running a script up to this long before its request ended (Lantern).
URL_END_TOLERANCE_MS = 100.0
#: Layout runs this much faster than the rest under Lantern's CPU slowdown (its
#: ``layoutTaskMultiplier``): a traced task that laid out is shortened by it.
LAYOUT_MULTIPLIER = 0.5
#: A main-thread task blocks input past this long (Total Blocking Time).
BLOCKING_MS = 50.0
#: Lantern's optimistic Interactive graph keeps the tasks longer than this on an
#: unthrottled CPU (they may become long tasks on the phone), and no short one.
CRITICAL_TASK_MS = 20.0
#: A graph never holds more requests than this (the rest of a huge page are left out).
MAX_REQUESTS = 1500
#: Lantern's (Lighthouse 12's) Speed Index at a 150 ms round trip: optimistic x the observed
#: one (unthrottled) + pessimistic x the layouts' weighted ends (with a trace) or the
#: filmstrip moved to the simulated first paint (without); no intercept. Older Lanterns had
#: -250 + 1.4 x + 0.65 x, which Aura used with a trace until the load ran unthrottled.
SI_OPTIMISTIC, SI_PESSIMISTIC = 1.4, 0.4
METHOD = "simulated slow 4G (150 ms RTT, 1.6 Mbps), 4x CPU (Lantern-style)"


@dataclass(frozen=True)
class Request:
    """One network request of the observed load."""

    id: str
    url: str
    resource_type: str
    priority: str
    start_ms: float
    end_ms: float
    transfer_bytes: int = 0
    #: URLs of what asked for it: the document (parser), the scripts on the stack.
    initiator_urls: tuple[str, ...] = ()
    initiated_by_script: bool = False
    #: The request this one is the redirect of.
    redirected_from: str | None = None
    protocol: str = ""
    connection_reused: bool = False
    #: The server's think time as observed (ms), when it was.
    server_ms: float | None = None
    #: A data:/blob: URL or the memory/disk cache: no connection involved.
    connectionless: bool = False
    main_document: bool = False

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def tls(self) -> bool:
        return urlsplit(self.url).scheme in ("https", "wss")

    @property
    def h2(self) -> bool:
        return self.protocol.lower() in ("h2", "h3", "spdy")

    def render_blocking_priority(self) -> bool:
        """Requests loaded at the priority of what holds the first paint: the highest, or
        high for a script (a parser-blocking one) or a document."""
        if self.priority == "VeryHigh":
            return True
        return self.priority == "High" and self.resource_type in ("Script", "Document")

    def low_priority_image(self) -> bool:
        """An image Chromium did not raise in priority: not in the first screen."""
        return self.resource_type == "Image" and self.priority in ("Low", "VeryLow")


@dataclass(frozen=True)
class Task:
    """A main-thread task of the observed load, as long as it lasted there.

    A task read from a trace (``traced``) says what it needed and what it started; a long
    task from the page's PerformanceObserver says nothing of that (its links are guessed)."""

    start_ms: float
    duration_ms: float
    #: The main thread's CPU time in it (ms, a trace's ``tdur``): what it ran, without a
    #: busy machine's pauses (the simulation goes by the duration, as Lantern does; under
    #: Chromium's CPU throttle, which spins on the thread, the throttle's share is in it
    #: too, as far as the machine let it run).
    thread_ms: float | None = None
    #: Scripts, stylesheets and XHRs it ran or read: they had arrived before it.
    needs_urls: tuple[str, ...] = ()
    #: Scripts it evaluated (the first task evaluating a script is where it ran).
    evaluates_urls: tuple[str, ...] = ()
    #: Ids of the requests it sent.
    sends_requests: tuple[str, ...] = ()
    layout: bool = False
    paint: bool = False
    parses_html: bool = False
    timers_installed: tuple[str, ...] = ()
    timers_fired: tuple[str, ...] = ()
    traced: bool = False

    @property
    def end_ms(self) -> float:
        return self.start_ms + self.duration_ms


@dataclass(eq=False)
class Node:
    """A request or a task in the dependency graph."""

    request: Request | None = None
    task: Task | None = None
    dependencies: list[Node] = field(default_factory=list)
    dependents: list[Node] = field(default_factory=list)

    @property
    def start_ms(self) -> float:
        return self.request.start_ms if self.request is not None else self._task.start_ms

    @property
    def end_ms(self) -> float:
        return self.request.end_ms if self.request is not None else self._task.end_ms

    @property
    def _task(self) -> Task:
        assert self.task is not None
        return self.task

    def depends_on(self, other: Node) -> None:
        """Add ``other`` as a dependency, unless it is one already or would make a cycle."""
        if other is self or other in self.dependencies or self._precedes(other):
            return
        self.dependencies.append(other)
        other.dependents.append(self)

    def _precedes(self, other: Node) -> bool:
        """Whether ``other`` already depends, directly or not, on this node."""
        seen: set[int] = set()
        stack = [self]
        while stack:
            node = stack.pop()
            if node is other:
                return True
            if id(node) not in seen:
                seen.add(id(node))
                stack.extend(node.dependents)
        return False


@dataclass
class Graph:
    root: Node
    nodes: list[Node]

    def subgraph(self, keep: Callable[[Node], bool]) -> Graph:
        """The nodes ``keep`` accepts (the root always), each depending on its nearest
        kept ancestors: what it waited for through nodes left out still comes first."""
        kept = [node for node in self.nodes if node is self.root or keep(node)]
        copies = {id(node): Node(node.request, node.task) for node in kept}
        for node in kept:
            copy = copies[id(node)]
            # The graph has no cycle, so neither has this one: no need to check each edge.
            for ancestor in _nearest_kept(node, copies):
                parent = copies[id(ancestor)]
                copy.dependencies.append(parent)
                parent.dependents.append(copy)
        return Graph(copies[id(self.root)], [copies[id(node)] for node in kept])


def _nearest_kept(node: Node, kept: dict[int, Node]) -> list[Node]:
    found: list[Node] = []
    seen: set[int] = set()
    stack = list(node.dependencies)
    while stack:
        parent = stack.pop()
        if id(parent) in seen:
            continue
        seen.add(id(parent))
        if id(parent) in kept:
            found.append(parent)
        else:
            stack.extend(parent.dependencies)
    return found


def build_graph(requests: Sequence[Request], tasks: Sequence[Task]) -> Graph | None:
    """The dependency graph of a load; None without its main document."""
    requests = list(requests)[:MAX_REQUESTS]
    root_request = next((request for request in requests if request.main_document), None)
    if root_request is None:
        return None
    network = [Node(request=request) for request in requests]
    root = next(node for node in network if node.request is root_request)
    by_id = {node.request.id: node for node in network if node.request is not None}
    by_url: dict[str, list[Node]] = {}
    for node in network:
        assert node.request is not None
        by_url.setdefault(node.request.url, []).append(node)
    for node in network:
        request = node.request
        assert request is not None
        if node is root:
            continue
        if request.redirected_from is not None and request.redirected_from in by_id:
            node.depends_on(by_id[request.redirected_from])
            continue
        for url in request.initiator_urls:
            candidates = by_url.get(url, [])
            if len(candidates) == 1 and candidates[0].start_ms <= request.start_ms:
                node.depends_on(candidates[0])
        if not node.dependencies:
            node.depends_on(root)
    cpu = [Node(task=task) for task in tasks]
    if any(task.traced for task in tasks):
        _link_traced_tasks(cpu, root, by_id, by_url)
    else:
        _link_tasks(cpu, network, root)
    return Graph(root, [*network, *cpu])


def _link_traced_tasks(
    cpu: list[Node], root: Node, by_id: dict[str, Node], by_url: dict[str, list[Node]]
) -> None:
    """Lantern's links of a trace's tasks: after the document (the frame they run in), after
    each script, stylesheet or XHR they ran or read (its request that ended last before the
    task, or up to 100 ms after its start), after the task that installed the timer they fire;
    the scripts, XHRs and fetches they sent wait for them."""
    installers: dict[str, Node] = {}
    for node in sorted(cpu, key=lambda node: node.start_ms):
        task = node.task
        assert task is not None
        if root.start_ms < node.start_ms:
            node.depends_on(root)
        for url in task.needs_urls:
            needed = _arrived_before(node, by_url.get(url, []))
            if needed is not None:
                node.depends_on(needed)
        for timer in task.timers_fired:
            installer = installers.get(timer)
            if installer is not None and installer.end_ms <= node.start_ms:
                node.depends_on(installer)
        for timer in task.timers_installed:
            installers[timer] = node
        for request_id in task.sends_requests:
            sent = by_id.get(request_id)
            if (
                sent is not None
                and sent.start_ms > node.start_ms
                and _request(sent).resource_type in SCRIPT_STARTED_TYPES
            ):
                sent.depends_on(node)


def _arrived_before(task: Node, candidates: list[Node]) -> Node | None:
    """The request of a URL a task needed: the one that ended closest before the task
    started (a script may start running up to 100 ms before its last bytes are in); none
    when one of them started after the task (it cannot be what the task ran)."""
    best: Node | None = None
    distance = math.inf
    for candidate in candidates:
        if task.start_ms <= candidate.start_ms:
            return None
        gap = task.start_ms - candidate.end_ms
        if gap >= -URL_END_TOLERANCE_MS and gap < distance:
            best, distance = candidate, gap
    return best


def _link_tasks(cpu: list[Node], network: list[Node], root: Node) -> None:
    """Without a trace, a task is taken to run what arrived last before it (a script, the
    document) and to start the script-made requests sent while it ran."""
    arrived = sorted(
        (node for node in network if _request(node).resource_type in ("Script", "Document")),
        key=lambda node: node.end_ms,
    )
    for task in cpu:
        before = [node for node in arrived if node.end_ms <= task.start_ms]
        task.depends_on(before[-1] if before else root)
        for node in network:
            request = _request(node)
            started_inside = task.start_ms <= request.start_ms <= task.end_ms
            if started_inside and request.resource_type in SCRIPT_STARTED_TYPES:
                node.depends_on(task)


def _request(node: Node) -> Request:
    assert node.request is not None
    return node.request


@dataclass(eq=False)
class _Connection:
    """A TCP connection of the simulated link (slow start, no losses)."""

    rtt: float
    throughput: float
    server_ms: float
    tls: bool
    h2: bool
    warm: bool = False
    window: int = INITIAL_WINDOW
    #: HTTP/2: bytes of the next response already received with the last one.
    overflow: int = 0

    def max_window(self) -> int:
        bytes_per_round_trip = self.throughput / 8 * self.rtt / 1000
        return max(int(bytes_per_round_trip // SEGMENT_BYTES), 1)

    def download(
        self, size: int, elapsed: float, dns_ms: float, limit: float = math.inf
    ) -> tuple[float, int, int, int]:
        """Transfer ``size`` bytes, ``elapsed`` ms already spent on this request, for at most
        ``limit`` ms: (time taken, bytes received, congestion window, bytes beyond ``size``)."""
        if self.warm and self.h2:
            size -= self.overflow
        one_way = self.rtt / 2
        # A new connection: DNS, the TCP handshake (three one-way trips with the request),
        # TLS's round trip.
        fresh = dns_ms + 3 * one_way + (self.rtt if self.tls else 0)
        setup = one_way if self.warm else fresh
        first_byte = 0.0 if self.warm and self.h2 else setup + self.server_ms + one_way
        waiting = max(first_byte - elapsed, 0.0)
        window = min(self.window, self.max_window())
        # The first window arrives with the first byte.
        received = window * SEGMENT_BYTES if waiting > 0 else 0
        transfer = 0.0
        while size - received > 0 and transfer <= limit - waiting:
            transfer += self.rtt
            window = max(min(self.max_window(), window * 2), 1)
            received += window * SEGMENT_BYTES
        extra = max(received - size, 0) if self.h2 else 0
        return waiting + transfer, max(min(received, size), 0), window, extra


@dataclass(frozen=True)
class Link:
    """The simulated network and CPU."""

    rtt_ms: float = SLOW_4G_RTT_MS
    throughput_bps: float = SLOW_4G_THROUGHPUT_BPS
    #: Unthrottled task durations are multiplied by this: the phone's slowdown.
    cpu_slowdown: float = PHONE_CPU_SLOWDOWN
    #: The CPU throttle the observed load ran under (1: none, as Lighthouse's load, the
    #: render's when it simulates): a task's duration is divided by it first. Chromium
    #: throttles a thread by making it spin in a signal handler (rate - 1) times as long as
    #: it last ran (``ThreadCPUThrottler``), but a task waiting on the clock (a script
    #: spinning until a time) lasts as long throttled or not: divided, it counted a quarter
    #: of what Lighthouse counts; hence the unthrottled load.
    traced_slowdown: float = 1.0

    def unthrottled_ms(self, task: Task) -> float:
        """How long a task would have lasted unthrottled: Lantern's CPU node duration (a
        trace's ``dur``), before the phone's slowdown."""
        return task.duration_ms / max(self.traced_slowdown, 1.0)

    def max_concurrent(self) -> int:
        per_request = 1000 / self.rtt_ms * SEGMENT_BYTES * 8
        return max(min(int(self.throughput_bps // per_request), MAX_CONCURRENT_REQUESTS), 1)


@dataclass
class _Progress:
    ready_at: float
    started: float = 0.0
    elapsed: float = 0.0
    overshoot: float = 0.0
    received: int = 0
    estimate: float = 0.0


@dataclass(frozen=True)
class Timing:
    start_ms: float
    end_ms: float


class Simulation:
    """One replay of a graph over a ``Link``: when each node starts and ends."""

    def __init__(self, graph: Graph, link: Link, server_ms: dict[str, float]) -> None:
        self.graph = graph
        self.link = link
        self.server_ms = server_ms
        self.connections: dict[str, list[_Connection]] = {}
        self.in_use: dict[int, _Connection] = {}
        self.resolved: dict[str, float] = {}
        self.progress: dict[int, _Progress] = {}
        self.timings: dict[int, Timing] = {}
        self._open_connections()

    def _open_connections(self) -> None:
        by_origin: dict[str, list[Request]] = {}
        for node in self.graph.nodes:
            if node.request is not None and not node.request.connectionless:
                by_origin.setdefault(node.request.origin, []).append(node.request)
        for origin, requests in by_origin.items():
            first = requests[0]
            server = self.server_ms.get(origin, DEFAULT_SERVER_MS)
            if first.h2:
                count = 1
            else:
                fresh = sum(1 for request in requests if not request.connection_reused)
                count = max(fresh, CONNECTIONS_PER_ORIGIN)
            self.connections[origin] = [
                _Connection(self.link.rtt_ms, self.link.throughput_bps, server, first.tls, first.h2)
                for _ in range(count)
            ]

    def run(self) -> dict[int, Timing]:
        """Node id → its simulated timing; raises ``ValueError`` if the graph cannot run."""
        waiting = {id(node): node for node in self.graph.nodes}
        done: set[int] = set()
        ready: list[Node] = []
        running: list[Node] = []
        now = 0.0

        def make_ready(node: Node, at: float) -> None:
            waiting.pop(id(node), None)
            self.progress[id(node)] = _Progress(ready_at=at)
            ready.append(node)

        make_ready(self.graph.root, 0.0)
        for _iteration in range(200_000):
            if not ready and not running:
                break
            ready.sort(key=_start_position)
            for node in list(ready):
                if self._start(node, running):
                    ready.remove(node)
                    running.append(node)
                    self.progress[id(node)].started = now
            if not running:
                raise ValueError("no node of the graph could start")
            network = [node for node in running if node.request is not None]
            for node in network:
                connection = self.in_use.get(id(node))
                if connection is not None:
                    connection.throughput = self.link.throughput_bps / len(network)
            step = min(self._remaining(node) for node in running)
            if not math.isfinite(step):
                raise ValueError("the simulation diverged")
            now += step
            for node in list(running):
                if self._advance(node, step, now):
                    running.remove(node)
                    done.add(id(node))
                    progress = self.progress[id(node)]
                    self.timings[id(node)] = Timing(progress.started, now)
                    for dependent in node.dependents:
                        if id(dependent) in waiting and all(
                            id(parent) in done for parent in dependent.dependencies
                        ):
                            make_ready(dependent, now)
        else:
            raise ValueError("the simulation did not end")
        return self.timings

    def _start(self, node: Node, running: list[Node]) -> bool:
        if node.task is not None:
            return not any(other.task is not None for other in running)
        request = _request(node)
        if request.connectionless:
            return True
        in_flight = sum(
            1 for other in running if other.request and not other.request.connectionless
        )
        if in_flight >= self.link.max_concurrent():
            return False
        free = [c for c in self.connections[request.origin] if c not in self.in_use.values()]
        if not free:
            return False
        self.in_use[id(node)] = max(free, key=lambda connection: connection.window)
        return True

    def _task_ms(self, task: Task) -> float:
        """A task's length on the simulated CPU: its unthrottled duration
        (``Link.unthrottled_ms``) times the phone's slowdown, as Lantern multiplies an
        unthrottled load's tasks; a traced task that laid out at half the slowdown (a long
        task from the page does not say whether it did)."""
        duration = self.link.unthrottled_ms(task) * self.link.cpu_slowdown
        return duration * LAYOUT_MULTIPLIER if task.traced and task.layout else duration

    def _dns_ms(self, request: Request, at: float) -> float:
        wait = self.link.rtt_ms * DNS_ROUND_TRIPS
        resolved = self.resolved.get(request.host)
        if resolved is not None:
            wait = min(wait, max(resolved - at, 0.0))
        self.resolved[request.host] = min(resolved if resolved is not None else math.inf, at + wait)
        return wait

    def _remaining(self, node: Node) -> float:
        progress = self.progress[id(node)]
        if node.task is not None:
            total = min(self._task_ms(node.task), MAX_TASK_MS)
            progress.estimate = total - progress.elapsed
            return progress.estimate
        request = _request(node)
        if request.connectionless:
            total = 2 + 10 * request.transfer_bytes / 1024 / 1024
            progress.estimate = max(total - progress.elapsed, 0.0)
            return progress.estimate
        connection = self.in_use[id(node)]
        taken, _received, _window, _extra = connection.download(
            request.transfer_bytes - progress.received,
            progress.elapsed,
            self._dns_ms(request, progress.started),
        )
        progress.estimate = taken + progress.overshoot
        return progress.estimate

    def _advance(self, node: Node, step: float, now: float) -> bool:
        """Let ``step`` ms pass for a running node; True when it is done."""
        progress = self.progress[id(node)]
        finished = progress.estimate == step
        request = node.request
        if request is None or request.connectionless:
            progress.elapsed += step
            return finished
        connection = self.in_use[id(node)]
        taken, received, window, extra = connection.download(
            request.transfer_bytes - progress.received,
            progress.elapsed,
            self._dns_ms(request, progress.started),
            limit=step - progress.overshoot,
        )
        connection.window = window
        if connection.h2:
            connection.overflow = extra
        if finished:
            connection.warm = True
            del self.in_use[id(node)]
            return True
        progress.elapsed += taken
        progress.overshoot += taken - step
        progress.received += received
        return False


def _start_position(node: Node) -> float:
    if node.request is None:
        return node.start_ms
    delay = PRIORITY_DELAY_MS.get(node.request.priority, LOWEST_PRIORITY_DELAY_MS)
    return node.start_ms + delay


@dataclass(frozen=True)
class Observed:
    """What the unthrottled load measured, that the simulation starts from."""

    fcp_ms: float | None
    lcp_ms: float | None
    #: The filmstrip's visual progress: (ms after navigation, 0-100), in time order.
    progress: tuple[tuple[float, float], ...] = ()
    speed_index_ms: float | None = None
    #: The CPU throttle the load ran under (Chromium's; 1, none, as Lighthouse loads).
    cpu_slowdown: float = 1.0
    #: The phone's CPU slowdown the simulation multiplies unthrottled tasks by.
    phone_slowdown: float = PHONE_CPU_SLOWDOWN


@dataclass(frozen=True)
class Simulated:
    fcp_ms: float | None
    lcp_ms: float | None
    speed_index_ms: float | None
    #: When the whole load would end over the simulated link.
    load_end_ms: float | None
    requests: int
    tasks: int
    #: The simulation's own time (ms of this process's CPU, after the load).
    took_ms: float = 0.0
    #: Total Blocking Time of the simulated tasks (the trace's, or the page's long tasks).
    tbt_ms: float | None = None
    #: Where the main thread's tasks came from: the trace, or the page's long tasks.
    main_thread: str = "long tasks"

    def stated(self) -> dict[str, Any]:
        return {
            "method": "simulated",
            "name": "slow 4G (Lighthouse's mobile, simulated)",
            "rtt_ms": SLOW_4G_RTT_MS,
            "download_kbps": SLOW_4G_THROUGHPUT_BPS / 1024,
            "model": (
                "Lantern-style: an unthrottled load (network and CPU) replayed over the slow "
                "link, its main-thread tasks at the phone's CPU slowdown"
            ),
            "requests": self.requests,
            "main_thread_tasks": self.tasks,
            "main_thread": self.main_thread,
            "simulation_ms": round(self.took_ms, 1),
        }


def estimate_server_ms(requests: Iterable[Request]) -> dict[str, float]:
    """Each origin's server think time: the least observed (Lantern takes the median; on a
    busy machine, or network, every wait is the server's time plus the delays of the moment,
    which only add to it: the least is the least disturbed)."""
    by_origin: dict[str, list[float]] = {}
    for request in requests:
        if request.server_ms is not None and request.server_ms >= 0:
            by_origin.setdefault(request.origin, []).append(request.server_ms)
    return {origin: min(times) for origin, times in by_origin.items()}


def _paint_estimate(
    graph: Graph,
    cutoff: float,
    blocking: Callable[[Request], bool],
    link: Link,
    server_ms: dict[str, float],
) -> float:
    """When a paint observed at ``cutoff`` comes over the simulated link: once the main
    document, the requests ``blocking`` accepts that had finished before it, and the
    main-thread tasks that had run before it are done."""

    def keep(node: Node) -> bool:
        if node.request is not None:
            return node.end_ms <= cutoff and blocking(node.request)
        return node.end_ms <= cutoff

    timings = Simulation(graph.subgraph(keep), link, server_ms).run()
    return max((timing.end_ms for timing in timings.values()), default=0.0)


def simulate(
    requests: Sequence[Request],
    tasks: Sequence[Task],
    observed: Observed,
    link: Link | None = None,
) -> Simulated | None:
    """The paint metrics over the simulated link; None when the load cannot be simulated
    (no main document recorded, or no First Contentful Paint)."""
    started = time.perf_counter()
    link = link or Link(cpu_slowdown=observed.phone_slowdown, traced_slowdown=observed.cpu_slowdown)
    graph = build_graph(requests, tasks)
    if graph is None or observed.fcp_ms is None:
        return None
    server_ms = estimate_server_ms(requests)
    fcp_cut = observed.fcp_ms

    def optimistic_fcp(request: Request) -> bool:
        return request.render_blocking_priority() and not request.initiated_by_script

    def pessimistic_fcp(request: Request) -> bool:
        return request.render_blocking_priority()

    if any(task.traced for task in tasks):
        try:
            return _simulate_traced(graph, observed, link, server_ms, started)
        except ValueError:
            return None
    try:
        fcp = _metric(graph, fcp_cut, optimistic_fcp, pessimistic_fcp, link, server_ms)
        lcp = None
        if observed.lcp_ms is not None:
            lcp_cut = max(observed.lcp_ms, fcp_cut)
            lcp = _metric(
                graph,
                lcp_cut,
                lambda request: not _not_for_lcp(request),
                lambda _request: True,
                link,
                server_ms,
            )
            lcp = max(lcp, fcp)
        full = Simulation(graph, link, server_ms).run()
    except ValueError:
        return None
    load_end = max((timing.end_ms for timing in full.values()), default=0.0)
    # The long tasks at the phone's speed, after the simulated first paint (the page's
    # observer saw no shorter task, which the phone's CPU could have made long).
    long_tasks = [full[id(node)] for node in graph.nodes if node.task is not None]
    return Simulated(
        fcp_ms=round(fcp, 1),
        lcp_ms=None if lcp is None else round(lcp, 1),
        speed_index_ms=_speed_index(observed, fcp),
        load_end_ms=round(load_end, 1),
        requests=sum(1 for node in graph.nodes if node.request is not None),
        tasks=len(tasks),
        took_ms=(time.perf_counter() - started) * 1000,
        tbt_ms=round(blocking_time(long_tasks, fcp, math.inf), 1),
    )


def _metric(
    graph: Graph,
    cutoff: float,
    optimistic: Callable[[Request], bool],
    pessimistic: Callable[[Request], bool],
    link: Link,
    server_ms: dict[str, float],
) -> float:
    """The mean of the optimistic and pessimistic estimates of a paint at ``cutoff``."""
    estimates = [
        _paint_estimate(graph, cutoff, blocking, link, server_ms)
        for blocking in (optimistic, pessimistic)
    ]
    return sum(estimates) / len(estimates)


def _speed_index(observed: Observed, fcp: float) -> float | None:
    """Speed Index as Lantern weighs it on slow 4G: 1.4 times the observed one on an
    unthrottled CPU (here the observed one divided by the slowdown it ran under) plus 0.4
    times a pessimistic one, never below First Contentful Paint. Lantern's pessimistic
    one weighs the simulated ends of the layouts (a trace's); here it is the filmstrip with
    its clock moved so that the first paint comes when simulated, later frames as late after
    it as they came when observed."""
    if observed.speed_index_ms is None or observed.fcp_ms is None:
        return None
    shifted = warped_speed_index(observed.progress, [(0.0, 0.0), (observed.fcp_ms, fcp)])
    pessimistic = max(shifted if shifted is not None else fcp, fcp)
    unthrottled = observed.speed_index_ms / max(observed.cpu_slowdown, 1.0)
    return round(max(fcp, SI_OPTIMISTIC * unthrottled + SI_PESSIMISTIC * pessimistic), 1)


def warp(at: float, anchors: Sequence[tuple[float, float]]) -> float:
    """``at`` (observed ms) on the simulated clock: linear between the anchors (observed,
    simulated), shifted by the last anchor's difference after it."""
    for (x0, y0), (x1, y1) in itertools.pairwise(anchors):
        if at <= x1:
            if x1 == x0:
                return y1
            return y0 + (at - x0) * (y1 - y0) / (x1 - x0)
    last_x, last_y = anchors[-1]
    return last_y + (at - last_x)


def warped_speed_index(
    progress: Sequence[tuple[float, float]], anchors: Sequence[tuple[float, float]]
) -> float | None:
    """Speed Index of the observed visual progress with its clock moved by ``anchors``: the
    area above the progress curve, on the simulated clock."""
    if not progress:
        return None
    total = 0.0
    previous_at, previous_progress = 0.0, 0.0
    for at, value in progress:
        total += (warp(at, anchors) - warp(previous_at, anchors)) * (1 - previous_progress / 100)
        previous_at, previous_progress = at, value
    return total


def cpu_slowdowns(conditions: dict[str, Any]) -> tuple[float, float]:
    """(the CPU throttle the load ran under, the phone's slowdown) from a run's conditions;
    a run that does not say how its CPU was slowed down (recorded before the load ran
    unthrottled) ran under the phone's slowdown."""
    phone = _positive(conditions.get("cpu_slowdown"), PHONE_CPU_SLOWDOWN)
    cpu = conditions.get("cpu_throttling")
    load = cpu.get("load_slowdown") if isinstance(cpu, dict) else None
    return _positive(load, phone), phone


def _positive(value: Any, default: float) -> float:
    return float(value) if isinstance(value, int | float) and value > 0 else default


def with_simulation(
    run: ProfileRun,
    requests: Sequence[Request],
    lab: dict[str, Any],
    progress: Sequence[tuple[float, float]],
    traced: Sequence[Task] = (),
) -> ProfileRun:
    """``run`` with its paint metrics simulated over slow 4G, the observed ones kept in
    ``observed``; unchanged (its conditions saying why) when the load cannot be simulated.
    ``traced``: the trace's main-thread tasks (on the requests' clock); without them, the
    page's long tasks stand for the main thread. The CPU the load ran under and the phone's
    are read from the run's conditions (``DeviceProfile.stated``)."""
    tasks = list(traced) or [
        Task(float(start), float(duration))
        for start, duration in lab.get("longTasks") or ()
        if isinstance(start, int | float) and isinstance(duration, int | float)
    ]
    load_slowdown, phone_slowdown = cpu_slowdowns(run.conditions)
    observed = Observed(
        run.fcp_ms,
        run.lcp_ms,
        tuple(progress),
        run.speed_index_ms,
        cpu_slowdown=load_slowdown,
        phone_slowdown=phone_slowdown,
    )
    simulated = simulate(requests, tasks, observed)
    conditions = dict(run.conditions)
    if simulated is None:
        conditions["network_throttling"] = {
            "method": "none",
            "simulation_failed": "no main document or no First Contentful Paint to start from",
        }
        if load_slowdown < phone_slowdown:
            # The values stay those of the unthrottled load: not the phone's CPU either.
            conditions["cpu_throttling"] = {"method": "none", "load_slowdown": load_slowdown}
        return replace(run, conditions=conditions)
    conditions["network_throttling"] = simulated.stated()
    conditions["method"] = METHOD
    observed_values: dict[str, float | None] = {
        "fcp_ms": run.fcp_ms,
        "lcp_ms": run.lcp_ms,
        "speed_index_ms": run.speed_index_ms,
    }
    tbt = run.tbt_ms
    if simulated.tbt_ms is not None:
        observed_values["tbt_ms"] = run.tbt_ms
        tbt = simulated.tbt_ms
    return replace(
        run,
        conditions=conditions,
        fcp_ms=simulated.fcp_ms,
        lcp_ms=simulated.lcp_ms,
        speed_index_ms=simulated.speed_index_ms,
        tbt_ms=tbt,
        observed=observed_values,
    )


def _optimistic_fcp(request: Request) -> bool:
    return request.render_blocking_priority() and not request.initiated_by_script


def _lcp_counts(node: Node) -> bool:
    """Whether a node's end can be the Largest Contentful Paint: anything but a
    low-priority image (not in the first screen) or a video or sound file (played while it
    streams: its last byte paints nothing; Lantern counts it, and a busy machine's late
    paint then lets a whole video hold the estimate)."""
    return node.request is None or not _not_for_lcp(node.request)


def _not_for_lcp(request: Request) -> bool:
    return request.low_priority_image() or request.resource_type == "Media"


def _simulate_traced(
    graph: Graph, observed: Observed, link: Link, server_ms: dict[str, float], started: float
) -> Simulated:
    """Lantern's metrics from a graph whose CPU nodes come from a trace."""
    assert observed.fcp_ms is not None
    fcp_cut = observed.fcp_ms
    fcp_optimistic = _paint_graph_estimate(graph, fcp_cut, _optimistic_fcp, None, link, server_ms)
    # Lantern's pessimistic FCP graph has script-made requests too, but no more tasks than
    # the optimistic one (its LCP's has every task that laid out).
    fcp_pessimistic = _paint_graph_estimate(
        graph, fcp_cut, Request.render_blocking_priority, None, link, server_ms
    )
    fcp = (fcp_optimistic + fcp_pessimistic) / 2
    lcp: float | None = None
    # Interactive waits for the largest paint at least (the first one without it).
    paint_estimates = [fcp_optimistic, fcp_pessimistic]
    if observed.lcp_ms is not None:
        lcp_cut = max(observed.lcp_ms, fcp_cut)
        estimates = [
            _paint_graph_estimate(
                graph,
                lcp_cut,
                lambda request: not _not_for_lcp(request),
                None,
                link,
                server_ms,
                counts=_lcp_counts,
            ),
            _paint_graph_estimate(
                graph,
                lcp_cut,
                lambda _request: True,
                lambda task: task.layout,
                link,
                server_ms,
                counts=_lcp_counts,
            ),
        ]
        lcp = max(sum(estimates) / 2, fcp)
        paint_estimates = estimates
    full = Simulation(graph, link, server_ms).run()
    load_end = max((timing.end_ms for timing in full.values()), default=0.0)
    cpu = [
        (node.task, full[id(node)])
        for node in graph.nodes
        if node.task is not None and id(node) in full
    ]
    speed_index = None
    if observed.speed_index_ms is not None:
        unthrottled = observed.speed_index_ms / max(observed.cpu_slowdown, 1.0)
        layouts = layout_speed_index(
            [timing for task, timing in cpu if task.layout], fcp_pessimistic
        )
        estimate = SI_OPTIMISTIC * unthrottled + SI_PESSIMISTIC * layouts
        speed_index = round(max(estimate, fcp), 1)
    timings = [timing for _task, timing in cpu]
    interactive_optimistic, interactive_pessimistic = _interactive_estimates(
        graph, full, paint_estimates, link, server_ms
    )
    # Lantern takes each FCP estimate with the other graph's: the later paint leaves fewer
    # tasks in the optimistic blocking time; and the optimistic Interactive with it, which
    # ends the window sooner.
    blocking = [
        blocking_time(timings, fcp_pessimistic, interactive_optimistic),
        blocking_time(timings, fcp_optimistic, interactive_pessimistic),
    ]
    return Simulated(
        fcp_ms=round(fcp, 1),
        lcp_ms=None if lcp is None else round(lcp, 1),
        speed_index_ms=speed_index,
        load_end_ms=round(load_end, 1),
        requests=sum(1 for node in graph.nodes if node.request is not None),
        tasks=len(cpu),
        took_ms=(time.perf_counter() - started) * 1000,
        tbt_ms=round(sum(blocking) / 2, 1),
        main_thread="trace",
    )


def _interactive_estimates(
    graph: Graph,
    full: dict[int, Timing],
    paints: Sequence[float],
    link: Link,
    server_ms: dict[str, float],
) -> tuple[float, float]:
    """Lantern's optimistic and pessimistic Interactive: the end of the last task longer
    than 50 ms, no earlier than the largest paint's estimate of the same side. The
    pessimistic side is the whole graph (``full``, simulated already); the optimistic one
    keeps only the tasks that cost an unthrottled CPU more than 20 ms and, of the requests,
    the scripts and the high-priority ones that are not images."""

    def last_long_task(timings: dict[int, Timing], nodes: Iterable[Node]) -> float:
        return max(
            (
                timings[id(node)].end_ms
                for node in nodes
                if node.task is not None
                and id(node) in timings
                and timings[id(node)].end_ms - timings[id(node)].start_ms > BLOCKING_MS
            ),
            default=0.0,
        )

    def optimistic(node: Node) -> bool:
        if node.task is not None:
            return link.unthrottled_ms(node.task) > CRITICAL_TASK_MS
        request = _request(node)
        if request.resource_type == "Image":
            return False
        return request.resource_type == "Script" or request.priority in ("High", "VeryHigh")

    subgraph = graph.subgraph(optimistic)
    timings = Simulation(subgraph, link, server_ms).run()
    paint_optimistic, paint_pessimistic = paints
    return (
        max(paint_optimistic, last_long_task(timings, subgraph.nodes)),
        max(paint_pessimistic, last_long_task(full, graph.nodes)),
    )


def _paint_graph_estimate(
    graph: Graph,
    cutoff: float,
    blocking: Callable[[Request], bool],
    extra_cpu: Callable[[Task], bool] | None,
    link: Link,
    server_ms: dict[str, float],
    counts: Callable[[Node], bool] = lambda _node: True,
) -> float:
    """Lantern's first-paint-based graph of a paint observed at ``cutoff``, simulated: the
    requests ``blocking`` accepts that ended before the paint (less the scripts that ran
    only after it), the tasks that evaluated the scripts kept, the first tasks to parse the
    document, lay out and paint, and those ``extra_cpu`` accepts; the estimate is the last
    end among the nodes ``counts`` accepts."""
    before = sorted(
        (node for node in graph.nodes if node.task is not None and node.start_ms <= cutoff),
        key=lambda node: node.start_ms,
    )
    earliest: dict[str, Node] = {}
    for node in graph.nodes:
        for url in node.task.evaluates_urls if node.task is not None else ():
            if url not in earliest or node.start_ms < earliest[url].start_ms:
                earliest[url] = node
    ran_before = {id(node) for node in before}
    kept: set[int] = set()
    not_blocking: set[str] = set()
    for node in graph.nodes:
        request = node.request
        if request is None or request.resource_type != "Script":
            continue
        if node.end_ms > cutoff or not blocking(request) or request.url not in earliest:
            continue
        evaluated = earliest[request.url]
        if id(evaluated) in ran_before:
            kept.add(id(evaluated))
        else:
            not_blocking.add(request.url)
    for flag in ("parses_html", "layout", "paint"):
        first = next((node for node in before if getattr(node.task, flag)), None)
        if first is not None:
            kept.add(id(first))
    if extra_cpu is not None:
        kept.update(id(node) for node in before if node.task is not None and extra_cpu(node.task))

    def keep(node: Node) -> bool:
        request = node.request
        if request is None:
            return id(node) in kept
        if request.main_document:
            return True
        if node.end_ms > cutoff or node.start_ms > cutoff or request.url in not_blocking:
            return False
        return blocking(request)

    subgraph = graph.subgraph(keep)
    timings = Simulation(subgraph, link, server_ms).run()
    return max(
        (
            timings[id(node)].end_ms
            for node in subgraph.nodes
            if id(node) in timings and counts(node)
        ),
        default=0.0,
    )


def layout_speed_index(layouts: Sequence[Timing], fcp_ms: float) -> float:
    """Lantern's pessimistic Speed Index: the simulated ends of the tasks that laid out,
    each no earlier than the first paint, weighted by the log2 of their length (a longer
    layout moved more of the page); the first paint when none did."""
    weighted = total = 0.0
    for timing in layouts:
        weight = max(math.log2(max(timing.end_ms - timing.start_ms, 1e-9)), 0.0)
        weighted += weight * max(timing.end_ms, fcp_ms)
        total += weight
    return weighted / total if total else fcp_ms


def blocking_time(tasks: Sequence[Timing], fcp_ms: float, interactive_ms: float) -> float:
    """Total Blocking Time of tasks between the first paint and interactive: of each task,
    the part inside that window past the first 50 ms."""
    total = 0.0
    for task in tasks:
        if task.end_ms - task.start_ms < BLOCKING_MS:
            continue
        if task.end_ms < fcp_ms or task.start_ms > interactive_ms:
            continue
        clipped = min(task.end_ms, interactive_ms) - max(task.start_ms, fcp_ms)
        if clipped >= BLOCKING_MS:
            total += clipped - BLOCKING_MS
    return total
