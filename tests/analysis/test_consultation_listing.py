"""The responses list's query (app/analysis/consultation_listing.py): each response's status
from what is stored, every filter and the search alone and together, and pages of the result."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.analysis import consultation_listing as cl
from app.analysis.consultation_listing import Filters, Status
from app.definitions import get_survey
from app.extensions import db
from app.models import record
from tests.support.consultation_responses import add_response


@pytest.fixture
def review(app):
    """Five responses to the framework review (A oldest, E newest), and one to another
    consultation that says the same words."""
    survey = get_survey("framework_review", kind="consultation")
    rows = {
        "A": add_response(survey, 0, "Better examples for wards", type_="nhs_provider",
                          consent="publish_with_name", published=True),
        "B": add_response(survey, 1, "Nothing about night shifts", type_="staff",
                          consent="publish_anonymously", redactions=1),
        "C": add_response(survey, 2, "Ask Dr Smith about 50% of it", type_="trade_union",
                          consent="do_not_publish"),
        "D": add_response(survey, 3, "A reply with no type", consent=None),
        "E": add_response(survey, 4, "Wards and night rotas", type_="staff",
                          consent="publish_anonymously", published=True, redactions=2),
    }
    other = get_survey("ics_wellbeing_offer", kind="consultation")
    add_response(other, 9, "Nothing about night shifts either", type_="staff")
    db.session.commit()
    return survey, rows


def _refs(survey, rows, **filters) -> list[str]:
    """The letters of the responses listed (newest first) for these filters."""
    by_ref = {row.reference: letter for letter, row in rows.items()}
    found = cl.listing(survey, Filters(**filters), per_page=100)
    return [by_ref[item.response.reference] for item in found.rows]


def test_each_response_has_its_status_from_what_is_stored(review):
    survey, rows = review
    listed = {item.response.reference: item for item in
              cl.listing(survey, Filters()).rows}
    statuses = {letter: listed[row.reference].statuses for letter, row in rows.items()}
    assert statuses == {
        "A": (Status.PUBLISHED,),
        "B": (Status.PUBLISHABLE, Status.REDACTED),
        "C": (Status.PRIVATE,),
        "D": (Status.PRIVATE,),
        "E": (Status.PUBLISHED, Status.REDACTED),
    }
    assert listed[rows["E"].reference].redactions == 2


def test_text_removed_by_retention_marks_what_was_sent_before_it(review):
    survey, rows = review
    assert _refs(survey, rows, status="text_removed") == []
    # As app.retention.apply records a removal; a response sent after it keeps its text.
    record(cl.RETENTION_APPLIED, survey.id, actor="system").at = datetime(2020, 3, 4)
    record(cl.RETENTION_APPLIED, "framework_review wave 3").at = datetime(2020, 3, 9)
    db.session.commit()
    assert _refs(survey, rows, status="text_removed") == ["C", "B", "A"]
    listed = {i.response.reference: i.statuses for i in cl.listing(survey, Filters()).rows}
    assert listed[rows["C"].reference] == (Status.PRIVATE, Status.TEXT_REMOVED)
    assert listed[rows["D"].reference] == (Status.PRIVATE,)


@pytest.mark.parametrize("filters, expected", [
    ({}, ["E", "D", "C", "B", "A"]),
    ({"status": "published"}, ["E", "A"]),
    ({"status": "publishable"}, ["B"]),
    ({"status": "private"}, ["D", "C"]),
    ({"status": "redacted"}, ["E", "B"]),
    ({"type": "staff"}, ["E", "B"]),
    ({"type": "not-given"}, ["D"]),
    ({"type": "partner_org"}, []),
    ({"consent": "publish_anonymously"}, ["E", "B"]),
    ({"consent": "do_not_publish"}, ["C"]),
    ({"consent": "not_asked"}, ["D"]),
    ({"q": "night"}, ["E", "B"]),  # not the other consultation's "night shifts"
    ({"q": "NIGHT Shifts"}, ["B"]),  # any case
    ({"q": "wards"}, ["E", "A"]),
    ({"q": "50%"}, ["C"]),  # % and _ are the characters typed, not wildcards
    ({"q": "5_%"}, []),
    ({"q": "nhs_provider"}, []),  # a choice's stored value is not written text
    ({"q": "no words like these"}, []),
    ({"q": "night", "status": "published"}, ["E"]),
    ({"q": "night", "status": "publishable", "type": "staff"}, ["B"]),
    ({"type": "staff", "consent": "publish_anonymously", "status": "redacted"}, ["E", "B"]),
    ({"type": "staff", "status": "private"}, []),
])
def test_filters_and_search_alone_and_together(review, filters, expected):
    survey, rows = review
    assert _refs(survey, rows, **filters) == expected
    found = cl.listing(survey, Filters(**filters))
    assert (found.matching, found.total) == (len(expected), 5)


def test_a_reference_is_found_by_part_of_it_in_any_case(review):
    survey, rows = review
    part = rows["C"].reference[4:9].lower()
    assert _refs(survey, rows, q=part) == ["C"]


def test_pages_of_a_filtered_list(review):
    survey, rows = review
    by_ref = {row.reference: letter for letter, row in rows.items()}

    def page(n: int, per_page: int = 2, **filters):
        found = cl.listing(survey, Filters(**filters), page=n, per_page=per_page)
        return found, [by_ref[i.response.reference] for i in found.rows]

    found, letters = page(1)
    assert letters == ["E", "D"] and (found.pages, found.first, found.last) == (3, 1, 2)
    found, letters = page(3)
    assert letters == ["A"] and (found.first, found.last) == (5, 5)
    found, letters = page(99)  # past the last page: the last
    assert letters == ["A"] and found.page == 3
    found, letters = page(2, per_page=1, status="published")
    assert letters == ["A"] and (found.pages, found.matching, found.total) == (2, 2, 5)
    found, letters = page(1, q="no words like these")
    assert letters == [] and (found.pages, found.first, found.last) == (1, 0, 0)


def test_values_the_page_does_not_offer_are_dropped(review):
    survey, _rows = review
    args = {"q": "  night \t shifts ", "status": "archived", "type": "'; drop table",
            "consent": "yes"}
    assert Filters.from_args(args, survey) == Filters(q="night shifts")
    assert Filters.from_args({"q": "x" * 5000}, survey).q == "x" * cl.MAX_QUERY
    assert Filters.from_args({"type": "staff", "consent": "not_asked"}, survey).params() == {
        "type": "staff", "consent": "not_asked"}
