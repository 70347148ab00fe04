from __future__ import annotations

from aura.audit.artifacts import HttpRedirection
from aura.audit.observatory import ObservatoryInput, evaluate, grade_for
from tests.audit.audit_builders import document, exchange, run

STRONG = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
}
GOOD_REDIRECT = HttpRedirection(
    "http://example.com/", ("http://example.com/", "https://example.com/"), "https://example.com/"
)


def test_grade_bands() -> None:
    assert grade_for(135) == "A+"
    assert grade_for(90) == "A"
    assert grade_for(64) == "C+"
    assert grade_for(0) == "F"


def test_strong_headers_earn_a_plus() -> None:
    report = evaluate(ObservatoryInput(exchange(STRONG), document(), GOOD_REDIRECT))
    assert report.grade == "A+"
    assert report.score > 100
    assert report.passed == 12


def test_no_headers_over_http_is_f() -> None:
    plain = exchange(url="http://example.com/")
    redirect = HttpRedirection(
        "http://example.com/", ("http://example.com/",), "http://example.com/"
    )
    report = evaluate(ObservatoryInput(plain, document(url="http://example.com/"), redirect))
    # 100 - 25 (CSP) - 20 (HSTS) - 20 (redirection) - 5 (nosniff) - 20 (framing) = 10
    assert report.score == 10
    assert report.grade == "F"


def test_observatory_grade_audit_reports_fact() -> None:
    result = run("observatory-grade", exchange(STRONG), GOOD_REDIRECT)
    assert result.facts["security_grade"] == "A+"
    assert result.score == 1


def test_each_observatory_test_passes_and_fails() -> None:
    strong = exchange(STRONG)
    for audit_id in (
        "content-security-policy",
        "strict-transport-security",
        "x-content-type-options",
        "x-frame-options",
    ):
        assert run(audit_id, strong).score == 1, audit_id
        assert run(audit_id, exchange()).score == 0, audit_id


def test_csp_unsafe_inline_fails() -> None:
    unsafe = exchange({"Content-Security-Policy": "script-src 'self' 'unsafe-inline'"})
    assert run("content-security-policy", unsafe).details["result"] == (
        "csp-implemented-with-unsafe-inline"
    )


def test_cookies() -> None:
    assert run("cookies").details["result"] == "cookies-not-found"
    good = [("Set-Cookie", "sessionid=1; Secure; HttpOnly; SameSite=Lax")]
    assert run("cookies", exchange(good)).score == 1
    bad = [("Set-Cookie", "a=1"), ("Set-Cookie", "sessionid=2; Secure")]
    result = run("cookies", exchange(bad))
    assert result.score == 0
    assert result.details["result"] == "cookies-session-without-httponly-flag"


def test_cors() -> None:
    assert run("cross-origin-resource-sharing").score == 1
    universal = exchange(
        {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true"}
    )
    assert run("cross-origin-resource-sharing", universal).details["modifier"] == -50


def test_redirection() -> None:
    assert run("redirection", GOOD_REDIRECT).score == 1
    missing = HttpRedirection(
        "http://example.com/", ("http://example.com/",), "http://example.com/"
    )
    assert run("redirection", missing).details["result"] == "redirection-missing"
    off_host = HttpRedirection(
        "http://example.com/",
        ("http://example.com/", "https://www.example.com/"),
        "https://www.example.com/",
    )
    assert run("redirection", off_host).details["result"] == "redirection-off-host-from-http"


def test_referrer_policy() -> None:
    assert run("referrer-policy", exchange({"Referrer-Policy": "no-referrer"})).score == 1
    assert run("referrer-policy", exchange({"Referrer-Policy": "unsafe-url"})).score == 0


def test_subresource_integrity() -> None:
    assert run("subresource-integrity").details["result"].endswith("no-scripts-loaded")
    cdn = '<script src="https://cdn.other.net/x.js"></script>'
    assert run("subresource-integrity", document(cdn)).score == 0
    pinned = '<script src="https://cdn.other.net/x.js" integrity="sha384-abc"></script>'
    assert run("subresource-integrity", document(pinned)).score == 1


def test_inline_scripts_are_not_called_no_scripts() -> None:
    # A page whose only scripts are inline loaders (as the Guardian's): the served HTML
    # shows no script file to check, which is not a pass.
    loader = (
        "<script>var s = document.createElement('script');"
        "s.src = 'https://assets.example.net/app.js'; document.head.appendChild(s);</script>"
    )
    result = run("subresource-integrity", document(loader * 3))
    assert result.score is None
    assert result.not_applicable
    assert "3 inline scripts" in result.display_value
    assert "No scripts" not in result.display_value
    assert run("subresource-integrity").not_applicable


def test_cross_origin_policies() -> None:
    for audit_id, header in (
        ("cross-origin-resource-policy", "Cross-Origin-Resource-Policy"),
        ("cross-origin-opener-policy", "Cross-Origin-Opener-Policy"),
        ("cross-origin-embedder-policy", "Cross-Origin-Embedder-Policy"),
    ):
        assert run(audit_id, exchange(STRONG)).score == 1
        assert run(audit_id, exchange({header: "bogus"})).score == 0
        assert run(audit_id, exchange()).score == 1


def test_is_on_https() -> None:
    assert run("is-on-https", exchange()).score == 1
    assert run("is-on-https", exchange(url="http://example.com/")).score == 0


def test_mixed_content() -> None:
    assert run("mixed-content", document('<img src="/a.png">')).score == 1
    assert run("mixed-content", document('<script src="http://x.org/a.js"></script>')).score == 0
    plain = exchange(url="http://example.com/")
    assert run("mixed-content", plain).not_applicable


def test_server_header() -> None:
    assert run("server-header", exchange({"Server": "nginx"})).score == 1
    leaky = exchange({"Server": "Apache/2.4.41", "X-Powered-By": "PHP/7.4.3"})
    result = run("server-header", leaky)
    assert result.score == 0
    assert set(result.details["headers"]) == {"server", "x-powered-by"}
