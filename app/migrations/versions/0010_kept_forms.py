"""kept forms: what a signed-in person sent after their session had ended, until they sign in

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "kept_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_kept_forms_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kept_forms")),
        sa.UniqueConstraint("token", name=op.f("uq_kept_forms_token")),
    )
    op.create_index(op.f("ix_kept_forms_user_id"), "kept_forms", ["user_id"])


def downgrade():
    op.drop_index(op.f("ix_kept_forms_user_id"), table_name="kept_forms")
    op.drop_table("kept_forms")
