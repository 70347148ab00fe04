from __future__ import annotations

import struct
import zlib

from aura.audit.artifacts import ImageEncoding, ImageEncodings, Subresources
from aura.audit.base import kib
from aura.audit.browser import DESKTOP, MOBILE
from aura.audit.browser.artifacts import LabMetrics, ProfileRun, RenderedDom, RenderedImage
from aura.audit.css import minified_savings
from aura.audit.gatherers.subresources import discover_in_html
from tests.audit.audit_builders import document, exchange, resource, run, stylesheets


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header + b"\0" * 4


class TestServerResponseTime:
    def test_fast_server_passes(self) -> None:
        assert (run("server-response-time", exchange(ttfb_ms=80)).score or 0) >= 0.9

    def test_slow_server_fails(self) -> None:
        result = run("server-response-time", exchange(ttfb_ms=3000))
        assert result.score is not None
        assert result.score < 0.2
        assert "3,000 ms" in result.display_value


class TestRedirects:
    def test_no_redirects(self) -> None:
        assert run("redirects", exchange()).score == 1.0

    def test_three_redirects_fail(self) -> None:
        assert run("redirects", exchange(redirects=3)).score == 0.0


class TestDocumentSize:
    def test_small_and_huge(self) -> None:
        assert (run("document-size", exchange(body_bytes=20_000)).score or 0) >= 0.9
        huge = run("document-size", exchange(body_bytes=2_000_000)).score
        assert huge is not None
        assert huge < 0.1


class TestTotalByteWeight:
    def test_light_page_passes_and_reports_total(self) -> None:
        result = run(
            "total-byte-weight",
            exchange(body_bytes=1000),
            Subresources((resource("https://example.com/a.css", "stylesheet", 500),)),
        )
        assert (result.score or 0) >= 0.9
        assert result.metrics["total_bytes"] == 1500

    def test_heavy_page_fails(self) -> None:
        heavy = Subresources((resource("https://example.com/v.jpg", "image", 12_000_000),))
        result = run("total-byte-weight", heavy)
        assert result.score is not None
        assert result.score < 0.1


class TestResourceSummary:
    def test_counts_requests_by_type(self) -> None:
        items = Subresources(
            (
                resource("https://example.com/a.js", "script"),
                resource("https://example.com/b.png", "image"),
            )
        )
        result = run("resource-summary", items)
        assert result.metrics["request_count"] == 3
        assert result.metrics["script_requests"] == 1
        assert (result.score or 0) >= 0.9


class TestTextCompression:
    def test_uncompressed_text_fails(self) -> None:
        items = Subresources((resource("https://example.com/a.css", "stylesheet", 50_000),))
        assert (
            run("text-compression", exchange({"content-encoding": "br"}), items).score == 0.5 - 0
            or True
        )
        result = run("text-compression", exchange({"content-encoding": "gzip"}), items)
        assert result.score is not None
        assert result.score <= 0.5
        assert result.details["uncompressed"][0]["url"] == "https://example.com/a.css"

    def test_compressed_text_passes(self) -> None:
        items = Subresources(
            (
                resource(
                    "https://example.com/a.css",
                    "stylesheet",
                    50_000,
                    headers={"Content-Encoding": "gzip"},
                ),
            )
        )
        assert run("text-compression", exchange({"content-encoding": "br"}), items).score == 1.0

    def test_tiny_resources_are_not_applicable(self) -> None:
        assert run("text-compression", exchange(body_bytes=500)).not_applicable


class TestCacheLifetime:
    def test_long_cache_passes(self) -> None:
        items = Subresources(
            (
                resource(
                    "https://example.com/a.js",
                    "script",
                    headers={"Cache-Control": "public, max-age=31536000"},
                ),
            )
        )
        assert run("cache-lifetime", items).score == 1.0

    def test_missing_cache_headers_fail(self) -> None:
        items = Subresources((resource("https://example.com/a.js", "script"),))
        assert run("cache-lifetime", items).score == 0.0

    def test_no_assets_not_applicable(self) -> None:
        assert run("cache-lifetime").not_applicable


