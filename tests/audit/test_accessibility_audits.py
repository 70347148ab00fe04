from __future__ import annotations

import pytest

from aura.audit.browser.artifacts import AxeNode, AxeReport, AxeRule
from tests.audit.audit_builders import document, run, stylesheets

CASES = [
    ("image-alt", '<img src="a.png" alt="Logo">', '<img src="a.png">', "<p>x</p>"),
    ("input-image-alt", '<input type="image" alt="Go">', '<input type="image">', "<p>x</p>"),
    (
        "area-alt",
        '<map name="m"><area href="/a" alt="A"></map>',
        '<map name="m"><area href="/a"></map>',
        "<p>x</p>",
    ),
    (
        "label",
        '<label for="e">E-mail</label><input id="e">',
        '<input type="text">',
        "<p>x</p>",
    ),
    ("button-name", "<button>Buy</button>", "<button></button>", "<p>x</p>"),
    ("link-name", '<a href="/a">About</a>', '<a href="/a"></a>', "<p>x</p>"),
    ("heading-order", "<h1>A</h1><h2>B</h2>", "<h1>A</h1><h3>B</h3>", "<p>x</p>"),
    ("empty-heading", "<h2>Title</h2>", "<h2></h2>", "<p>x</p>"),
    ("duplicate-id", '<p id="a"></p><p id="b"></p>', '<p id="a"></p><p id="a"></p>', "<p>x</p>"),
    ("aria-roles", '<div role="navigation"></div>', '<div role="foo"></div>', "<p>x</p>"),
    (
        "aria-valid-attr",
        '<div aria-label="x"></div>',
        '<div aria-chked="true"></div>',
        "<p>x</p>",
    ),
    (
        "aria-hidden-focus",
        '<div aria-hidden="true"><span>x</span></div>',
        '<div aria-hidden="true"><button>x</button></div>',
        "<p>x</p>",
    ),
    ("tabindex", '<div tabindex="0"></div>', '<div tabindex="3"></div>', "<p>x</p>"),
    ("frame-title", '<iframe title="Map"></iframe>', "<iframe></iframe>", "<p>x</p>"),
    ("list", "<ul><li>a</li></ul>", "<ul><p>a</p></ul>", "<p>x</p>"),
    (
        "table-headers",
        "<table><tr><th>A</th></tr><tr><td>1</td></tr></table>",
        "<table><tr><td>A</td></tr><tr><td>1</td></tr></table>",
        "<p>x</p>",
    ),
]


@pytest.mark.parametrize(("audit_id", "passing", "failing", "nothing"), CASES)
def test_pass_fail_and_not_applicable(
    audit_id: str, passing: str, failing: str, nothing: str
) -> None:
    assert run(audit_id, document(passing)).score == 1
    failed = run(audit_id, document(failing))
    assert failed.score == 0
    assert failed.details["items"]
    assert run(audit_id, document(nothing)).not_applicable


def test_aria_hidden_focus_skips_what_the_markup_takes_out_of_the_focus_order() -> None:
    out_of_order = [
        # A carousel's radio buttons (07-tt-nordic-store): hidden and aria-hidden.
        '<input type="radio" name="c" aria-hidden="true" hidden>',
        '<div aria-hidden="true" style="display: none"><a href="/a">a</a></div>',
        '<div aria-hidden="true"><div inert><button>x</button></div></div>',
        '<dialog aria-hidden="true"><button>Close</button></dialog>',
        '<div aria-hidden="true" class="links d-none"><a href="/a">a</a></div>',
        '<div aria-hidden="true"><a href="/a" tabindex="-1">a</a></div>',
    ]
    for body in out_of_order:
        assert run("aria-hidden-focus", document(body)).score == 1, body
    # Still focusable: visually hidden, shown from some width, or an open dialog.
    in_order = [
        '<div aria-hidden="true" class="sr-only"><a href="/a">a</a></div>',
        '<div aria-hidden="true" class="hidden md:flex"><a href="/a">a</a></div>',
        '<dialog open aria-hidden="true"><button>Close</button></dialog>',
    ]
    for body in in_order:
        assert run("aria-hidden-focus", document(body)).score == 0, body


