"""What changed between two runs of a comparison set, site by site (a pure function).

Sites are matched by the URL the set lists. For each one: the overall and category scores
and the key metrics as deltas, rank moves, technologies added, removed or upgraded, content
and pricing changes, and the visual change the caller measured. Every delta is listed, but
only one beyond its metric's noise threshold (``aura.comparison.noise``, the same one
the comparison uses) is a change: two runs of an unchanged page on
loopback differ by milliseconds, and that is not news. Overtakes are pairs of sites that
swapped places in a category. Output is deterministic: sites in the set's order, everything
else in a fixed or sorted order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from aura.comparison.document import Direction, Unit
from aura.comparison.inputs import Analysed, mapping, number
from aura.comparison.metrics import MetricSpec, format_value, spec_of
from aura.comparison.names import site_names
from aura.comparison.noise import (
    VISUAL_CHANGE_PERCENT,
    Noise,
    Spread,
    between_runs_noise,
    beyond_noise,
    noise_of,
    score_noise,
    split_profile,
    spread_of,
)
from aura.comparison.summary import ordinal
from aura.comparison.technology import Detected, technologies_of
from aura.history.conditions import incomparable, profile_conditions
from aura.history.content import content_changes
from aura.history.document import (
    Delta,
    Overtake,
    PricingChange,
    RankChange,
    RankVerdict,
    RunChanges,
    SiteChanges,
    SiteStatus,
    TechnologyChange,
    TextChange,
    Verdict,
    VisualChange,
)
from aura.history.inputs import RunInput, SiteRun
from aura.history.pricing import pricing_changes
from aura.history.standings import (
    OVERALL,
    RunStandings,
    Standing,
    categories_of,
    completed,
    primary_of,
    standings_of,
)

#: The metrics followed from run to run (those a run lacks are left out).
KEY_METRICS = (
    "response_time_ms",
    "ttfb_ms",
    "html_bytes",
    "total_bytes",
    "request_count",
    "failed_requests",
    "third_party_request_share",
    "dom_elements",
    "lcp_mobile",
    "lcp_desktop",
    "fcp_mobile",
    "fcp_desktop",
    "cls_mobile",
    "cls_desktop",
    "tbt_mobile",
    "tbt_desktop",
    "axe_violations",
    "observatory_score",
    "word_count",
    "technology_count",
)

#: Key metrics the comparison does not rank (more words or technologies is neither better
#: nor worse between sites), but whose change over time is worth seeing.
EXTRA_METRICS = {
    "word_count": MetricSpec("Word count", "count", "higher"),
    "technology_count": MetricSpec("Technologies detected", "count", "higher"),
}


def site_name(url: str, names: Mapping[str, str] | None = None) -> str:
    """How sentences name a site: its name in the runs' comparisons (``names``: the user's
    label, og:site_name, the title's brand), else its host, and its path when that is more
    than ``/``."""
    if names and names.get(url):
        return names[url]
    parts = urlsplit(url)
    path = parts.path if parts.path not in ("", "/") else ""
    return f"{parts.netloc}{path}" if parts.netloc else url


def run_names(*runs: RunInput) -> dict[str, str]:
    """URL → what to call the site: the name the run's comparison gives it, else the name the
    comparison would give it (the user's label, og:site_name, the title's brand, the host);
    a later run's wins, so a label given since then renames the site in the changes too."""
    names: dict[str, str] = {}
    for run in runs:
        derived = site_names(
            [(site.url, site.result) for site in run.sites],
            {site.url: site.label for site in run.sites},
        )
        stored = (run.comparison or {}).get("sites")
        for entry in stored if isinstance(stored, list) else []:
            if not isinstance(entry, Mapping):
                continue
            url, name = entry.get("url"), entry.get("name")
            if isinstance(url, str) and isinstance(name, str) and name.strip():
                derived[url] = name
        names.update(derived)
    return names


def format_score(value: float | None) -> str:
    return "none" if value is None else f"{round(value, 1):g}"


