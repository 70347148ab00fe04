"""Pricing: prices as pages write them, plans in the usual markups, the pricing page found
through a link and fetched through the network guard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aura.audit.artifacts import Document
from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.pricing import find_plans, pricing_link
from aura.audit.pricing.discovery import read_page
from aura.audit.pricing.prices import Price, amounts, period_in, price_of, word_price
from aura.audit.runner import AnalysisOptions, analyze_url
from tests.support.servers import SHARED_SITES, Route, ScriptedSite, serve_scripted


def html(body: str, title: str = "Pricing") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def plans_of(body: str, url: str = "https://acme.example/pricing") -> list[dict[str, Any]]:
    return [plan.as_json() for plan in find_plans(Document(url, html(body)), single=True)]


def plan(
    name: str,
    price: float | None,
    currency: str | None,
    period: str | None,
    text: str,
    features: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "name": name,
        "price": price,
        "currency": currency,
        "period": period,
        "price_text": text,
        "features": list(features),
        "placeholder": False,
    }


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$29", 29.0, "USD"),
        ("€ 9.99", 9.99, "EUR"),
        ("£5", 5.0, "GBP"),
        ("¥1,000", 1000.0, "JPY"),
        ("₹499", 499.0, "INR"),
        ("USD 10", 10.0, "USD"),
        ("10 €", 10.0, "EUR"),
        ("10,00 €", 10.0, "EUR"),
        ("1.299 €", 1299.0, "EUR"),
        ("1.299,99 EUR", 1299.99, "EUR"),
        ("$1,299.50", 1299.5, "USD"),
        ("CHF 15.-", 15.0, "CHF"),
        ("49 zł", 49.0, "PLN"),
        ("10 000 €", 10000.0, "EUR"),
        ("R$ 39,90", 39.9, "BRL"),
        ("99 kr", 99.0, None),
    ],
)
def test_amounts_in_many_currencies(text: str, amount: float, currency: str | None) -> None:
    found = amounts(f"Only {text} today")
    assert len(found) == 1
    price = price_of(found[0])
    assert (price.amount, price.currency) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "found"),
    [("5 users", []), ("2026", []), ("USB 3", []), ("Save 20%", []), ("$5 100 users", [5.0])],
)
def test_numbers_without_a_currency_are_not_prices(text: str, found: list[float]) -> None:
    assert [price_of(match).amount for match in amounts(text)] == found


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("/mo", "month"),
        (" per month", "month"),
        (" monthly", "month"),
        ("/yr", "year"),
        (" per year", "year"),
        (" billed annually", "year"),
        (" billed yearly", "year"),
        (" one-time payment", "one-time"),
        (" per user/month", "month"),
        (" / user / month", "month"),
        ("/month billed annually", "month"),
        (" pro Monat", "month"),
        (" par an", "year"),
        (" a week", "week"),
        (" for your team", None),
    ],
)
def test_billing_periods(text: str, period: str | None) -> None:
    assert period_in(text)[0] == period


def test_prices_in_words() -> None:
    assert word_price("Free") == Price(0.0, None, "Free")
    for text in ("Contact sales", "Custom", "Let\u2019s talk", "Auf Anfrage"):
        assert word_price(text) == Price(None, None, text)
    for text in ("Custom domains", "Start for free", "Contact us for a quote on your fleet"):
        assert word_price(text) is None, text


THREE_TIERS = """
<header><nav><a href="/">Home</a><a href="/pricing">Pricing</a></nav></header>
<main>
  <h1>Simple pricing for teams of every size</h1>
  <div class="billing-toggle"><button>Monthly</button><button>Yearly (save 20%)</button></div>
  <div class="row pricing-grid">
    <div class="col-md-4">
      <div class="card pricing-card">
        <h3 class="card-title">Starter</h3>
        <p class="lead">For side projects</p>
        <div class="price"><span class="currency">$</span><span class="amount">9</span>
          <span class="period">/mo</span></div>
        <div class="price yearly d-none">$7/mo</div>
        <ul><li>3 projects</li><li>Custom domains</li><li>Email support</li></ul>
        <a class="btn btn-outline" href="/signup?plan=starter">Start free trial</a>
      </div>
    </div>
    <div class="col-md-4">
      <div class="card pricing-card featured">
        <span class="badge">Most popular</span>
        <h3 class="card-title">Pro</h3>
        <p class="lead">For growing teams</p>
        <div class="price"><span class="currency">$</span><span class="amount">29</span>
          <span class="period">per user/month</span></div>
        <div class="price yearly d-none">$24 per user/month</div>
        <ul><li>Unlimited projects</li><li>Extra storage: $5 per 100 GB</li></ul>
        <a class="btn btn-primary" href="/signup?plan=pro">Start free trial</a>
      </div>
    </div>
    <div class="col-md-4">
      <div class="card pricing-card">
        <h3 class="card-title">Enterprise</h3>
        <p class="lead">For large organisations</p>
        <div class="price">Custom</div>
        <ul><li>SSO</li><li>Dedicated support</li></ul>
        <a class="btn btn-outline" href="/contact">Contact sales</a>
      </div>
    </div>
  </div>
  <p>Questions? <a href="/contact">Contact us</a></p>
