"""JavaScript evaluated in the page. Everything it returns is untrusted page data."""

from __future__ import annotations

#: Installed before any script of the page runs: observes paints, layout shifts and long
#: tasks from the start (``buffered`` picks up what happened before the observer existed).
LAB_OBSERVER = """
(() => {
  if (window.top !== window || window.__auraLab) return;
  const lab = { fcp: null, lcp: null, lcpElement: null, cls: 0, shifts: 0, longTasks: [],
                windowValue: 0, windowStart: -1, windowLast: -1, lastLongTask: 0 };
  Object.defineProperty(window, '__auraLab', { value: lab, enumerable: false });
  const describe = (el) => {
    if (!el || !el.tagName) return null;
    let text = el.tagName.toLowerCase();
    if (el.id) return text + '#' + el.id;
    if (el.classList && el.classList.length) {
      text += '.' + Array.from(el.classList).slice(0, 2).join('.');
    }
    return text;
  };
  const observe = (type, each) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each))
        .observe({ type, buffered: true });
    } catch (_) {}
  };
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') lab.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => {
    lab.lcp = e.startTime;
    lab.lcpElement = describe(e.element);
    lab.lcpEntry = e;  // for its element, URL and resource (diagnostics.LCP_DETAIL)
  });
  // Session windows as the Core Web Vitals define CLS: shifts less than 1 s apart, a window
  // at most 5 s long; the score is the largest window. ``hadRecentInput`` is not consulted:
  // nobody touches the page during the measurement, and Chromium's mobile emulation sets
  // the flag on every shift (Lighthouse works around the same quirk).
  observe('layout-shift', (e) => {
    lab.shifts += 1;
    const joins = lab.windowStart >= 0 && e.startTime - lab.windowLast < 1000
      && e.startTime - lab.windowStart < 5000;
    if (joins) { lab.windowValue += e.value; }
    else { lab.windowValue = e.value; lab.windowStart = e.startTime; }
    lab.windowLast = e.startTime;
    lab.cls = Math.max(lab.cls, lab.windowValue);
  });
  // ``lastLongTask``: when the main thread was last busy for 50 ms or more; the observation
  // ends once the CPU has been quiet for a while (CPU_IDLE_FOR), as in Lighthouse.
  observe('longtask', (e) => {
    lab.longTasks.push([e.startTime, e.duration]);
    lab.lastLongTask = Math.max(lab.lastLongTask, e.startTime + e.duration);
  });
})();
"""

#: Milliseconds since the main thread last ran a long task (since navigation when none ran).
CPU_IDLE_FOR = (
    "() => performance.now() - ((window.__auraLab && window.__auraLab.lastLongTask) || 0)"
)

COLLECT_LAB = """
() => {
  const lab = window.__auraLab || {};
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    fcp: lab.fcp ?? null,
    lcp: lab.lcp ?? null,
    lcpElement: lab.lcpElement ?? null,
    cls: lab.cls ?? 0,
    shifts: lab.shifts ?? 0,
    longTasks: lab.longTasks || [],
    domContentLoaded: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : null,
    load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
    observedUntil: performance.now(),
    timeOrigin: performance.timeOrigin,
    scrollHeight: Math.max(document.documentElement.scrollHeight,
                           document.body ? document.body.scrollHeight : 0),
  };
}
"""

