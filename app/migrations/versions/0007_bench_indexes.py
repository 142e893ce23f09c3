"""indexes for national scale: responses by wave; no index on answers by question alone

Revision ID: 0007
Revises: 0006

The kept counts' rebuild and a wave's free-text comments select responses by wave. Without an
index SQLite scans every stored answer once per wave (at 1M responses, 13M rows each time).
The index on response_answers.question_id alone is dropped: every query also narrows by
response (by wave, survey or id), and SQLite without statistics took that index for a
selective one, reading all 400,000 answers to a question to show one wave's comments.
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(op.f("ix_responses_wave_id"), "responses", ["wave_id"])
    op.drop_index(op.f("ix_response_answers_question_id"), table_name="response_answers")


def downgrade():
    op.create_index(op.f("ix_response_answers_question_id"), "response_answers",
                    ["question_id"])
    op.drop_index(op.f("ix_responses_wave_id"), table_name="responses")
