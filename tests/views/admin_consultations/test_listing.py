"""The responses list page (app/views/admin_consultations/listing.py): a status per row, the
search and filters as GET parameters, the count, "Clear filters", pages that keep the filters,
and no error for any address."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from app.analysis import consultation_listing
from app.definitions import get_survey
from app.extensions import db
from tests.support.consultation_responses import add_response

URL = "/admin/consultations/framework_review/responses/"


class _Table(HTMLParser):
    """The responses table's body rows, each a list of its cells' text."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_body = self._in_cell = self._in_label = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("id", "responses-table") in attrs:
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag == "td":
            self._in_cell = True
            self.rows[-1].append("")
        elif self._in_cell and ("class", "nhsuk-table__heading") in attrs:
            self._in_label = True  # the column's name, shown beside the value on a phone

    def handle_endtag(self, tag):
        if tag == "span" and self._in_label:
            self._in_label = False
        elif tag == "td":
            self._in_cell = False
        elif tag == "table":
            self._in_table = self._in_body = False

    def handle_data(self, data):
        if self._in_cell and not self._in_label:
            self.rows[-1][-1] += data


def _rows(html: str) -> list[list[str]]:
    table = _Table()
    table.feed(html)
    return [[" ".join(cell.split()) for cell in row] for row in table.rows]


def _count(html: str) -> str:
    return " ".join(re.search(r'<p id="response-count">(.*?)</p>', html, re.S).group(1).split())


@pytest.fixture
def listed(app, admin_client):
    survey = get_survey("framework_review", kind="consultation")
    rows = [
        add_response(survey, 0, "Better examples for wards", type_="nhs_provider",
                     consent="publish_with_name", published=True),
        add_response(survey, 1, "Nothing about night shifts", type_="staff",
                     consent="publish_anonymously", redactions=1),
        add_response(survey, 2, "Ask Dr Smith", type_="trade_union", consent="do_not_publish"),
    ]
    db.session.commit()
    return [r.reference for r in rows]


def test_every_row_shows_its_status_as_tags(listed, admin_client):
    html = admin_client.get(URL).text
    rows = _rows(html)
    assert [r[0] for r in rows] == listed[::-1]  # newest first
    assert [(r[2], r[3], r[4]) for r in rows] == [
        ("Trade union partner", "No", "Not for publication"),
        ("Member of NHS staff", "Anonymously", "Can be published Redacted"),
        ("NHS provider organisation", "With name", "Published"),
    ]
    assert 'class="nhsuk-tag nhsuk-tag--orange"' in html and "What the statuses mean" in html
    assert _count(html) == "3 responses."
    assert "Clear filters" not in html


def test_filters_are_get_parameters_with_a_count_and_a_way_back(listed, admin_client):
    html = admin_client.get(URL, query_string={"q": "night", "type": "staff"}).text
    assert [r[0] for r in _rows(html)] == [listed[1]]
    assert _count(html) == "1 of 3 responses."
    # The form shows what was asked, so the list can be narrowed further.
    assert 'value="night"' in html and re.search(r'<option value="staff" selected', html)
    clear = re.search(r'<a href="([^"]+)" id="clear-filters">Clear filters</a>', html)
    assert clear and clear.group(1) == URL
    published = admin_client.get(URL, query_string={"status": "published"}).text
    assert [r[0] for r in _rows(published)] == [listed[0]]
    refused = admin_client.get(URL, query_string={"consent": "do_not_publish"}).text
    assert [r[0] for r in _rows(refused)] == [listed[2]]


def test_no_match_says_so_and_offers_the_whole_list(listed, admin_client):
    html = admin_client.get(URL, query_string={"q": "nobody wrote this", "status": "redacted"})
    assert html.status_code == 200
    assert _rows(html.text) == [] and _count(html.text) == "0 of 3 responses."
    assert "No response matches these filters" in html.text and "to see all 3" in html.text


def test_pages_keep_the_filters(app, admin_client, monkeypatch):
    monkeypatch.setattr(consultation_listing, "PER_PAGE", 2)
    survey = get_survey("framework_review", kind="consultation")
    refs = [add_response(survey, n, f"Comment {n}", type_="staff" if n % 2 else "other").reference
            for n in range(7)]
    db.session.commit()
    staff_newest_first = [refs[5], refs[3], refs[1]]
    first = admin_client.get(URL, query_string={"type": "staff"}).text
    assert [r[0] for r in _rows(first)] == staff_newest_first[:2]
    assert _count(first) == "3 of 7 responses: showing 1 to 2."
    links = re.findall(r'class="nhsuk-pagination__link[^"]*" href="([^"]+)"', first)
    links += re.findall(r'href="([^"]+)"[^>]*class="nhsuk-pagination__link', first)
    assert links, "no page links"
    for link in links:
        assert parse_qs(urlsplit(link.replace("&amp;", "&")).query)["type"] == ["staff"]
    second = admin_client.get(URL, query_string={"type": "staff", "page": "2"}).text
    assert [r[0] for r in _rows(second)] == staff_newest_first[2:]
    assert _count(second) == "3 of 7 responses: showing 3 to 3."
    assert "(page 2 of 2)" in second


@pytest.mark.parametrize("query", [
    {"page": "0"}, {"page": "-1"}, {"page": "abc"}, {"page": "99999999999999999999"},
    {"page": "9"}, {"status": "nonsense"}, {"type": "<script>"}, {"consent": "%"},
    {"q": "%_\\'\"; --"}, {"q": "x" * 10000}, {"q": "\x00"},
])
def test_bad_parameters_never_give_an_error(listed, admin_client, query):
    response = admin_client.get(URL, query_string=query)
    assert response.status_code == 200
    assert "<script>" not in response.text
