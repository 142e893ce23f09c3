"""ics: analyst tags and their assignments to free texts

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
# Assignments point at diagnostic answers and actions, so those tables must exist first.
depends_on = None


def _fk(table: str, column: str, referred: str):
    return sa.ForeignKeyConstraint([column], [f"{referred}.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_{referred}"))


def upgrade():
    op.create_table(
        "ics_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("system_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("ics_tags", "system_id", "systems"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ics_tags")),
        sa.UniqueConstraint("system_id", "name", name=op.f("uq_ics_tags_system_id")),
    )
    op.create_index(op.f("ix_ics_tags_system_id"), "ics_tags", ["system_id"])
    op.create_table(
        "ics_tag_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("ics_tag_assignments", "tag_id", "ics_tags"),
        _fk("ics_tag_assignments", "answer_id", "diagnostic_item_answers"),
        _fk("ics_tag_assignments", "action_id", "diagnostic_actions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ics_tag_assignments")),
        sa.UniqueConstraint("tag_id", "answer_id", "action_id",
                            name=op.f("uq_ics_tag_assignments_tag_id")),
    )
    for column in ("tag_id", "answer_id", "action_id"):
        op.create_index(op.f(f"ix_ics_tag_assignments_{column}"), "ics_tag_assignments",
                        [column])


def downgrade():
    op.drop_table("ics_tag_assignments")
    op.drop_table("ics_tags")
