"""What ``aura analyze URL URL…`` does: a competitive analysis from the terminal.

The batch goes through the same service and jobs as one submitted to the API and is stored
in the configured database (``aura batches`` lists it afterwards); this process runs the
worker. Progress goes to stderr, the comparison to stdout (or to ``-o FILE``). The other
commands that run or show a batch (``check``, ``demo``, ``report``, ``sets``) share the
functions here. ``aura.cli.analyze`` declares the command's options and imports this
module when the command runs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import typer
from pydantic import ValidationError
from rich.text import Text

from aura.audit.fetch import NetworkPolicy
from aura.cli.batch_run import BatchOutcome, prepare_database, run_batch
from aura.cli.comparison_view import batch_table, print_report
from aura.cli.plumbing import (
    CRAWL_OPTION_OF,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    explain,
    fail,
    run_to_end,
)
from aura.cli.progress import BatchProgress
from aura.cli.terminal import SafeConsole, write_output
from aura.competitive.schemas import BatchCreate
from aura.config import Settings, get_settings
from aura.errors import AuraError, InvalidInputError
from aura.reports import FORMATS, export

OUTPUT_FORMATS = ("table", *FORMATS)
T = TypeVar("T")


def output_format(chosen: str | None, output: Path | None) -> str:
    """The format asked for, or the one the output file's extension names, or ``table``."""
    if chosen is not None:
        if chosen not in OUTPUT_FORMATS:
            fail(f"unknown format {chosen!r}; use one of {', '.join(OUTPUT_FORMATS)}")
        return chosen
    if output is not None:
        extension = output.suffix.lower().lstrip(".")
        extension = {"htm": "html", "markdown": "md"}.get(extension, extension)
        if extension in FORMATS:
            return extension
        fail(f"cannot tell the format from {output.name!r}; add --format html|md|csv|json")
    return "table"


#: Where each field of a batch request comes from on the command line.
_OPTION_OF = {
    "urls": "URL",
    "primary_url": "--primary",
    "name": "--name",
    "mode": "--mode",
    "runs": "--runs",
    "labels": "--label",
    **CRAWL_OPTION_OF,
}


def parse_labels(given: list[str] | None) -> dict[str, str] | None:
    """``--label URL=NAME`` options as the request's labels (the URL as typed)."""
    if not given:
        return None
    labels: dict[str, str] = {}
    for item in given:
        url, separator, label = item.partition("=")
        if not separator or not url.strip():
            fail(f"--label: give URL=NAME (got {item!r})")
        labels[url.strip()] = label
    return labels


def batch_request(
    urls: list[str],
    *,
    name: str | None,
    primary: str | None,
    mode: str | None,
    runs: int | None = None,
    labels: dict[str, str] | None = None,
    crawl: dict[str, Any] | None = None,
) -> BatchCreate:
    body: dict[str, Any] = {"urls": urls, "name": name, "primary_url": primary}
    body.update({key: value for key, value in (crawl or {}).items() if value not in (None, [])})
    if labels is not None:
        body["labels"] = labels
    if runs is not None:
        body["runs"] = runs
    if mode is not None:
        body["mode"] = mode
    try:
        return BatchCreate.model_validate(body)
    except ValidationError as error:
        fail(explain(error.errors(), _OPTION_OF))


def quiet_logging() -> None:
    """Warnings and errors of the worker on stderr; routine INFO lines stay out of the view."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)


def execute(
    settings: Settings,
    request: BatchCreate,
    *,
    policy: NetworkPolicy | None = None,
    allow_private: bool | None = None,
) -> BatchOutcome:
    """Run the batch with the live view on stderr; usage errors and Ctrl-C end the command."""
    return in_terminal(
        settings,
        lambda view: run_batch(settings, request, view, policy=policy, allow_private=allow_private),
    )


def in_terminal(settings: Settings, work: Callable[[BatchProgress], Coroutine[Any, Any, T]]) -> T:
    """Run ``work`` with the live view of its batch on stderr.

    Invalid input ends the command with exit 2, another refusal (an unknown set) with 1,
    Ctrl-C with 130 once the batch is cancelled.
    """
    quiet_logging()
    prepare_database(settings)
    err = SafeConsole(stderr=True)
    try:
        with BatchProgress(err) as view:
            return run_to_end(work(view))
    except InvalidInputError as error:
        fail(explain(error.errors, _OPTION_OF))
    except AuraError as error:
        fail(str(error), EXIT_FAILED)
    except KeyboardInterrupt:
        err.print("Interrupted: the batch was cancelled.", style="yellow")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def write_bytes(content: bytes) -> None:
    write_output(content)


def emit(outcome: BatchOutcome, chosen: str, output: Path | None) -> None:
    """Print (or write) the outcome; exit 1 when there is no comparison to show."""
    err = SafeConsole(stderr=True)
    report = outcome.report
    if report is None:
        err.print(batch_table(outcome.batch))
        if chosen == "json" and output is None:
            body = {"batch": outcome.batch.model_dump(mode="json"), "comparison": None}
            write_bytes((json.dumps(body, indent=2) + "\n").encode("utf-8"))
        reason = (
            "every URL failed"
            if outcome.every_url_failed
            else f"the batch ended {outcome.batch.status}"
        )
        fail(f"no comparison: {reason}.", EXIT_FAILED)
    if output is not None:
        produced = export(report, "html" if chosen == "table" else chosen)
        output.write_bytes(produced.content)
        err.print(Text.assemble("Report written to ", (str(output), "bold")), highlight=False)
        if chosen != "json":
            print_report(report, SafeConsole())
        return
    if chosen == "table":
        print_report(report, SafeConsole())
        return
    write_bytes(export(report, chosen).content)


def analyze_sites(
    urls: list[str] | None,
    *,
    set_name: str | None,
    name: str | None,
    primary: str | None,
    label: list[str] | None,
    mode: str | None,
    runs: int | None,
    pages: int | None,
    depth: int | None,
    include: list[str] | None,
    exclude: list[str] | None,
    chosen_format: str | None,
    output: Path | None,
) -> None:
    """``aura analyze``, its options parsed (``aura.cli.analyze``)."""
    settings = get_settings()
    chosen = output_format(chosen_format, output)
    if set_name is not None:
        decided = {
            "URLs": urls,
            "--name": name,
            "--primary": primary,
            "--label": label,
            "--mode": mode,
            "--runs": runs,
            "--pages": pages,
            "--depth": depth,
            "--include": include,
            "--exclude": exclude,
        }
        given = [label for label, value in decided.items() if value]
        if given:
            fail(
                f"--set {set_name} takes the sites and options from the set: "
                f"give no {', '.join(given)} with it (`aura sets update` changes the set)"
            )
        from aura.cli.set_run import run_set  # the sets and their history: only for --set

        ran = in_terminal(settings, lambda view: run_set(settings, set_name, view))
        emit(ran.outcome, chosen, output)
        return
    if not urls:
        fail("give the URLs to compare (your site and its competitors), or --set NAME")
    request = batch_request(
        urls,
        name=name,
        primary=primary,
        mode=mode,
        runs=runs,
        labels=parse_labels(label),
        crawl={"pages": pages, "depth": depth, "include": include, "exclude": exclude},
    )
    outcome = execute(settings, request)
    emit(outcome, chosen, output)