#: The computed style of headings, body text, buttons and links (visible elements only).
COLLECT_STYLES = """
() => {
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && style.opacity !== '0';
  };
  const styleOf = (el) => {
    const style = getComputedStyle(el);
    return [style.color, style.backgroundColor, style.fontFamily, style.fontSize, style.fontWeight];
  };
  const groups = {
    headings: 'h1, h2, h3',
    body: 'p, li, td, blockquote',
    buttons: 'button, [role=button], input[type=submit], input[type=button], '
      + 'a.btn, a.button, .btn, .button, .cta',
    links: 'a[href]',
  };
  const out = {};
  for (const [name, selector] of Object.entries(groups)) {
    const nodes = Array.from(document.querySelectorAll(selector));
    out[name] = nodes.filter(visible).slice(0, 60).map(styleOf);
  }
  const root = getComputedStyle(document.documentElement).backgroundColor;
  out.page = [document.body ? getComputedStyle(document.body).backgroundColor : null, root];
  out.bodyText = document.body ? styleOf(document.body) : null;
  // The text a visitor can read: characters per (font stack, colour) of visible text.
  const shown = new Map();
  const shows = (el) => {
    if (!shown.has(el)) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      shown.set(el, box.width > 1 && box.height > 1 && style.visibility !== 'hidden'
        && style.opacity !== '0' && !el.closest('script, style, noscript, template, select'));
    }
    return shown.get(el);
  };
  const text = new Map();
  if (document.body) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let count = 0;
    for (let node = walker.nextNode(); node && count < 5000; node = walker.nextNode()) {
      const chars = node.data.replace(/\\s+/g, '').length;
      const el = node.parentElement;
      if (!chars || !el || !shows(el)) continue;
      count += 1;
      const style = getComputedStyle(el);
      const key = style.fontFamily + '\\u0000' + style.color;
      text.set(key, (text.get(key) || 0) + chars);
    }
  }
  out.text = Array.from(text, ([key, chars]) => [...key.split('\\u0000'), chars]);
  // Painted surfaces: area per background colour of visible elements.
  const surfaces = new Map();
  const width = document.documentElement.clientWidth || 1;
  const elements = document.body ? [document.body, ...document.body.querySelectorAll('*')] : [];
  for (const el of elements.slice(0, 6000)) {
    const background = getComputedStyle(el).backgroundColor;
    if (!background || background === 'transparent' || background.endsWith(', 0)')) continue;
    if (!shows(el)) continue;
    const box = el.getBoundingClientRect();
    const area = Math.min(box.width, width) * Math.min(box.height, 20000);
    surfaces.set(background, (surfaces.get(background) || 0) + area);
  }
  out.surfaces = Array.from(surfaces);
  out.fontStatus = document.fonts
    ? Array.from(document.fonts, (face) => [face.family, face.status]) : [];
  return out;
}
"""

#: Reads property chains from ``window``: strings and numbers as they are, anything else
#: that is set as ``true`` (as Wappalyzer's own browser driver does).
PROBE_GLOBALS = """
(chains) => {
  const out = {};
  for (const chain of chains) {
    let value = window;
    try {
      for (const key of chain.split('.')) {
        if (value === null || value === undefined) { value = undefined; break; }
        value = value[key];
      }
    } catch (_) { value = undefined; }
    if (value === undefined || value === null || value === false) continue;
    const kind = typeof value;
    out[chain] = (kind === 'string' || kind === 'number') ? String(value).slice(0, 200) : true;
  }
  return out;
}
"""

#: For each selector, the first match's attributes and text.
PROBE_DOM = """
(selectors) => {
  const out = {};
  for (const selector of selectors) {
    let node = null;
    try { node = document.querySelector(selector); } catch (_) { continue; }
    if (!node) continue;
    const attributes = {};
    for (const attr of Array.from(node.attributes).slice(0, 20)) {
      attributes[attr.name] = attr.value.slice(0, 200);
    }
    out[selector] = { attributes, text: (node.textContent || '').trim().slice(0, 200) };
  }
  return out;
}
"""

#: For each [selector, property] pair, the property on the first match that has it.
PROBE_DOM_PROPERTIES = """
(pairs) => {
  const out = [];
  for (const [selector, name] of pairs) {
    let nodes = [];
    try {
      nodes = Array.from(document.querySelectorAll(selector)).slice(0, 50);
    } catch (_) { continue; }
    for (const node of nodes) {
      let value;
      try { value = node[name]; } catch (_) { value = undefined; }
      if (value === undefined || value === null) continue;
      const kind = typeof value;
      out.push([selector, name,
        (kind === 'string' || kind === 'number') ? String(value).slice(0, 200) : !!value]);
      break;
    }
  }
  return out;
}
"""

