"""The engine end to end, on the shared sites and on servers with chosen headers."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from aura.audit import cpu, runner
from aura.audit.artifacts import Artifacts, Document, RobotsTxt
from aura.audit.audits import all_audits
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import RenderedDom
from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import (
    ANALYSIS_VERSION,
    AnalysisError,
    AnalysisOptions,
    analyze_url,
    run_audit,
)
from aura.audit.scoring import CATEGORIES
from tests.audit.audit_builders import document
from tests.support.servers import SHARED_SITES, Route, ScriptedSite, serve_directory, serve_scripted

OPTIONS = AnalysisOptions(
    limits=FetchLimits(user_agent="Aura-test", retries=0),
    policy=NetworkPolicy(allow_private=True),
)
CATEGORY_NAMES = [
    "performance",
    "seo",
    "accessibility",
    "security",
    "technology",
    "content",
    "design",
]


def audit_of(result: dict[str, Any], category: str, audit_id: str) -> dict[str, Any]:
    return next(a for a in result["categories"][category]["audits"] if a["id"] == audit_id)


def test_dom_audits_read_the_rendered_dom_when_there_is_one() -> None:
    # The served HTML has no viewport; the page's script adds one that forbids zooming.
    served = document("<script>addViewport()</script>")
    viewport = '<meta name="viewport" content="width=device-width, user-scalable=no">'
    built = RenderedDom(
        served.url,
        f"<!DOCTYPE html><html><head>{viewport}</head><body><p>Hi</p></body></html>",
    )
    by_id = {audit.id: audit for audit in all_audits()}

    static = Artifacts([served])
    assert run_audit(by_id["viewport"], static).result.score == 0
    assert run_audit(by_id["meta-viewport"], static).result.not_applicable

    rendered = Artifacts([served, built])
    assert run_audit(by_id["viewport"], rendered).result.score == 1
    assert run_audit(by_id["meta-viewport"], rendered).result.score == 0
    # Audits of what the server sent keep reading the served HTML.
    assert not by_id["render-blocking-resources"].reads_rendered_dom


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, str]]:
    """Each shared site served on its own port, by folder name."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield {
            path.name: stack.enter_context(serve_directory(path)) + "/"
            for path in sorted(SHARED_SITES.iterdir())
            if path.is_dir()
        }


def test_every_audit_id_is_its_file_name_and_weighted_in_its_category() -> None:
    for audit in all_audits():
        assert audit.__module__.rsplit(".", 1)[-1].replace("_", "-") == audit.id
        assert audit.__module__.split(".")[-2] == audit.category
        assert audit.id in CATEGORIES[audit.category].weights, audit.id
    assert list(CATEGORIES) == CATEGORY_NAMES


def test_a_raising_audit_is_an_error_for_itself_only() -> None:
    class Broken(Audit):
        id = "broken"
        title = failure_title = description = "broken"
        category = "seo"
        requires: ClassVar[tuple[type[object], ...]] = (Document,)

        def audit(self, artifacts: Artifacts) -> AuditResult:
            raise RuntimeError("boom")

    outcome = run_audit(Broken, Artifacts([document()]))
    assert outcome.error == "RuntimeError: boom"
    assert outcome.result.score is None


def test_a_missing_artifact_is_an_error_result() -> None:
    robots_audit = next(a for a in all_audits() if a.id == "robots-txt")
    outcome = run_audit(robots_audit, Artifacts([document()]), {RobotsTxt: "refused"})
    assert outcome.error == "missing artifact: RobotsTxt (refused)"


def test_undeclared_artifacts_are_not_handed_over() -> None:
    class Sneaky(Audit):
        id = "sneaky"
        title = failure_title = description = "sneaky"
        category = "seo"
        requires: ClassVar[tuple[type[object], ...]] = ()

        def audit(self, artifacts: Artifacts) -> AuditResult:
            artifacts.get(Document)
            return AuditResult.passed()

    outcome = run_audit(Sneaky, Artifacts([document()]))
    assert outcome.error == "used an undeclared artifact: Document"


async def test_result_shape(sites: dict[str, str]) -> None:
    result = await analyze_url(sites["06-sb-shop-homepage"], OPTIONS)
    assert result["analysis_version"] == ANALYSIS_VERSION == "1.4"
    assert result["mode"] == "static"
    assert list(result["categories"]) == CATEGORY_NAMES
    assert result["categories"]["technology"]["score"] is None
    for name in ("performance", "seo", "accessibility", "security", "content", "design"):
        assert 0 <= result["categories"][name]["score"] <= 100
    metrics = result["metrics"]
    for key in (
        "response_time_ms",
        "ttfb_ms",
        "html_bytes",
        "redirect_count",
        "status_code",
        "total_bytes",
        "request_count",
        "word_count",
    ):
        assert isinstance(metrics[key], int | float), key
    assert metrics["total_bytes"] > metrics["html_bytes"]
    assert {"headline", "ctas", "keywords", "palette", "fonts", "security_grade"} <= set(
        result["facts"]
    )


