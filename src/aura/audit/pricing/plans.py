"""Finding the plans on a pricing page.

Pricing pages show their plans as repeated "cards" (or the columns of a table): elements
alike in markup, side by side, each with a plan's name and one price. So: find every price
(an amount with a currency, or "Free", or "Contact sales" standing alone), climb from it to
the first ancestor that is repeated beside siblings that hold prices too and that names a
plan, and read that card. A page with a single plan has no siblings to compare with; on a
page known to be about pricing, the nearest ancestor with a heading is its card.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Document
from aura.audit.dom import clean, hides_itself, text_of
from aura.audit.pricing.prices import (
    Price,
    amounts,
    parse_number,
    period_in,
    price_of,
    word_price,
)
from aura.audit.snapshot import ITEM_LIMIT, LIST_LIMIT, UNRENDERED, is_unshown, visible_lines, walk
from aura.audit.structured import extract

#: A card's feature list is cut here; longer list items are descriptions, not features.
FEATURE_LIMIT = 30
FEATURE_TEXT_LIMIT = 120
#: Elements with more visible text than this are not a price (but may be a card).
PRICE_TEXT_LIMIT = 160
#: How many levels above a price its card may be (a single plan's: its heading's).
CARD_DEPTH = 12
LONE_CARD_DEPTH = 6
#: Prices beyond these are not looked at (a page listing thousands is a catalogue).
MAX_PRICES = 300
MAX_SIBLINGS = 100
#: Plans have short names; longer lines are descriptions.
NAME_LIMIT = 60

#: Text that may be part of a price: amounts have digits, word prices these words.
_HINT = re.compile(
    r"\d|free|gratis|gratuit|kostenlos|contact|custom|talk|quote|touch|anfrage|individuell"
    r"|devis|medida|contatt|richiesta|無料|免费",
    re.I,
)
_HEADINGS = "h1, h2, h3, h4, h5, h6"
_NAME_CLASS = re.compile(r"name|title|plan|tier|heading", re.I)
#: Badges that sit above a plan's name.
_BADGE = re.compile(
    r"(?:most\s+)?popular|recommended|best\s+(?:value|deal|seller)|new|sale|save\b.*"
    r"|\d+\s*%\s*off|limited\s+offer|beliebt|empfohlen|populaire|recommandé",
    re.I,
)
#: Words that qualify a price and head some cards in place of a name ("Starting from").
_QUALIFIER = re.compile(
    r"(?:starting|starts?|prices?\s+start)\s+(?:from|at)|from|as\s+low\s+as|only|just"
    r"|ab|à\s+partir\s+de|a\s+partir\s+de|desde|da",
    re.I,
)
#: Marks of a feature a plan does not include (a cross icon, a "not included" class).
_EXCLUDED_MARK = re.compile(
    r"(?:^|[-_\s])(?:x|x-?lg|x-circle|x-mark|xmark|times|close|cross|minus|ban|unavailable"
    r"|disabled|not-?included|excluded|inactive|unchecked)(?:$|[-_\s])",
    re.I,
)
_EXCLUDED_TEXT = re.compile(r"^[\u2717\u2718\u2715\u2716\u00d7\u274c\u2014\u2013-]\s*")
#: Table cells that say a plan has (or lacks) a row's feature.
_YES = re.compile(r"[\u2713\u2714\u2705\u2611]|yes|included|ja|oui|s[ií]", re.I)
_NO = re.compile(r"[\u2717\u2718\u2715\u2716\u00d7\u274c\u2014\u2013-]?|no|none|nein|non|n/a", re.I)
_CELLS = frozenset({"td", "th"})
#: Never a price or a card, however little text the page has.
_CONTAINERS = frozenset({"html", "body", "main"})


@dataclass(frozen=True)
class Plan:
    name: str
    price: float | None
    currency: str | None
    period: str | None
    price_text: str
    #: What the plan includes, as its card lists it (features marked as not included left out).
    features: tuple[str, ...] = ()
    #: The price is a template's stand-in ("£x.99"): the page states no amount.
    placeholder: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "price": self.price,
            "currency": self.currency,
            "period": self.period,
            "price_text": self.price_text,
            "features": list(self.features),
            "placeholder": self.placeholder,
        }


@dataclass(frozen=True)
class _PriceElement:
    node: LexborNode
    text: str
    order: int
    price: Price
    #: Where the amount ends in ``text`` (its period follows); the end of a word price.
    end: int
    #: "Free" or "Contact sales" rather than an amount.
    words: bool


def find_plans(document: Document, single: bool = False) -> list[Plan]:
    """The plans ``document`` shows; ``single``: the page is about pricing, so a lone price
    under a heading is a plan too.

    Cards and table columns come first; then the other periods of a billing toggle (a
    hidden price in a card, a hidden panel of cards beside the shown one); then plans only
    the page's JSON-LD offers or its sentences ("Starter plan: $29/month") state.
    """
    root = document.tree.body
    if root is None:
        return []
    plans, cards = _card_plans(root, single, is_unshown)
    for panel in _hidden_alternatives(cards):
        hidden_plans, _ = _card_plans(panel, False, _unshown_inside(panel))
        plans = _merged(plans, hidden_plans)
    plans = _merged(plans, offer_plans(document))
    plans = _merged(plans, text_plans(root))
    return _distinctly_named(_numbered(plans[:LIST_LIMIT]))


def _card_plans(
    root: LexborNode, single: bool, skip: Callable[[LexborNode], bool]
) -> tuple[list[Plan], list[LexborNode]]:
    """The plans of the cards (or table columns) under ``root``, and those cards."""
    prices = _prices(root, skip)
    holding = _holding_counts(prices)
    names: dict[int, str | None] = {}
    cards: dict[int, LexborNode] = {}
    card_of: dict[int, int] = {}
    for element in prices:
        card = _card(element.node, holding, names)
        if card is not None:
            cards.setdefault(card.mem_id, card)
            card_of[element.node.mem_id] = card.mem_id
    if not cards and single:
        for element in prices:
            if element.words:
                continue
            card = _lone_card(element.node, names)
            if card is not None:
                cards.setdefault(card.mem_id, card)
                card_of[element.node.mem_id] = card.mem_id
    inner = {card_id for card_id, card in cards.items() if _inside(card, cards)}
    plans: list[Plan] = []
    outer: list[LexborNode] = []
    for card_id, card in cards.items():
        if card_id in inner:
            continue
        held = [
            element
            for element in prices
            if card_of.get(element.node.mem_id) == card_id or _holds(card, element.node)
        ]
        plan = _plan(card, names.get(card_id), held)
        if plan is None or plan in plans:
            continue
        outer.append(card)
        plans.append(plan)
        plans.extend(
            alternative for alternative in _toggled(card, plan) if alternative not in plans
        )
        if len(plans) >= LIST_LIMIT:
            break
    return plans, outer


def _unshown_inside(panel: LexborNode) -> Callable[[LexborNode], bool]:
    """``is_unshown``, except for ``panel`` itself (a hidden view of the plans)."""
    return lambda node: node.mem_id != panel.mem_id and is_unshown(node)


def _hidden_alternatives(cards: list[LexborNode]) -> list[LexborNode]:
    """Hidden elements beside the shown plans that hold prices: the other tab or period of
    a billing toggle ("Monthly | Annual" panels, one hidden until chosen)."""
    found: dict[int, LexborNode] = {}
    for card in cards:
        for ancestor in (card, *_parents(card, 4)):
            parent = ancestor.parent
            if parent is None or ancestor.tag in _CONTAINERS:
                break
            for index, sibling in enumerate(parent.iter()):
                if index >= MAX_SIBLINGS:
                    break
                if (
                    sibling.mem_id != ancestor.mem_id
                    and is_unshown(sibling)
                    and (sibling.tag or "") not in UNRENDERED
                    and amounts(text_of(sibling))
                ):
                    found.setdefault(sibling.mem_id, sibling)
    return list(found.values())


def _toggled(card: LexborNode, plan: Plan) -> list[Plan]:
    """The same plan at another billing period, from a price the card hides until its
    toggle is switched ("$15/mo" shown, "$150/yr" hidden)."""
    alternatives: list[Plan] = []
    taken: list[LexborNode] = []
    for node in card.traverse(include_text=False):
        if node.mem_id == card.mem_id or not is_unshown(node) or node.tag in UNRENDERED:
            continue
        if any(_holds(outer, node) for outer in taken):
            continue
        taken.append(node)
        text = text_of(node)
        matches = amounts(text) if len(text) <= PRICE_TEXT_LIMIT else []
        if len(matches) != 1:
            continue
        price = price_of(matches[0])
        period, end = period_in(text[matches[0].end() :][:60])
        if period is None or period == plan.period:
            continue
        price_text = clean(price.text + text[matches[0].end() :][:end])
        alternatives.append(
            replace(
                plan,
                price=price.amount,
                currency=price.currency,
                period=period,
                price_text=price_text[:ITEM_LIMIT],
                placeholder=price.placeholder,
            )
        )
    return alternatives


def plan_key(name: str) -> str:
    """A plan's name as plans are matched (case, spacing, punctuation and a trailing "plan"
    aside): here between the page's sources, in ``aura.history`` between runs."""
    words = re.sub(r"[^\w]+", " ", name.casefold()).split()
    if len(words) > 1 and words[-1] == "plan":
        words.pop()
    return " ".join(words)


