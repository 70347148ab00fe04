"""The API against its own OpenAPI schema, fuzzed by Schemathesis: no 5xx, and every
response (status, content type, body) is what the schema says.

The app runs in-process on SQLite, without the worker: only the HTTP surface is fuzzed.
Each operation gets valid and invalid requests; examples are derandomised, so a failure
here fails the same way again. (Schemathesis's pytest fixture loader does not work with
pytest 9, so Hypothesis is driven directly.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from aura.app import create_app
from aura.config import Settings
from aura.db.migrate import upgrade
from tests.security.helpers import hardened_settings

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
EXAMPLES_PER_OPERATION = 30


def _operation_labels() -> list[str]:
    """``GET /api/v1/...`` for every operation; the schema needs no database to be built."""
    app = create_app(Settings(_env_file=None), run_worker=False)  # type: ignore[call-arg]
    schema = schemathesis.openapi.from_dict(app.openapi())
    return [result.ok().label for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", _operation_labels())
def test_the_operation_keeps_to_the_schema(
    label: str, mode: GenerationMode, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura-fuzz.db'}"
    upgrade(url)
    app = create_app(hardened_settings(url, tmp_path), run_worker=False)
    try:
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operation = schema.find_operation_by_label(label)
        assert operation is not None, label

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            fuzz()
        except Unsatisfiable:
            if mode is GenerationMode.POSITIVE:
                raise
            pytest.skip(f"{label} takes nothing that could be made invalid")
    finally:
        shutdown_lifespans()
