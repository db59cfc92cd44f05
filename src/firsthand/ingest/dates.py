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
    """(time, precision) from an ISO string, an RFC 2822 date, a Reuters date or a struct_time."""
    if isinstance(value, datetime):
        return _aware(value), "second"
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC), "second"
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"unreadable publication time {value!r}")
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
        except (ValueError, TypeError, IndexError):
            continue
    raise ValueError(f"unreadable publication time {value!r}")
