"""staff-voice waves: a short address to type, /s/K7QF-2M (app/staff_voice/short_links.py)

Revision ID: 0014
Revises: 0013

Every existing wave gets six random characters of its own. The column is added in place, with a
unique index rather than a unique constraint: on SQLite either of the others would rebuild the
waves table, and dropping the old table would delete, by cascade, every row that refers to it.
So on SQLite the column keeps the empty default it was added with (SQLite adds a NOT NULL
column only with one); the app always sets it.
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# As app/staff_voice/codes.py ALPHABET when written: no 0, 1, I, L or O.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 6


def upgrade():
    op.add_column("staff_voice_waves", sa.Column("short_code", sa.String(length=6),
                                                 nullable=False, server_default=""))
    waves = sa.table("staff_voice_waves", sa.column("id", sa.Integer),
                     sa.column("short_code", sa.String))
    bind = op.get_bind()
    ids = bind.execute(sa.select(waves.c.id).order_by(waves.c.id)).scalars().all()
    given: set[str] = set()
    for wave_id in ids:
        short = _new_short(given)
        given.add(short)
        bind.execute(waves.update().where(waves.c.id == wave_id).values(short_code=short))
    if bind.dialect.name != "sqlite":
        op.alter_column("staff_voice_waves", "short_code", server_default=None,
                        existing_type=sa.String(length=6), existing_nullable=False)
    op.create_index(op.f("ix_staff_voice_waves_short_code"), "staff_voice_waves",
                    ["short_code"], unique=True)


def _new_short(taken: set[str]) -> str:
    while True:
        short = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if short not in taken:
            return short


def downgrade():
    op.drop_index(op.f("ix_staff_voice_waves_short_code"), table_name="staff_voice_waves")
    op.drop_column("staff_voice_waves", "short_code")
