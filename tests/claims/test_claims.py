"""The labelled claims suite: Aura's verdicts and facts on the shared sites against a reader's.

Every site named in ``expected/`` (a front page of ``shared/sites``, or a page of a
multi-page site of ``shared/sites-multi``) is served from loopback (no DNS: its CDN, font and
analytics requests fail, as on this machine) and analysed once per mode with the settings a
user gets. Each category must reach 95 % precision and recall in each mode; the failures list
every claim Aura got wrong with the label's reason.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from aura.audit.browser import BrowserPool
from aura.audit.fetch import NetworkPolicy
from aura.audit.runner import analyze_url, select_audits
from aura.config import Settings
from aura.runtime import analysis_options, browser_settings
from tests.claims.claims import MODES, Claim, load, page_key, score
from tests.conftest import service_missing
from tests.support.servers import SHARED_MULTI_SITES, SHARED_SITES, serve_directory

REPOSITORY = Path(__file__).resolve().parents[2]
TARGET = 0.95
CLAIMS = load()
CATEGORIES = sorted({claim.category for claim in CLAIMS})


def settings() -> Settings:
    configured = Settings(_env_file=None)  # type: ignore[call-arg]
    data_dir = configured.data_dir if configured.data_dir.is_absolute() else REPOSITORY / "data"
    return Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]


async def analyse(sites: Mapping[str, str], mode: str) -> dict[str, dict[str, Any]]:
    s = settings()
    browser = None
    if mode == "browser":
        browser = BrowserPool(browser_settings(s))
        reason = browser_settings(s).unavailable_reason()
        if reason is not None:
            await browser.close()
            service_missing(f"browser-mode claims need Chromium: {reason}")
    options = analysis_options(s, NetworkPolicy(allow_private=True), mode=mode, browser=browser)
    results: dict[str, dict[str, Any]] = {}
    try:
        for name, url in sites.items():  # one at a time, as a worker's pool of one would
            results[name] = await analyze_url(url, options)
    finally:
        if browser is not None:
            await browser.close()
    return results


def site_folder(name: str) -> Path:
    """The folder of a shared site: a front page of ``sites`` or a site of ``sites-multi``."""
    single = SHARED_SITES / name
    return single if single.is_dir() else SHARED_MULTI_SITES / name


@pytest.fixture(scope="session")
def served() -> Iterator[dict[str, str]]:
    """Each labelled page (``Claim.target``) → its URL on loopback."""
    if not SHARED_SITES.is_dir():
        service_missing(f"the shared sites are not at {SHARED_SITES}")
    pages: dict[str, set[str]] = {}
    for claim in CLAIMS:
        pages.setdefault(claim.site, set()).add(claim.page)
    with ExitStack() as stack:
        urls: dict[str, str] = {}
        for name in sorted(pages):
            base = stack.enter_context(serve_directory(site_folder(name)))
            for page in sorted(pages[name]):
                urls[page_key(name, page)] = f"{base}/{page}"
        yield urls


_results: dict[str, dict[str, dict[str, Any]]] = {}


def results_in(mode: str, served: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    if mode not in _results:
        needed = {
            name: url
            for name, url in served.items()
            if any(claim.target == name and mode in claim.modes for claim in CLAIMS)
        }
        _results[mode] = asyncio.run(analyse(needed, mode))
    return _results[mode]


def test_every_label_names_a_shared_page_and_a_real_audit() -> None:
    audit_ids = {audit.id for audit in select_audits(None)}
    problems = [
        f"{claim.source}: unknown page {claim.target}"
        for claim in CLAIMS
        if not (site_folder(claim.site) / (claim.page or "index.html")).is_file()
    ] + [
        f"{claim.source}: unknown audit {claim.audit}"
        for claim in CLAIMS
        if claim.audit is not None and claim.audit not in audit_ids
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("category", CATEGORIES)
def test_category_precision_and_recall(category: str, mode: str, served: Mapping[str, str]) -> None:
    claims: list[Claim] = [c for c in CLAIMS if c.category == category and mode in c.modes]
    if not claims:
        pytest.skip(f"no {category} claims hold in {mode} mode")
    tally = score(claims, results_in(mode, served), mode)
    line = (
        f"{category} [{mode}]: {tally.total} claims, precision {tally.precision:.0%}, "
        f"recall {tally.recall:.0%}"
    )
    print(line)
    detail = line + "\n" + "\n".join(tally.wrong)
    assert tally.precision >= TARGET, detail
    assert tally.recall >= TARGET, detail
