"""URL normalisation and the crawl's scope."""

from __future__ import annotations

import pytest

from aura.crawl.records import CrawlOptions
from aura.crawl.urls import MAX_QUERY_VARIANTS, Scope, normalise, registrable_domain


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Case of scheme and host, default port, fragment, dot segments, sorted query.
        ("HTTP://Example.COM:80/a/../b?z=1&a=2#top", "http://example.com/b?a=2&z=1"),
        ("https://example.com", "https://example.com/"),
        ("https://EXAMPLE.com:443/x/", "https://example.com/x/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        # Tracking parameters go, the others stay (ref among them).
        ("https://ex.com/p?utm_source=a&UTM_Medium=b&gclid=1&q=1", "https://ex.com/p?q=1"),
        ("https://ex.com/p?fbclid=x&msclkid=y&mc_cid=1&mc_eid=2&_ga=3&yclid=4", "https://ex.com/p"),
        ("https://ex.com/p?ref=main", "https://ex.com/p?ref=main"),
        # Percent-encoding: unreserved decoded, the rest upper-case, UTF-8 for non-ASCII.
        ("https://ex.com/%7euser/a%2fb", "https://ex.com/~user/a%2Fb"),
        ("https://ex.com/café", "https://ex.com/caf%C3%A9"),
        ("https://Bücher.de/?q=a b&q=c%20d", "https://xn--bcher-kva.de/?q=a+b&q=c+d"),
        # Trailing slashes and case in paths are kept: they may be other pages.
        ("https://ex.com/About", "https://ex.com/About"),
        ("https://ex.com/about/", "https://ex.com/about/"),
        # Credentials are dropped, a trailing dot of the host too.
        ("https://user:secret@ex.com./p", "https://ex.com/p"),
    ],
)
def test_normalise(url: str, expected: str) -> None:
    assert normalise(url) == expected


@pytest.mark.parametrize(
    "url", ["mailto:a@b.c", "javascript:void(0)", "tel:123", "ftp://ex.com/", "http://[bad/", ""]
)
def test_not_a_page_url(url: str) -> None:
    assert normalise(url) is None


def test_relative_links_resolve_against_the_page() -> None:
    assert normalise("../c?x=1#y", "https://ex.com/a/b/") == "https://ex.com/a/c?x=1"
    assert normalise("", "https://ex.com/a") == "https://ex.com/a"
    assert normalise("//cdn.ex.com/x", "https://ex.com/") == "https://cdn.ex.com/x"


def test_two_spellings_of_one_page_normalise_alike() -> None:
    assert normalise("http://WWW.Ex.com:80/a?b=2&a=1&utm_campaign=x#f") == normalise(
        "http://www.ex.com/a?a=1&b=2"
    )


def test_registrable_domain_uses_the_public_suffix_list() -> None:
    assert registrable_domain("shop.example.co.uk") == "example.co.uk"
    assert registrable_domain("a.b.example.com") == "example.com"
    # github.io is a public suffix: two users' sites are two sites.
    assert registrable_domain("alice.github.io") == "alice.github.io"
    assert registrable_domain("127.0.0.1") == "127.0.0.1"


def test_scope_same_site() -> None:
    scope = Scope("https://www.example.com/", CrawlOptions(max_pages=10))
    assert scope.refusal("https://example.com/x") is None
    assert scope.refusal("http://www.example.com/x") is None  # same host, other scheme
    assert scope.refusal("https://blog.example.com/") == (
        "another subdomain (subdomains are not crawled)"
    )
    assert scope.refusal("https://other.com/") == "another site"
    assert scope.refusal("https://example.com:8443/") == "another site (another port)"
    assert scope.refusal("mailto:x@example.com") == "not an http(s) URL"


def test_scope_subdomains_when_asked() -> None:
    scope = Scope("https://example.co.uk/", CrawlOptions(max_pages=10, subdomains=True))
    assert scope.refusal("https://blog.example.co.uk/") is None
    assert scope.refusal("https://other.co.uk/") == "another site"


def test_scope_resources_are_not_pages() -> None:
    scope = Scope("https://ex.com/", CrawlOptions(max_pages=10))
    assert scope.refusal("https://ex.com/brochure.PDF") == "a resource (.pdf), not a page"
    assert scope.refusal("https://ex.com/logo.png?v=2") == "a resource (.png), not a page"
    assert scope.refusal("https://ex.com/page.html") is None
    assert scope.refusal("https://ex.com/v1.2/") is None  # a folder, not a file


def test_scope_patterns_glob_on_path_and_query() -> None:
    options = CrawlOptions(max_pages=10, include=("/blog/*",), exclude=("*?print=*",))
    scope = Scope("https://ex.com/", options)
    assert scope.refusal("https://ex.com/") is None  # the start page always
    assert scope.refusal("https://ex.com/blog/2024/post") is None  # * crosses "/"
    assert scope.refusal("https://ex.com/about") == "matches no include pattern"
    assert scope.refusal("https://ex.com/blog/x?print=1") == "matches the exclude pattern *?print=*"


def test_scope_refuses_link_traps() -> None:
    scope = Scope("https://ex.com/", CrawlOptions(max_pages=10))
    assert scope.refusal("https://ex.com/a/b/a/b/a/b") is None  # three of each
    refused = scope.refusal("https://ex.com/a/b/a/b/a/b/a")
    assert refused is not None
    assert "repeats more than 3 times" in refused
    deep = "https://ex.com/" + "/".join(f"s{i}" for i in range(17))
    assert scope.refusal(deep) == "a path of more than 16 segments"
    assert scope.refusal("https://ex.com/?q=" + "x" * 3000) is not None


def test_scope_bounds_query_variants_of_one_path() -> None:
    scope = Scope("https://ex.com/", CrawlOptions(max_pages=1000))
    admitted = [
        scope.refusal(f"https://ex.com/calendar?month={month}") is None
        for month in range(MAX_QUERY_VARIANTS + 10)
    ]
    assert admitted.count(True) == MAX_QUERY_VARIANTS
    assert admitted[:MAX_QUERY_VARIANTS] == [True] * MAX_QUERY_VARIANTS
    # A variant already admitted stays admitted; other paths have their own count.
    assert scope.refusal("https://ex.com/calendar?month=3") is None
    assert scope.refusal("https://ex.com/list?page=1") is None


def test_a_rebuilt_scope_learns_what_was_admitted() -> None:
    urls = [f"https://ex.com/list?page={page}" for page in range(MAX_QUERY_VARIANTS)]
    scope = Scope("https://ex.com/", CrawlOptions(max_pages=1000))
    scope.admitted(urls)
    assert scope.refusal("https://ex.com/list?page=999") is not None