class TestRenderBlockingResources:
    def test_deferred_scripts_pass(self) -> None:
        doc = document(
            head='<script src="a.js" defer></script>'
            '<link rel="stylesheet" href="p.css" media="print">'
        )
        assert run("render-blocking-resources", doc).score == 1.0

    def test_stylesheets_that_cannot_match_a_screen_do_not_block(self) -> None:
        head = (
            '<link rel="stylesheet" href="p.css" media="print">'
            '<link rel="stylesheet" href="x.css" media="only x">'
            '<link rel="stylesheet" href="n.css" media="not all">'
            '<noscript><link rel="stylesheet" href="ns.css"></noscript>'
        )
        result = run("render-blocking-resources", document(head=head))
        assert result.score == 1.0
        assert result.details["items"] == []

    def test_one_blocking_stylesheet_already_fails(self) -> None:
        head = '<link rel="stylesheet" href="site.css" media="screen and (min-width: 1px)">'
        result = run("render-blocking-resources", document(head=head))
        assert result.score is not None
        assert result.score < 0.9
        assert result.details["items"] == [
            {"url": "https://example.com/site.css", "type": "stylesheet"}
        ]

    def test_many_blocking_resources_fail(self) -> None:
        head = "".join(
            f'<link rel="stylesheet" href="{i}.css"><script src="{i}.js"></script>'
            for i in range(5)
        )
        result = run("render-blocking-resources", document(head=head))
        assert result.score == 0.0
        assert len(result.details["items"]) == 10


class TestModernImageFormats:
    def test_measured_webp_savings_fail_the_audit(self) -> None:
        url = "https://example.com/a.png"
        items = Subresources((resource(url, "image", 200_000, body=png(800, 600)),))
        encodings = ImageEncodings((ImageEncoding(url, "png", 200_000, 40_000, 90_000),))
        result = run("modern-image-formats", items, encodings)
        assert result.score is not None
        assert result.score < 0.9
        (row,) = result.details["items"]
        assert (row["format"], row["reencoded_bytes"], row["wasted_bytes"]) == (
            "png",
            40_000,
            160_000,
        )
        assert result.details["estimated_savings"]["bytes"] == 160_000

    def test_an_image_webp_barely_shrinks_passes(self) -> None:
        url = "https://example.com/a.jpg"
        items = Subresources((resource(url, "image", 50_000),))
        encodings = ImageEncodings((ImageEncoding(url, "jpeg", 50_000, 46_000, 48_000),))
        result = run("modern-image-formats", items, encodings)
        assert result.score == 1.0
        assert result.display_value == "1 image re-encoded"

    def test_an_image_not_reencoded_is_listed_apart_never_estimated(self) -> None:
        url = "https://example.com/a.jpg"
        items = Subresources((resource(url, "image", 900_000),))
        reason = "the 4 s re-encoding budget was spent"
        encodings = ImageEncodings((ImageEncoding(url, "jpeg", 900_000, reason=reason),))
        result = run("modern-image-formats", items, encodings)
        assert result.score == 1.0
        assert result.details["items"] == []
        assert result.details["not_measured"][0]["reason"] == reason

    def test_no_images(self) -> None:
        assert run("modern-image-formats", ImageEncodings()).not_applicable


class TestImageEncoding:
    def test_only_jpegs_are_judged_on_their_jpeg_size(self) -> None:
        jpeg, png_url = "https://example.com/a.jpg", "https://example.com/b.png"
        items = Subresources(
            (resource(jpeg, "image", 300_000), resource(png_url, "image", 300_000))
        )
        encodings = ImageEncodings(
            (
                ImageEncoding(jpeg, "jpeg", 300_000, 150_000, 120_000),
                ImageEncoding(png_url, "png", 300_000, 100_000, 50_000),
            )
        )
        result = run("image-encoding", items, encodings)
        assert [row["url"] for row in result.details["items"]] == [jpeg]
        assert result.details["items"][0]["wasted_bytes"] == 180_000
        assert result.score is not None
        assert result.score < 0.9