def _plan_key(plan: Plan) -> tuple[str, str | None]:
    return plan_key(plan.name), plan.period


def _merged(plans: list[Plan], more: list[Plan]) -> list[Plan]:
    """``plans`` and those of ``more`` they do not already hold (by name and period)."""
    keys = {_plan_key(plan) for plan in plans}
    return plans + [plan for plan in more if _plan_key(plan) not in keys]


#: The name given to the plans of a page that names none (cards headed "Starting from").
UNNAMED = "Plan"


def _numbered(plans: list[Plan]) -> list[Plan]:
    """Unnamed plans get a number in page order ("Plan 1", "Plan 2"), one per card: the
    other periods of a toggled card keep its number."""
    numbered: list[Plan] = []
    count = 0
    last: Plan | None = None
    for plan in plans:
        if plan.name:
            numbered.append(plan)
            continue
        if last is None or plan.features != last.features or plan.period == last.period:
            count += 1
        last = plan
        numbered.append(replace(plan, name=f"{UNNAMED} {count}"))
    return numbered


def _distinctly_named(plans: list[Plan]) -> list[Plan]:
    """Plans are told apart between runs by name and period: a name repeated for the same
    period ("Starting from" on every card) gets a number, in page order. (One plan priced
    per month and per year keeps its name twice.)"""
    seen: dict[tuple[str, str | None], int] = {}
    named: list[Plan] = []
    for plan in plans:
        key = (plan.name, plan.period)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            plan = replace(plan, name=f"{plan.name[: ITEM_LIMIT - 6]} ({seen[key]})")
        named.append(plan)
    return named


