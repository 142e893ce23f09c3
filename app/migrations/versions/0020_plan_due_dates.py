"""staged plan due dates, and whether completing an element out of order is refused

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("diagnostic_plan_steps") as batch:
        batch.add_column(sa.Column("due_on", sa.Date(), nullable=True))
    with op.batch_alter_table("diagnostic_plans") as batch:
        batch.add_column(sa.Column("out_of_order", sa.String(length=10), nullable=False,
                                   server_default="warn"))


def downgrade():
    with op.batch_alter_table("diagnostic_plans") as batch:
        batch.drop_column("out_of_order")
    with op.batch_alter_table("diagnostic_plan_steps") as batch:
        batch.drop_column("due_on")
