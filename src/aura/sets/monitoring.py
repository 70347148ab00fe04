"""Business logic of a set's history: changes between runs, trends, alert rules and alerts.

Services flush; the boundary commits. Changes between the consecutive runs that
``track_run`` recorded are served as stored; any other pair of finished runs (or a pair
whose record is not written yet) is computed on request, its visual comparison cached in
the pair's folder like the recorded ones.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from aura.audit.scoring import CATEGORIES
from aura.errors import ConflictError, InvalidInputError, NotFoundError, input_error
from aura.history.alerts import DEFAULT_DROP_POINTS, FIELD_LABELS
from aura.history.document import RunChanges, Trends
from aura.history.trends import build_trends
from aura.models import Alert, AlertRule, ComparisonSet, CompetitiveAnalysisBatch
from aura.sets.alert_repository import TRACKED_STATUSES, AlertRepository, ChangeRepository
from aura.sets.repository import SetRepository
from aura.sets.schemas import (
    AlertList,
    AlertRead,
    AlertRuleCreate,
    AlertRuleList,
    AlertRuleRead,
    DeliveryRead,
)
from aura.sets.tracking import compute_changes, load_runs, overlay_path, screenshot_candidates
from aura.urls import InvalidUrlError, normalise_url

if TYPE_CHECKING:
    from aura.runtime import Runtime

#: Trends cover at most this many of the latest runs.
TREND_RUNS = 100
ALERTS_LISTED = 200
#: An address an alert may be sent to: one local part and one domain, no spaces, commas
#: or header-breaking characters (the recipients are stored comma-separated).
EMAIL_ADDRESS = re.compile(
    r"[^@\s,;<>\"()\[\]\\]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+"
)
#: How long a webhook's host name may take to resolve when a rule is created.
WEBHOOK_LOOKUP_SECONDS = 5.0


def scored_categories() -> dict[str, str]:
    """``overall`` and every scored category, with their labels."""
    labels = {"overall": "the overall score"}
    labels.update({name: spec.title for name, spec in CATEGORIES.items() if not spec.informative})
    return labels


def describe_rule(kind: str, category: str, points: float | None, fields: list[str]) -> str:
    label = scored_categories().get(category, category)
    if kind == "overtaken":
        return f"A competitor overtakes us in {label}"
    if kind == "score_dropped":
        fall = DEFAULT_DROP_POINTS if points is None else points
        return f"Our score in {label} drops by {fall:g} points or more"
    if kind == "competitor_technology_changed":
        return "A competitor adopts or drops a technology"
    watched = ", ".join(FIELD_LABELS.get(name, name).lower() for name in fields)
    return f"A competitor's {watched} changes"


def rule_read(rule: AlertRule) -> AlertRuleRead:
    return AlertRuleRead(
        id=rule.id,
        set_id=rule.set_id,
        kind=rule.kind,
        category=rule.category,
        points=rule.points,
        fields=list(rule.fields),
        channel=rule.channel,
        webhook_url=rule.webhook_url,
        has_secret=bool(rule.secret),
        email_to=rule.email_to.split(",") if rule.email_to else [],
        digest=rule.digest,
        enabled=rule.enabled,
        description=describe_rule(rule.kind, rule.category, rule.points, list(rule.fields)),
        created_at=rule.created_at,
    )


def alert_read(alert: Alert) -> AlertRead:
    return AlertRead(
        id=alert.id,
        set_id=alert.set_id,
        rule_id=alert.rule_id,
        kind=alert.kind,
        batch_id=alert.batch_id,
        previous_batch_id=alert.previous_batch_id,
        site=alert.site,
        message=alert.message,
        details=alert.details,
        created_at=alert.created_at,
        delivery=DeliveryRead(
            status=alert.delivery_status,
            attempts=alert.attempts,
            last_error=alert.last_error,
            delivered_at=alert.delivered_at,
            next_attempt_at=alert.next_attempt_at,
        ),
    )


class MonitoringService:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def _set(self, session: AsyncSession, set_id: uuid.UUID) -> ComparisonSet:
        return await SetRepository(session).require(set_id)

    async def _run(
        self, session: AsyncSession, set_id: uuid.UUID, batch_id: uuid.UUID
    ) -> CompetitiveAnalysisBatch:
        run = await session.get(CompetitiveAnalysisBatch, batch_id)
        if run is None or run.set_id != set_id:
            raise NotFoundError(f"run {batch_id} is not a run of set {set_id}")
        return run

    async def _finished_run(
        self, session: AsyncSession, set_id: uuid.UUID, batch_id: uuid.UUID
    ) -> CompetitiveAnalysisBatch:
        run = await self._run(session, set_id, batch_id)
        if run.status not in TRACKED_STATUSES:
            raise ConflictError(
                f"run {batch_id} is {run.status}; only completed or partial runs can be compared"
            )
        return run

    async def changes(
        self,
        session: AsyncSession,
        set_id: uuid.UUID,
        from_run: uuid.UUID | None = None,
        to_run: uuid.UUID | None = None,
    ) -> RunChanges:
        """The changes from ``from_run`` to ``to_run``; by default, the latest finished run
        against the finished run before it."""
        await self._set(session, set_id)
        finished = [run.id for run in await ChangeRepository(session).finished_runs(set_id)]
        if to_run is not None:
            await self._finished_run(session, set_id, to_run)
            after_id = to_run
        elif finished:
            after_id = finished[-1]
        else:
            raise ConflictError(f"set {set_id} has no finished run yet; changes need two")
        if from_run is not None:
            await self._finished_run(session, set_id, from_run)
            before_id = from_run
        else:
            earlier = finished[: finished.index(after_id)]
            if not earlier:
                raise ConflictError(
                    f"set {set_id} has no finished run before run {after_id}; "
                    "changes need two finished runs"
                )
            before_id = earlier[-1]
        if before_id == after_id:
            raise InvalidInputError.single(
                ["query", "from_run"],
                "from_run and to_run must be two different runs",
                str(from_run),
            )
        stored = await ChangeRepository(session).get(after_id)
        if stored is not None and stored.previous_batch_id == before_id:
            try:
                return RunChanges.model_validate(stored.document)
            except ValidationError:
                pass  # recorded by an older version of Aura: computed afresh below
        return await self._compute(session, before_id, after_id)

    async def _compute(
        self, session: AsyncSession, before_id: uuid.UUID, after_id: uuid.UUID
    ) -> RunChanges:
        loaded = await load_runs(session, [before_id, after_id])
        if len(loaded) < 2:
            raise NotFoundError("one of the runs was deleted meanwhile")
        before, after = loaded
        candidates = screenshot_candidates(before[0], after[0])
        return await compute_changes(self.runtime.screenshots, before[1], after[1], candidates)

    async def trends(self, session: AsyncSession, set_id: uuid.UUID) -> Trends:
        await self._set(session, set_id)
        runs = (await ChangeRepository(session).finished_runs(set_id))[-TREND_RUNS:]
        loaded = await load_runs(session, [run.id for run in runs])
        return await asyncio.to_thread(build_trends, [inputs for _, inputs in loaded])

    async def rules(self, session: AsyncSession, set_id: uuid.UUID) -> AlertRuleList:
        await self._set(session, set_id)
        rules = await AlertRepository(session).rules(set_id)
        return AlertRuleList(items=[rule_read(rule) for rule in rules])

    async def add_rule(
        self, session: AsyncSession, set_id: uuid.UUID, data: AlertRuleCreate
    ) -> AlertRuleRead:
        await self._set(session, set_id)
        fields, recipients = self._check_rule(data)
        webhook_url = await self._check_webhook(data.webhook_url)
        rule = AlertRule(
            set_id=set_id,
            kind=data.kind,
            category=data.category,
            points=data.points,
            fields=fields,
            channel=data.channel,
            webhook_url=webhook_url,
            secret=data.secret or None,
            email_to=",".join(recipients) or None,
            digest=data.digest,
            enabled=data.enabled,
        )
        await AlertRepository(session).add_rule(rule)
        return rule_read(rule)

    def _check_rule(self, data: AlertRuleCreate) -> tuple[list[str], list[str]]:
        """The rule's watched fields and e-mail recipients; every problem raised at once,
        each naming its field."""
        errors: list[dict[str, Any]] = []

        def fail(loc: list[str | int], message: str, value: Any) -> None:
            errors.append(input_error(loc, message, value))

        categories = scored_categories()
        if data.category not in categories:
            known = ", ".join(categories)
            fail(
                ["body", "category"],
                f"unknown category {data.category!r} (one of {known})",
                data.category,
            )
        for index, name in enumerate(data.fields):
            if name not in FIELD_LABELS:
                known = ", ".join(FIELD_LABELS)
                fail(["body", "fields", index], f"unknown field {name!r} (one of {known})", name)
        if data.kind == "competitor_content_changed" and not data.fields:
            fail(["body", "fields"], "name at least one field to watch", data.fields)
        if data.secret and not data.webhook_url:
            fail(["body", "secret"], "a secret signs webhook deliveries: give a webhook_url", None)
        if data.secret and data.channel != "webhook":
            fail(["body", "secret"], "only webhook deliveries are signed", None)
        if data.channel == "slack" and not data.webhook_url:
            fail(["body", "webhook_url"], "give the Slack incoming webhook's URL", None)
        if data.channel != "email" and data.email_to:
            fail(["body", "email_to"], 'recipients need the "email" channel', None)
        if data.channel == "email" and data.webhook_url:
            fail(["body", "webhook_url"], 'the "email" channel sends no webhook', None)
        recipients: list[str] = []
        for index, raw in enumerate(data.email_to):
            address = raw.strip()
            if not EMAIL_ADDRESS.fullmatch(address):
                fail(["body", "email_to", index], f"not an e-mail address: {raw!r}", raw)
            recipients.append(address)
        if data.channel == "email":
            if not recipients:
                fail(["body", "email_to"], "name at least one recipient", data.email_to)
            if not (self.runtime.settings.smtp_host and self.runtime.settings.smtp_sender):
                fail(
                    ["body", "channel"],
                    "this server sends no e-mail: set AURA_SMTP_HOST and AURA_SMTP_SENDER",
                    data.channel,
                )
        if errors:
            raise InvalidInputError(errors)
        fields = data.fields if data.kind == "competitor_content_changed" else []
        return list(dict.fromkeys(fields)), list(dict.fromkeys(recipients))

    async def _check_webhook(self, raw: str | None) -> str | None:
        """The webhook URL, normalised; 422 for another scheme or, unless private networks
        are allowed, a private or loopback target (by address, or by what the name resolves
        to now: the guard checks again at each delivery)."""
        if raw is None or not raw.strip():
            return None
        allow_private = self.runtime.settings.allow_private_networks
        try:
            url = normalise_url(raw, allow_private=allow_private)
        except InvalidUrlError as error:
            raise InvalidInputError.single(["body", "webhook_url"], str(error), raw) from None
        if allow_private:
            return url
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
        policy = self.runtime.policy
        try:
            async with asyncio.timeout(WEBHOOK_LOOKUP_SECONDS):
                addresses = await policy.resolver(host, port)
        except (OSError, TimeoutError):
            return url  # not resolvable now; each delivery resolves it through the guard
        if any(not policy.permits(address, port) for address in addresses):
            raise InvalidInputError.single(
                ["body", "webhook_url"],
                f"{raw.strip()!r} resolves to a private or loopback address, which this server "
                "does not connect to (AURA_ALLOW_PRIVATE_NETWORKS)",
                raw,
            )
        return url

    async def delete_rule(
        self, session: AsyncSession, set_id: uuid.UUID, rule_id: uuid.UUID
    ) -> None:
        await self._set(session, set_id)
        if not await AlertRepository(session).delete_rule(set_id, rule_id):
            raise NotFoundError(f"alert rule {rule_id} not found in set {set_id}")

    async def alerts(self, session: AsyncSession, set_id: uuid.UUID) -> AlertList:
        await self._set(session, set_id)
        alerts = await AlertRepository(session).alerts(set_id, ALERTS_LISTED)
        return AlertList(items=[alert_read(alert) for alert in alerts])

    async def visual_path(
        self, session: AsyncSession, set_id: uuid.UUID, batch_id: uuid.UUID, name: str
    ) -> Path | None:
        """The overlay image ``name`` (as a change document's ``visual.overlay`` gives it)
        of run ``batch_id`` of the set, or None if there is none."""
        await self._run(session, set_id, batch_id)
        found = overlay_path(self.runtime.screenshots, batch_id, name)
        if found is None:
            return None
        before_id, path = found
        await self._run(session, set_id, before_id)
        return path if path.is_file() else None