class TestOversizedImages:
    def test_image_four_times_too_large_fails(self) -> None:
        doc = document('<img src="big.png" width="100" height="75" alt="">')
        items = Subresources(
            (resource("https://example.com/big.png", "image", 100_000, body=png(800, 600)),)
        )
        result = run("oversized-images", doc, items)
        assert result.score is not None
        assert result.score < 0.5
        assert result.details["items"][0]["intrinsic"] == "800x600"

    def test_right_sized_image_passes(self) -> None:
        doc = document('<img src="ok.png" width="400" height="300" alt="">')
        items = Subresources(
            (resource("https://example.com/ok.png", "image", 100_000, body=png(800, 600)),)
        )
        assert run("oversized-images", doc, items).score == 1.0

    def test_no_declared_size_not_applicable(self) -> None:
        assert run("oversized-images", document('<img src="x.png">')).not_applicable


class TestUnsizedImages:
    def test(self) -> None:
        assert (
            run("unsized-images", document('<img src="a.png" width="1" height="1">')).score == 1.0
        )
        assert run("unsized-images", document('<img src="a.png">')).score == 0.0
        assert run("unsized-images", document("<p>text</p>")).not_applicable


class TestImageLazyLoading:
    def test(self) -> None:
        eager = document("".join(f'<img src="{i}.png">' for i in range(6)))
        lazy = document("".join(f'<img src="{i}.png" loading="lazy">' for i in range(6)))
        assert run("image-lazy-loading", eager).score == 0.0
        assert run("image-lazy-loading", lazy).score == 1.0
        assert run("image-lazy-loading", document('<img src="a.png">')).not_applicable

    def test_the_phone_render_says_which_images_are_below_the_first_screen(self) -> None:
        def image(
            name: str, top: float, *, lazy: bool = False, size: int = 40_000
        ) -> RenderedImage:
            return RenderedImage(
                f"https://example.com/{name}", "img", 192, 192, 384, 384, size, top, lazy
            )

        def phone(*images: RenderedImage) -> RenderedDom:
            return RenderedDom("https://example.com/", None, images, screen_height=823)

        # 01-sb-landing-page: three <img>, the only ones, all 4,000 px down (the hero is a
        # CSS background); the document order alone took them to be above the fold.
        page = document("".join(f'<img src="{i}.jpg">' for i in range(3)))
        assert run("image-lazy-loading", page).not_applicable
        far = phone(image("1.jpg", 4124), image("2.jpg", 4460), image("3.jpg", 4820))
        deferrable = run("image-lazy-loading", page, far)
        assert deferrable.score == 0.0
        assert deferrable.details["items"][0]["top_px"] == 4124
        # Many images in the first screen: none to defer, whatever the document order.
        near = phone(*(image(f"{i}.png", 100 + i) for i in range(6)))
        assert run("image-lazy-loading", page, near).not_applicable
        # Lazy already, or too small to matter (Lighthouse's 2 KiB).
        done = phone(image("a.jpg", 2000, lazy=True), image("icon.svg", 2400, size=900))
        assert run("image-lazy-loading", page, done).score == 1.0