def verdict(
    before: float | None,
    after: float | None,
    direction: Direction,
    noise: Noise,
    spreads: tuple[Spread | None, Spread | None] = (None, None),
    *,
    one_sample: Noise | None = None,
    measured_in_both: bool = False,
) -> Verdict:
    """better/worse only beyond the noise and outside both runs' measured spreads; a value
    missing from one run of a site analysed in both is a measurement gap, not a change."""
    if before is None or after is None:
        if before is None and after is None:
            return "unchanged"
        if measured_in_both:
            return "unmeasured"
        return "new" if before is None else "gone"
    if not beyond_noise(before, after, noise, *spreads, one_sample=one_sample):
        return "unchanged"
    return "better" if (after > before) == (direction == "higher") else "worse"


def delta(
    id_: str,
    spec: MetricSpec,
    before: float | None,
    after: float | None,
    noise: Noise,
    spreads: tuple[Spread | None, Spread | None] = (None, None),
    *,
    one_sample: Noise | None = None,
    measured_in_both: bool = False,
) -> Delta:
    return Delta(
        id=id_,
        label=spec.label,
        unit=spec.unit,
        direction=spec.direction,
        before=before,
        after=after,
        change=round(after - before, 6) if before is not None and after is not None else None,
        verdict=verdict(
            before,
            after,
            spec.direction,
            noise,
            spreads,
            one_sample=one_sample,
            measured_in_both=measured_in_both,
        ),
    )


def _score_noise(category: str, *standings: Standing | None) -> tuple[Noise, Noise | None]:
    """The noise of a score in these standings: wider when a browser render measured one."""
    present = [standing for standing in standings if standing is not None]
    if not any("performance" in standing.scores for standing in present):
        return score_noise(category, rendered=False, categories=0)[0], None
    rendered = any(standing.spreads for standing in present)
    categories = max((len(s.scores) - (OVERALL in s.scores) for s in present), default=1)
    return score_noise(category, rendered, categories)


def _not_compared(item: Delta, gaps: Mapping[str, str]) -> Delta:
    """``item`` as unmeasured when its two values were not measured alike (``gaps``)."""
    note = gaps.get(item.id)
    if note is None or item.before is None or item.after is None:
        return item
    return item.model_copy(update={"verdict": "unmeasured", "note": note})


def _score_deltas(
    old: Standing | None,
    new: Standing | None,
    titles: Mapping[str, str],
    spreads: tuple[Mapping[str, Spread], Mapping[str, Spread]],
    gaps: Mapping[str, str],
) -> list[Delta]:
    deltas: list[Delta] = []
    for category in titles:
        before = old.scores.get(category) if old else None
        after = new.scores.get(category) if new else None
        if before is None and after is None:
            continue
        spec = MetricSpec(titles[category], "score", "higher")
        noise, one_sample = _score_noise(category, old, new)
        pair = (spreads[0].get(category), spreads[1].get(category))
        measured = old is not None and new is not None
        found = delta(
            category,
            spec,
            before,
            after,
            noise,
            pair,
            one_sample=one_sample,
            measured_in_both=measured,
        )
        deltas.append(_not_compared(found, gaps))
    return deltas


def _metrics(site: SiteRun | None) -> dict[str, float]:
    raw = mapping(site.result.get("metrics")) if site and site.result else {}
    return {key: value for key in KEY_METRICS if (value := number(raw.get(key))) is not None}


def lab_spreads(site: SiteRun | None) -> dict[str, Spread]:
    """The spread of each lab metric over the renders of this run (``lab_spread``), keyed
    as ``metrics`` and the category scores are; the performance score's spread applies to
    the performance category."""
    if site is None or not completed(site):
        return {}
    return spread_of(mapping(site.result).get("lab_spread"))


#: Metrics that add up the page's resources: not comparable between two runs that could
#: not fetch the same number of them (``unanswered_requests``: a time limit, a refused
#: connection, on a busy host as much as on the site's side).
RESOURCE_METRICS = ("total_bytes", "failed_requests")


def _unanswered(site: SiteRun | None) -> float | None:
    return (
        number(mapping(site.result.get("metrics")).get("unanswered_requests"))
        if (site and site.result)
        else None
    )


