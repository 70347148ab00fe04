"""Whether one run's lab timings can be compared with another run's at all.

Two values of a timing compare only when both runs measured it the same way, undisturbed.
A browser result states, per device profile (``browser.profiles[]``):

- how its timings were taken (``conditions.network_throttling``): observed as they
  happened, throttled by DevTools, or simulated over slow 4G, the simulation's main thread
  read from the load's trace (each task's CPU time, whatever the host's load) or, when the
  trace did not come in time, from the page's long tasks (their wall time on a busy host);
  and whether that load ran unthrottled with the phone's CPU simulated too
  (``conditions.cpu_throttling.method``: ``simulated``) or under Chromium's CPU throttle
  (results made before the simulation took the CPU over: a script waiting on the clock
  counted a quarter of its blocking time there);
- whether the host held the load back while it was timed (``host.disturbed``,
  ``aura.audit.browser.contention``): the page's renderers waited for a CPU as long as they
  ran, or the worker relayed the page's bytes late.

A timing taken another way in the other run, or a lab value observed while the host was
busy in either run, is ``unmeasured`` between the two runs, never a change: an unchanged
page's mobile Total Blocking Time went from 3.1 s (long tasks on a loaded host) to 145 ms
(the trace's) and its performance score from 48 to 81. The performance score is made of
those values: it, and the overall score holding it, are unmeasured whenever one of its
values is. Simulated from the trace, a paint timing depends little on the host's load (the
simulated link's times, and the trace's tasks), so a busy host does not make it unmeasured;
the layout shift is observed in every mode, and does; so does the blocking time simulated
from an unthrottled load: its tasks' observed lengths times the phone's slowdown, the wait
for a CPU in them multiplied too (one page's, 199 to 569 ms in five loads on a host at
load 3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aura.comparison.inputs import mapping

#: The lab timings of Lighthouse's score.
TIMINGS = ("fcp", "lcp", "si", "tbt")
#: Observed in every mode (never simulated), and moved by a busy host too: whether an image
#: or a font comes before or after the first layout decides whether it shifts the page. One
#: unchanged page's mobile CLS was 0, 0.17, 1.17 and 1.64 in four loads on a busy host.
OBSERVED_ALWAYS = ("cls",)
#: How a method reads when the phone's CPU was simulated from an unthrottled load.
UNTHROTTLED = " of an unthrottled load"
#: Scores made of those timings (``overall`` holds the performance score).
TIMED_SCORES = ("performance", "overall")


@dataclass(frozen=True)
class ProfileConditions:
    """How one profile's timings were taken in one run."""

    method: str
    #: Why the host disturbed the load's observed timings, or None.
    disturbed: str | None

    @property
    def from_cpu_time(self) -> bool:
        """Simulated from the trace's CPU times: the host's load does not move them."""
        return self.method.startswith("simulated from the trace")

    def moved_by_a_busy_host(self) -> tuple[str, ...]:
        """The values a busy host moves in this profile: all the observed ones; simulated
        from the trace, the layout shift (observed in every mode), and from an unthrottled
        load the blocking time too (its tasks' observed lengths times the phone's slowdown:
        the wait for a CPU is multiplied with them)."""
        if not self.from_cpu_time:
            return TIMINGS + OBSERVED_ALWAYS
        if self.method.endswith(UNTHROTTLED):
            return ("tbt", *OBSERVED_ALWAYS)
        return OBSERVED_ALWAYS


def _method(conditions: Mapping[str, object]) -> str:
    throttling = mapping(conditions.get("network_throttling"))
    method = throttling.get("method")
    if method == "simulated":
        source = f"simulated from the {throttling.get('main_thread') or 'long tasks'}"
        if mapping(conditions.get("cpu_throttling")).get("method") == "simulated":
            return f"{source}{UNTHROTTLED}"
        return source
    if method == "devtools":
        return "throttled by DevTools"
    return "observed"


def profile_conditions(result: object) -> dict[str, ProfileConditions]:
    """Profile name → how its timings were taken, from a browser result."""
    profiles = mapping(mapping(result).get("browser")).get("profiles")
    found: dict[str, ProfileConditions] = {}
    for entry in profiles if isinstance(profiles, list) else ():
        profile = mapping(entry)
        name = profile.get("profile")
        if not isinstance(name, str):
            continue
        disturbed = mapping(profile.get("host")).get("disturbed")
        found[name] = ProfileConditions(
            _method(mapping(profile.get("conditions"))),
            disturbed if isinstance(disturbed, str) and disturbed else None,
        )
    return found


def _why(profile: str, before: ProfileConditions, after: ProfileConditions) -> dict[str, str]:
    """The profile's lab values (``TIMINGS``, ``OBSERVED_ALWAYS``) not comparable, and why."""
    if before.method != after.method:
        why = f"{profile} timings taken another way ({before.method}, then {after.method})"
        return dict.fromkeys(TIMINGS, why)
    for run, conditions in (("the earlier run", before), ("this run", after)):
        if conditions.disturbed:
            why = f"{profile} {conditions.disturbed} in {run}"
            return dict.fromkeys(conditions.moved_by_a_busy_host(), why)
    return {}


def incomparable(before: object, after: object) -> dict[str, str]:
    """What cannot be compared between two results of one page, and why: metric ids
    (``fcp_desktop``, ``cls_mobile``...) and ``TIMED_SCORES``; empty when all can be."""
    old, new = profile_conditions(before), profile_conditions(after)
    found: dict[str, str] = {}
    for profile in sorted(old.keys() & new.keys()):
        values = _why(profile, old[profile], new[profile])
        found.update({f"{value}_{profile}": why for value, why in values.items()})
        if values:
            # One reason serves all of a profile's values.
            why = next(iter(values.values()))
            found.setdefault("performance", f"its lab values cannot be compared: {why}")
            found.setdefault("overall", f"it holds the performance score, not comparable: {why}")
    return found
