"""Each detector of the format, with a fixture fingerprint per case."""

from __future__ import annotations

from aura.audit.artifacts import Subresource, Subresources
from aura.audit.technology import BrowserSignals, PageSignals, Script
from tests.audit.technology.builders import fingerprints, found, signals


class TestHeaders:
    def test_header_value_with_version(self) -> None:
        fp = fingerprints(
            Nginx={"cats": [22], "headers": {"Server": r"nginx(?:/([\d.]+))?\;version:\1"}}
        )
        detection = found(fp, signals(headers={"server": "nginx/1.25.3"}))["Nginx"]
        assert detection.version == "1.25.3"
        assert detection.evidence[0].detector == "headers"
        assert detection.evidence[0].key == "server"
        assert detection.evidence[0].value == "server: nginx/1.25.3"

    def test_empty_pattern_means_the_header_exists(self) -> None:
        fp = fingerprints(Varnish={"headers": {"X-Varnish": ""}})
        assert "Varnish" in found(fp, signals(headers={"X-VARNISH": "123"}))
        assert "Varnish" not in found(fp, signals(headers={"X-Cache": "HIT"}))

    def test_repeated_headers_are_each_checked(self) -> None:
        fp = fingerprints(PHP={"headers": {"X-Powered-By": r"php/?([\d.]+)?\;version:\1"}})
        page = signals(headers=[("x-powered-by", "Express"), ("x-powered-by", "PHP/8.2.1")])
        assert found(fp, page)["PHP"].version == "8.2.1"


class TestCookies:
    def test_cookie_name_and_value(self) -> None:
        fp = fingerprints(Laravel={"cookies": {"laravel_session": ""}})
        page = signals(headers={"set-cookie": "laravel_session=abc; Path=/; HttpOnly"})
        assert found(fp, page)["Laravel"].evidence[0].detector == "cookies"

    def test_wildcard_cookie_names(self) -> None:
        fp = fingerprints(Analytics={"cookies": {"_ga_*": r"\;version:GA4"}})
        page = signals(headers={"set-cookie": "_ga_ABC123=GS1.1; Path=/"})
        assert found(fp, page)["Analytics"].version == "GA4"
        assert "Analytics" not in found(fp, signals(headers={"set-cookie": "_gax=1"}))


class TestMeta:
    def test_generator(self) -> None:
        fp = fingerprints(
            WordPress={"cats": [1], "meta": {"generator": r"^WordPress(?: ([\d.]+))?\;version:\1"}}
        )
        page = signals(
            '<html><head><meta name="Generator" content="WordPress 6.4.2"></head></html>'
        )
        assert found(fp, page)["WordPress"].version == "6.4.2"

    def test_property_attribute_counts_as_a_name(self) -> None:
        fp = fingerprints(OpenGraph={"meta": {"og:site_name": ""}})
        page = signals('<head><meta property="og:site_name" content="Shop"></head>')
        assert "OpenGraph" in found(fp, page)


class TestHtmlAndText:
    def test_html(self) -> None:
        fp = fingerprints(Drupal={"html": [r"<div[^>]+id=\"block-system-main\""]})
        page = signals('<body><div class="x" id="block-system-main"></div></body>')
        evidence = found(fp, page)["Drupal"].evidence[0]
        assert (evidence.detector, evidence.value) == (
            "html",
            '<div class="x" id="block-system-main"',
        )

    def test_text_sees_visible_text_only(self) -> None:
        fp = fingerprints(Builder={"text": [r"Made with Builder ([\d.]+)\;version:\1"]})
        assert (
            found(fp, signals("<body><footer>Made with Builder 3.2</footer></body>"))[
                "Builder"
            ].version
            == "3.2"
        )
        hidden = "<body><script>var s = 'Made with Builder 3.2';</script></body>"
        assert "Builder" not in found(fp, signals(hidden))


class TestScripts:
    def test_inline_script_content(self) -> None:
        fp = fingerprints(GA={"scripts": [r"gtag\([^)]+'(G-)\;version:\1?GA4:"]})
        page = signals("<script>gtag('config', 'G-ABC');</script>")
        assert found(fp, page)["GA"].version == "GA4"

    def test_fetched_script_content(self) -> None:
        fp = fingerprints(Lib={"scripts": [r"/\*! Lib v([\d.]+)\;version:\1"]})
        exchange_page = signals('<script src="/lib.js"></script>')
        script = Subresource(
            "https://shop.example.com/lib.js", "script", status_code=200, body=b"/*! Lib v2.0.1 */"
        )
        page = PageSignals(
            url=exchange_page.url,
            html=exchange_page.html,
            scripts=(Script(script.url, script.text),),
            script_srcs=exchange_page.script_srcs,
        )
        detection = found(fp, page)["Lib"]
        assert detection.version == "2.0.1"
        assert detection.evidence[0].key == "https://shop.example.com/lib.js"
        assert Subresources((script,)).of_kind("script")

    def test_script_src_resolved_against_the_page(self) -> None:
        fp = fingerprints(
            jQuery={"scriptSrc": [r"jquery[.-]([\d.]*\d)[^/]*\.js\;version:\1", "jquery"]}
        )
        page = signals('<script src="/static/jquery-3.7.1.min.js"></script>')
        detection = found(fp, page)["jQuery"]
        assert detection.version == "3.7.1"
        assert detection.evidence[0].value == "https://shop.example.com/static/jquery-3.7.1.min.js"

    def test_script_urls_quoted_in_inline_loaders(self) -> None:
        fp = fingerprints(GA={"scriptSrc": [r"google-analytics\.com/(?:ga|analytics)\.js"]})
        snippet = (
            "<script>(function(){ga.src='//www.google-analytics.com/analytics.js';})()</script>"
        )
        evidence = found(fp, signals(snippet))["GA"].evidence[0]
        assert evidence.key == "inline script loader"


