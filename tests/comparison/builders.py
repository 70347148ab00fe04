"""Hand-built analysis results, shaped like the audit runner's, for comparison tests."""

from __future__ import annotations

from typing import Any

from aura.comparison import SiteInput, compare

TITLES = {
    "performance": "Performance",
    "seo": "SEO",
    "accessibility": "Accessibility",
    "security": "Security",
    "technology": "Technology",
    "content": "Content",
    "design": "Design",
}


def audit(
    audit_id: str,
    score: float | None,
    *,
    weight: float = 1.0,
    mode: str | None = None,
    display_value: str = "",
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    passed = score is not None and score >= 0.9
    return {
        "id": audit_id,
        "title": f"{audit_id} passes" if passed or score is None else f"{audit_id} fails",
        "description": f"What {audit_id} checks.",
        "score": score,
        "score_display_mode": mode or ("numeric" if score is not None else "notApplicable"),
        "display_value": display_value,
        "details": details or {},
        "weight": weight,
    }


def category(
    name: str, score: float | None, *audits: dict[str, Any], informative: bool = False
) -> dict[str, Any]:
    return {
        "title": TITLES.get(name, name),
        "description": "",
        "informative": informative,
        "score": score,
        "audits": list(audits),
    }


def result(
    *,
    scores: dict[str, float | None] | None = None,
    categories: dict[str, dict[str, Any]] | None = None,
    metrics: dict[str, float] | None = None,
    facts: dict[str, Any] | None = None,
    version: str = "1.0",
    title: str | None = "A page",
) -> dict[str, Any]:
    """A result; ``scores`` makes categories without audits, ``categories`` gives them whole."""
    built = {name: category(name, score) for name, score in (scores or {}).items()}
    built.update(categories or {})
    return {
        "url": "",
        "final_url": "",
        "mode": "static",
        "analysis_version": version,
        "title": title,
        "metrics": metrics or {},
        "categories": built,
        "facts": facts or {},
    }


def site(
    url: str, result_: dict[str, Any] | None = None, *, primary: bool = False, **kwargs: Any
) -> SiteInput:
    body = result_ if result_ is not None else result(**kwargs)
    body = {**body, "url": url, "final_url": url}
    return SiteInput(url=url, status="completed", is_primary=primary, error=None, result=body)


def failed(url: str, error: str = "connection refused", *, primary: bool = False) -> SiteInput:
    return SiteInput(url=url, status="failed", is_primary=primary, error=error, result=None)


def by_url(entries: list[dict[str, Any]], url: str) -> dict[str, Any]:
    return next(entry for entry in entries if entry["url"] == url)


def ranking(document: dict[str, Any], category_id: str) -> dict[str, Any]:
    if category_id == "overall":
        found: dict[str, Any] = document["rankings"]["overall"]
        return found
    return next(r for r in document["rankings"]["categories"] if r["category"] == category_id)


def metric(document: dict[str, Any], metric_id: str) -> dict[str, Any]:
    return next(row for row in document["metrics"] if row["id"] == metric_id)


def run(*sites: SiteInput, primary_url: str | None = None) -> dict[str, Any]:
    return compare(list(sites), primary_url)


A, B, C, D = (f"https://{name}.example/" for name in "abcd")
