"""The technology-stack and vulnerable-libraries audits, from hand-built reports."""

from __future__ import annotations

import pytest

from aura.audit.technology import TechnologyReport, detect
from aura.audit.technology.vulnerable import ADVISORIES, advisories_for
from tests.audit.audit_builders import run
from tests.audit.technology.builders import fingerprints, signals

LIBRARIES = fingerprints(
    jQuery={"scriptSrc": [r"jquery-([\d.]+)(?:\.min)?\.js\;version:\1"]},
    Bootstrap={"cats": [66], "scriptSrc": [r"bootstrap(?:-([\d.]+))?(?:\.min)?\.js\;version:\1"]},
    Nginx={"cats": [22], "headers": {"server": "nginx"}},
)


def report_for(html: str, headers: dict[str, str] | None = None) -> TechnologyReport:
    detections = detect(LIBRARIES, signals(html, headers))
    return TechnologyReport(tuple(detections), fingerprints={"source": "test"})


class TestTechnologyStack:
    def test_lists_technologies_with_evidence_and_facts(self) -> None:
        report = report_for('<script src="/jquery-3.7.1.min.js"></script>', {"server": "nginx"})
        result = run("technology-stack", report)
        assert result.score is None
        assert result.display_value == "2 technologies: Nginx, jQuery 3.7.1"
        names = [item["name"] for item in result.details["items"]]
        assert names == ["Nginx", "jQuery"]
        assert result.details["items"][1]["evidence"][0]["detector"] == "scriptSrc"
        assert result.facts["technologies"][1] == {
            "name": "jQuery",
            "version": "3.7.1",
            "categories": ["JavaScript libraries"],
            "confidence": 100,
        }
        assert result.metrics == {"technology_count": 2, "technology_versioned_count": 1}

    def test_missing_data_is_said_not_left_empty(self) -> None:
        reason = "Technology detection is off: no fingerprint data in data/fingerprints"
        result = run("technology-stack", TechnologyReport(unavailable=reason))
        assert result.display_value == reason
        assert result.details["status"] == "unavailable"
        assert result.facts["technologies"] is None
        assert result.facts["technology_detection"]["status"] == "unavailable"


class TestVulnerableLibraries:
    def test_old_jquery_fails_with_the_advisories(self) -> None:
        result = run(
            "vulnerable-libraries", report_for('<script src="/jquery-1.12.4.js"></script>')
        )
        assert result.score == 0
        item = result.details["items"][0]
        assert (item["library"], item["version"], item["fixed_in"]) == ("jQuery", "1.12.4", "3.5.0")
        ids = {i for advisory in item["advisories"] for i in advisory["ids"]}
        assert {"CVE-2015-9251", "CVE-2019-11358", "CVE-2020-11022"} <= ids

    def test_current_versions_pass(self) -> None:
        html = '<script src="/jquery-3.7.1.js"></script><script src="/bootstrap-5.3.2.js"></script>'
        result = run("vulnerable-libraries", report_for(html))
        assert result.score == 1
        assert result.display_value == "2 libraries checked"

    def test_unknown_version_is_not_judged(self) -> None:
        result = run(
            "vulnerable-libraries", report_for('<script src="/bootstrap.min.js"></script>')
        )
        assert result.score is None
        assert result.details["version_unknown"] == ["Bootstrap"]

    def test_not_applicable_without_data(self) -> None:
        result = run("vulnerable-libraries", TechnologyReport(unavailable="no data"))
        assert result.score is None
        assert result.display_value == "no data"


@pytest.mark.parametrize(
    ("library", "version", "affected"),
    [
        ("jQuery", "3.4.1", True),
        ("jQuery", "3.5.0", False),
        ("Bootstrap", "3.4.0", True),
        ("Bootstrap", "3.4.1", False),
        ("Bootstrap", "4.3.0", True),
        ("Bootstrap", "4.3.1", False),
        ("Bootstrap", "5.0.0", False),
        ("AngularJS", "1.8.3", True),
        ("Lodash", "4.17.20", True),
        ("Lodash", "4.17.21", False),
        ("Underscore.js", "1.3.1", False),
        ("Underscore.js", "1.9.1", True),
        ("jQuery", "unknown", False),
    ],
)
def test_version_ranges(library: str, version: str, affected: bool) -> None:
    assert bool(advisories_for(library, version)) is affected


def test_every_advisory_names_its_identifiers() -> None:
    for advisory in ADVISORIES:
        assert advisory.identifiers
        assert all(i.startswith(("CVE-", "GHSA-")) for i in advisory.identifiers)
