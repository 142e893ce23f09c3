"""Downloads of the compilation: PDF report, XLSX workbook, SQLite dataset (for Datasette)."""

from __future__ import annotations

from flask import Response, render_template

from app.analysis import ics
from app.extensions import db
from app.models import record
from app.views.ics import bp, helpers

KINDS = {
    "pdf": ("application/pdf", "ics_report"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ics_xlsx"),
    "db": ("application/vnd.sqlite3", "ics_dataset"),
}


def _download(code: str, kind: str):
    system = helpers.system_or_404(code)
    comp, why, chosen = helpers.compilation(system)
    if comp is None:  # a clear page, never an empty or broken file
        return render_template("ics/nothing.html", system=system, why=why, chosen=chosen,
                               args=helpers.args(chosen)), 404
    mimetype, module = KINDS[kind]
    ics.load_texts(comp)  # every download includes the themes
    if kind == "pdf":
        from app.reports import ics_report as maker
    elif kind == "xlsx":
        from app.exports import ics_xlsx as maker
    else:
        from app.exports import ics_dataset as maker
    body = maker.build(comp) if kind == "pdf" else maker.to_bytes(comp)
    record(f"ics_{module}_downloaded", system.code, cycle=comp.cycle or "latest",
           type=comp.org_type or "all")
    db.session.commit()
    name = f"ics-{system.code}{'-' + comp.cycle if comp.cycle else ''}".replace(" ", "-")
    safe_name = "".join(ch for ch in name if ch.isalnum() or ch in "-_")
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{safe_name}.{kind}"'})


@bp.get("/<code>/report.pdf")
def report_pdf(code: str):
    return _download(code, "pdf")


@bp.get("/<code>/compilation.xlsx")
def export_xlsx(code: str):
    return _download(code, "xlsx")


@bp.get("/<code>/dataset.db")
def export_dataset(code: str):
    return _download(code, "db")
