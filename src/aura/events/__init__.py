"""The progress bus: batch events, published after the commit that caused them.

Two implementations behind one interface: ``MemoryBus`` inside one process (embedded mode)
and ``RedisBus`` across processes (distributed mode). Either way, the watchers in one
process share one upstream subscription and are fanned out to in memory.

An event is a JSON object ``{"type", "batch_id", "version", ...}``. ``version`` is the
batch's version after the change, incremented in the same transaction, one increment per
event, so a watcher that sees ``version`` jump knows it missed something.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

logger = logging.getLogger(__name__)

Event = dict[str, Any]

#: Events a slow watcher may fall behind by before it is told to resynchronise.
WATCHER_BUFFER = 256


class EventBus(Protocol):
    async def publish(self, event: Event) -> None: ...

    def subscribe(self, batch_id: uuid.UUID) -> Any:
        """``async with bus.subscribe(id) as events: async for event in events: …``"""
        ...

    async def close(self) -> None: ...


class Subscription:
    """One watcher's queue. An overflow is reported as a ``resync`` event, not a stall."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[Event] = asyncio.Queue(WATCHER_BUFFER)
        self._overflowed = False

    def offer(self, event: Event) -> None:
        if self._overflowed:
            return
        try:
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            self._overflowed = True

    async def get(self) -> Event:
        if self._overflowed and self._queue.empty():
            self._overflowed = False
            return {"type": "resync", "reason": "events were dropped for a slow watcher"}
        return await self._queue.get()

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Event]:
        while True:
            yield await self.get()


class _FanOut:
    """Local watchers per batch."""

    def __init__(self) -> None:
        self._watchers: dict[str, set[Subscription]] = {}

    def deliver(self, event: Event) -> None:
        for subscription in tuple(self._watchers.get(str(event.get("batch_id")), ())):
            subscription.offer(event)

    def deliver_all(self, event: Event) -> None:
        for watchers in tuple(self._watchers.values()):
            for subscription in tuple(watchers):
                subscription.offer(event)

    @asynccontextmanager
    async def watch(self, batch_id: uuid.UUID) -> AsyncIterator[Subscription]:
        key = str(batch_id)
        subscription = Subscription()
        self._watchers.setdefault(key, set()).add(subscription)
        try:
            yield subscription
        finally:
            watchers = self._watchers.get(key)
            if watchers is not None:
                watchers.discard(subscription)
                if not watchers:
                    del self._watchers[key]

    @property
    def watcher_count(self) -> int:
        return sum(len(watchers) for watchers in self._watchers.values())


class MemoryBus:
    """In-process bus for the embedded mode."""

    def __init__(self) -> None:
        self._fan_out = _FanOut()

    async def publish(self, event: Event) -> None:
        self._fan_out.deliver(event)

    def subscribe(self, batch_id: uuid.UUID) -> Any:
        return self._fan_out.watch(batch_id)

    async def close(self) -> None:
        return None


class RedisBus:
    """Redis pub/sub: one pattern subscription per process, started by the first watcher."""

    def __init__(self, url: str, namespace: str) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url)
        self._prefix = f"{namespace}:events:batch:"
        self._fan_out = _FanOut()
        self._reader: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()

    async def publish(self, event: Event) -> None:
        await self._redis.publish(self._prefix + str(event["batch_id"]), json.dumps(event))

    def subscribe(self, batch_id: uuid.UUID) -> Any:
        return self._subscribe(batch_id)

    @asynccontextmanager
    async def _subscribe(self, batch_id: uuid.UUID) -> AsyncIterator[Subscription]:
        if self._reader is None or self._reader.done():
            self._reader = asyncio.create_task(self._read_forever(), name="aura-event-reader")
        # Wait briefly for the upstream subscription, so that what happens right after
        # the caller's snapshot is not missed; a watcher that still misses events catches
        # up through its periodic version check.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(2):
                await self._connected.wait()
        async with self._fan_out.watch(batch_id) as subscription:
            yield subscription

    async def _read_forever(self) -> None:
        delay = 0.1
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe(self._prefix + "*")
                self._connected.set()
                delay = 0.1
                while True:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1)
                    if message is None or message.get("type") != "pmessage":
                        continue
                    try:
                        self._fan_out.deliver(json.loads(message["data"]))
                    except (ValueError, TypeError):
                        logger.warning("ignoring a malformed event on %s", message["channel"])
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self._connected.clear()
                # Watchers may have missed events while the connection was down.
                self._fan_out.deliver_all({"type": "resync", "reason": "event stream reconnected"})
                logger.warning("event subscription lost (%s); reconnecting", error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        await self._redis.aclose()


def create_bus(url: str, namespace: str) -> EventBus:
    if url.startswith(("memory://", "local://")):
        return MemoryBus()
    return RedisBus(url, namespace)
