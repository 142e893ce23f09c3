"""staff voice: waves, hashed access codes, kept counts

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
# Waves point at definition snapshots, so the surveys tables must exist first.
depends_on = None


def upgrade():
    op.create_table(
        "staff_voice_waves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=100), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("uses_codes", sa.Boolean(), nullable=False),
        sa.Column("headcounts", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_staff_voice_waves_organisation_id_organisations")),
        sa.ForeignKeyConstraint(["snapshot_id"], ["definition_snapshots.id"],
                                name=op.f("fk_staff_voice_waves_snapshot_id_definition_snapshots")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_voice_waves")),
        sa.UniqueConstraint("token", name=op.f("uq_staff_voice_waves_token")),
    )
    op.create_index(op.f("ix_staff_voice_waves_organisation_id"), "staff_voice_waves",
                    ["organisation_id"])
    op.create_index(op.f("ix_staff_voice_waves_survey_id"), "staff_voice_waves", ["survey_id"])
    op.create_table(
        "staff_voice_access_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("spent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["wave_id"], ["staff_voice_waves.id"], ondelete="CASCADE",
                                name=op.f("fk_staff_voice_access_codes_wave_id_staff_voice_waves")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_voice_access_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_staff_voice_access_codes_code_hash")),
    )
    op.create_index(op.f("ix_staff_voice_access_codes_wave_id"), "staff_voice_access_codes",
                    ["wave_id"])
    op.create_table(
        "staff_voice_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=20), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["wave_id"], ["staff_voice_waves.id"], ondelete="CASCADE",
                                name=op.f("fk_staff_voice_counts_wave_id_staff_voice_waves")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_voice_counts")),
        sa.UniqueConstraint("wave_id", "band", "question_id", "value",
                            name=op.f("uq_staff_voice_counts_wave_id")),
    )
    op.create_index(op.f("ix_staff_voice_counts_wave_id"), "staff_voice_counts", ["wave_id"])
    op.create_table(
        "staff_voice_respondents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=20), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["wave_id"], ["staff_voice_waves.id"], ondelete="CASCADE",
                                name=op.f("fk_staff_voice_respondents_wave_id_staff_voice_waves")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_voice_respondents")),
        sa.UniqueConstraint("wave_id", "band", name=op.f("uq_staff_voice_respondents_wave_id")),
    )
    op.create_index(op.f("ix_staff_voice_respondents_wave_id"), "staff_voice_respondents",
                    ["wave_id"])


def downgrade():
    op.drop_table("staff_voice_respondents")
    op.drop_table("staff_voice_counts")
    op.drop_table("staff_voice_access_codes")
    op.drop_table("staff_voice_waves")
