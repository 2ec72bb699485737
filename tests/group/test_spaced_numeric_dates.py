"""A numeric date with spaced separators meets the same day/month rule as an unspaced one."""

from __future__ import annotations

from storyline.clean.published import parse_date


def test_a_spaced_ambiguous_date_is_not_read() -> None:
    # 12 February or 2 December: in doubt, whatever the spacing.
    assert parse_date("12/2/2010 1:31 AM") is None
    assert parse_date("12/2 / 2010 1:31 AM") is None
    assert parse_date("4/9 / 2007 6:04 PM") is None


def test_a_spaced_date_whose_day_cannot_be_a_month_is_read() -> None:
    parsed = parse_date("2/13 / 2010 1:41 PM")
    assert parsed is not None and parsed.iso == "2010-02-13T13:41:00"
    parsed = parse_date("13/2 / 2010")
    assert parsed is not None and parsed.iso == "2010-02-13"
