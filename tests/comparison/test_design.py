"""Design side by side: palettes and fonts."""

from __future__ import annotations

from tests.comparison.builders import A, B, C, audit, by_url, category, result, run, site


def test_palettes_and_fonts_side_by_side() -> None:
    dark = category("design", 70, audit("dark-mode", 1.0))
    document = run(
        site(
            A,
            result(
                categories={"design": dark},
                facts={
                    "palette": ["#FFFFFF", "#0d6efd", "#212529"],
                    "fonts": ["Lato", "Roboto", "Arial"],
                    "font_services": ["Google Fonts"],
                    "logo": "https://a.example/logo.svg",
                    "theme_color": "#0d6efd",
                    "brand_color": "#0d6efd",
                    "typography": {"headings": "Lato", "body": "Roboto"},
                },
                metrics={"distinct_colors": 40, "font_family_count": 3},
            ),
        ),
        site(
            B,
            facts={
                "palette": [{"color": "#ffffff", "uses": 3}, {"color": "#212529", "uses": 1}],
                "fonts": ["roboto", "Arial"],
                "logo": None,
            },
        ),
        site(C),
    )
    design = document["design"]
    a = by_url(design["sites"], A)
    assert a["palette"] == ["#ffffff", "#0d6efd", "#212529"]
    assert (a["has_logo"], a["dark_mode"], a["theme_color"]) == (True, True, "#0d6efd")
    assert (a["brand_color"], a["heading_font"], a["body_font"]) == ("#0d6efd", "Lato", "Roboto")
    assert (a["distinct_colors"], a["font_family_count"], a["font_services"]) == (
        40,
        3,
        ["Google Fonts"],
    )
    b = by_url(design["sites"], B)
    assert (b["palette"], b["has_logo"], b["dark_mode"]) == (["#ffffff", "#212529"], False, None)
    c = by_url(design["sites"], C)
    assert (c["palette"], c["fonts"], c["has_logo"]) == ([], [], None)
    # Sites without design data do not empty the shared lists.
    assert design["shared_colors"] == ["#ffffff", "#212529"]
    assert design["shared_fonts"] == ["Roboto", "Arial"]
