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
            if node.attributes.get("role"):
                continue  # an item with a role of its own (a tab, say) is not a list item
            parent = node.parent
            role = (parent.attributes.get("role") or "").strip() if parent is not None else ""
            # A role on the list replaces its list semantics (<ul role="tablist">): its
            # items are then list items outside any list, as axe-core's listitem says.
            in_a_list = parent is not None and (
                role == "list" or (parent.tag in LIST_PARENTS and not role)
            )
            if not in_a_list:
                bad.append(describe(node))
        if bad:
            return AuditResult.failed(plural(len(bad), "element"), items=bad[:50])
        return AuditResult.passed(items=[])
