"""Visitors' answers kept in a database: one per visitor, question and day, and their tallies.

`record` writes the answer and moves the tally in one transaction, so the counts
read by `tally` always equal the answers kept. A database that is down or locked
past its timeout raises `AnswersUnavailable`; nothing waits long.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from . import AnswersUnavailable
from . import engine as engines
from .tables import answers, salts, tallies


class AnswerStore:
    """The answers of one exhibition, in the database its settings name."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.ready = False  # its tables brought up to date, which the first use does
        self._insert = (postgresql if engine.dialect.name == "postgresql" else sqlite).insert

    @classmethod
    def from_settings(cls, config) -> AnswerStore:
        """Return the store EXHIBITION_DATABASE_URL names; by default an SQLite file."""
        return cls(engines.make_engine(engines.url_of(config)))

    @contextmanager
    def _transaction(self):
        """Yield a connection in a transaction; a database error becomes AnswersUnavailable.

        The first one brings the tables up to date: a store that is only named (by a
        command that reads no answer) opens no database.
        """
        if not self.ready:
            self.migrate()
        try:
            with self.engine.begin() as connection:
                yield connection
        except (DBAPIError, SQLAlchemyError) as error:
            raise AnswersUnavailable(str(error).splitlines()[0]) from error

    def migrate(self) -> None:
        """Bring the database's tables to the newest revision (safe to run from every worker)."""
        try:
            engines.upgrade(self.engine)
        except (DBAPIError, SQLAlchemyError) as error:
            raise AnswersUnavailable(str(error).splitlines()[0]) from error
        self.ready = True

    def record(self, question: str, answer: str, voter: str, day: dt.date) -> bool:
        """Keep a visitor's answer for the day; return True if it replaced their earlier one."""
        with self._transaction() as connection:
            earlier = self._earlier(connection, question, voter, day)
            if earlier is None:
                row = {"question": question, "voter": voter, "day": day, "answer": answer}
                added = connection.execute(
                    self._insert(answers)
                    .values(**row, at=_now())
                    .on_conflict_do_nothing()
                    .returning(answers.c.id)
                ).first()
                if added is not None:
                    self._count(connection, question, answer, +1)
                    return False
                earlier = self._earlier(connection, question, voter, day)  # it came meanwhile
            self._replace(connection, (question, voter, day), earlier, answer)
            return True

    def _earlier(self, connection: Connection, question, voter, day) -> str | None:
        """Return the voter's answer of the day, its row locked until the transaction ends."""
        query = select(answers.c.answer).where(
            answers.c.question == question, answers.c.voter == voter, answers.c.day == day
        )
        if connection.dialect.name == "postgresql":
            query = query.with_for_update()
        return connection.execute(query).scalar()

    def _replace(self, connection: Connection, key, earlier: str, answer: str) -> None:
        """Put the new answer in place of the earlier one and move one count between them."""
        question, voter, day = key
        connection.execute(
            update(answers)
            .where(answers.c.question == question, answers.c.voter == voter, answers.c.day == day)
            .values(answer=answer, at=_now())
        )
        if earlier != answer:
            for key, step in sorted({earlier: -1, answer: +1}.items()):  # one order: no deadlock
                self._count(connection, question, key, step)

    def _count(self, connection: Connection, question: str, answer: str, step: int) -> None:
        """Add step to an answer's tally, making its row if it has none."""
        insert = self._insert(tallies).values(question=question, answer=answer, count=step)
        connection.execute(
            insert.on_conflict_do_update(
                index_elements=[tallies.c.question, tallies.c.answer],
                set_={"count": tallies.c.count + step},
            )
        )

    def tally(self, question: str) -> dict[str, int]:
        """Return each answer's count for a question, all days together."""
        query = select(tallies.c.answer, tallies.c.count).where(tallies.c.question == question)
        with self._transaction() as connection:
            return {answer: count for answer, count in connection.execute(query) if count}

    def tallies(self) -> dict[str, dict[str, int]]:
        """Return every question's tally."""
        found: dict[str, dict[str, int]] = defaultdict(dict)
        with self._transaction() as connection:
            for question, answer, count in connection.execute(select(tallies)):
                if count:
                    found[question][answer] = count
        return dict(found)

    def daily(self, question: str) -> dict[dt.date, dict[str, int]]:
        """Return each day's count of each answer for a question, the days in order."""
        query = (
            select(answers.c.day, answers.c.answer, func.count())
            .where(answers.c.question == question)
            .group_by(answers.c.day, answers.c.answer)
            .order_by(answers.c.day, answers.c.answer)
        )
        found: dict[dt.date, dict[str, int]] = {}
        with self._transaction() as connection:
            for day, answer, count in connection.execute(query):
                found.setdefault(day, {})[answer] = count
        return found

    def answer_of(self, question: str, voter: str, day: dt.date) -> str | None:
        """Return the visitor's own answer of the day, or None."""
        with self._transaction() as connection:
            return self._earlier(connection, question, voter, day)

    def salt(self, day: dt.date) -> bytes:
        """Return the day's salt, the same for every replica; earlier days' salts are deleted."""
        with self._transaction() as connection:
            connection.execute(
                self._insert(salts)
                .values(day=day, salt=secrets.token_bytes(32))
                .on_conflict_do_nothing()
            )
            connection.execute(delete(salts).where(salts.c.day < day))
            return connection.execute(select(salts.c.salt).where(salts.c.day == day)).scalar_one()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
