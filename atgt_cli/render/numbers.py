"""Numbers as Vietnamese documents write them: a dot between thousands, a decimal comma
("1.200", "81,8%"), one rounding rule (half up, one decimal) and "–" where there are no data."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NO_DATA = "–"


def rounded(value: float, places: int = 1) -> Decimal:
    """The one rounding rule of every document: half up (81,75 → 81,8), not to even."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: float | None, places: int = 1) -> str:
    if value is None:
        return NO_DATA
    shown = rounded(value, places)
    whole, _, fraction = f"{abs(shown):f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    fraction = fraction.rstrip("0")
    sign = "-" if shown < 0 else ""
    return f"{sign}{groups},{fraction}" if fraction else f"{sign}{groups}"


def percent(value: float | None) -> str:
    return NO_DATA if value is None else f"{number(value)}%"
