"""Fixture sites whose pages change between runs of a set, and a small fingerprint set.

``rival`` changes everything a user tracks between version 1 and 2: title, description,
headline, calls to action, navigation, main text, the plans of its /pricing page, its
scripts (Bootstrap dropped, jQuery 3.7.1 added), its headers (Server version, X-Powered-By)
and adds some security headers (its security score rises, still below ours). ``ours``
only changes noise between versions 1 and 2: a date, a counter and a rotating banner that
the set ignores by selector; in version 3 it loses its security headers, and the rival
overtakes it in security.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.support.servers import Route

HTML = "text/html; charset=utf-8"
ROTATING_BANNER = ".promo-rotator"

#: Wappalyzer-format fingerprints for what the rival's versions use.
TECHNOLOGIES = {
    "jQuery": {"cats": [59], "scriptSrc": "jquery[.-]([\\d.]*\\d)[^/]*\\.js\\;version:\\1"},
    "Bootstrap": {"cats": [66], "scriptSrc": "bootstrap(?:\\.bundle)?(?:\\.min)?\\.js"},
    "Nginx": {"cats": [22], "headers": {"Server": "nginx(?:/([\\d.]+))?\\;version:\\1"}},
    "Express": {"cats": [18], "headers": {"X-Powered-By": "^Express$"}},
}
CATEGORIES = {
    "18": {"groups": [9], "name": "Web frameworks", "priority": 7},
    "22": {"groups": [7], "name": "Web servers", "priority": 8},
    "59": {"groups": [9], "name": "JavaScript libraries", "priority": 9},
    "66": {"groups": [9], "name": "UI frameworks", "priority": 7},
}


def install_fingerprints(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "technologies.json").write_text(json.dumps(TECHNOLOGIES))
    (directory / "categories.json").write_text(json.dumps(CATEGORIES))
    return directory


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
        "form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
SOME_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


@dataclass(frozen=True)
class RivalVersion:
    title: str
    description: str
    headline: str
    nav: list[str]
    ctas: list[str]
    text: list[str]
    script: str
    headers: dict[str, str]
    plans: list[tuple[str, str]]


RIVAL = {
    1: RivalVersion(
        title="Rival Analytics - Simple dashboards",
        description="Dashboards for small teams.",
        headline="Simple dashboards for small teams",
        nav=["Home", "Features", "Pricing", "Blog"],
        ctas=["Start free trial", "Book a demo"],
        text=[
            "Connect your spreadsheets in minutes and share clear reports.",
            "Trusted by analysts in forty countries.",
        ],
        script="/js/bootstrap.bundle.min.js",
        headers={"Server": "nginx/1.24.0"},
        plans=[("Starter", "$9 / month"), ("Pro", "$29 / month")],
    ),
    2: RivalVersion(
        title="Rival Analytics - AI dashboards",
        description="AI dashboards for growing teams.",
        headline="AI dashboards for growing teams",
        nav=["Home", "Customers", "Pricing", "Blog"],
        ctas=["Get started free", "Talk to sales"],
        text=[
            "Connect your spreadsheets in minutes and share clear reports.",
            "Ask questions in plain English and get a chart back.",
        ],
        script="/js/jquery-3.7.1.min.js",
        headers={"Server": "nginx/1.25.3", "X-Powered-By": "Express", **SOME_SECURITY_HEADERS},
        plans=[("Starter", "$9 / month"), ("Pro", "$35 / month"), ("Enterprise", "Contact sales")],
    ),
}


def _page(
    title: str,
    description: str,
    headline: str,
    nav: list[str],
    ctas: list[str],
    paragraphs: list[str],
    *,
    script: str | None = None,
    extra: str = "",
    style: str = "",
    contact: str = "",
) -> bytes:
    links = "".join(f'<a href="/{item.lower()}">{item}</a>' for item in nav)
    buttons = "".join(f'<a class="btn btn-primary" href="/go">{cta}</a>' for cta in ctas)
    text = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    scripts = f'<script src="{script}"></script>' if script else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<style>body {{ font-family: sans-serif; margin: 0 }} {style}</style>
{scripts}
</head><body>
<header><nav aria-label="Main">{links}</nav></header>
<main>
<section class="hero"><h1>{headline}</h1>{buttons}</section>
{extra}
{text}
</main>
<footer><p>Rights reserved.</p>{contact}</footer>
</body></html>""".encode()


def _pricing(plans: list[tuple[str, str]]) -> bytes:
    cards = "".join(
        f'<div class="plan"><h2>{name}</h2><p class="price">{price}</p>'
        f'<a class="btn" href="/signup">Choose {name}</a></div>'
        for name, price in plans
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pricing</title></head><body>
<main><h1>Pricing</h1><div class="plans">{cards}</div></main>
</body></html>""".encode()


def rival_routes(version: int) -> dict[str, Route]:
    spec = RIVAL[2 if version >= 2 else 1]
    headers = {"Content-Type": HTML, **spec.headers}
    home = _page(
        spec.title,
        spec.description,
        spec.headline,
        spec.nav,
        spec.ctas,
        spec.text,
        script=spec.script,
    )
    javascript = {"Content-Type": "application/javascript"}
    return {
        "/": Route(body=home, headers=headers),
        "/pricing": Route(body=_pricing(spec.plans), headers=headers),
        "/js/bootstrap.bundle.min.js": Route(body=b"/* bootstrap */", headers=javascript),
        "/js/jquery-3.7.1.min.js": Route(body=b"/* jquery */", headers=javascript),
    }


#: Contact details and social profiles keep our content score ahead of the rival's.
CONTACT = (
    '<address><a href="mailto:hello@ours.example">hello@ours.example</a> '
    '<a href="tel:+15555550100">+1 555 555 0100</a></address>'
    '<a href="https://twitter.com/ours">Twitter</a> '
    '<a href="https://www.linkedin.com/company/ours">LinkedIn</a>'
)


def ours_routes(version: int) -> dict[str, Route]:
    """Our own page: only a date, a counter and the rotating banner change (and, from
    version 3 on, its security headers are gone)."""
    day = 27 + version
    banner = ["Spring sale: 20% off", "Free shipping this week", "New: team workspaces"][
        (version - 1) % 3
    ]
    home = _page(
        "Ours - Reports that explain themselves",
        "Reports for people who hate reports.",
        "Reports that explain themselves",
        ["Home", "Product", "Pricing"],
        ["Try it free"],
        [
            f"Updated {day} November 2026.",
            f"Join {12345 + version * 46:,} happy customers.",
            "Every chart comes with a plain-language summary.",
        ],
        extra=f'<div class="promo-rotator"><p>{banner}</p></div>',
        contact=CONTACT,
    )
    headers = {"Content-Type": HTML}
    if version < 3:
        headers.update(SECURITY_HEADERS)
    return {"/": Route(body=home, headers=headers)}


def hero_routes(colour: str) -> dict[str, Route]:
    """A page whose hero section is painted ``colour`` (the visual change)."""
    home = _page(
        "Hero",
        "A page with a big hero.",
        "A big hero",
        ["Home"],
        ["Go"],
        ["Some text under the hero."],
        style=f".hero {{ background: {colour}; height: 480px; padding: 40px }}",
    )
    return {"/": Route(body=home, headers={"Content-Type": HTML})}
