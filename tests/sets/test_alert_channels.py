"""Alert channels: Slack messages and e-mails say the alert in words, keep a page's text
as text, reach a real (local) SMTP server, and rules for them are checked when created."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from pathlib import Path

import httpx

from aura.models import Alert
from aura.sets.webhooks import Delivery, change_link, email_text, send_email, slack_payload
from tests.conftest import make_settings
from tests.sets.smtp_support import smtp_server
from tests.sets.test_monitoring_api import error_locations, new_set

SET_ID, RUN, PREVIOUS, ALERT = (uuid.UUID(int=n) for n in (1, 2, 3, 4))
HOSTILE = "Competitor x.example changed its headline: <https://evil.example|Click> & <!here>"


def _alert(message: str = HOSTILE) -> Alert:
    return Alert(
        id=ALERT,
        set_id=SET_ID,
        batch_id=RUN,
        previous_batch_id=PREVIOUS,
        kind="competitor_content_changed",
        site="https://x.example/",
        subject="content",
        message=message,
        details={},
        created_at=dt.datetime(2026, 12, 6, tzinfo=dt.UTC),
    )


def test_a_slack_message_keeps_page_text_as_text_and_links_to_the_changes() -> None:
    link = change_link("https://aura.example.test/", _alert())
    assert link == f"https://aura.example.test/sets/{SET_ID}?run={RUN}#changes"
    text = slack_payload(_alert(), "Rivals <& co>", link)["text"]
    assert text.splitlines() == [
        "*Aura · Rivals &lt;&amp; co&gt;*",
        "Competitor x.example changed its headline: "
        "&lt;https://evil.example|Click&gt; &amp; &lt;!here&gt;",
        f"<{link}|See what changed>",
    ]
    # Without a public address there is nothing to link to.
    assert slack_payload(_alert(), "Rivals", None)["text"].count("<") == 0


def test_an_email_subject_is_one_line_whatever_the_page_wrote() -> None:
    subject, body = email_text(
        _alert("Competitor changed its title\r\nBcc: all@x.example"), "R", None
    )
    assert subject == "[Aura] R: Competitor changed its title"
    assert "Bcc: all@x.example" in body  # in the body, as text, not a header
    long_subject, _ = email_text(_alert("x" * 500), "R", None)
    assert len(long_subject) == 160
    assert long_subject.endswith("…")


def test_an_email_reaches_the_smtp_server(tmp_path: Path) -> None:
    subject, text = email_text(_alert(), "Rivals", "https://aura.example.test/sets/1")
    delivery = Delivery(ALERT, 1, "", None, b"", "email", ("a@x.test", "b@x.test"), subject, text)
    with smtp_server() as mailbox:
        settings = make_settings(
            "sqlite+aiosqlite://",
            tmp_path,
            smtp_host=mailbox.host,
            smtp_port=mailbox.port,
            smtp_tls="none",
            smtp_sender="aura@x.test",
        )
        assert send_email(delivery, settings) is None
    (message,) = mailbox.messages
    assert mailbox.envelopes == [("aura@x.test", ["a@x.test", "b@x.test"])]
    assert (message["From"], message["To"]) == ("aura@x.test", "a@x.test, b@x.test")
    assert message["X-Aura-Delivery"] == str(ALERT)
    assert HOSTILE in message.get_content()


def test_an_unreachable_smtp_server_is_an_error_without_the_password(tmp_path: Path) -> None:
    with smtp_server() as mailbox:
        port = mailbox.port  # closed again when the block ends
    settings = make_settings(
        "sqlite+aiosqlite://",
        tmp_path,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls="starttls",
        smtp_username="aura",
        smtp_password="hunter2-secret",
        smtp_sender="aura@x.test",
        smtp_timeout=2.0,
    )
    delivery = Delivery(ALERT, 1, "", None, b"", "email", ("a@x.test",), "s", "t")
    error = send_email(delivery, settings)
    assert error is not None
    assert "could not send the e-mail through 127.0.0.1" in error
    assert "hunter2" not in error
    assert "hunter2" not in repr(settings)
    unconfigured = send_email(replace(delivery), make_settings("sqlite+aiosqlite://", tmp_path))
    assert unconfigured == "this server sends no e-mail (AURA_SMTP_HOST, AURA_SMTP_SENDER)"


class TestChannelRules:
    async def test_an_email_rule_needs_recipients_and_a_server_that_sends_mail(
        self, client: httpx.AsyncClient
    ) -> None:
        set_id = await new_set(client)
        response = await client.post(
            f"/api/v1/sets/{set_id}/alert-rules",
            json={"kind": "overtaken", "channel": "email", "email_to": ["not an address"]},
        )
        assert error_locations(response) == [
            ["body", "email_to", 0],
            ["body", "channel"],
        ]

    async def test_slack_needs_its_url_and_is_not_signed(self, client: httpx.AsyncClient) -> None:
        set_id = await new_set(client)
        response = await client.post(
            f"/api/v1/sets/{set_id}/alert-rules",
            json={"kind": "overtaken", "channel": "slack", "secret": "s"},
        )
        assert error_locations(response) == [
            ["body", "secret"],
            ["body", "secret"],
            ["body", "webhook_url"],
        ]
        created = await client.post(
            f"/api/v1/sets/{set_id}/alert-rules",
            json={
                "kind": "overtaken",
                "channel": "slack",
                "webhook_url": "https://hooks.slack.example/T1/B2",
                "digest": True,
            },
        )
        assert created.status_code == 201, created.text
        rule = created.json()
        assert (rule["channel"], rule["digest"], rule["email_to"]) == ("slack", True, [])