def simulated_profiles(result: object) -> set[str]:
    """The browser profiles whose paint metrics this result simulated over slow 4G (its
    ``browser.profiles[].conditions.network_throttling.method``), not observed."""
    return {
        name
        for name, conditions in profile_conditions(result).items()
        if conditions.method.network == "simulated"
    }


def _simulated_in_both(old: SiteRun | None, new: SiteRun | None) -> set[str]:
    if old is None or new is None:
        return set()
    return simulated_profiles(old.result) & simulated_profiles(new.result)


def _metric_deltas(
    old: SiteRun | None,
    new: SiteRun | None,
    spreads: tuple[Mapping[str, Spread], Mapping[str, Spread]],
    gaps: Mapping[str, str],
) -> list[Delta]:
    before, after = _metrics(old), _metrics(new)
    simulated = _simulated_in_both(old, new)
    measured = old is not None and new is not None and completed(old) and completed(new)
    if measured and _unanswered(old) != _unanswered(new):
        for metric_id in RESOURCE_METRICS:
            after.pop(metric_id, None)  # a measurement gap: shown as unmeasured
    deltas: list[Delta] = []
    for metric_id in KEY_METRICS:
        spec = EXTRA_METRICS.get(metric_id) or spec_of(metric_id)
        if spec is None or (metric_id not in before and metric_id not in after):
            continue
        pair = (spreads[0].get(metric_id), spreads[1].get(metric_id))
        found = delta(
            metric_id,
            spec,
            before.get(metric_id),
            after.get(metric_id),
            noise_of(metric_id, spec.unit),
            pair,
            one_sample=between_runs_noise(
                metric_id, spec.unit, simulated=split_profile(metric_id)[1] in simulated
            ),
            measured_in_both=measured,
        )
        deltas.append(_not_compared(found, gaps))
    return deltas


def _rank_verdict(before: int | None, after: int | None, really: bool) -> RankVerdict:
    if before is None:
        return "new"
    if after is None:
        return "gone"
    if after == before or not really:
        return "unchanged"  # sites reshuffled within the noise: nobody really passed anybody
    return "up" if after < before else "down"


def _passed(
    standings: tuple[RunStandings, RunStandings],
    category: str,
    a: str,
    b: str,
    gaps: Mapping[str, Mapping[str, str]],
) -> bool:
    """Whether ``a`` is ahead of ``b`` beyond the noise now and was not before (neither
    site's score unmeasured between the runs: ``gaps`` by URL)."""
    old, new = standings
    if any(category not in run.sites[url].scores for run in standings for url in (a, b)):
        return False
    if any(category in gaps.get(url, {}) for url in (a, b)):
        return False
    if not _ahead(new, category, a, b) or _ahead(old, category, a, b):
        return False
    # One of the two must have moved beyond the noise itself: two scores that each drift
    # within it can open a gap between them without anybody having passed anybody.
    return any(_moved(standings, category, url) for url in (a, b))


def _moved(standings: tuple[RunStandings, RunStandings], category: str, url: str) -> bool:
    was, now = (run.sites[url] for run in standings)
    noise, one_sample = _score_noise(category, was, now)
    return beyond_noise(
        was.scores[category],
        now.scores[category],
        noise,
        was.spreads.get(category),
        now.spreads.get(category),
        one_sample=one_sample,
    )


def _rank_changes(
    url: str,
    standings: tuple[RunStandings, RunStandings],
    titles: Mapping[str, str],
    gaps: Mapping[str, Mapping[str, str]],
) -> list[RankChange]:
    """Rank moves; a move is up or down only when the site passed another one, or was
    passed, by more than the noise (a tie broken counts, a reshuffle within it does not)."""
    old, new = (run.sites.get(url) for run in standings)
    others = [other for other in standings[1].sites if other != url and other in standings[0].sites]
    both = old is not None and new is not None
    changes: list[RankChange] = []
    for category in titles:
        before = old.ranks.get(category) if old else None
        after = new.ranks.get(category) if new else None
        if before is None and after is None:
            continue
        really = both and any(
            _passed(standings, category, url, other, gaps)
            or _passed(standings, category, other, url, gaps)
            for other in others
        )
        changes.append(
            RankChange(
                category=category,
                label=titles[category],
                before=before,
                after=after,
                verdict=_rank_verdict(before, after, really),
            )
        )
    return changes