def test_aria_hidden_focus_takes_axe_cores_verdict_on_the_rendered_page() -> None:
    # A closed Bootstrap modal (05-sb-new-age, 08-sb-agency): its stylesheet hides it, so
    # the markup alone fails it and the rendered page does not.
    modal = '<div class="modal fade" tabindex="-1" aria-hidden="true"><button>Close</button></div>'
    page = document(modal)
    undecided = run("aria-hidden-focus", page)
    assert undecided.not_applicable
    assert "needs a browser" in undecided.display_value
    menu = '<div class="menu" id="main-menu" aria-hidden="true"><a href="/a">a</a></div>'
    assert run("aria-hidden-focus", document(menu)).not_applicable
    # Beside a plain container that fails, the modal does not hide the failure.
    plain = '<div aria-hidden="true"><button>x</button></div>'
    assert run("aria-hidden-focus", document(modal + plain)).score == 0
    rule = AxeRule("aria-hidden-focus", "serious", "ARIA hidden element must not be focusable")
    passed = run("aria-hidden-focus", page, AxeReport("4.10.0", passes=(rule,)))
    assert passed.score == 1
    failing = AxeRule(rule.id, rule.impact, rule.help, nodes=(AxeNode("#menu"),), node_count=1)
    failed = run("aria-hidden-focus", page, AxeReport("4.10.0", violations=(failing,)))
    assert failed.score == 0
    assert failed.details["items"][0]["target"] == "#menu"


def test_list_items_of_a_list_whose_role_replaced_it_are_outside_any_list() -> None:
    # 12-rd-firefox-customize: <ul role="tablist"> holding plain <li> elements.
    assert run("list", document('<ul role="tablist"><li>Themes</li></ul>')).score == 0
    assert run("list", document('<ul role="tablist"><li role="tab">Themes</li></ul>')).score == 1
    assert run("list", document('<div role="list"><li>a</li></div>')).score == 1
    assert run("list", document('<ul role="list"><li>a</li></ul>')).score == 1


def test_label_accepts_wrapping_label_and_aria() -> None:
    assert run("label", document("<label>Name <input></label>")).score == 1
    assert run("label", document('<input aria-label="Search">')).score == 1


def test_html_lang() -> None:
    assert run("html-has-lang", document(lang="en")).score == 1
    assert run("html-has-lang", document(lang=None)).score == 0
    assert run("html-lang-valid", document(lang="pt-BR")).score == 1
    assert run("html-lang-valid", document(lang="english")).score == 0
    assert run("html-lang-valid", document(lang=None)).not_applicable


def test_meta_viewport() -> None:
    zoomable = document(head='<meta name="viewport" content="width=device-width">')
    locked = document(head='<meta name="viewport" content="user-scalable=no, maximum-scale=1">')
    assert run("meta-viewport", zoomable).score == 1
    assert run("meta-viewport", locked).score == 0
    assert run("meta-viewport", document()).not_applicable


def test_bypass() -> None:
    assert run("bypass", document("<main>x</main>")).score == 1
    assert run("bypass", document('<a href="#c">Skip</a><div id="c"></div>')).score == 1
    assert run("bypass", document("<div>x</div>")).score == 0


@pytest.mark.parametrize(
    "audit_id",
    ["image-alt", "frame-title", "aria-hidden-focus", "link-name"],
)
def test_noscript_content_is_never_rendered_so_never_audited(audit_id: str) -> None:
    # A tag manager's fallback frame and a tracking pixel: a browser with scripting on
    # shows neither.
    body = (
        '<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X" '
        'height="0" width="0" style="display:none"></iframe></noscript>'
        '<noscript><img src="https://www.facebook.com/tr?id=1&ev=PageView">'
        '<a href="/x"></a><div aria-hidden="true"><a href="/y">y</a></div></noscript>'
        "<p>Hello</p>"
    )
    assert run(audit_id, document(body)).not_applicable


