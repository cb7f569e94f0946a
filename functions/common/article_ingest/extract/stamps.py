"""Reading date strings: ISO 8601 stamps in their own offset, and the dates pages print.

A wrong date is worse than none: a value that names no real day, or an all-numeric date that reads
both ways, gives None.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .byline import parse_date

ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
# A date stored as local midnight in central or eastern Europe (UTC+1/+2) reads 23:00 or 22:00 UTC.
LOCAL_MIDNIGHT_UTC_HOURS = (22, 23)


def local_iso(value: str) -> str | None:
    """ISO 8601 in the stamp's own offset, or None when the value is not ISO 8601.

    A UTC stamp at exactly 22:00 or 23:00 is a bare date a CMS stored as local midnight east of
    UTC: it is the next day, given as a date only because the page's offset is unknown."""
    value = value.strip()
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None  # also "2022-29-11": a stamp that names no real day is not trusted
    if len(value) <= len("2022-01-31"):
        return stamp.date().isoformat()  # a bare date stays one, without an invented midnight
    at_full_hour = not (stamp.minute or stamp.second or stamp.microsecond)
    if stamp.utcoffset() == timedelta(0) and stamp.hour in LOCAL_MIDNIGHT_UTC_HOURS and at_full_hour:
        return (stamp.date() + timedelta(days=1)).isoformat()
    return stamp.isoformat()


def read_date(text: str) -> str | None:
    """ISO 8601 for a written date (with the time when one is written), else None."""
    return parse_date(text)


def written_day(stamp: str | None) -> str | None:
    """The YYYY-MM-DD a stamp starts with, as written (no offset applied)."""
    match = ISO_DAY.match(stamp or "")
    return match[1] if match else None