def _technologies(site: SiteRun) -> dict[str, Detected] | None:
    return technologies_of(Analysed(site.url, site.is_primary, site.result or {}))


def technology_changes(old: SiteRun, new: SiteRun) -> list[TechnologyChange]:
    """Added, removed and upgraded technologies; none when either run lacks detection data.

    A version found in one run and not in the other is a detection difference, not an upgrade.
    """
    before, after = _technologies(old), _technologies(new)
    if before is None or after is None:
        return []
    changes: list[TechnologyChange] = []
    for name in sorted(before.keys() | after.keys(), key=lambda n: (n.casefold(), n)):
        was, now = before.get(name), after.get(name)
        if was is not None and now is not None:
            if was.version is None or now.version is None or was.version == now.version:
                continue
            change = "version"
        else:
            change = "added" if now is not None else "removed"
        changes.append(
            TechnologyChange(
                name=name,
                change=change,
                categories=list((after.get(name) or before[name]).categories),
                before_version=was.version if was else None,
                after_version=now.version if now else None,
            )
        )
    return changes


def _status(old: SiteRun | None, new: SiteRun | None, change_count: int) -> SiteStatus:
    if old is None:
        return "new"
    if new is None:
        return "gone"
    if not completed(old) or not completed(new):
        return "failed"
    return "changed" if change_count else "unchanged"


def _error(old: SiteRun | None, new: SiteRun | None) -> str | None:
    problems = []
    if old is not None and not completed(old):
        problems.append(f"failed in the earlier run: {old.error or old.status}")
    if new is not None and not completed(new):
        problems.append(f"failed in this run: {new.error or new.status}")
    return "; ".join(problems) or None


def _delta_sentence(item: Delta) -> str:
    if item.unit == "score":
        moved = "rose" if item.verdict == "better" else "fell"
        return (
            f"{item.label} score {moved} from {format_score(item.before)} "
            f"to {format_score(item.after)}"
        )
    values = f"{_value(item.before, item.unit)} → {_value(item.after, item.unit)}"
    return f"{item.label}: {values} ({item.verdict})"


def _value(value: float | None, unit: Unit) -> str:
    return "none" if value is None else format_value(value, unit)


def _technology_sentence(change: TechnologyChange) -> str:
    if change.change == "added":
        version = f" {change.after_version}" if change.after_version else ""
        return f"Now uses {change.name}{version}"
    if change.change == "removed":
        return f"No longer uses {change.name}"
    return f"{change.name} version {change.before_version} → {change.after_version}"


def _site_sentences(site: SiteChanges) -> list[str]:
    name = site.name or site_name(site.url)
    if site.status == "new":
        return [f"{name} is new in this run"]
    if site.status == "gone":
        return [f"{name} is no longer in the set"]
    if site.status == "failed":
        return [f"{name} could not be compared: {site.error}"]
    sentences = [
        _delta_sentence(item)
        for item in (*site.scores, *site.metrics)
        if item.verdict in ("better", "worse")
    ]
    sentences.extend(
        f"Rank in {rank.label}: {ordinal(rank.before)} → {ordinal(rank.after)}"
        for rank in site.ranks
        if rank.verdict in ("up", "down") and rank.before and rank.after
    )
    sentences.extend(_technology_sentence(change) for change in site.technology)
    sentences.extend(change.summary for change in site.content)
    if site.pricing is not None:
        sentences.extend(change.summary for change in site.pricing.changes)
    if site.visual is not None and _visual_change(site.visual):
        sentences.append(f"{site.visual.changed_percent:g}% of the screenshot changed visually")
    return sentences or ["No changes since the previous run"]


