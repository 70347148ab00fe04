"""Benchmark: how parsing and analysing a page grow with its size, shape by shape.

Every shape HTML allows that could make the parser (selectolax/lexbor) or a later step
(tinycss2, selector matching, text extraction, the audits) super-linear is generated at
doubling sizes. Each measurement runs in a child process that is killed after ``--cap``
seconds, so a blow-up costs the cap, not minutes; the figure is the child's CPU time in
milliseconds. Two rows per shape:

- ``parse``: ``LexborHTMLParser(html)`` alone, unguarded (what the parser does with the shape);
- ``analysis``: the whole static analysis (``analyze_url`` against a local server), with the
  pre-parse bounds of ``aura.audit.html``; a refused page shows as ``refused``.

The growth exponent (``k`` in time ∝ size^k, from the two largest sizes that finished) is
printed per shape: about 1 is linear, 2 quadratic. Timings under a few milliseconds are
noise, so the exponent is printed only when the larger time is over 20 ms.

    .venv/bin/python bench/parser_shapes.py [--sizes 64,128,256,512] [--cap 20] [--only attrs]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import write_result

KIB = 1024


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _numbered(template: str, size: int, head: str = "", tail: str = "") -> str:
    parts, total, index = [head], len(head) + len(tail), 0
    while total < size:
        piece = template.format(i=index)
        parts.append(piece)
        total += len(piece)
        index += 1
    parts.append(tail)
    return "".join(parts)


def _page(body: str) -> str:
    return "<!doctype html><html><head><title>Shape</title></head><body>" + body + "</body></html>"


#: shape name → size in bytes → the page.
SHAPES: dict[str, Callable[[int], str]] = {
    # Attributes
    "attrs-distinct-one-element": lambda n: _page(_numbered(" a{i}=x", n, "<div", ">x</div>")),
    "attrs-duplicate-one-element": lambda n: _page(_repeat(" a=x", n, "<div", ">x</div>")),
    "attr-names-distinct-many-elements": lambda n: _page(_numbered("<i a{i}=x></i>", n)),
    "attr-value-huge": lambda n: _page(_repeat("x", n, '<div title="', '">x</div>')),
    "class-list-long": lambda n: _page(_numbered(" c{i}", n, '<div class="', '">x</div>')),
    "style-attr-many-declarations": lambda n: _page(
        _numbered("color:red;", n, '<div style="', '">x</div>')
    ),
    # Nesting and misnesting (the depth guard refuses real nesting of 1000+)
    "nested-div": lambda n: _page(_repeat("<div>", n)),
    "nested-999-then-wide": lambda n: _page(
        "<div>" * 999 + _repeat('<a href="/x"><img src="/i.png"></a>', n - 5000)
    ),
    "unclosed-b": lambda n: _page(_repeat("<b>x", n)),
    "unclosed-a": lambda n: _page(_repeat("<a href=x>x", n)),
    "b-with-stray-end-tags": lambda n: _page(_repeat("<b></i>", n)),
    "nobr-repeated": lambda n: _page(_repeat("<nobr>x", n)),
    "misnested-b-p": lambda n: _page(_repeat("<b><p>x</b>", n)),
    "misnested-b-div": lambda n: _page(_repeat("<b><div>x</b>", n)),
    "formatting-then-blocks": lambda n: _page(
        "<b><i><u><s><em><strong>" * 3 + _repeat("<div>x</div>", n)
    ),
    "misnested-b-table": lambda n: _page(_repeat("<b><table><td>x</b>", n)),
    "foster-parented-text": lambda n: _page(_repeat("<b>x", n, "<table>", "</table>")),
    "foster-parented-div": lambda n: _page(_repeat("<div>x</div>", n, "<table>", "</table>")),
    # Tables, forms, lists
    "table-many-cells": lambda n: _page(_repeat("<tr><td>x<td>y", n, "<table>", "</table>")),
    "nested-tables": lambda n: _page(_repeat("<table><tr><td>", n)),
    "select-many-options": lambda n: _page(_repeat("<option>x", n, "<select>", "</select>")),
    "select-repeated-unclosed": lambda n: _page(_repeat("<select><option>x", n)),
    "options-outside-select": lambda n: _page(_repeat("<option>x", n)),
    "li-unclosed": lambda n: _page(_repeat("<li>x", n, "<ul>", "</ul>")),
    "p-unclosed": lambda n: _page(_repeat("<p>x", n)),
    "inputs-with-labels": lambda n: _page(
        _numbered('<label for="f{i}">L</label><input id="f{i}">', n, "<form>", "</form>")
    ),
    "buttons-nested": lambda n: _page(_repeat("<button>x", n)),
    # Comments, CDATA, templates, foreign content
    "comment-giant": lambda n: _page(_repeat("x", n, "<!--", "-->")),
    "comment-unterminated": lambda n: _page(_repeat("x", n, "<!--")),
    "comments-many": lambda n: _page(_repeat("<!--x-->", n)),
    "cdata-giant": lambda n: _page(_repeat("x", n, "<svg><![CDATA[", "]]></svg>")),
    "templates-many": lambda n: _page(_repeat("<template>x</template>", n)),
    "templates-nested": lambda n: _page(_repeat("<template>", n)),
    "svg-many-elements": lambda n: _page(_repeat("<rect/>", n, "<svg>", "</svg>")),
    "svg-g-stray-end-tags": lambda n: _page(_repeat("<g></i>", n, "<svg>", "</svg>")),
    # Text
    "text-long": lambda n: _page(_repeat("word ", n, "<p>", "</p>")),
    "entities-many": lambda n: _page(_repeat("&amp;", n, "<p>", "</p>")),
    "numeric-refs-many": lambda n: _page(_repeat("&#x41;", n, "<p>", "</p>")),
    "ids-duplicate": lambda n: _page(_repeat('<span id="x">x</span>', n)),
    "headings-many": lambda n: _page(_repeat("<h2>x</h2>", n)),
    "images-many": lambda n: _page(_repeat('<img src="/i.png">', n)),
    "links-many": lambda n: _page(_numbered('<a href="/p{i}">x</a>', n)),
    # CSS (tinycss2)
    "style-many-rules": lambda n: _page(_numbered(".c{i}{{color:red}}", n, "<style>", "</style>")),
    "style-nested-blocks": lambda n: _page(_repeat("{", n, "<style>a", "</style>")),
    "style-long-selector": lambda n: _page(
        _numbered(".c{i},", n, "<style>", "x{color:red}</style>")
    ),
    "style-unterminated-string": lambda n: _page(_repeat("x", n, '<style>a{content:"', "</style>")),
    "style-parens-nested": lambda n: _page(_repeat("(", n, "<style>a{b:", "}</style>")),
    "scripts-long": lambda n: _page(_repeat("var a=1;", n, "<script>", "</script>")),
}


def _parse(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    LexborHTMLParser(html)
    return "parsed"


def _analyse(html: str) -> str:
    from aura.audit.fetch import FetchLimits, NetworkPolicy
    from aura.audit.runner import AnalysisError, AnalysisOptions, analyze_url
    from aura.audit.technology import TechnologyOptions
    from tests.support.servers import Route, ScriptedSite, serve_scripted

    site = ScriptedSite(routes={"/": Route(body=html.encode())})
    options = AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-bench", retries=0, max_bytes=64 << 20),
        policy=NetworkPolicy(allow_private=True),
        technology=TechnologyOptions(dns=False),
    )
    with serve_scripted(site):
        try:
            asyncio.run(analyze_url(site.url("/"), options))
        except AnalysisError as error:
            return "refused: " + str(error)[:60]
    return "analysed"


def _child(step: str, html: str, answers: Any) -> None:
    function = _parse if step == "parse" else _analyse
    # CPU time of the child (the step, and the few requests its local server answers): on a
    # shared machine wall time says more about the neighbours than about the page.
    started = time.process_time()
    outcome = function(html)
    answers.put(((time.process_time() - started) * 1000, outcome))


def measure(step: str, html: str, cap: float) -> tuple[float | None, str]:
    """(milliseconds or None past the cap, outcome) of one step on ``html``, in a child."""
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    child = context.Process(target=_child, args=(step, html, answers), daemon=True)
    child.start()
    child.join(cap)
    if child.is_alive():
        child.kill()
        child.join()
        return None, f"over {cap:g} s"
    if answers.empty():
        return None, f"crashed ({child.exitcode})"
    elapsed, outcome = answers.get()
    return elapsed, outcome


def exponent(points: list[tuple[int, float]]) -> float | None:
    if len(points) < 2 or points[-1][1] < 20:
        return None
    (small, t_small), (large, t_large) = points[-2], points[-1]
    return math.log(max(t_large, 0.01) / max(t_small, 0.01)) / math.log(large / small)


def run_shape(name: str, sizes: list[int], cap: float, steps: list[str]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for step in steps:
        points: list[tuple[int, float]] = []
        cells: list[str] = []
        outcome = ""
        for size in sizes:
            html = SHAPES[name](size * KIB)
            elapsed, outcome = measure(step, html, cap)
            if elapsed is None:
                cells.append(f">{cap:g}s")
                break
            points.append((size, elapsed))
            cells.append(f"{elapsed:8.1f}")
        k = exponent(points)
        figures[step] = {
            "ms_by_kib": {str(size): round(ms, 1) for size, ms in points},
            "exponent": None if k is None else round(k, 2),
            "capped": len(points) < len(sizes),
            "outcome": outcome,
        }
        shown = "   -" if k is None else f"{k:4.2f}"
        row = " ".join(f"{cell:>9s}" for cell in cells)
        print(f"{name:36s} {step:8s} {row:42s} k={shown}  {outcome}")
        sys.stdout.flush()
    return figures


def warm_up() -> None:
    """Import the engine and load the fingerprints once, in this process: every child forked
    after this starts warm, so its time is the page's alone."""
    _analyse(SHAPES["text-long"](4 * KIB))


def main(sizes: list[int], cap: float, only: str | None, steps: list[str]) -> dict[str, Any]:
    if "analysis" in steps:
        warm_up()
    print(f"{'shape':36s} {'step':8s} ms at {', '.join(str(s) for s in sizes)} KiB")
    results = {
        name: run_shape(name, sizes, cap, steps) for name in SHAPES if only is None or only in name
    }
    return {"sizes_kib": sizes, "cap_s": cap, "shapes": results}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="64,128,256,512", help="page sizes in KiB")
    parser.add_argument("--cap", type=float, default=20.0, help="seconds per measurement")
    parser.add_argument("--only", default=None, help="shapes whose name contains this")
    parser.add_argument("--steps", default="parse,analysis", help="parse, analysis or both")
    args = parser.parse_args()
    figures = main(
        [int(s) for s in args.sizes.split(",")], args.cap, args.only, args.steps.split(",")
    )
    write_result("parser_shapes", figures)
