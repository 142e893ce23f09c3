"""anonymous storage: random ids for staff-voice responses, answers keyed without an id

Revision ID: 0012
Revises: 0011

Response ids were one counter for every survey, so a staff-voice response's id sat between
consultation responses timed to the microsecond; answers' ids were one counter too. Now:

- staff-voice responses get random ids in [2**40, 2**48) (existing ones are renumbered, in no
  order); consultation responses keep theirs and go on counting up below 2**40
  (app/runner/store.py). On PostgreSQL the ids, and the columns that hold them, become BIGINT.
- response_answers loses its id: its key is (response_id, question_id, seq), seq numbering a
  multiple choice's values in their old order; on SQLite the table is WITHOUT ROWID, so it has
  no hidden rowid counting up either. The key replaces the index on (response_id, question_id).

The mapping from old to new ids is only ever held in TEMP tables (SQLite keeps those outside
the database file and its WAL). On SQLite, `flask retention apply` afterwards empties the WAL,
whose frames hold the rows as they were until the next checkpoint.

Downgrade restores the id column and the index; staff-voice responses get counted ids again,
after the consultation ones, in the order of their random ids (the old order is not kept
anywhere, by design).
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

LOW, HIGH = 2**40, 2**48
RESPONSE_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# Columns holding a response id, besides responses.id and the answers' (PostgreSQL types).
REFERRING = [("consultation_responses", "response_id"), ("consultation_redactions", "response_id")]


def _retype(old, new) -> None:
    op.alter_column("responses", "id", type_=new, existing_type=old, existing_nullable=False)
    for table, column in REFERRING:
        op.alter_column(table, column, type_=new, existing_type=old, existing_nullable=False)


def _map_ids(bind, new_ids) -> None:
    """Fill TEMP table id_map (old_id -> new_id) for the staff-voice responses."""
    bind.exec_driver_sql("CREATE TEMP TABLE id_map (old_id BIGINT PRIMARY KEY, "
                         "new_id BIGINT NOT NULL UNIQUE)")
    old = [row[0] for row in bind.execute(sa.text(
        "SELECT id FROM responses WHERE wave_id IS NOT NULL ORDER BY id"))]
    if old:
        bind.execute(sa.text("INSERT INTO id_map (old_id, new_id) VALUES (:o, :n)"),
                     [{"o": o, "n": n} for o, n in zip(old, new_ids(len(old)), strict=True)])


def _random_ids(count: int) -> list[int]:
    ids: set[int] = set()
    while len(ids) < count:
        ids.add(LOW + secrets.randbelow(HIGH - LOW))
    return list(ids)


def _copy_answers(bind, seq_sql: str) -> None:
    """TEMP table answer_copy: every answer with its response's new id and a seq."""
    # seq_sql is one of this file's two constants, never input.
    bind.exec_driver_sql(
        "CREATE TEMP TABLE answer_copy AS "  # noqa: S608
        "SELECT coalesce(m.new_id, a.response_id) AS response_id, a.question_id AS question_id, "
        f"{seq_sql} AS seq, a.value AS value "
        "FROM response_answers a LEFT JOIN id_map m ON m.old_id = a.response_id")


def _renumber(bind) -> None:
    # Nothing refers to staff-voice responses now (answers are dropped; consultation rows
    # refer only to consultation responses), so their ids can change.
    bind.exec_driver_sql(
        "UPDATE responses SET id = (SELECT new_id FROM id_map WHERE old_id = responses.id) "
        "WHERE id IN (SELECT old_id FROM id_map)")


def _done(bind) -> None:
    bind.exec_driver_sql("DROP TABLE answer_copy")
    bind.exec_driver_sql("DROP TABLE id_map")


def upgrade():
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    _map_ids(bind, _random_ids)
    _copy_answers(bind, "row_number() OVER (PARTITION BY a.response_id, a.question_id "
                        "ORDER BY a.id) - 1")
    op.drop_index("ix_response_answers_response_id_question_id", table_name="response_answers")
    op.drop_table("response_answers")
    if postgres:
        _retype(sa.Integer(), sa.BigInteger())
    _renumber(bind)
    op.create_table(
        "response_answers",
        sa.Column("response_id", RESPONSE_ID, nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"], ondelete="CASCADE",
                                name=op.f("fk_response_answers_response_id_responses")),
        sa.PrimaryKeyConstraint("response_id", "question_id", "seq",
                                name=op.f("pk_response_answers")),
        sqlite_with_rowid=False,
    )
    bind.exec_driver_sql(
        "INSERT INTO response_answers (response_id, question_id, seq, value) "
        "SELECT response_id, question_id, seq, value FROM answer_copy "
        "ORDER BY response_id, question_id, seq")
    _done(bind)


def downgrade():
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    start = bind.execute(sa.text("SELECT coalesce(max(id), 0) FROM responses WHERE id < :low"),
                         {"low": LOW}).scalar_one()
    _map_ids(bind, lambda count: list(range(start + 1, start + 1 + count)))
    _copy_answers(bind, "a.seq")
    op.drop_table("response_answers")
    _renumber(bind)
    if postgres:
        _retype(sa.BigInteger(), sa.Integer())
        # The sequence must go on after the ids just given out.
        bind.exec_driver_sql("SELECT setval(pg_get_serial_sequence('responses', 'id'), "
                             "(SELECT coalesce(max(id), 1) FROM responses))")
    op.create_table(
        "response_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["response_id"], ["responses.id"], ondelete="CASCADE",
                                name=op.f("fk_response_answers_response_id_responses")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response_answers")),
    )
    op.create_index("ix_response_answers_response_id_question_id", "response_answers",
                    ["response_id", "question_id"])
    bind.exec_driver_sql(
        "INSERT INTO response_answers (response_id, question_id, value) "
        "SELECT response_id, question_id, value FROM answer_copy "
        "ORDER BY response_id, question_id, seq")
    _done(bind)
