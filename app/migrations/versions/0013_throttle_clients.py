"""throttle: each failure says its scope, its client and any device cookie (app/throttle.py)

Revision ID: 0013
Revises: 0012

The old rows were one per key ("account:EMAIL", "address:IP"); they are failures of the last
quarter hour only, so the table is made afresh rather than converted.
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _create(*extra: sa.Column):
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        *extra,
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    for column in ("key", "at", *(c.name for c in extra)):
        op.create_index(op.f(f"ix_login_attempts_{column}"), "login_attempts", [column])


def upgrade():
    op.drop_table("login_attempts")  # its indexes go with it
    _create(sa.Column("client", sa.String(length=40), nullable=False),
            sa.Column("device", sa.String(length=40), nullable=True))


def downgrade():
    op.drop_table("login_attempts")  # its indexes go with it
    _create()
