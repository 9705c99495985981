"""The answers, their tallies and the day's salt.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("question", sa.String(200), nullable=False),
        sa.Column("voter", sa.String(64), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("answer", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("question", "voter", "day", name="one_answer_a_day"),
    )
    op.create_index("answers_by_question_day", "answers", ["question", "day"])
    op.create_table(
        "tallies",
        sa.Column("question", sa.String(200), primary_key=True),
        sa.Column("answer", sa.String(100), primary_key=True),
        sa.Column("count", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "salts",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("salt", sa.LargeBinary(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("salts")
    op.drop_table("tallies")
    op.drop_index("answers_by_question_day", "answers")
    op.drop_table("answers")
