"""diagnostic sign-off: when and by whom a cycle was submitted (app/diagnostic/signoff.py)

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("diagnostic_assessments") as batch:
        batch.add_column(sa.Column("submitted_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("submitted_by", sa.String(length=254), nullable=True))


def downgrade():
    with op.batch_alter_table("diagnostic_assessments") as batch:
        batch.drop_column("submitted_by")
        batch.drop_column("submitted_at")
