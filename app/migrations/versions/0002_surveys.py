"""surveys: definition snapshots, drafts, responses and their answers

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "definition_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_definition_snapshots")),
        sa.UniqueConstraint("survey_id", "content_hash",
                            name=op.f("uq_definition_snapshots_survey_id")),
    )
    op.create_index(op.f("ix_definition_snapshots_survey_id"), "definition_snapshots",
                    ["survey_id"])
    op.create_table(
        "survey_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("submission_key", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_drafts")),
        sa.UniqueConstraint("code", name=op.f("uq_survey_drafts_code")),
    )
    op.create_index(op.f("ix_survey_drafts_survey_id"), "survey_drafts", ["survey_id"])
    op.create_index(op.f("ix_survey_drafts_updated_at"), "survey_drafts", ["updated_at"])
    op.create_table(
        "responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("wave_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["snapshot_id"], ["definition_snapshots.id"],
                                name=op.f("fk_responses_snapshot_id_definition_snapshots")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="SET NULL",
                                name=op.f("fk_responses_organisation_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responses")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_responses_idempotency_key")),
    )
    op.create_index(op.f("ix_responses_snapshot_id"), "responses", ["snapshot_id"])
    op.create_index(op.f("ix_responses_survey_id"), "responses", ["survey_id"])
    op.create_index(op.f("ix_responses_organisation_id"), "responses", ["organisation_id"])
    op.create_table(
        "response_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"], ondelete="CASCADE",
                                name=op.f("fk_response_answers_response_id_responses")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_answers")),
    )
    op.create_index(op.f("ix_response_answers_response_id"), "response_answers", ["response_id"])
    op.create_index(op.f("ix_response_answers_question_id"), "response_answers", ["question_id"])


def downgrade():
    op.drop_table("response_answers")
    op.drop_table("responses")
    op.drop_table("survey_drafts")
    op.drop_table("definition_snapshots")
