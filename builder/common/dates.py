"""The date stamped into outputs: never the clock, so the same source gives the same bytes.

Every output that carries a date (a PDF's creation date, a form's date, MkDocs' sitemap, a
zip's file times) takes it from here: ``SOURCE_DATE_EPOCH`` when it is set (whole seconds since
1970, the reproducible-builds convention), else a date from the source itself (an approval or a
version date), else 1 January 2000.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os

VARIABLE = "SOURCE_DATE_EPOCH"
FALLBACK = dt.date(2000, 1, 1)
ZIP_EARLIEST = (1980, 1, 1, 0, 0, 0)      # the earliest time a zip can hold
_ZIP_EARLIEST_EPOCH = 315532800            # 1980-01-01T00:00:00Z


def source_epoch() -> str:
    """``SOURCE_DATE_EPOCH`` as given when it is whole seconds, else ""."""
    epoch = os.environ.get(VARIABLE, "")
    return epoch if epoch.isdigit() else ""


def source_time(date: dt.date | None = None) -> dt.datetime:
    """The time stamped into an output made from a source dated ``date``: SOURCE_DATE_EPOCH,
    else midnight (UTC) of ``date``, else of 1 January 2000."""
    epoch = source_epoch()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    date = date or FALLBACK
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def source_day(date: dt.date | None = None) -> dt.date:
    """The day of ``source_time(date)``."""
    return source_time(date).date()


def epoch_text(time: dt.datetime) -> str:
    """SOURCE_DATE_EPOCH when it is set, else ``time`` as whole seconds since 1970."""
    return source_epoch() or str(int(time.timestamp()))


def zip_time() -> tuple[int, int, int, int, int, int]:
    """The time given to every file in a zip: SOURCE_DATE_EPOCH (1980 at the earliest, which is
    as early as a zip goes), else 1 January 1980."""
    epoch = source_epoch()
    if not epoch:
        return ZIP_EARLIEST
    t = dt.datetime.fromtimestamp(max(int(epoch), _ZIP_EARLIEST_EPOCH), dt.UTC)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


@contextlib.contextmanager
def epoch_set(epoch: str):
    """SOURCE_DATE_EPOCH set to ``epoch`` inside the block (for a library that reads it, as
    MkDocs does), and as it was afterwards."""
    saved = os.environ.get(VARIABLE)
    os.environ[VARIABLE] = epoch
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(VARIABLE, None)
        else:
            os.environ[VARIABLE] = saved
