"""``aura sets …`` and ``aura analyze --set``: a set run twice over sites that change."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from aura.cli.main import app
from aura.config import get_settings
from aura.history.document import RunChanges
from aura.reports import ReportDocument
from aura.sets.schemas import AlertList, SetList
from tests.cli.conftest import ROBOTS, cli_environment
from tests.sets.webhook_support import receiving
from tests.support.servers import Route, ScriptedSite, serve_scripted

runner = CliRunner()

#: Rich markup in page text: the views must print it as it is, never interpret it.
MARKUP = "[bold red]Half price[/bold red] [link=https://evil.example]today[/link]"


def page(headline: str, cta: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rival Desk - help desk software</title>
<meta name="description" content="Rival Desk answers every customer email and chat.">
</head><body>
<header><nav><a href="/features">Features</a> <a href="/about">About</a></nav></header>
<main><h1>{headline}</h1>
<p>Rival Desk keeps every conversation in one place.</p>
<a class="btn" href="/trial">{cta}</a></main>
</body></html>""".encode()


OWN_PAGE = page("One inbox for every customer", "Start free trial")
RIVAL_BEFORE = page("The help desk teams love", "Book a demo")
RIVAL_AFTER = page(MARKUP, "Try it free")


def site(body: bytes) -> ScriptedSite:
    return ScriptedSite(
        routes={
            "/": Route(body=body),
            "/robots.txt": Route(body=ROBOTS, headers={"Content-Type": "text/plain"}),
        },
        default=None,
    )


