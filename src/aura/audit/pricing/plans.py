"""Finding the plans on a pricing page.

Pricing pages show their plans as repeated "cards" (or the columns of a table): elements
alike in markup, side by side, each with a plan's name and one price. So: find every price
(an amount with a currency, or "Free", or "Contact sales" standing alone), climb from it to
the first ancestor that is repeated beside siblings that hold prices too and that names a
plan, and read that card. A page with a single plan has no siblings to compare with; on a
page known to be about pricing, the nearest ancestor with a heading is its card.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Document
from aura.audit.dom import clean, is_hidden, text_of
from aura.audit.pricing.prices import Price, amounts, period_in, price_of, word_price
from aura.audit.snapshot import ITEM_LIMIT, LIST_LIMIT, is_unshown, visible_lines, walk

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

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "price": self.price,
            "currency": self.currency,
            "period": self.period,
            "price_text": self.price_text,
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
    under a heading is a plan too."""
    root = document.tree.body
    if root is None:
        return []
    prices = _prices(root)
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
    for card_id, card in cards.items():
        if card_id in inner:
            continue
        held = [
            element
            for element in prices
            if card_of.get(element.node.mem_id) == card_id or _holds(card, element.node)
        ]
        plan = _plan(card, names.get(card_id), held)
        if plan is not None and plan not in plans:
            plans.append(plan)
            if len(plans) == LIST_LIMIT:
                break
    return _distinctly_named(plans)


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


def _prices(root: LexborNode) -> list[_PriceElement]:
    """The price elements under ``root`` in document order: the largest elements with short
    text holding exactly one amount, and short elements whose whole text is a word price."""
    found: dict[int, _PriceElement] = {}
    for order, (node, text) in enumerate(_short_texts(root)):
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


def _short_texts(root: LexborNode) -> Iterator[tuple[LexborNode, str]]:
    """Every shown element whose visible text is short and may hold a price, with that
    text, children before their parents."""
    # One frame per open element: its text pieces (None once too long), length, any hint.
    frames: list[tuple[LexborNode, list[str] | None, list[int]]] = []
    for step, node in walk(root, is_unshown):
        if step == "enter":
            frames.append((node, [], [0, 0]))
            continue
        if step == "text":
            _, pieces, counters = frames[-1]
            text = node.text_content or ""
            counters[0] += len(text.strip())
            if pieces is not None and counters[0] <= PRICE_TEXT_LIMIT:
                pieces.append(text)
                counters[1] |= bool(_HINT.search(text))
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
    and names a plan."""
    for candidate in (node, *_parents(node, CARD_DEPTH)):
        if candidate.tag in _CONTAINERS:
            return None
        if _repeated(candidate, holding) and _name(candidate, names) is not None:
            return candidate
    return None


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
    for heading in card.css(_HEADINGS):
        name = _without_prices(text_of(heading))
        if name and not is_hidden(heading):
            return name
    for node in card.css("[class]"):
        if _NAME_CLASS.search(node.attributes.get("class") or "") and not is_hidden(node):
            name = _without_prices(text_of(node))
            if name and len(name) <= NAME_LIMIT:
                return name
    for line in visible_lines(card):
        if len(line) <= NAME_LIMIT and _is_name(line):
            return line
    return None


def _is_name(line: str) -> bool:
    if amounts(line) or word_price(line) is not None or _BADGE.fullmatch(line):
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
    column = 0
    for sibling in row.iter():
        if sibling.mem_id == cell.mem_id:
            break
        column += _span(sibling)
    position = 0
    for head in header.iter():
        if head.tag not in _CELLS:
            continue
        if position <= column < position + _span(head):
            return _without_prices(text_of(head)) or None
        position += _span(head)
    return None


def _span(cell: LexborNode) -> int:
    value = (cell.attributes.get("colspan") or "1").strip()
    return min(int(value), 100) if value.isdigit() and int(value) > 0 else 1


def _plan(card: LexborNode, name: str | None, held: list[_PriceElement]) -> Plan | None:
    if name is None or not held:
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
        name=name[:ITEM_LIMIT],
        price=price.amount,
        currency=price.currency,
        period=period,
        price_text=price_text[:ITEM_LIMIT],
    )


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
