"""Route templates from one URL and from all of a site's URLs."""

from __future__ import annotations

import pytest

from aura.crawl.templates import group_templates, template_of

BASE = "https://ex.com"


@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/", "/"),
        ("/about", "/about"),
        ("/about/", "/about"),
        ("/blog/2024/hello-world", "/blog/:year/:slug"),
        ("/blog/2024/05/01/hi", "/blog/:year/:month/:day/:slug"),
        ("/news/2024-05-01", "/news/:date"),
        ("/product/12345", "/product/:id"),
        ("/u/550e8400-e29b-41d4-a716-446655440000", "/u/:id"),
        ("/p/3f2a9c1b7d", "/p/:id"),
        ("/shop/blue-shoe-12345", "/shop/:id"),
        ("/docs/getting-started", "/docs/:slug"),
        ("/docs/install", "/docs/install"),  # one word: only siblings can tell
        ("/pricing-plans", "/pricing-plans"),  # top-level pages stay themselves
        ("/reference/index.html", "/reference/index.html"),
        ("/blog/2024/05/hello-world?page=2", "/blog/:year/:month/:slug"),
    ],
)
def test_template_of(path: str, template: str) -> None:
    assert template_of(BASE + path) == template


def test_siblings_make_a_slug() -> None:
    urls = [BASE + p for p in ("/docs/install", "/docs/usage", "/docs/faq", "/docs/api")]
    urls += [BASE + p for p in ("/docs/api/auth", "/", "/about", "/pricing", "/contact")]
    urls += [BASE + p for p in ("/team/alice", "/team/bob")]
    grouped = group_templates(urls)
    assert grouped[BASE + "/docs/install"] == "/docs/:slug"
    assert grouped[BASE + "/docs/faq"] == "/docs/:slug"
    # A section (it has pages under it) keeps its name; so do its pages, one child only.
    assert grouped[BASE + "/docs/api"] == "/docs/api"
    assert grouped[BASE + "/docs/api/auth"] == "/docs/api/auth"
    # Top-level pages are pages of their own; two siblings are not enough.
    assert grouped[BASE + "/about"] == "/about"
    assert grouped[BASE + "/"] == "/"
    assert grouped[BASE + "/team/alice"] == "/team/alice"


def test_numeric_siblings_group_without_help() -> None:
    urls = [f"{BASE}/product/{n}" for n in range(5)] + [f"{BASE}/blog/2023/{n}" for n in "ab"]
    assert set(group_templates(urls).values()) == {"/product/:id", "/blog/:year/:slug"}
