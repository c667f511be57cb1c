"""The calendar dates a text names: "on October 13, 2023", "1 February, 2023", "in June".

A mention is a period with the parts the text gives: a day, a month or a year, and a month or a
day without a year ("in June") is that month of any year. The history search lifts snippets
written in a period the query names ("What did Gina find for her store on 1 February, 2023?").
Relative dates ("yesterday", "last June") are not read: they need a moment to count from.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
# Longest first, so that "June" is not read as "Jun" and a stray "e".
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A month alone, or a year alone, is a date only after a word that introduces one: "in June",
# "during 2023"; "May I ask", "2023 people" and "they march" are not.
_BEFORE_PERIOD = r"(?:in|during|of|since|until|through|early|late|mid-?)"
_MENTION = re.compile(
    rf"\b(?P<iso>(?P<iso_year>\d{{4}})-(?P<iso_month>\d{{1,2}})(?:-(?P<iso_day>\d{{1,2}}))?)\b"
    rf"|\b(?:(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{_MONTH})\.?"
    rf"(?:\s+(?P<day_after>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{{4}}))?\b"
    rf"|\b{_BEFORE_PERIOD}\s*(?P<lone_year>\d{{4}})\b",
    re.IGNORECASE,
)
_INTRODUCED_MONTH = re.compile(rf"\b{_BEFORE_PERIOD}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NamedPeriod:
    """A day, month or year a text names; a part the text leaves out matches any value."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def contains(self, day: date) -> bool:
        """Whether `day` falls in the period."""
        return (
            (self.year is None or day.year == self.year)
            and (self.month is None or day.month == self.month)
            and (self.day is None or day.day == self.day)
        )


def named_periods(text: str) -> list[NamedPeriod]:
    """The days, months and years `text` names, in the order it names them."""
    periods: list[NamedPeriod] = []
    for found in _MENTION.finditer(text):
        period = _period(found, text)
        if period is not None:
            periods.append(period)
    return periods


def _period(found: re.Match[str], text: str) -> NamedPeriod | None:
    if found["iso"]:
        return _checked(
            int(found["iso_year"]),
            int(found["iso_month"]),
            int(found["iso_day"]) if found["iso_day"] else None,
        )
    if found["lone_year"]:
        return NamedPeriod(int(found["lone_year"]))
    day = found["day_first"] or found["day_after"]
    year = found["year"]
    if day is None and year is None:
        # A month by itself: only where a word introduces it, and not an abbreviation ("mar").
        word = found["month"].lower()
        introduced = _INTRODUCED_MONTH.search(text[: found.start()])
        if introduced is None or word != calendar.month_name[_MONTHS[word]].lower():
            return None
    return _checked(
        int(year) if year else None,
        _MONTHS[found["month"].lower()],
        int(day) if day else None,
    )


def _checked(year: int | None, month: int, day: int | None) -> NamedPeriod | None:
    """The period, or None when no calendar has it ("February 30", "2023-13")."""
    if not 1 <= month <= 12:
        return None
    if day is not None:
        longest = calendar.monthrange(year if year is not None else 2000, month)[1]
        if not 1 <= day <= longest:
            return None
    return NamedPeriod(year, month, day)
