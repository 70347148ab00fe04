"""Column types that behave the same on SQLite and PostgreSQL.

This is the one place where the two dialects' differences in types are handled.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

_SURROGATE = re.compile("[\ud800-\udfff]")


class TZDateTime(sa.TypeDecorator[dt.datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    PostgreSQL stores ``timestamptz``; SQLite has no timezone support, so values are
    stored as UTC without an offset and given back their UTC zone on the way out.
    Naive datetimes are refused: they are the source of "off by N hours" bugs.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime refused: {value!r}")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class JSONDocument(sa.TypeDecorator[Any]):
    """A JSON document: JSONB on PostgreSQL (indexable, compact), JSON text on SQLite.

    Much of what is stored comes from analysed pages, whose text may hold NUL characters
    (valid in HTML and CSS) or lone surrogates (from a page's JavaScript). PostgreSQL
    refuses both in ``jsonb``; SQLite takes them. So every string is made storable on the
    way in, on both dialects alike (see :func:`storable`).
    """

    impl = sa.JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            # Imported here: the PostgreSQL dialect's modules cost a SQLite process 20 ms.
            from sqlalchemy.dialects import postgresql

            return dialect.type_descriptor(postgresql.JSONB())
        return dialect.type_descriptor(sa.JSON())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return storable(value)


class StorableText(sa.TypeDecorator[str]):
    """Text that may quote an analysed page (an error, an alert's message), made storable
    on the way in like :class:`JSONDocument`'s strings."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else storable_text(value)


def storable(value: Any) -> Any:
    """``value`` with every string (keys included) storable as text: NUL characters
    removed, lone surrogates replaced by U+FFFD; NaN and infinite numbers (not JSON, and
    refused by ``jsonb``) become null. Other values are returned as they are."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {
            storable_text(k) if isinstance(k, str) else k: storable(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value


def storable_text(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    if text.isascii():
        return text
    # A str holds a surrogate only when it is alone (a pair is one code point already).
    return _SURROGATE.sub("\ufffd", text)


#: UUIDs: native ``uuid`` on PostgreSQL, 32-character text on SQLite.
UUID = sa.Uuid(as_uuid=True)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()
