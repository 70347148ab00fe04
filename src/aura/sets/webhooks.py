"""The ``deliver_alert`` job: send one alert over its rule's channel until it lands.

Channels: ``webhook`` (the signed JSON document POSTed to the rule's URL), ``slack`` (a
readable message with a link back to the set's changes, POSTed to a Slack-compatible
incoming webhook) and ``email`` (a plain-text message through the server's SMTP settings,
sent by the standard library's client in a thread). Every channel shares the claim, the
retries and the back-off below.

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
import smtplib
import ssl
import time
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
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


#: Characters of a page's text kept in an e-mail's subject line.
SUBJECT_CHARACTERS = 160


@dataclass(frozen=True)
class Delivery:
    """One claimed attempt: what to send, where, and the claim it was made under."""

    alert_id: uuid.UUID
    attempt: int
    url: str
    secret: str | None
    body: bytes
    channel: str = "webhook"
    recipients: tuple[str, ...] = ()
    subject: str = ""
    text: str = ""


def change_link(public_url: str, alert: Alert) -> str | None:
    """Where the UI shows the changes of the alert's run (None without AURA_PUBLIC_URL)."""
    if not public_url.strip():
        return None
    return f"{public_url.strip().rstrip('/')}/sets/{alert.set_id}?run={alert.batch_id}#changes"


def slack_escape(text: str) -> str:
    """Slack's message format reads ``<...>`` as links and mentions: page text stays text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(alert: Alert, set_name: str, link: str | None) -> dict[str, Any]:
    """A Slack-compatible incoming-webhook message: the alert in words, and the link."""
    lines = [f"*Aura · {slack_escape(set_name)}*", slack_escape(alert.message)]
    if link is not None:
        lines.append(f"<{link}|See what changed>")
    return {"text": "\n".join(lines)}


def one_line(text: str, limit: int = SUBJECT_CHARACTERS) -> str:
    """Text fit for a header: no line breaks or control characters, at most ``limit`` long."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def email_text(alert: Alert, set_name: str, link: str | None) -> tuple[str, str]:
    """The subject and plain-text body of an alert's e-mail."""
    subject = one_line(f"[Aura] {set_name}: {alert.message.splitlines()[0]}")
    body = [f"Comparison set: {set_name}", "", alert.message, ""]
    if link is not None:
        body += [f"See what changed: {link}", ""]
    body.append(f"Alert {alert.id}, run {alert.batch_id} (previous run {alert.previous_batch_id})")
    return subject, "\n".join(body) + "\n"


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
    if delivery.channel == "email":
        error = await asyncio.to_thread(send_email, delivery, settings)
    else:
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
    if rule is None or not rule.delivers:
        await alerts.fail(alert_id, attempt, "its alert rule was deleted before delivery")
        return None
    link = change_link(settings.public_url, alert)
    if rule.channel == "email":
        subject, text = email_text(alert, set_name, link)
        recipients = tuple((rule.email_to or "").split(","))
        return Delivery(alert_id, attempt, "", None, b"", "email", recipients, subject, text)
    if rule.channel == "slack":
        body = encode_payload(slack_payload(alert, set_name, link))
        return Delivery(alert_id, attempt, rule.webhook_url or "", None, body, "slack")
    payload = alert_payload(alert, set_name)
    if link is not None:
        payload["link"] = link
    body = encode_payload(payload)
    return Delivery(alert_id, attempt, rule.webhook_url or "", rule.secret, body)


def send_email(delivery: Delivery, settings: Settings) -> str | None:
    """Send one attempt's e-mail (blocking: run it in a thread); None once the server
    accepted it, else what went wrong, in words that never carry the password."""
    if not settings.smtp_host or not settings.smtp_sender:
        return "this server sends no e-mail (AURA_SMTP_HOST, AURA_SMTP_SENDER)"
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = ", ".join(delivery.recipients)
    message["Subject"] = delivery.subject
    message["Message-ID"] = make_msgid(idstring=str(delivery.alert_id))
    message["X-Aura-Delivery"] = str(delivery.alert_id)
    message.set_content(delivery.text)
    timeout = settings.smtp_timeout
    try:
        context = ssl.create_default_context(cafile=settings.smtp_ca_file)
        client = (
            smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port, timeout=timeout, context=context
            )
            if settings.smtp_tls == "implicit"
            else smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
        )
        with client:
            if settings.smtp_tls == "starttls":
                client.starttls(context=context)
            if settings.smtp_username:
                client.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            client.send_message(message)
    except ssl.SSLCertVerificationError as error:
        return (
            f"the certificate of the SMTP server {settings.smtp_host} could not be verified "
            f"({error.verify_message or _reason(error)}): nothing was sent; give its authority "
            "in AURA_SMTP_CA_FILE or fix the server's certificate"
        )
    except smtplib.SMTPNotSupportedError as error:
        if "STARTTLS" not in str(error):
            return f"the SMTP server {settings.smtp_host} offers no login (SMTP AUTH)"
        return (
            f"the SMTP server {settings.smtp_host} does not offer STARTTLS: nothing was sent "
            "(AURA_SMTP_TLS=implicit for a server that speaks TLS from the start, none only "
            "for a relay on a private network)"
        )
    except smtplib.SMTPAuthenticationError as error:
        return f"the SMTP server refused the login (code {error.smtp_code})"
    except smtplib.SMTPRecipientsRefused as error:
        return f"the SMTP server refused the recipients: {', '.join(sorted(error.recipients))}"
    except smtplib.SMTPResponseException as error:
        return f"the SMTP server answered {error.smtp_code}"
    except (smtplib.SMTPException, ssl.SSLError, OSError) as error:
        return f"could not send the e-mail through {settings.smtp_host}: {_reason(error)}"
    return None


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
