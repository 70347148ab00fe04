"""Page and user text written to a terminal, a Markdown file or a spreadsheet is shown,
never obeyed: escape sequences, autolinks, formulas."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner, Result

from aura.cli.main import app
from aura.config import get_settings
from aura.neutralise import for_csv, for_markdown, for_terminal
from aura.reports import export
from tests.cli.conftest import cli_environment
from tests.cli.test_sets_cli import OWN_PAGE, RIVAL_BEFORE, page, site
from tests.reports import builders
from tests.reports.builders import make_report
from tests.support.servers import Route, ScriptedSite, serve_scripted

#: What a terminal would obey: clear the screen, a hyperlink to elsewhere (OSC 8), the
#: window title, the bell, a carriage return over the line, an 8-bit CSI, a right-to-left
#: override, a lone ESC.
CLEAR = "\x1b[2J\x1b[H"
HYPERLINK = "\x1b]8;;https://evil.example/\x1b\\Support\x1b]8;;\x1b\\"
TITLE = "\x1b]0;owned\x07"
HOSTILE = f"{CLEAR}Half price {HYPERLINK} {TITLE}\rgone \u009b2J \u202eevil\u202c \x1b"
#: Characters none of the terminal outputs may hold.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

runner = CliRunner()


def aura(*args: str) -> Result:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result


def _assert_shown_not_obeyed(output: str) -> None:
    assert not OBEYED.findall(output), sorted(set(OBEYED.findall(output)))
    assert "␛" in output  # shown, as its stand-in


class TestHelpers:
    def test_terminal(self) -> None:
        shown = for_terminal(HOSTILE)
        assert not OBEYED.findall(shown)
        assert "Half price" in shown
        assert "[2J" in shown  # the rest of the sequence is visible text
        assert for_terminal("line one\nline two\tend") == "line one\nline two\tend"
        assert for_terminal("a\nb", one_line=True) == "a b"
        assert for_terminal("Café ☕ — 日本") == "Café ☕ — 日本"

    @pytest.mark.parametrize(
        "text",
        [
            "visit www.evil.example now",
            "WWW.Evil.Example",
            "https://evil.example/path",
            "mailto:someone@evil.example",
            "someone@evil.example",
            "xmpp:foo@evil.example",
            "[click](https://evil.example)",
            "<https://evil.example>",
            "<img src=x onerror=alert(1)>",
            "&lt;b&gt;",
            "![x](https://evil.example/pixel.png)",
        ],
    )
    def test_markdown_leaves_no_link_and_no_html(self, text: str) -> None:
        escaped = for_markdown(text)
        # What GFM's autolink extension looks for is gone: "www.", a scheme's colon, an "@".
        assert not re.search(r"www\.", escaped, re.IGNORECASE)
        assert not re.search(r"(?<!\\)(:\S|@)", escaped)
        rendered = MarkdownIt("commonmark").renderInline(escaped)
        assert "<a " not in rendered
        assert "<img" not in rendered
        # And the reader sees the text exactly as the page wrote it.
        assert html.unescape(rendered) == text

    def test_markdown_shows_control_characters(self) -> None:
        assert not OBEYED.findall(for_markdown(HOSTILE))

    @pytest.mark.parametrize(
        "cell",
        [
            "=HYPERLINK(1)",
            "+1+cmd",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            " =1",
            "\uff1d1+1",
            "\uff0bcmd",
        ],
    )
    def test_csv_cells_never_start_a_formula(self, cell: str) -> None:
        shown = for_csv(cell)
        assert shown.startswith("'")
        assert not OBEYED.findall(shown)

    def test_csv_numbers_stay_numbers(self) -> None:
        assert for_csv("-12.5") == "-12.5"
        assert for_csv("+3") == "+3"


class TestExports:
    def test_markdown_and_csv_exports_hold_no_control_characters_or_autolinks(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # The builders' hostile title and headline, with terminal escapes and a www. link.
        monkeypatch.setattr(builders, "HOSTILE", f"{HOSTILE} www.evil.example")
        report = make_report(name=f"Q4 {TITLE} www.evil.example")
        markdown = export(report, "md").content.decode()
        assert not OBEYED.findall(markdown)
        assert "www.evil" not in markdown
        csv_text = export(report, "csv").content.decode()
        assert not OBEYED.findall(csv_text.replace("\r\n", "\n"))


@pytest.fixture
def environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> Iterator[None]:
    monkeypatch.chdir(tmp_path)
    for name, value in cli_environment(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AURA_DATABASE_URL", database_url)
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("environment")
def test_terminal_commands_show_page_and_user_text_without_obeying_it() -> None:
    name = f"Rivals{CLEAR}{TITLE}"
    own_site: ScriptedSite = site(OWN_PAGE)
    rival_site: ScriptedSite = site(RIVAL_BEFORE)
    with serve_scripted(own_site) as own, serve_scripted(rival_site) as rival:
        aura("sets", "create", name, own.url("/"), rival.url("/"), "--primary", own.url("/"))
        first = aura("sets", "run", name)
        rival.routes["/"] = Route(body=page(HOSTILE, f"Buy {HYPERLINK}"))
        second = aura("sets", "run", name)
    for output in (first.stdout, first.stderr, second.stdout, second.stderr):
        assert not OBEYED.findall(output)
    _assert_shown_not_obeyed(second.stdout)  # the changes, with the new headline

    changes = aura("sets", "changes", name)
    _assert_shown_not_obeyed(changes.stdout)
    assert "Half price" in changes.stdout
    markdown = aura("sets", "changes", name, "--format", "md")
    _assert_shown_not_obeyed(markdown.stdout)

    listed = aura("batches", "list")
    _assert_shown_not_obeyed(listed.stdout)
    batch_id = re.findall(r"[0-9a-f]{8}-[0-9a-f-]{27}", listed.stdout)[0]
    shown = aura("batches", "show", batch_id)
    _assert_shown_not_obeyed(shown.stdout)
    for fmt in ("md", "csv", "html", "json"):
        report = aura("report", batch_id, "--format", fmt, "-o", "-")
        assert not OBEYED.findall(report.stdout.replace("\r\n", "\n")), fmt
    listed_sets = aura("sets", "list")
    _assert_shown_not_obeyed(listed_sets.stdout)


@pytest.mark.usefixtures("environment")
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "table"])
def test_aura_audit_shows_page_text_without_obeying_it(as_json: bool) -> None:
    hostile_page = page(HOSTILE, f"Buy {HYPERLINK}").replace(
        b"<title>Rival Desk - help desk software</title>",
        f"<title>{HOSTILE}</title>".encode(),
    )
    with serve_scripted(site(hostile_page)) as served:
        result = aura("audit", served.url("/"), *(["--json"] if as_json else []))
    assert not OBEYED.findall(result.stdout)
    assert "Half price" in result.stdout
