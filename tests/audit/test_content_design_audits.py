from __future__ import annotations

from aura.audit import css
from aura.audit.artifacts import Subresource, Subresources, WebManifest
from aura.audit.browser.artifacts import RenderedDesign, RenderedDom
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


def test_the_hero_text_is_not_taken_from_a_hidden_element() -> None:
    # pkgdown: the Rd file name sits in a Bootstrap .hidden div right after the H1.
    page = document(
        '<h1>Add/modify/delete columns</h1><div class="hidden name"><code>mutate.Rd</code>'
        '</div><div hidden>draft</div><div class="ref-description"><p>With mutate() you can '
        "do 3 things</p></div>"
    )
    assert run("headline", page).facts["hero_text"] == "With mutate() you can do 3 things"


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
    sheet = stylesheets("a { color: #F00 } b { color: red } i { background: rgb(0, 0, 255) }")
    theme = '<meta name="theme-color" content="#123456">'
    page = document("<a href='/'>a</a><b>b</b><i>i</i>", theme)
    result = run("color-palette", page, sheet)
    assert result.facts["palette"] == ["#ff0000", "#0000ff"]
    assert result.facts["theme_color"] == "#123456"


def test_palette_of_a_stylesheet_with_large_inline_images() -> None:
    # Long base64 runs once made the declaration scan quadratic (seconds per stylesheet).
    image = "iVBORw0KGgo" * 3000
    sheet = stylesheets(
        f"a {{ background: url(data:image/png;base64,{image}) }} b {{ color: #0f0 }}"
    )
    assert run("color-palette", document("<a>a</a><b>b</b>"), sheet).facts["palette"] == ["#00ff00"]


def test_font_families() -> None:
    page = document(
        "<p>Hello</p>",
        head='<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">',
    )
    result = run("font-families", page, stylesheets("body { font-family: 'Inter', sans-serif }"))
    assert result.score == 1
    assert result.facts["fonts"] == ["Inter"]
    assert result.facts["font_services"] == ["Google Fonts"]
    paragraphs = document("".join(f"<p class='f{i}'>text {i}</p>" for i in range(7)))
    many = stylesheets(*(f".f{i} {{ font-family: F{i} }}" for i in range(7)))
    assert run("font-families", paragraphs, many).score == 0
    assert run("font-families", stylesheets("p { font-family: serif }")).not_applicable


def test_favicon() -> None:
    head = '<link rel="icon" href="/f.ico"><link rel="apple-touch-icon" href="/t.png">'
    head += '<link rel="manifest" href="/m.json">'
    assert run("favicon", document(head=head)).score == 1
    assert run("favicon", document()).score == 0


def test_favicon_verdict_and_title_agree() -> None:
    # A favicon without touch icon passes, and says what it lacks without a failing title.
    only = run("favicon", document(head='<link rel="icon" href="/f.ico">'))
    assert only.score == 1
    assert only.display_value == "favicon; no touch icon or manifest"
    touch = run("favicon", document(head='<link rel="apple-touch-icon" href="/t.png">'))
    assert touch.score == 0
    assert touch.display_value == "No favicon (touch icon only)"


def test_a_declared_manifest_the_server_does_not_serve_is_no_manifest() -> None:
    # pkgdown (tidytable) declares /site.webmanifest; the site has no such file.
    head = '<link rel="icon" href="/favicon.ico"><link rel="manifest" href="/site.webmanifest">'
    url = "https://example.com/site.webmanifest"
    missing = run("favicon", document(head=head), WebManifest(url, 404))
    assert missing.score == 1
    assert missing.details["manifest"] is False
    assert missing.display_value == "favicon; no touch icon or manifest (declared, not served)"
    served = run("favicon", document(head=head), WebManifest(url, 200))
    assert served.display_value == "favicon, manifest; no touch icon"
    unanswered = run("favicon", document(head=head), WebManifest(url, None, "refused"))
    assert unanswered.details["manifest"] is True


