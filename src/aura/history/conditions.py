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
values is. Which values a busy host moves under each way of taking them is the audit
engine's rule (``aura.audit.browser.profiles.moved_by_a_busy_host``, which also marks them
in the lab audits): all the observed ones, and simulated from the trace, the layout shift,
and the blocking time when the phone's CPU was simulated from an unthrottled load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aura.audit.browser.profiles import TIMINGS, moved_by_a_busy_host
from aura.comparison.inputs import mapping

#: Scores made of the lab timings (``overall`` holds the performance score).
TIMED_SCORES = ("performance", "overall")


@dataclass(frozen=True)
class Method:
    """How one profile's timings were taken: two runs compare only when theirs are equal."""

    #: "simulated" (over slow 4G), "devtools" (throttled by DevTools) or "observed".
    network: str
    #: Simulated: where the simulation's main-thread tasks came from ("trace", "long tasks").
    main_thread: str | None = None
    #: Simulated: the phone's CPU simulated too, from an unthrottled load.
    cpu_simulated: bool = False

    def __str__(self) -> str:
        """The method as the change messages name it."""
        if self.network == "simulated":
            source = f"simulated from the {self.main_thread}"
            return f"{source} of an unthrottled load" if self.cpu_simulated else source
        return "throttled by DevTools" if self.network == "devtools" else "observed"


@dataclass(frozen=True)
class ProfileConditions:
    """How one profile's timings were taken in one run."""

    method: Method
    #: Why the host disturbed the load's observed timings, or None.
    disturbed: str | None
    #: The values a busy host moves under these conditions (``moved_by_a_busy_host``).
    moved_by_a_busy_host: tuple[str, ...]


def _method(conditions: Mapping[str, object]) -> Method:
    throttling = mapping(conditions.get("network_throttling"))
    method = throttling.get("method")
    if method == "simulated":
        return Method(
            "simulated",
            str(throttling.get("main_thread") or "long tasks"),
            mapping(conditions.get("cpu_throttling")).get("method") == "simulated",
        )
    return Method("devtools" if method == "devtools" else "observed")


def profile_conditions(result: object) -> dict[str, ProfileConditions]:
    """Profile name → how its timings were taken, from a browser result."""
    profiles = mapping(mapping(result).get("browser")).get("profiles")
    found: dict[str, ProfileConditions] = {}
    for entry in profiles if isinstance(profiles, list) else ():
        profile = mapping(entry)
        name = profile.get("profile")
        if not isinstance(name, str):
            continue
        conditions = mapping(profile.get("conditions"))
        disturbed = mapping(profile.get("host")).get("disturbed")
        found[name] = ProfileConditions(
            _method(conditions),
            disturbed if isinstance(disturbed, str) and disturbed else None,
            moved_by_a_busy_host(conditions),
        )
    return found


def _why(profile: str, before: ProfileConditions, after: ProfileConditions) -> dict[str, str]:
    """The profile's lab values not comparable, and why: its timings when taken another way,
    the values a busy host moves when it was busy in either run."""
    if before.method != after.method:
        why = f"{profile} timings taken another way ({before.method}, then {after.method})"
        return dict.fromkeys(TIMINGS, why)
    for run, conditions in (("the earlier run", before), ("this run", after)):
        if conditions.disturbed:
            why = f"{profile} {conditions.disturbed} in {run}"
            return dict.fromkeys(conditions.moved_by_a_busy_host, why)
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
