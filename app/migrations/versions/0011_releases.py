"""staff-voice releases: immutable published figures, and the threshold a wave launched with

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_voice_releases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("waves_key", sa.Text(), nullable=False),
        sa.Column("bands", sa.String(length=200), nullable=False),
        sa.Column("min_group_size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("released_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("stamp", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_voice_releases")),
        sa.UniqueConstraint("kind", "scope", "survey_id", "waves_key",
                            name=op.f("uq_staff_voice_releases_kind")),
    )
    op.create_index(op.f("ix_staff_voice_releases_scope"), "staff_voice_releases", ["scope"])
    op.create_table(
        "staff_voice_release_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=20), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("n", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["release_id"], ["staff_voice_releases.id"], ondelete="CASCADE",
                                name=op.f("fk_staff_voice_release_figures_release_id_staff_voice_releases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_voice_release_figures")),
        sa.UniqueConstraint("release_id", "band", "question_id", "value",
                            name=op.f("uq_staff_voice_release_figures_release_id")),
    )
    op.create_index(op.f("ix_staff_voice_release_figures_release_id"),
                    "staff_voice_release_figures", ["release_id"])
    # A wave keeps the threshold it launched with, whatever the definition says later.
    with op.batch_alter_table("staff_voice_waves") as batch:
        batch.add_column(sa.Column("min_group_size", sa.Integer(), nullable=False,
                                   server_default="11"))


def downgrade():
    with op.batch_alter_table("staff_voice_waves") as batch:
        batch.drop_column("min_group_size")
    op.drop_index(op.f("ix_staff_voice_release_figures_release_id"),
                  table_name="staff_voice_release_figures")
    op.drop_table("staff_voice_release_figures")
    op.drop_index(op.f("ix_staff_voice_releases_scope"), table_name="staff_voice_releases")
    op.drop_table("staff_voice_releases")
