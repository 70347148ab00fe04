"""The site-level comparison: crawled sites' reports (made by ``site_report`` from hand-made
records) side by side, in words, and as recommendations for the primary site."""

from __future__ import annotations

from typing import Any

from aura.comparison import ComparisonDocument
from aura.crawl.records import PageRecord
from aura.crawl.site import site_report
from tests.comparison.builders import A, B, C, result, run, site
from tests.crawl.local_site import SITES, crawl_folder
from tests.support.records import html_page


def page(origin: str, path: str, **values: Any) -> PageRecord:
    defaults: dict[str, Any] = {
        "title": f"{origin} {path}",
        "description": f"About {path}",
        "h1": (f"Heading {path}",),
        "words": 400,
        "template": path,
        "scores": {"seo": 90.0},
    }
    return html_page(origin, path, **{**defaults, **values})


def crawled(
    origin: str,
    *,
    broken: int = 0,
    products: int = 4,
    marked: int = 0,
    keywords: tuple[tuple[str, int], ...] = (),
) -> dict[str, Any]:
    """A site report: a home page linking to ``products`` product pages (``marked`` of them
    with Product markup; product n has ``keywords`` with n % 3 added to each count, as real
    pages vary) and to ``broken`` URLs that answer 404."""
    product_urls = [f"{origin}product/{n}" for n in range(products)]
    gone = [f"{origin}gone/{n}" for n in range(broken)]
    pages = [
        page(origin, "/", depth=0, source="start", links=(*product_urls, *gone)),
        *(
            page(
                origin,
                f"/product/{n}",
                template="/product/:id",
                structured_types=("Product",) if n < marked else (),
                scores={"seo": 70.0},
                keywords=tuple((term, count + n % 3) for term, count in keywords),
            )
            for n in range(products)
        ),
        *(page(origin, f"/gone/{n}", status=404) for n in range(broken)),
    ]
    return site_report(pages, None, origin)


def with_crawl(url: str, report: dict[str, Any], **kwargs: Any) -> Any:
    return site(url, {**result(scores={"seo": 80}, title=None), "site": report}, **kwargs)