@pytest.fixture
def environment(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The ``aura`` command's environment, on the test database (SQLite and PostgreSQL)."""
    monkeypatch.chdir(tmp_path)  # no stray .env file
    for name, value in cli_environment(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AURA_DATABASE_URL", database_url)
    monkeypatch.setenv("COLUMNS", "200")  # page text on one line, for the assertions
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def sites() -> Iterator[tuple[ScriptedSite, ScriptedSite]]:
    with serve_scripted(site(OWN_PAGE)) as own, serve_scripted(site(RIVAL_BEFORE)) as rival:
        yield own, rival


def aura(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def ok(*args: str) -> Result:
    result = aura(*args)
    assert result.exit_code == 0, result.stderr
    return result


def create_rivals(own: ScriptedSite, rival: ScriptedSite, *extra: str) -> None:
    ok("sets", "create", "Rivals", own.url("/"), rival.url("/"), "--primary", own.url("/"), *extra)


@pytest.mark.usefixtures("environment")
def test_a_set_run_twice_shows_what_changed_and_raises_its_alerts(
    sites: tuple[ScriptedSite, ScriptedSite],
) -> None:
    own, rival = sites
    create_rivals(own, rival)
    rule = ok("sets", "rules", "add", "Rivals", "--kind", "competitor_content_changed")
    assert "A competitor's headline, pricing changes" in rule.stdout

    first = ok("sets", "run", "Rivals")
    rival.routes["/"] = Route(body=RIVAL_AFTER)
    second = ok("sets", "run", "Rivals")

    assert "First run of Rivals" in first.stderr
    assert "Ranking" in first.stdout
    assert f"✓ {rival.url('/')} done" in second.stderr
    assert "Rivals: changes" in second.stdout
    assert MARKUP in second.stdout  # the new headline, as the page wrote it
    assert "Book a demo" in second.stdout  # the call to action that went
    assert "Alerts of Rivals" in second.stdout
    assert "no webhook" in second.stdout

    changes = RunChanges.model_validate_json(ok("sets", "changes", "Rivals", "-f", "json").stdout)
    by_url = {entry.url: entry for entry in changes.sites}
    assert by_url[own.url("/")].content == []
    assert by_url[rival.url("/")].status == "changed"
    headline = next(item for item in by_url[rival.url("/")].content if item.field == "headline")
    assert headline.after == MARKUP

    markdown = ok("sets", "changes", "Rivals", "--format", "md").stdout
    assert markdown.startswith("# Rivals: changes")
    assert "\\[bold red\\]Half price" in markdown

    alerts = AlertList.model_validate_json(ok("sets", "alerts", "Rivals", "-f", "json").stdout)
    assert [alert.site for alert in alerts.items] == [rival.url("/")]
    assert alerts.items[0].batch_id == changes.after.batch_id

    shown = ok("sets", "show", "Rivals", "--format", "json").stdout
    runs = json.loads(shown)["runs"]["items"]
    assert runs[0]["batch_id"] == str(changes.after.batch_id)
    assert [run["trigger"] for run in runs] == ["cli", "cli"]

    trends = ok("sets", "trends", "Rivals").stdout
    assert "overall score per run" in trends
    assert "(you)" in trends


@pytest.mark.usefixtures("environment")
def test_analyze_set_delivers_its_alerts_and_changes_between_chosen_runs(
    sites: tuple[ScriptedSite, ScriptedSite],
) -> None:
    own, rival = sites
    create_rivals(own, rival)
    with receiving(200) as receiver:
        ok(
            "sets",
            "rules",
            "add",
            "Rivals",
            "--kind",
            "competitor_content_changed",
            "--field",
            "headline",
            "--webhook",
            receiver.url,
            "--secret",
            "s3cret",
        )
        first = ReportDocument.model_validate_json(
            ok("analyze", "--set", "Rivals", "--format", "json").stdout
        )
        rival.routes["/"] = Route(body=RIVAL_AFTER)
        ok("analyze", "--set", "Rivals", "--format", "json")
        rival.routes["/"] = Route(body=RIVAL_BEFORE)
        ok("analyze", "--set", "Rivals", "--format", "json")

    assert [site.url for site in first.comparison.sites] == [own.url("/"), rival.url("/")]
    # The headline changed in the second run and back in the third: one alert each, sent
    # before the command ended.
    assert len(receiver.requests) == 2
    assert receiver.verified("s3cret")
    alerts = AlertList.model_validate_json(ok("sets", "alerts", "Rivals", "-f", "json").stdout)
    assert [alert.delivery.status for alert in alerts.items] == ["delivered", "delivered"]
    # The first and the third run show the same page: nothing changed between them.
    from_first = ok(
        "sets", "changes", "Rivals", "--from", str(first.batch.id)[:8], "--format", "json"
    )
    changes = RunChanges.model_validate_json(from_first.stdout)
    assert changes.before.batch_id == first.batch.id
    assert [entry.content for entry in changes.sites] == [[], []]
    listed = SetList.model_validate_json(ok("sets", "list", "--format", "json").stdout)
    assert [(found.name, found.run_count) for found in listed.items] == [("Rivals", 3)]


@pytest.mark.usefixtures("environment")
def test_a_sets_labels_name_its_sites_in_runs_changes_and_alerts(
    sites: tuple[ScriptedSite, ScriptedSite],
) -> None:
    own, rival = sites
    create_rivals(own, rival, "--label", f"{rival.url('/')}=Desk Rival")
    ok("sets", "rules", "add", "Rivals", "--kind", "competitor_content_changed")
    shown = ok("sets", "show", "Rivals").stdout
    assert "Desk Rival (127.0.0.1:" in shown

    ok("sets", "run", "Rivals")
    rival.routes["/"] = Route(body=RIVAL_AFTER)
    second = ok("sets", "run", "Rivals")
    assert "Desk Rival" in second.stdout  # the ranking and the changes

    changes = RunChanges.model_validate_json(ok("sets", "changes", "Rivals", "-f", "json").stdout)
    assert {entry.url: entry.name for entry in changes.sites}[rival.url("/")] == "Desk Rival"
    assert "Desk Rival: " in " ".join(changes.summary)
    assert "## Desk Rival" in ok("sets", "changes", "Rivals", "--format", "md").stdout
    alerts = AlertList.model_validate_json(ok("sets", "alerts", "Rivals", "-f", "json").stdout)
    assert [alert.message.split(" changed")[0] for alert in alerts.items] == [
        "Competitor Desk Rival"
    ]

    relabelled = ok("sets", "update", "Rivals", "--no-labels", "-f", "json").stdout
    assert json.loads(relabelled)["labels"] == {}


@pytest.mark.usefixtures("environment")
def test_update_and_delete(sites: tuple[ScriptedSite, ScriptedSite]) -> None:
    own, rival = sites
    create_rivals(own, rival, "--every", "6")

    paused = ok("sets", "update", "Rivals", "--pause").stdout
    moved = ok("sets", "update", "Rivals", "--cron", "0 9 * * 1", "--tz", "Europe/Paris").stdout
    removed = ok("sets", "update", "Rivals", "--no-schedule", "--name", "Competitors").stdout
    deleted = ok("sets", "delete", "Competitors")

    assert "Every 6 hours" in paused
    assert "(paused)" in paused
    assert "Every Monday at 09:00 (Europe/Paris)" in moved
    assert "(paused)" in moved  # a new schedule stays paused until --resume
    assert "manual" in removed
    assert "Deleted set Competitors" in deleted.stderr
    assert aura("sets", "show", "Competitors").exit_code == 1


@pytest.mark.usefixtures("environment")
def test_a_sets_crawl_is_given_changed_and_dropped_with_the_batch_options(
    sites: tuple[ScriptedSite, ScriptedSite],
) -> None:
    own, rival = sites
    create_rivals(own, rival, "--pages", "40", "--depth", "3", "--include", "/blog/*")

    created = ok("sets", "show", "Rivals").stdout
    deeper = json.loads(ok("sets", "update", "Rivals", "--depth", "4", "-f", "json").stdout)
    patterns = json.loads(
        ok(
            "sets", "update", "Rivals", "--exclude", "/tag/*", "--exclude", "*?page=*", "-f", "json"
        ).stdout
    )
    dropped = ok("sets", "update", "Rivals", "--pages", "1").stdout
    after_dropping = json.loads(ok("sets", "show", "Rivals", "-f", "json").stdout)
    again = json.loads(ok("sets", "update", "Rivals", "--pages", "7", "-f", "json").stdout)

    assert "up to 40 pages per site, depth 3, only /blog/*" in created
    # Each option changes what it names; the rest of the crawl stays.
    assert deeper["crawl"] == {
        "pages": 40, "depth": 4, "include": ["/blog/*"], "exclude": [], "subdomains": False,
    }  # fmt: skip
    assert patterns["crawl"]["exclude"] == ["/tag/*", "*?page=*"]
    assert patterns["crawl"]["include"] == ["/blog/*"]
    assert "start pages only" in dropped
    assert after_dropping["set"]["crawl"] is None
    assert again["crawl"] == {
        "pages": 7, "depth": 5, "include": [], "exclude": [], "subdomains": False,
    }  # fmt: skip


@pytest.mark.usefixtures("environment")
def test_a_set_without_a_crawl_needs_pages_for_its_options(
    sites: tuple[ScriptedSite, ScriptedSite],
) -> None:
    own, rival = sites
    create_rivals(own, rival)

    no_pages = aura("sets", "update", "Rivals", "--depth", "2")
    one_page = aura("sets", "update", "Rivals", "--pages", "1", "--include", "/blog/*")

    assert no_pages.exit_code == 2
    assert "--depth shape a crawl: give --pages N" in no_pages.stderr
    assert one_page.exit_code == 2
    assert "give no --include with it" in one_page.stderr
    assert json.loads(ok("sets", "show", "Rivals", "-f", "json").stdout)["set"]["crawl"] is None


@pytest.mark.usefixtures("environment")
def test_a_schedule_in_words_is_stored_as_cron_and_shown_in_words(
    sites: tuple[ScriptedSite, ScriptedSite],
) -> None:
    own, rival = sites
    create_rivals(own, rival, "--schedule", "weekdays 07:00", "--tz", "Europe/Paris")

    shown = ok("sets", "show", "Rivals").stdout
    stored = json.loads(ok("sets", "show", "Rivals", "--format", "json").stdout)["set"]
    moved = ok("sets", "update", "Rivals", "--schedule", "weekly friday 18:30").stdout
    listed = ok("sets", "list").stdout

    assert "Every weekday at 07:00 (Europe/Paris)" in shown
    assert stored["schedule"]["cron"] == "0 7 * * 1-5"
    assert stored["schedule"]["timezone"] == "Europe/Paris"
    # A new schedule keeps the set's time zone when --tz is left out.
    assert "Every Friday at 18:30 (Europe/Paris)" in moved
    assert "Every Friday at 18:30 (Europe/Paris)" in listed


CREATE = ["sets", "create", "S", "a.example", "b.example"]


@pytest.mark.usefixtures("environment")
@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["sets", "show", "Nobody"], 1, "no set named 'Nobody'"),
        (["sets", "run", "Nobody"], 1, "no set named 'Nobody'"),
        ([*CREATE, "--cron", "61 * * * *"], 2, "--cron: "),
        ([*CREATE, "--cron", "0 9 * * *", "--tz", "Mars/Base"], 2, "--tz: "),
        ([*CREATE, "--tz", "Europe/Paris"], 2, "give one of them with it"),
        ([*CREATE, "--every", "1", "--cron", "0 9 * * *"], 2, "one of --schedule, --every and"),
        ([*CREATE, "--schedule", "daily", "--every", "1"], 2, "one of --schedule, --every and"),
        ([*CREATE, "--schedule", "weekdays 7am"], 2, "--schedule: '7am' is not a time of day"),
        ([*CREATE, "--schedule", "monthly 07:00"], 2, "weekdays [HH:MM]"),
        ([*CREATE, "--ignore", "c.example=.x"], 2, "--ignore: "),
        ([*CREATE, "--ignore", "no-selector"], 2, "URL=SELECTOR"),
        ([*CREATE, "--pages", "0"], 2, "--pages: "),
        ([*CREATE, "--pages", "9", "--depth", "99"], 2, "--depth: "),
        ([*CREATE, "--pages", "9", "--include", "/" + "x" * 300], 2, "--include: "),
        (
            [*CREATE, "--pages", "9", "--exclude", "https://a.example/tag/*"],
            2,
            "--exclude: patterns match a URL's path and query, like /blog/*, "
            "not the whole URL (https://a.example/tag/*)",
        ),
        ([*CREATE, "--exclude", "/tag/*"], 2, "--exclude shape a crawl: give --pages N"),
        (["sets", "create", "S", "ftp://a.example", "b.example"], 2, "URL 1: "),
        (["sets", "changes", "Nobody", "--format", "pdf"], 2, "unknown format"),
        (["analyze", "--set", "S", "a.example"], 2, "give no URLs"),
        (["analyze"], 2, "or --set NAME"),
    ],
)
def test_mistakes_exit_non_zero_with_the_reason(args: list[str], code: int, message: str) -> None:
    result = aura(*args)

    assert result.exit_code == code, result.stdout
    assert message in result.stderr.replace("\n", " ")


