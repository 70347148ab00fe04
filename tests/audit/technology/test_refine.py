"""Aura's corrections to the fingerprints' verdicts, on hand-built detections."""

from __future__ import annotations

from aura.audit.technology.engine import Detection, Evidence
from aura.audit.technology.refine import CONFIDENCE_FLOOR, refine, without_unserved_manifest

WP = "https://blog.example/wp-content"
STAMPED = [f"{WP}/plugins/{name}.js?ver=6.6.2" for name in ("a", "b", "c")]


def detection(name: str, *evidence: Evidence, version: str | None = None) -> Detection:
    return Detection(name, version, 100, (), evidence=evidence)


def test_a_version_stamped_on_many_files_is_a_cache_buster() -> None:
    stellar_url = f"{WP}/themes/gauge/jquery.stellar.min.js?ver=6.6.2"
    stellar = detection(
        "Stellar.js", Evidence("scriptSrc", stellar_url, version="6.6.2"), version="6.6.2"
    )
    redux_url = f"{WP}/plugins/redux/redux.js?ver=4.4.11"
    redux = detection(
        "Redux Framework", Evidence("scriptSrc", redux_url, version="4.4.11"), version="4.4.11"
    )
    refined = refine([stellar, redux], [*STAMPED, stellar_url, redux_url], [])
    assert [d.version for d in refined] == [None, "4.4.11"]


def test_part_of_a_link_target_is_weak_evidence() -> None:
    cart = detection("Cart Functionality", Evidence("dom", "a[href*='/cart']", "a[href*='/cart']"))
    icons = detection(
        "Bootstrap Icons",
        Evidence("dom", "link[href*='bootstrap-icons']", "link[href*='bootstrap-icons']"),
    )
    awesome = detection("Font Awesome", Evidence("dom", "class=fas fa-bars", "[class*='fa']"))
    refined = {d.name: d.confidence for d in refine([cart, icons, awesome], [], [])}
    assert refined["Cart Functionality"] < CONFIDENCE_FLOOR
    assert refined["Bootstrap Icons"] == 100
    assert refined["Font Awesome"] == 100


def test_versions_from_package_paths_and_banners() -> None:
    bootstrap = detection("Bootstrap", Evidence("scriptSrc", "x"))
    urls = [
        "https://cdn.jsdelivr.net/npm/bootstrap-icons@1.5.0/font/bootstrap-icons.css",
        "https://cdn.jsdelivr.net/npm/bootstrap@5.2.3/dist/js/bootstrap.bundle.min.js",
    ]
    assert refine([bootstrap], urls, [])[0].version == "5.2.3"
    banner = '@charset "UTF-8";\n/*!\n * Bootstrap  v5.1.0 (https://getbootstrap.com/)\n */'
    assert refine([bootstrap], [], [banner])[0].version == "5.1.0"
    theme = "/*!\n* Start Bootstrap - Landing Page v6.0.6\n*/"
    assert refine([bootstrap], [], [theme])[0].version is None
    jquery = detection("jQuery", Evidence("scriptSrc", "x"))
    cdnjs = ["https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js"]
    assert refine([jquery], cdnjs, [])[0].version == "3.7.1"


def test_versions_from_cdnjs_names_of_their_own() -> None:
    # pkgdown pages (tidytable): cdnjs calls Bootstrap "twitter-bootstrap" and keeps the
    # ".js" of clipboard.js; Bootswatch's theme version is not Bootstrap's.
    urls = [
        "https://cdnjs.cloudflare.com/ajax/libs/bootswatch/3.4.0/lumen/bootstrap.min.css",
        "https://cdnjs.cloudflare.com/ajax/libs/twitter-bootstrap/3.4.1/js/bootstrap.min.js",
        "https://cdnjs.cloudflare.com/ajax/libs/clipboard.js/2.0.6/clipboard.min.js",
    ]
    bootstrap = detection("Bootstrap", Evidence("scriptSrc", "x"))
    clipboard = detection("Clipboard.js", Evidence("scriptSrc", "x"))
    assert [d.version for d in refine([bootstrap, clipboard], urls, [])] == ["3.4.1", "2.0.6"]
    assert refine([bootstrap], urls[:1], [])[0].version is None


def test_a_pwa_whose_manifest_is_not_served_is_no_pwa() -> None:
    # Wappalyzer's PWA is any <link rel=manifest>; pkgdown's /site.webmanifest is a 404.
    pwa = detection("PWA", Evidence("dom", "link[rel='manifest']", "link[rel='manifest']"))
    jquery = detection("jQuery", Evidence("scriptSrc", "x"), version="3.7.1")
    assert [d.name for d in without_unserved_manifest([pwa, jquery], 404)] == ["jQuery"]
    assert [d.name for d in without_unserved_manifest([pwa, jquery], 200)] == ["PWA", "jQuery"]
    assert [d.name for d in without_unserved_manifest([pwa, jquery], None)] == ["PWA", "jQuery"]
