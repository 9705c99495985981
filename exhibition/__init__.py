"""exhibition: a museum-grade virtual exhibition from a folder of files.

Importing the package, or any module of its core, loads no Flask: the web
app is made by `create_app` (app.py), loaded only when it is first asked for,
as `flask --app exhibition` and gunicorn's `exhibition:create_app()` do.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def __getattr__(name: str):
    """Load `create_app` from app.py when first asked for, so the core stays without Flask."""
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
