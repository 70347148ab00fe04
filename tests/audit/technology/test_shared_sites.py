"""The full fingerprint set against the shared sites, served on loopback.

These tests use the data `make fingerprints` installs (before pytest, in `make test`).
Without it they are skipped with the reason, or fail under AURA_TEST_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from aura.audit.artifacts import Document, Headers, HttpExchange
from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import AnalysisOptions, analyze_url
from aura.audit.technology import FingerprintSet, TechnologyOptions, detect, page_signals
from aura.audit.technology.fingerprints import FingerprintDataMissingError, load_fingerprints
from aura.audit.technology.literals import LiteralScanner
from aura.config import Settings
from tests.conftest import service_missing
from tests.support.servers import SHARED_SITES, serve_directory

REPOSITORY = Path(__file__).resolve().parents[3]
AUDITS = frozenset({"technology-stack", "vulnerable-libraries"})


def installed_directory() -> Path:
    configured = Settings(_env_file=None).fingerprints_path  # type: ignore[call-arg]
    return configured if configured.is_absolute() else REPOSITORY / configured


@pytest.fixture(scope="module")
def full_set() -> FingerprintSet:
    directory = installed_directory()
    try:
        return load_fingerprints(directory)
    except FingerprintDataMissingError as error:
        service_missing(f"the full fingerprint set is not installed (`make fingerprints`): {error}")
        raise


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, str]]:
    if not SHARED_SITES.is_dir():
        pytest.skip(f"the shared sites are not at {SHARED_SITES}")
    with ExitStack() as stack:
        yield {
            path.name: stack.enter_context(serve_directory(path)) + "/"
            for path in sorted(SHARED_SITES.iterdir())
            if path.is_dir()
        }


def options(directory: Path | None) -> AnalysisOptions:
    return AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=NetworkPolicy(allow_private=True),
        audits=AUDITS,
        technology=TechnologyOptions(fingerprints_dir=directory),
    )


def audit_of(result: dict[str, Any], category: str, audit_id: str) -> dict[str, Any]:
    return next(a for a in result["categories"][category]["audits"] if a["id"] == audit_id)


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        (
            "01-sb-landing-page",
            {
                # In the jsDelivr path (bootstrap@5.2.3) and the stylesheet's banner.
                "Bootstrap": "5.2.3",
                "Bootstrap Icons": "1.5.0",
                "Google Font API": None,
                "jsDelivr": None,
            },
        ),
        ("02-ud-play-bootstrap", {"Bootstrap": None, "WOW": None}),
        ("03-tb-landwind", {"Flowbite": "1.4.1", "Tailwind CSS": None}),
        ("04-tt-landing-page", {"Tailwind CSS": "2.2.19", "Google Font API": None}),
        ("06-sb-shop-homepage", {"Bootstrap": "5.2.3", "Bootstrap Icons": "1.5.0"}),
        ("08-sb-agency", {"Bootstrap": "5.2.3", "Font Awesome": None, "Google Font API": None}),
        ("09-h5up-twenty", {"jQuery": None, "Font Awesome": None}),
        ("12-rd-firefox-customize", {"Google Analytics": None, "Modernizr": None}),
        (
            "13-rd-spiceworks",
            {
                "WordPress": None,
                "jQuery": "3.4.1",
                "Bootstrap": None,
                "Font Awesome": None,
                "Google Font API": None,
                "Google Tag Manager": None,
                "Yoast SEO": "23.5",
                "PHP": None,  # implied by WordPress
            },
        ),
        ("14-rd-guardian", {"Google Analytics": None, "Google Publisher Tag": None}),
    ],
)
async def test_frameworks_seen_are_detected(
    full_set: FingerprintSet, sites: dict[str, str], site: str, expected: dict[str, str | None]
) -> None:
    result = await analyze_url(sites[site], options(installed_directory()))
    stack = audit_of(result, "technology", "technology-stack")
    assert "error" not in stack, stack.get("error")
    detected = {item["name"]: item for item in stack["details"]["items"]}
    for name, version in expected.items():
        assert name in detected, f"{name} not detected on {site}: {sorted(detected)}"
        assert detected[name]["evidence"] or detected[name]["implied_by"], name
        if version is not None:
            assert detected[name]["version"] == version, name
    facts = {item["name"] for item in result["facts"]["technologies"]}
    assert set(expected) <= facts


async def test_a_wordpress_cache_buster_is_not_a_library_version(
    full_set: FingerprintSet, sites: dict[str, str]
) -> None:
    # jquery.stellar.min.js?ver=6.6.2: 6.6.2 is WordPress's stamp on nine files.
    result = await analyze_url(sites["13-rd-spiceworks"], options(installed_directory()))
    versions = {item["name"]: item["version"] for item in result["facts"]["technologies"]}
    assert "Stellar.js" in versions
    assert versions["Stellar.js"] is None
    assert versions["Yoast SEO"] == "23.5"


@pytest.mark.parametrize(
    "site",
    [
        "14-rd-guardian",  # a[href*='/cart'] matches its /cartoons/archive link
        "08-sb-agency",  # [class*='shopping-cart'] matches a Font Awesome icon's class
    ],
)
async def test_a_word_in_a_link_or_class_is_no_shopping_cart(
    full_set: FingerprintSet, sites: dict[str, str], site: str
) -> None:
    result = await analyze_url(sites[site], options(installed_directory()))
    names = {item["name"] for item in result["facts"]["technologies"]}
    assert "Cart Functionality" not in names
    possible = {item["name"]: item for item in result["facts"]["technologies_possible"]}
    assert possible["Cart Functionality"]["confidence"] < 50
    stack = audit_of(result, "technology", "technology-stack")
    assert "possibly Cart Functionality" in stack["display_value"]


async def test_outdated_jquery_feeds_the_security_category(
    full_set: FingerprintSet, sites: dict[str, str]
) -> None:
    result = await analyze_url(sites["13-rd-spiceworks"], options(installed_directory()))
    audit = audit_of(result, "security", "vulnerable-libraries")
    assert audit["score"] == 0
    assert audit["details"]["items"][0]["library"] == "jQuery"
    assert audit["details"]["items"][0]["fixed_in"] == "3.5.0"


async def test_without_data_the_result_says_so(sites: dict[str, str], tmp_path: Path) -> None:
    result = await analyze_url(sites["06-sb-shop-homepage"], options(tmp_path / "absent"))
    stack = audit_of(result, "technology", "technology-stack")
    assert stack["details"]["status"] == "unavailable"
    assert "aura fingerprints update" in stack["display_value"]
    assert result["facts"]["technologies"] is None
    assert audit_of(result, "security", "vulnerable-libraries")["score"] is None


@pytest.mark.parametrize(
    "site", ["01-sb-landing-page", "12-rd-firefox-customize", "13-rd-spiceworks", "14-rd-guardian"]
)
def test_prefilters_never_hide_a_detection(
    full_set: FingerprintSet, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = (SHARED_SITES / site / "index.html").read_text(encoding="utf-8", errors="replace")
    exchange = HttpExchange(
        "https://example.com/", "https://example.com/", 200, "HTTP/2", Headers.of({})
    )

    def run() -> dict[str, tuple[str | None, int]]:
        page = page_signals(exchange, Document("https://example.com/", html))
        return {d.name: (d.version, d.confidence) for d in detect(full_set, page)}

    filtered = run()
    monkeypatch.setattr(
        LiteralScanner, "candidates", lambda self, lowered, found=None: self.entries()
    )
    assert run() == filtered