RUN_AXE = """
async (tags) => {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
    elementRef: false,
  });
  const rule = (r, withNodes) => ({
    id: r.id, impact: r.impact || null, help: r.help, helpUrl: r.helpUrl, tags: r.tags,
    nodeCount: r.nodes.length,
    nodes: withNodes ? r.nodes.slice(0, 10).map((n) => ({
      target: (n.target || []).join(' '), html: (n.html || '').slice(0, 300),
      summary: (n.failureSummary || '').slice(0, 500),
    })) : [],
  });
  return {
    version: axe.version,
    violations: result.violations.map((r) => rule(r, true)),
    passes: result.passes.map((r) => rule(r, false)),
    incomplete: result.incomplete.map((r) => r.id),
    inapplicable: result.inapplicable.map((r) => r.id),
  };
}
"""

#: Globals of widely used libraries and services, with a version path where one exists.
#: The technology engine can add its own ``js`` fingerprint paths to these.
KNOWN_GLOBALS = (
    "jQuery",
    "jQuery.fn.jquery",
    "React",
    "React.version",
    "__REACT_DEVTOOLS_GLOBAL_HOOK__",
    "__NEXT_DATA__",
    "next.version",
    "__NUXT__",
    "Vue",
    "Vue.version",
    "angular",
    "angular.version.full",
    "ng",
    "Ember",
    "Ember.VERSION",
    "Backbone",
    "Backbone.VERSION",
    "Alpine",
    "Alpine.version",
    "htmx",
    "htmx.version",
    "Stimulus",
    "Turbo",
    "Svelte",
    "__svelte",
    "_",
    "_.VERSION",
    "moment",
    "moment.version",
    "bootstrap",
    "bootstrap.Tooltip.VERSION",
    "Swiper",
    "gsap",
    "gsap.version",
    "THREE",
    "THREE.REVISION",
    "Shopify",
    "wp",
    "Drupal",
    "Wix",
    "Squarespace",
    "webflow",
    "dataLayer",
    "google_tag_manager",
    "gtag",
    "ga",
    "_gaq",
    "fbq",
    "_hsq",
    "hj",
    "Intercom",
    "mixpanel",
    "analytics",
    "Sentry",
    "Stripe",
    "grecaptcha",
    "turnstile",
    "OneTrust",
    "Cookiebot",
    "plausible",
    "umami",
)

KNOWN_SELECTORS = (
    "#__next",
    "#__nuxt",
    "[data-reactroot]",
    "[ng-version]",
    "[data-v-app]",
    "[data-server-rendered]",
    "[data-turbo]",
    "[x-data]",
    "[hx-get], [hx-post]",
    "[data-svelte-h]",
    "astro-island",
    "meta[name=generator]",
)

#: The settled DOM, serialised with its doctype (null past ``limit`` characters).
SERIALIZE_DOM = """
(limit) => {
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
  const html = doctype + document.documentElement.outerHTML;
  return html.length > limit ? null : html;
}
"""

#: The widths of the layout viewport and of the document (what scrolls sideways), CSS px,
#: and whether the page clips what overflows sideways (an off-canvas menu, say).
MEASURE_LAYOUT = """
() => {
  const root = document.documentElement;
  const body = document.body;
  const clips = (element) =>
    !!element && ['hidden', 'clip'].includes(getComputedStyle(element).overflowX);
  return {
    layout: root.clientWidth,
    document: Math.max(root.scrollWidth, body ? body.scrollWidth : 0),
    clipped: clips(root) || clips(body),
  };
}
"""