</main>
<footer><a href="/contact">Contact us</a> <span>&copy; 2026 Acme</span></footer>
"""


FEATURES_STARTER = ("3 projects", "Custom domains", "Email support")


def test_three_tier_cards() -> None:
    assert plans_of(THREE_TIERS) == [
        plan("Starter", 9.0, "USD", "month", "$ 9 /mo", FEATURES_STARTER),
        plan("Pro", 29.0, "USD", "month", "$ 29 per user/month", ("Unlimited projects",)),
        plan("Enterprise", None, None, None, "Custom", ("SSO", "Dedicated support")),
    ]


TABLE = """
<h1>Compare plans</h1>
<table class="pricing-table">
  <thead><tr><th></th><th>Basic</th><th>Business</th><th>Enterprise</th></tr></thead>
  <tbody>
    <tr><td>Price</td><td>$10/mo</td><td>$49/mo</td><td>Contact us</td></tr>
    <tr><td>Seats</td><td>1</td><td>10</td><td>Unlimited</td></tr>
    <tr><td>Support</td><td>Email</td><td>Phone</td><td>Dedicated</td></tr>
  </tbody>
</table>
"""


def test_a_comparison_table() -> None:
    assert plans_of(TABLE) == [
        plan("Basic", 10.0, "USD", "month", "$10/mo", ("Seats: 1", "Support: Email")),
        plan("Business", 49.0, "USD", "month", "$49/mo", ("Seats: 10", "Support: Phone")),
        plan(
            "Enterprise", None, None, None, "Contact us", ("Seats: Unlimited", "Support: Dedicated")
        ),
    ]


ROWS = """
<table>
  <tr><th>Plan</th><th>Price</th></tr>
  <tr><td>Solo</td><td>12 € / Monat</td></tr>
  <tr><td>Team</td><td>39 € / Monat</td></tr>
</table>
"""


def test_a_table_with_one_plan_per_row() -> None:
    assert plans_of(ROWS) == [
        plan("Solo", 12.0, "EUR", "month", "12 € / Monat"),
        plan("Team", 39.0, "EUR", "month", "39 € / Monat"),
    ]


EURO_CARDS = """
<section class="plans">
  <article class="plan"><h2>Free</h2><p class="price">Free</p><p>1 user</p></article>
  <article class="plan plan--highlight">
    <h2>Team</h2>
    <p class="price"><strong>€29</strong>/month billed annually</p>
    <p>or €35 month-to-month</p>
  </article>
  <article class="plan"><h2>Scale</h2><p class="price">1.299,00 €</p><p>per year</p></article>
  <article class="plan"><h2>Enterprise</h2><p>Tailored to you.</p><a href="/c">Contact us</a>
  </article>
</section>
"""


def test_euro_cards_with_free_and_on_request_plans() -> None:
    assert plans_of(EURO_CARDS) == [
        plan("Free", 0.0, None, None, "Free"),
        plan("Team", 29.0, "EUR", "month", "€29 /month"),
        plan("Scale", 1299.0, "EUR", "year", "1.299,00 € per year"),
        plan("Enterprise", None, None, None, "Contact us"),
    ]


SINGLE = """
<main>
  <h1>One plan, everything included</h1>
  <div class="offer"><h2>Acme Complete</h2><p>€29/month billed annually</p>
  <a class="btn" href="/buy">Buy now</a></div>
</main>
"""


def test_a_single_plan_on_a_pricing_page() -> None:
    assert plans_of(SINGLE) == [plan("Acme Complete", 29.0, "EUR", "month", "€29/month")]


def test_plans_with_the_same_name_and_period_are_told_apart() -> None:
    cards = "".join(
        f"<div class='tier'><h3>{name}</h3><p>{price}</p></div>"
        for name, price in [
            ("Team", "$9/mo"),
            ("Team", "$19/mo"),
            ("Pro", "$29/mo"),
            ("Pro", "$290/yr"),
        ]
    )
    assert [(p["name"], p["period"]) for p in plans_of(f"<div>{cards}</div>")] == [
        ("Team", "month"),
        ("Team (2)", "month"),
        ("Pro", "month"),
        ("Pro", "year"),
    ]


SHOP = """
<h1>Our shop</h1>
<div class="products">
  <div class="product"><h3>Mug</h3><span class="price">$12.00</span></div>
  <div class="product"><h3>T-shirt</h3><span class="price">$25.00</span></div>
