"""Partial dates: "2019", "2019-06" and "2019-06-14" are all valid points in a fact's life.

A partial date names a period: "2019" is the whole of 2019. A fact valid from "2019" starts on
2019-01-01; a fact valid until "2019" ends on 2019-12-31, inclusive. Periods are compared by
integer day keys (YYYYMMDD), which is what the store filters on.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from ragclone.errors import ConfigError

DateLike = date | datetime | str

MIN_KEY = 0
MAX_KEY = 99991231

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def normalize_date(value: DateLike) -> str:
    """Return the canonical partial-date string of a date, a datetime or an ISO string.

    Raises:
        ConfigError: the value is not a valid (partial) date, such as "2019-02-30".
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ConfigError(f"not a date: {value!r}")
    text = value.strip()
    if "T" in text or " " in text:
        # A full timestamp: keep the day only.
        text = re.split(r"[T ]", text, maxsplit=1)[0]
    match = _PARTIAL.match(text)
    if not match:
        raise ConfigError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year < 1:
        raise ConfigError(f"not a date: {value!r} (year must be 1 or later)")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise ConfigError(f"not a date: {value!r} (month {month} does not exist)")
    if day is None:
        return f"{year:04d}-{month:02d}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ConfigError(f"not a date: {value!r} (day {day} does not exist in that month)")
    return f"{year:04d}-{month:02d}-{day:02d}"


def _parts(value: str) -> tuple[int, int | None, int | None]:
    pieces = [int(p) for p in normalize_date(value).split("-")]
    return (
        pieces[0],
        (pieces[1] if len(pieces) > 1 else None),
        (pieces[2] if len(pieces) > 2 else None),
    )


def period_start(value: DateLike) -> date:
    """The first day of the period a partial date names."""
    year, month, day = _parts(normalize_date(value))
    return date(year, month or 1, day or 1)


def period_end(value: DateLike) -> date:
    """The last day of the period a partial date names."""
    year, month, day = _parts(normalize_date(value))
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1])


def day_key(day: date) -> int:
    """An integer that orders days: 2019-06-14 is 20190614."""
    return day.year * 10000 + day.month * 100 + day.day


def start_key(value: DateLike | None) -> int:
    """The key of a period's first day, or the smallest key when there is no start."""
    return MIN_KEY if value is None else day_key(period_start(value))


def end_key(value: DateLike | None) -> int:
    """The key of a period's last day, or the largest key when there is no end."""
    return MAX_KEY if value is None else day_key(period_end(value))


def check_order(valid_from: str | None, valid_until: str | None) -> None:
    """Raise ConfigError when a validity period ends before it starts."""
    if valid_from is not None and valid_until is not None:
        if end_key(valid_until) < start_key(valid_from):
            raise ConfigError(f"valid_until {valid_until} is before valid_from {valid_from}")
