"""Content changes: normalisation keeps dates and counters out; readable diffs of what changed."""

from __future__ import annotations

import pytest

from aura.history.content import (
    MAIN_TEXT_SEGMENTS,
    added_and_removed,
    content_changes,
    normalise,
    word_diff,
)
from tests.history.builders import snapshot


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Updated 2026-11-28", "Updated 2026-12-01"),
        ("Last build 2026-11-28T14:05:00Z", "Last build 2026-11-29T08:00:13+01:00"),
        ("Posted 28/11/2026", "Posted 01/12/2026"),
        ("News of Nov 28, 2026", "News of Dec 1, 2026"),
        ("Sale ends 28 November 2026", "Sale ends 3rd December 2026"),
        ("Saturday, 28 November 2026", "Monday, 30 November 2026"),
        ("Offer valid until November 2026", "Offer valid until December 2026"),
        ("Opens at 14:05", "Opens at 9:30"),
        ("Live at 2:05 pm", "Live at 11:45 am"),
        ("Updated 3 days ago", "Updated 5 hours ago"),
        ("Prices updated today", "Prices updated yesterday"),
        ("Trusted by 12,345 teams", "Trusted by 12,911 teams"),
        ("Trusted by 12 345 teams", "Trusted by 13 002 teams"),
        ("1.2k stars", "1.3k stars"),
        ("10k+ reviews", "11k+ reviews"),
        ("48213 downloads", "51020 downloads"),
        ("Order   now\n", "order now"),
    ],
)
def test_noise_is_normalised_away(before: str, after: str) -> None:
    assert normalise(before) == normalise(after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Start your free trial", "Start your 30-day free trial"),
        ("Plans from $29", "Plans from $35"),
        ("We may help", "We can help"),
        ("Open 5 days a week", "Open 6 days a week"),
        ("Ship faster", "Ship smarter"),
    ],
)
def test_real_changes_survive_normalisation(before: str, after: str) -> None:
    assert normalise(before) != normalise(after)


def test_word_diff_shows_the_page_text_of_what_changed() -> None:
    segments = word_diff("Ship faster with Acme, since 2019", "Ship smarter with Acme, since 2019")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Ship"),
        ("delete", "faster"),
        ("insert", "smarter"),
        ("equal", "with Acme, since 2019"),
    ]


def test_list_items_are_matched_ignoring_case_and_order() -> None:
    added, removed = added_and_removed(
        ["Start free", "Book a demo", "Pricing"], ["pricing", "Start free", "Talk to sales"]
    )
    assert (added, removed) == (["Talk to sales"], ["Book a demo"])


def test_unchanged_snapshot_with_another_date_and_counter_has_no_changes() -> None:
    before = snapshot(
        headline="Join 12,345 teams",
        main_text="Blog\nUpdated Nov 28, 2026 at 14:05\nJoin 12,345 teams shipping faster",
    )
    after = snapshot(
        headline="join 12,980 teams",
        main_text="Blog\nUpdated Dec 1, 2026 at 09:12\nJoin 12,980  teams shipping faster",
    )
    assert content_changes(before, after) == []


def test_every_field_change_is_reported_with_its_values() -> None:
    before = snapshot()
    after = snapshot(
        title="Acme: tools for fast teams",
        meta_description=None,
        headline="Ship smarter with Acme",
        calls_to_action=["Start free", "Book a demo"],
        navigation=["Home", "Blog"],
        main_text="Ship smarter with Acme\nTools for teams of every size\nNow with AI",
    )
    changes = {change.field: change for change in content_changes(before, after)}
    assert list(changes) == [
        "title",
        "meta_description",
        "headline",
        "calls_to_action",
        "navigation",
        "main_text",
    ]
    assert changes["title"].summary == "Title changed"
    assert [(s.op, s.text) for s in changes["title"].diff if s.op != "equal"] == [
        ("insert", "fast")
    ]
    assert changes["meta_description"].summary == "Meta description removed"
    assert changes["meta_description"].after is None
    assert (changes["headline"].before, changes["headline"].after) == (
        "Ship faster with Acme",
        "Ship smarter with Acme",
    )
    assert changes["calls_to_action"].added == ["Book a demo"]
    assert changes["calls_to_action"].summary == "Calls to action: 1 added"
    assert changes["navigation"].removed == ["Pricing"]
    main = changes["main_text"]
    assert (main.added, main.removed) == (
        ["Ship smarter with Acme", "Now with AI"],
        ["Ship faster with Acme"],
    )
    assert main.summary == "Main text: 2 lines added, 1 line removed"
    assert [(s.op, s.text) for s in main.diff] == [
        ("delete", "Ship faster with Acme"),
        ("insert", "Ship smarter with Acme"),
        ("equal", "Tools for teams of every size"),
        ("insert", "Now with AI"),
    ]


def test_main_text_diff_keeps_little_context_and_is_capped() -> None:
    lines = [f"Paragraph number {word}" for word in ("one", "two", "three", "four", "five")] * 4
    changed = [*lines[:10], "A new paragraph", *lines[10:]]
    (change,) = content_changes(
        snapshot(main_text="\n".join(lines)), snapshot(main_text="\n".join(changed))
    )
    assert change.added == ["A new paragraph"]
    assert [s.op for s in change.diff] == ["equal", "equal", "insert", "equal", "equal"]

    many = "\n".join(f"Line {chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(400))
    other = "\n".join(f"Row {chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(400))
    (change,) = content_changes(snapshot(main_text=many), snapshot(main_text=other))
    assert len(change.diff) == MAIN_TEXT_SEGMENTS
    assert len(change.added) == len(change.removed) == 200


def test_snapshots_missing_on_either_side_report_nothing() -> None:
    assert content_changes(None, snapshot()) == []
    assert content_changes(snapshot(), None) == []
    # An analysis that did not record a field says nothing about it.
    assert [c.field for c in content_changes({"title": "Acme"}, snapshot())] == ["title"]