#: The images the page shows, in CSS pixels: visible ``<img>`` elements (the source the
#: browser chose) and CSS background images (their natural size read by loading them from
#: the cache), with the bytes their resource timing entry saw.
COLLECT_IMAGES = """
async (limits) => {
  const [maxImages, maxBackgrounds, maxElements] = limits;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return null;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return null;
    return box;
  };
  const out = [];
  for (const img of Array.from(document.images).slice(0, maxImages)) {
    const box = shown(img);
    const url = img.currentSrc || img.src;
    if (!box || !url || url.startsWith('data:') || !img.naturalWidth) continue;
    out.push({ kind: 'img', url, width: box.width, height: box.height,
               naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
               top: box.top + window.scrollY, lazy: img.loading === 'lazy' });
  }
  const backgrounds = [];
  for (const el of Array.from(document.querySelectorAll('*')).slice(0, maxElements)) {
    const value = getComputedStyle(el).backgroundImage;
    if (!value || value === 'none') continue;
    const match = /url\\(\\s*"?([^")]+)"?\\s*\\)/.exec(value);
    if (!match || match[1].startsWith('data:')) continue;
    const box = shown(el);
    if (!box) continue;
    backgrounds.push([match[1], box]);
    if (backgrounds.length >= maxBackgrounds) break;
  }
  const natural = (url) => new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve([image.naturalWidth, image.naturalHeight]);
    image.onerror = () => resolve(null);
    setTimeout(() => resolve(null), 1000);
    image.src = url;
  });
  const sizes = await Promise.all(backgrounds.map(([url]) => natural(url)));
  backgrounds.forEach(([url, box], index) => {
    const size = sizes[index];
    if (!size || !size[0]) return;
    out.push({ kind: 'background', url, width: box.width, height: box.height,
               naturalWidth: size[0], naturalHeight: size[1] });
  });
  for (const item of out) {
    const entry = performance.getEntriesByName(item.url)[0];
    item.bytes = entry ? (entry.decodedBodySize || entry.encodedBodySize || 0) : 0;
    item.url = item.url.slice(0, 1000);
  }
  return out;
}
"""

#: Whether the page's linked stylesheets loaded, how many style rules apply, whether text
#: shows in the first screen, and whether the page has the browser's own default look (two
#: of: body margin 8 px, the default font, links in the default blue): a page whose
#: stylesheets failed renders that way.
CHECK_STYLING = """
() => {
  const applies = (link) => {
    if (link.disabled || /\\balternate\\b/i.test(link.rel)) return false;
    try { return matchMedia(link.media || 'all').matches; } catch (_) { return true; }
  };
  const links = Array.from(document.querySelectorAll('link[rel~="stylesheet" i][href]'))
    .filter(applies);
  const loaded = links.filter((link) => link.sheet !== null).length;
  // Style rules the page really has: a sheet that failed to load has none, and CSS that
  // does not parse (a CDATA section around a <style>'s text swallows all of it) neither.
  // A cross-origin sheet hides its rules (``hidden``), whether it loaded or not.
  let rules = 0, hidden = 0;
  for (const sheet of Array.from(document.styleSheets)) {
    if (sheet.disabled) continue;
    if (sheet.media && sheet.media.length && !matchMedia(sheet.media.mediaText).matches) continue;
    try { rules += sheet.cssRules.length; } catch (_) { hidden += 1; }
  }
  const height = innerHeight, width = innerWidth;
  const inView = (box) => box.width > 0 && box.height > 0 && box.top < height
    && box.left < width && box.bottom > 0 && box.right > 0;
  let visibleText = false;
  const walker = document.createTreeWalker(document.body || document.documentElement,
    NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(), seen = 0; node && seen < 5000; node = walker.nextNode()) {
    seen += 1;
    if (!node.nodeValue.trim()) continue;
    range.selectNodeContents(node);
    if (inView(range.getBoundingClientRect())) { visibleText = true; break; }
  }
  const body = document.body;
  if (!body) {
    return { linked: links.length, loaded, rules, hidden, visibleText, defaultLook: false };
  }
  const style = getComputedStyle(body);
  const probe = document.createElement('span');
  probe.style.setProperty('all', 'initial');
  document.documentElement.appendChild(probe);
  const defaultFont = getComputedStyle(probe).fontFamily;
  probe.remove();
  const margins = [style.marginTop, style.marginRight, style.marginBottom, style.marginLeft];
  const shown = Array.from(document.querySelectorAll('a[href]'))
    .filter((a) => inView(a.getBoundingClientRect())).slice(0, 200);
  const blue = shown.filter((a) => getComputedStyle(a).color === 'rgb(0, 0, 238)').length;
  // Two of the three defaults are enough: an inline <style> that survived may set one.
  const defaults = [margins.every((m) => m === '8px'), style.fontFamily === defaultFont,
    shown.length > 0 && blue * 2 >= shown.length];
  const defaultLook = defaults.filter(Boolean).length >= 2;
  return { linked: links.length, loaded, rules, hidden, visibleText, defaultLook };
}
"""
