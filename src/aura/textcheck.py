"""Whether a value can be taken as text: no NUL, no lone surrogate (bytes that were not
UTF-8). The API, the CLI and the column types refuse or clean the same things. Kept free of
imports: the CLI checks its arguments before it loads anything else."""

from __future__ import annotations


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be taken as text, or None."""
    if "\x00" in value:
        return "must not contain NUL characters (\\u0000)"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode (it holds a lone surrogate such as \\ud800)"
    return None


def shown(text: str) -> str:
    """``text`` as it can be sent back: a lone surrogate spelt as its escape."""
    return text.encode("utf-8", "backslashreplace").decode()