def row(rows: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    return next(item for item in rows if item[key] == value)


def test_without_a_crawl_there_is_no_site_section() -> None:
    document = run(site(A, scores={"seo": 80}), site(B, scores={"seo": 70}), primary_url=A)
    assert document["site"] is None
    assert not any(
        item["audit_id"].startswith("site:") for item in document["recommendations"][0]["items"]
    )


def test_broken_links_against_the_best_competitor() -> None:
    document = run(
        with_crawl(A, crawled(A, broken=14)),
        with_crawl(B, crawled(B, broken=0)),
        with_crawl(C, crawled(C, broken=3)),
        primary_url=A,
    )
    ComparisonDocument.model_validate(document)
    section = document["site"]
    assert section["sites"] == [A, B, C]
    broken = row(section["findings"], "id", "broken-internal-links")
    assert broken["counts"] == {A: 14, B: 0, C: 3}
    assert broken["best"] == [B]
    assert broken["text"] == (
        "Internal links to pages that fail (4xx, 5xx or no response): you have 14 of 18; "
        "the best competitor, b.example, has 0 of 4."
    )
    assert broken["text"] in section["statements"]


def test_sites_of_different_sizes_compare_by_share() -> None:
    # 3 of 4 links broken against 5 of 100: the bigger count is the smaller problem. And
    # every page of each site without a description (9 of 9, 4 of 4) is a tie, not a lead
    # for the smaller site (the Modern Business and Clean Blog fixtures, crawled).
    document = run(
        with_crawl(A, crawled(A, broken=3, products=1)),
        with_crawl(B, crawled(B, broken=5, products=95)),
        primary_url=A,
    )
    broken = row(document["site"]["findings"], "id", "broken-internal-links")
    assert broken["counts"] == {A: 3, B: 5}
    assert broken["best"] == [B]
    assert broken["text"] == (
        "Internal links to pages that fail (4xx, 5xx or no response): you have 3 of 4; "
        "the best competitor, b.example, has 5 of 100."
    )
    described = [page(C, "/", depth=0, source="start", description=None)]
    described += [page(C, f"/p{n}", description=None) for n in range(8)]
    fewer = [page(A, "/", depth=0, source="start", description=None)]
    fewer += [page(A, f"/p{n}", description=None) for n in range(3)]
    document = run(
        with_crawl(A, site_report(fewer, None, A)),
        with_crawl(C, site_report(described, None, C)),
        primary_url=C,
    )
    missing = row(document["site"]["findings"], "id", "missing-descriptions")
    assert missing["counts"] == {A: 4, C: 9}
    assert missing["best"] == []
    assert missing["text"] is None


def test_equal_counts_have_no_best_and_no_sentence() -> None:
    document = run(
        with_crawl(A, crawled(A, broken=2)), with_crawl(B, crawled(B, broken=2)), primary_url=A
    )
    broken = row(document["site"]["findings"], "id", "broken-internal-links")
    assert broken["best"] == []
    assert broken["text"] is None


def test_structured_data_coverage_by_template() -> None:
    document = run(
        with_crawl(A, crawled(A, products=25, marked=3)),
        with_crawl(B, crawled(B, products=25, marked=24)),
        primary_url=A,
    )
    product = row(document["site"]["structured_data"], "type", "Product")
    assert product["leaders"] == [B]
    assert product["coverage"][B] == {
        "template": "/product/:id",
        "pages": 25,
        "marked": 24,
        "share": 0.96,
    }
    assert product["text"] == (
        "b.example has Product markup on 96 % of its /product/:id pages, you on 12 % of your "
        "/product/:id pages."
    )


def test_pages_per_template_side_by_side_and_content_volume() -> None:
    document = run(
        with_crawl(A, crawled(A, products=2)),
        with_crawl(B, crawled(B, products=30)),
        primary_url=A,
    )
    section = document["site"]
    assert row(section["templates"], "template", "/product/:id")["pages"] == {A: 2, B: 30}
    crawled_row = row(section["figures"], "id", "pages_crawled")
    assert crawled_row["values"] == {A: 3.0, B: 31.0}
    assert crawled_row["leaders"] == []
    assert (
        "Content volume: a.example 3 pages, 1,200 words (median 400 a page); b.example 31 pages, "
        "12,400 words (median 400 a page)." in (section["statements"])
    )


def test_topics_per_site_side_by_side_and_in_words() -> None:
    document = run(
        with_crawl(A, crawled(A, products=3, keywords=(("kettle", 6), ("tea", 2)))),
        with_crawl(B, crawled(B, products=2, keywords=(("teapot", 5), ("cups", 4)))),
        with_crawl(C, crawled(C)),
        primary_url=A,
    )
    section = document["site"]
    assert section["topics"][A] == [
        {"term": "kettle", "pages": 3, "weight": 3.0},
        {"term": "tea", "pages": 3, "weight": 1.26},
    ]
    assert [topic["term"] for topic in section["topics"][B]] == ["teapot", "cups"]
    # c.example's pages have no keywords: no topics, and it is not named in the sentence.
    assert section["topics"][C] == []
    assert "Main topics: a.example kettle, tea; b.example teapot, cups." in section["statements"]
    median = row(section["figures"], "id", "words_median")
    assert median["values"] == {A: 400.0, B: 400.0, C: 400.0}


def test_site_scores_are_ranked_with_their_evidence() -> None:
    document = run(
        with_crawl(A, crawled(A, broken=5)),
        with_crawl(B, crawled(B)),
        primary_url=A,
    )
    seo = row(document["site"]["scores"], "category", "seo")
    # Two templates: home at 90, products at 70 → 80 before deductions.
    assert seo["evidence"][B]["pages_score"] == 80.0
    assert seo["scores"][B] == 80.0
    assert "broken-internal-links" in seo["evidence"][A]["deductions"]
    assert seo["scores"][A] < seo["scores"][B]
    assert seo["leader"] == B
    assert seo["ranks"] == {A: 2, B: 1}
    assert seo["evidence"][A]["lowest_pages"][0] == f"{A}product/0"


def test_site_findings_become_recommendations_naming_the_pages() -> None:
    document = run(
        with_crawl(A, crawled(A, broken=2)),
        with_crawl(B, crawled(B)),
        primary_url=A,
    )
    items = document["recommendations"][0]["items"]
    broken = row(items, "audit_id", "site:broken-internal-links")
    assert broken["kind"] == "catch_up"
    assert broken["competitors_passing"] == [B]
    assert broken["items_total"] == 2
    assert [item["label"] for item in broken["items"]] == [f"{A}gone/0", f"{A}gone/1"]
    assert broken["items"][0]["note"] == "HTTP 404; linked from /"
    assert broken["action"].endswith("start with /gone/0 (HTTP 404; linked from /)")
    assert broken["potential_points"] > 0
    # Ranked by expected gain among the others.
    impacts = [item["impact"] for item in items]
    assert impacts == sorted(impacts, reverse=True)
    # The competitor's clean crawl gives it nothing to fix here (no primary recommendations
    # for competitors).
    assert [entry["url"] for entry in document["recommendations"]] == [A]


def test_a_site_without_a_crawl_is_listed_as_such() -> None:
    document = run(with_crawl(A, crawled(A)), site(B, scores={"seo": 70}), primary_url=A)
    section = document["site"]
    assert section["sites"] == [A]
    assert section["without_crawl"] == [B]
    broken = row(section["findings"], "id", "broken-internal-links")
    assert broken["counts"] == {A: 0}
    assert broken["text"] is None


def test_not_applicable_is_none_not_zero() -> None:
    document = run(with_crawl(A, crawled(A)), with_crawl(B, crawled(B)), primary_url=A)
    orphans = row(document["site"]["findings"], "id", "orphan-pages")
    assert orphans["counts"] == {A: None, B: None}
    assert orphans["notes"][A].startswith("The site's rules")
    assert orphans["best"] == []


def test_mixed_content_recommendation_names_the_page_and_what_it_loads() -> None:
    report = site_report(
        [page(A, "/", depth=0, mixed_content=("http://cdn.example/a.js",))], None, A
    )
    document = run(with_crawl(A, report), with_crawl(B, crawled(B)), primary_url=A)
    mixed = row(document["recommendations"][0]["items"], "audit_id", "site:mixed-content")
    assert mixed["items"][0] == {
        "label": A,
        "kind": "url",
        "note": "loads http://cdn.example/a.js",
        "bytes": None,
        "savings_bytes": None,
    }
    assert mixed["severity"] == "high"


def test_coverage_is_read_on_the_template_the_type_marks_most() -> None:
    pages = [
        page(A, "/", depth=0),
        page(A, "/shop", structured_types=("Product",)),
        *(
            page(
                A,
                f"/product/{n}",
                template="/product/:id",
                structured_types=("Product",) if n < 9 else (),
            )
            for n in range(10)
        ),
    ]
    document = run(with_crawl(A, site_report(pages, None, A)), with_crawl(B, crawled(B)))
    product = row(document["site"]["structured_data"], "type", "Product")
    # 9 of 10 product pages, not the single /shop page at 100 %.
    assert product["coverage"][A]["template"] == "/product/:id"
    assert product["coverage"][A]["share"] == 0.9
    assert product["coverage"][B] is None
    assert product["leaders"] == [A]


def test_two_fixture_sites_compared_as_crawled() -> None:
    # Read from the files (tests/crawl/local_site.py): every page of Modern Business shares
    # one title; the tidytable pages have their own titles, a sitemap with stale pages no
    # page links (orphans), and three missing favicon files.
    business = site_report(*crawl_folder(SITES / "01-sb-modern-business"))
    tidytable = site_report(*crawl_folder(SITES / "03-pkgdown-tidytable"))
    document = run(
        with_crawl(A, business),
        with_crawl(B, tidytable),
        primary_url=A,
    )
    findings = document["site"]["findings"]
    titles = row(findings, "id", "duplicate-titles")
    assert titles["counts"] == {A: 9, B: 0}
    assert titles["best"] == [B]
    orphans = row(findings, "id", "orphan-pages")
    assert orphans["counts"][A] is None  # no sitemap: cannot tell, not zero
    assert orphans["counts"][B] > 100
    resources = row(findings, "id", "broken-resources")
    assert resources["counts"] == {A: 0, B: 3}
    assert resources["best"] == [A]
    templates = {item["template"]: item["pages"] for item in document["site"]["templates"]}
    # The folder holds 210 reference pages; reference/where.html is neither linked nor in the
    # sitemap (SOURCE.md), so a crawl cannot find it.
    assert templates["/reference/:page"] == {B: 209}
