"""the phase a consultation was last announced in to webhooks, so a schedule's open and close
are announced once (app/consultations/announcements.py)

Revision ID: 0024
Revises: 0023
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("consultation_states", schema=None) as batch_op:
        batch_op.add_column(sa.Column("announced", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("consultation_states", schema=None) as batch_op:
        batch_op.drop_column("announced")
