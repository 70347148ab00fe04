from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import describe

LIST_CHILDREN = frozenset({"li", "script", "template"})
LIST_PARENTS = frozenset({"ul", "ol", "menu"})


class ListStructure(Audit):
    id = "list"
    title = "Lists contain only <li> elements, and <li> elements sit in lists"
    failure_title = "Lists are not structured correctly"
    description = (
        "Screen readers announce list sizes and positions; other elements directly inside "
        "`<ul>`/`<ol>`, or `<li>` outside them, break that."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        lists = document.css("ul, ol")
        items = document.css("li")
        if not lists and not items:
            return AuditResult.not_applicable_because("no lists")
        bad: list[str] = []
        for node in lists:
            if (node.attributes.get("role") or "") not in ("", "list"):
                continue
            for child in node.iter():
                if child.tag and child.tag[0] not in "-#" and child.tag not in LIST_CHILDREN:
                    bad.append(describe(node))
                    break
        for node in items:
            parent = node.parent
            role = (parent.attributes.get("role") or "") if parent is not None else ""
            if parent is None or (parent.tag not in LIST_PARENTS and role != "list"):
                bad.append(describe(node))
        if bad:
            return AuditResult.failed(plural(len(bad), "element"), items=bad[:50])
        return AuditResult.passed(items=[])
