"""The tests' support layer: the one way to start a server, build a world, wait, load a site.

- `servers`: gunicorn (with the shipped gunicorn.conf.py), redis-server, nginx and
  any other program a test or a benchmark runs; each on a free loopback port,
  ready when it answers, loud with its log's tail when it never does, stopped with
  its workers after. It and `waiting` import no pytest, so `bench/` uses them too.
- `waiting`: `wait_for`, the one loop that waits for a condition with a deadline.
- `world`: small exhibitions written from strings, images made with Pillow.
- `load`: `Hammer`, a thread asking for pages without pause, and `status`.
- `kills`: a command killed with SIGKILL at seeded points of its work, from its first file.
- `live`: the pytest plugin of real gunicorn and Chromium fixtures (`-p tests.support.live`).
- `archives`, `media_files`, `observatory`, `pages`, `panoramas`: helpers several test files
  share.

Test files import helpers from here, never from one another.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO = ROOT / "content"