async def test_a11y_tester_fails_image_alt_and_labels(sites: dict[str, str]) -> None:
    result = await analyze_url(sites["10-lh-a11y-tester"], OPTIONS)
    for audit_id in ("image-alt", "label", "button-name", "frame-title", "meta-viewport"):
        assert audit_of(result, "accessibility", audit_id)["score"] == 0, audit_id


async def test_byte_efficiency_page_has_oversized_images(sites: dict[str, str]) -> None:
    result = await analyze_url(sites["11-lh-byte-efficiency"], OPTIONS)
    oversized = audit_of(result, "performance", "oversized-images")
    assert oversized["score"] < 0.5
    urls = [item["url"] for item in oversized["details"]["items"]]
    assert any(url.endswith("lighthouse-1024x680.jpg") for url in urls)


@pytest.mark.parametrize(
    ("site", "description"),
    [
        # The Start Bootstrap templates ship the tag with an empty content attribute.
        ("01-sb-landing-page", ""),
        ("06-sb-shop-homepage", ""),
        ("07-tt-nordic-store", "Free open source Tailwind CSS Store template"),
    ],
)
async def test_shop_and_landing_pages_have_title_and_description(
    sites: dict[str, str], site: str, description: str
) -> None:
    result = await analyze_url(sites[site], OPTIONS)
    assert result["title"]
    assert audit_of(result, "seo", "document-title")["details"]["title"] == result["title"]
    meta = audit_of(result, "seo", "meta-description")
    if description:
        assert meta["details"]["description"] == description
    else:
        assert meta["display_value"] == "Description is empty"
        assert meta["score"] == 0


async def test_spiceworks_has_json_ld(sites: dict[str, str]) -> None:
    result = await analyze_url(sites["13-rd-spiceworks"], OPTIONS)
    structured = audit_of(result, "seo", "structured-data")
    assert "json-ld" in structured["details"]["formats"]
    assert result["facts"]["structured_data_types"]


async def test_landing_page_facts(sites: dict[str, str]) -> None:
    result = await analyze_url(sites["01-sb-landing-page"], OPTIONS)
    assert result["facts"]["headline"]
    assert result["facts"]["ctas"]
    assert result["facts"]["palette"]
    # Its CSS is local; its JS, icons and fonts come from CDNs that are unreachable here.
    assert audit_of(result, "performance", "resource-summary")["details"]["failed"] >= 1


async def test_unreachable_subresources_are_recorded_not_fatal() -> None:
    page = b'<html><head><title>t</title><script src="http://unreachable.invalid/x.js"></script>'
    page += b'<link rel="stylesheet" href="/missing.css"></head><body>hi</body></html>'
    site = ScriptedSite(routes={"/": Route(body=page)}, default=None)
    with serve_scripted(site) as served:
        result = await analyze_url(served.url("/"), OPTIONS)
    summary = audit_of(result, "performance", "resource-summary")
    assert summary["details"]["failed"] == 2


async def test_security_headers_and_grade_from_a_fixture_server() -> None:
    headers = {
        "Content-Type": "text/html",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Set-Cookie": "sessionid=1; HttpOnly; SameSite=Strict",
        "Server": "Apache/2.4.41",
    }
    site = ScriptedSite(routes={"/": Route(headers=headers)})
    with serve_scripted(site) as served:
        result = await analyze_url(served.url("/"), OPTIONS)
    security = result["categories"]["security"]
    grade = audit_of(result, "security", "observatory-grade")["details"]
    results = {test["test"]: test["result"] for test in grade["tests"]}
    assert results["content-security-policy"] == "csp-implemented-with-no-unsafe-default-src-none"
    assert results["x-frame-options"] == "x-frame-options-implemented-via-csp"
    assert results["referrer-policy"] == "referrer-policy-private"
    # Plain HTTP: the cookie cannot be Secure, HSTS cannot be set, nothing redirects to HTTPS.
    assert results["cookies"] == "cookies-session-without-secure-flag"
    # 100 - 40 (cookies) - 20 (HSTS) - 20 (redirection) = 20; no bonus under 90.
    assert grade["score"] == 20
    assert result["facts"]["security_grade"] == "F"
    assert audit_of(result, "security", "server-header")["score"] == 0
    assert 0 <= security["score"] < 100


async def test_page_strings_are_kept_to_a_readable_length() -> None:
    long_text = "Buy " * 25_000
    page = f"<html><head><title>{long_text}</title></head><body><h1>{long_text}</h1></body></html>"
    site = ScriptedSite(routes={"/": Route(body=page.encode())}, default=None)
    with serve_scripted(site) as served:
        result = await analyze_url(served.url("/"), OPTIONS)
    assert result["title"].startswith("Buy Buy")
    assert len(result["title"]) == 300
    assert len(result["facts"]["headline"]) == 300
    assert len(result["snapshot"]["title"]) <= 300