def _prices(root: LexborNode, skip: Callable[[LexborNode], bool]) -> list[_PriceElement]:
    """The price elements under ``root`` in document order: the largest elements with short
    text holding exactly one amount, and short elements whose whole text is a word price."""
    found: dict[int, _PriceElement] = {}
    for order, (node, text) in enumerate(_short_texts(root, skip)):
        if len(found) >= MAX_PRICES:
            break
        matches = amounts(text)
        if len(matches) == 1:
            amount = price_of(matches[0])
            found[node.mem_id] = _PriceElement(node, text, order, amount, matches[0].end(), False)
        elif not matches and (words := word_price(text)) is not None:
            found[node.mem_id] = _PriceElement(node, text, order, words, len(text), True)
    # Keep the outermost: "$", "29" and "/mo" in spans of one <div class="price">. (Their
    # parents have more text, so whether the parent is a price element too is enough.)
    outermost = [
        element
        for element in found.values()
        if element.node.parent is None or element.node.parent.mem_id not in found
    ]
    return sorted(outermost, key=lambda element: element.order)


def _short_texts(
    root: LexborNode, skip: Callable[[LexborNode], bool]
) -> Iterator[tuple[LexborNode, str]]:
    """Every shown element whose visible text is short and may hold a price, with that
    text, children before their parents."""
    # One frame per open element: its text pieces (None once too long), length, any hint.
    frames: list[tuple[LexborNode, list[str] | None, list[int]]] = []
    for step, node in walk(root, skip):
        if step == "enter":
            frames.append((node, [], [0, 0]))
            continue
        if step == "text":
            _, pieces, counters = frames[-1]
            text = node.text_content or ""
            counters[0] += len(text.strip())
            if pieces is not None and counters[0] <= PRICE_TEXT_LIMIT:
                pieces.append(text)
                if not counters[1]:  # one hint is enough
                    counters[1] = bool(_HINT.search(text))
            else:
                frames[-1] = (frames[-1][0], None, counters)
            continue
        element, pieces, (length, hint) = frames.pop()
        text = clean(" ".join(pieces)) if pieces is not None else ""
        if pieces is not None and hint and text and element.tag not in _CONTAINERS:
            yield element, text
        if frames:
            parent, parent_pieces, parent_counters = frames[-1]
            parent_counters[0] += length
            if pieces is None or parent_pieces is None or parent_counters[0] > PRICE_TEXT_LIMIT:
                frames[-1] = (parent, None, parent_counters)
            else:
                parent_pieces.append(text)
                parent_counters[1] |= hint


