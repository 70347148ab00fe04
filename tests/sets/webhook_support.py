"""A local webhook receiver and helpers to seed and watch alerts in the database."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import sqlalchemy as sa

from aura.db.engine import Database
from aura.db.types import utcnow
from aura.models import (
    Alert,
    AlertRule,
    BatchStatus,
    ComparisonSet,
    CompetitiveAnalysisBatch,
    SetRunChanges,
)


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers POSTs with ``statuses`` in turn (the last one repeats) and records them."""

    statuses: list[int]
    requests: list[Received] = field(default_factory=list)
    url: str = ""

    def verified(self, secret: str) -> bool:
        """Whether every request carries a valid signature of its timestamp and body."""
        return bool(self.requests) and all(
            valid_signature(secret, request) for request in self.requests
        )


def valid_signature(secret: str, request: Received) -> bool:
    timestamp = request.headers["x-aura-timestamp"]
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(request.headers.get("x-aura-signature", ""), f"sha256={expected}")


@contextmanager
def receiving(*statuses: int) -> Iterator[Receiver]:
    receiver = Receiver(list(statuses) or [200])
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                answered = len(receiver.requests)
                receiver.requests.append(
                    Received({k.lower(): v for k, v in self.headers.items()}, body)
                )
                status = receiver.statuses[min(answered, len(receiver.statuses) - 1)]
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        receiver.url = f"http://{host}:{port}/hooks/aura"
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class SeededAlert:
    set_id: uuid.UUID
    rule_id: uuid.UUID
    alert_id: uuid.UUID
    batch_id: uuid.UUID
    previous_batch_id: uuid.UUID


async def seed_alert(
    database_url: str,
    webhook_url: str,
    secret: str | None,
    *,
    abandoned_attempts: int = 0,
) -> SeededAlert:
    """A set with two runs whose tracking raised one alert, waiting for its delivery (or,
    with ``abandoned_attempts``, claimed that many times by a worker that died sending it)."""
    db = Database(database_url)
    try:
        async with db.write() as session:
            watched = ComparisonSet(
                name=f"Watched {uuid.uuid4().hex[:6]}",
                urls=["https://ours.example/", "https://rival.example/"],
                primary_url="https://ours.example/",
            )
            session.add(watched)
            await session.flush()
            runs = [
                CompetitiveAnalysisBatch(
                    total_urls=0, status=BatchStatus.COMPLETED, set_id=watched.id, mode="static"
                )
                for _ in range(2)
            ]
            session.add_all(runs)
            rule = AlertRule(
                set_id=watched.id,
                kind="competitor_technology_changed",
                webhook_url=webhook_url,
                secret=secret,
                fields=[],
            )
            session.add(rule)
            await session.flush()
            session.add(
                SetRunChanges(
                    set_id=watched.id,
                    batch_id=runs[1].id,
                    previous_batch_id=runs[0].id,
                    document={},
                    change_count=1,
                )
            )
            alert = Alert(
                set_id=watched.id,
                rule_id=rule.id,
                batch_id=runs[1].id,
                previous_batch_id=runs[0].id,
                kind="competitor_technology_changed",
                site="https://rival.example/",
                subject="technology:https://rival.example/",
                message="rival.example added jQuery",
                details={"added": ["jQuery"], "removed": []},
                delivery_status="sending" if abandoned_attempts else "pending",
                attempts=abandoned_attempts,
                lease_expires_at=utcnow() - dt.timedelta(seconds=1) if abandoned_attempts else None,
            )
            session.add(alert)
            await session.flush()
            return SeededAlert(watched.id, rule.id, alert.id, runs[1].id, runs[0].id)
    finally:
        await db.dispose()


async def read_alert(db: Database, alert_id: uuid.UUID) -> Alert:
    async with db.read() as session:
        alert = await session.scalar(sa.select(Alert).where(Alert.id == alert_id))
        assert alert is not None
        return alert


async def wait_for_delivery(
    database_url: str, alert_id: uuid.UUID, *, within: float = 30.0
) -> Alert:
    """Poll until the alert's delivery is over (delivered or failed)."""
    db = Database(database_url)
    deadline = time.monotonic() + within
    try:
        while True:
            alert = await read_alert(db, alert_id)
            if alert.delivery_status in ("delivered", "failed") or time.monotonic() > deadline:
                return alert
            await asyncio.sleep(0.05)
    finally:
        await db.dispose()
