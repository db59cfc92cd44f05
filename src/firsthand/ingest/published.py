"""Publication times: every report carries a timezone-aware time and how precise it is."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REUTERS = "%d-%b-%Y %H:%M:%S.%f"


def _aware(value: datetime) -> datetime:
    # A time without a zone is taken as UTC: news metadata without an offset is most often UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_published(value: object) -> tuple[datetime, str]:
    """(time in UTC, precision) from an ISO string, an RFC 2822 date, a Reuters date or a struct_time.

    Anything else, and impossible times ("2023-02-30", year 0, a time that leaves the calendar
    once moved to UTC), raise ValueError naming the value.
    """
    try:
        when, precision = _parse(value)
        # In UTC here, so that storing it can never overflow (0001-01-01T00:00+05:00 has no UTC time).
        return when.astimezone(UTC), precision
    except (ValueError, TypeError, OverflowError) as error:
        detail = f" ({error})" if str(error) and not str(error).startswith("unreadable") else ""
        raise ValueError(f"unreadable publication time {str(value)[:80]!r}{detail}") from None


def _parse(value: object) -> tuple[datetime, str]:
    if isinstance(value, datetime):
        return _aware(value), "second"
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC), "second"
    if not isinstance(value, str) or not value.strip():
        raise ValueError("unreadable")
    text = value.strip()
    if _YEAR.match(text):
        return datetime(int(text), 1, 1, tzinfo=UTC), "year"
    if _MONTH.match(text):
        return datetime(int(text[:4]), int(text[5:7]), 1, tzinfo=UTC), "month"
    if _DAY.match(text):
        return datetime.fromisoformat(text).replace(tzinfo=UTC), "day"
    for parse in (datetime.fromisoformat, parsedate_to_datetime, lambda t: datetime.strptime(t, _REUTERS)):
        try:
            return _aware(parse(text)), "second"
        except (ValueError, TypeError, IndexError, OverflowError):
            continue
    raise ValueError("unreadable")
