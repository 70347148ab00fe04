"""Confidence, implies, requires, requiresCategory, excludes, versions and categories."""

from __future__ import annotations

from aura.audit.technology.engine import best_version
from tests.audit.technology.builders import fingerprints, found, signals

PAGE = signals(
    '<head><meta name="generator" content="Acme CMS 2.1"></head>'
    '<body><div id="acme-root"></div><script src="/acme/plugins/cart.js"></script></body>',
    headers={"x-powered-by": "PHP/8.3.0"},
)


class TestConfidence:
    def test_confidences_of_distinct_patterns_add_up(self) -> None:
        fp = fingerprints(
            Acme={
                "meta": {"generator": r"Acme\;confidence:30"},
                "dom": [r"#acme-root"],
                "html": [r"acme-root\;confidence:25"],
            }
        )
        # 30 (meta) + 25 (html) + 100 (dom), capped.
        assert found(fp, PAGE)["Acme"].confidence == 100
        fp = fingerprints(
            Acme={
                "meta": {"generator": r"Acme\;confidence:30"},
                "html": [r"acme-root\;confidence:25"],
            }
        )
        assert found(fp, PAGE)["Acme"].confidence == 55

    def test_the_same_pattern_counts_once(self) -> None:
        fp = fingerprints(Cart={"scriptSrc": [r"/acme/\;confidence:40"]})
        page = signals('<script src="/acme/a.js"></script><script src="/acme/b.js"></script>')
        assert found(fp, page)["Cart"].confidence == 40

    def test_zero_confidence_is_not_a_detection(self) -> None:
        fp = fingerprints(Maybe={"html": [r"acme-root\;confidence:0"]})
        assert "Maybe" not in found(fp, PAGE)


class TestImplies:
    def test_implied_technology_with_its_confidence(self) -> None:
        fp = fingerprints(
            Acme={
                "cats": [1],
                "meta": {"generator": "Acme"},
                "implies": ["PHP", r"MySQL\;confidence:50"],
            },
            PHP={"cats": [27]},
            MySQL={"cats": [27]},
        )
        result = found(fp, PAGE)
        assert result["PHP"].confidence == 100
        assert result["PHP"].implied_by == ("Acme",)
        assert result["MySQL"].confidence == 50

    def test_implied_confidence_is_at_most_the_impliers(self) -> None:
        fp = fingerprints(
            Acme={"meta": {"generator": r"Acme\;confidence:40"}, "implies": "PHP"}, PHP={}
        )
        assert found(fp, PAGE)["PHP"].confidence == 40

    def test_implies_chains_and_adds_to_direct_evidence(self) -> None:
        fp = fingerprints(
            Plugin={"scriptSrc": ["/acme/plugins/"], "implies": ["Acme"]},
            Acme={"implies": "PHP"},
            PHP={"headers": {"X-Powered-By": r"php/([\d.]+)\;version:\1\;confidence:50"}},
        )
        result = found(fp, PAGE)
        assert result["Acme"].implied_by == ("Plugin",)
        assert result["PHP"].confidence == 100  # 50 direct + 100 implied, capped
        assert result["PHP"].version == "8.3.0"

    def test_unknown_implied_names_are_ignored(self) -> None:
        fp = fingerprints(Acme={"meta": {"generator": "Acme"}, "implies": "Nowhere"})
        assert set(found(fp, PAGE)) == {"Acme"}


class TestRequiresAndExcludes:
    def test_requires_keeps_a_plugin_only_with_its_platform(self) -> None:
        plugin = {"scriptSrc": ["/plugins/cart"], "requires": "Acme"}
        with_platform = fingerprints(Cart=plugin, Acme={"meta": {"generator": "Acme"}})
        assert "Cart" in found(with_platform, PAGE)
        without_platform = fingerprints(Cart=plugin, Acme={"meta": {"generator": "Other"}})
        assert "Cart" not in found(without_platform, PAGE)

    def test_requirement_met_by_an_implied_technology(self) -> None:
        fp = fingerprints(
            Theme={"dom": ["#acme-root"], "implies": "Acme"},
            Acme={},
            Cart={"scriptSrc": ["/plugins/cart"], "requires": ["Acme"]},
        )
        assert "Cart" in found(fp, PAGE)

    def test_requires_category(self) -> None:
        fp = fingerprints(
            Cart={"scriptSrc": ["/plugins/cart"], "requiresCategory": [1]},
            Acme={"cats": [1], "meta": {"generator": "Acme"}},
        )
        assert "Cart" in found(fp, PAGE)
        fp = fingerprints(
            Cart={"scriptSrc": ["/plugins/cart"], "requiresCategory": [6]},
            Acme={"cats": [1], "meta": {"generator": "Acme"}},
        )
        assert "Cart" not in found(fp, PAGE)

    def test_dropping_a_technology_drops_what_required_it(self) -> None:
        fp = fingerprints(
            Addon={"html": ["acme-root"], "requires": "Cart"},
            Cart={"scriptSrc": ["/plugins/cart"], "requires": "Missing"},
        )
        assert found(fp, PAGE) == {}

    def test_excludes(self) -> None:
        fp = fingerprints(
            Modern={"meta": {"generator": "Acme"}, "excludes": "Legacy"},
            Legacy={"html": ["acme-root"]},
        )
        assert set(found(fp, PAGE)) == {"Modern"}


class TestOutput:
    def test_categories_with_names_and_groups(self) -> None:
        fp = fingerprints(
            Acme={
                "cats": [1, 6],
                "meta": {"generator": "Acme"},
                "website": "https://acme.test",
                "icon": "Acme.svg",
            }
        )
        detection = found(fp, PAGE)["Acme"]
        assert [(c.name, c.groups) for c in detection.categories] == [
            ("CMS", ("Content",)),
            ("Ecommerce", ("Sales",)),
        ]
        item = detection.as_dict()
        assert item["website"] == "https://acme.test"
        assert item["icon"] == "Acme.svg"
        assert item["evidence"] == [
            {"detector": "meta", "key": "generator", "value": "generator: Acme CMS 2.1"}
        ]

    def test_the_highest_most_specific_version_wins(self) -> None:
        assert best_version(["2.1", "2.10", "2.9.3"]) == "2.10"
        assert best_version(["5", "5.3.2"]) == "5.3.2"
        assert best_version([]) is None