def test_logo_is_an_image_svg_or_wordmark_in_the_header() -> None:
    wordmark = run(
        "logo",
        document('<nav class="navbar"><a class="navbar-brand" href="#!">Start Bootstrap</a></nav>'),
    )
    assert wordmark.score == 1
    assert wordmark.display_value == "Text wordmark “Start Bootstrap”"
    svg = run(
        "logo",
        document(
            '<header><a href="/" aria-label="Acme home"><svg viewBox="0 0 9 9"></svg></a>'
            "<ul><li><a href='/about'>About</a></li></ul></header>"
        ),
    )
    assert svg.display_value == "Inline SVG “Acme home”"
    # A headline or an icon is not a logo: there is no bare tag name as evidence.
    neither = run("logo", document('<h1>Welcome</h1><i class="fa fa-star"></i>'))
    assert neither.score == 0
    # A row of client logos further down the page is not the site's logo.
    clients = "".join(
        f'<img class="client-logo" src="/clients/{name}.svg" alt="{name}">'
        for name in ("ibm", "google", "microsoft")
    )
    assert run("logo", document(f"<section>{clients}</section>")).score == 0
    own = run("logo", document('<div id="logo"><img src="/acme.png" alt="Acme"></div>'))
    assert own.facts["logo"] == "https://example.com/acme.png"


def test_a_version_badge_is_not_part_of_the_wordmark() -> None:
    # pkgdown's navbar: the package name, then its version in a Bootstrap label.
    brand = (
        '<header><div class="navbar"><span class="navbar-brand">'
        '<a class="navbar-link" href="/index.html">tidytable</a>\n'
        '<span class="version label label-default">0.12.0</span></span></div></header>'
    )
    assert run("logo", document(brand)).facts["logo"] == "tidytable"
    plain = '<nav class="navbar"><a class="navbar-brand" href="/">Acme <b>Labs</b></a></nav>'
    assert run("logo", document(plain)).facts["logo"] == "Acme Labs"


def test_logo() -> None:
    result = run("logo", document('<a href="/"><img src="/img/logo.svg" alt="Acme"></a>'))
    assert result.facts["logo"] == "https://example.com/img/logo.svg"
    assert run("logo", document('<img src="/photo.jpg" alt="Team">')).score == 0


def test_responsive_design() -> None:
    page = document(head='<meta name="viewport" content="width=device-width">')
    sheet = stylesheets("@media (max-width: 600px) { p { margin: 0 } }")
    assert run("responsive-design", page, sheet).score == 0.9
    assert run("responsive-design", document(), stylesheets("p{}")).score == 0


def test_responsive_design_cannot_tell_when_the_stylesheets_did_not_load() -> None:
    """pkgdown pages offline: Bootstrap from a CDN failed, so its media queries are unknown
    (it used to fail the page with "0 width media queries")."""
    page = document(head='<meta name="viewport" content="width=device-width">')
    local = resource("https://example.com/site.css", "stylesheet")
    cdn = Subresource(
        url="https://cdn.example/bootstrap.css", kind="stylesheet", error="DNS lookup failed"
    )
    unknown = run("responsive-design", page, stylesheets("p{}"), Subresources((local, cdn)))
    assert unknown.score is None
    assert "1 of 2 linked stylesheets failed to load" in unknown.display_value
    # Every stylesheet arrived: no width query is a real finding.
    loaded = run("responsive-design", page, stylesheets("p{}"), Subresources((local,)))
    assert loaded.score == 0.5
    # No device-width viewport fails whatever the stylesheets hold.
    bare = run("responsive-design", document(), stylesheets("p{}"), Subresources((local, cdn)))
    assert bare.score == 0


def phone_render(layout: float, width: float) -> RenderedDom:
    return RenderedDom(
        "https://example.com/", None, screen_width=412, layout_width=layout, document_width=width
    )


