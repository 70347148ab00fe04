"""Alert deliveries: signed, retried with back-off, given up on, never sent twice."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import uuid
from pathlib import Path

from fastapi import FastAPI

from aura.app import create_app
from aura.config import Settings
from aura.models import Alert
from aura.sets.webhooks import retry_delay, run_delivery, signature
from aura.worker import create_runtime
from tests.conftest import make_settings
from tests.sets.webhook_support import receiving, seed_alert, wait_for_delivery

SECRET = "correct horse battery staple"


def _settings(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "webhook_max_attempts": 3,
        "webhook_retry_min_delay": 0.05,
        "webhook_retry_max_delay": 0.2,
        "webhook_timeout": 5.0,
    }
    values.update(overrides)
    return make_settings(database_url, tmp_path, **values)


async def _running(app: FastAPI, database_url: str, alert_id: uuid.UUID) -> Alert:
    """Run the app (its embedded worker and sweep) until the alert's delivery is over."""
    async with app.router.lifespan_context(app):
        return await wait_for_delivery(database_url, alert_id)


class TestSigning:
    def test_the_signature_is_the_hmac_of_timestamp_dot_body(self) -> None:
        body = b'{"id":"1","type":"alert"}'
        expected = hmac.new(b"k", b"1700000000." + body, hashlib.sha256).hexdigest()
        assert signature("k", 1700000000, body) == f"sha256={expected}"

    def test_retry_delays_double_up_to_the_maximum(self) -> None:
        delays = [retry_delay(attempt, 1.0, 300.0) for attempt in range(1, 11)]
        assert delays[:5] == [1.0, 2.0, 4.0, 8.0, 16.0]
        assert delays[-1] == 300.0
        assert delays == sorted(delays)


class TestDelivery:
    async def test_an_alert_is_delivered_once_and_signed(
        self, database_url: str, tmp_path: Path
    ) -> None:
        with receiving(200) as receiver:
            seeded = await seed_alert(database_url, receiver.url, SECRET)
            app = create_app(_settings(database_url, tmp_path))
            alert = await _running(app, database_url, seeded.alert_id)

        assert (alert.delivery_status, alert.attempts, alert.last_error) == ("delivered", 1, None)
        assert alert.delivered_at is not None
        assert len(receiver.requests) == 1
        assert receiver.verified(SECRET)
        request = receiver.requests[0]
        assert request.headers["content-type"] == "application/json"
        assert request.headers["x-aura-event"] == "alert"
        assert request.headers["x-aura-delivery"] == str(seeded.alert_id)
        payload = json.loads(request.body)
        assert payload["id"] == str(seeded.alert_id)
        assert payload["type"] == "alert"
        assert payload["kind"] == "competitor_technology_changed"
        assert payload["set"]["id"] == str(seeded.set_id)
        assert payload["set"]["name"].startswith("Watched")
        assert payload["run"] == {
            "batch_id": str(seeded.batch_id),
            "previous_batch_id": str(seeded.previous_batch_id),
        }
        assert payload["site"] == "https://rival.example/"
        assert payload["message"] == "rival.example added jQuery"
        assert payload["details"] == {"added": ["jQuery"], "removed": []}
        assert payload["created_at"]

    async def test_a_failed_attempt_is_sent_again_after_a_back_off(
        self, database_url: str, tmp_path: Path
    ) -> None:
        with receiving(500, 200) as receiver:
            seeded = await seed_alert(database_url, receiver.url, SECRET)
            app = create_app(_settings(database_url, tmp_path))
            alert = await _running(app, database_url, seeded.alert_id)

        assert (alert.delivery_status, alert.attempts) == ("delivered", 2)
        assert len(receiver.requests) == 2
        first, second = receiver.requests
        assert first.headers["x-aura-delivery"] == second.headers["x-aura-delivery"]
        assert first.body == second.body
        assert receiver.verified(SECRET)

    async def test_a_receiver_that_keeps_failing_is_given_up_on(
        self, database_url: str, tmp_path: Path
    ) -> None:
        with receiving(503) as receiver:
            seeded = await seed_alert(database_url, receiver.url, SECRET)
            app = create_app(_settings(database_url, tmp_path))
            alert = await _running(app, database_url, seeded.alert_id)

        assert (alert.delivery_status, alert.attempts) == ("failed", 3)
        assert alert.last_error == "the webhook answered HTTP 503"
        assert len(receiver.requests) == 3

    async def test_an_attempt_abandoned_by_a_dead_worker_is_taken_over(
        self, database_url: str, tmp_path: Path
    ) -> None:
        with receiving(200) as receiver:
            seeded = await seed_alert(database_url, receiver.url, SECRET, abandoned_attempts=1)
            app = create_app(_settings(database_url, tmp_path))
            alert = await _running(app, database_url, seeded.alert_id)

        assert (alert.delivery_status, alert.attempts) == ("delivered", 2)
        assert len(receiver.requests) == 1

    async def test_an_abandoned_last_attempt_fails_the_delivery(
        self, database_url: str, tmp_path: Path
    ) -> None:
        with receiving(200) as receiver:
            seeded = await seed_alert(database_url, receiver.url, SECRET, abandoned_attempts=3)
            app = create_app(_settings(database_url, tmp_path))
            alert = await _running(app, database_url, seeded.alert_id)

        assert (alert.delivery_status, alert.attempts) == ("failed", 3)
        assert alert.last_error == "the last attempt was interrupted before it finished"
        assert receiver.requests == []

    async def test_an_unsigned_rule_sends_no_signature(
        self, database_url: str, tmp_path: Path
    ) -> None:
        with receiving(204) as receiver:
            seeded = await seed_alert(database_url, receiver.url, None)
            app = create_app(_settings(database_url, tmp_path))
            alert = await _running(app, database_url, seeded.alert_id)

        assert alert.delivery_status == "delivered"
        assert "x-aura-signature" not in receiver.requests[0].headers

    async def test_a_private_target_is_refused_when_private_networks_are_not_allowed(
        self, database_url: str, tmp_path: Path
    ) -> None:
        # The rule was accepted when its name resolved publicly; it now points to loopback.
        with receiving(200) as receiver:
            seeded = await seed_alert(database_url, receiver.url, SECRET)
            settings = _settings(
                database_url, tmp_path, allow_private_networks=False, webhook_max_attempts=1
            )
            alert = await _running(create_app(settings), database_url, seeded.alert_id)

        assert alert.delivery_status == "failed"
        assert alert.last_error is not None
        assert alert.last_error.startswith("refused:")
        assert "private" in alert.last_error
        assert receiver.requests == []

    async def test_duplicated_jobs_send_one_request(
        self, database_url: str, tmp_path: Path
    ) -> None:
        with receiving(200) as receiver:
            seeded = await seed_alert(database_url, receiver.url, SECRET)
            runtime = create_runtime(_settings(database_url, tmp_path))
            async with runtime.opened():
                jobs = [run_delivery(runtime, str(seeded.alert_id)) for _ in range(3)]
                await asyncio.gather(*jobs)
                # Delivered: a late duplicate finds nothing to do.
                await run_delivery(runtime, str(seeded.alert_id))

        alert = await wait_for_delivery(database_url, seeded.alert_id)
        assert (alert.delivery_status, alert.attempts) == ("delivered", 1)
        assert len(receiver.requests) == 1
