"""The answers' tables, as SQLAlchemy Core sees them; the migrations make them."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

metadata = MetaData()

# One row per visitor, question and day: `voter` is a keyed hash, never an address.
answers = Table(
    "answers",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("question", String(200), nullable=False),
    Column("voter", String(64), nullable=False),
    Column("day", Date, nullable=False),
    Column("answer", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("question", "voter", "day", name="one_answer_a_day"),
)

# Each answer's count, kept in the transaction that records an answer.
tallies = Table(
    "tallies",
    metadata,
    Column("question", String(200), primary_key=True),
    Column("answer", String(100), primary_key=True),
    Column("count", BigInteger, nullable=False),
)

# The day's salt: only today's is kept.
salts = Table(
    "salts",
    metadata,
    Column("day", Date, primary_key=True),
    Column("salt", LargeBinary(32), nullable=False),
)
