"""The consultation responses download says which responses were redacted for publication, how
many passages, and each one's question and reason, read back as a spreadsheet would: CSV with
csv, the workbook with openpyxl. The passage itself is never in those columns."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from flask.testing import FlaskClient

from app.definitions import get_survey
from app.extensions import db
from tests.support.clients import PASSWORD
from tests.support.consultation_responses import add_response

BASE = "/admin/consultations/framework_review"


@pytest.fixture
def redacted(app, make_user):
    survey = get_survey("framework_review", kind="consultation")
    plain = add_response(survey, 0, "Nothing to hide here", consent="publish_anonymously")
    once = add_response(survey, 1, "Smith was unhelpful", consent="publish_anonymously",
                        redactions=1)
    twice = add_response(survey, 2, "Jones and Patel again", consent="publish_with_name",
                         redactions=2)
    db.session.commit()
    # Flask's own client: a streamed body is read in the context its request ran in.
    client = FlaskClient(app, app.response_class, use_cookies=True)
    user = make_user("admin")
    assert client.post("/sign-in", data={"email": user.email,
                                         "password": PASSWORD}).status_code == 302
    return client, {"plain": plain.reference, "once": once.reference, "twice": twice.reference}


def _by_reference(rows: list[dict]) -> dict[str, dict]:
    return {row["reference"]: row for row in rows}


def _csv_rows(client) -> list[dict]:
    response = client.get(f"{BASE}/responses.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _xlsx_rows(client) -> list[dict]:
    response = client.get(f"{BASE}/responses.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    head, *body = sheet.iter_rows(values_only=True)
    return [dict(zip(head, [cell or "" for cell in row], strict=True)) for row in body]


@pytest.mark.parametrize("read", [_csv_rows, _xlsx_rows], ids=["csv", "xlsx"])
def test_each_response_says_whether_and_why_it_was_redacted(redacted, read):
    client, refs = redacted
    rows = _by_reference(read(client))
    columns = ("redacted", "redactions", "redaction reasons")
    assert tuple(rows[refs["plain"]][c] for c in columns) == ("no", "0", "")
    assert tuple(rows[refs["once"]][c] for c in columns) == (
        "yes", "1", "what_was_missing: Names someone")
    assert tuple(rows[refs["twice"]][c] for c in columns) == (
        "yes", "2", "what_was_missing: Names someone; what_was_missing: Reason 2")
    # Exactly these words: the passages ("Smith", "Jones", "and") are not in the redaction
    # columns. The answer is kept as it was sent (admins analyse every word; redaction governs
    # what is published).
    assert rows[refs["once"]]["what_was_missing"] == "Smith was unhelpful"
