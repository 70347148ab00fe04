"""The ``deliver_alert`` job: POST one alert to its rule's webhook, signed, until it lands.

Each attempt is claimed in the database first (``pending`` → ``sending``, attempts + 1, a
lease), so duplicated jobs and concurrent workers send an alert at most once per attempt;
the outcome is stored only while that claim still holds. A failed attempt puts the alert
back to ``pending`` with the next attempt's time (exponential back-off) and enqueues it with
that delay; when the attempts run out the alert is ``failed`` with the last error. A worker
that dies mid-attempt leaves an expired lease, which the recovery sweep hands on.

The request goes through the guarded transport, like every fetch: a webhook whose name
resolves to a private address is refused at connect time unless private networks are
allowed, whatever it resolved to when the rule was created.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import json
import logging
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from aura.audit.fetch import BlockedAddressError, NetworkPolicy
from aura.audit.fetch.transport import GuardedTransport
from aura.db.engine import after_commit
from aura.db.types import utcnow
from aura.jobs import enqueue_delivery
from aura.models import Alert
from aura.sets.alert_repository import AlertRepository

if TYPE_CHECKING:
    from aura.config import Settings
    from aura.runtime import Runtime

logger = logging.getLogger(__name__)

EVENT = "alert"
#: Time a claimed attempt may take beyond the request's own timeout before another worker
#: may take it over.
LEASE_MARGIN_SECONDS = 60.0


@dataclass(frozen=True)
class Delivery:
    """One claimed attempt: what to send, where, and the claim it was made under."""

    alert_id: uuid.UUID
    attempt: int
    url: str
    secret: str | None
    body: bytes


def alert_payload(alert: Alert, set_name: str) -> dict[str, Any]:
    """The JSON document a webhook receives for ``alert``."""
    return {
        "id": str(alert.id),
        "type": "alert",
        "kind": alert.kind,
        "set": {"id": str(alert.set_id), "name": set_name},
        "run": {
            "batch_id": str(alert.batch_id),
            "previous_batch_id": str(alert.previous_batch_id),
        },
        "site": alert.site,
        "message": alert.message,
        "details": alert.details,
        "created_at": alert.created_at.isoformat(),
    }


def encode_payload(payload: dict[str, Any]) -> bytes:
    """The body bytes: these exact bytes are both signed and sent."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>``, as X-Aura-Signature says."""
    signed = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def delivery_headers(
    alert_id: uuid.UUID, body: bytes, secret: str | None, timestamp: int, user_agent: str
) -> dict[str, str]:
    headers = {
        "Content-Type": "application/json",
        "User-Agent": user_agent,
        "X-Aura-Event": EVENT,
        "X-Aura-Delivery": str(alert_id),
        "X-Aura-Timestamp": str(timestamp),
    }
    if secret:
        headers["X-Aura-Signature"] = signature(secret, timestamp, body)
    return headers


def retry_delay(attempt: int, minimum: float, maximum: float) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based): doubling, capped."""
    return min(maximum, minimum * 2.0 ** (attempt - 1))


async def post_alert(
    delivery: Delivery, policy: NetworkPolicy, *, time_limit: float, user_agent: str
) -> str | None:
    """Send one attempt; None when the receiver answered 2xx, else what went wrong.

    Redirects are not followed (a receiver moved elsewhere is a configuration to fix), and
    the answer's body is never read: only its status matters.
    """
    headers = delivery_headers(
        delivery.alert_id, delivery.body, delivery.secret, int(time.time()), user_agent
    )
    transport = GuardedTransport(policy, http2=False, max_connections=1, dns_timeout=time_limit)
    async with httpx.AsyncClient(
        transport=transport, timeout=time_limit, follow_redirects=False, trust_env=False
    ) as client:
        try:
            async with (
                asyncio.timeout(time_limit),
                client.stream(
                    "POST", delivery.url, content=delivery.body, headers=headers
                ) as answer,
            ):
                status = answer.status_code
        except (TimeoutError, httpx.TimeoutException):
            return f"the webhook did not answer within {time_limit:g} s"
        except BlockedAddressError as error:
            return f"refused: {error}"
        except (httpx.HTTPError, OSError) as error:
            return f"could not reach the webhook: {_reason(error)}"
    if 200 <= status < 300:
        return None
    return f"the webhook answered HTTP {status}"


def _reason(error: BaseException) -> str:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        seen = seen.__cause__ or seen.__context__
    return str(error).strip() or type(error).__name__


async def run_delivery(runtime: Runtime, alert_id: str) -> None:
    settings = runtime.settings
    alert_uuid = uuid.UUID(alert_id)
    async with runtime.db.write() as session:
        delivery = await _claim(AlertRepository(session), alert_uuid, settings)
    if delivery is None:
        return  # delivered, failed, not due yet, or another worker holds the attempt
    error = await post_alert(
        delivery,
        runtime.policy,
        time_limit=settings.webhook_timeout,
        user_agent=settings.user_agent,
    )
    async with runtime.db.write() as session:
        await _record(session, runtime, delivery, error)


async def _claim(
    alerts: AlertRepository, alert_id: uuid.UUID, settings: Settings
) -> Delivery | None:
    now = utcnow()
    max_attempts = settings.webhook_max_attempts
    # An attempt whose worker died on the last allowed try cannot be claimed again.
    await alerts.give_up_abandoned(alert_id, now, max_attempts)
    lease = dt.timedelta(seconds=settings.webhook_timeout + LEASE_MARGIN_SECONDS)
    attempt = await alerts.claim(alert_id, now, now + lease, max_attempts)
    if attempt is None:
        return None
    loaded = await alerts.for_delivery(alert_id)
    if loaded is None:
        return None
    alert, rule, set_name = loaded
    if rule is None or not rule.webhook_url:
        await alerts.fail(alert_id, attempt, "its alert rule was deleted before delivery")
        return None
    body = encode_payload(alert_payload(alert, set_name))
    return Delivery(alert_id, attempt, rule.webhook_url, rule.secret, body)


async def _record(
    session: AsyncSession, runtime: Runtime, delivery: Delivery, error: str | None
) -> None:
    settings = runtime.settings
    alerts = AlertRepository(session)
    if error is None:
        await alerts.delivered(delivery.alert_id, delivery.attempt, utcnow())
        logger.info("alert %s delivered (attempt %d)", delivery.alert_id, delivery.attempt)
        return
    if delivery.attempt >= settings.webhook_max_attempts:
        await alerts.fail(delivery.alert_id, delivery.attempt, error)
        logger.warning(
            "alert %s not delivered after %d attempts: %s",
            delivery.alert_id,
            delivery.attempt,
            error,
        )
        return
    delay = retry_delay(
        delivery.attempt, settings.webhook_retry_min_delay, settings.webhook_retry_max_delay
    )
    due = utcnow() + dt.timedelta(seconds=delay)
    if not await alerts.retry_later(delivery.alert_id, delivery.attempt, error, due):
        return  # the claim was lost (its lease expired and another worker took over)
    queue, alert_id, next_attempt = runtime.queue, delivery.alert_id, delivery.attempt + 1

    async def enqueue_retry() -> None:
        await enqueue_delivery(queue, alert_id, next_attempt, delay=delay)

    after_commit(session, enqueue_retry)
