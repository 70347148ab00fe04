"""Reading prices as pages write them: amounts, currencies, billing periods, "Free" and
"Contact sales"."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Currency signs, longest first where one contains another (US$ before $).
_SIGNS: dict[str, str | None] = {
    "US$": "USD",
    "AU$": "AUD",
    "A$": "AUD",
    "CA$": "CAD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "MX$": "MXN",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "￥": "JPY",
    "円": "JPY",
    "元": "CNY",
    "₹": "INR",
    "Rs.": "INR",
    "Rs": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₫": "VND",
    "₱": "PHP",
    "฿": "THB",
    "₴": "UAH",
    "₦": "NGN",
    "zł": "PLN",
    "Kč": "CZK",
    "Ft": "HUF",
    "Fr.": "CHF",
    # Crowns are Swedish, Norwegian, Danish or Icelandic: the sign alone does not say.
    "kr.": None,
    "kr": None,
}
_CODES_TEXT = """
    USD EUR GBP JPY CNY INR CAD AUD NZD CHF SEK NOK DKK ISK PLN CZK HUF RON BGN UAH RUB TRY
    ILS AED SAR BRL MXN ARS CLP COP PEN HKD SGD KRW TWD THB IDR MYR PHP VND ZAR NGN KES EGP
"""
_CODES = frozenset(_CODES_TEXT.split())
_UNIT = "|".join(re.escape(unit) for unit in sorted({*_SIGNS, *_CODES}, key=len, reverse=True))
# Letters next to a sign or code make it part of a word ("US" in "USB", "Ft" in "Ftp").
_CURRENCY = rf"(?<![^\W\d_])(?:{_UNIT})(?![^\W\d_])"
# 1,299.99 · 1.299,99 · 12.000 · 29.99 · 10,00 · 9. Spaces group thousands only when the
# currency follows ("10 000 €"): "$5 100 users" is five dollars.
_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
_SPACED_NUMBER = r"\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
#: A template's stand-in for a price: "£x.99", "$XX", "€xx,xx" (a sign, then x's where the
#: digits go). Read as a price whose amount is unknown, never as a number.
_PLACEHOLDER = r"[xX]{1,4}(?:[.,](?:[xX]{1,2}|\d{2}))?(?![^\W\d_])"
PRICE = re.compile(
    rf"(?P<before>{_CURRENCY})\s?(?P<amount>{_NUMBER})"
    rf"|(?<![^\W\d_])(?P<sign>[$€£¥₹])\s?(?P<placeholder>{_PLACEHOLDER})"
    rf"|(?<![\d.,])(?P<spaced>{_SPACED_NUMBER})\s?(?P<after>{_CURRENCY})"
)

_FREE = re.compile(
    r"(?:free|gratis|gratuit|gratuito|kostenlos|無料|免费)(?:\s+(?:forever|for\s+ever|plan))?[.!]?",
    re.I,
)
_ON_REQUEST = re.compile(
    r"(?:contact\s+(?:us|sales|our\s+sales(?:\s+team)?)|talk\s+to\s+(?:us|sales)"
    r"|let['\u2019]?s\s+talk|get\s+in\s+touch|(?:get|request)\s+(?:a\s+)?quote"
    r"|custom(?:\s+(?:pricing|price|quote|plan))?|(?:price\s+)?on\s+request"
    r"|auf\s+anfrage|individuell|sur\s+devis|nous\s+contacter|contactez[- ]nous"
    r"|contáctanos|contactar|a\s+medida|contattaci|su\s+richiesta)[.!]?",
    re.I,
)
#: Longer texts are sentences, not a plan's price ("Contact us for a custom quote today").
WORD_PRICE_LIMIT = 40

_PERIOD_UNITS = {
    "month": "mo mos mon month months mth monat monate mois mes meses mese maand mån månad",
    "year": "yr yrs year years annum jahr an année año anno jaar år",
    "week": "wk week weeks woche semaine semana",
    "day": "day days tag jour día dia",
}
_UNIT_PERIOD = {word: period for period, words in _PERIOD_UNITS.items() for word in words.split()}
_PER_UNIT = re.compile(
    r"(?:/|\b(?:per|a|an|each|every|pro|par|por|al|le)\b)\s*"
    # "per user per month", "/seat/mo", "pro Nutzer/Monat"
    r"(?:(?:user|seat|member|editor|agent|person|host|site|licen[cs]e|nutzer|benutzer|"
    r"utilisateur|usuario)s?\s*(?:/|,?\s*\b(?:per|pro|par|por|a)\b)\s*)?"
    rf"(?P<unit>{'|'.join(sorted(_UNIT_PERIOD, key=len, reverse=True))})\b\.?",
    re.I,
)
_PERIOD_WORD = re.compile(
    r"\b(?:(?P<month>monthly|billed\s+monthly|monatlich|mensuel(?:le)?|mensual|mensile"
    r"|maandelijks)|(?P<year>annually|yearly|annual|billed\s+(?:annually|yearly)|jährlich"
    r"|annuel(?:le)?|anual|annuale|jaarlijks)|(?P<week>weekly)|(?P<day>daily)"
    r"|(?P<one_time>one[-\s]time|once|lifetime|einmalig))\b",
    re.I,
)


@dataclass(frozen=True)
class Price:
    amount: float | None  # None: on request ("Contact sales", "Custom"), or a placeholder
    currency: str | None
    text: str
    #: The page shows a template's stand-in ("£x.99"), not a price.
    placeholder: bool = False


def amounts(text: str) -> list[re.Match[str]]:
    """The amounts with a currency in ``text`` ("$29", "10,00 €", "USD 10")."""
    return list(PRICE.finditer(text))


def price_of(match: re.Match[str]) -> Price:
    """The price an ``amounts`` match stands for."""
    unit = match.group("before") or match.group("after") or match.group("sign")
    number = match.group("amount") or match.group("spaced")
    currency = _SIGNS.get(unit, unit)
    if number is None:
        return Price(None, currency, match.group(0), placeholder=True)
    return Price(parse_number(number), currency, match.group(0))


def parse_number(text: str) -> float:
    """``1.299`` → 1299, ``1,299.99`` → 1299.99, ``10,00`` → 10: the last separator is the
    decimal one unless exactly three digits follow it alone (then it groups thousands)."""
    digits = re.sub(r"\s", "", text)
    separators = [index for index, char in enumerate(digits) if char in ".,"]
    if not separators:
        return float(digits)
    last = separators[-1]
    whole, fraction = digits[:last], digits[last + 1 :]
    whole = whole.replace(".", "").replace(",", "")
    if digits.count(digits[last]) > 1 or (len(separators) == 1 and len(fraction) == 3):
        return float(whole + fraction)
    return float(f"{whole}.{fraction}")


def word_price(text: str) -> Price | None:
    """A price written as words: "Free" (0) or "Contact sales" / "Custom" (on request).

    Only a whole, short text counts: "Custom domains" or "Start for free" are not prices.
    """
    if len(text) > WORD_PRICE_LIMIT:
        return None
    if _FREE.fullmatch(text):
        return Price(0.0, None, text)
    if _ON_REQUEST.fullmatch(text):
        return Price(None, None, text)
    return None


def period_in(text: str) -> tuple[str | None, int]:
    """The billing period ``text`` states first, and where that statement ends.

    "/mo", "per user/month" and other per-unit forms win over words such as "billed
    annually": "€29/month billed annually" is a monthly price.
    """
    match = _PER_UNIT.search(text)
    if match is not None:
        return _UNIT_PERIOD[match.group("unit").lower()], match.end()
    word = _PERIOD_WORD.search(text)
    if word is not None:
        kind = next(name for name, value in word.groupdict().items() if value)
        return kind.replace("_", "-"), word.end()
    return None, 0