class TestOtherTexts:
    def test_css(self) -> None:
        fp = fingerprints(Tailwind={"css": [r"--tw-(?:rotate|translate)"]})
        page = signals("<head><style>.a{--tw-rotate:0}</style></head>")
        assert "Tailwind" in found(fp, page)

    def test_url(self) -> None:
        fp = fingerprints(Shopify={"url": [r"^https?//[^/]+\.myshopify\.com", r"\.example\.com/"]})
        assert found(fp, signals())["Shopify"].evidence[0].value == "https://shop.example.com/"

    def test_robots(self) -> None:
        fp = fingerprints(Shop={"robots": ["# Powered by Shoporama"]})
        page = signals()
        robots_page = PageSignals(url=page.url, html=page.html, robots="# Powered by Shoporama\n")
        assert found(fp, robots_page)["Shop"].evidence[0].detector == "robots"

    def test_cert_issuer(self) -> None:
        fp = fingerprints(LetsEncrypt={"certIssuer": "Let's Encrypt"})
        page = signals(issuer="C=US, O=Let's Encrypt, CN=R11")
        assert found(fp, page)["LetsEncrypt"].evidence[0].detector == "certIssuer"

    def test_dns(self) -> None:
        fp = fingerprints(Workspace={"dns": {"MX": [r"aspmx\.l\.google\.com"]}})
        page = PageSignals(url="https://example.com/", dns={"MX": ["1 aspmx.l.google.com"]})
        assert found(fp, page)["Workspace"].evidence[0].key == "MX"


class TestDom:
    def test_selector_exists_as_a_list(self) -> None:
        fp = fingerprints(Next={"dom": ["#__next"]})
        assert "Next" in found(fp, signals('<body><div id="__next"></div></body>'))
        assert "Next" not in found(fp, signals("<body><p>__next</p></body>"))

    def test_attribute_with_version(self) -> None:
        fp = fingerprints(
            Bootstrap={
                "dom": {
                    "link[href*='cdn.jsdelivr.net/npm/bootstrap']": {
                        "attributes": {"href": r"bootstrap@([\d.]+)\;version:\1"}
                    }
                }
            }
        )
        page = signals(
            '<head><link rel="stylesheet" '
            'href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/css/bootstrap.min.css">'
        )
        detection = found(fp, page)["Bootstrap"]
        assert detection.version == "5.3.2"
        assert detection.evidence[0].key == "link[href*='cdn.jsdelivr.net/npm/bootstrap']"

    def test_text(self) -> None:
        fp = fingerprints(Theme={"dom": {"footer .credit": {"text": r"Theme by Acme"}}})
        page = signals('<body><footer><span class="credit">Theme by Acme</span></footer></body>')
        assert found(fp, page)["Theme"].evidence[0].value == "Theme by Acme"

    def test_bare_attribute_counts_as_present(self) -> None:
        fp = fingerprints(Alpine={"dom": {"[x-cloak]": {"attributes": {"x-cloak": ""}}}})
        assert "Alpine" in found(fp, signals("<body><div x-cloak></div></body>"))

    def test_exists_in_an_object(self) -> None:
        fp = fingerprints(Astro={"dom": {"astro-island": {"exists": ""}}})
        assert "Astro" in found(fp, signals("<body><astro-island></astro-island></body>"))

    def test_unsupported_selector_is_skipped(self) -> None:
        fp = fingerprints(Odd={"dom": ["div:has-text(hello)"]}, Fine={"dom": ["#app-root"]})
        result = found(fp, signals('<body><div id="app-root">hello</div></body>'))
        assert "Fine" in result
        assert "Odd" not in result


class TestBrowserSignals:
    def test_js_globals(self) -> None:
        fp = fingerprints(jQuery={"js": {"jQuery.fn.jquery": r"([\d.]+)\;version:\1"}})
        assert fp.js_chains == {"jQuery.fn.jquery"}
        browser = BrowserSignals(js={"jQuery.fn.jquery": "3.7.1"})
        detection = found(fp, signals(), browser)["jQuery"]
        assert detection.version == "3.7.1"
        assert detection.evidence[0].detector == "js"

    def test_dom_properties(self) -> None:
        fp = fingerprints(Vue={"dom": {"[data-v-app]": {"properties": {"__vue_app__": ""}}}})
        assert fp.dom_properties == {("[data-v-app]", "__vue_app__")}
        browser = BrowserSignals(dom_properties={("[data-v-app]", "__vue_app__"): True})
        assert "Vue" in found(fp, signals(), browser)
        assert "Vue" not in found(fp, signals())

    def test_requests(self) -> None:
        fp = fingerprints(Hotjar={"xhr": [r"\.hotjar\.com"]})
        browser = BrowserSignals(requests=["https://in.hotjar.com/api/v2"])
        assert "Hotjar" in found(fp, signals(), browser)
