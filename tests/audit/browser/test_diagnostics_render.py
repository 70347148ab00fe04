"""The load diagnostics in the real Chromium, on a fixture page served on loopback."""

from __future__ import annotations

import io

from PIL import Image

from aura.audit.browser import BrowserPool
from aura.audit.runner import analyze_url
from tests.audit.browser import pages
from tests.audit.browser.test_render import audit_of, options
from tests.support.servers import Route, ScriptedSite, serve_scripted

#: The hero image's server waits this long before answering: its load time at least.
IMAGE_DELAY_S = 0.5
#: A script of which one function runs, and 800 that never do (about 44 KB).
SCRIPT = "function used() { return 1; }\nused();\n" + "".join(
    f"function unused{i}() {{ return {i} * 2 + Math.random(); }}\n" for i in range(800)
)
#: A stylesheet of which one rule matches (about 36 KB).
STYLES = "h1 { color: #b00020; }\n" + "".join(
    f".never-{i} {{ color: #{i:06x}; margin: {i}px; }}\n" for i in range(800)
)
#: A small script that runs all of its code: after the load (the LCP is painted by then),
#: a timer keeps the main thread busy for 150 ms.
SMALL_SCRIPT = (
    "addEventListener('load', () => setTimeout(() => {\n"
    "  const until = performance.now() + 150; while (performance.now() < until) {}\n"
    "  document.title = document.title + ' ready';\n"
    "}, 100));\n"
)


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


ROUTES = {
    "/": pages.html(
        "<h1>Diagnostics</h1><main><img id='hero' class='wide' src='/hero.png' "
        "width='600' height='400' alt='Hero'></main>",
        "<link rel='stylesheet' href='/site.css'><script src='/app.js'></script>"
        "<script src='/small.js'></script>",
    ),
    "/hero.png": Route(
        body=_png(600, 400), headers={"Content-Type": "image/png"}, delay=IMAGE_DELAY_S
    ),
    "/app.js": Route(body=SCRIPT.encode(), headers={"Content-Type": "text/javascript"}),
    "/small.js": Route(body=SMALL_SCRIPT.encode(), headers={"Content-Type": "text/javascript"}),
    "/site.css": Route(body=STYLES.encode(), headers={"Content-Type": "text/css"}),
}


async def test_the_lcp_image_its_phases_and_the_unused_code_are_measured(
    pool: BrowserPool,
) -> None:
    with serve_scripted(ScriptedSite(routes=ROUTES, default=None)) as site:
        result = await analyze_url(site.url("/"), options(pool))

    element = audit_of(result, "performance", "largest-contentful-paint-element")
    for profile, shown in element["details"]["profiles"].items():
        assert shown["kind"] == "image", profile
        assert shown["url"] == site.url("/hero.png")
        assert shown["selector"] == "img#hero"  # an id is enough to find it
        assert shown["snippet"].startswith('<img id="hero" class="wide"')
        phases = shown["phases"]
        # The image's server waited half a second: that is its download, not a render delay.
        assert phases["load_time_ms"] >= IMAGE_DELAY_S * 1000, phases
        assert phases["render_delay_ms"] < phases["load_time_ms"]
        assert abs(sum(phases.values()) - shown["lcp_ms"]) < 1, (phases, shown["lcp_ms"])

    scripts = audit_of(result, "performance", "unused-javascript")
    (listed,) = scripts["details"]["items"]
    assert listed["url"] == site.url("/app.js")
    assert listed["wasted_percent"] > 90
    assert scripts["details"]["checked"] == 2  # small.js ran whole: checked, not listed
    assert scripts["score"] < 1
    assert scripts["details"]["estimated_savings"]["bytes"] >= 20 * 1024

    styles = audit_of(result, "performance", "unused-css-rules")
    (sheet,) = styles["details"]["items"]
    assert sheet["url"] == site.url("/site.css")
    assert sheet["unused_bytes"] == sheet["total_bytes"] - len("h1 { color: #b00020; }")

    work = audit_of(result, "performance", "main-thread-work")
    groups = {group["group"]: group["ms"] for group in work["details"]["groups"]}
    assert groups["script_evaluation"] >= 150, groups
    tasks = audit_of(result, "performance", "long-tasks")
    busy = [task for task in tasks["details"]["items"] if task["url"] == site.url("/small.js")]
    assert busy, tasks["details"]
    assert busy[0]["duration_ms"] >= 150
    assert busy[0]["start_ms"] > 0
