"""HTML of the fixture pages the browser tests render."""

from __future__ import annotations

from tests.support.servers import Route


def html(body: str, head: str = "", *, title: str = "Fixture") -> Route:
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{head}</head><body>{body}</body></html>"
    )
    return Route(body=page.encode())


PLAIN = html(
    "<h1>Plain page</h1><p>Enough text to paint something and to measure it.</p>"
    '<a href="/about">About us</a>',
    "<style>body { font-family: Georgia, serif; margin: 2rem; }"
    "h1 { color: #b00020; font-family: Verdana, sans-serif; }</style>",
)

# A banner a script timer pushes in above the content 600 ms after load: a large,
# unexpected shift that a short observation after load would miss.
LATE_SHIFT_DELAY_MS = 600
LATE_SHIFT = html(
    "<h1>Shifting page</h1>" + "<p>Paragraph of text that will be pushed down.</p>" * 30,
    """<script>
    addEventListener('load', () => setTimeout(() => {
      const banner = document.createElement('div');
      banner.style.height = '500px';
      banner.style.background = '#ccc';
      document.body.prepend(banner);
    }, 600));
    </script>""",
)

# Blank until a script timer paints the whole first screen, 0.7 s after navigation (within
# the observation, which lasts at least a second after the load event).
LATE_CONTENT_MS = 700
LATE_CONTENT = html(
    "<main id='main' hidden style='background:#123456;color:#fff;min-height:100vh'>"
    "<h1>Here at last</h1><p>The content arrives late.</p></main>",
    """<script>
    setTimeout(() => { document.getElementById('main').hidden = false; }, 700);
    </script>""",
)

LOW_CONTRAST = html(
    '<main><h1>Readable heading</h1><p style="color:#c8c8c8;background:#ffffff">'
    "This light grey text on white is hard to read.</p></main>"
)

GOOD_CONTRAST = html(
    '<main><h1>Readable heading</h1><p style="color:#1a1a1a;background:#ffffff">'
    "Dark text on white.</p></main>"
)

JS_GLOBAL = html(
    "<h1>Library page</h1>",
    """<script>
    window.jQuery = function () {};
    window.jQuery.fn = { jquery: '3.7.1' };
    </script>""",
)

BUSY_LOOP = html("<h1>Busy</h1><script>while (true) {}</script>")

SLOW_SCRIPT = html('<h1>Waiting</h1><script src="/slow.js"></script><p>never shown</p>')

# Leaves for another page while it is being measured.
RUNS_AWAY = html(
    "<h1>Leaving</h1>",
    "<script>addEventListener('load', () => setTimeout(() => location.replace('/elsewhere'), 50));"
    "</script>",
)

# Scripts run from blob: URLs (Chromium may never report them finished) and a server-sent
# event stream that stays open: neither keeps the page from counting as quiet.
STREAMING = html(
    "<h1>Live scores</h1><p id='score'>0 - 0</p>",
    """<script>
    const code = "document.getElementById('score').dataset.ready = 'yes';";
    const script = document.createElement('script');
    script.src = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
    document.head.append(script);
    new EventSource('/events');
    </script>""",
)

# A script requested after load that gets no answer while the page is observed: the page
# is still busy (a script is a critical request, however few are in flight).
WAITING_ON_A_REQUEST = html(
    "<h1>Loading your dashboard</h1>",
    """<script>addEventListener('load', () => {
      const script = document.createElement('script');
      script.src = '/slow.js';
      document.head.append(script);
    });</script>""",
)

# Two calls to an API that never answer while the page is observed (a long poll): as in
# Lighthouse, two non-critical requests in flight do not keep the network from being quiet.
POLLING = html(
    "<h1>Live dashboard</h1>",
    "<script>addEventListener('load', () => { fetch('/poll'); fetch('/poll?2'); });</script>",
)

#: How long ``CLOCK_SPIN`` keeps the main thread busy, in ms.
CLOCK_SPIN_MS = 300
# A page whose script spins on the clock (it waits until a time has passed, as some pages'
# scripts do): a task that lasts as long on any CPU, throttled or not. The script is
# inserted once the page has loaded and painted, so all of it blocks input after the first
# paint, and it weighs 200 KB (a second over slow 4G), so it runs after the first paint on
# the simulated phone too.
CLOCK_SPIN = html(
    "<h1>Spinning</h1>",
    "<script>addEventListener('load', () => {"
    "  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;"
    "  const insert = () => {"
    "    const script = document.createElement('script');"
    "    script.src = '/spin.js';"
    "    document.head.append(script);"
    "  };"
    "  const wait = () => (painted() ? insert() : setTimeout(wait, 20));"
    "  setTimeout(wait, 0);"
    "});</script>",
)
CLOCK_SPIN_SCRIPT = Route(
    body=(
        "/*" + "x" * 200_000 + "*/\n"
        f"const end = performance.now() + {CLOCK_SPIN_MS};\n"
        "while (performance.now() < end) {}\n"
    ).encode(),
    headers={"Content-Type": "text/javascript"},
)