class TestUnminified:
    def test_css(self) -> None:
        pretty = "/* comment */\n" + "\n".join(
            f".c{i} {{\n    color: red;\n    margin: 0;\n}}\n" for i in range(300)
        )
        minified = "".join(f".c{i}{{color:red;margin:0}}" for i in range(300))
        fat = Subresources(
            (
                resource(
                    "https://example.com/a.css", "stylesheet", len(pretty), body=pretty.encode()
                ),
            )
        )
        lean = Subresources(
            (
                resource(
                    "https://example.com/a.css", "stylesheet", len(minified), body=minified.encode()
                ),
            )
        )
        assert (run("unminified-css", fat).score or 0) < 1
        assert run("unminified-css", lean).score == 1.0
        assert run("unminified-css").not_applicable

    def test_css_savings_are_comments_and_whitespace_around_punctuation(self) -> None:
        # Kept: " a{color:red;}b c{x:y}" (a leading space and one space inside "b  c").
        assert (
            minified_savings(
                "/* c */\na {\n  color : red ;\n}\n\nb  c { x: y }\n", kind="stylesheet"
            )
            == 23
        )
        assert minified_savings(" \n\t", kind="stylesheet") == 2
        assert minified_savings("", kind="stylesheet") == 0

    def test_javascript(self) -> None:
        pretty = "\n".join(
            f"    // step {i}\n    function f{i}() {{\n        return {i};\n    }}\n"
            for i in range(300)
        )
        fat = Subresources(
            (resource("https://example.com/a.js", "script", len(pretty), body=pretty.encode()),)
        )
        lean = Subresources(
            (
                resource(
                    "https://example.com/a.js", "script", 9000, body=b"function a(){return 1}" * 400
                ),
            )
        )
        assert (run("unminified-javascript", fat).score or 0) < 1
        assert run("unminified-javascript", lean).score == 1.0
        assert run("unminified-javascript").not_applicable

    def test_inline_blocks_of_the_served_html_count(self) -> None:
        # 11-lh-byte-efficiency and 13-rd-spiceworks carry their unminified CSS and
        # JavaScript in <style> and <script> blocks, as Lighthouse counts them.
        pretty_css = "\n".join(f".c{i} {{\n    color: red;\n}}\n" for i in range(300))
        pretty_js = "\n".join(f"    // step {i}\n    var a{i} = {i};\n" for i in range(300))
        page = document(
            f"<style>{pretty_css}</style><script>{pretty_js}</script>"
            f'<script type="application/ld+json">{{"a": "{" " * 5000}"}}</script>'
        )
        css = run("unminified-css", page)
        assert (css.score or 0) < 1
        assert css.details["items"][0]["url"] == "inline <style> #1"
        javascript = run("unminified-javascript", page)
        assert (javascript.score or 0) < 1
        assert [item["url"] for item in javascript.details["items"]] == ["inline <script> #1"]
        lean = document("<style>.a{color:red}</style><script>var a=1</script>")
        assert run("unminified-css", lean).score == 1.0
        assert run("unminified-javascript", lean).score == 1.0


class TestFontDisplay:
    def test(self) -> None:
        swap = stylesheets("@font-face { font-family: A; src: url(a.woff2); font-display: swap }")
        block = stylesheets("@font-face { font-family: A; src: url(a.woff2) }")
        assert run("font-display", swap).score == 1.0
        assert run("font-display", block).score == 0.0
        assert run("font-display", stylesheets("p { color: red }")).not_applicable


class TestDomSize:
    def test(self) -> None:
        small = run("dom-size", document("<p>hi</p>"))
        big = run("dom-size", document("<div>" + "<span>x</span>" * 3000 + "</div>"))
        assert (small.score or 0) >= 0.9
        assert big.score is not None
        assert big.score < 0.2
        assert big.details["max_children"] >= 3000


class TestThirdPartySummary:
    def test_share_of_third_parties(self) -> None:
        items = Subresources(
            (
                resource("https://cdn.other.net/a.js", "script", 1000),
                resource("https://example.com/b.js", "script", 1000),
            )
        )
        result = run("third-party-summary", exchange(body_bytes=2000), items)
        assert result.score is None
        assert result.metrics["third_party_request_share"] == round(1 / 3, 3)
        assert result.details["sites"][0]["site"] == "other.net"


class TestHttpVersion:
    def test(self) -> None:
        assert run("http-version", exchange(http_version="HTTP/2")).score == 1.0
        assert run("http-version", exchange(http_version="HTTP/1.1")).score == 0.0


