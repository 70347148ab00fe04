"""Errors that carry their HTTP status; one handler in ``app.py`` renders them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel


class ErrorDetail(BaseModel):
    """The body of every error but 422: what went wrong, for a person to read."""

    detail: str


#: Errors the API's routes may answer with besides 422, for the OpenAPI schema.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorDetail, "description": "The request body could not be read"},
    404: {"model": ErrorDetail, "description": "No such resource"},
    409: {"model": ErrorDetail, "description": "Not possible in the resource's current state"},
    401: {
        "model": ErrorDetail,
        "description": "A valid bearer token is required (when AURA_API_TOKENS is set)",
    },
    413: {"model": ErrorDetail, "description": "The request body is over AURA_MAX_REQUEST_BYTES"},
}
#: Endpoints that start work are rate limited per client (AURA_BATCH_RATE_LIMIT,
#: AURA_REPORT_RATE_LIMIT).
RATE_LIMITED: dict[int | str, dict[str, Any]] = {
    429: {
        "model": ErrorDetail,
        "description": "Too many requests of this kind; the Retry-After header says when to retry",
    }
}


class AuraError(Exception):
    status_code = 500

    def __init__(self, detail: Any) -> None:
        super().__init__(detail if isinstance(detail, str) else repr(detail))
        self.detail = detail


class NotFoundError(AuraError):
    status_code = 404


class ConflictError(AuraError):
    status_code = 409


class UnavailableError(AuraError):
    """What was asked needs something this installation lacks (Chromium for a PDF)."""

    status_code = 503


def input_error(loc: Sequence[str | int], message: str, value: Any = None) -> dict[str, Any]:
    """One entry of a 422: where (``loc``), what is wrong, and the value given."""
    return {"loc": list(loc), "msg": message, "type": "value_error", "input": value}


class InvalidInputError(AuraError):
    """422 in FastAPI's own shape: a list of ``{loc, msg, type, input}`` entries."""

    status_code = 422

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = errors

    @classmethod
    def single(cls, loc: list[str | int], message: str, value: Any = None) -> InvalidInputError:
        return cls([input_error(loc, message, value)])