def _holding_counts(prices: list[_PriceElement]) -> dict[int, int]:
    """How many prices each element holds (itself included), for the elements near them."""
    counts: dict[int, int] = {}
    for element in prices:
        for node in (element.node, *_parents(element.node, CARD_DEPTH + 1)):
            counts[node.mem_id] = counts.get(node.mem_id, 0) + 1
    return counts


def _card(
    node: LexborNode, holding: dict[int, int], names: dict[int, str | None]
) -> LexborNode | None:
    """The first element from ``node`` up that is repeated beside siblings holding prices
    and names a plan; else the first repeated one (cards that name no plan)."""
    unnamed: LexborNode | None = None
    for candidate in (node, *_parents(node, CARD_DEPTH)):
        if candidate.tag in _CONTAINERS:
            break
        if _repeated(candidate, holding):
            if _name(candidate, names) is not None:
                return candidate
            unnamed = unnamed or candidate
    return unnamed


def _lone_card(node: LexborNode, names: dict[int, str | None]) -> LexborNode | None:
    for candidate in (node, *_parents(node, LONE_CARD_DEPTH)):
        if candidate.tag in _CONTAINERS:
            return None
        if candidate.css_first(_HEADINGS) is not None and _name(candidate, names) is not None:
            return candidate
    return None


def _repeated(node: LexborNode, holding: dict[int, int]) -> bool:
    """Whether ``node`` and at least one sibling of the same kind each hold prices."""
    parent = node.parent
    if parent is None:
        return False
    priced = 0
    for index, sibling in enumerate(parent.iter()):
        if index >= MAX_SIBLINGS:
            break
        if holding.get(sibling.mem_id) and _alike(sibling, node):
            priced += 1
            if priced >= 2:
                return True
    return False


def _alike(one: LexborNode, other: LexborNode) -> bool:
    """Same kind of element: same tag (cells of either kind) and a class in common, or none."""
    if one.tag != other.tag and not {one.tag, other.tag} <= _CELLS:
        return False
    classes = set((one.attributes.get("class") or "").split())
    others = set((other.attributes.get("class") or "").split())
    return bool(classes & others) or not (classes or others)


def _name(card: LexborNode, names: dict[int, str | None]) -> str | None:
    """The plan name ``card`` shows (cached by element)."""
    if card.mem_id not in names:
        names[card.mem_id] = _find_name(card)
    return names[card.mem_id]