def test_responsive_design_reads_the_phone_render() -> None:
    # A script sets the breakpoints (skel.js): no media query in any stylesheet, yet the
    # page is laid out at the phone's width and nothing scrolls sideways.
    page = document(head='<meta name="viewport" content="width=device-width">')
    no_queries = stylesheets("p{}")
    reflowed = run("responsive-design", page, no_queries, phone_render(412, 412))
    assert reflowed.score == 1
    assert reflowed.details["fits_screen"] is True
    # A fixed 1200 px container makes the phone scroll sideways, media queries or not.
    queries = stylesheets("@media (max-width: 600px) { p { margin: 0 } }")
    overflowing = run("responsive-design", page, queries, phone_render(412, 1200))
    assert overflowing.score == 0.5
    assert "scrolls sideways" in (overflowing.display_value or "")
    # An off-canvas menu beside the page, clipped by overflow-x: hidden, never scrolls.
    clipped = RenderedDom(
        "https://example.com/",
        None,
        screen_width=412,
        layout_width=412,
        document_width=700,
        sideways_clipped=True,
    )
    assert run("responsive-design", page, no_queries, clipped).score == 1
    # Without a viewport the phone lays the page out 980 px wide and shrinks it.
    shrunk = run("responsive-design", document(), queries, phone_render(980, 980))
    assert shrunk.score == 0
    # A render whose layout was not measured leaves the markup's verdict.
    unmeasured = RenderedDom("https://example.com/", None)
    assert run("responsive-design", page, queries, unmeasured).score == 0.9


def test_dark_mode() -> None:
    dark = stylesheets("@media (prefers-color-scheme: dark) { body { color: #fff } }")
    assert run("dark-mode", dark).score == 1
    assert run("dark-mode", stylesheets("body { color: #000 }")).score == 0


def test_design_consistency() -> None:
    few = stylesheets("a { color: #111; font-size: 16px } b { color: #222; font-size: 2rem }")
    assert run("design-consistency", document("<a>a</a><b>b</b>"), few).score == 1
    # 150 colours 24 apart in hue: each looks different from the next.
    hues = [f"hsl({i * 2.4}, {60 + i % 3 * 15}%, {30 + i % 5 * 10}%)" for i in range(150)]
    many = stylesheets(
        *(f".c{i} {{ color: {hue}; font-size: {i + 8}px }}" for i, hue in enumerate(hues))
    )
    page = document("".join(f"<p class='c{i}'>x</p>" for i in range(150)))
    assert run("design-consistency", page, many).score == 0
    assert run("design-consistency", stylesheets("p { margin: 0 }")).not_applicable


def test_stylesheets_include_fetched_css() -> None:
    css = resource("https://example.com/a.css", "stylesheet", body=b"a { color: #abcdef }")
    result = run("color-palette", document("<a href='/'>a</a>"), Subresources((css,)))
    assert result.facts["palette"] == ["#abcdef"]


def test_fonts_are_the_first_family_of_stacks_that_style_visible_text() -> None:
    sheet = stylesheets(
        ':root { --text: "Lato", -apple-system, "Segoe UI", Roboto, "Apple Color Emoji" }'
        " body { font-family: var(--text) }"
        # The Guardian passes its breakpoint to scripts through <head>'s font-family.
        " head { font-family: 'tablet' }"
        " @media (min-width: 61em) { head { font-family: 'desktop' } }"
        # Icon fonts draw pictures: on ::before, or as ligature text.
        " .fa:before { font-family: FontAwesome } .material-icons { font-family: 'Material Icons' }"
        # A component the page does not have.
        " .tooltip { font-family: Menlo, monospace }"
    )
    page = document(
        '<h1>Title</h1><p>Body text</p><i class="fa"></i><span class="material-icons">menu</span>'
    )
    result = run("font-families", page, sheet)
    assert result.facts["fonts"] == ["Lato"]
    assert result.score == 1


def test_a_system_font_stack_is_one_family_not_none() -> None:
    sheet = stylesheets("body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto }")
    result = run("font-families", document("<p>Hello</p>"), sheet)
    assert result.score == 1
    assert result.display_value == "The visitor's system font"
    assert result.facts["fonts"] == []


