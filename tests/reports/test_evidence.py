"""The exports show each site's failed audits with their evidence, rendered by type."""

from __future__ import annotations

from aura.comparison import SiteInput, compare_document
from aura.reports import Report, SiteAnalysis
from aura.reports.as_html import render_html
from aura.reports.as_markdown import render_markdown
from tests.comparison.builders import audit, category
from tests.reports.builders import HOSTILE, OURS, RIVAL, WHEN, batch_read, rich_result
from tests.reports.htmlcheck import read_page

CACHE_DETAILS = {
    "short_ttl": [
        {"url": "https://ours.example/app.js", "ttl_seconds": 300, "bytes": 48_000},
        {"url": "javascript:alert(1)", "ttl_seconds": None, "bytes": 1200},
    ],
    "checked": 2,
}
ALT_DETAILS = {"items": [HOSTILE], "checked": 1}
LINK_DETAILS = {"items": [{"href": "/pricing.html", "text": "click here"}]}


def _report() -> Report:
    ours = rich_result(seo=70, performance=60, alt_score=0.0, title="Ours")
    ours["categories"]["performance"] = category(
        "performance",
        60,
        audit("cache-lifetime", 0.0, display_value="2 resources found", details=CACHE_DETAILS),
        audit("text-compression", 1.0),
        audit("font-display", None),
    )
    ours["categories"]["seo"] = category(
        "seo",
        70,
        audit("image-alt", 0.0, details=ALT_DETAILS),
        audit("link-text", 0.0, details=LINK_DETAILS),
        audit("document-title", 1.0),
    )
    rival = rich_result(seo=90, performance=80, alt_score=1.0)
    sites = [
        SiteInput(OURS, "completed", True, None, {**ours, "url": OURS, "final_url": OURS}),
        SiteInput(RIVAL, "completed", False, None, {**rival, "url": RIVAL, "final_url": RIVAL}),
    ]
    return Report(
        batch=batch_read(sites),
        comparison=compare_document(sites, OURS),
        analyses=tuple(SiteAnalysis(s.url, s.status, s.error, s.result) for s in sites),
        compared_at=WHEN,
    )


def _evidence_html() -> str:
    html = render_html(_report()).decode()
    return html[html.index('<section id="evidence"') :]


class TestHtml:
    def test_failed_audits_show_tables_with_working_links_and_units(self) -> None:
        html = _evidence_html()

        assert "cache-lifetime fails" in html
        assert '<a href="https://ours.example/app.js" rel="noopener noreferrer nofollow">' in html
        assert "5 min" in html
        assert "47 KiB" in html
        assert "1.2 KiB" in html
        assert "None" not in html
        assert "null" not in html  # absent is "none", said in words
        # A relative link on the page resolves against it, so it works from the report.
        assert '<a href="https://ours.example/pricing.html"' in html

    def test_page_strings_are_text_and_only_http_urls_become_links(self) -> None:
        html = _evidence_html()
        facts = read_page(html)

        assert "<script" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert not any(ref.lower().startswith("javascript:") for ref in facts.references)
        assert "https://evil.example/pixel.png" not in facts.references
        assert "javascript:alert(1)" in "".join(facts.text)  # shown, not linked

    def test_passed_and_not_applicable_audits_fold_away(self) -> None:
        html = _evidence_html()

        assert (
            "<details><summary>Passed audits (1)</summary><ul><li>text-compression passes" in html
        )
        assert "<details><summary>Not applicable (1)</summary>" in html
        printed = render_html(_report(), for_print=True).decode()
        assert "<details open><summary>Passed audits" in printed  # nothing hidden on paper


class TestMarkdown:
    def test_failed_audits_show_tables_with_links_and_escaped_page_text(self) -> None:
        text = render_markdown(_report()).decode()
        evidence = text[text.index("## Audit details") :]

        assert "[https\\://ours.example/app.js](<https://ours.example/app.js>)" in evidence
        assert "| 5 min | 47 KiB |" in evidence
        assert "[/pricing.html](<https://ours.example/pricing.html>)" in evidence
        assert "<script>" not in evidence
        assert "\\<script\\>" in evidence
        assert "](<javascript:" not in evidence
        assert "Passed (1): document-title passes." in evidence
