from datetime import date, datetime

import pytest

from ragclone.dates import (
    MAX_KEY,
    MIN_KEY,
    check_order,
    end_key,
    normalize_date,
    period_end,
    period_start,
    start_key,
)
from ragclone.errors import ConfigError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019", "2019"),
        ("2019-6", "2019-06"),
        ("2019-06-14", "2019-06-14"),
        (" 2019-06 ", "2019-06"),
        ("2019-06-14T10:30:00", "2019-06-14"),
        (date(2020, 2, 29), "2020-02-29"),
        (datetime(2021, 1, 2, 3, 4), "2021-01-02"),
    ],
)
def test_normalize_date_accepts_partial_and_full_dates(value: object, expected: str) -> None:
    assert normalize_date(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", ["2019-02-30", "2021-02-29", "2019-13", "19", "June 2019", "", 2019]
)
def test_normalize_date_rejects_impossible_dates(value: object) -> None:
    with pytest.raises(ConfigError, match="not a date"):
        normalize_date(value)  # type: ignore[arg-type]


def test_partial_dates_name_whole_periods() -> None:
    assert period_start("2019") == date(2019, 1, 1)
    assert period_end("2019") == date(2019, 12, 31)
    assert period_start("2020-02") == date(2020, 2, 1)
    assert period_end("2020-02") == date(2020, 2, 29)
    assert period_end("2019-06-14") == date(2019, 6, 14)


def test_keys_order_days_and_open_ends() -> None:
    assert start_key(None) == MIN_KEY
    assert end_key(None) == MAX_KEY
    assert start_key("2019-06") == 20190601
    assert end_key("2019-06") == 20190630
    assert start_key("2019-06-14") < end_key("2019-06-14") + 1


def test_check_order_rejects_an_end_before_the_start() -> None:
    check_order("2019-06", "2019")  # June 2019 lies inside 2019: fine
    check_order("2019", "2019-03")
    with pytest.raises(ConfigError, match="before valid_from"):
        check_order("2020", "2019-12-31")
