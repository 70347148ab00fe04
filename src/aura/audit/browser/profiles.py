"""The device profiles pages are rendered with, stated in every result.

The figures follow Lighthouse's defaults (a mid-range phone and a desktop window). The
phone's CPU slowdown is simulated with its network when the mobile metrics are (the load
runs unthrottled, as Lighthouse's, ``simulation.py``), else applied with Chromium's own
throttling. The network is the worker's own connection unless the mobile profile is given
Lighthouse's slow 4G (``SLOW_4G``, applied with DevTools throttling,
``AURA_BROWSER_MOBILE_NETWORK=slow-4g``); each run states which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/{major}.0.0.0 Mobile Safari/537.36"
)
DESKTOP_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{major}.0.0.0 Safari/537.36"
)

#: The lab timings of Lighthouse's score (the names of their scoring curves).
TIMINGS = ("fcp", "lcp", "si", "tbt")
#: Observed in every mode (never simulated), and moved by a busy host too: whether an image
#: or a font comes before or after the first layout decides whether it shifts the page. One
#: unchanged page's mobile CLS was 0, 0.17, 1.17 and 1.64 in four loads on a busy host.
OBSERVED_ALWAYS = ("cls",)


@dataclass(frozen=True)
class DeviceProfile:
    name: str
    width: int
    height: int
    device_scale_factor: float
    mobile: bool
    #: Chromium's CPU slowdown factor (1 means none).
    cpu_slowdown: float
    user_agent_template: str
    #: Thresholds of the log-normal scoring curves: (p10, median) per metric, in ms (CLS: unitless).
    curves: tuple[tuple[str, float, float], ...]

    def curve(self, metric: str) -> tuple[float, float]:
        for name, p10, median in self.curves:
            if name == metric:
                return p10, median
        raise KeyError(metric)

    def user_agent(self, browser_version: str, suffix: str) -> str:
        major = browser_version.split(".", 1)[0] or "0"
        agent = self.user_agent_template.format(major=major)
        return f"{agent} {suffix}".strip()

    def stated(
        self, network: NetworkThrottling | None = None, *, cpu_simulated: bool = False
    ) -> dict[str, Any]:
        """What the result says about the conditions of the measurement. ``cpu_slowdown`` is
        the CPU the metrics are for; ``cpu_throttling`` says how: Chromium's throttle during
        the load (``devtools``), or, ``cpu_simulated``, an unthrottled load whose tasks the
        simulation multiplies (``simulated``, Lighthouse's default mobile run)."""
        throttled = self.cpu_slowdown > 1 and not cpu_simulated
        return {
            "viewport": {"width": self.width, "height": self.height},
            "device_scale_factor": self.device_scale_factor,
            "mobile": self.mobile,
            "cpu_slowdown": self.cpu_slowdown,
            "cpu_throttling": {
                "method": "simulated" if cpu_simulated else "devtools" if throttled else "none",
                # The slowdown the observed load ran under.
                "load_slowdown": self.load_slowdown(cpu_simulated=cpu_simulated),
            },
            "network_throttling": None if network is None else network.stated(),
        }

    def load_slowdown(self, *, cpu_simulated: bool) -> float:
        """The CPU throttle Chromium applies while the page loads: none when the phone's
        CPU is simulated from the load (Lighthouse loads unthrottled, then multiplies)."""
        return 1.0 if cpu_simulated else max(self.cpu_slowdown, 1.0)


@dataclass(frozen=True)
class NetworkThrottling:
    """A slow link applied by Chromium itself (DevTools throttling, per request)."""

    name: str
    #: Added to every request's round trip, in ms.
    latency_ms: float
    download_kbps: float
    upload_kbps: float

    def command(self) -> dict[str, Any]:
        """``Network.emulateNetworkConditions``'s parameters (throughputs in bytes/s)."""
        return {
            "offline": False,
            "latency": self.latency_ms,
            "downloadThroughput": self.download_kbps * 1024 / 8,
            "uploadThroughput": self.upload_kbps * 1024 / 8,
        }

    def stated(self) -> dict[str, Any]:
        return {
            "method": "devtools",
            "name": self.name,
            "latency_ms": self.latency_ms,
            "download_kbps": self.download_kbps,
            "upload_kbps": self.upload_kbps,
        }


#: Lighthouse's slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up) as Lighthouse applies it
#: with DevTools throttling: the request latency times 3.75 and the throughputs times 0.9,
#: its factors for a per-request throttle to approach the packet-level one.
SLOW_4G = NetworkThrottling(
    name="slow 4G (Lighthouse's mobile, applied)",
    latency_ms=150 * 3.75,
    download_kbps=1.6 * 1024 * 0.9,
    upload_kbps=750 * 0.9,
)


# Lighthouse 12's scoring curves (p10 scores 0.9, the median 0.5), mobile and desktop as in
# its metric audits; LCP and CLS control points are the Core Web Vitals "good" (p10) and
# "poor" (median) thresholds on mobile.
MOBILE = DeviceProfile(
    name="mobile",
    width=412,
    height=823,
    device_scale_factor=1.75,
    mobile=True,
    cpu_slowdown=4.0,
    user_agent_template=MOBILE_UA,
    curves=(
        ("fcp", 1800, 3000),
        ("si", 3387, 5800),
        ("lcp", 2500, 4000),
        ("tbt", 200, 600),
        ("cls", 0.1, 0.25),
    ),
)

DESKTOP = DeviceProfile(
    name="desktop",
    width=1350,
    height=940,
    device_scale_factor=1.0,
    mobile=False,
    cpu_slowdown=1.0,
    user_agent_template=DESKTOP_UA,
    curves=(
        ("fcp", 934, 1600),
        ("si", 1311, 2300),
        ("lcp", 1200, 2400),
        ("tbt", 150, 350),
        ("cls", 0.1, 0.25),
    ),
)

PROFILES: tuple[DeviceProfile, ...] = (MOBILE, DESKTOP)
#: Names of the screenshot files an analysis may have (the API serves only these): each
#: profile's first screen, and the desktop's whole page.
SCREENSHOT_NAMES = frozenset({*(f"{profile.name}.png" for profile in PROFILES), "full-page.png"})


def moved_by_a_busy_host(conditions: Mapping[str, Any]) -> tuple[str, ...]:
    """The lab values (curve names) a busy host moves in a load measured under
    ``conditions`` (``DeviceProfile.stated``, the network's as the simulation states it):
    all the observed ones. Simulated from the trace's tasks (their CPU time, whatever the
    host's load), the paint timings depend little on it (the simulated link's times, the
    tasks' share in them small); the layout shift is observed in every mode, and the
    blocking time simulated from an unthrottled load is its tasks' observed lengths times
    the phone's slowdown, the wait for a CPU in them multiplied too (one page's, 199 to
    569 ms in five loads on a host at load 3). From a load under Chromium's CPU throttle
    (results made before the simulation took the CPU over) it was divided by it instead."""
    network = _section(conditions, "network_throttling")
    if network.get("method") != "simulated" or network.get("main_thread") != "trace":
        return TIMINGS + OBSERVED_ALWAYS
    if _section(conditions, "cpu_throttling").get("method") == "simulated":
        return ("tbt", *OBSERVED_ALWAYS)
    return OBSERVED_ALWAYS


def _section(conditions: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """One part of the conditions; empty when absent or not a mapping (a stored result)."""
    value = conditions.get(name)
    return value if isinstance(value, Mapping) else {}
