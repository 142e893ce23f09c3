"""Upload and body size limits: anything over MAX_CONTENT_LENGTH gets the 413 page, whether it
is a workbook upload or a form post, and nothing is stored."""

from __future__ import annotations

import io
import zipfile

from app.diagnostic import cycles
from app.extensions import db
from tests.conftest import count


def test_an_oversized_workbook_upload_is_refused_with_413(app, orgs, make_user, sign_in, client):
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    sign_in(make_user("org_lead", org=orgs[0]))
    big = io.BytesIO(b"PK\x03\x04" + b"\0" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    response = client.post(f"/diagnostic/a/{assessment.id}/import",
                           data={"workbook": (big, "big.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "What you sent is too large" in response.get_data(as_text=True)
    assert count("diagnostic_item_answers") == 0


def test_an_oversized_form_post_is_refused_with_413(client):
    response = client.post("/sign-in", data={"email": "a@example.nhs.uk",
                                             "password": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_read(
        app, orgs, make_user, sign_in, client, monkeypatch):
    """A zip bomb: small to upload (well under 2 MB), 60 MB once unpacked. It is refused with a
    clear message from the zip's directory alone; openpyxl never opens it."""
    from app.diagnostic import workbook_import

    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    sign_in(make_user("org_lead", org=orgs[0]))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert len(packed.getvalue()) < 200 * 1024
    opened = []
    monkeypatch.setattr(workbook_import, "load_workbook", lambda *a, **k: opened.append(1))
    response = client.post(f"/diagnostic/a/{assessment.id}/import",
                           data={"workbook": (io.BytesIO(packed.getvalue()), "bomb.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "The workbook is too large once unpacked" in response.get_data(as_text=True)
    assert not opened and count("diagnostic_item_answers") == 0
