"""What to do about a failed audit, and how much it matters: the advice table, as data.

Each scored audit has an imperative ``action`` (one grammatical form for every title), the
``severity`` of failing it with the ``reason`` (a security risk, a WCAG level, search
visibility, page weight), short ``fix`` steps, server snippets where the fix is server
configuration, and where its details keep the failing items. Recommendations are ranked from
this table (see ``recommendations.py``), never from how many audits share a category.

Severity levels, from the user's side of the page:

- ``critical``: visitors are exposed or the page may not be found at all (plain HTTP, an
  error status, a page search engines cannot index, known-vulnerable libraries);
- ``high``: a WCAG level A/AA failure that locks people out, a security header whose absence
  is exploitable, a measured loss of seconds or hundreds of kilobytes, search presentation;
- ``medium``: a real but bounded cost (hardening headers, best-practice accessibility,
  moderate weight, content that persuades less);
- ``low``: polish (brand marks, minor headers, disclosure of versions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["critical", "high", "medium", "low"]

#: Expected-gain points of a full failure at each severity (see ``recommendations.py``).
SEVERITY_POINTS: dict[Severity, float] = {"critical": 10.0, "high": 6.0, "medium": 3.0, "low": 1.0}

#: The failing items shown per recommendation.
TOP_ITEMS = 5

#: Measured savings worth a full failure's points (they scale linearly, capped at twice).
BYTES_FOR_FULL_POINTS = 500 * 1024
MS_FOR_FULL_POINTS = 1000.0


@dataclass(frozen=True)
class Snippet:
    server: str
    code: str


@dataclass(frozen=True)
class Advice:
    action: str
    severity: Severity
    reason: str
    fix: tuple[str, ...]
    #: Keys of the audit's details that hold its failing items, in order.
    items_from: tuple[str, ...] = ("items",)
    snippets: tuple[Snippet, ...] = field(default=())


def _header(name: str, value: str) -> tuple[Snippet, ...]:
    return (
        Snippet("nginx", f'add_header {name} "{value}" always;'),
        Snippet("Apache", f'Header always set {name} "{value}"'),
        Snippet("Caddy", f'header {name} "{value}"'),
    )


_COMPRESSION = (
    Snippet(
        "nginx",
        "gzip on;\ngzip_types text/css application/javascript application/json image/svg+xml;",
    ),
    Snippet(
        "Apache",
        "AddOutputFilterByType DEFLATE text/html text/css application/javascript "
        "application/json image/svg+xml",
    ),
    Snippet("Caddy", "encode zstd gzip"),
)
_CACHING = (
    Snippet(
        "nginx",
        "location ~* \\.(css|js|jpg|jpeg|png|webp|avif|svg|woff2)$ {\n"
        '    add_header Cache-Control "public, max-age=31536000, immutable";\n}',
    ),
    Snippet(
        "Apache",
        '<FilesMatch "\\.(css|js|jpg|jpeg|png|webp|avif|svg|woff2)$">\n'
        '    Header set Cache-Control "public, max-age=31536000, immutable"\n</FilesMatch>',
    ),
    Snippet(
        "Caddy",
        "@static path *.css *.js *.jpg *.jpeg *.png *.webp *.avif *.svg *.woff2\n"
        'header @static Cache-Control "public, max-age=31536000, immutable"',
    ),
)
_TO_HTTPS = (
    Snippet(
        "nginx",
        "server {\n    listen 80;\n    server_name example.com;\n"
        "    return 301 https://$host$request_uri;\n}",
    ),
    Snippet(
        "Apache",
        "RewriteEngine On\nRewriteCond %{HTTPS} off\n"
        "RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]",
    ),
    Snippet(
        "Caddy", "example.com {\n    # Caddy obtains a certificate and redirects HTTP itself\n}"
    ),
)
_HTTP2 = (
    Snippet("nginx", "listen 443 ssl;\nhttp2 on;"),
    Snippet("Apache", "Protocols h2 http/1.1"),
    Snippet("Caddy", "# HTTP/2 and HTTP/3 are on by default over HTTPS"),
)
_SERVER_TOKENS = (
    Snippet("nginx", "server_tokens off;"),
    Snippet("Apache", "ServerTokens Prod\nServerSignature Off"),
    Snippet("Caddy", "header -Server"),
)

_CONVERT_IMAGES = (
    "Convert the images listed to WebP (or AVIF), e.g. `cwebp -q 75 in.jpg -o out.webp`.",
    "Serve them with `<picture>`/`srcset`, or from an image CDN that negotiates the format.",
)

ADVICE: dict[str, Advice] = {
    # Performance
    "server-response-time": Advice(
        "Cut the server's response time",
        "high",
        "every visitor waits for it before anything shows",
        (
            "Cache the rendered page (a full-page cache or a CDN in front of the server).",
            "Profile the slow queries or templates behind the page.",
        ),
        items_from=(),
    ),
    "redirects": Advice(
        "Link straight to the final URL",
        "medium",
        "each redirect adds a round trip before the page starts",
        ("Point links, ads and the canonical URL at the final address.",),
        items_from=("chain",),
    ),
    "document-size": Advice(
        "Shrink the HTML document",
        "medium",
        "a large document delays the first paint",
        ("Move inline styles, scripts and data into cached files.", "Paginate long lists."),
        items_from=(),
    ),
    "total-byte-weight": Advice(
        "Reduce the page's total download",
        "high",
        "page weight costs load time and mobile data",
        (
            "Start with the largest files listed: compress, resize or lazy-load them.",
            "Drop libraries and fonts the page does not use.",
        ),
        items_from=("largest",),
    ),
    "resource-summary": Advice(
        "Load fewer and smaller resources",
        "low",
        "requests and bytes add up on slow networks",
        ("Combine or drop small files; remove unused styles, scripts and fonts.",),
        items_from=("by_type",),
    ),
    "text-compression": Advice(
        "Compress text responses with gzip or Brotli",
        "high",
        "uncompressed HTML, CSS and JavaScript take several times longer to download",
        ("Enable compression for text types on the server (snippets below).",),
        items_from=("uncompressed",),
        snippets=_COMPRESSION,
    ),
    "cache-lifetime": Advice(
        "Cache static files for a long time",
        "medium",
        "repeat visitors download the same files again",
        (
            "Serve versioned CSS, JavaScript, images and fonts with a long max-age.",
            "Change the file name (a hash) when the file changes.",
        ),
        items_from=("short_ttl",),
        snippets=_CACHING,
    ),
    "render-blocking-resources": Advice(
        "Stop stylesheets and scripts from blocking the first paint",
        "high",
        "nothing shows until these files arrive",
        (
            "Add `defer` (or `async`) to the scripts listed.",
            "Inline the critical CSS and load the rest without blocking "
            '(`<link rel="preload" as="style">`), or self-host web-font CSS.',
        ),
    ),
    "modern-image-formats": Advice(
        "Serve images as WebP or AVIF",
        "high",
        "JPEG and PNG are far heavier than modern formats at the same quality",
        _CONVERT_IMAGES,
    ),
    "image-encoding": Advice(
        "Compress images at a sensible quality",
        "high",
        "the images listed are saved at a needlessly high quality: measured by re-encoding",
        (
            "Save the JPEGs listed again at quality 80-85 (e.g. `cjpeg -quality 85`, "
            "`mozjpeg`, or your image CDN's automatic quality).",
            "Compress at build time so new uploads stay small (e.g. `sharp`, `imagemin`).",
        ),
    ),
    "unused-javascript": Advice(
        "Cut the JavaScript the page never runs",
        "high",
        "every unused kilobyte is still downloaded, parsed and compiled, measured by coverage",
        (
            "Split the bundles listed by route, and load code for widgets only when they open "
            "(`import()`).",
            "Remove libraries and polyfills no page uses; tree-shake at build time.",
        ),
    ),
    "unused-css-rules": Advice(
        "Cut the CSS the page never uses",
        "medium",
        "unused rules are downloaded and block the first paint, measured by coverage",
        (
            "Build the stylesheets listed with only the selectors the site uses "
            "(e.g. PurgeCSS, Tailwind's content scanning).",
            "Inline the few rules the first screen needs and load the rest later.",
        ),
    ),
    "main-thread-work": Advice(
        "Reduce the work on the main thread",
        "medium",
        "a busy main thread answers taps and clicks late",
        (
            "Look at the largest groups listed: defer scripts that are not needed at once, "
            "and break long tasks up (`scheduler.yield()` or `setTimeout`).",
            "Simplify the CSS selectors and layout the page recomputes most.",
        ),
        items_from=("groups",),
    ),
    "oversized-images": Advice(
        "Resize images to the size they are shown at",
        "high",
        "pixels nobody sees are still downloaded",
        (
            "Export each image listed at its displayed size (twice that for sharp screens).",
            "Offer several widths with `srcset` and `sizes`.",
        ),
    ),
    "unsized-images": Advice(
        "Give images explicit width and height",
        "medium",
        "the layout jumps while they load (Cumulative Layout Shift)",
        ("Add `width` and `height` attributes (or CSS `aspect-ratio`) to the images listed.",),
    ),
    "image-lazy-loading": Advice(
        "Lazy-load images below the fold",
        "medium",
        "off-screen images compete with what the visitor sees first",
        ('Add `loading="lazy"` to the images listed (not to the first visible one).',),
    ),
    "unminified-css": Advice(
        "Minify CSS",
        "low",
        "whitespace and comments are downloaded for nothing",
        ("Minify at build time (e.g. `lightningcss --minify`, cssnano).",),
    ),
    "unminified-javascript": Advice(
        "Minify JavaScript",
        "low",
        "whitespace and comments are downloaded for nothing",
        ("Minify at build time (e.g. esbuild `--minify`, terser).",),
    ),
    "font-display": Advice(
        "Show text while web fonts load",
        "low",
        "text stays invisible until the font arrives",
        ("Add `font-display: swap` to each `@font-face` (or `&display=swap` to Google Fonts).",),
    ),
    "dom-size": Advice(
        "Simplify the page's markup",
        "medium",
        "a large DOM slows styling, layout and every script",
        ("Remove wrapper elements; render long lists and hidden panels on demand.",),
        items_from=(),
    ),
    "http-version": Advice(
        "Serve the site over HTTP/2 or newer",
        "medium",
        "HTTP/1 loads a page's files a few at a time",
        ("Enable HTTP/2 on the server or the CDN (needs HTTPS).",),
        items_from=("legacy_subresources",),
        snippets=_HTTP2,
    ),
    "javascript-errors": Advice(
        "Fix the JavaScript errors",
        "medium",
        "a script that throws may break what visitors use",
        ("Open the browser console on the page and fix each error listed.",),
        items_from=("exceptions", "console_errors", "failed_resources"),
    ),
    "first-contentful-paint": Advice(
        "Show the first content sooner",
        "high",
        "visitors see a blank page until then",
        ("Cut the server response and the render-blocking files first.",),
        items_from=(),
    ),
    "speed-index": Advice(
        "Make the page fill in faster",
        "high",
        "visitors see the page build slowly",
        ("Prioritise above-the-fold content; defer the rest.",),
        items_from=(),
    ),
    "largest-contentful-paint": Advice(
        "Show the main content sooner (Largest Contentful Paint)",
        "high",
        "a Core Web Vital: search ranking and perceived speed",
        (
            "Preload and compress the largest visible image or font.",
            "Cut the server response and render-blocking files.",
        ),
        items_from=(),
    ),
    "total-blocking-time": Advice(
        "Break up long JavaScript tasks",
        "high",
        "the page ignores taps and clicks while scripts run",
        ("Defer non-essential scripts, split long tasks, drop unused third parties.",),
        items_from=(),
    ),
    "cumulative-layout-shift": Advice(
        "Stop the layout from shifting while the page loads",
        "high",
        "a Core Web Vital: content jumps under the visitor's finger",
        ("Reserve space for images, embeds and ads; avoid inserting content above others.",),
        items_from=(),
    ),
    # Search
    "document-title": Advice(
        "Add a descriptive <title>",
        "high",
        "search visibility: the title is the search result's headline",
        ("Write a unique title of 30 to 60 characters naming the page and the brand.",),
        items_from=(),
    ),
    "title-length": Advice(
        "Keep the title between 30 and 60 characters",
        "low",
        "search results cut long titles",
        ("Lead with what the page offers; end with the brand.",),
        items_from=(),
    ),
    "meta-description": Advice(
        "Add a meta description",
        "medium",
        "search visibility: search results show it under the title",
        ('Add `<meta name="description" content="…">` of 70 to 160 characters.',),
        items_from=(),
    ),
    "http-status-code": Advice(
        "Serve the page with a 200 status",
        "critical",
        "search engines drop pages that answer with an error",
        ("Fix the server or routing error; redirect moved pages with 301.",),
        items_from=(),
    ),
    "crawlability": Advice(
        "Let search engines index the page",
        "critical",
        "search visibility: a noindex page never appears in results",
        ("Remove `noindex` from the robots meta tag or the `X-Robots-Tag` header.",),
        items_from=(),
    ),
    "robots-txt": Advice(
        "Publish a valid robots.txt",
        "low",
        "crawlers read it first",
        ("Serve `/robots.txt` with the allowed paths and a `Sitemap:` line.",),
        items_from=(),
    ),
    "sitemap": Advice(
        "Publish an XML sitemap",
        "low",
        "search engines find new pages faster",
        ("Generate `/sitemap.xml` listing the site's pages; name it in robots.txt.",),
        items_from=(),
    ),
    "canonical": Advice(
        "Declare a canonical URL",
        "medium",
        "duplicate URLs split the page's search ranking",
        ('Add `<link rel="canonical" href="…">` with the page\'s preferred absolute URL.',),
        items_from=(),
    ),
    "hreflang": Advice(
        "Fix the hreflang links",
        "low",
        "search engines may show the wrong language version",
        ("Use valid language codes and absolute URLs that link back to each other.",),
    ),
    "link-text": Advice(
        "Write link text that says where a link goes",
        "medium",
        "search engines and screen-reader users rely on it",
        ("Replace “click here”, “read more” with the destination's name.",),
    ),
    "crawlable-anchors": Advice(
        "Give every link a crawlable href",
        "medium",
        "search engines cannot follow script-only links",
        ('Use `<a href="/path">`, not `href="javascript:…"` or click handlers.',),
    ),
    "link-targets": Advice(
        "Point placeholder and broken links at real pages",
        "medium",
        "dead ends lose visitors and waste crawl budget",
        ('Replace `href="#"` placeholders with real URLs; fix or remove broken links.',),
        items_from=("broken", "placeholders"),
    ),
    "heading-structure": Advice(
        "Give the page one H1 and an unbroken heading outline",
        "medium",
        "search engines and screen readers use headings to grasp the page",
        ("Use a single H1; do not skip levels (H1 → H2 → H3).",),
        items_from=("problems",),
    ),
    "structured-data": Advice(
        "Describe the page with structured data",
        "medium",
        "search visibility: rich results need schema.org markup",
        ("Add JSON-LD (`Organization`, `Product`, `Article`…) with the required properties.",),
        items_from=("errors", "missing_properties"),
    ),
    "social-tags": Advice(
        "Add Open Graph and Twitter card tags",
        "low",
        "shared links show without a title or picture",
        ("Add `og:title`, `og:description`, `og:image`, `og:url`, `og:type` meta tags.",),
        items_from=("missing", "empty"),
    ),
    "viewport": Advice(
        "Add a responsive viewport meta tag",
        "high",
        "mobile search ranking and readability on phones",
        ('Add `<meta name="viewport" content="width=device-width, initial-scale=1">`.',),
        items_from=(),
    ),
    "doctype": Advice(
        "Start the page with <!DOCTYPE html>",
        "low",
        "without it browsers render in quirks mode",
        ("Make `<!DOCTYPE html>` the first line of the document.",),
        items_from=(),
    ),
    "charset": Advice(
        "Declare the character set",
        "low",
        "text may show garbled",
        ('Add `<meta charset="utf-8">` in the first 1024 bytes.',),
        items_from=(),
    ),
    # Accessibility
    "image-alt": Advice(
        "Give every image a meaningful alt text",
        "high",
        "WCAG 2 level A (1.1.1): blind visitors hear nothing useful",
        ('Describe informative images in `alt`; use `alt=""` for decorative ones.',),
    ),
    "input-image-alt": Advice(
        "Give image buttons an alt text",
        "high",
        "WCAG 2 level A (1.1.1)",
        ("Add `alt` saying what the button does.",),
    ),
    "area-alt": Advice(
        "Give image-map areas an alt text",
        "high",
        "WCAG 2 level A (1.1.1)",
        ("Add `alt` to each `<area>`.",),
    ),
    "label": Advice(
        "Label every form field",
        "high",
        "WCAG 2 level A (1.3.1, 4.1.2): fields without a name cannot be filled in by ear",
        ("Add a `<label for>` (or `aria-label`) to each field listed.",),
    ),
    "button-name": Advice(
        "Give every button an accessible name",
        "high",
        "WCAG 2 level A (4.1.2)",
        ("Add text or `aria-label` to each button listed.",),
    ),
    "link-name": Advice(
        "Give every link an accessible name",
        "high",
        "WCAG 2 level A (2.4.4, 4.1.2): icon links are announced as just “link”",
        ("Add visible text or `aria-label` to each link listed (icon links above all).",),
    ),
    "html-has-lang": Advice(
        "Declare the page's language",
        "high",
        "WCAG 2 level A (3.1.1): screen readers pick the wrong voice",
        ('Add `lang` to the `<html>` element, e.g. `<html lang="en">`.',),
        items_from=(),
    ),
    "html-lang-valid": Advice(
        "Use a valid language code",
        "medium",
        "WCAG 2 level A (3.1.1)",
        ("Use a BCP 47 code such as `en`, `en-GB`, `fr`.",),
        items_from=(),
    ),
    "heading-order": Advice(
        "Keep heading levels in order",
        "medium",
        "accessibility best practice: screen-reader users navigate by headings",
        ("Do not skip levels; style headings with CSS instead of picking a level for size.",),
    ),
    "empty-heading": Advice(
        "Remove or fill empty headings",
        "medium",
        "accessibility best practice",
        ("Give each heading listed text, or make it a non-heading element.",),
    ),
    "duplicate-id": Advice(
        "Make element ids unique",
        "low",
        "labels and ARIA references may point at the wrong element",
        ("Rename the duplicated ids listed.",),
    ),
    "aria-roles": Advice(
        "Use valid ARIA roles",
        "high",
        "WCAG 2 level A (4.1.2)",
        ("Fix or remove the roles listed.",),
    ),
    "aria-valid-attr": Advice(
        "Use valid ARIA attributes",
        "high",
        "WCAG 2 level A (4.1.2)",
        ("Fix the misspelled or unsupported `aria-*` attributes listed.",),
    ),
    "aria-hidden-focus": Advice(
        "Keep focusable elements out of aria-hidden regions",
        "high",
        "WCAG 2 level A (4.1.2): keyboard users land on invisible controls",
        ('Remove `aria-hidden` or make the contents unfocusable (`tabindex="-1"`).',),
    ),
    "tabindex": Advice(
        "Remove positive tabindex values",
        "medium",
        "accessibility best practice: the tab order stops following the page",
        ('Use `tabindex="0"` or none; reorder the markup instead.',),
    ),
    "frame-title": Advice(
        "Give every frame a title",
        "high",
        "WCAG 2 level A (4.1.2)",
        ("Add `title` to each `<iframe>` listed.",),
    ),
    "meta-viewport": Advice(
        "Let visitors zoom the page",
        "high",
        "WCAG 2 level AA (1.4.4): zoom disabled",
        ("Remove `user-scalable=no` and `maximum-scale` below 2 from the viewport tag.",),
        items_from=(),
    ),
    "bypass": Advice(
        "Add a main landmark or a skip link",
        "medium",
        "WCAG 2 level A (2.4.1): keyboard users tab through the whole menu on every page",
        ("Wrap the main content in `<main>`, or add a “Skip to content” link first.",),
        items_from=(),
    ),
    "list": Advice(
        "Put only list items in lists",
        "medium",
        "WCAG 2 level A (1.3.1)",
        ("Make `<ul>`/`<ol>` contain only `<li>`, `<script>` or `<template>`.",),
    ),
    "table-headers": Advice(
        "Give data tables header cells",
        "medium",
        "WCAG 2 level A (1.3.1)",
        ("Mark header cells with `<th scope>`.",),
    ),
    "color-contrast": Advice(
        "Raise the text contrast to WCAG AA",
        "high",
        "WCAG 2 level AA (1.4.3): low-contrast text is unreadable for many",
        (
            "Darken the text or lighten the background of the elements listed until the "
            "ratio is at least 4.5:1 (3:1 for large text).",
        ),
    ),
    "target-size": Advice(
        "Make touch targets at least 24 by 24 px",
        "medium",
        "WCAG 2.2 level AA (2.5.8)",
        ("Enlarge the controls listed or space them apart.",),
    ),
    "axe-rules": Advice(
        "Fix the other accessibility violations axe-core reports",
        "high",
        "WCAG 2 A/AA rules checked on the rendered page",
        ("Work through the rules listed, most serious first.",),
        items_from=("violations",),
    ),
    # Security
    "is-on-https": Advice(
        "Serve the site over HTTPS",
        "critical",
        "security risk: traffic can be read and altered; browsers mark the page “Not secure”",
        (
            "Get a certificate (free from Let's Encrypt, or automatic with Caddy).",
            "Redirect every HTTP request to HTTPS (snippets below).",
        ),
        items_from=(),
        snippets=_TO_HTTPS,
    ),
    "redirection": Advice(
        "Redirect HTTP to HTTPS",
        "medium",
        "security risk: visitors who type the address stay on plain HTTP",
        ("Answer every HTTP request with a 301 to the same HTTPS URL.",),
        items_from=(),
        snippets=_TO_HTTPS,
    ),
    "content-security-policy": Advice(
        "Set a Content-Security-Policy",
        "high",
        "security risk: the main defence against cross-site scripting",
        (
            "Start with `Content-Security-Policy-Report-Only` to see what the page loads.",
            "Then enforce a policy without `unsafe-inline`/`unsafe-eval`.",
        ),
        items_from=(),
        snippets=_header(
            "Content-Security-Policy",
            "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'",
        ),
    ),
    "cookies": Advice(
        "Mark cookies Secure, HttpOnly and SameSite",
        "medium",
        "security risk: session cookies can be stolen or sent cross-site",
        ("Set `Secure; HttpOnly; SameSite=Lax` on the cookies the page sets.",),
        items_from=(),
    ),
    "cross-origin-resource-sharing": Advice(
        "Restrict cross-origin access",
        "medium",
        "security risk: any site may read the responses",
        ("Replace `Access-Control-Allow-Origin: *` with the origins that need it.",),
        items_from=(),
    ),
    "referrer-policy": Advice(
        "Set a Referrer-Policy",
        "low",
        "privacy: full URLs leak to other sites",
        ("Send `Referrer-Policy: strict-origin-when-cross-origin`.",),
        items_from=(),
        snippets=_header("Referrer-Policy", "strict-origin-when-cross-origin"),
    ),
    "strict-transport-security": Advice(
        "Enable HSTS",
        "high",
        "security risk: a first HTTP request can be intercepted",
        ("Serve HTTPS first, then send `Strict-Transport-Security` with a long max-age.",),
        items_from=(),
        snippets=_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
    ),
    "subresource-integrity": Advice(
        "Add integrity hashes to third-party scripts",
        "medium",
        "security risk: a compromised CDN could inject code",
        ('Add `integrity="sha384-…"` and `crossorigin="anonymous"` to external scripts.',),
        items_from=(),
    ),
    "x-content-type-options": Advice(
        "Send X-Content-Type-Options: nosniff",
        "low",
        "security hardening against MIME sniffing",
        ("Add the header to every response.",),
        items_from=(),
        snippets=_header("X-Content-Type-Options", "nosniff"),
    ),
    "x-frame-options": Advice(
        "Forbid framing by other sites",
        "medium",
        "security risk: clickjacking",
        ("Send `X-Frame-Options: SAMEORIGIN` (or CSP `frame-ancestors 'self'`).",),
        items_from=(),
        snippets=_header("X-Frame-Options", "SAMEORIGIN"),
    ),
    "cross-origin-resource-policy": Advice(
        "Set a Cross-Origin-Resource-Policy",
        "low",
        "security hardening",
        ("Send `Cross-Origin-Resource-Policy: same-site`.",),
        items_from=(),
        snippets=_header("Cross-Origin-Resource-Policy", "same-site"),
    ),
    "cross-origin-opener-policy": Advice(
        "Set a Cross-Origin-Opener-Policy",
        "low",
        "security hardening",
        ("Send `Cross-Origin-Opener-Policy: same-origin`.",),
        items_from=(),
        snippets=_header("Cross-Origin-Opener-Policy", "same-origin"),
    ),
    "cross-origin-embedder-policy": Advice(
        "Set a Cross-Origin-Embedder-Policy",
        "low",
        "security hardening",
        ("Send `Cross-Origin-Embedder-Policy: require-corp` once every resource allows it.",),
        items_from=(),
    ),
    "mixed-content": Advice(
        "Load every resource over HTTPS",
        "high",
        "security risk: HTTP resources on an HTTPS page can be altered or are blocked",
        ("Change the `http://` URLs listed to `https://` (or relative URLs).",),
        items_from=("items",),
    ),
    "server-header": Advice(
        "Hide software versions from response headers",
        "low",
        "security hardening: versions tell attackers which exploits to try",
        ("Remove the version from `Server` and drop `X-Powered-By`.",),
        items_from=("headers",),
        snippets=_SERVER_TOKENS,
    ),
    "vulnerable-libraries": Advice(
        "Upgrade the JavaScript libraries with known vulnerabilities",
        "critical",
        "security risk: published exploits",
        ("Upgrade each library listed to a fixed version.",),
        items_from=("items",),
    ),
    # Content
    "word-count": Advice(
        "Say more about the offer",
        "medium",
        "thin pages persuade less and rank lower",
        ("Explain who it is for, what it does and why it is better, in plain words.",),
        items_from=(),
    ),
    "readability": Advice(
        "Write shorter sentences and plainer words",
        "medium",
        "hard text loses readers",
        ("Aim for sentences under 20 words; replace jargon.",),
        items_from=(),
    ),
    "headline": Advice(
        "Give the page a clear H1 headline",
        "medium",
        "visitors decide in seconds whether to stay",
        ("State the offer in one H1 of a few words at the top of the page.",),
        items_from=(),
    ),
    "calls-to-action": Advice(
        "Add clear calls to action",
        "medium",
        "visitors need to be told what to do next",
        ("Add a visible button (“Start free trial”, “Get a quote”) above the fold.",),
        items_from=(),
    ),
    "social-profiles": Advice(
        "Link the brand's social profiles",
        "low",
        "trust and reach",
        ("Link the official profiles from the header or footer.",),
        items_from=(),
    ),
    "contact-details": Advice(
        "Show how to reach you",
        "medium",
        "trust: visitors look for an address, a phone number or a contact page",
        ("Add an email address, phone number or a link to a contact page.",),
        items_from=(),
    ),
    "text-to-html-ratio": Advice(
        "Raise the share of visible text",
        "low",
        "heavy markup with little text",
        ("Trim wrapper markup and inline data; add useful copy.",),
        items_from=(),
    ),
    # Design
    "font-families": Advice(
        "Use at most three font families",
        "low",
        "visual consistency",
        ("Pick one family for headings and one for text.",),
        items_from=("families",),
    ),
    "favicon": Advice(
        "Add a favicon",
        "low",
        "recognition in tabs, bookmarks and search results",
        ('Add `<link rel="icon" href="/favicon.svg">` (and a 180 px apple-touch-icon).',),
        items_from=(),
    ),
    "logo": Advice(
        "Show a logo in the header",
        "low",
        "brand recognition",
        ("Put the logo image or SVG in the header, linking to the home page.",),
        items_from=(),
    ),
    "responsive-design": Advice(
        "Make the layout adapt to small screens",
        "high",
        "most visitors browse on phones",
        ("Add media queries or a flexible grid; test at 360 px wide.",),
        items_from=(),
    ),
    "dark-mode": Advice(
        "Offer a dark colour scheme",
        "low",
        "comfort for visitors who prefer dark mode",
        ('Add `@media (prefers-color-scheme: dark)` styles and `<meta name="color-scheme">`.',),
        items_from=(),
    ),
    "design-consistency": Advice(
        "Use fewer distinct colours and sizes",
        "low",
        "visual consistency",
        ("Define a small palette and type scale as CSS variables and reuse them.",),
        items_from=(),
    ),
}

#: For an audit missing from the table (a newer audit): a neutral entry built from its titles.
DEFAULT_SEVERITY: Severity = "medium"


def advice_for(audit_id: str, failure_title: str) -> Advice:
    found = ADVICE.get(audit_id)
    if found is not None:
        return found
    return Advice(failure_title, DEFAULT_SEVERITY, "", (), ("items",))
