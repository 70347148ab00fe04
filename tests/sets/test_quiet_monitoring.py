"""A set of three real front pages (../shared/sites) run again and again: nothing is reported
while nothing changes, and one competitor's new title, price and headline are reported as
exactly that, with one alert per rule, delivered once over each channel (a signed webhook,
a Slack-compatible incoming webhook, e-mail over SMTP)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from aura.comparison.noise import VISUAL_CHANGE_PERCENT
from aura.db.migrate import upgrade
from tests.conftest import make_settings
from tests.sets.smtp_support import Mailbox, smtp_server
from tests.sets.test_tracking import browser_or_skip, running
from tests.sets.tracking_support import add_rule, alerts_delivered, create_set, run_set
from tests.sets.webhook_support import Receiver, receiving, valid_signature
from tests.support.servers import (
    SHARED_SITES,
    LoopbackServer,
    _QuietStatic,
    _serving,
    serve_directory,
)

OURS, RIVAL, OTHER = "01-sb-landing-page", "02-ud-play-bootstrap", "05-sb-new-age"
SECRET = "quiet-monitoring"
PUBLIC_URL = "https://aura.example.test"
#: What the rival changes in its copy of its page: its title, its first plan's price, its
#: headline (the price is one that the pricing extractor reads from this page).
EDITS = (
    ("<title>Play | Free Startup and SaaS Landing Page Template by UIdeck</title>",
     "<title>Play | The SaaS template teams ship with</title>"),
    ("<h4>$ 19.99/mo</h4>", "<h4>$ 24.99/mo</h4>"),
    ("Open-Source Web Template for SaaS, Startup, Apps, and More",
     "Launch your SaaS in a weekend"),
)  # fmt: skip


def _skip_without_shared_sites() -> None:
    if not (SHARED_SITES / RIVAL / "index.html").is_file():
        pytest.skip(f"the shared sites are not at {SHARED_SITES}")


def edited_copy(folder: Path) -> Path:
    """The rival's site with its page edited: every other file is a link to the original."""
    original = SHARED_SITES / RIVAL
    folder.mkdir()
    for entry in original.iterdir():
        if entry.name != "index.html":
            (folder / entry.name).symlink_to(entry)
    page = (original / "index.html").read_text(encoding="utf-8")
    for old, new in EDITS:
        assert page.count(old) == 1, old
        page = page.replace(old, new)
    (folder / "index.html").write_text(page, encoding="utf-8")
    return folder


@contextmanager
def outside_world() -> Iterator[tuple[Receiver, Receiver, Mailbox]]:
    with receiving(200) as webhook, receiving(200) as slack, smtp_server() as mailbox:
        yield webhook, slack, mailbox


