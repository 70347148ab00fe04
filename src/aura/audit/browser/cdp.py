"""Chromium driven over the DevTools protocol, through a pipe, with no driver in between.

Chromium started with ``--remote-debugging-pipe`` reads protocol commands from its file
descriptor 3 and writes answers and events to descriptor 4, each message a JSON object
ended by a NUL byte. Talking to it directly spares a worker the relay process a browser
automation library runs beside the browser (Playwright's Node.js driver alone weighs about
160 MB), and opens no port a rendered page could reach.

A ``Chromium`` is the browser process and its connection; a ``Session`` is one attached
page (``flatten`` mode: its messages carry a ``sessionId`` on the same pipe). Commands
return the ``result`` object or raise ``ProtocolError``; events go to the handlers
registered on the session they concern.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import json
import logging
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]

#: A message larger than this ends the connection (a full-page screenshot is a few MB).
_MAX_MESSAGE = 256 * 1024 * 1024
_STDERR_LINES = 20
#: How long a renderer stopped by Aura waits for its page's crash event (seconds).
_STOP_MEMORY = 5.0


class ProtocolError(Exception):
    """Chromium refused a command, or the browser or the page went away before answering."""


class PageLimitError(ProtocolError):
    """The page went over a limit Aura sets on pages (its memory), and was stopped."""


class Session:
    """One page target attached to the browser connection."""

    def __init__(self, browser: Chromium, session_id: str) -> None:
        self.browser = browser
        self.id = session_id
        #: Why the page is gone (crashed, closed), or None while it is attached.
        self.gone: str | None = None
        self._gone_error: type[ProtocolError] = ProtocolError
        self._handlers: dict[str, list[Handler]] = collections.defaultdict(list)

    def on(self, event: str, handler: Handler) -> None:
        self._handlers[event].append(handler)

    async def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        if self.gone is not None:
            raise self._gone_error(self.gone)
        return await self.browser.send(method, params, session=self)

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        answer = await self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        details = answer.get("exceptionDetails")
        if details is not None:
            exception = details.get("exception") or {}
            text = exception.get("description") or details.get("text") or "an exception"
            raise ProtocolError(f"a script failed in the page: {str(text).splitlines()[0]}")
        return (answer.get("result") or {}).get("value")

    async def call(self, function: str, *arguments: Any) -> Any:
        """Call a JavaScript function (given as source) with JSON-serialisable arguments."""
        listed = ", ".join(json.dumps(argument) for argument in arguments)
        return await self.evaluate(f"({function})({listed})")

    def dispatch(self, method: str, params: dict[str, Any]) -> None:
        if method == "Inspector.targetCrashed":
            stopped = self.browser.stop_reason()
            if stopped is not None:
                self.detach(stopped, PageLimitError)
            else:
                self.detach("the page crashed its renderer")
        for handler in self._handlers.get(method, ()):
            try:
                handler(params)
            except Exception:
                logger.exception("a handler of %s failed", method)

    def detach(self, reason: str, error: type[ProtocolError] = ProtocolError) -> None:
        if self.gone is None:
            self.gone = reason
            self._gone_error = error
            self.browser.fail_pending(self, reason, error)


class Chromium:
    """A headless Chromium process and the protocol connection to it."""

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        reader: asyncio.StreamReader,
        writer: asyncio.WriteTransport,
        profile_dir: Path,
    ) -> None:
        self.process = process
        self.version = ""
        self._reader = reader
        self._writer = writer
        self._profile_dir = profile_dir
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[asyncio.Future[dict[str, Any]], Session | None]] = {}
        self._sessions: dict[str, Session] = {}
        self._closed: str | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=_STDERR_LINES)
        #: Why Aura stopped renderers itself (when, why), oldest first; see ``stopped``.
        self._stops: collections.deque[tuple[float, str]] = collections.deque()
        self._tasks = [asyncio.create_task(self._read())]
        if process.stderr is not None:
            self._tasks.append(asyncio.create_task(self._drain_stderr(process.stderr)))

    @classmethod
    async def launch(
        cls,
        executable: Path,
        args: tuple[str, ...],
        patience: float,
        preferences: Mapping[str, Any] | None = None,
    ) -> Chromium:
        """Start Chromium with the pipe on its descriptors 3 and 4, and wait for it to answer.

        ``preferences`` are written as the profile's preferences before it starts: some
        settings (WebRTC's network policy) have no command-line switch that Chrome reads.
        """
        profile_dir = Path(tempfile.mkdtemp(prefix="aura-chromium-"))
        if preferences:
            default_profile = profile_dir / "Default"
            default_profile.mkdir()
            (default_profile / "Preferences").write_text(json.dumps(preferences), "utf-8")
        theirs_in, ours_out = os.pipe()
        ours_in, theirs_out = os.pipe()
        command = [
            str(executable),
            "--headless",
            "--remote-debugging-pipe",
            "--no-startup-window",
            f"--user-data-dir={profile_dir}",
            *args,
        ]
        # The pipe's ends come in as the shell's standard input and output; it moves them to
        # the descriptors Chromium reads and writes, then becomes Chromium: no Python code
        # runs between fork and exec in this (threaded) process.
        shell = 'exec "$@" 3<&0 4>&1 0</dev/null 1>/dev/null'
        try:
            process = await asyncio.create_subprocess_exec(
                "/bin/sh",
                "-c",
                shell,
                "chromium",
                *command,
                stdin=theirs_in,
                stdout=theirs_out,
                stderr=asyncio.subprocess.PIPE,
                # Its own process group: closing kills the renderers too, whatever happens.
                start_new_session=True,
            )
        except BaseException:
            os.close(ours_in)
            os.close(ours_out)
            shutil.rmtree(profile_dir, ignore_errors=True)
            raise
        finally:
            # Chromium has its own copies now.
            os.close(theirs_in)
            os.close(theirs_out)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=_MAX_MESSAGE, loop=loop)
        await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader, loop=loop), os.fdopen(ours_in, "rb", 0)
        )
        writer, _protocol = await loop.connect_write_pipe(
            asyncio.BaseProtocol, os.fdopen(ours_out, "wb", 0)
        )
        browser = cls(process, reader, writer, profile_dir)
        try:
            async with asyncio.timeout(patience):
                answer = await browser.send("Browser.getVersion")
        except BaseException as error:
            await browser.close()
            if isinstance(error, TimeoutError | ProtocolError):
                raise ProtocolError(f"Chromium did not start: {browser.last_words()}") from None
            raise
        browser.version = str(answer.get("product") or "").rsplit("/", 1)[-1]
        return browser

    @property
    def connected(self) -> bool:
        return self._closed is None and self.process.returncode is None

    def last_words(self) -> str:
        """The end of what Chromium wrote on stderr (for error messages)."""
        lines = [line for line in self._stderr if line.strip()]
        return lines[-1][:300] if lines else "no output"

    async def send(
        self, method: str, params: dict[str, Any] | None = None, session: Session | None = None
    ) -> dict[str, Any]:
        if self._closed is not None:
            raise ProtocolError(self._closed)
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session.id
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = (future, session)
        try:
            self._writer.write(json.dumps(message).encode() + b"\0")
            return await future
        finally:
            self._pending.pop(message_id, None)

    async def attach(self, target_id: str) -> Session:
        answer = await self.send("Target.attachToTarget", {"targetId": target_id, "flatten": True})
        session = Session(self, str(answer["sessionId"]))
        self._sessions[session.id] = session
        return session

    def fail_pending(
        self, session: Session | None, reason: str, error: type[ProtocolError] = ProtocolError
    ) -> None:
        for future, owner in list(self._pending.values()):
            if (session is None or owner is session) and not future.done():
                future.set_exception(error(reason))

    def stopped(self, reason: str) -> None:
        """Aura killed a renderer for ``reason``: the page that crashes next learns it.

        A renderer serves one browser context, so one kill crashes one page. A kill that
        crashes no attached page is forgotten after a few seconds.
        """
        self._stops.append((time.monotonic(), reason))

    def stop_reason(self) -> str | None:
        """Why Aura stopped the earliest renderer no crashed page has claimed yet (each
        reason is given once; None when Aura stopped none in the last few seconds)."""
        recent = time.monotonic() - _STOP_MEMORY
        while self._stops and self._stops[0][0] < recent:
            self._stops.popleft()
        return self._stops.popleft()[1] if self._stops else None

    async def _read(self) -> None:
        reason = "Chromium closed the connection"
        try:
            while True:
                raw = await self._reader.readuntil(b"\0")
                self._receive(json.loads(raw[:-1]))
        except asyncio.IncompleteReadError:
            pass
        except asyncio.LimitOverrunError:
            reason = "Chromium sent a message over the size limit"
            logger.error(reason)
        except Exception:
            reason = "the connection to Chromium failed"
            logger.exception(reason)
        self._closed = self._closed or f"{reason} ({self.last_words()})"
        self.fail_pending(None, self._closed)
        for session in self._sessions.values():
            session.detach(self._closed)

    def _receive(self, message: dict[str, Any]) -> None:
        message_id = message.get("id")
        if message_id is not None:
            entry = self._pending.get(int(message_id))
            if entry is None or entry[0].done():
                return
            future, _session = entry
            error = message.get("error")
            if error is not None:
                future.set_exception(ProtocolError(str(error.get("message") or error)))
            else:
                future.set_result(message.get("result") or {})
            return
        method = str(message.get("method") or "")
        params = message.get("params") or {}
        session_id = message.get("sessionId")
        if session_id is not None:
            session = self._sessions.get(str(session_id))
            if session is not None:
                session.dispatch(method, params)
        elif method == "Target.detachedFromTarget":
            detached = self._sessions.pop(str(params.get("sessionId")), None)
            if detached is not None:
                detached.detach("the page was closed")

    async def _drain_stderr(self, stream: asyncio.StreamReader) -> None:
        with contextlib.suppress(Exception):
            async for line in stream:
                self._stderr.append(line.decode(errors="replace").rstrip())

    async def close(self) -> None:
        """Ask Chromium to quit; kill its process group if it does not within seconds."""
        if self.connected:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send("Browser.close"), 3)
        self._closed = self._closed or "the browser was closed"
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.process.wait(), 3)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.process.wait(), 5)
        self._writer.close()
        # What it said on its way out ends up in ``last_words``.
        await asyncio.wait(self._tasks, timeout=1)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self.fail_pending(None, self._closed)
        await asyncio.to_thread(shutil.rmtree, self._profile_dir, True)