</div>
<a href="/about">About</a>
"""


def test_a_shop_front_page_is_not_a_pricing_page() -> None:
    plans, link = read_page(Document("https://shop.example/", html(SHOP)))
    assert plans is None
    assert link is None


def test_the_best_same_site_pricing_link() -> None:
    body = """
      <a href="#pricing">Jump</a>
      <a href="https://other.example/pricing">Their pricing</a>
      <a href="/blog/pricing-strategy-tips">Pricing tips</a>
      <a href="/plans-and-pricing#top">Plans</a>
      <a href="/docs/price-list.pdf">Pricing</a>
      <a href="mailto:sales@acme.example">Pricing</a>
    """
    link = pricing_link(Document("https://www.acme.example/", html(body)))
    assert link == "https://www.acme.example/plans-and-pricing"
    text_only = html('<a href="/en/offer">Prices</a><a href="/blog">Blog</a>')
    assert pricing_link(Document("https://acme.example/", text_only)) == (
        "https://acme.example/en/offer"
    )
    assert pricing_link(Document("https://acme.example/", html(SHOP))) is None


def options(policy: NetworkPolicy | None = None) -> AnalysisOptions:
    return AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=policy or NetworkPolicy(allow_private=True),
        # Only the page itself is needed by this audit: every other request is pricing's.
        audits=frozenset({"headline"}),
    )


def served(routes: dict[str, str]) -> ScriptedSite:
    return ScriptedSite(
        routes={path: Route(body=body.encode()) for path, body in routes.items()}, default=None
    )


async def test_plans_on_the_analysed_page_itself() -> None:
    site = served({"/": html(THREE_TIERS, "Acme")})
    with serve_scripted(site):
        result = await analyze_url(site.url("/"), options())
    pricing = result["pricing"]
    assert pricing["source"] == "page"
    assert pricing["url"] == site.url("/")
    assert [p["name"] for p in pricing["plans"]] == ["Starter", "Pro", "Enterprise"]
    assert pricing["error"] is None
    assert site.hits == {"/": 1}  # the /pricing link is not followed
    json.dumps(result)


async def test_plans_on_the_linked_pricing_page() -> None:
    home = html('<h1>Acme</h1><nav><a href="/features">Features</a><a href="/pricing">Pricing</a>')
    site = served({"/": home, "/pricing": html(TABLE)})
    with serve_scripted(site):
        result = await analyze_url(site.url("/"), options())
    pricing = result["pricing"]
    assert pricing["source"] == "linked"
    assert pricing["url"] == site.url("/pricing")
    assert [(p["name"], p["price"]) for p in pricing["plans"]] == [
        ("Basic", 10.0),
        ("Business", 49.0),
        ("Enterprise", None),
    ]
    assert site.hits == {"/": 1, "/pricing": 1}


async def test_a_page_without_pricing_costs_no_request() -> None:
    site = served({"/": html("<h1>Hello</h1><a href='/about'>About</a>", "Home")})
    with serve_scripted(site):
        result = await analyze_url(site.url("/"), options())
    assert result["pricing"] == {"url": None, "source": None, "plans": [], "error": None}
    assert site.hits == {"/": 1}


async def test_a_broken_pricing_page_is_reported_not_fatal() -> None:
    site = served({"/": html("<h1>Acme</h1><a href='/pricing'>Pricing</a>")})
    with serve_scripted(site):
        result = await analyze_url(site.url("/"), options())
    assert result["pricing"]["error"] == "the server answered HTTP 404"
    assert result["pricing"]["plans"] == []
    assert result["snapshot"]["headline"] == "Acme"


async def test_the_pricing_link_is_fetched_through_the_network_guard() -> None:
    private = served({"/pricing": html(TABLE)})
    with serve_scripted(private):
        # Same host, another port: the policy counts only the analysed page's port as public.
        home = html(f"<h1>Acme</h1><a href='{private.url('/pricing')}'>Pricing</a>")
        site = served({"/": home})
        with serve_scripted(site):
            port = int(site.base.rsplit(":", 1)[1])
            policy = NetworkPolicy(public_ports=frozenset({port}))
            result = await analyze_url(site.url("/"), options(policy))
    pricing = result["pricing"]
    assert pricing["url"] == private.url("/pricing")
    assert pricing["plans"] == []
    assert "private or reserved address" in pricing["error"]
    assert private.hits == {}


async def test_a_redirect_of_the_pricing_link_is_guarded_too() -> None:
    private = served({"/pricing": html(TABLE)})
    with serve_scripted(private):
        site = ScriptedSite(
            routes={
                "/": Route(body=html("<h1>Acme</h1><a href='/pricing'>Pricing</a>").encode()),
                "/pricing": Route(status=302, headers={"Location": private.url("/pricing")}),
            },
            default=None,
        )
        with serve_scripted(site):
            port = int(site.base.rsplit(":", 1)[1])
            policy = NetworkPolicy(public_ports=frozenset({port}))
            result = await analyze_url(site.url("/"), options(policy))
    assert "private or reserved address" in result["pricing"]["error"]
    assert private.hits == {}


@pytest.mark.parametrize(
    "index", sorted(SHARED_SITES.glob("*/index.html")), ids=lambda path: path.parent.name
)
def test_real_pages_give_sane_pricing(index: Path) -> None:
    page = Document(f"https://{index.parent.name}.example/", index.read_text(errors="replace"))
    plans, _link = read_page(page)
    for found in (plans or [], find_plans(page, single=True)):
        assert len(found) <= 100
        for item in found:
            assert 0 < len(item.name) <= 200
            assert item.price is None or item.price >= 0
            assert item.period in (None, "month", "year", "week", "day", "one-time")
            assert 0 < len(item.price_text) <= 200
