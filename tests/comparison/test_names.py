"""Sites are named, not numbered: og:site_name, the title's brand part, else the host."""

from __future__ import annotations

from aura.comparison.names import site_name, site_names
from tests.comparison.builders import audit, category


def _with_site_name(name: str) -> dict[str, object]:
    tags = audit("social-tags", 1.0, details={"open_graph": {"og:site_name": name}})
    return {"title": "Pricing - something else", "categories": {"seo": category("seo", 90, tags)}}


class TestSiteName:
    def test_the_site_name_a_page_declares_comes_first(self) -> None:
        assert site_name("https://acme.example/", _with_site_name("Acme Tools")) == "Acme Tools"

    def test_the_brand_part_of_the_title(self) -> None:
        brightdesk = {"title": "Brightdesk \u2013 Help desk software for small teams"}
        guardian = {
            "title": "News, sport and opinion from the Guardian's US edition | The Guardian"
        }
        assert site_name("http://127.0.0.1:4000/", brightdesk) == "Brightdesk"
        assert site_name("https://www.theguardian.com/us", guardian) == "The Guardian"
        assert site_name("http://127.0.0.1:4001/", {"title": "HelpHive"}) == "HelpHive"

    def test_the_host_when_the_page_names_nothing(self) -> None:
        assert site_name("https://www.acme.example:8443/", {"title": "Home"}) == "acme.example:8443"
        assert site_name("https://acme.example/shop", None) == "acme.example/shop"
        long_title = {"title": "Welcome to the product that does everything you ever wanted"}
        assert site_name("https://acme.example/", long_title) == "acme.example"

    def test_names_are_unique_in_a_batch(self) -> None:
        names = site_names(
            [("https://a.example/", {"title": "Shop"}), ("https://b.example/", {"title": "Shop"})]
        )
        assert names == {
            "https://a.example/": "Shop (a.example)",
            "https://b.example/": "Shop (b.example)",
        }

    def test_the_users_label_comes_before_the_pages_name(self) -> None:
        sites = [
            ("https://a.example/", _with_site_name("Acme Tools")),
            ("https://b.example/", {"title": "Shop"}),
            ("https://c.example/", None),
        ]
        names = site_names(sites, {"https://a.example/": " Our\n site ", "https://b.example/": " "})
        assert names == {
            "https://a.example/": "Our site",
            "https://b.example/": "Shop",  # a blank label is no label
            "https://c.example/": "c.example",
        }
        same = site_names(sites[:2], {url: "Rival" for url, _ in sites[:2]})
        assert same == {
            "https://a.example/": "Rival (a.example)",
            "https://b.example/": "Rival (b.example)",
        }
