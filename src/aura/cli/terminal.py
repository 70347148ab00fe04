"""Everything the ``aura`` command writes to a terminal goes through here.

Page text (headlines, plan names, errors quoting a page) and user text (batch and set
names) reach tables and lines of every command. :class:`SafeConsole` replaces what a
terminal would obey in every text segment it renders, whatever renderable holds it, and
:func:`echo` and :func:`write_output` do the same for plain lines and for reports sent to
standard output. Rich's own styling travels in separate control segments and is kept.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import typer
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from aura.neutralise import for_terminal


class SafeConsole(Console):
    """A Rich console whose text segments are passed through :func:`for_terminal`."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control:
                yield segment
            else:
                yield Segment(for_terminal(segment.text), segment.style)


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    typer.echo(for_terminal(message), err=err, nl=nl)


def write_output(content: bytes) -> None:
    """A report or document on standard output: text is neutralised like any other;
    bytes that are not UTF-8 text (none of Aura's formats) are written as they are."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        safe = content
    else:
        safe = for_terminal(text).encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(safe)
    sys.stdout.buffer.flush()
