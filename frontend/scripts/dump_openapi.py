"""Print Aura's OpenAPI schema as JSON (the source of the front end's generated types).

The comparison document's models are added to the components when the endpoint does not
reference them yet, so the UI is typed against the document's contract either way.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from aura.app import create_app


def schema() -> dict[str, Any]:
    document: dict[str, Any] = create_app().openapi()
    components = document.setdefault("components", {}).setdefault("schemas", {})
    try:
        from aura.comparison.document import ComparisonDocument
    except ImportError:
        return document
    if "ComparisonDocument" not in components:
        extra = ComparisonDocument.model_json_schema(
            ref_template="#/components/schemas/{model}", mode="serialization"
        )
        components.update(extra.pop("$defs", {}))
        components["ComparisonDocument"] = extra
    return document


if __name__ == "__main__":
    json.dump(schema(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
