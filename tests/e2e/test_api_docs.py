"""The interactive API docs work offline, under their pages' Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_ui import aura  # noqa: F401

REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"

# Counts the violations the page's own policy reports (an init script is not subject to it).
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def _watch(page: Any) -> tuple[list[str], list[str]]:
    """Requests that left this machine's origin, and console messages about the policy."""
    outside: list[str] = []
    complaints: list[str] = []
    page.add_init_script(WATCH_VIOLATIONS)

    def on_request(request: Any) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            outside.append(request.url)

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text or "Refused" in message.text:
            complaints.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    return outside, complaints


@pytest.mark.parametrize(
    ("path", "operation"),
    [
        ("/docs", ".opblock-summary-path[data-path='/api/v1/competitive/']"),
        ("/redoc", "h2:text-is('Create Batch')"),
    ],
)
def test_the_api_docs_show_the_operations(aura: str, page: Any, path: str, operation: str) -> None:  # noqa: F811
    outside, complaints = _watch(page)
    page.goto(aura + path)
    page.locator(operation).first.wait_for(timeout=90_000)
    if path == "/docs":
        # An operation opens, with its parameters: the viewer runs, not just its HTML.
        page.locator(operation).first.click()
        page.get_by_text("Try it out").first.wait_for()
    page.wait_for_timeout(500)  # late work: ReDoc's search worker, lazy styles
    violations = page.evaluate("() => window.__violations")
    if path == "/redoc":
        # The one thing left out on purpose: ReDoc's credit line always asks its vendor's
        # CDN for a logo, and removes the image when that fails. Nothing else may be blocked.
        violations = [v for v in violations if v != f"img-src {REDOC_LOGO}"]
        complaints = [c for c in complaints if REDOC_LOGO not in c]
        outside = [url for url in outside if url != REDOC_LOGO]
    assert violations == []
    assert complaints == []
    assert outside == []
