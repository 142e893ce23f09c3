"""staff-voice waves a lead closes early: the day it was closed

Revision ID: 0008
Revises: 0007

A lead may close a wave before its closing date. closes_on keeps the date that was planned (and
printed on posters and code sheets); closed_early_on records the London day it was closed.
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("staff_voice_waves", sa.Column("closed_early_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("staff_voice_waves") as batch:
        batch.drop_column("closed_early_on")