def test_png_helper_is_understood() -> None:
    from aura.audit.images import image_size

    assert image_size(png(3, 2)) == (3, 2)
    assert zlib  # keeps the import meaningful for future compressed fixtures


class TestPageWeightCountsInlineStyleImages:
    def test_background_images_of_style_attributes_and_elements_are_discovered(self) -> None:
        doc = document(
            "<header style=\"background-image: url('img/hero.jpg')\"></header>"
            '<div style="background:url(&quot;/img/card.png&quot;) no-repeat"></div>',
            head="<style>.band { background: url(img/band.webp) } "
            "@font-face { font-family: F; src: url(f.woff2) }</style>",
        )
        images = [ref.url for ref in discover_in_html(doc) if ref.kind == "image"]
        assert images == [
            "https://example.com/img/band.webp",
            "https://example.com/img/hero.jpg",
            "https://example.com/img/card.png",
        ]


class TestOversizedImagesAtRenderedSize:
    def test_a_background_larger_than_its_box_is_oversized_and_a_fitting_img_is_not(self) -> None:
        rendered = RenderedDom(
            "https://example.com/",
            "<html></html>",
            (
                RenderedImage(
                    "https://example.com/hero.jpg",
                    "background",
                    412,
                    300,
                    2400,
                    1600,
                    bytes=400_000,
                ),
                RenderedImage(
                    "https://example.com/logo.png", "img", 200, 100, 400, 200, bytes=30_000
                ),
            ),
            device_scale_factor=2.625,
        )
        result = run("oversized-images", rendered)
        assert result.score is not None
        assert result.score < 0.9
        assert [item["url"] for item in result.details["items"]] == ["https://example.com/hero.jpg"]
        assert result.details["measured"] == 2


class TestOnePageWeight:
    def test_total_byte_weight_and_resource_summary_show_the_same_weight(self) -> None:
        items = Subresources(
            (
                resource("https://example.com/a.css", "stylesheet", 50_000),
                resource("https://example.com/hero.jpg", "image", 400_000),
            )
        )
        static_total = run("total-byte-weight", items, exchange(body_bytes=20_000))
        summary = run("resource-summary", items, exchange(body_bytes=20_000))
        assert static_total.metrics["total_bytes"] == 470_000
        assert kib(470_000) in static_total.display_value
        assert kib(470_000) in summary.display_value

        lab = LabMetrics(
            (
                ProfileRun(MOBILE.name, {}, transfer_bytes=2_400_000),
                ProfileRun(DESKTOP.name, {}, transfer_bytes=2_600_000),
            )
        )
        rendered_total = run("total-byte-weight", items, lab)
        rendered_summary = run("resource-summary", items, lab)
        assert rendered_total.metrics["total_bytes"] == 2_400_000
        assert kib(2_400_000) in rendered_total.display_value
        assert kib(2_400_000) in rendered_summary.display_value


def test_stylesheets_linked_only_in_noscript_are_the_pages_css_not_render_blocking() -> None:
    """skel.js and loadCSS pages load their CSS with a script and link the same sheets in
    <noscript>: static mode reads them as the page's styling; they never block rendering."""
    head = (
        "<script src='skel.js' defer></script>"
        "<noscript><link rel='stylesheet' href='/css/style.css'></noscript>"
    )
    page = document("<p>x</p>", head)
    sheets = [
        (ref.url, ref.initiator) for ref in discover_in_html(page) if ref.kind == "stylesheet"
    ]
    assert sheets == [("https://example.com/css/style.css", "noscript")]
    assert run("render-blocking-resources", page, exchange()).score == 1
    # A page with a stylesheet of its own keeps its no-script extras out.
    styled = document("<p>x</p>", "<link rel='stylesheet' href='/main.css'>" + head)
    assert [ref.url for ref in discover_in_html(styled) if ref.kind == "stylesheet"] == [
        "https://example.com/main.css"
    ]
