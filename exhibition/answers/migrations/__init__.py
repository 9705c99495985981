"""The answers' migrations, run by `migrate.upgrade` with no alembic.ini and no env.py."""
