"""Command groups of each area (surveys, consultations, export, report, ...), registered here."""

from flask import Flask


def init_app(app: Flask) -> None:
    pass