def test_palette_leaves_out_unused_theme_colours_and_hover_states() -> None:
    sheet = stylesheets(
        ":root { --bs-blue: #0d6efd; --bs-red: #dc3545; --bs-body-color: #212529 }"
        " body { color: var(--bs-body-color) }"
        " .btn { background-color: var(--bs-btn-bg) }"
        " .btn-primary { --bs-btn-bg: #0d6efd } .btn-danger { --bs-btn-bg: #dc3545 }"
        " .btn:hover { color: #ff00ff } .alert-warning { background: #fff3cd }"
        " ::selection { background: #00ff00 }"
    )
    page = document('<p>Text</p><a class="btn btn-primary" href="/go">Go</a>')
    result = run("color-palette", page, sheet)
    assert result.facts["palette"] == ["#212529", "#0d6efd"]
    assert result.details["distinct_colors"] == 2


def test_palette_merges_colours_that_look_the_same() -> None:
    # Four blues and two whites a designer would call one blue and one white.
    sheet = stylesheets(
        "p { color: #0d6efd } li { color: #0c6dfd } td { color: #0e6ffc } b { color: #0d6dfe }"
        " body { background: #ffffff } div { background: #fefefe } h2 { color: #dc3545 }"
    )
    page = document("<div><p>a</p><ul><li>b</li></ul><b>c</b><h2>d</h2></div><table><tr><td>e")
    palette = run("color-palette", page, sheet).facts["palette"]
    assert len(palette) == 3
    assert set(palette) == {"#0d6efd", "#ffffff", "#dc3545"} or "#dc3545" in palette


def test_rendered_fonts_and_palette_leave_out_browser_defaults() -> None:
    design = RenderedDesign(
        text_fonts=(("Inter", 900), ("Times New Roman", 300), ("Arial", 20), ("Menlo", 5)),
        text_colors=(("#222222", 1000), ("#0000ee", 200)),
        surface_colors=(("#ffffff", 900_000.0), ("#fefefe", 10_000.0), ("#3056d3", 50_000.0)),
        brand_colors=("#0000ee", "#3056d3"),
    )
    sheet = stylesheets("body { color: #222; background: #fff }")
    page = document("<p>Hello</p>")
    fonts = run("font-families", page, sheet, design)
    # Unstyled text computes to Chromium's default "Times New Roman": not the page's font;
    # Menlo draws well under 1 % of the text.
    assert fonts.facts["fonts"] == ["Inter"]
    palette = run("color-palette", page, sheet, design)
    assert palette.facts["palette"] == ["#222222", "#ffffff", "#3056d3"]
    rendered = run("rendered-design", design, sheet)
    assert rendered.facts["brand_color"] == "#3056d3"
    assert rendered.facts["fonts"] == ["Inter"]


def test_a_render_showing_only_default_fonts_has_no_font_families() -> None:
    design = RenderedDesign(text_fonts=(("Times New Roman", 3000),))
    result = run("font-families", document("<p>x</p>"), stylesheets(""), design)
    assert result.not_applicable
    assert result.display_value == "the rendered text uses only the browser's default font"


def test_colour_difference_is_ciede2000() -> None:
    # Published test pairs of Sharma, Wu and Dalal (2005).
    assert abs(css.delta_e_lab((50, 2.6772, -79.7751), (50, 0, -82.7485)) - 2.0425) < 1e-4
    assert abs(css.delta_e_lab((50, 2.5, 0), (73, 25, -18)) - 27.1492) < 1e-4
    assert css.delta_e("#000000", "#ffffff") > 99


def test_keywords_read_the_main_content_not_form_options_or_menus() -> None:
    countries = "".join(
        f"<option>{name}</option>"
        for name in ("Cayman Islands", "Faroe Islands", "Saint Lucia", "Saint Kitts", "Islands")
    )
    page = document(
        "<nav><a href='/islands'>Islands</a><a href='/saint'>Saint</a></nav>"
        f"<main><h1>Garden tools</h1><p>{PROSE}</p><select>{countries}</select>"
        + "<p>https://example.com https://example.org https://x.example</p></main>"
        "<div hidden>islands islands islands</div><noscript>saint saint saint</noscript>"
        "<footer>Islands Saint Islands Saint</footer>"
    )
    keywords = run("keywords", page).facts["keywords"]
    assert "https" not in keywords
    assert "islands" not in keywords
    assert "saint" not in keywords
    assert "team" in keywords


