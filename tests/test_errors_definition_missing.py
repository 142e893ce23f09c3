"""A broken or missing framework file: every diagnostic page that needs it says so (503), never
a 500, and nothing is half-made."""

from __future__ import annotations

import logging
import shutil

import pytest
from sqlalchemy import func, select

from app import definitions
from app.diagnostic import cycles
from app.extensions import db
from app.models import Assessment
from tests.support.paths import SURVEY_DEFS

FRAMEWORK = "hwb_diagnostic_2021.yaml"
MESSAGE = "Sorry, this part of the service is not available"


def _break_framework(app, tmp_path, how: str) -> None:
    folder = tmp_path / "survey_defs"
    shutil.copytree(SURVEY_DEFS, folder)
    if how == "missing":
        (folder / FRAMEWORK).unlink()
    else:
        (folder / FRAMEWORK).write_text("id: [hwb_diagnostic\n", encoding="utf-8")
    app.config["SURVEY_DEFS_DIR"] = str(folder)
    definitions.reload()


def _refused(response) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 503, page
    assert MESSAGE in page and "flask surveys check" in page


@pytest.mark.parametrize("how", ["missing", "broken"])
def test_framework_pages_say_the_definition_is_not_available(
        app, orgs, system, client_for, tmp_path, caplog, how):
    lead, _ = client_for("org_lead")
    ics_lead, _ = client_for("ics_lead")
    started = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    _break_framework(app, tmp_path, how)

    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        _refused(ics_lead.get(f"/diagnostic/plan/{system.code}"))
        _refused(lead.get(f"/diagnostic/org/{orgs[0].code}/assignments"))
        _refused(lead.post(f"/diagnostic/org/{orgs[0].code}/new",
                           data={"cycle": "2026 Q2", "mode": "full", "copy": "no"}))
        _refused(lead.get(f"/diagnostic/a/{started.id}"))
    assert db.session.scalar(select(func.count(Assessment.id))) == 1
    assert "hwb_diagnostic is missing or broken" in caplog.text
