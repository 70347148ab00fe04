"""The labelled claims: what a person who read each shared page expects Aura to say about it.

Each ``expected/<category>[-part].toml`` file holds ``[[claim]]`` tables written by reading the
page (its HTML, CSS and what Chromium renders), never by copying Aura's output:

- a verdict: ``audit`` (an audit id) and ``verdict`` (``pass``: score ≥ 0.9; ``fail``: score
  below 0.9; ``na``: no score and no error);
- or a fact: ``fact``, a dotted path into the analysis result (integers index lists), with one
  of ``equals``, ``contains`` (every item present), ``excludes`` (none present), ``at_most``,
  ``at_least`` or ``absent = true`` (missing or None: unknown is never 0).

``site`` names a folder of ``shared/sites`` or ``shared/sites-multi``; ``page`` (optional) is
the path of one of its pages (``reference/mutate.html``), its front page when left out;
``modes`` says where the claim must hold (static, browser, both by default); ``reason`` says in
one line what in the page makes it so.

"fail" is the positive class of a verdict: precision is the share of Aura's failures that the
label confirms, recall the share of labelled failures Aura finds. A fact that holds counts as a
true positive; one that does not as a false positive and a false negative (Aura said something
untrue and missed the truth).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXPECTED = Path(__file__).parent / "expected"
MODES = ("static", "browser")
VERDICTS = ("pass", "fail", "na")
FACT_TESTS = ("equals", "contains", "excludes", "at_most", "at_least", "absent")
#: A verdict's pass mark, as Lighthouse colours an audit (green from 0.9).
PASS_MARK = 0.9


class ClaimError(ValueError):
    """A claims file that cannot be read as written."""


@dataclass(frozen=True)
class Claim:
    category: str
    source: str
    site: str
    modes: tuple[str, ...]
    reason: str
    page: str = ""
    audit: str | None = None
    verdict: str | None = None
    fact: str | None = None
    test: str | None = None
    expected: Any = None

    @property
    def label(self) -> str:
        what = (
            f"{self.audit} {self.verdict}"
            if self.audit
            else f"{self.fact} {self.test} {self.expected!r}"
        )
        return f"{self.target}: {what} ({self.reason})"

    @property
    def target(self) -> str:
        """The page the claim is about: ``site`` or ``site/page`` (the key of its result)."""
        return page_key(self.site, self.page)


def page_key(site: str, page: str = "") -> str:
    return f"{site}/{page}" if page else site


def load(folder: Path = EXPECTED) -> list[Claim]:
    claims: list[Claim] = []
    for path in sorted(folder.glob("*.toml")):
        category = path.stem.split("-")[0]
        with path.open("rb") as file:
            tables = tomllib.load(file).get("claim", [])
        for index, table in enumerate(tables):
            claims.append(parse(table, category, f"{path.name}#{index + 1}"))
    return claims


def parse(table: Mapping[str, Any], category: str, source: str) -> Claim:
    def fail(message: str) -> ClaimError:
        return ClaimError(f"{source}: {message}")

    site, reason = table.get("site"), table.get("reason")
    if not isinstance(site, str) or not site:
        raise fail("no site")
    if not isinstance(reason, str) or not reason.strip():
        raise fail("no reason: every label says why")
    page = table.get("page", "")
    if not isinstance(page, str) or page.startswith("/") or ".." in page.split("/"):
        raise fail(f"page must be a path inside the site, got {page!r}")
    modes = tuple(table.get("modes", MODES))
    if not modes or any(mode not in MODES for mode in modes):
        raise fail(f"modes must be among {MODES}, got {modes}")
    if "audit" in table:
        verdict = table.get("verdict")
        if verdict not in VERDICTS:
            raise fail(f"verdict must be one of {VERDICTS}, got {verdict!r}")
        return Claim(
            category, source, site, modes, reason, page, audit=table["audit"], verdict=verdict
        )
    if "fact" in table:
        tests = [name for name in FACT_TESTS if name in table]
        if len(tests) != 1:
            raise fail(f"a fact needs exactly one of {FACT_TESTS}, got {tests}")
        return Claim(
            category,
            source,
            site,
            modes,
            reason,
            page,
            fact=table["fact"],
            test=tests[0],
            expected=table[tests[0]],
        )
    raise fail("a claim names an audit or a fact")


_MISSING = object()


def lookup(document: Any, path: str) -> Any:
    """The value at a dotted path, or ``_MISSING``; ``audits.<id>.<key>`` finds an audit by id."""
    value = document
    for part in path.split("."):
        if isinstance(value, Mapping):
            value = value.get(part, _MISSING)
        elif isinstance(value, list) and part.lstrip("-").isdigit():
            index = int(part)
            value = value[index] if -len(value) <= index < len(value) else _MISSING
        else:
            return _MISSING
        if value is _MISSING:
            return _MISSING
    return value


def find_audit(result: Mapping[str, Any], audit_id: str) -> Mapping[str, Any] | None:
    for category in result.get("categories", {}).values():
        for audit in category.get("audits", []):
            if audit.get("id") == audit_id:
                return dict(audit)
    return None


def verdict_of(audit: Mapping[str, Any] | None) -> str:
    """``pass``, ``fail``, ``na``, or ``missing``/``error`` when Aura gave no verdict."""
    if audit is None:
        return "missing"
    if audit.get("error"):
        return "error"
    score = audit.get("score")
    if score is None:
        return "na"
    return "pass" if score >= PASS_MARK else "fail"


def _normal(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def fact_holds(claim: Claim, result: Mapping[str, Any]) -> tuple[bool, Any]:
    """Whether the claim's fact holds in ``result``, and the value found (for the message)."""
    assert claim.fact is not None
    value = lookup(result, claim.fact)
    if claim.test == "absent":
        return (value is _MISSING or value is None) == bool(claim.expected), value
    if value is _MISSING:
        return False, "(missing)"
    expected = claim.expected
    if claim.test == "equals":
        return _normal(value) == _normal(expected), value
    if claim.test in ("at_most", "at_least"):
        if not isinstance(value, int | float) or isinstance(value, bool):
            size = len(value) if isinstance(value, list | dict | str) else None
            if size is None:
                return False, value
            value = size
        held = value <= expected if claim.test == "at_most" else value >= expected
        return held, value
    items = value if isinstance(value, list | dict) else [value]
    present = {
        _normal(item if not isinstance(item, Mapping) else item.get("name")) for item in items
    }
    if isinstance(value, str):
        present = {_normal(value)}
        wanted = [_normal(item) for item in expected]
        hits = [item for item in wanted if any(item in text for text in present)]
    else:
        wanted = [_normal(item) for item in expected]
        hits = [item for item in wanted if item in present]
    if claim.test == "contains":
        return len(hits) == len(wanted), value
    return not hits, value


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        claimed = self.true_positive + self.false_positive
        return self.true_positive / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positive + self.false_negative
        return self.true_positive / labelled if labelled else 1.0

    @property
    def total(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative


def score(claims: Iterable[Claim], results: Mapping[str, Mapping[str, Any]], mode: str) -> Tally:
    """Tally the claims that apply in ``mode`` against ``results`` (``Claim.target`` → result)."""
    tally = Tally()
    for claim in claims:
        if mode not in claim.modes:
            continue
        result = results.get(claim.target)
        if result is None:
            tally.false_negative += 1
            tally.wrong.append(f"[{mode}] {claim.label}: the site was not analysed")
            continue
        if claim.audit is not None:
            said = verdict_of(find_audit(result, claim.audit))
            if said == claim.verdict:
                if said == "fail":
                    tally.true_positive += 1
                else:
                    tally.true_negative += 1
                continue
            if said == "fail":
                tally.false_positive += 1
            elif claim.verdict == "fail":
                tally.false_negative += 1
            else:  # pass vs na, or no verdict at all where one was due
                tally.false_positive += 1
            tally.wrong.append(f"[{mode}] {claim.label}: Aura says {said}")
            continue
        held, found = fact_holds(claim, result)
        if held:
            tally.true_positive += 1
        else:
            tally.false_positive += 1
            tally.false_negative += 1
            tally.wrong.append(f"[{mode}] {claim.label}: Aura says {found!r}"[:400])
    return tally
