"""Downloads of the compilation: PDF report, XLSX workbook, SQLite dataset (for Datasette)."""

from __future__ import annotations

from flask import Response, render_template

from app.analysis import ics
from app.exports import ics_dataset, ics_xlsx
from app.extensions import db
from app.models import record
from app.read_replica import may_use_replica
from app.reports import ics_report
from app.views.ics import helpers
from app.views.ics.blueprint import bp

KINDS = {  # file type: (its mimetype, the name its download is audited as, its writer)
    "pdf": ("application/pdf", "ics_report", ics_report.build),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ics_xlsx",
             ics_xlsx.to_bytes),
    "db": ("application/vnd.sqlite3", "ics_dataset", ics_dataset.to_bytes),
}


def _download(code: str, kind: str):
    system = helpers.system_or_404(code)
    comp, why, chosen = helpers.compilation(system)
    if comp is None:  # a clear page, never an empty or broken file
        return render_template("ics/nothing.html", system=system, why=why, chosen=chosen,
                               args=helpers.args(chosen)), 404
    mimetype, module, write = KINDS[kind]
    ics.load_texts(comp)  # every download includes the themes
    body = write(comp)
    record(f"{module}_downloaded", system.code, cycle=comp.cycle or "latest",
           type=comp.org_type or "all")
    db.session.commit()
    name = f"ics-{system.code}{'-' + comp.cycle if comp.cycle else ''}".replace(" ", "-")
    safe_name = "".join(ch for ch in name if ch.isalnum() or ch in "-_")
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{safe_name}.{kind}"'})


@bp.get("/<code>/report.pdf")
@may_use_replica
def report_pdf(code: str):
    return _download(code, "pdf")


@bp.get("/<code>/compilation.xlsx")
@may_use_replica
def export_xlsx(code: str):
    return _download(code, "xlsx")


@bp.get("/<code>/dataset.db")
@may_use_replica
def export_dataset(code: str):
    return _download(code, "db")
