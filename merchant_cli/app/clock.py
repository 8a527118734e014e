"""The date a report is written as of: `--today`, else SOURCE_DATE_EPOCH, else the clock.

The report says how old the evidence is ("22 months ago"); fixing the date makes
the same answers give byte-identical output on any day, as reproducible builds
do with SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/).
"""

from __future__ import annotations

import datetime as dt
import os

from merchant_cli.core.errors import UsageError
from merchant_cli.core.said import say


def date_argument(text: str) -> dt.date:
    """`--today YYYY-MM-DD`: a bad value is a usage error (exit 2), in the run's language."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(say("date.bad_today", value=repr(text))) from None


def report_date(given: dt.date | None) -> dt.date:
    """`given` (from --today) wins; then SOURCE_DATE_EPOCH, read as a UTC date; then today."""
    if given is not None:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.date.today()
    # The spec: an integer of decimal digits, seconds since 1970-01-01 00:00:00 UTC.
    hint = say("date.epoch_hint")
    if not (epoch.isascii() and epoch.isdigit()):
        raise UsageError(say("date.bad_epoch", value=repr(epoch)), hint=hint)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        raise UsageError(say("date.epoch_range", value=epoch), hint=hint) from None