def test_calls_to_action_are_not_page_controls() -> None:
    page = document(
        '<nav><button class="navbar-toggler" aria-controls="menu" aria-expanded="false">'
        "Menu</button>"
        '<button type="button"><span class="sr-only">Open main menu</span></button></nav>'
        '<a role="button" href="#" id="flexible-replay"><span>Replay</span></a>'
        '<button class="carousel-control-next">Next</button>'
        '<a class="btn btn-primary" href="/trial">Start free trial</a>'
        '<a class="text-white bg-purple-700 rounded-lg px-5" href="/get">Get started</a>'
        '<button class="btn d-none">Hidden offer</button>'
    )
    assert run("calls-to-action", page).facts["ctas"] == ["Start free trial", "Get started"]


def test_social_profiles_are_profiles_not_videos_or_share_links() -> None:
    page = document(
        '<a href="https://www.youtube.com/watch?v=Ewk0YtFTBec&list=PL1">Video</a>'
        '<a href="http://www.pinterest.com/pin/find/?url=https%3A%2F%2Fexample.com">Pin</a>'
        '<a href="https://twitter.com/intent/tweet?text=hi">Tweet</a>'
        '<a href="https://twitter.com/acme/status/1">A post</a>'
        '<a href="https://www.linkedin.com/shareArticle?url=x">Share</a>'
        '<a href="https://www.youtube.com/@acme">Our channel</a>'
        '<a href="https://www.linkedin.com/company/acme/">LinkedIn</a>'
    )
    profiles = run("social-profiles", page).facts["social_profiles"]
    assert profiles == {
        "YouTube": "https://www.youtube.com/@acme",
        "LinkedIn": "https://www.linkedin.com/company/acme/",
    }
    only_shares = document('<a href="https://www.youtube.com/watch?v=x">Watch</a>')
    assert run("social-profiles", only_shares).score == 0


def test_a_long_news_headline_is_a_headline() -> None:
    news = (
        "Rewriting Rules of Engagement with Video in 2020: Vidyard Introduces New Features "
        "on its Video Platform"
    )
    result = run("headline", document(f"<h1>{news}</h1>"))
    assert result.score == 1
    hidden_first = document("<h1 class='sr-only'>Site</h1><h1>Fresh bread every day</h1>")
    assert run("headline", hidden_first).facts["headline"] == "Fresh bread every day"


def test_readability_is_bounded_and_reads_sentences_not_lists() -> None:
    # A test page of rule names: a list, not prose. It once read "Reading ease -179
    # (grade 66.5)": the whole page was one sentence.
    rules = "".join(f"<li>aria-{word}-attribute-name</li>" for word in ("a", "b", "c") * 40)
    assert run("readability", document(f"<ul>{rules}</ul>")).not_applicable
    run_on = " ".join(["administrative interoperability considerations"] * 40)
    result = run("readability", document(f"<p>{run_on}</p>"))
    assert result.details["flesch_reading_ease"] == 0
    assert 0 <= result.details["flesch_kincaid_grade"] <= 18
    assert result.display_value.startswith("Reading ease 0 of 100, very difficult")


def test_contact_details_come_from_visible_owned_content() -> None:
    hidden_vendor = document(
        '<div class="d-none" id="submitSuccessMessage">To activate this form, sign up at '
        '<a href="https://vendor.example/contact-forms">vendor</a> or mail '
        '<a href="mailto:sales@vendor.example">sales</a></div>'
        '<a href="mailto:?subject=Read%20this">Share by e-mail</a>'
        '<a href="#!">Contact</a>'
    )
    assert run("contact-details", hidden_vendor).facts["contact"] == []
    canonical = document(
        '<a href="https://www.acme.example/contact">Contact us</a>',
        '<link rel="canonical" href="https://www.acme.example/">',
    )
    assert run("contact-details", canonical).facts["contact"] == ["contact_page"]


