"""diagnostic: assessments by cycle, item answers, actions, discussions, assignments, staged plans

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, referred: str, ondelete: str | None = None):
    return sa.ForeignKeyConstraint([column], [f"{referred}.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{referred}"))


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade():
    op.create_table(
        "diagnostic_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.String(length=40), nullable=False),
        sa.Column("definition_id", sa.String(length=80), nullable=False),
        sa.Column("definition_version", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("copied_from_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("diagnostic_assessments", "organisation_id", "organisations"),
        _fk("diagnostic_assessments", "copied_from_id", "diagnostic_assessments", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_assessments")),
        sa.UniqueConstraint("organisation_id", "cycle",
                            name=op.f("uq_diagnostic_assessments_organisation_id")),
    )
    _index("diagnostic_assessments", "organisation_id")

    op.create_table(
        "diagnostic_item_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("rating", sa.String(length=20), nullable=True),
        sa.Column("offer", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("evidence_links", sa.Text(), nullable=False),
        sa.Column("gaps", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        _fk("diagnostic_item_answers", "assessment_id", "diagnostic_assessments", "CASCADE"),
        _fk("diagnostic_item_answers", "updated_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_item_answers")),
        sa.UniqueConstraint("assessment_id", "item_id",
                            name=op.f("uq_diagnostic_item_answers_assessment_id")),
    )
    _index("diagnostic_item_answers", "assessment_id")

    op.create_table(
        "diagnostic_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("diagnostic_actions", "assessment_id", "diagnostic_assessments", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_actions")),
    )
    _index("diagnostic_actions", "assessment_id")

    op.create_table(
        "diagnostic_discussions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.String(length=80), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        _fk("diagnostic_discussions", "assessment_id", "diagnostic_assessments", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_discussions")),
        sa.UniqueConstraint("assessment_id", "element_id",
                            name=op.f("uq_diagnostic_discussions_assessment_id")),
    )
    _index("diagnostic_discussions", "assessment_id")

    op.create_table(
        "diagnostic_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.String(length=80), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _fk("diagnostic_assignments", "organisation_id", "organisations", "CASCADE"),
        _fk("diagnostic_assignments", "user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_assignments")),
        sa.UniqueConstraint("organisation_id", "element_id", "user_id",
                            name=op.f("uq_diagnostic_assignments_organisation_id")),
    )
    _index("diagnostic_assignments", "organisation_id")
    _index("diagnostic_assignments", "user_id")

    op.create_table(
        "diagnostic_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("system_id", sa.Integer(), nullable=False),
        sa.Column("definition_id", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("diagnostic_plans", "system_id", "systems", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_plans")),
        sa.UniqueConstraint("system_id", "definition_id",
                            name=op.f("uq_diagnostic_plans_system_id")),
    )
    _index("diagnostic_plans", "system_id")

    op.create_table(
        "diagnostic_plan_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.String(length=80), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        _fk("diagnostic_plan_steps", "plan_id", "diagnostic_plans", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diagnostic_plan_steps")),
        sa.UniqueConstraint("plan_id", "element_id",
                            name=op.f("uq_diagnostic_plan_steps_plan_id")),
    )
    _index("diagnostic_plan_steps", "plan_id")


def downgrade():
    for table in ("diagnostic_plan_steps", "diagnostic_plans", "diagnostic_assignments",
                  "diagnostic_discussions", "diagnostic_actions", "diagnostic_item_answers",
                  "diagnostic_assessments"):
        op.drop_table(table)
