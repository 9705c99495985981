"""The database the answers are kept in: its engine, made to fail fast, and its migrations.

SQLite by default (WAL, a busy timeout, every transaction taking the write lock at
its start so two writers never deadlock); PostgreSQL with postgresql+psycopg://.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text

DEFAULT_FILE = "instance/answers.sqlite3"
MIGRATIONS = Path(__file__).parent / "migrations"
WAIT_SECONDS = 5  # the longest a request waits for a lock or a connection


def url_of(config) -> str:
    """Return the database URL the settings name: EXHIBITION_DATABASE_URL, else the SQLite file."""
    return config.get("DATABASE_URL") or f"sqlite:///{Path(DEFAULT_FILE).resolve()}"


def make_engine(url: str) -> Engine:
    """Return an engine for the URL that gives up within seconds rather than hang."""
    if url.startswith("sqlite"):
        return _own_in_each_process(_sqlite(url))
    timeout = f"-c statement_timeout={WAIT_SECONDS * 1000} -c lock_timeout={WAIT_SECONDS * 1000}"
    engine = create_engine(
        url,
        pool_pre_ping=True,
        pool_timeout=WAIT_SECONDS,
        connect_args={"connect_timeout": WAIT_SECONDS, "options": timeout},
    )
    return _own_in_each_process(engine)


def _own_in_each_process(engine: Engine) -> Engine:
    """Let a forked process (a freeze's workers) open its own connections, never the parent's.

    As SQLAlchemy advises: the child's pool forgets the parent's connections, unclosed.
    """
    mine = weakref.ref(engine)
    os.register_at_fork(after_in_child=lambda: (found := mine()) and found.dispose(close=False))
    return engine


def _sqlite(url: str) -> Engine:
    """Return an SQLite engine: the file's folder made, WAL, and BEGIN IMMEDIATE."""
    path = url.removeprefix("sqlite:///")
    engine = create_engine(url, connect_args={"timeout": WAIT_SECONDS})

    @event.listens_for(engine, "do_connect")
    def _folder(_dialect, _record, _args, _params):
        if path and path != ":memory:":  # made when first opened, not when named
            Path(path).parent.mkdir(parents=True, exist_ok=True)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy's BEGIN below, not the driver's
        dbapi_connection.execute(f"PRAGMA busy_timeout = {WAIT_SECONDS * 1000}")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest revision; several workers at once wait for each other."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)

    def steps(revision, _context):
        return script._upgrade_revs("head", revision)

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # one migrator at a time, across machines
            connection.execute(text("SELECT pg_advisory_xact_lock(1701)"))
        with EnvironmentContext(config, script, fn=steps, destination_rev="head") as environment:
            environment.configure(connection=connection, transactional_ddl=True)
            environment.run_migrations()
