"""`python -m exhibition`: the `exhibition` command, where the venv's scripts are not on PATH."""

from .cli import main

main(prog_name="exhibition")
