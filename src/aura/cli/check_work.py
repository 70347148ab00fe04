"""What ``aura check`` does: judge the own site against its competitors' scores and the
floors given (``aura.cli.check`` declares the options and imports this module when the
command runs)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from aura.audit import scoring
from aura.cli.analyze_work import batch_request, execute, write_bytes
from aura.cli.plumbing import EXIT_FAILED, fail
from aura.cli.terminal import SafeConsole
from aura.comparison.document import ComparisonDocument
from aura.config import get_settings
from aura.reports.common import MISSING, score_text, site_label

OVERALL = "overall"


def scored_categories() -> list[str]:
    return [name for name, spec in scoring.CATEGORIES.items() if not spec.informative]


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def parse_categories(raw: str | None) -> list[str]:
    known = [OVERALL, *scored_categories()]
    if raw is None:
        return scored_categories()
    chosen = _split([raw])
    unknown = [name for name in chosen if name not in known]
    if unknown:
        fail(f"unknown categories {', '.join(unknown)}; choose from {', '.join(known)}")
    return chosen


def parse_floors(raw: list[str]) -> dict[str, float]:
    known = [OVERALL, *scored_categories()]
    floors: dict[str, float] = {}
    for item in _split(raw):
        name, sep, value = item.partition("=")
        name = name.strip().lower()
        if not sep or name not in known:
            fail(f"--fail-under takes CATEGORY=SCORE with a category of {', '.join(known)}")
        try:
            floors[name] = float(value)
        except ValueError:
            fail(f"--fail-under {item!r}: {value!r} is not a number")
        if not 0 <= floors[name] <= 100:
            fail(f"--fail-under {item!r}: scores go from 0 to 100")
    return floors


@dataclass(frozen=True)
class Line:
    category: str
    title: str
    own: float | None
    best_competitor: str | None
    best_score: float | None
    floor: float | None
    problems: tuple[str, ...]


@dataclass
class Verdict:
    own_url: str
    lines: list[Line] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def evaluate(
    document: ComparisonDocument,
    own_url: str,
    categories: list[str],
    floors: dict[str, float],
    tolerance: float = 0.0,
) -> Verdict:
    """Compare the own site with each competitor on ``categories`` and against ``floors``."""
    verdict = Verdict(own_url)
    own_site = next((site for site in document.sites if site.url == own_url), None)
    if own_site is None or not own_site.compared:
        reason = own_site.error if own_site is not None and own_site.error else "not compared"
        verdict.problems.append(f"Your site {own_url} could not be analysed: {reason}.")
        return verdict
    rankings = {ranking.category: ranking for ranking in document.rankings.categories}
    rankings[OVERALL] = document.rankings.overall
    for site in document.sites:
        if site.url != own_url and not site.compared:
            verdict.notes.append(
                f"{site.url} was left out ({site.error or site.status}); it is not checked."
            )
    for name in dict.fromkeys([*categories, *floors]):
        ranking = rankings.get(name)
        title = ranking.title if ranking is not None else name
        scores = {entry.url: entry.score for entry in ranking.entries} if ranking else {}
        own = scores.get(own_url)
        rivals = {url: score for url, score in scores.items() if url != own_url}
        best_url = max(rivals, key=lambda url: rivals[url], default=None)
        best = rivals[best_url] if best_url is not None else None
        problems: list[str] = []
        if name in categories and own is None:
            verdict.notes.append(f"{title}: your site has no score; not checked.")
        elif name in categories and best_url is not None and best is not None:
            behind = round(best - own, 1) if own is not None else 0.0
            if behind > tolerance:
                problems.append(
                    f"{title}: your site scores {own:g}, {behind:g} points behind "
                    f"{best_url} ({best:g})."
                )
        floor = floors.get(name)
        if floor is not None:
            if own is None:
                problems.append(f"{title}: your site has no score, and the floor is {floor:g}.")
            elif own < floor:
                problems.append(f"{title}: your site scores {own:g}, under the floor of {floor:g}.")
        verdict.problems.extend(problems)
        verdict.lines.append(Line(name, title, own, best_url, best, floor, tuple(problems)))
    return verdict


def print_verdict(verdict: Verdict, console: Console) -> None:
    table = Table(title=f"Gate for {verdict.own_url}", title_justify="left", expand=False)
    table.add_column("Category")
    table.add_column("You", justify="right")
    table.add_column("Best competitor", justify="right")
    table.add_column("Floor", justify="right")
    table.add_column("")
    for line in verdict.lines:
        best = MISSING
        if line.best_competitor is not None:
            best = f"{score_text(line.best_score)} ({site_label(line.best_competitor)})"
        table.add_row(
            line.title,
            score_text(line.own),
            Text(best),
            MISSING if line.floor is None else f"{line.floor:g}",
            Text("fail", style="bold red") if line.problems else Text("ok", style="green"),
        )
    console.print(table)
    for note in verdict.notes:
        console.print(Text(note, style="yellow"))
    if verdict.passed:
        console.print(Text("Passed: your site keeps up with every competitor checked.", "green"))
        return
    console.print(Text(f"Failed ({len(verdict.problems)}):", style="bold red"))
    for problem in verdict.problems:
        console.print(Text("  • " + problem))


def check_sites(
    own_url: str,
    *,
    against: list[str],
    categories: str | None,
    fail_under: list[str],
    tolerance: float,
    mode: str | None,
    as_json: bool,
) -> None:
    """``aura check``, its options parsed (``aura.cli.check``)."""
    chosen = parse_categories(categories)
    floors = parse_floors(fail_under)
    competitors = _split(against)
    request = batch_request([own_url, *competitors], name="aura check", primary=own_url, mode=mode)
    outcome = execute(get_settings(), request)
    if outcome.report is None:
        fail("no comparison: every URL failed.", EXIT_FAILED)
    document = outcome.report.comparison
    primary = document.primary_url or own_url
    verdict = evaluate(document, primary, chosen, floors, tolerance)
    if as_json:
        body = {
            "passed": verdict.passed,
            "own_url": verdict.own_url,
            "batch_id": str(outcome.batch.id),
            "problems": verdict.problems,
            "notes": verdict.notes,
            "categories": [
                {
                    "category": line.category,
                    "score": line.own,
                    "best_competitor": line.best_competitor,
                    "best_competitor_score": line.best_score,
                    "floor": line.floor,
                    "passed": not line.problems,
                }
                for line in verdict.lines
            ],
        }
        write_bytes((json.dumps(body, indent=2) + "\n").encode("utf-8"))
    else:
        print_verdict(verdict, SafeConsole())
    if not verdict.passed:
        raise typer.Exit(EXIT_FAILED)
