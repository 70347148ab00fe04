"""Words, sentences and keywords of a page's visible text."""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Document

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")

#: Words per minute of an average adult reading silently (the usual estimate).
READING_WPM = 238

_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further get gets got had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
    how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's like make
    me more most mustn't my myself new no nor not now of off on once one only or other ought
    our ours ourselves out over own same say see shan't she she'd she'll she's should
    shouldn't so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under until
    up us use used using very via was wasn't way we we'd we'll we're we've were weren't what
    what's when when's where where's which while who who's whom why why's will with won't
    would wouldn't you you'd you'll you're you've your yours yourself yourselves get also
    lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt ut
    labore et dolore magna aliqua enim ad minim veniam quis nostrud
    http https www com html
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    return max(1, len(_SENTENCE_END.findall(text))) if text.strip() else 0


def reading_minutes(word_count: int) -> float:
    return round(word_count / READING_WPM, 1)


def keyword_counts(text: str) -> Counter[str]:
    """The meaningful words of a text with their counts (stopwords, numbers and short words
    left out), lower-cased."""
    return Counter(
        lowered
        for word in words(text)
        if len(lowered := word.lower().strip("'\u2019-")) >= 3 and lowered not in STOPWORDS
    )


def top_keywords(text: str, limit: int = 10) -> list[tuple[str, int]]:
    """The most frequent meaningful words (stopwords, numbers and short words left out)."""
    return keyword_counts(text).most_common(limit)


#: Words of the "lorem ipsum" filler that templates ship (Cicero's De finibus I.32-33 as the
#: generators cut and vary it): a line made mostly of them is placeholder, not the page's
#: language.
_LOREM_TEXT = """
    lorem ipsum dolor dolore dolorem dolores doloribus dolorum sit amet consectetur consectetuer
    adipiscing adipisicing adipisci elit sed eiusmod tempor tempora tempore temporibus
    incididunt incidunt labore laboris laborum laboriosam magna magnam magni aliqua aliquam
    aliquid aliquip enim minim minima veniam quis nostrud nostrum exercitation exercitationem
    ullamco ullam nisi commodo commodi consequat consequatur consequuntur duis aute irure
    reprehenderit voluptate voluptatem voluptates voluptas voluptatum voluptatibus velit esse
    cillum fugiat fugit fuga nulla pariatur excepteur sint occaecat occaecati cupidatat
    cupiditate proident sunt culpa officia officiis deserunt mollit mollitia anim perspiciatis
    unde omnis iste natus error accusantium accusamus doloremque laudantium totam aperiam eaque
    ipsa ipsam quae illo inventore veritatis quasi architecto beatae vitae dicta explicabo nemo
    quia aspernatur aut odit ratione sequi nesciunt neque porro quisquam numquam eius modi
    quaerat corporis suscipit autem vel eum iure quam nihil molestiae molestias illum quo vero
    eos iusto odio dignissimos ducimus blanditiis praesentium deleniti atque corrupti quos quas
    similique provident harum quidem rerum facilis expedita distinctio nam libero soluta nobis
    eligendi optio cumque impedit minus quod maxime placeat facere possimus assumenda
    repellendus quibusdam debitis necessitatibus saepe eveniet repudiandae recusandae itaque
    earum tenetur sapiente delectus reiciendis maiores alias perferendis asperiores repellat
    eveniet quidem eum ex ea et est id in non ut ad a ab at cum hic iste nec
    eget arcu ullamcorper blandit volutpat tristique purus vestibulum maecenas mauris nunc nibh
    euismod tincidunt lacus massa felis tellus mi eu risus lectus nisl orci sem ultrices
    ultricies fermentum pellentesque praesent donec nullam curabitur phasellus proin vivamus
    etiam aenean suspendisse fusce morbi cras sapien turpis erat justo ligula augue leo dui
    diam pretium lobortis sagittis viverra accumsan facilisis dignissim elementum egestas
    pharetra rhoncus semper varius venenatis vulputate luctus malesuada mattis posuere
    sollicitudin condimentum convallis congue cursus dapibus efficitur faucibus feugiat
    gravida hendrerit iaculis imperdiet interdum lacinia laoreet metus molestie ornare
    placerat pulvinar rutrum scelerisque tempus tortor odio nulla quis
"""
_LOREM_WORDS = frozenset(_LOREM_TEXT.split())
_LOREM_OPENING = re.compile(r"\blorem\s+ipsum\b", re.I)
#: The share of a line's words that makes it filler, and the fewest words it takes to judge.
LOREM_SHARE = 0.6
LOREM_MIN_WORDS = 4


def is_placeholder(line: str) -> bool:
    """Whether a line of text is "lorem ipsum" filler."""
    if _LOREM_OPENING.search(line):
        return True
    found = [word.lower() for word in words(line)]
    if len(found) < LOREM_MIN_WORDS:
        return False
    return sum(word in _LOREM_WORDS for word in found) >= LOREM_SHARE * len(found)


def without_placeholder(text: str) -> tuple[str, int]:
    """``text`` without its lines of "lorem ipsum" filler, and how many words those held."""
    kept: list[str] = []
    dropped = 0
    for line in text.split("\n"):
        if is_placeholder(line):
            dropped += len(words(line))
        else:
            kept.append(line)
    return "\n".join(kept), dropped