def by_url(changes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {site["url"]: site for site in changes["sites"]}


def changed_fields(site: dict[str, Any]) -> list[str]:
    fields = [change["field"] for change in site["content"]]
    pricing = site["pricing"]
    return [*fields, *(["pricing"] if pricing and pricing["changes"] else [])]


async def _scenario(settings_for: Any, mode: str, tmp_path: Path) -> None:
    _skip_without_shared_sites()
    edited = edited_copy(tmp_path / "rival-edited")
    with ExitStack() as stack:
        ours = stack.enter_context(serve_directory(SHARED_SITES / OURS)) + "/"
        other = stack.enter_context(serve_directory(SHARED_SITES / OTHER)) + "/"
        rival_server = stack.enter_context(_switchable(SHARED_SITES / RIVAL))
        webhook, slack, mailbox = stack.enter_context(outside_world())
        settings = settings_for(mailbox)
        async with running(settings) as (_app, client):
            created = await create_set(
                client,
                name="Landing pages",
                urls=[ours, rival_server.url, other],
                primary_url=ours,
                mode=mode,
            )
            set_id = created["id"]
            watched = {
                "kind": "competitor_content_changed",
                "fields": ["title", "headline", "pricing"],
            }
            await add_rule(client, set_id, **watched, webhook_url=webhook.url, secret=SECRET)
            await add_rule(client, set_id, **watched, channel="slack", webhook_url=slack.url)
            await add_rule(
                client, set_id, **watched, channel="email", email_to=["team@example.test"]
            )
            for kind in ("overtaken", "score_dropped", "competitor_technology_changed"):
                await add_rule(client, set_id, kind=kind, webhook_url=webhook.url)

            await run_set(client, set_id, within=300)
            await run_set(client, set_id, within=300)
            quiet = (await client.get(f"/api/v1/sets/{set_id}/changes")).json()
            quiet_alerts = await alerts_delivered(client, set_id)

            rival_server.folder = edited
            third = await run_set(client, set_id, within=300)
            changes = (await client.get(f"/api/v1/sets/{set_id}/changes")).json()
            alerts = await alerts_delivered(client, set_id)

    # Nothing changed: nothing is reported, nothing is sent.
    assert [site["status"] for site in quiet["sites"]] == ["unchanged"] * 3, [
        (site["summary"], site["content"], site["technology"]) for site in quiet["sites"]
    ]
    assert [site["change_count"] for site in quiet["sites"]] == [0, 0, 0]
    assert quiet["overtakes"] == []
    assert quiet["summary"] == ["No changes since the previous run"]
    assert quiet_alerts == []

    # The rival changed its title, price and headline: exactly that is reported.
    sites = by_url(changes)
    assert [url for url, site in sites.items() if site["status"] == "changed"] == [
        rival_server.url
    ], [(url, site["summary"]) for url, site in sites.items() if site["status"] == "changed"]
    rival_changes = sites[rival_server.url]
    assert changed_fields(rival_changes) == ["title", "headline", "main_text", "pricing"]
    # The main text shows the same edit, line by line, and is not counted again.
    main_text = next(c for c in rival_changes["content"] if c["field"] == "main_text")
    assert sorted(main_text["added"]) == ["$ 24.99/mo", "Launch your SaaS in a weekend"], main_text
    (price,) = rival_changes["pricing"]["changes"]
    assert (price["before"]["price"], price["after"]["price"]) == (19.99, 24.99)
    shifted = (rival_changes["visual"] or {}).get("changed_percent") or 0
    visual = 1 if shifted >= VISUAL_CHANGE_PERCENT else 0
    assert rival_changes["change_count"] == 3 + visual, rival_changes["summary"]
    assert [site["change_count"] for site in (sites[ours], sites[other])] == [0, 0]
    assert changes["overtakes"] == []

    # One alert per matching rule, each delivered once over its channel.
    assert len(alerts) == 3, alerts
    assert {alert["delivery"]["status"] for alert in alerts} == {"delivered"}
    assert {alert["batch_id"] for alert in alerts} == {third}
    (hook,) = webhook.requests
    assert valid_signature(SECRET, hook)
    payload = json.loads(hook.body)
    assert payload["site"] == rival_server.url
    assert payload["details"]["fields"] == ["title", "headline", "pricing"]
    assert payload["link"] == f"{PUBLIC_URL}/sets/{set_id}?run={third}#changes"
    (message,) = [json.loads(request.body) for request in slack.requests]
    assert "changed its title, headline and pricing" in message["text"]
    assert f"<{PUBLIC_URL}/sets/{set_id}?run={third}#changes|See what changed>" in message["text"]
    (mail,) = mailbox.messages
    assert mailbox.envelopes == [("alerts@aura.example.test", ["team@example.test"])]
    # The rival is called by its name (its title's brand), not its address.
    assert str(mail["Subject"]).strip() == (
        "[Aura] Landing pages: Competitor Play changed its title, headline and pricing"
    )
    body = mail.get_content()
    assert "changed its title, headline and pricing" in body
    assert f"{PUBLIC_URL}/sets/{set_id}?run={third}#changes" in body


class _Switchable:
    """A loopback server whose folder the test can switch between requests."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = ""


@contextmanager
def _switchable(folder: Path) -> Iterator[_Switchable]:
    served = _Switchable(folder)

    class Handler(_QuietStatic):
        def translate_path(self, path: str) -> str:
            self.directory = str(served.folder)
            return super().translate_path(path)

    with _serving(LoopbackServer(("127.0.0.1", 0), functools.partial(Handler))) as base:
        served.url = base + "/"
        yield served


def _settings(database_url: str, tmp_path: Path, mailbox: Mailbox, **extra: Any) -> Any:
    return make_settings(
        database_url,
        tmp_path / "data",
        webhook_max_attempts=3,
        webhook_retry_min_delay=0.05,
        webhook_retry_max_delay=0.2,
        smtp_host=mailbox.host,
        smtp_port=mailbox.port,
        smtp_tls="none",
        smtp_sender="alerts@aura.example.test",
        public_url=PUBLIC_URL,
        **extra,
    )


async def test_static_runs_of_unchanged_pages_are_quiet_and_one_edit_is_told_once(
    database_url: str, tmp_path: Path
) -> None:
    await _scenario(lambda mailbox: _settings(database_url, tmp_path, mailbox), "static", tmp_path)


@pytest.fixture
def sqlite_database(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
    upgrade(url)
    return url


async def test_browser_runs_of_unchanged_pages_are_quiet_and_one_edit_is_told_once(
    sqlite_database: str, tmp_path: Path
) -> None:
    browser = browser_or_skip()
    await _scenario(
        lambda mailbox: _settings(
            sqlite_database,
            tmp_path,
            mailbox,
            default_mode="browser",
            chromium_path=browser.executable,
            axe_core_path=browser.axe_core,
            analysis_timeout=90.0,
            job_lease_seconds=120.0,
            browser_page_budget=20.0,
        ),
        "browser",
        tmp_path,
    )
