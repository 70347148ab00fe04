"""Route templates from one URL: what a reader would group, whatever else the crawl saw."""

from __future__ import annotations

import random

import pytest

from aura.crawl.templates import template_of

BASE = "https://ex.com"


@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/", "/"),
        ("/index.html", "/index.html"),
        ("/about", "/about"),
        ("/about/", "/about"),
        ("/pricing-plans", "/pricing-plans"),  # top-level pages stay themselves
        ("/blog-post.html", "/blog-post.html"),
        ("/blog/hello-world", "/blog/:slug"),
        ("/blog/2024/hello-world", "/blog/:year/:slug"),
        ("/blog/2024/05/01/hi", "/blog/:year/:month/:day/:slug"),
        ("/blog/2024/05/hello-world?page=2", "/blog/:year/:month/:slug"),
        ("/news/2024-05-01", "/news/:date"),
        ("/product/12345", "/product/:id"),
        ("/products/42/", "/products/:id"),
        ("/u/550e8400-e29b-41d4-a716-446655440000", "/u/:id"),
        ("/p/3f2a9c1b7d", "/p/:id"),
        ("/shop/blue-shoe-12345", "/shop/:id"),
        ("/docs/getting-started", "/docs/:slug"),
        # One word, with or without an extension: a page of its section all the same.
        ("/docs/install", "/docs/:slug"),
        ("/docs/api/auth", "/docs/api/:slug"),
        # pkgdown: a function's page, an old build's page (two dots), the articles.
        ("/reference/across.html", "/reference/:slug"),
        ("/reference/across..html", "/reference/:slug"),
        ("/articles/speed_comparisons.html", "/articles/:slug"),
        # A section's index is its listing, not one of its pages.
        ("/reference/index.html", "/reference/index.html"),
        ("/news/index.html", "/news/index.html"),
        # A page stored as a directory's index: the directory is the page.
        ("/posts/hello/index.html", "/posts/:slug/index.html"),
    ],
)
def test_template_of(path: str, template: str) -> None:
    assert template_of(BASE + path) == template


def test_templates_do_not_depend_on_the_order_pages_come_in() -> None:
    # Two workers crawl a site's pages in different orders: each page's template is the same.
    paths = ["/", "/about", "/reference/index.html", "/team/alice", "/team/bob"]
    paths += [f"/reference/{name}.html" for name in ("pick", "across", "across.", "map_chr")]
    urls = [BASE + path for path in paths]
    first = {url: template_of(url) for url in urls}
    shuffled = urls[:]
    random.Random(26).shuffle(shuffled)
    assert {url: template_of(url) for url in shuffled} == first
    assert set(first.values()) == {
        "/",
        "/about",
        "/reference/index.html",
        "/team/:slug",
        "/reference/:slug",
    }