@pytest.mark.usefixtures("environment")
def test_refusals_of_an_existing_set(sites: tuple[ScriptedSite, ScriptedSite]) -> None:
    own, rival = sites
    create_rivals(own, rival)

    duplicate = aura("sets", "create", "Rivals", own.url("/"), rival.url("/"))
    no_runs = aura("sets", "changes", "Rivals")
    unknown_run = aura("sets", "changes", "Rivals", "--to", str(uuid.uuid4()))
    bad_rule = aura("sets", "rules", "add", "Rivals", "--kind", "overtaken", "-c", "vibes")
    no_mail = aura(
        "sets", "rules", "add", "Rivals", "--kind", "overtaken",
        "--channel", "email", "--email", "team@example.test",
    )  # fmt: skip
    no_schedule = aura("sets", "update", "Rivals", "--pause")

    assert duplicate.exit_code == 1
    assert "already exists" in duplicate.stderr
    assert no_runs.exit_code == 1
    assert "no finished run" in no_runs.stderr
    assert unknown_run.exit_code == 1
    assert "is not a run of set" in unknown_run.stderr
    assert bad_rule.exit_code == 2
    assert no_mail.exit_code == 2
    assert "set AURA_SMTP_HOST and AURA_SMTP_SENDER" in no_mail.stderr
    assert "--category: unknown category 'vibes'" in bad_rule.stderr
    assert no_schedule.exit_code == 2
    assert "has no schedule" in no_schedule.stderr
