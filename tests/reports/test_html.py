"""The HTML export: one self-contained, printable page, with every page-derived string escaped."""

from __future__ import annotations

import base64

from aura.reports import export
from aura.reports.as_html import render_html, safe_color
from tests.reports.builders import HOSTILE, OURS, PNG, RIVAL, THIRD, make_report
from tests.reports.htmlcheck import assert_self_contained, read_page


def test_the_page_refers_to_nothing_outside_itself_but_the_analysed_sites() -> None:
    html = render_html(make_report()).decode()

    facts = assert_self_contained(html, [OURS, RIVAL, THIRD])

    assert {OURS, RIVAL, THIRD} <= set(facts.external)
    assert "default-src 'none'" in html  # the page's own CSP forbids any other request


def test_page_text_is_shown_as_text_never_as_markup() -> None:
    html = render_html(make_report()).decode()

    assert "<script" not in html
    assert "evil.example/pixel.png" not in read_page(html).references
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert HOSTILE in "".join(read_page(html).text)  # readable once unescaped
    assert "x&lt;/style&gt;&lt;script&gt;bad()" in html


def test_colours_from_pages_reach_the_markup_only_when_they_are_plain_colours() -> None:
    html = render_html(make_report()).decode()

    assert 'fill="#123456"' in html
    assert "evil.example/bg.png" not in html
    assert safe_color("rgb(12, 34, 56)") == "rgb(12, 34, 56)"
    assert safe_color("red;background:url(x)") is None
    assert safe_color("expression(alert(1))") is None


def test_it_has_every_section_with_charts_as_inline_svg() -> None:
    html = render_html(make_report()).decode()
    facts = read_page(html)

    for section in (
        "summary",
        "ranking",
        "grid",
        "sites",
        "recommendations",
        "gaps",
        "metrics",
        "audits",
        "technology",
        "content",
        "design",
    ):
        assert f'id="{section}"' in html, section
    assert "svg" in facts.tags
    assert "@media print" in html
    # The grid highlights each category's leader.
    assert 'class="num score good lead"' in html or 'score average lead"' in html


def test_screenshots_are_embedded_as_data() -> None:
    html = render_html(make_report(screenshots=True)).decode()

    encoded = base64.b64encode(PNG).decode()
    assert f'src="data:image/png;base64,{encoded}"' in html
    assert_self_contained(html, [OURS, RIVAL, THIRD])


def test_a_partial_batch_without_a_primary_site_still_renders() -> None:
    report = make_report(with_failure=True, primary=False, name=None)
    html = render_html(report).decode()

    assert 'id="gaps"' not in html  # gaps are the primary site's
    assert "Your site is outlined" not in html
    assert_self_contained(html, [OURS, RIVAL, THIRD])
    assert "could not connect: refused" in html
    assert "Competitive analysis" in html  # the title when the batch has no name
    assert f'For <a href="{RIVAL}"' in html  # recommendations for each site


def test_the_export_names_the_file_after_the_batch() -> None:
    produced = export(make_report(), "html")

    assert produced.media_type == "text/html; charset=utf-8"
    assert produced.file_name == "aura-help-desks-q4-6f1c1d1e.html"


def test_recommendations_list_their_failing_items_escaped() -> None:
    html = render_html(make_report()).decode()
    section = html.split('<section id="recommendations">', 1)[1].split("</section>", 1)[0]
    text = " ".join(read_page(section).text)

    assert "Ordered by expected gain" in text
    assert 'Give every image a meaningful alt text: <img src="/team/ana.jpg">' in text
    assert "<code>&lt;img src=&quot;/team/ana.jpg&quot;&gt;</code>" in section
    assert "<code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in section
    assert "<script" not in section
    # Aura's own fix steps keep their code spans; its server snippets are shown as code.
    assert "Describe informative images in <code>alt</code>" in section
    assert "add_header X-Frame-Options &quot;SAMEORIGIN&quot; always;" in section