def test_backface_visibility_does_not_hide_an_image() -> None:
    # A slide-out menu library wraps the whole page in this style (09-h5up-twenty).
    wrapper = '<div style="position: relative; backface-visibility: hidden;">{}</div>'
    result = run("image-alt", document(wrapper.format('<img src="a.jpg">')))
    assert result.score == 0
    hidden = '<div style="visibility: hidden">{}</div>'.format('<img src="a.jpg">')
    assert run("image-alt", document(hidden)).not_applicable


def test_a_call_to_action_pointing_into_the_page_is_not_a_skip_link() -> None:
    nav = '<nav><a href="#signup">Sign Up</a><a href="/about">About</a></nav>'
    result = run("bypass", document(nav + '<div id="signup"><h2>Join</h2></div>'))
    assert result.score == 0
    assert result.details["skip_link"] is None


def test_a_skip_link_before_the_navigation_passes() -> None:
    page = '<a href="#content">Skip to content</a><nav><a href="/a">A</a></nav>'
    result = run("bypass", document(page + '<div id="content"><h1>Hi</h1></div>'))
    assert result.score == 1
    assert result.details["skip_link"] == "content"
    assert run("bypass", document("<nav></nav><main><h1>Hi</h1></main>")).score == 1


@pytest.mark.parametrize("alt", ["...", "image", "IMG_2041.jpg", "hero-banner.png", "Photo"])
def test_placeholder_alt_text_fails(alt: str) -> None:
    result = run("image-alt", document(f'<img src="a.jpg" alt="{alt}">'))
    assert result.score == 0
    assert result.details["placeholders"][0]["alt"] == alt


def test_real_and_decorative_alt_text_pass() -> None:
    body = '<img src="a.jpg" alt="Team at the 2024 offsite"><img src="line.png" alt="">'
    assert run("image-alt", document(body)).score == 1


def test_a_link_the_stylesheet_never_displays_takes_no_focus_inside_aria_hidden() -> None:
    # pkgdown's heading anchors: <a class="anchor" aria-hidden="true" href="#…"> with
    # a.anchor { display: none } (shown on h2:hover only), as axe-core also judges.
    body = '<h2>Tidyr <a href="#tidyr" class="anchor" aria-hidden="true"></a></h2>'
    shown_on_hover = "a.anchor { display: none; width: 20px }\nh2:hover .anchor { display: inline }"
    assert run("aria-hidden-focus", document(body), stylesheets(shown_on_hover)).score == 1
    assert run("aria-hidden-focus", document(body)).score == 0
    # Hidden only on small screens, or only in some state: still focusable elsewhere.
    on_phones = "@media (max-width: 600px) { a.anchor { display: none } }"
    assert run("aria-hidden-focus", document(body), stylesheets(on_phones)).score == 0
    not_active = "a.anchor:not(.active) { display: none }"
    assert run("aria-hidden-focus", document(body), stylesheets(not_active)).score == 0


def test_focusable_content_under_a_hidden_ancestor_is_not_counted() -> None:
    # Not a modal or a menu (those are left to a browser): a heading's anchor link.
    anchor = '<div class="anchor" aria-hidden="true" {}><a href="#top">#</a></div>'
    assert run("aria-hidden-focus", document(anchor.format("hidden"))).score == 1
    assert run("aria-hidden-focus", document(anchor.format('style="display: none"'))).score == 1
    assert run("aria-hidden-focus", document(anchor.format(""))).score == 0
    assert (
        run(
            "aria-hidden-focus", document(anchor.format("")), stylesheets(".anchor{display:none}")
        ).score
        == 1
    )
