from __future__ import annotations

from aura.audit.artifacts import Subresources
from tests.audit.audit_builders import document, resource, run, stylesheets

PROSE = " ".join(
    "Our team builds simple tools. You can start in minutes. Every plan includes support."
    for _ in range(40)
)


def test_word_count() -> None:
    long = run("word-count", document(f"<p>{PROSE}</p>"))
    assert long.score == 1
    assert long.metrics["word_count"] == 14 * 40
    assert (run("word-count", document("<p>Hello there</p>")).score or 0) < 0.1


def test_readability() -> None:
    easy = run("readability", document(f"<p>{PROSE}</p>"))
    assert easy.score == 1
    hard_text = " ".join(
        "Institutional interoperability necessitates comprehensive organisational "
        "reconceptualisation notwithstanding considerable administrative complexity."
        for _ in range(10)
    )
    assert run("readability", document(f"<p>{hard_text}</p>")).score == 0
    assert run("readability", document("<p>Too short.</p>")).not_applicable


def test_headline() -> None:
    result = run("headline", document("<h1>Ship faster with Acme</h1><p>The hero line.</p>"))
    assert result.facts == {"headline": "Ship faster with Acme", "hero_text": "The hero line."}
    assert run("headline", document("<p>none</p>")).score == 0


def test_calls_to_action() -> None:
    page = document(
        '<a class="btn btn-primary" href="/signup">Start free trial</a><a href="/">x</a>'
    )
    result = run("calls-to-action", page)
    assert result.facts["ctas"] == ["Start free trial"]
    assert run("calls-to-action", document('<a href="/about">About us</a>')).score == 0


def test_keywords() -> None:
    result = run("keywords", document(f"<h1>Tools</h1><p>{PROSE}</p>"))
    assert result.score is None
    assert result.facts["keywords"][0] in {"team", "builds", "simple", "tools"}
    assert result.details["keywords"][0]["count"] >= 40


def test_social_profiles() -> None:
    page = document(
        '<a href="https://twitter.com/acme">X</a>'
        '<a href="https://www.facebook.com/sharer/sharer.php?u=x">share</a>'
    )
    result = run("social-profiles", page)
    assert list(result.facts["social_profiles"]) == ["X (Twitter)"]
    assert run("social-profiles", document("<p>none</p>")).score == 0


def test_contact_details() -> None:
    page = document('<a href="mailto:hi@acme.test">Mail</a><a href="/contact">Contact</a>')
    assert run("contact-details", page).facts["contact"] == ["email", "contact_page"]
    assert run("contact-details", document("<p>nothing here</p>")).score == 0


def test_pricing() -> None:
    result = run("pricing", document("<p>Pro plan: $29 per month</p>"))
    assert result.facts["prices"] == ["$29"]
    assert run("pricing", document("<p>free</p>")).facts["prices"] == []


def test_text_to_html_ratio() -> None:
    assert run("text-to-html-ratio", document(f"<p>{PROSE}</p>")).score == 1
    bloated = document("<div class='x'></div>" * 500 + "<p>hi</p>")
    assert run("text-to-html-ratio", bloated).score == 0


def test_color_palette_ranks_colours_and_theme_color() -> None:
    sheet = stylesheets("a { color: #F00 } b { color: red } c { background: rgb(0, 0, 255) }")
    page = document(head='<meta name="theme-color" content="#123456">')
    result = run("color-palette", page, sheet)
    assert result.facts["palette"] == ["#ff0000", "#0000ff"]
    assert result.facts["theme_color"] == "#123456"


def test_palette_of_a_stylesheet_with_large_inline_images() -> None:
    # Long base64 runs once made the declaration scan quadratic (seconds per stylesheet).
    image = "iVBORw0KGgo" * 3000
    sheet = stylesheets(
        f"a {{ background: url(data:image/png;base64,{image}) }} b {{ color: #0f0 }}"
    )
    assert run("color-palette", document(), sheet).facts["palette"] == ["#00ff00"]


def test_font_families() -> None:
    page = document(
        head='<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">'
    )
    result = run("font-families", page, stylesheets("body { font-family: 'Inter', sans-serif }"))
    assert result.score == 1
    assert result.facts["fonts"] == ["Inter"]
    assert result.facts["font_services"] == ["Google Fonts"]
    many = stylesheets(*(f"p{i} {{ font-family: F{i} }}" for i in range(7)))
    assert run("font-families", many).score == 0
    assert run("font-families", stylesheets("p { font-family: serif }")).not_applicable


def test_favicon() -> None:
    head = '<link rel="icon" href="/f.ico"><link rel="apple-touch-icon" href="/t.png">'
    head += '<link rel="manifest" href="/m.json">'
    assert run("favicon", document(head=head)).score == 1
    assert run("favicon", document()).score == 0


def test_logo() -> None:
    result = run("logo", document('<a href="/"><img src="/img/logo.svg" alt="Acme"></a>'))
    assert result.facts["logo"] == "https://example.com/img/logo.svg"
    assert run("logo", document('<img src="/photo.jpg" alt="Team">')).score == 0


def test_responsive_design() -> None:
    page = document(head='<meta name="viewport" content="width=device-width">')
    sheet = stylesheets("@media (max-width: 600px) { p { margin: 0 } }")
    assert run("responsive-design", page, sheet).score == 0.9
    assert run("responsive-design", document(), stylesheets("p{}")).score == 0


def test_dark_mode() -> None:
    dark = stylesheets("@media (prefers-color-scheme: dark) { body { color: #fff } }")
    assert run("dark-mode", dark).score == 1
    assert run("dark-mode", stylesheets("body { color: #000 }")).score == 0


def test_design_consistency() -> None:
    few = stylesheets("a { color: #111; font-size: 16px } b { color: #222; font-size: 2rem }")
    assert run("design-consistency", few).score == 1
    many = stylesheets(*(f".c{i} {{ color: #{i:06x}; font-size: {i + 8}px }}" for i in range(150)))
    assert run("design-consistency", many).score == 0
    assert run("design-consistency", stylesheets("p { margin: 0 }")).not_applicable


def test_stylesheets_include_fetched_css() -> None:
    css = resource("https://example.com/a.css", "stylesheet", body=b"a { color: #abcdef }")
    result = run("color-palette", Subresources((css,)))
    assert result.facts["palette"] == ["#abcdef"]
