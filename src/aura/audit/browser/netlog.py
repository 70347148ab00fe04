"""The network requests of one page load, as the simulation needs them (``simulation.py``).

Chromium reports every request of the page over the DevTools protocol: when it was sent,
why (the parser, a script and its stack), at which priority (and when that changed), how its
response came (protocol, reused connection, timings) and how many bytes crossed the wire.
Everything here is bounded: at most ``MAX_RECORDS`` requests and a few initiator URLs each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from aura.audit.browser.cdp import Session
from aura.audit.browser.simulation import MAX_REQUESTS, Request, Task

MAX_RECORDS = MAX_REQUESTS
#: Script URLs kept from one initiator's stack.
MAX_INITIATOR_URLS = 8
_CONNECTIONLESS_SCHEMES = ("data:", "blob:", "about:", "chrome:", "chrome-extension:")


@dataclass
class _Record:
    id: str
    url: str
    resource_type: str
    priority: str
    sent: float
    initiator_urls: tuple[str, ...]
    by_script: bool
    frame: str
    redirected_from: str | None = None
    finished: float | None = None
    transfer_bytes: int = 0
    protocol: str = ""
    reused: bool = False
    server_ms: float | None = None
    cached: bool = False


@dataclass
class NetworkLog:
    """Subscribes to a page's network events; ``requests()`` gives them for the simulation."""

    records: dict[str, _Record] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    redirects: int = 0

    def attach(self, page: Session) -> None:
        page.on("Network.requestWillBeSent", self.on_request)
        page.on("Network.resourceChangedPriority", self.on_priority)
        page.on("Network.responseReceived", self.on_response)
        page.on("Network.loadingFinished", self.on_finished)
        page.on("Network.loadingFailed", self.on_failed)

    def on_request(self, params: dict[str, Any]) -> None:
        request_id = str(params.get("requestId") or "")
        timestamp = _number(params.get("timestamp"))
        request = params.get("request") or {}
        if not request_id or timestamp is None:
            return
        previous = self.records.get(request_id)
        redirected_from = None
        if previous is not None and params.get("redirectResponse") is not None:
            # The same id continues after a redirect: the earlier hop ends here.
            self.redirects += 1
            hop = f"{request_id}:redirect{self.redirects}"
            previous.id, previous.finished = hop, timestamp
            self._response(previous, params["redirectResponse"])
            self.records[hop] = previous
            self.order[self.order.index(request_id)] = hop
            del self.records[request_id]
            redirected_from = hop
        if len(self.records) >= MAX_RECORDS:
            return
        initiator = params.get("initiator") or {}
        self.records[request_id] = _Record(
            id=request_id,
            url=str(request.get("url") or ""),
            resource_type=str(params.get("type") or "Other"),
            priority=str(request.get("initialPriority") or "Low"),
            sent=timestamp,
            initiator_urls=_initiator_urls(initiator),
            by_script=initiator.get("type") == "script",
            frame=str(params.get("frameId") or ""),
            redirected_from=redirected_from,
        )
        self.order.append(request_id)

    def on_priority(self, params: dict[str, Any]) -> None:
        record = self.records.get(str(params.get("requestId") or ""))
        if record is not None and params.get("newPriority"):
            record.priority = str(params["newPriority"])

    def on_response(self, params: dict[str, Any]) -> None:
        record = self.records.get(str(params.get("requestId") or ""))
        if record is not None:
            self._response(record, params.get("response") or {})

    def _response(self, record: _Record, response: dict[str, Any]) -> None:
        record.protocol = str(response.get("protocol") or "")
        record.reused = response.get("connectionReused") is True
        record.cached = bool(response.get("fromDiskCache") or response.get("fromMemoryCache"))
        timing = response.get("timing") or {}
        send_end, headers = _number(timing.get("sendEnd")), _number(timing.get("receiveHeadersEnd"))
        if send_end is not None and headers is not None and send_end >= 0:
            # The wait between the request sent and the headers back: the server's time
            # plus one round trip (next to nothing on a fast link, as the load is observed).
            record.server_ms = max(headers - send_end, 0.0)

    def on_finished(self, params: dict[str, Any]) -> None:
        record = self.records.get(str(params.get("requestId") or ""))
        if record is not None:
            record.finished = _number(params.get("timestamp"))
            record.transfer_bytes = int(_number(params.get("encodedDataLength")) or 0)

    def on_failed(self, params: dict[str, Any]) -> None:
        record = self.records.get(str(params.get("requestId") or ""))
        if record is not None:
            record.finished = _number(params.get("timestamp"))

    def origin(self) -> float | None:
        """When the main document was requested (s, the browser's monotonic clock)."""
        records = (self.records[request_id] for request_id in self.order)
        document = next((record for record in records if record.resource_type == "Document"), None)
        return None if document is None else document.sent

    def on_its_clock(self, tasks: Sequence[Task]) -> list[Task]:
        """Trace tasks (ms on the browser's clock) in ms after the main document's request,
        as the requests are; none without a main document."""
        origin = self.origin()
        if origin is None:
            return []
        return [replace(task, start_ms=task.start_ms - origin * 1000) for task in tasks]

    def requests(self) -> list[Request]:
        """The requests in the order they were sent, times in ms after the main document's;
        those never finished end when the last one did."""
        records = [self.records[request_id] for request_id in self.order]
        document = next((record for record in records if record.resource_type == "Document"), None)
        if document is None:
            return []
        origin = document.sent
        last = max((record.finished or record.sent for record in records), default=origin)
        found = []
        for record in records:
            if record.sent < origin:
                continue
            end = record.finished if record.finished is not None else last
            found.append(
                Request(
                    id=record.id,
                    url=record.url,
                    resource_type=record.resource_type,
                    priority=record.priority,
                    start_ms=(record.sent - origin) * 1000,
                    end_ms=(max(end, record.sent) - origin) * 1000,
                    transfer_bytes=record.transfer_bytes,
                    initiator_urls=record.initiator_urls,
                    initiated_by_script=record.by_script,
                    redirected_from=record.redirected_from,
                    protocol=record.protocol,
                    connection_reused=record.reused,
                    server_ms=record.server_ms,
                    connectionless=record.cached or record.url.startswith(_CONNECTIONLESS_SCHEMES),
                    main_document=record is document,
                )
            )
        return found


def _initiator_urls(initiator: dict[str, Any]) -> tuple[str, ...]:
    if initiator.get("url"):
        return (str(initiator["url"]),)
    urls: dict[str, None] = {}
    stack = initiator.get("stack")
    while isinstance(stack, dict) and len(urls) < MAX_INITIATOR_URLS:
        for frame in stack.get("callFrames") or ():
            url = frame.get("url") if isinstance(frame, dict) else None
            if url and len(urls) < MAX_INITIATOR_URLS:
                urls.setdefault(str(url))
        stack = stack.get("parent")
    return tuple(urls)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None