#: Elements whose text a visitor never reads as the page's content: code, metadata, form
#: option lists (a country <select> is not what the page is about) and controls.
_NEVER_READ = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "title",
        "select",
        "option",
        "optgroup",
        "datalist",
        "textarea",
        "button",
        "iframe",
        "object",
        "canvas",
    }
)
#: Navigation chrome, left out of the main content (kept for contact details).
_CHROME = frozenset({"nav", "aside"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
#: Elements whose start and end break the text into separate lines.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
        "ul", "br", "label", "legend", "caption",
    }
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE_RUN = re.compile(r"\s+")
_TEXT_CACHE: weakref.WeakKeyDictionary[Document, dict[bool, str]] = weakref.WeakKeyDictionary()
_TEXT_LOCK = threading.Lock()


def main_text(document: Document) -> str:
    """The visible main content, one line per block (paragraph, heading, list item…).

    Left out: what is hidden by markup (``hidden``, ``aria-hidden``, inline
    ``display:none``, a closed ``<dialog>``), what never reads as content (scripts,
    ``<noscript>``, form options and controls), and navigation chrome (``<nav>``,
    ``<aside>``, navigation and banner landmarks, and footers outside an article).
    Without a browser, elements hidden by stylesheets cannot be told apart.
    """
    return _text(document, chrome=False)


def visible_text(document: Document) -> str:
    """Like ``main_text`` but with navigation and footers (where contact details live)."""
    return _text(document, chrome=True)


def _text(document: Document, *, chrome: bool) -> str:
    with _TEXT_LOCK:
        cached = _TEXT_CACHE.setdefault(document, {})
        if chrome in cached:
            return cached[chrome]
    with document.lock:
        body = document.tree.body
        text = _collect(body, chrome=chrome) if body is not None else ""
    with _TEXT_LOCK:
        cached[chrome] = text
    return text


def _collect(root: LexborNode, *, chrome: bool) -> str:
    pieces: list[str] = []
    # (node, entering): an explicit stack, so deep pages cannot exhaust recursion.
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag or ""
        if not entering:
            pieces.append("\n")
            continue
        if tag == "-text":
            pieces.append(_SPACE_RUN.sub(" ", node.text_content or ""))
            continue
        if tag.startswith(("-", "#")) or tag == "!comment" or _skipped(node, tag, chrome):
            continue
        if tag in _BLOCKS:
            pieces.append("\n")
            stack.append((node, False))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((child, True) for child in reversed(children))
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _skipped(node: LexborNode, tag: str, chrome: bool) -> bool:
    if tag in _NEVER_READ:
        return True
    attributes = node.attributes
    if "hidden" in attributes or (attributes.get("aria-hidden") or "").strip() == "true":
        return True
    if tag == "dialog" and "open" not in attributes:
        return True
    if _HIDDEN_STYLE.search(attributes.get("style") or "") or classes_hide(attributes.get("class")):
        return True
    if chrome:
        return False
    role = (attributes.get("role") or "").strip().lower()
    if tag in _CHROME or role in _CHROME_ROLES:
        return True
    if tag == "footer":
        return not _inside(node, ("article", "main", "section"))
    # A page header without the page's headline is its masthead chrome.
    return (
        tag == "header"
        and node.css_first("h1") is None
        and not _inside(node, ("article", "main", "section"))
    )


#: Class names that hide an element in the common frameworks (Bootstrap, Tailwind,
#: WordPress, the Guardian), and form feedback shown only after a failed submission.
_HIDING_CLASSES = frozenset(
    {
        "d-none",
        "hidden",
        "hide",
        "is-hidden",
        "invisible",
        "sr-only",
        "visually-hidden",
        "screen-reader-text",
        "u-h",
        "invalid-feedback",
        "valid-feedback",
    }
)
#: A responsive class that shows the element again at some width ("hidden md:flex").
_SHOWN_AT_WIDTH = re.compile(
    r"^(?:(?:sm|md|lg|xl|2xl):(?:block|flex|inline|inline-block|inline-flex|grid|table)"
    r"|d-(?:sm|md|lg|xl|xxl)-(?:block|flex|inline|inline-block|inline-flex|grid|table))$"
)


def classes_hide(class_attribute: str | None) -> bool:
    """Whether an element's classes (its ``class`` attribute) hide it at every width
    (without a browser, the stylesheets are not applied; these class names mean the same
    everywhere). It takes the attribute, not the element: selectolax builds a new dict on
    each ``attributes``, and the callers hold it already."""
    if not class_attribute:
        return False
    classes = class_attribute.split()
    if _HIDING_CLASSES.isdisjoint(classes):
        return False
    return not any(_SHOWN_AT_WIDTH.match(name) for name in classes)


def hidden(node: LexborNode) -> bool:
    """Hidden by markup or by a hiding class, itself or through an ancestor."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("-document", "#document", None):
        tag = current.tag or ""
        if tag in ("noscript", "template"):
            return True
        attributes = current.attributes
        if tag == "dialog" and "open" not in attributes:
            return True
        if "hidden" in attributes or (attributes.get("aria-hidden") or "").strip() == "true":
            return True
        if _HIDDEN_STYLE.search(attributes.get("style") or "") or classes_hide(
            attributes.get("class")
        ):
            return True
        current = current.parent
    return False


def _inside(node: LexborNode, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False