def _find_name(card: LexborNode) -> str | None:
    if card.tag in _CELLS:
        header = _column_header(card)
        if header:
            return header
    # "Free" names the plan of a card that shows an amount too ("Free" over "$0 / mo.").
    free_may_name = bool(amounts(text_of(card)))
    for heading in card.css(_HEADINGS):
        name = _without_prices(text_of(heading))
        # A heading "Free" names the free plan, whatever else the card shows.
        if _is_name(name, free_may_name=True) and not _hidden_within(heading, card):
            return name
    for node in card.css("[class]"):
        if node.mem_id == card.mem_id:
            continue  # a card classed "plan" or "tier": its whole text is not a name
        if _NAME_CLASS.search(node.attributes.get("class") or "") and not _hidden_within(
            node, card
        ):
            name = _without_prices(text_of(node))
            if len(name) <= NAME_LIMIT and _is_name(name, free_may_name):
                return name
    # A card's name comes before its price: lines after it are features and buttons.
    for line in visible_lines(card):
        if amounts(line) or (word_price(line) is not None and not free_may_name):
            break
        if len(line) <= NAME_LIMIT and _is_name(line, free_may_name):
            return line
    return None


def _hidden_within(node: LexborNode, card: LexborNode) -> bool:
    """Hidden by ``node`` itself or an element between it and ``card``."""
    current: LexborNode | None = node
    while current is not None and current.mem_id != card.mem_id:
        if hides_itself(current.attributes):
            return True
        current = current.parent
    return False


def _is_name(line: str, free_may_name: bool = False) -> bool:
    if not line or amounts(line) or _BADGE.fullmatch(line) or _QUALIFIER.fullmatch(line):
        return False
    word = word_price(line)
    if word is not None and not (free_may_name and word.amount == 0):
        return False
    if period_in(line)[1] == len(line):
        return False  # "/month", "billed annually"
    return any(char.isalpha() for char in line)


def _without_prices(text: str) -> str:
    for match in reversed(amounts(text)):
        text = text[: match.start()] + text[match.end() :]
    return clean(text.strip(" -:|\u2013\u2014\u00b7"))[:ITEM_LIMIT]


def _column_header(cell: LexborNode) -> str | None:
    """The text of the header cell above ``cell`` in its table, if it has one."""
    row = cell.parent
    if row is None or row.tag != "tr":
        return None
    table = next((node for node in _parents(row, 3) if node.tag == "table"), None)
    if table is None:
        return None
    header = table.css_first("thead tr") or table.css_first("tr")
    if header is None or header.mem_id == row.mem_id:
        return None
    head = _cell_at([node for node in header.iter() if node.tag in _CELLS], _column_of(cell))
    return (_without_prices(text_of(head)) or None) if head is not None else None


def _span(cell: LexborNode) -> int:
    value = (cell.attributes.get("colspan") or "1").strip()
    return min(int(value), 100) if value.isdigit() and int(value) > 0 else 1


def _plan(card: LexborNode, name: str | None, held: list[_PriceElement]) -> Plan | None:
    """The plan ``card`` shows; unnamed ("") when the card names none."""
    if not held:
        return None
    # An amount wins over words ("Free" may be the plan's name, "Contact sales" a button).
    element = next((item for item in held if not item.words), held[0])
    price = element.price
    period = None
    price_text = price.text
    if not element.words:
        following = element.text[element.end :][:60]
        period, end = period_in(following)
        if period is not None:
            price_text = clean(price.text + following[:end])
        else:
            period, _ = period_in(" ".join(visible_lines(card)))
    return Plan(
        name=(name or "")[:ITEM_LIMIT],
        price=price.amount,
        currency=price.currency,
        period=period,
        price_text=price_text[:ITEM_LIMIT],
        features=_column_features(card) if card.tag in _CELLS else _features(card),
        placeholder=price.placeholder,
    )


def _features(card: LexborNode) -> tuple[str, ...]:
    """The card's list items, but those marked as not included and those that are prices."""
    features: list[str] = []
    for item in card.css("li"):
        nested = any(inner.mem_id != item.mem_id for inner in item.css("li"))
        if nested or _hidden_within(item, card):
            continue
        text = text_of(item)
        if not text or len(text) > FEATURE_TEXT_LIMIT or amounts(text) or _excluded(item, text):
            continue
        features.append(text)
        if len(features) == FEATURE_LIMIT:
            break
    return tuple(features)


