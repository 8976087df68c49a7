"""Danish working days: weekends and public holidays (helligdage) are not working days.

Deadlines such as "first screening within 5 working days" count these. Great
Prayer Day (store bededag) stopped being a holiday from 2024.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1),
        easter - timedelta(days=3),  # skærtorsdag
        easter - timedelta(days=2),  # langfredag
        easter,
        easter + timedelta(days=1),  # 2. påskedag
        easter + timedelta(days=39),  # Kristi himmelfartsdag
        easter + timedelta(days=49),  # pinsedag
        easter + timedelta(days=50),  # 2. pinsedag
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if year < 2024:
        days.add(easter + timedelta(days=26))  # store bededag
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date ``count`` working days after ``start`` (start itself not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
