"""Reading dates, in one place: a single value (:func:`parse_date`), a column of any pandas
dtype (:func:`date_column`) and the extractor's ISO strings (:func:`iso_days`).

>>> parse_date("2022-02-17")
datetime.date(2022, 2, 17)
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from geomap.errors import InputError

__all__ = ["DateLike", "date_column", "iso_days", "parse_date"]

# What a date parameter takes: an ISO string, a date or datetime, a pandas or numpy timestamp.
DateLike = str | dt.date | dt.datetime | pd.Timestamp | np.datetime64 | None


def parse_date(value: object) -> dt.date:
    """A calendar date from a string (ISO 8601), date, datetime, pandas or numpy timestamp.

    Raises :class:`~geomap.errors.InputError` (a ``ValueError``) for anything else.

    >>> parse_date(pd.Timestamp("2022-02-17 23:10"))
    datetime.date(2022, 2, 17)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (str, np.datetime64, pd.Timestamp)) \
            and not (isinstance(value, str) and not value.strip()):
        try:
            stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
        except (ValueError, TypeError, OverflowError) as exc:
            raise InputError(f"not a date: {value!r} (expected YYYY-MM-DD)") from exc
        if not pd.isna(stamp):
            return stamp.date()
    raise InputError(f"not a date: {value!r} (expected YYYY-MM-DD)")


def date_column(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column of dates as datetime64[D] (NaT where unusable) and the reason per row (None,
    "no date" or "unreadable date"). Text in any dtype (object, pandas' ``str`` and ``string``)
    is read with mixed formats row by row, so ISO dates, timestamps with zones and written-out
    dates can share a column.

    >>> days, why = date_column(pd.Series(["2022-03-05T10:00:00Z", "17 February 2022", "2022/02/18",
    ...                                    None, "soon"], dtype="string"))
    >>> [str(d) for d in days], why.tolist()
    (['2022-03-05', '2022-02-17', '2022-02-18', 'NaT', 'NaT'], [None, None, None, 'no date', 'unreadable date'])
    """  # noqa: E501
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        parsed = pd.to_datetime(values, errors="coerce", utc=True)
    else:
        parsed = pd.to_datetime(values.astype(object), errors="coerce", utc=True, format="mixed")
    days = parsed.dt.tz_localize(None).to_numpy().astype("datetime64[D]")
    reason = np.full(len(values), None, dtype=object)
    missing = pd.isna(values).to_numpy()
    reason[missing] = "no date"
    reason[~missing & np.isnat(days)] = "unreadable date"
    return days, reason


def iso_days(dates: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """Dates written as ISO ``YYYY-MM-DD`` or None (as the extractor writes them) read as
    :func:`date_column` reads them, without pandas' format guessing: datetime64[D] (NaT where
    missing) and the reason per row.

    >>> iso_days(["2022-02-17", None])[1].tolist()
    [None, 'no date']
    """
    days = np.array(dates, dtype="datetime64[D]")
    reason = np.full(len(days), None, dtype=object)
    reason[np.isnat(days)] = "no date"
    return days, reason
