"""What an exported HTML page refers to, read with the standard library's parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
ACTIVE_TAGS = {"script", "link", "iframe", "object", "embed", "base", "frame", "meta refresh"}


@dataclass
class PageFacts:
    tags: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    open_tags: int = 0

    @property
    def external(self) -> list[str]:
        return [
            ref
            for ref in self.references
            if "://" in ref or ref.startswith("//") or ref.lower().startswith("http")
        ]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.facts.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name.startswith("on"):
                self.facts.handlers.append(name)
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.facts.references.append(value.strip())
            if name == "style":
                self.facts.references.extend(CSS_URL.findall(value))
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.facts.tags.append("meta refresh")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.facts.references.extend(CSS_URL.findall(data))
        else:
            self.facts.text.append(data)


def read_page(html: str) -> PageFacts:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.facts


def assert_self_contained(html: str, allowed_sites: list[str]) -> PageFacts:
    """No active content, no handler, and no external reference but links to the sites."""
    facts = read_page(html)
    assert not ACTIVE_TAGS & set(facts.tags), sorted(ACTIVE_TAGS & set(facts.tags))
    assert not facts.handlers, facts.handlers
    for reference in facts.external:
        assert any(reference.startswith(site) for site in allowed_sites), reference
    for reference in facts.references:
        assert not reference.lower().startswith("javascript:"), reference
    return facts