def _visual_change(visual: VisualChange | None) -> bool:
    return visual is not None and visual.changed_percent >= VISUAL_CHANGE_PERCENT


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def _explained(
    main_text: TextChange, content: Sequence[TextChange], pricing: PricingChange | None
) -> bool:
    """Whether every line the main text gained or lost is one of the other changes (a new
    headline, a new price): counted there, the same edit is not counted twice."""
    known = {
        _flat(value)
        for change in content
        if change.field != "main_text"
        for value in (change.before, change.after, *change.added, *change.removed)
        if value
    }
    prices = [
        _flat(plan.price_text)
        for change in (pricing.changes if pricing else [])
        for plan in (change.before, change.after)
        if plan is not None and plan.price_text.strip()
    ]
    lines = [_flat(line) for line in (*main_text.added, *main_text.removed) if line.strip()]
    return bool(lines) and all(
        line in known or any(price in line for price in prices) for line in lines
    )


def _change_count(
    deltas: Sequence[Delta],
    technology: Sequence[TechnologyChange],
    content: Sequence[TextChange],
    pricing: PricingChange | None,
    visual: VisualChange | None,
) -> int:
    return (
        sum(item.verdict in ("better", "worse") for item in deltas)
        + len(technology)
        + len(content)
        + (len(pricing.changes) if pricing else 0)
        + (1 if _visual_change(visual) else 0)
    )


def _site_changes(
    url: str,
    primary_url: str | None,
    runs: tuple[SiteRun | None, SiteRun | None],
    standings: tuple[RunStandings, RunStandings],
    titles: Mapping[str, str],
    visual: VisualChange | None,
    name: str | None = None,
    gaps: Mapping[str, Mapping[str, str]] | None = None,
) -> SiteChanges:
    """One site's changes; ``titles`` maps the categories to compare, in order, to labels.

    Rank moves are shown but not counted: a site moves when another one passes it, though
    its own page did not change (the pass itself is one of the run's overtakes)."""
    old, new = runs
    was, now = standings[0].sites.get(url), standings[1].sites.get(url)
    spreads = (lab_spreads(old), lab_spreads(new))
    gaps = gaps or {}
    scores = _score_deltas(was, now, titles, spreads, gaps.get(url, {}))
    metrics = _metric_deltas(old, new, spreads, gaps.get(url, {}))
    ranks = _rank_changes(url, standings, titles, gaps)
    technology: list[TechnologyChange] = []
    content: list[TextChange] = []
    pricing: PricingChange | None = None
    if old is not None and new is not None and completed(old) and completed(new):
        technology = technology_changes(old, new)
        content = content_changes(
            mapping(mapping(old.result).get("snapshot")) or None,
            mapping(mapping(new.result).get("snapshot")) or None,
        )
        pricing = pricing_changes(old.result, new.result)
    else:
        visual = None
    counted = [c for c in content if c.field != "main_text" or not _explained(c, content, pricing)]
    count = _change_count((*scores, *metrics), technology, counted, pricing, visual)
    site = SiteChanges(
        url=url,
        name=name,
        is_primary=url == primary_url,
        status=_status(old, new, count),
        error=_error(old, new),
        scores=scores,
        metrics=metrics,
        ranks=ranks,
        technology=technology,
        content=content,
        pricing=pricing,
        visual=visual,
        change_count=count,
    )
    return site.model_copy(update={"summary": _site_sentences(site)})


def _ahead(run: RunStandings, category: str, a: str, b: str) -> bool:
    """Whether ``a`` scores ahead of ``b`` in ``category`` by more than the noise (and
    outside each other's measured spread)."""
    first, second = run.sites[a], run.sites[b]
    score_a, score_b = first.scores[category], second.scores[category]
    noise, one_sample = _score_noise(category, first, second)
    spread_a, spread_b = first.spreads.get(category), second.spreads.get(category)
    return score_a > score_b and beyond_noise(
        score_b, score_a, noise, spread_b, spread_a, one_sample=one_sample
    )


