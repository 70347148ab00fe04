"""The audits, one per module under ``audits/<category>/``; the module name is the id."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

from aura.audit.base import Audit

CATEGORY_PACKAGES = (
    "performance",
    "seo",
    "accessibility",
    "security",
    "technology",
    "content",
    "design",
)


def audit_id(module_name: str) -> str:
    """``aura.audit.audits.seo.meta_description`` → ``meta-description``."""
    return module_name.rsplit(".", 1)[-1].replace("_", "-")


@cache
def all_audits() -> tuple[type[Audit], ...]:
    """Every audit class, in category then file order."""
    found: list[type[Audit]] = []
    for category in CATEGORY_PACKAGES:
        package = f"{__name__}.{category}"
        folder = Path(__file__).with_name(category)
        for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
            if info.name.startswith("_"):
                continue  # shared helpers, not audits
            module = importlib.import_module(f"{package}.{info.name}")
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, Audit)
                    and value is not Audit
                    and value.__module__ == module.__name__
                ):
                    found.append(value)
    return tuple(found)


def audits_by_id() -> dict[str, type[Audit]]:
    return {audit.id: audit for audit in all_audits()}
