"""An audit's details as typed blocks: what the report pages and exports render."""

from __future__ import annotations

from aura.audit.details import ListBlock, Node, PropertiesBlock, TableBlock, present

AXE_SUMMARY = (
    "Fix any of the following:\n  Element has insufficient color contrast of 2.52 "
    "(foreground color: #999999, background color: #ffffff, font size: 9.0pt (12px), "
    "font weight: normal). Expected contrast ratio of 4.5:1"
)


class TestPresent:
    def test_resources_become_a_table_of_urls_sizes_and_lifetimes(self) -> None:
        blocks = present(
            {
                "short_ttl": [
                    {"url": "https://a.example/app.js", "ttl_seconds": 300, "bytes": 9000}
                ],
                "checked": 3,
            }
        ).blocks
        plain, table = blocks
        assert isinstance(plain, PropertiesBlock)
        assert [(item.label, item.type, item.value) for item in plain.items] == [
            ("Checked", "numeric", 3)
        ]
        assert isinstance(table, TableBlock)
        assert [(c.key, c.label, c.type) for c in table.columns] == [
            ("url", "URL", "url"),
            ("ttl_seconds", "Cache lifetime", "seconds"),
            ("bytes", "Size", "bytes"),
        ]
        assert table.total == 1

    def test_an_axe_element_is_a_node_and_its_contrast_pair_gets_columns(self) -> None:
        (plain, table) = present(
            {
                "impact": "serious",
                "help_url": "https://dequeuniversity.com/rules/axe/4.10/color-contrast",
                "items": [
                    {"target": "p.fine", "html": "<p class=fine>Terms</p>", "summary": AXE_SUMMARY}
                ],
            }
        ).blocks
        assert isinstance(plain, PropertiesBlock)
        assert ("Learn more", "url") in [(item.label, item.type) for item in plain.items]
        assert isinstance(table, TableBlock)
        types = {column.key: column.type for column in table.columns}
        assert types["node"] == "node"
        assert table.columns[0].key == "node"
        assert types["foreground"] == types["background"] == "color"
        row = table.rows[0]
        assert row["node"] == Node(selector="p.fine", snippet="<p class=fine>Terms</p>")
        assert (row["foreground"], row["background"], row["contrast"]) == (
            "#999999",
            "#ffffff",
            2.52,
        )

    def test_lists_are_typed_by_their_items(self) -> None:
        urls, snippets, words = present(
            {
                "legacy": ["https://a.example/a.css"],
                "items": ['<img src="/logo.svg">'],
                "missing": ["og:title"],
            }
        ).blocks
        assert isinstance(urls, ListBlock)
        assert urls.item_type == "url"
        assert isinstance(snippets, ListBlock)
        assert snippets.item_type == "code"
        assert isinstance(words, ListBlock)
        assert words.item_type == "text"

    def test_absent_values_stay_absent_and_empty_lists_are_left_out(self) -> None:
        (plain,) = present({"twitter_card": None, "problems": [], "open_graph": {}}).blocks
        assert isinstance(plain, PropertiesBlock)
        assert [(item.label, item.value) for item in plain.items] == [("Twitter card", None)]

    def test_long_tables_are_cut_and_say_how_many_there_were(self) -> None:
        rows = [{"url": f"https://a.example/{n}.png", "bytes": n} for n in range(120)]
        (table,) = present({"items": rows}).blocks
        assert isinstance(table, TableBlock)
        assert (len(table.rows), table.total) == (50, 120)