def overtakes(
    old: RunStandings,
    new: RunStandings,
    titles: Mapping[str, str],
    order: Sequence[str],
    gaps: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Overtake]:
    """Every pair (a, b) where a scored below b in a category before and above b now, each
    time by more than the category's noise (and apart from each other's measured spread):
    two sites that swap places within the noise did not overtake anybody. A site whose score
    is unmeasured between the two runs (``gaps`` by URL: its timings taken another way or
    disturbed) overtakes nobody and is overtaken by nobody in that category."""
    found: list[Overtake] = []
    for category, label in titles.items():
        before = {url: s.scores[category] for url, s in old.sites.items() if category in s.scores}
        after = {url: s.scores[category] for url, s in new.sites.items() if category in s.scores}
        both = [
            url
            for url in order
            if url in before and url in after and category not in (gaps or {}).get(url, {})
        ]
        found.extend(
            Overtake(
                category=category,
                label=label,
                site=site,
                overtaken=other,
                site_before=before[site],
                site_after=after[site],
                overtaken_before=before[other],
                overtaken_after=after[other],
            )
            for site in both
            for other in both
            if _ahead(old, category, other, site) and _ahead(new, category, site, other)
        )
    return found


def overtake_sentence(
    overtake: Overtake, primary_url: str | None, names: Mapping[str, str] | None = None
) -> str:
    scores = (
        f"{format_score(overtake.site_before)} → {format_score(overtake.site_after)} vs "
        f"{'your' if overtake.overtaken == primary_url else 'their'} "
        f"{format_score(overtake.overtaken_after)}"
    )
    if overtake.overtaken == primary_url:
        who = f"Competitor {site_name(overtake.site, names)} overtook you"
    elif overtake.site == primary_url:
        who = f"You overtook {site_name(overtake.overtaken, names)}"
    else:
        who = f"{site_name(overtake.site, names)} overtook {site_name(overtake.overtaken, names)}"
        scores = scores.replace(" vs their ", " vs ")
    return f"{who} in {overtake.label} ({scores})"


def _run_summary(
    sites: Sequence[SiteChanges], found: Sequence[Overtake], primary_url: str | None
) -> list[str]:
    """The run in a few sentences. Overtakes are listed apart (``overtakes``, shown beside
    the summary by the UI and the CLI): the summary only counts them, so that none is said
    twice."""
    sentences = []
    if found:
        involving = sum(primary_url in (o.site, o.overtaken) for o in found)
        plural = "s" if len(found) != 1 else ""
        yours = ""
        if involving and primary_url:
            yours = ", involving you" if len(found) == 1 else f", {involving} involving you"
        sentences.append(f"{len(found)} overtake{plural} in the rankings{yours}")
    for site in sites:
        overall = next((d for d in site.scores if d.id == OVERALL), None)
        if site.is_primary and overall is not None and overall.verdict in ("better", "worse"):
            moved = "rose" if overall.verdict == "better" else "fell"
            sentences.append(
                f"Your overall score {moved} from {format_score(overall.before)} "
                f"to {format_score(overall.after)}"
            )
        if site.status in ("new", "gone", "failed"):
            sentences.append(site.summary[0])
        elif site.change_count:
            who = "Your site" if site.is_primary else (site.name or site_name(site.url))
            plural = "s" if site.change_count != 1 else ""
            sentences.append(f"{who}: {site.change_count} change{plural}")
    return sentences or ["No changes since the previous run"]


def diff_runs(
    before: RunInput, after: RunInput, visuals: Mapping[str, VisualChange] | None = None
) -> RunChanges:
    """Every change from ``before`` to ``after`` (two runs of one set); ``visuals`` by URL."""
    standings = (standings_of(before), standings_of(after))
    titles = {
        category: standings[1].titles.get(category) or standings[0].title(category)
        for category in categories_of(*standings)
    }
    primary_url = primary_of(after) or primary_of(before)
    old = {site.url: site for site in before.sites}
    new = {site.url: site for site in after.sites}
    urls = list(dict.fromkeys([*new, *old]))
    names = run_names(before, after)
    gaps = {
        url: incomparable(old[url].result, new[url].result)
        for url in urls
        if url in old and url in new and completed(old[url]) and completed(new[url])
    }
    sites = [
        _site_changes(
            url,
            primary_url,
            (old.get(url), new.get(url)),
            standings,
            titles,
            (visuals or {}).get(url),
            names.get(url),
            gaps,
        )
        for url in urls
    ]
    found = overtakes(*standings, titles, urls, gaps)
    return RunChanges(
        before=before.ref,
        after=after.ref,
        primary_url=primary_url,
        sites=sites,
        overtakes=found,
        summary=_run_summary(sites, found, primary_url),
    )
