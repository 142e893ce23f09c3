"""buddying agreements: two organisations agree to pair up on an element, with a follow-up date

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TABLE = "ics_buddy_agreements"


def upgrade():
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("system_id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.String(length=80), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("buddy_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("agreed_by", sa.String(length=254), nullable=False),
        sa.Column("agreed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["system_id"], ["systems.id"], ondelete="CASCADE",
                                name=op.f(f"fk_{TABLE}_system_id_systems")),
        sa.ForeignKeyConstraint(["learner_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f(f"fk_{TABLE}_learner_id_organisations")),
        sa.ForeignKeyConstraint(["buddy_id"], ["organisations.id"], ondelete="CASCADE",
                                name=op.f(f"fk_{TABLE}_buddy_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TABLE}")),
    )
    for column in ("system_id", "learner_id", "buddy_id"):
        op.create_index(op.f(f"ix_{TABLE}_{column}"), TABLE, [column])


def downgrade():
    for column in ("system_id", "learner_id", "buddy_id"):
        op.drop_index(op.f(f"ix_{TABLE}_{column}"), table_name=TABLE)
    op.drop_table(TABLE)