def _excluded(item: LexborNode, text: str) -> bool:
    if _EXCLUDED_TEXT.match(text):
        return True
    for node in item.css("[class]"):  # the item itself included
        if _EXCLUDED_MARK.search(node.attributes.get("class") or ""):
            return True
    return False


def _column_features(cell: LexborNode) -> tuple[str, ...]:
    """A table column's features: each row's header where the column ticks it, "header:
    value" where it states a value; rows with a price or a cross are left out."""
    row = cell.parent
    table = next((node for node in _parents(row, 3) if node.tag == "table"), None) if row else None
    if row is None or table is None:
        return ()
    column = _column_of(cell)
    header = table.css_first("thead tr") or table.css_first("tr")
    features: list[str] = []
    for other in table.css("tr"):
        if header is not None and other.mem_id == header.mem_id:
            continue
        cells = [node for node in other.iter() if node.tag in _CELLS]
        if len(cells) < 2:
            continue
        label = text_of(cells[0])
        value = _cell_at(cells, column)
        if value is None or not label or amounts(label):
            continue
        shown = text_of(value)
        if amounts(shown) or word_price(shown) is not None or _NO.fullmatch(shown):
            continue
        features.append(label if _YES.fullmatch(shown) else f"{label}: {shown}")
        if len(features) == FEATURE_LIMIT:
            break
    return tuple(text[:FEATURE_TEXT_LIMIT] for text in features)


def _column_of(cell: LexborNode) -> int:
    column = 0
    for sibling in cell.parent.iter() if cell.parent is not None else ():
        if sibling.mem_id == cell.mem_id:
            break
        if sibling.tag in _CELLS:
            column += _span(sibling)
    return column


def _cell_at(cells: list[LexborNode], column: int) -> LexborNode | None:
    position = 0
    for cell in cells:
        if position <= column < position + _span(cell):
            return cell
        position += _span(cell)
    return None


def _parents(node: LexborNode, limit: int) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None and limit > 0 and parent.is_element_node:
        yield parent
        parent = parent.parent
        limit -= 1


def _holds(card: LexborNode, node: LexborNode) -> bool:
    return any(parent.mem_id == card.mem_id for parent in _parents(node, CARD_DEPTH * 2))


def _inside(card: LexborNode, cards: dict[int, LexborNode]) -> bool:
    return any(parent.mem_id in cards for parent in _parents(card, CARD_DEPTH * 2))


# Plans stated elsewhere than in cards: JSON-LD offers, and sentences.

#: schema.org unit codes (UN/CEFACT) and ISO 8601 durations of billing periods.
_UNIT_CODES = {"MON": "month", "ANN": "year", "WEE": "week", "DAY": "day"}
_DURATIONS = {
    "P1M": "month",
    "P30D": "month",
    "P1Y": "year",
    "P12M": "year",
    "P1W": "week",
    "P7D": "week",
    "P1D": "day",
}


def offer_plans(document: Document) -> list[Plan]:
    """The plans the page's JSON-LD states as offers (of a Product, SoftwareApplication,
    Service...), with the period of their unit price specification."""
    plans: list[Plan] = []
    for item in _json_ld_objects(extract(document).json_ld):
        offers = item.get("offers")
        listed = [offer for offer in _listed(offers) if isinstance(offer, dict)]
        owner = item.get("name") if isinstance(item.get("name"), str) else None
        for offer in listed:
            plan = _offer_plan(offer, owner if len(listed) == 1 else None)
            if plan is not None and plan not in plans:
                plans.append(plan)
            if len(plans) >= LIST_LIMIT:
                return plans
    return plans


