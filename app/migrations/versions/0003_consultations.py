"""consultations: state and overrides, respondent details, redactions, published summary

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consultation_states",
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("opens", sa.Date(), nullable=True),
        sa.Column("closes", sa.Date(), nullable=True),
        sa.Column("forced", sa.String(length=10), nullable=True),
        sa.Column("forced_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("lock_version", sa.Integer(), nullable=False),
        sa.Column("we_asked", sa.Text(), nullable=True),
        sa.Column("you_said", sa.Text(), nullable=True),
        sa.Column("we_did", sa.Text(), nullable=True),
        sa.Column("summary_published_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("survey_id", name=op.f("pk_consultation_states")),
    )
    op.create_table(
        "consultation_responses",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("respondent_type", sa.String(length=100), nullable=True),
        sa.Column("respondent_name", sa.String(length=200), nullable=True),
        sa.Column("publish_consent", sa.String(length=40), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by", sa.String(length=254), nullable=True),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"], ondelete="CASCADE",
                                name=op.f("fk_consultation_responses_response_id_responses")),
        sa.PrimaryKeyConstraint("response_id", name=op.f("pk_consultation_responses")),
        sa.UniqueConstraint("reference", name=op.f("uq_consultation_responses_reference")),
    )
    op.create_index(op.f("ix_consultation_responses_survey_id"), "consultation_responses",
                    ["survey_id"])
    op.create_table(
        "consultation_redactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("passage", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"], ["consultation_responses.response_id"], ondelete="CASCADE",
            name=op.f("fk_consultation_redactions_response_id_consultation_responses")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_redactions")),
    )
    op.create_index(op.f("ix_consultation_redactions_response_id"), "consultation_redactions",
                    ["response_id"])


def downgrade():
    op.drop_table("consultation_redactions")
    op.drop_table("consultation_responses")
    op.drop_table("consultation_states")
