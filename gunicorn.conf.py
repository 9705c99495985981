"""gunicorn's settings for the exhibition; gunicorn reads this file from the working folder.

Every value can be overridden on the command line or in GUNICORN_CMD_ARGS;
the environment variables below are the usual ones. docs/operators.md says
why each is what it is, and docs/benchmarks.md what it serves.
"""

import ctypes
import multiprocessing
import os

wsgi_app = "exhibition:create_app()"
# Loopback only: gthread reads request headers with no deadline, so a dozen clients
# sending a header line every few seconds would hold every thread. Visitors reach
# the site through a buffering proxy (nginx) that reads whole requests first;
# containers, whose proxy is on another host, set GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# One process per core renders pages in parallel (Python runs one thread at a
# time per process); threads in each keep connections alive and wait on slow
# clients, Redis and disk without holding a core.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5  # seconds an idle connection stays open; a proxy in front keeps it longer

# The heartbeat file lives in memory: a disk that stalls must not get workers killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
timeout = 30  # a worker silent for this long is killed and replaced
graceful_timeout = 30  # on HUP or TERM, how long requests in flight may take to finish

# One access-log line per request, with its time and whether the page cache had it.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms cache=%({x-cache}o)s "%(f)s" "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")

# Behind a proxy, trust its X-Forwarded-Proto (set FORWARDED_ALLOW_IPS to its address),
# and no header that would set the app's SCRIPT_NAME or PATH_INFO: the site is served
# from its root, and a client must never choose which page a cached address holds.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
forwarder_headers = ""

# A fixed control socket path is shared by every gunicorn on a host and needs a
# writable home; HUP and TERM do all the exhibition needs.
control_socket_disable = True

# Each worker loads the content itself, so a HUP starts workers on the new
# content while the old ones finish their requests; no request fails.
preload_app = False

# Requests no visitor's browser sends are refused by gunicorn before the app sees
# them: a request line over 4094 bytes (the longest address of the site is a few
# hundred), more than 50 header fields (browsers send about 20, a proxy adds a
# few), a header field over 8190 bytes (the site sets no cookies). gunicorn
# answers 400 or 431 and keeps serving; tests/test_hostile.py checks it.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# glibc's malloc gives each thread that allocates an arena of its own, up to eight a core,
# and an arena keeps what the pages it rendered freed rather than giving it back: a gthread
# worker's four threads held some 18 MB more of it, warm, than two arenas do
# (docs/benchmarks.md). MALLOC_ARENA_MAX, as glibc reads it, sets another number.
_MALLOC_ARENAS = int(os.environ.get("MALLOC_ARENA_MAX") or "2")


def post_fork(server, worker):
    """Limit the worker's malloc arenas before its threads start; elsewhere than glibc, no-op."""
    _limit_malloc_arenas(_MALLOC_ARENAS)


def _limit_malloc_arenas(arenas: int) -> bool:
    """Ask glibc's malloc to make at most `arenas` arenas; return whether it agreed."""
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    return bool(mallopt and mallopt(-8, arenas))  # -8 is M_ARENA_MAX in glibc's malloc.h
