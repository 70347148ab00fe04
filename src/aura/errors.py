"""Errors that carry their HTTP status; one handler in ``app.py`` renders them."""

from __future__ import annotations

from typing import Any


class AuraError(Exception):
    status_code = 500

    def __init__(self, detail: Any) -> None:
        super().__init__(detail if isinstance(detail, str) else repr(detail))
        self.detail = detail


class NotFoundError(AuraError):
    status_code = 404


class ConflictError(AuraError):
    status_code = 409


class InvalidInputError(AuraError):
    """422 in FastAPI's own shape: a list of ``{loc, msg, type, input}`` entries."""

    status_code = 422

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = errors

    @classmethod
    def single(cls, loc: list[str | int], message: str, value: Any = None) -> InvalidInputError:
        return cls([{"loc": loc, "msg": message, "type": "value_error", "input": value}])
