"""Dates and reporting periods: the one place that reads and compares them.

A period is written "2013-14" (a financial year, April to March, or a span of two years); a
due date "2025-03-31", a month "2025-09", or a period. Dates in documents come as
"21 January 2025", "Tuesday 21st Jan 2025", "21/01/2025", "January 21, 2025".
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)?\d{2})\b")
_WRITTEN_DATE = re.compile(
    rf"\b{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I
)
_AMERICAN_DATE = re.compile(
    rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<year>(?:19|20)\d{{2}})\b", re.I
)
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>(?:19|20)?\d{2})(?![\d/.])")
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")


def month_number(name: str) -> int | None:
    """1-12 for a month name or its abbreviation ("Sept", "oct."), else None."""
    name = name.lower().rstrip(".")
    for number, month in enumerate(MONTH_NAMES, 1):
        if name in (month, month[:3]) or (name == "sept" and number == 9):
            return number
    return None


def full_year(year: str | int, pivot: int | None = None) -> int:
    """A two-digit year in full (25 -> 2025); `pivot`: the century of this four-digit year."""
    value = int(year)
    if value >= 100:
        return value
    return (pivot // 100 * 100 if pivot else 2000) + value


def period_of(start: int, end: int) -> str | None:
    """ "2013-14" for consecutive years (or a span of up to three), else None."""
    return f"{start}-{end % 100:02d}" if 1 <= end - start <= 3 else None


def find_period(text: str, consecutive: bool = True) -> str | None:
    """The first year range in text: "2013-2014", "2013 - 14", "2024/25" -> "2013-14"."""
    return next(iter(periods_in(text, consecutive)), None)


def periods_in(text: str, consecutive: bool = True) -> list[str]:
    """Every year range in text, in order ("2013-2014", "2013 - 14" -> "2013-14"); `consecutive`:
    only spans of one year to the next, else spans of up to three years too ("2022-25")."""
    found = []
    for match in _PERIOD.finditer(text or ""):
        start, end_text = int(match.group(1)), match.group(2)
        end = full_year(end_text, start) if len(end_text) == 2 else int(end_text)
        period = period_of(start, end)
        if period and (end == start + 1 or not consecutive):
            found.append(period)
    return found


def period_years(period: str | None) -> tuple[int, int] | None:
    """(first year, last year) of "2013-14" (-> 2013, 2014) or "2014" (-> 2014, 2014)."""
    if not period:
        return None
    match = re.fullmatch(r"((?:19|20)\d{2})(?:\s*[-–/]\s*((?:19|20)?\d{2}))?", period.strip())
    if not match:
        return None
    start = int(match.group(1))
    if not match.group(2):
        return start, start
    end = full_year(match.group(2), start) if len(match.group(2)) == 2 else int(match.group(2))
    if end < start:
        end += 100
    return start, end


def financial_year(iso_date: str) -> str:
    """The April-to-March year a date falls in: 2025-01-21 -> "2024-25"."""
    year, month = int(iso_date[:4]), int(iso_date[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every date in text as (position, ISO date), in order of position.

    Numeric dates are read day first, as in England (05/11/2023 is 5 November).
    """
    found: list[tuple[int, str]] = []
    for pattern in (_WRITTEN_DATE, _AMERICAN_DATE):
        for m in pattern.finditer(text or ""):
            month = month_number(m.group("month"))
            iso = _valid(int(m.group("year")), month, int(m.group("day"))) if month else None
            if iso:
                found.append((m.start(), iso))
    for m in _NUMERIC_DATE.finditer(text or ""):
        year = full_year(m.group("year"))
        iso = _valid(year, int(m.group("month")), int(m.group("day")))
        if iso and 1990 <= year <= 2100:
            found.append((m.start(), iso))
    for m in _ISO_DATE.finditer(text or ""):
        iso = _valid(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        if iso:
            found.append((m.start(), iso))
    return sorted(set(found))


def month_date(text: str) -> str | None:
    """ "September 2025" -> "2025-09" (the first month and year in text)."""
    match = re.search(rf"\b{_MONTH_RE}\s+(?P<year>(?:19|20)\d{{2}})\b", text or "", re.I)
    if not match:
        return None
    month = month_number(match.group("month"))
    return f"{match.group('year')}-{month:02d}" if month else None


def due_value(
    day: str | None = None,
    month: str | None = None,
    year: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> str | None:
    """A due date from its parts: day+month+year -> "2025-03-31", month+year -> "2025-09",
    start+end of a period ("25"/"2025", "26") -> "2025-26"."""
    if month:
        number = month_number(month)
        if not number or not year:
            return None
        full = full_year(year)
        if day:
            return _valid(full, number, int(day))
        return f"{full:04d}-{number:02d}"
    if start and end:
        first = full_year(start)
        last = int(end[-2:])
        if (last - first % 100) % 100 in (1, 2, 3):
            return f"{first}-{last:02d}"
    return None


def due_end(due: str | None) -> date | None:
    """The last day a due date or period allows: 2025-09 -> 30 Sep 2025; 2024-25 -> 31 Mar 2025."""
    if not due:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", due):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", due):
        year, second = int(m[1]), int(m[2])
        if 1 <= second <= 12 and second != (year + 1) % 100:
            return date(year, second, calendar.monthrange(year, second)[1])
    span = period_years(due)
    if span:
        first, last = span
        return date(last, 3, 31) if last > first else date(last, 12, 31)
    return None


def period_start_year(period: str | None, when: str | None = None) -> int:
    """The first year a document covers: 2013 for "2013-14", else the year of its date (0: unknown)."""
    span = period_years(period)
    if span:
        return span[0]
    return int(when[:4]) if when and when[:4].isdigit() else 0


def chronology_key(when: str | None, period: str | None) -> tuple[str, str]:
    """Documents in the order they appeared: by date, then (undated) by the end of their period."""
    if when:
        return when, period or ""
    span = period_years(period)
    if span:
        return f"{span[1]}-06-30", period or ""  # an undated report is published after its year ends
    return "9999", ""


def parse_year_range(value: str) -> tuple[int | None, int | None] | None:
    """'2013..2021' -> (2013, 2021); '2014' -> (2014, 2014); '2013-14' -> (2013, 2014); '..2020' -> (None, 2020)."""
    value = value.strip()
    span = period_years(value)
    if span:
        return span
    rng = re.fullmatch(r"((?:19|20)\d{2})?\s*(?:\.\.|–|-|to)\s*((?:19|20)\d{2})?", value)
    if rng and (rng.group(1) or rng.group(2)):
        start = int(rng.group(1)) if rng.group(1) else None
        end = int(rng.group(2)) if rng.group(2) else None
        if start and end and start > end:
            start, end = end, start
        return start, end
    return None


def overlaps(period: str | None, lo: int | None, hi: int | None) -> bool:
    """Whether a period touches the year range lo..hi (either end open)."""
    span = period_years(period)
    if span is None:
        return False
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


def human_date(iso: str | None, with_time: bool = True) -> str:
    """ "2026-12-03T09:14:05+00:00" -> "3 December 2026, 09:14"; "2025-01-21" -> "21 January 2025"."""
    if not iso:
        return ""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?", iso)
    if not match:
        return iso
    text = f"{int(match.group(3))} {MONTH_NAMES[int(match.group(2)) - 1].capitalize()} {match.group(1)}"
    if with_time and match.group(4):
        text += f", {match.group(4)}:{match.group(5)}"
    return text
