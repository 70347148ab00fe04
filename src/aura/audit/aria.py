"""WAI-ARIA 1.2 vocabulary: the roles and the aria-* attributes that exist."""

from __future__ import annotations

_ROLES_TEXT = """
    alert alertdialog application article banner blockquote button caption cell checkbox
    code columnheader combobox complementary contentinfo definition deletion dialog
    directory document emphasis feed figure form generic grid gridcell group heading img
    insertion link list listbox listitem log main marquee math menu menubar menuitem
    menuitemcheckbox menuitemradio meter navigation none note option paragraph presentation
    progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox
    separator slider spinbutton status strong subscript superscript switch tab table tablist
    tabpanel term textbox time timer toolbar tooltip tree treegrid treeitem doc-abstract
    doc-acknowledgments doc-afterword doc-appendix doc-backlink doc-biblioentry doc-
    bibliography doc-biblioref doc-chapter doc-colophon doc-conclusion doc-cover doc-credit
    doc-credits doc-dedication doc-endnote doc-endnotes doc-epigraph doc-epilogue doc-errata
    doc-example doc-footnote doc-foreword doc-glossary doc-glossref doc-index doc-
    introduction doc-noteref doc-notice doc-pagebreak doc-pagefooter doc-pageheader doc-
    pagelist doc-part doc-preface doc-prologue doc-pullquote doc-qna doc-subtitle doc-tip
    doc-toc graphics-document graphics-object graphics-symbol
"""
_ATTRIBUTES_TEXT = """
    activedescendant atomic autocomplete braillelabel brailleroledescription busy checked
    colcount colindex colindextext colspan controls current describedby description details
    disabled dropeffect errormessage expanded flowto grabbed haspopup hidden invalid
    keyshortcuts label labelledby level live modal multiline multiselectable orientation
    owns placeholder posinset pressed readonly relevant required roledescription rowcount
    rowindex rowindextext rowspan selected setsize sort valuemax valuemin valuenow valuetext
"""

ROLES = frozenset(_ROLES_TEXT.split())
ATTRIBUTES = frozenset("aria-" + name for name in _ATTRIBUTES_TEXT.split())
