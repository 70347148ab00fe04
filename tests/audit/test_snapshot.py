"""The content snapshot: the page's texts without noise, for change tracking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aura.audit.artifacts import Document
from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import AnalysisOptions, analyze_url
from aura.audit.snapshot import MAIN_TEXT_LIMIT, content_snapshot
from tests.audit.audit_builders import document
from tests.support.servers import SHARED_SITES, Route, ScriptedSite, serve_scripted

PAGE = """
<!doctype html>
<html lang="en">
<head>
  <title>  Acme   Analytics </title>
  <meta name="description" content="Know your   competitors.">
  <script>var tracking = "script text";</script>
  <style>.x { color: red }</style>
</head>
<body>
  <div class="promo-bar">Black Friday: 40% off until midnight</div>
  <header>
    <a class="logo" href="/">Acme</a>
    <nav>
      <ul>
        <li><a href="/features">Features</a></li>
        <li><a href="/pricing">Pricing</a></li>
        <li><a href="/blog">Blog <span class="badge">3 new</span></a></li>
        <li hidden><a href="/secret">Secret</a></li>
      </ul>
    </nav>
    <a class="btn btn-primary" href="/signup">Start free trial</a>
  </header>
  <main>
    <h1>See what your <em>competitors</em> ship</h1>
    <p>Acme watches their sites   so you don't have to.</p>
    <div id="reviews" class="carousel slide" data-bs-ride="carousel">
      <div class="carousel-item active"><p>"Great tool" - Jane</p></div>
      <div class="carousel-item"><p>"Love it" - Joe</p></div>
    </div>
    <section>
      <h2>Features</h2>
      <ul><li>Daily checks</li><li>Alerts by <b>webhook</b></li></ul>
      <p>Visitors today: <span class="counter">1,204</span></p>
      <button type="button">Book a demo</button>
      <p aria-hidden="true">Decorative text</p>
      <p style="display: none">Hidden by style</p>
      <marquee>Breaking news ticker</marquee>
      <template><p>Template text</p></template>
      <noscript>Enable JavaScript</noscript>
    </section>
  </main>
  <footer><p>&copy; 2026 Acme Inc.</p><a href="/legal">Legal</a></footer>
