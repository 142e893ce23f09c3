"""The models (app/models/) and the migrations describe the same schema."""

from __future__ import annotations


def test_migrations_match_the_models(app):
    """The schema built by the migrations is the schema the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.extensions import db

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
