"""What every ``aura`` command needs: failing readably, explaining refused input in terms of
the command's own options, and running work against the configured database."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer
from rich.text import Text

from aura.cli.terminal import SafeConsole

if TYPE_CHECKING:
    from aura.runtime import Runtime

#: Exit codes: 1 is "the analysis says no" (every URL failed, a gate failed), 2 bad input.
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

#: The crawl's options, as `aura analyze` and `aura sets create/update` take them: the
#: option naming each field of the API's crawl (for the 422 messages), and their help.
CRAWL_OPTION_OF = {
    "pages": "--pages",
    "depth": "--depth",
    "include": "--include",
    "exclude": "--exclude",
}
DEPTH_HELP = "Clicks from the start page a crawl follows (default 5)"
INCLUDE_HELP = "Crawl only pages whose path matches the glob PATTERN, e.g. '/blog/*' (repeat)"
EXCLUDE_HELP = "Skip the pages matching PATTERN (repeat)"

T = TypeVar("T")


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    SafeConsole(stderr=True).print(Text.assemble(("Error: ", "bold red"), message), highlight=False)
    raise typer.Exit(code)


def explain(errors: Sequence[Mapping[str, Any]], options: Mapping[str, str]) -> str:
    """Validation errors (the API's 422 entries or pydantic's) as ``--option: reason``,
    naming the option or argument a field came from."""
    parts = []
    for error in errors:
        loc = [part for part in error.get("loc", ()) if part != "body"]
        where = ""
        for index, part in enumerate(loc):
            if isinstance(part, str) and part in options:
                where = options[part]
                following = loc[index + 1] if index + 1 < len(loc) else None
                if part == "urls" and isinstance(following, int):
                    where = f"URL {following + 1}"
        message = str(error.get("msg", "invalid"))
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def run_to_end(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(work)``, its result handed back past the event loop's main task.

    On its way out ``asyncio.run`` checks its Ctrl-C handler, which holds the main task, and
    Python formats that handler, the task's result included, each time it looks (a batch's
    whole report: 20 ms at the end of ``aura analyze``)."""
    results: list[T] = []

    async def main() -> None:
        results.append(await work)

    asyncio.run(main())
    return results[0]


def with_database(
    work: Callable[[Runtime], Awaitable[T]], options: Mapping[str, str] | None = None
) -> T:
    """Run ``work`` on a runtime of the configured database (migrated first, as ``aura
    serve`` does). Invalid input exits 2 naming the option at fault (``options`` maps
    fields to options); an unknown batch, set or run and other refusals exit 1."""
    from aura.cli.batch_run import local_settings, prepare_database
    from aura.config import get_settings
    from aura.errors import AuraError, InvalidInputError
    from aura.worker import create_runtime

    settings = local_settings(get_settings())
    prepare_database(settings)

    async def run() -> T:
        runtime = create_runtime(settings)
        async with runtime.opened():
            return await work(runtime)

    try:
        return run_to_end(run())
    except InvalidInputError as error:
        fail(explain(error.errors, options or {}), EXIT_USAGE)
    except AuraError as error:
        fail(str(error), EXIT_FAILED)
