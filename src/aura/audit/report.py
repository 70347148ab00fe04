"""The analysis result as Rich tables, one per category (for ``aura audit URL``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _score_text(score: float | None, mode: str) -> str:
    if mode == "error":
        return "[red]error[/]"
    if score is None:
        return "[dim]—[/]" if mode != "informative" else "[blue]info[/]"
    colour = "green" if score >= 0.9 else ("yellow" if score >= 0.5 else "red")
    return f"[{colour}]{round(score * 100)}[/]"


def render_report(result: dict[str, Any], console: Console) -> None:
    """Print ``result`` (what ``analyze_url`` returns). Page text is escaped: it is untrusted."""
    console.print(
        f"[bold]{escape(str(result.get('title') or result.get('final_url')))}[/]\n"
        f"{escape(str(result.get('final_url')))}  HTTP {result.get('status_code')}  "
        f"analysis {result.get('analysis_version')} ({result.get('mode')})"
    )
    health = result.get("render_health") or {}
    if health.get("status") == "degraded":
        reasons = "; ".join(map(str, health.get("reasons") or [])) or "resources failed to load"
        unreliable = ", ".join(map(str, health.get("unreliable") or []))
        console.print(
            f"[yellow]Render degraded:[/] {escape(reasons)}. Not reliable: {escape(unreliable)}"
        )
    elif health.get("failed"):
        console.print(
            f"[dim]{health.get('failed')} of {health.get('requested')} stylesheets, scripts, "
            "fonts and images failed to load[/]"
        )
    for name, category in (result.get("categories") or {}).items():
        score = category.get("score")
        heading = f"{category.get('title', name)}: " + (
            "informative" if score is None else f"{score}/100"
        )
        table = Table(title=heading, title_justify="left", expand=True)
        table.add_column("Score", justify="right", width=6)
        table.add_column("Audit")
        table.add_column("Result", overflow="fold")
        for audit in category.get("audits", []):
            detail = audit.get("error") or audit.get("display_value") or ""
            table.add_row(
                _score_text(audit.get("score"), audit.get("score_display_mode", "")),
                escape(str(audit.get("title"))),
                escape(str(detail)),
            )
        if not category.get("audits"):
            table.add_row("", "[dim]no audits yet[/]", "")
        console.print(table)
    facts = result.get("facts") or {}
    if facts:
        table = Table(title="Facts", title_justify="left", expand=True)
        table.add_column("Fact")
        table.add_column("Value", overflow="fold")
        for key, value in facts.items():
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            table.add_row(escape(key), escape(shown[:300]))
        console.print(table)
