"""What every API route shares: JSON bodies are read strictly before the route sees them.

Python's ``json`` module accepts ``NaN`` and ``Infinity`` (not JSON) and lone surrogates
(``"\\ud800"``, not text), and JSON allows ``\\u0000``, which neither PostgreSQL's ``text``
nor its ``jsonb`` can store. Left to the routes, each of them was a 500 somewhere later.
Here they are a 422 naming the field, before anything is written.
"""

from __future__ import annotations

import email.message
import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from aura.errors import input_error
from aura.textcheck import shown, text_problem

Location = tuple[str | int, ...]


class StrictJsonRoute(APIRoute):
    """An ``APIRoute`` whose JSON body is checked by :func:`json_body_errors` first."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            if _is_json(request):
                try:
                    body = await request.body()
                except Exception:
                    # A client gone or a body refused mid-stream: the route answers as ever.
                    return await handler(request)
                # Starlette keeps the body, so the route reads these same bytes again.
                errors = json_body_errors(body)
                if errors:
                    raise RequestValidationError(errors)
            return await handler(request)

        return strict


def _is_json(request: Request) -> bool:
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    content_type = request.headers.get("content-type")
    if not content_type:
        return True  # FastAPI reads a body without a content type as JSON
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


class _NotJson(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotJson(name)


def json_body_errors(body: bytes) -> list[dict[str, Any]]:
    """FastAPI-shaped 422 entries for what a JSON body must not hold; empty when it is fine.

    A body that is not JSON at all is left to FastAPI, which says where it broke.
    """
    if not body:
        return []
    try:
        document = json.loads(body, parse_constant=_refuse_constant)
    except _NotJson as constant:
        return [_error(("body",), f"{constant} is not a JSON number; send a finite number", None)]
    except ValueError:
        return []
    errors: list[dict[str, Any]] = []
    # Iterative: the parser allows nesting deeper than a recursive walk would.
    pending: list[tuple[Location, Any]] = [(("body",), document)]
    while pending:
        loc, value = pending.pop()
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                errors.append(_error(loc, problem, value))
        elif isinstance(value, list):
            pending.extend(((*loc, i), item) for i, item in enumerate(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = text_problem(key)
                if problem:
                    errors.append(_error((*loc, shown(key)), f"the key {problem}", key))
                pending.append(((*loc, shown(key)), item))
    errors.sort(key=lambda error: [str(part) for part in error["loc"]])
    return errors


def _error(loc: Location, message: str, value: Any) -> dict[str, Any]:
    return input_error(loc, message, shown(value) if isinstance(value, str) else value)
