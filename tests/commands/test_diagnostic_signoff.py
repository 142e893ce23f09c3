"""A submitted cycle takes no workbook import from the command line either."""

from __future__ import annotations

from app.diagnostic import signoff
from app.exports import diagnostic_xlsx
from app.extensions import db
from app.models import ItemAnswer


def test_the_command_line_refuses_to_import_into_a_submitted_cycle(
        app, runner, assessment, make_user, tmp_path):
    path = tmp_path / "d.xlsx"
    path.write_bytes(diagnostic_xlsx.to_bytes(assessment))
    signoff.submit(assessment, make_user("org_lead"))
    db.session.commit()
    result = runner.invoke(args=["import", "diagnostic", "RA1", str(path)])
    assert result.exit_code == 1
    assert "has been submitted" in result.output and "nothing imported" in result.output
    assert db.session.query(ItemAnswer).count() == 0
