"""Command groups of each area (surveys, consultations, export, report, ...), registered here.

Each area has its own module with a `register(app)` function; add it to AREAS.
"""

from importlib import import_module

from flask import Flask

from app.commands.groups import SHARED_GROUPS

AREAS: list[str] = ["backup", "surveys", "consultations", "diagnostic", "staff_voice", "ics",
                   "retention", "bench", "national_survey", "mail"]


def init_app(app: Flask) -> None:
    for name in AREAS:
        import_module(f"app.commands.{name}").register(app)
    for group in SHARED_GROUPS:
        if group.commands:
            app.cli.add_command(group)
