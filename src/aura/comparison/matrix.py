"""The audits-by-sites grid: pass, fail or n/a for every audit of every compared site."""

from __future__ import annotations

from aura.comparison.document import CellStatus, Matrix, MatrixCategory, MatrixCell, MatrixRow
from aura.comparison.inputs import AuditEntry, Contest, order_categories


def cell_status(entry: AuditEntry | None) -> CellStatus:
    if entry is None:
        return "missing"
    if entry.mode == "error":
        return "error"
    if entry.mode == "informative":
        return "info"
    if entry.score is None:
        return "n/a"
    return "pass" if entry.passed else "fail"


def audit_ids(contest: Contest, category: str) -> list[str]:
    """The category's audits in the order the analyses list them (first site first)."""
    ids: list[str] = []
    for site in contest.sites:
        found = site.categories.get(category)
        if found is not None:
            ids.extend(entry.id for entry in found.audits if entry.id not in ids)
    return ids


def matrix_row(contest: Contest, category: str, audit_id: str) -> MatrixRow:
    entries = {site.url: site.audit(category, audit_id) for site in contest.sites}
    present = [entry for entry in entries.values() if entry is not None]
    # The row is labelled with the passing title when some site passes it.
    passing_entry = next((entry for entry in present if entry.passed), None)
    label = (passing_entry or present[0]).title
    cells = {
        url: MatrixCell(
            status=cell_status(entry),
            score=None if entry is None else entry.score,
            display_value=None if entry is None else entry.display_value,
        )
        for url, entry in entries.items()
    }
    return MatrixRow(
        id=audit_id,
        title=label,
        description=present[0].description,
        weight=max(entry.weight for entry in present),
        cells=cells,
        passing=[url for url, cell in cells.items() if cell.status == "pass"],
        failing=[url for url, cell in cells.items() if cell.status == "fail"],
    )


def build_matrix(contest: Contest) -> Matrix:
    names: list[str] = []
    for site in contest.sites:
        names.extend(name for name in site.categories if name not in names)
    categories = [
        MatrixCategory(
            category=name,
            title=contest.title_of(name),
            audits=[matrix_row(contest, name, audit_id) for audit_id in audit_ids(contest, name)],
        )
        for name in order_categories(names)
    ]
    return Matrix(sites=contest.urls, categories=categories)
