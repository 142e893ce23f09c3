"""Importing NHS Staff Survey theme scores from CSV: a good file is stored as written; a file
with any bad line stores nothing and says what is wrong on which line; a year imported again
replaces that year for the organisations in the file, and nothing else."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from app.models.national_survey import StaffSurveyScore
from app.national_survey import MAX_BYTES, ScoresRefused, parse, store

HEADER = "organisation code,year,theme,score,benchmark-group median\n"
LAST_YEAR = 2026


def stored() -> set[tuple]:
    return {(s.organisation.code, s.year, s.theme, s.score, s.benchmark_median)
            for s in db.session.scalars(select(StaffSurveyScore))}


def import_text(text: str, actor="tester@example.nhs.uk") -> int:
    count = store(parse(text.encode("utf-8"), LAST_YEAR), actor)
    db.session.commit()
    return count


def refusal(text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(ScoresRefused) as refused:
        parse(data, LAST_YEAR)
    return refused.value.errors


def test_a_good_file_is_stored_as_written(orgs):
    text = ("\ufeff Organisation Code ,YEAR,Theme,  Score,Benchmark group median\r\n"
            "ra1,2025,We are safe and healthy,5.9,6.1\r\n"
            "RA1,2025,  staff   ENGAGEMENT ,6.85,6.8\r\n"
            ",,,,\r\n"
            "RB2,2024,Morale,10,5\r\n")
    assert import_text(text) == 3
    assert stored() == {("RA1", 2025, "safe_and_healthy", 5.9, 6.1),
                        ("RA1", 2025, "staff_engagement", 6.85, 6.8),
                        ("RB2", 2024, "morale", 10.0, 5.0)}
    row = db.session.scalars(select(StaffSurveyScore)).first()
    assert row.imported_by == "tester@example.nhs.uk"


def test_columns_may_come_in_any_order(orgs):
    import_text("score,Theme,year,benchmark_group_median,organisation-code\n"
                "6.2,We are a team,2025,6.4,RB2\n")
    assert stored() == {("RB2", 2025, "we_are_a_team", 6.2, 6.4)}


GOOD = "RA1,2025,We are safe and healthy,5.9,6.1\n"


@pytest.mark.parametrize("line, expected", [
    ("XX9,2025,We are safe and healthy,5.9,6.1", "Line 3: no organisation has the code 'XX9'"),
    (",2025,We are safe and healthy,5.9,6.1", "Line 3: the organisation code is missing"),
    ("=HYPERLINK(\"http://x\"),2025,Morale,5,5", "Line 3: no organisation has the code "
                                                "'=HYPERLINK(\"http://x\")'"),
    ("RA1,2019,We are safe and healthy,5.9,6.1", "Line 3: the year '2019' is not a survey "
                                                 "year from 2021 to 2026"),
    ("RA1,2027,We are safe and healthy,5.9,6.1", "Line 3: the year '2027'"),
    ("RA1,25,We are safe and healthy,5.9,6.1", "Line 3: the year '25'"),
    ("RA1,2025,We are happy,5.9,6.1", "Line 3: 'We are happy' is not an NHS Staff Survey "
                                      "theme (expected one of: We are compassionate"),
    ("RA1,2025,Morale,11,6.1", "Line 3: the score '11' is not a score from 0 to 10"),
    ("RA1,2025,Morale,10.5,6.1", "Line 3: the score '10.5'"),
    ("RA1,2025,Morale,-1,6.1", "Line 3: the score '-1'"),
    ("RA1,2025,Morale,\"5,9\",6.1", "Line 3: the score '5,9'"),
    ("RA1,2025,Morale,nan,6.1", "Line 3: the score 'nan'"),
    ("RA1,2025,Morale,1e1,6.1", "Line 3: the score '1e1'"),
    ("RA1,2025,Morale,=5+1,6.1", "Line 3: the score '=5+1' is not a score"),
    ("RA1,2025,Morale,+5.9,6.1", "Line 3: the score '+5.9'"),
    ("RA1,2025,Morale,5.9,", "Line 3: the benchmark-group median is missing"),
    ("RA1,2025,Morale,5.9,six", "Line 3: the benchmark-group median 'six' is not a score"),
    ("RA1,2025,Morale,5.9", "Line 3: has 4 cells where the headings name 5"),
    ("RA1,2025,Morale,5.9,6.1,extra", "Line 3: has 6 cells where the headings name 5"),
    ("ra1 ,2025,we are SAFE and healthy,6,6", "Line 3: repeats the score for \u2018We are "
                                              "safe and healthy\u2019, RA1, 2025 (line 2)"),
])
def test_a_bad_line_refuses_the_whole_file(orgs, line, expected):
    errors = refusal(HEADER + GOOD + line + "\n" + "RB2,2025,Morale,5,5\n")
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    assert stored() == set()


def test_every_bad_line_is_listed_and_nothing_changes(orgs):
    import_text(HEADER + GOOD)
    errors = refusal(HEADER + "RA1,2025,Morale,5,5\nXX1,2025,Morale,5,5\n"
                     "RA1,2025,We work flexibly,12,5\n")
    assert [e.split(":")[0] for e in errors] == ["Line 3", "Line 4"]
    assert stored() == {("RA1", 2025, "safe_and_healthy", 5.9, 6.1)}


def test_one_line_may_have_several_problems(orgs):
    errors = refusal(HEADER + "XX1,1999,Moral,12,-3\n")
    assert len(errors) == 5 and all(e.startswith("Line 2: ") for e in errors)


@pytest.mark.parametrize("header, expected", [
    ("organisation code,year,theme,score\n", "Line 1: missing column \u2018benchmark-group "
                                             "median\u2019"),
    ("org,year,theme,score,benchmark-group median\n", "Line 1: the column 'org' is not one "
                                                      "this import reads"),
    ("organisation code,year,theme,score,score,benchmark-group median\n",
     "Line 1: the column \u2018score\u2019 appears twice"),
])
def test_the_headings_must_name_the_five_columns(orgs, header, expected):
    errors = refusal(header + GOOD)
    assert any(e.startswith(expected) for e in errors), errors


@pytest.mark.parametrize("data, expected", [
    (b"", "The file is empty"),
    (b" \n\n", "The file is empty"),
    (HEADER.encode(), "The file has no scores under its headings"),
    ((HEADER + "RA1,2025,Morale,5,5\n").encode("utf-16"), "The file is not a CSV file in UTF-8"),
    (HEADER.encode() + b"RA1,2025,Moral\xe9,5,5\n", "The file is not a CSV file in UTF-8"),
    (HEADER.encode() + b"x" * MAX_BYTES, "The file is larger than 1 MB"),
])
def test_a_file_that_is_not_scores_is_refused(orgs, data, expected):
    errors = refusal(data)
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    assert stored() == set()


def test_a_cell_too_long_for_csv_is_a_line_problem(orgs):
    errors = refusal(HEADER + 'RA1,2025,"' + "x" * 200_000 + '",5,5\n')
    assert errors[0].startswith("Line 2: cannot be read as CSV")


def test_messages_quote_cells_short_and_printable(orgs):
    errors = refusal(HEADER + "RA1,2025," + "\x07" + "y" * 100 + ",5,5\n")
    assert errors[0].startswith("Line 2: '?yyyy") and "\x07" not in errors[0]
    assert len(errors[0]) < 500


def test_the_list_stops_after_fifty_problems(orgs):
    errors = refusal(HEADER + "XX1,2025,Morale,5,5\n" * 80)
    assert len(errors) == 51 and errors[-1] == "Stopped after 50 problems: fix these first"


def test_importing_a_year_again_replaces_it_for_those_organisations_only(orgs):
    import_text(HEADER + "RA1,2024,Morale,5.5,5.6\n"
                "RA1,2025,Morale,5.9,6.0\nRA1,2025,We work flexibly,6.1,6.2\n"
                "RB2,2025,Morale,7.0,6.0\n")
    import_text(HEADER + "RA1,2025,Morale,6.3,6.0\n")
    assert stored() == {("RA1", 2024, "morale", 5.5, 5.6),
                        ("RA1", 2025, "morale", 6.3, 6.0),
                        ("RB2", 2025, "morale", 7.0, 6.0)}


def test_importing_is_in_the_audit_log(orgs):
    import_text(HEADER + "RB2,2025,Morale,7,6\nRA1,2024,Morale,5,5\n")
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "staff_survey_scores_imported")).one()
    assert event.target == "RA1, RB2" and event.detail_dict == {"scores": 2,
                                                                 "years": [2024, 2025]}
