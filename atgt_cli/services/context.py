"""What every write needs to know besides its data: which day it is and who acts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# People at a session, members of a unit: anything larger is a typo, and SQLite's INTEGER
# stops at 2**63 (a larger Python int fails inside the driver, far from the option's name).
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class Env:
    today: dt.date  # the one "today" of every rule (--today / ATGT_TODAY fix it)
    actor: str  # who makes the change, for the audit log

    def day(self, text: str, *, field: str) -> dt.date:
        """A date as typed (17/8/2023, 2023-08-17, hôm nay); a bad one names its field."""
        from atgt_cli.dates import DateError, parse_user_date
        from atgt_cli.errors import InputError

        try:
            return parse_user_date(text, self.today)
        except DateError as exc:
            raise InputError(f"{field}: {exc}") from None

    def span(
        self, *, month: str | None, start: str | None, end: str | None
    ) -> tuple[str | None, str | None]:
        """--month, --from and --to as an ISO range (the ends given override the month's)."""
        from atgt_cli.dates import DateError, month_bounds, parse_month
        from atgt_cli.errors import InputError

        first = last = None
        if month:
            try:
                first_day, last_day = month_bounds(*parse_month(month))
            except DateError as exc:
                raise InputError(f"--month: {exc}") from None
            first, last = first_day.isoformat(), last_day.isoformat()
        if start:
            first = self.day(start, field="--from").isoformat()
        if end:
            last = self.day(end, field="--to").isoformat()
        return first, last


def utc_now() -> str:
    """The wall clock, for audit and load times (not for rules: those read Env.today)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