def test_an_unstyled_render_has_no_palette_of_browser_defaults() -> None:
    # Offline, a page whose CSS is on a CDN shows black text, blue links and white fields.
    design = RenderedDesign(
        text_fonts=(("Times New Roman", 3000),),
        text_colors=(("#000000", 2800), ("#0000ee", 200)),
        surface_colors=(("#ffffff", 20_000.0), ("#efefef", 3_000.0)),
        brand_colors=("#0000ee",),
    )
    rendered = run("rendered-design", design, stylesheets(""))
    assert "palette" not in rendered.facts
    assert rendered.facts["brand_color"] is None
    assert rendered.facts["fonts"] == []
    assert "font_family_count" not in rendered.metrics


def test_palette_reads_tailwind_utilities() -> None:
    # Tailwind writes CSS Color 4 syntax with an opacity variable, and escapes ":" in the
    # responsive classes it generates.
    sheet = stylesheets(
        ".bg-purple-700 { --tw-bg-opacity: 1;"
        " background-color: rgb(126 58 242 / var(--tw-bg-opacity)) }"
        " .lg\\:text-gray-900 { color: rgb(17 24 39) }"
        " .bg-red-500 { background-color: rgb(239 68 68) }"
    )
    page = document(
        '<a class="bg-purple-700 px-5" href="/go">Go</a><p class="lg:text-gray-900">Text</p>'
    )
    palette = run("color-palette", page, sheet).facts["palette"]
    assert set(palette) == {"#7e3af2", "#111827"}


def test_a_page_without_colours_has_no_colour_count() -> None:
    result = run("color-palette", document("<p>Plain</p>"), stylesheets(""))
    assert result.facts["palette"] == []
    assert "distinct_colors" not in result.metrics


def test_hidden_form_feedback_colours_are_not_in_the_palette() -> None:
    sheet = stylesheets("body { color: #212529 } .invalid-feedback { color: #dc3545 }")
    page = document('<p>Text</p><div class="invalid-feedback">Email is required.</div>')
    assert run("color-palette", page, sheet).facts["palette"] == ["#212529"]


def test_a_failing_headline_says_why() -> None:
    result = run("headline", document("<h1>tidytable</h1>"))
    assert result.score == 0.7
    assert result.display_value == "The only H1 is one word: “tidytable”"


LOREM = (
    "<p>Lorem ipsum dolor sit amet, consectetur adipisicing elit. Saepe nostrum ullam eveniet "
    "pariatur voluptates odit, fuga atque ea nobis sit soluta odio, adipisci quas excepturi "
    "maxime quae totam ducimus consectetur. Iusto est, ut esse a labore aliquam beatae "
    "expedita. Blanditiis impedit numquam libero molestiae et fugit cupiditate.</p>"
)


def test_lorem_ipsum_filler_is_not_scored_as_language() -> None:
    # Clean Blog's about page: three Latin filler paragraphs read as "difficult, grade 11".
    result = run("readability", document("<h1>About Me</h1>" + LOREM * 3))
    assert result.not_applicable
    assert "lorem ipsum" in result.display_value
    english = (
        "<p>The universe is large and old. The ingredients for life are everywhere. "
        "There is no reason to think that Earth would be unique in that regard.</p>"
    )
    measured = run("readability", document(LOREM + english * 3))
    assert measured.score is not None
    assert measured.details["sentences"] == 9


def test_lorem_ipsum_filler_gives_no_keywords() -> None:
    page = document("<h1>Our founding</h1>" + LOREM * 2 + "<p>Templates for everyone.</p>")
    keywords = run("keywords", page).facts["keywords"]
    assert "templates" in keywords
    assert not {"adipisicing", "expedita", "iusto", "esse", "saepe"} & set(keywords)
