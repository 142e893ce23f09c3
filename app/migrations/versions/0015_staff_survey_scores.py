"""NHS Staff Survey theme scores an admin imports (app/national_survey/)

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_survey_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("benchmark_median", sa.Float(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=254), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f("fk_staff_survey_scores_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_survey_scores")),
        sa.UniqueConstraint("organisation_id", "year", "theme",
                            name=op.f("uq_staff_survey_scores_organisation_id")),
    )
    op.create_index(op.f("ix_staff_survey_scores_organisation_id"), "staff_survey_scores",
                    ["organisation_id"])


def downgrade():
    op.drop_index(op.f("ix_staff_survey_scores_organisation_id"),
                  table_name="staff_survey_scores")
    op.drop_table("staff_survey_scores")
