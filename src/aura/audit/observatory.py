"""HTTP Observatory-style tests, modifiers, score and grade.

Follows the published MDN HTTP Observatory scoring: every site starts at 100, each test adds
a modifier, bonuses count only when the score without them is at least 90, the score never
goes below 0, and the grade comes from the score bands. COOP and COEP are not scored by the
Observatory; here they are reported with a 0 modifier (and -5 when the header is invalid, as
for CORP).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aura.audit.artifacts import Document, Headers, HttpExchange, HttpRedirection

SIX_MONTHS = 15_768_000

GRADES = (
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
)


@dataclass(frozen=True)
class TestOutcome:
    test: str
    result: str
    modifier: int
    description: str

    @property
    def passed(self) -> bool:
        return self.modifier >= 0


@dataclass(frozen=True)
class ObservatoryInput:
    exchange: HttpExchange
    document: Document
    redirection: HttpRedirection | None = None

    @property
    def headers(self) -> Headers:
        return self.exchange.headers


def grade_for(score: int) -> str:
    return next(grade for floor, grade in GRADES if score >= floor)


def parse_csp(value: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in value.split(";"):
        tokens = part.strip().split()
        if tokens and tokens[0].lower() not in directives:
            directives[tokens[0].lower()] = [token.lower() for token in tokens[1:]]
    return directives


def content_security_policy(data: ObservatoryInput) -> TestOutcome:
    test = "content-security-policy"
    values = data.headers.get_all("content-security-policy")
    if not values:
        meta = data.document.first("meta[http-equiv='Content-Security-Policy' i]")
        if meta is not None:
            values = [meta.attributes.get("content") or ""]
    if not values:
        return TestOutcome(test, "csp-not-implemented", -25, "CSP header not implemented")
    policy = parse_csp(values[0])
    if not policy or not all(re.match(r"^[a-z-]+$", key) for key in policy):
        return TestOutcome(test, "csp-header-invalid", -25, "CSP cannot be parsed")
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    insecure = ("http:", "*", "data:", "https:")
    if script is None or (
        "'unsafe-inline'" in script
        and not any(
            source.startswith(("'nonce-", "'sha")) or source == "'strict-dynamic'"
            for source in script
        )
    ):
        return TestOutcome(
            test, "csp-implemented-with-unsafe-inline", -20, "CSP allows inline scripts"
        )
    if any(source in insecure or source.startswith("http://") for source in script):
        return TestOutcome(
            test, "csp-implemented-with-insecure-scheme", -20, "CSP allows insecure scripts"
        )
    if "'unsafe-eval'" in script:
        return TestOutcome(test, "csp-implemented-with-unsafe-eval", -10, "CSP allows eval")
    if style is not None and "'unsafe-inline'" in style:
        return TestOutcome(
            test, "csp-implemented-with-unsafe-inline-in-style-src-only", 0, "inline styles only"
        )
    if default == ["'none'"]:
        return TestOutcome(
            test, "csp-implemented-with-no-unsafe-default-src-none", 10, "CSP default-src 'none'"
        )
    return TestOutcome(test, "csp-implemented-with-no-unsafe", 5, "CSP without unsafe sources")


def _hsts_max_age(headers: Headers) -> int | None:
    value = headers.get_all("strict-transport-security")
    if not value:
        return None
    match = re.search(r"max-age\s*=\s*\"?(\d+)", value[0], re.I)
    return int(match.group(1)) if match else -1


def strict_transport_security(data: ObservatoryInput) -> TestOutcome:
    test = "strict-transport-security"
    if not data.exchange.is_https:
        return TestOutcome(
            test, "hsts-not-implemented-no-https", -20, "HSTS cannot be set without HTTPS"
        )
    max_age = _hsts_max_age(data.headers)
    if max_age is None:
        return TestOutcome(test, "hsts-not-implemented", -20, "HSTS header not implemented")
    if max_age < 0:
        return TestOutcome(test, "hsts-header-invalid", -20, "HSTS header cannot be recognised")
    if max_age < SIX_MONTHS:
        return TestOutcome(
            test, "hsts-implemented-max-age-less-than-six-months", -10, "HSTS under six months"
        )
    preload = "preload" in (data.headers.get("strict-transport-security") or "").lower()
    if preload:
        return TestOutcome(test, "hsts-preloaded", 5, "HSTS with preload")
    return TestOutcome(
        test, "hsts-implemented-max-age-at-least-six-months", 0, "HSTS of six months or more"
    )


def _cookie_attributes(cookie: str) -> tuple[str, set[str], str | None]:
    parts = [part.strip() for part in cookie.split(";")]
    name = parts[0].split("=", 1)[0].strip()
    flags = {part.split("=", 1)[0].strip().lower() for part in parts[1:]}
    samesite = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "samesite":
            samesite = value.strip().lower()
    return name, flags, samesite


def cookies(data: ObservatoryInput) -> TestOutcome:
    test = "cookies"
    values = data.headers.get_all("set-cookie")
    if not values:
        return TestOutcome(test, "cookies-not-found", 0, "No cookies set")
    hsts = data.exchange.is_https and (_hsts_max_age(data.headers) or 0) >= SIX_MONTHS
    session_words = ("sess", "sid", "login", "auth", "token")
    worst = TestOutcome(
        test,
        "cookies-secure-with-httponly-sessions-and-samesite",
        5,
        "All cookies Secure, session cookies HttpOnly, SameSite set",
    )
    for cookie in values:
        name, flags, samesite = _cookie_attributes(cookie)
        session = any(word in name.lower() for word in session_words)
        secure = "secure" in flags and data.exchange.is_https
        candidates = []
        if samesite is not None and samesite not in ("strict", "lax", "none"):
            candidates.append(("cookies-samesite-flag-invalid", -20, "Invalid SameSite value"))
        if session and not secure:
            candidates.append(
                ("cookies-session-without-secure-flag-but-protected-by-hsts", -10, "")
                if hsts
                else ("cookies-session-without-secure-flag", -40, "Session cookie not Secure")
            )
        if session and "httponly" not in flags:
            candidates.append(
                ("cookies-session-without-httponly-flag", -30, "Session cookie not HttpOnly")
            )
        if not secure:
            candidates.append(
                ("cookies-without-secure-flag-but-protected-by-hsts", -5, "")
                if hsts
                else ("cookies-without-secure-flag", -20, "Cookies without Secure")
            )
        if not candidates and samesite is None:
            candidates.append(
                ("cookies-secure-with-httponly-sessions", 0, "Secure, without SameSite")
            )
        for result, modifier, description in candidates:
            if modifier < worst.modifier:
                worst = TestOutcome(test, result, modifier, description or result)
    return worst


def cross_origin_resource_sharing(data: ObservatoryInput) -> TestOutcome:
    test = "cross-origin-resource-sharing"
    origin = (data.headers.get("access-control-allow-origin") or "").strip()
    if not origin:
        return TestOutcome(
            test, "cross-origin-resource-sharing-not-implemented", 0, "CORS not implemented"
        )
    credentials = (data.headers.get("access-control-allow-credentials") or "").lower() == "true"
    if origin == "*" and credentials:
        return TestOutcome(
            test,
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
            "Any origin may read the content with credentials",
        )
    if origin == "*":
        return TestOutcome(
            test,
            "cross-origin-resource-sharing-implemented-with-public-access",
            0,
            "Public content readable cross-origin",
        )
    return TestOutcome(
        test,
        "cross-origin-resource-sharing-implemented-with-restricted-access",
        0,
        "CORS restricted to specific origins",
    )


def redirection(data: ObservatoryInput) -> TestOutcome:
    test = "redirection"
    info = data.redirection
    if info is None or info.final_url is None:
        return TestOutcome(
            test, "redirection-not-needed-no-http", 0, "Not reachable over HTTP, nothing to do"
        )
    chain = info.chain
    final = urlsplit(info.final_url)
    if len(chain) <= 1:
        return TestOutcome(test, "redirection-missing", -20, "Does not redirect to HTTPS")
    if final.scheme != "https":
        return TestOutcome(test, "redirection-not-to-https", -20, "Final destination is not HTTPS")
    first_hop = urlsplit(chain[1])
    if first_hop.scheme != "https":
        return TestOutcome(
            test,
            "redirection-not-to-https-on-initial-redirection",
            -10,
            "The first redirect goes to another HTTP URL",
        )
    if first_hop.hostname != urlsplit(chain[0]).hostname:
        return TestOutcome(
            test, "redirection-off-host-from-http", -5, "Redirects to HTTPS on another host"
        )
    return TestOutcome(test, "redirection-to-https", 0, "Redirects to HTTPS on the same host")


REFERRER_PRIVATE = frozenset(
    {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
)
REFERRER_UNSAFE = frozenset({"origin", "origin-when-cross-origin", "unsafe-url"})


def referrer_policy(data: ObservatoryInput) -> TestOutcome:
    test = "referrer-policy"
    value = data.headers.get("referrer-policy")
    if value is None:
        meta = data.document.meta("referrer")
        value = meta
    if value is None:
        return TestOutcome(test, "referrer-policy-not-implemented", 0, "Not implemented")
    # The last policy the browser understands wins.
    policies = [part.strip().lower() for part in value.split(",") if part.strip()]
    known = [p for p in policies if p in REFERRER_PRIVATE | REFERRER_UNSAFE] + [
        p for p in policies if p == "no-referrer-when-downgrade"
    ]
    if not known:
        return TestOutcome(test, "referrer-policy-header-invalid", -5, "Cannot be recognised")
    effective = [p for p in policies if p in known][-1]
    if effective in REFERRER_PRIVATE:
        return TestOutcome(test, "referrer-policy-private", 5, f"Set to {effective}")
    if effective in REFERRER_UNSAFE:
        return TestOutcome(test, "referrer-policy-unsafe", -5, f"Unsafely set to {effective}")
    return TestOutcome(
        test, "referrer-policy-no-referrer-when-downgrade", 0, "no-referrer-when-downgrade"
    )


def subresource_integrity(data: ObservatoryInput) -> TestOutcome:
    test = "subresource-integrity"
    page = urlsplit(data.exchange.final_url)
    scripts = data.document.css("script[src]")
    if not scripts:
        return TestOutcome(test, "sri-not-implemented-but-no-scripts-loaded", 0, "No scripts")
    external = []
    for node in scripts:
        url = urlsplit(data.document.resolve(node.attributes.get("src") or ""))
        if url.hostname != page.hostname:
            external.append((url, "integrity" in node.attributes))
    if not external:
        return TestOutcome(
            test,
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            0,
            "All scripts come from the same origin",
        )
    insecure = any(url.scheme == "http" for url, _ in external)
    with_sri = all(has for _, has in external)
    if with_sri and not insecure:
        return TestOutcome(
            test, "sri-implemented-and-external-scripts-loaded-securely", 5, "SRI on all"
        )
    if with_sri:
        return TestOutcome(
            test,
            "sri-implemented-but-external-scripts-not-loaded-securely",
            -20,
            "External scripts over HTTP",
        )
    if insecure:
        return TestOutcome(
            test,
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
            -50,
            "No SRI, external scripts over HTTP",
        )
    return TestOutcome(
        test,
        "sri-not-implemented-but-external-scripts-loaded-securely",
        -5,
        "No SRI on external scripts (loaded over HTTPS)",
    )


def x_content_type_options(data: ObservatoryInput) -> TestOutcome:
    test = "x-content-type-options"
    value = data.headers.get("x-content-type-options")
    if value is None:
        return TestOutcome(test, "x-content-type-options-not-implemented", -5, "Not implemented")
    if value.strip().lower() == "nosniff":
        return TestOutcome(test, "x-content-type-options-nosniff", 0, "Set to nosniff")
    return TestOutcome(test, "x-content-type-options-header-invalid", -5, "Cannot be recognised")


def x_frame_options(data: ObservatoryInput) -> TestOutcome:
    test = "x-frame-options"
    csp = data.headers.get_all("content-security-policy")
    if csp and "frame-ancestors" in parse_csp(csp[0]):
        return TestOutcome(test, "x-frame-options-implemented-via-csp", 5, "CSP frame-ancestors")
    value = data.headers.get("x-frame-options")
    if value is None:
        return TestOutcome(test, "x-frame-options-not-implemented", -20, "Not implemented")
    lowered = value.strip().lower()
    if lowered in ("deny", "sameorigin"):
        return TestOutcome(test, "x-frame-options-sameorigin-or-deny", 0, f"Set to {value}")
    if lowered.startswith("allow-from"):
        return TestOutcome(test, "x-frame-options-allow-from-origin", 0, "ALLOW-FROM")
    return TestOutcome(test, "x-frame-options-header-invalid", -20, "Cannot be recognised")


def _policy_header(
    data: ObservatoryInput, header: str, test: str, prefix: str, valid: frozenset[str]
) -> TestOutcome:
    value = data.headers.get(header)
    if value is None:
        return TestOutcome(test, f"{prefix}-not-implemented", 0, f"{header} not set")
    token = value.split(";", 1)[0].strip().lower()
    if token not in valid:
        return TestOutcome(test, f"{prefix}-header-invalid", -5, f"{header} not recognised")
    return TestOutcome(test, f"{prefix}-implemented-with-{token}", 0, f"{header}: {token}")


def cross_origin_resource_policy(data: ObservatoryInput) -> TestOutcome:
    return _policy_header(
        data,
        "cross-origin-resource-policy",
        "cross-origin-resource-policy",
        "corp",
        frozenset({"same-origin", "same-site", "cross-origin"}),
    )


def cross_origin_opener_policy(data: ObservatoryInput) -> TestOutcome:
    return _policy_header(
        data,
        "cross-origin-opener-policy",
        "cross-origin-opener-policy",
        "coop",
        frozenset(
            {"same-origin", "same-origin-allow-popups", "unsafe-none", "noopener-allow-popups"}
        ),
    )


def cross_origin_embedder_policy(data: ObservatoryInput) -> TestOutcome:
    return _policy_header(
        data,
        "cross-origin-embedder-policy",
        "cross-origin-embedder-policy",
        "coep",
        frozenset({"require-corp", "credentialless", "unsafe-none"}),
    )


TESTS: dict[str, Callable[[ObservatoryInput], TestOutcome]] = {
    "content-security-policy": content_security_policy,
    "cookies": cookies,
    "cross-origin-resource-sharing": cross_origin_resource_sharing,
    "redirection": redirection,
    "referrer-policy": referrer_policy,
    "strict-transport-security": strict_transport_security,
    "subresource-integrity": subresource_integrity,
    "x-content-type-options": x_content_type_options,
    "x-frame-options": x_frame_options,
    "cross-origin-resource-policy": cross_origin_resource_policy,
    "cross-origin-opener-policy": cross_origin_opener_policy,
    "cross-origin-embedder-policy": cross_origin_embedder_policy,
}


@dataclass(frozen=True)
class ObservatoryReport:
    score: int
    grade: str
    outcomes: tuple[TestOutcome, ...]

    @property
    def passed(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.passed)


def evaluate(data: ObservatoryInput) -> ObservatoryReport:
    outcomes = tuple(test(data) for test in TESTS.values())
    penalties = sum(outcome.modifier for outcome in outcomes if outcome.modifier < 0)
    bonuses = sum(outcome.modifier for outcome in outcomes if outcome.modifier > 0)
    base = 100 + penalties
    # Bonuses only count for sites that already score an A without them.
    score = max(0, base + bonuses if base >= 90 else base)
    return ObservatoryReport(score, grade_for(score), outcomes)
