"""Dates and numbers are written one way on pages, in PDFs and in messages (app/formatting.py),
and the templates use the same functions as filters."""

from __future__ import annotations

from datetime import date, datetime

from flask import render_template_string

from app import formatting


def test_dates_are_written_without_a_leading_zero_in_local_time():
    assert formatting.long_date(date(2026, 3, 3)) == "3 March 2026"
    assert formatting.long_date(None) == "" and formatting.date_time(None) == ""
    # Stored moments are naive UTC: 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    assert formatting.long_date(datetime(2026, 6, 30, 23, 30)) == "1 July 2026"
    assert formatting.date_time(datetime(2026, 6, 30, 23, 30)) == "1 July 2026 at 00:30"
    assert formatting.date_time(datetime(2026, 1, 5, 9, 7)) == "5 January 2026 at 09:07"
    assert formatting.short_date(date(2026, 3, 3)) == "03/03/2026"
    assert formatting.short_date(None) == ""
    assert formatting.date_range(date(2026, 3, 1), date(2026, 3, 31)) == (
        "1 March 2026 to 31 March 2026")


def test_a_period_names_the_shared_month_and_year_once():
    assert formatting.period(date(2026, 10, 22), date(2026, 11, 18)) == (
        "22 October to 18 November 2026")
    assert formatting.period(date(2026, 3, 1), date(2026, 3, 31)) == "1 to 31 March 2026"
    assert formatting.period(date(2025, 12, 3), date(2026, 1, 5)) == (
        "3 December 2025 to 5 January 2026")
    assert formatting.period(date(2026, 3, 4), date(2026, 3, 4)) == "4 March 2026"


def test_numbers_and_percentages():
    assert formatting.number(1234567) == "1,234,567" and formatting.number(12) == "12"
    assert formatting.decimal(2.25) == "2.2" and formatting.decimal(0.456, 2) == "0.46"
    assert formatting.percent(1, 3) == 33 and formatting.percent(2, 3) == 67
    assert formatting.percent(1, 8) == 12  # 12.5: halves go to the even neighbour
    assert formatting.percent(3, 8) == 38  # 37.5
    assert formatting.percent(5, 0) is None
    assert formatting.percent_text(1, 4) == "25%" and formatting.percent_text(0, 0) == "0%"


def test_templates_use_the_same_functions(app):
    with app.test_request_context():
        out = render_template_string(
            "{{ d | long_date }}|{{ t | date_time }}|{{ n | number }}|{{ x | decimal }}|"
            "{{ x | decimal(2) }}|{{ 1 | percent_of(8) }}|{{ none | chart_svg }}",
            d=date(2026, 3, 3), t=datetime(2026, 6, 30, 23, 30), n=12345, x=2.345)
    assert out == "3 March 2026|1 July 2026 at 00:30|12,345|2.3|2.35|12%|"