</body>
</html>
"""


def page(ignore: tuple[str, ...] = ()) -> dict[str, object]:
    return content_snapshot(Document("https://acme.example/", PAGE), ignore).as_json()


def test_snapshot_has_the_page_texts_without_noise() -> None:
    snapshot = page((".promo-bar", ".counter", "header .badge"))
    assert snapshot["title"] == "Acme Analytics"
    assert snapshot["meta_description"] == "Know your competitors."
    assert snapshot["headline"] == "See what your competitors ship"
    assert snapshot["calls_to_action"] == ["Start free trial", "Book a demo"]
    assert snapshot["navigation"] == ["Features", "Pricing", "Blog"]
    assert snapshot["main_text"] == "\n".join(
        [
            "See what your competitors ship",
            "Acme watches their sites so you don't have to.",
            "Features",
            "Daily checks",
            "Alerts by webhook",
            "Visitors today:",
            "Book a demo",
        ]
    )
    assert snapshot["ignored_selectors"] == [".promo-bar", ".counter", "header .badge"]
    assert snapshot["invalid_selectors"] == []


def test_without_ignore_selectors_only_the_obvious_noise_is_left_out() -> None:
    snapshot = page()
    assert snapshot["navigation"] == ["Features", "Pricing", "Blog 3 new"]
    assert "Visitors today: 1,204" in str(snapshot["main_text"])
    text = json.dumps(snapshot)
    for noise in (
        "Great tool",
        "Love it",
        "Decorative",
        "Hidden by style",
        "Breaking news",
        "Template text",
        "Enable JavaScript",
        "script text",
        "Secret",
        "2026 Acme",
    ):
        assert noise not in text, noise


def test_invalid_selectors_are_reported_and_the_valid_ones_still_apply() -> None:
    snapshot = page(
        ("div[", ".promo-bar", "  ", ":nth-child(", ".promo-bar", ".x\ud800", "p" * 501)
    )
    assert snapshot["ignored_selectors"] == [".promo-bar"]
    assert snapshot["invalid_selectors"] == ["div[", ":nth-child(", ".x?", "p" * 200]
    assert snapshot["headline"] == "See what your competitors ship"


def test_the_document_the_audits_read_is_left_as_it_was() -> None:
    doc = Document("https://acme.example/", PAGE)
    content_snapshot(doc, (".promo-bar", "main"))
    assert len(doc.css(".promo-bar")) == 1
    assert "Black Friday" in doc.visible_text
    assert "Acme watches their sites" in doc.visible_text


def test_without_main_the_body_minus_its_frame_is_the_main_text() -> None:
    snapshot = content_snapshot(
        document(
            "<header><h1>Shop</h1></header><nav><a href='/a'>A</a></nav>"
            "<div><h2>Offers</h2><p>Two for one</p>loose text</div>"
            "<aside>Related</aside><div role='contentinfo'>Footer text</div>"
        )
    )
    assert snapshot.main_text == "Offers\nTwo for one\nloose text"
    assert snapshot.headline == "Shop"
    assert snapshot.navigation == ("A",)


def test_hidden_classes_count_unless_a_breakpoint_shows_the_element() -> None:
    snapshot = content_snapshot(
        document(
            "<main><p class='d-none'>Bootstrap hidden</p><p class='sr-only'>Reader only</p>"
            "<p class='hidden md:block'>Wide screens</p></main>"
        )
    )
    assert snapshot.main_text == "Wide screens"


def test_every_string_is_capped() -> None:
    links = "".join(f"<a href='/p{i}'>{i} {'Link ' * 60}</a>" for i in range(150))
    snapshot = content_snapshot(
        document(
            f"<nav>{links}</nav><main><h1>{'Big ' * 200}</h1>"
            + "".join(f"<p>{'word ' * 50}{i}</p>" for i in range(1000))
            + "</main>",
            f"<title>{'T' * 1000}</title><meta name='description' content='{'d' * 1000}'>",
        )
    )
    assert len(snapshot.title or "") == 300
    assert len(snapshot.meta_description or "") == 300
    assert len(snapshot.headline or "") == 300
    assert len(snapshot.navigation) == 100
    assert all(len(item) <= 200 for item in snapshot.navigation)
    assert len(snapshot.main_text) == MAIN_TEXT_LIMIT


def test_a_page_nested_very_deeply_is_read_without_recursion() -> None:
    snapshot = content_snapshot(document("<div>" * 990 + "<p>Deep</p>" + "</div>" * 990))
    assert snapshot.main_text == "Deep"


async def test_the_analysis_result_carries_the_snapshot() -> None:
    site = ScriptedSite(routes={"/": Route(body=PAGE.encode())}, default=None)
    options = AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=NetworkPolicy(allow_private=True),
        audits=frozenset({"headline"}),
        ignore_selectors=(".promo-bar", "div[["),
    )
    with serve_scripted(site):
        result = await analyze_url(site.url("/"), options)
    snapshot = result["snapshot"]
    assert snapshot["headline"] == "See what your competitors ship"
    assert snapshot["ignored_selectors"] == [".promo-bar"]
    assert snapshot["invalid_selectors"] == ["div[["]
    assert "Black Friday" not in json.dumps(snapshot)
    assert "ContentSnapshot" not in result["gather_errors"]
    json.dumps(result)  # plain JSON all the way down


@pytest.mark.parametrize(
    "index", sorted(SHARED_SITES.glob("*/index.html")), ids=lambda path: path.parent.name
)
def test_real_pages_give_a_sane_snapshot(index: Path) -> None:
    html = index.read_text(encoding="utf-8", errors="replace")
    snapshot = content_snapshot(Document(f"https://{index.parent.name}.example/", html))
    assert snapshot.main_text.strip()
    assert len(snapshot.main_text) <= MAIN_TEXT_LIMIT
    for items in (snapshot.calls_to_action, snapshot.navigation):
        assert len(items) <= 100
        assert all(item and item == " ".join(item.split()) for item in items)
    assert snapshot.title is None or 0 < len(snapshot.title) <= 300
