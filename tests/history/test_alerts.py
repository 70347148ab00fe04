"""Alert rules: each kind fires exactly when it should, once per subject, with stable subjects."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from aura.history.alerts import SUBJECT_LENGTH, RuleSpec, evaluate, subject
from aura.history.diff import diff_runs
from aura.history.document import RunChanges
from aura.history.inputs import RunInput
from tests.history import scenario
from tests.history.builders import A, B, C, page, run, site, snapshot

RULE = uuid.UUID(int=7)


def rule(
    kind: str, category: str = "overall", points: float | None = None, fields: tuple[str, ...] = ()
) -> RuleSpec:
    return RuleSpec(id=RULE, kind=kind, category=category, points=points, fields=fields)


def _changes() -> RunChanges:
    return diff_runs(scenario.before(), scenario.after(), scenario.VISUALS)


def test_overtaken_fires_for_the_category_a_competitor_took() -> None:
    (event,) = evaluate([rule("overtaken", "seo")], _changes())
    assert (event.rule_id, event.kind, event.site) == (RULE, "overtaken", B)
    assert event.subject == f"overtaken:seo:{B}"
    assert event.message == "Competitor b.example overtook you in SEO (72 → 100 vs your 78)"
    assert event.details["your_after"] == 78
    assert event.details["competitor_after"] == 100
    assert evaluate([rule("overtaken", "overall")], _changes()) == []
    assert evaluate([rule("overtaken", "performance")], _changes()) == []


def test_content_changed_names_the_watched_fields_of_competitors_only() -> None:
    (event,) = evaluate(
        [rule("competitor_content_changed", fields=("headline", "pricing", "title"))], _changes()
    )
    assert event.site == B
    assert event.subject == f"content:{B}:headline,pricing"
    assert event.message == "Competitor b.example changed its headline and pricing"
    assert event.details["changes"]["headline"]["after"] == "Projects, done right"
    assert [p["change"] for p in event.details["changes"]["pricing"]] == [
        "added",
        "price",
        "removed",
    ]
    assert evaluate([rule("competitor_content_changed", fields=("title",))], _changes()) == []


def test_content_changed_without_fields_watches_them_all() -> None:
    (event,) = evaluate([rule("competitor_content_changed")], _changes())
    assert event.details["fields"] == ["headline", "calls_to_action", "main_text", "pricing"]
    assert event.details["changes"]["calls_to_action"]["added"] == ["Book a demo"]


def test_technology_changed_counts_additions_and_removals_not_versions() -> None:
    (event,) = evaluate([rule("competitor_technology_changed")], _changes())
    assert event.subject == f"technology:{B}"
    assert event.message == "Competitor b.example now uses React and no longer uses jQuery"
    assert (event.details["added"], event.details["removed"]) == (["React"], ["jQuery"])


def test_a_version_change_alone_raises_nothing() -> None:
    def tech(version: str) -> dict[str, Any]:
        return page(technologies=[{"name": "WordPress", "version": version}])

    before = run(site(A, page(), primary=True), site(B, tech("6.3")))
    after = run(site(A, page(), primary=True), site(B, tech("6.4")), day=1)
    assert evaluate([rule("competitor_technology_changed")], diff_runs(before, after)) == []


def test_the_primary_adopting_a_technology_is_not_a_competitor_change() -> None:
    before = run(site(A, page(technologies=[]), primary=True), site(B, page()))
    after = run(
        site(A, page(technologies=[{"name": "React"}]), primary=True), site(B, page()), day=1
    )
    assert evaluate([rule("competitor_technology_changed")], diff_runs(before, after)) == []


def test_score_dropped_fires_at_the_threshold() -> None:
    (event,) = evaluate([rule("score_dropped", "accessibility", points=4)], _changes())
    assert (event.site, event.subject) == (A, f"score_dropped:accessibility:{A}")
    assert event.message == "Your Accessibility score fell by 4 points (90 → 86)"
    assert (event.details["before"], event.details["after"]) == (90, 86)
    assert evaluate([rule("score_dropped", "accessibility", points=5)], _changes()) == []
    (overall,) = evaluate([rule("score_dropped", points=1)], _changes())
    assert overall.message == "Your overall score fell by 6 points (82.7 → 76.7)"
    assert evaluate([rule("score_dropped", "seo", points=1)], _changes()) == []


def test_re_evaluation_gives_identical_events() -> None:
    rules = [
        rule("overtaken", "seo"),
        rule("competitor_content_changed"),
        rule("competitor_technology_changed"),
        rule("score_dropped", "accessibility", points=2),
    ]
    first, second = evaluate(rules, _changes()), evaluate(rules, _changes())
    assert first == second
    assert len({(event.rule_id, event.subject) for event in first}) == 4


def test_nothing_without_a_primary_site() -> None:
    def without_primary(runs: RunInput, day: int) -> RunInput:
        sites = [dataclasses.replace(s, is_primary=False) for s in runs.sites]
        return run(*sites, primary_url=None, day=day)

    changes = diff_runs(without_primary(scenario.before(), 0), without_primary(scenario.after(), 1))
    rules = [rule("competitor_content_changed"), rule("competitor_technology_changed")]
    assert evaluate(rules, changes) == []


def test_unknown_rule_kinds_are_ignored() -> None:
    assert evaluate([rule("sunspots")], _changes()) == []


def test_long_subjects_are_cut_but_stay_unique() -> None:
    long_url = "https://b.example/" + "x" * 400
    first, second = subject("content", long_url, "headline"), subject("content", long_url, "title")
    assert len(first) == len(second) == SUBJECT_LENGTH
    assert first != second


def test_a_digest_rule_raises_one_event_per_run_listing_everything() -> None:
    def day(number: int, title: str) -> RunInput:
        return run(
            site(A, page(snapshot_=snapshot()), primary=True),
            site(B, page(snapshot_=snapshot(title=f"B {title}"))),
            site(C, page(snapshot_=snapshot(title=f"C {title}"))),
            day=number,
        )

    changes = diff_runs(day(0, "old"), day(1, "new"))
    watched: dict[str, Any] = {"category": "overall", "points": None, "fields": ("title",)}
    separate = evaluate([RuleSpec(id=RULE, kind="competitor_content_changed", **watched)], changes)
    (digest,) = evaluate(
        [RuleSpec(id=RULE, kind="competitor_content_changed", digest=True, **watched)], changes
    )
    assert [event.site for event in separate] == [B, C]
    assert (digest.subject, digest.site) == ("digest", None)
    assert digest.message.splitlines() == [
        "2 alerts in this run:",
        "- Competitor b.example changed its title",
        "- Competitor c.example changed its title",
    ]
    assert [item["details"] for item in digest.details["digest"]] == [
        event.details for event in separate
    ]


def _labelled(run_input: RunInput, labels: dict[str, str]) -> RunInput:
    sites = [dataclasses.replace(s, label=labels.get(s.url)) for s in run_input.sites]
    return run(*sites, day=run_input.ref.created_at.day)


def test_changes_and_alerts_call_a_site_by_its_name_not_its_host() -> None:
    labels = {A: "Acme", B: "Rival <Desk>"}
    changes = diff_runs(
        _labelled(scenario.before(), labels), _labelled(scenario.after(), labels), scenario.VISUALS
    )
    assert {entry.url: entry.name for entry in changes.sites}[B] == "Rival <Desk>"
    assert any(line.startswith("Rival <Desk>: ") for line in changes.summary)

    (overtaken,) = evaluate([rule("overtaken", "seo")], changes)
    assert overtaken.message.startswith("Competitor Rival <Desk> overtook you in SEO")
    (content,) = evaluate([rule("competitor_content_changed", fields=("headline",))], changes)
    assert content.message == "Competitor Rival <Desk> changed its headline"
    assert all("b.example" not in event.message for event in (overtaken, content))
