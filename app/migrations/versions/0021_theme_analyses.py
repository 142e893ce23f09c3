"""theme analyses of free text: found themes, the analyst's sign-off and each coder's codes

Revision ID: 0021
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str):
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade():
    op.create_table(
        "theme_analyses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("scope_key", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=254), nullable=False),
        sa.Column("signed_off_at", sa.DateTime(), nullable=True),
        sa.Column("signed_off_by", sa.String(length=254), nullable=True),
        sa.Column("texts", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("found", sa.Text(), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("queue", sa.Text(), nullable=False),
        sa.Column("mapped_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_analyses")),
        sa.UniqueConstraint("scope", "scope_key", name=op.f("uq_theme_analyses_scope")),
    )
    op.create_table(
        "theme_analysis_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("analysis_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("examples", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("theme_analysis_themes", "analysis_id", "theme_analyses"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_analysis_themes")),
    )
    op.create_index(op.f("ix_theme_analysis_themes_analysis_id"), "theme_analysis_themes",
                    ["analysis_id"])
    op.create_table(
        "theme_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("analysis_id", sa.Integer(), nullable=False),
        sa.Column("text_key", sa.String(length=80), nullable=False),
        sa.Column("coder", sa.String(length=10), nullable=False),
        sa.Column("theme_ids", sa.Text(), nullable=False),
        sa.Column("coded_by", sa.String(length=254), nullable=False),
        sa.Column("coded_at", sa.DateTime(), nullable=False),
        _fk("theme_codes", "analysis_id", "theme_analyses"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_codes")),
        sa.UniqueConstraint("analysis_id", "text_key", "coder",
                            name=op.f("uq_theme_codes_analysis_id")),
    )
    op.create_index(op.f("ix_theme_codes_analysis_id"), "theme_codes", ["analysis_id"])


def downgrade():
    op.drop_index(op.f("ix_theme_codes_analysis_id"), table_name="theme_codes")
    op.drop_table("theme_codes")
    op.drop_index(op.f("ix_theme_analysis_themes_analysis_id"),
                  table_name="theme_analysis_themes")
    op.drop_table("theme_analysis_themes")
    op.drop_table("theme_analyses")