async def test_selected_audits_skip_unneeded_gatherers() -> None:
    site = ScriptedSite(routes={"/": Route()})
    options = AnalysisOptions(OPTIONS.limits, OPTIONS.policy, audits=frozenset({"document-title"}))
    with serve_scripted(site) as served:
        result = await analyze_url(served.url("/"), options)
    assert set(site.hits) == {"/"}  # no robots.txt, sitemap or subresources fetched
    assert [a["id"] for a in result["categories"]["seo"]["audits"]] == ["document-title"]


async def test_placeholder_and_broken_links_are_found() -> None:
    page = (
        b"<!doctype html><html><head><title>Links</title></head><body>"
        b'<a href="/pricing">Pricing</a><a href="/old-page">Old</a>'
        b'<a href="https://elsewhere.example/">Partner</a>'
        b'<a href="#!">Privacy Policy</a><a href="#" data-bs-toggle="modal">Open</a>'
        b'<a href="#">Back to top</a></body></html>'
    )
    site = ScriptedSite(
        routes={"/": Route(body=page), "/pricing": Route(), "/old-page": Route(status=404)},
        default=None,
    )
    options = AnalysisOptions(OPTIONS.limits, OPTIONS.policy, audits=frozenset({"link-targets"}))
    with serve_scripted(site) as served:
        result = await analyze_url(served.url("/"), options)
    audit = audit_of(result, "seo", "link-targets")
    assert audit["score"] == 0
    assert [item["url"] for item in audit["details"]["broken"]] == [served.url("/old-page")]
    assert [item["text"] for item in audit["details"]["placeholders"]] == ["Privacy Policy"]
    assert audit["details"]["checked"] == 2  # the other site's link is not requested


async def test_every_footer_link_of_the_landing_page_is_a_placeholder(
    sites: dict[str, str],
) -> None:
    options = AnalysisOptions(OPTIONS.limits, OPTIONS.policy, audits=frozenset({"link-targets"}))
    result = await analyze_url(sites["01-sb-landing-page"], options)
    audit = audit_of(result, "seo", "link-targets")
    texts = {item["text"] for item in audit["details"]["placeholders"]}
    assert {"About", "Contact", "Terms of Use", "Privacy Policy"} <= texts
    assert audit["score"] < 0.9


async def test_an_error_page_cannot_be_analysed() -> None:
    site = ScriptedSite(routes={"/": Route(status=500)})
    with serve_scripted(site) as served, pytest.raises(AnalysisError, match="HTTP 500"):
        await analyze_url(served.url("/"), OPTIONS)


def test_shared_sites_exist() -> None:
    assert Path(SHARED_SITES / "13-rd-spiceworks" / "index.html").exists()


class _FakeClock:
    """Stands in for the per-thread CPU clock: work is "done" by advancing it."""

    def __init__(self) -> None:
        self.threads: dict[int, float] = {}

    def advance(self, seconds: float) -> None:
        ident = threading.get_ident()
        self.threads[ident] = self.threads.get(ident, 0.0) + seconds

    def __call__(self) -> float:
        return self.threads.get(threading.get_ident(), 0.0)


async def test_an_analysis_is_charged_for_its_own_tasks_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = _FakeClock()
    monkeypatch.setattr(cpu, "_clock", clock)

    async def child() -> None:
        clock.advance(4)
        await asyncio.sleep(0)
        clock.advance(8)

    async def nested() -> None:
        clock.advance(16)

    async def own() -> None:
        clock.advance(1)
        await asyncio.sleep(0)
        clock.advance(2)
        await cpu.create_task(child())
        await cpu.metered(nested())  # already counted by the step that awaits it

    async def another_analysis() -> None:
        for _ in range(5):
            clock.advance(100)
            await asyncio.sleep(0)

    meter = cpu.CpuMeter()
    await asyncio.gather(cpu.metered(own(), meter), another_analysis())
    assert meter.seconds == 1 + 2 + 4 + 8 + 16


async def test_work_sent_to_a_thread_is_charged(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _FakeClock()
    monkeypatch.setattr(cpu, "_clock", clock)

    def work(amount: float) -> str:
        clock.advance(amount)
        return "done"

    async def own() -> str:
        return await cpu.to_thread(work, 32)

    meter = cpu.CpuMeter()
    assert await cpu.metered(own(), meter) == "done"
    assert meter.seconds == 32


async def test_the_result_carries_the_analysis_cpu_time(sites: dict[str, str]) -> None:
    result = await analyze_url(sites["10-lh-a11y-tester"], OPTIONS)
    assert result["cpu_ms"] > 0


async def test_an_analysis_gives_its_memory_back_even_when_it_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    released: list[bool] = []
    monkeypatch.setattr(runner, "release_free_memory", lambda: released.append(True) or True)
    routes = {"/": Route(), "/gone": Route(status=404)}
    with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
        await analyze_url(site.url("/"), OPTIONS)
        with pytest.raises(AnalysisError):
            await analyze_url(site.url("/gone"), OPTIONS)
    assert released == [True, True]
