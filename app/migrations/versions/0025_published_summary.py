"""a published copy of "We asked, you said, we did", so saving a draft after publishing does not
change the public page until the admin publishes again

Revision ID: 0025
Revises: 0024
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

PARTS = ("we_asked", "you_said", "we_did")


def upgrade():
    with op.batch_alter_table("consultation_states", schema=None) as batch_op:
        for part in PARTS:
            batch_op.add_column(sa.Column(f"published_{part}", sa.Text(), nullable=True))
    # What was published until now is the text the public page showed: the draft columns.
    op.execute("UPDATE consultation_states SET published_we_asked = we_asked, "
               "published_you_said = you_said, published_we_did = we_did "
               "WHERE summary_published_at IS NOT NULL")


def downgrade():
    with op.batch_alter_table("consultation_states", schema=None) as batch_op:
        for part in PARTS:
            batch_op.drop_column(f"published_{part}")