def _json_ld_objects(items: list[Any]) -> Iterator[dict[str, Any]]:
    """Every object in the JSON-LD, depth first (``@graph`` lists included), bounded."""
    stack: list[Any] = list(reversed(items))
    seen = 0
    while stack and seen < 2000:
        item = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.extend(
                reversed(
                    [
                        value
                        for key, value in item.items()
                        if key != "offers" and isinstance(value, (dict, list))
                    ]
                )
            )


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _offer_plan(offer: dict[str, Any], owner: str | None) -> Plan | None:
    specs = [spec for spec in _listed(offer.get("priceSpecification")) if isinstance(spec, dict)]
    spec = specs[0] if specs else {}
    raw = offer.get("price", spec.get("price", offer.get("lowPrice")))
    amount = _number(raw)
    name = offer.get("name") if isinstance(offer.get("name"), str) else owner
    if amount is None or not name or not clean(name):
        return None
    currency = offer.get("priceCurrency") or spec.get("priceCurrency")
    currency = currency.strip().upper()[:3] if isinstance(currency, str) and currency else None
    period = _spec_period(spec)
    price_text = f"{currency + ' ' if currency else ''}{raw}{'/' + period if period else ''}"
    return Plan(
        name=clean(name)[:ITEM_LIMIT],
        price=amount,
        currency=currency,
        period=period,
        price_text=price_text[:ITEM_LIMIT],
    )


def _spec_period(spec: dict[str, Any]) -> str | None:
    duration = spec.get("billingDuration")
    if isinstance(duration, str) and duration.strip().upper() in _DURATIONS:
        return _DURATIONS[duration.strip().upper()]
    quantity = spec.get("referenceQuantity")
    for code in (
        spec.get("unitCode"),
        quantity.get("unitCode") if isinstance(quantity, dict) else None,
    ):
        if isinstance(code, str) and code.strip().upper() in _UNIT_CODES:
            return _UNIT_CODES[code.strip().upper()]
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) and value >= 0 else None
    if isinstance(value, str) and re.fullmatch(r"\s*\d[\d.,\s]*\s*", value):
        try:
            return parse_number(value.strip())
        except ValueError:
            return None
    return None


#: "Starter plan: $29/month", "Pro: only €99 per month": a name (a few words, "plan" or
#: "tier" after it, or a colon), then the price. Sentences state plans this way when a page
#: has no pricing cards.
_STATED_NAME = re.compile(
    r"(?P<name>[^\W\d_][\w'\u2019&+.]*(?:[ \t][\w'\u2019&+.]+){0,3}?)"
    r"(?:[ \t]+(?P<kind>plan|tier|package|edition|subscription|licen[cs]e))?"
    r"[ \t]*(?P<colon>[:\u2013\u2014]|\s-)[ \t]*(?:(?:only|just|from|at)[ \t]+)?$",
    re.I,
)


def text_plans(root: LexborNode) -> list[Plan]:
    """Plans stated in the page's sentences: a short name, then a price with a period."""
    plans: list[Plan] = []
    for line in visible_lines(root):
        for sentence in re.split(r"(?<=[.;!?])\s+", line):
            matches = amounts(sentence)
            if len(matches) != 1:
                continue
            match = matches[0]
            stated = _STATED_NAME.search(sentence[: match.start()])
            period, end = period_in(sentence[match.end() :][:40])
            if stated is None or period is None:
                continue
            name = _capitalised_tail(stated.group("name").strip())
            if not _is_name(name) or len(name) > NAME_LIMIT:
                continue
            price = price_of(match)
            plan = Plan(
                name=name[:ITEM_LIMIT],
                price=price.amount,
                currency=price.currency,
                period=period,
                price_text=clean(price.text + sentence[match.end() :][:end])[:ITEM_LIMIT],
                placeholder=price.placeholder,
            )
            if plan not in plans:
                plans.append(plan)
            if len(plans) >= LIST_LIMIT:
                return plans
    return plans


def _capitalised_tail(name: str) -> str:
    """ "Get our Starter" → "Starter": the capitalised words that end a name, where it has
    lowercase words before them."""
    words = name.split()
    tail: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        tail.insert(0, word)
    return " ".join(tail) if tail else name
