"""Template filters and globals: dates, numbers and charts (app/formatting.py, app/charts)."""

from __future__ import annotations

from flask import Flask

from app import formatting
from app.charts import to_svg
from app.components import Macros, component


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(component=component, ui=Macros("components/macros.html"))
    # Dates and numbers as app/formatting.py writes them everywhere; charts as app/charts draws.
    app.jinja_env.filters.update(
        long_date=formatting.long_date, date_time=formatting.date_time,
        number=formatting.number, decimal=formatting.decimal,
        percent_of=formatting.percent_text, chart_svg=to_svg)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
