# The exhibition as containers, in stages:
#   build  installs the packages, makes every image's derivatives and the static files;
#   web    nginx serving those files and archived editions, passing pages to the app;
#   app    (the default) gunicorn as a non-root user, able to run on a read-only root.
# docker-compose.yml runs two app replicas, Redis and nginx; docs/operators.md explains.

FROM python:3.11-slim AS base
# The cache folder is named, not left to the default (a folder per content folder under
# instance/cache), so the web stage below finds the images where the build stage made them.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/venv/bin:$PATH \
    EXHIBITION_CACHE_DIR=/app/instance/cache \
    EXHIBITION_ARCHIVE_DIR=/app/archive

FROM base AS build
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt
WORKDIR /app
COPY exhibition/ exhibition/
COPY templates/ templates/
COPY static/ static/
COPY content/ content/
COPY gunicorn.conf.py ./
# The site's words in each language, compiled from their catalogues; every image's
# derivatives, made now so no visitor waits for one and the running container never
# writes them; then the static files as nginx serves them.
RUN pybabel compile --directory exhibition/translations \
    && flask --app exhibition build \
    && flask --app exhibition assets --out /app/instance/static \
    && mkdir -p archive \
    && python -m compileall -q /app/exhibition /venv

FROM nginx:1.27-alpine AS web
COPY --from=build /app/instance/static /srv/static
# The published exhibits' images only: drafts' are in cache/draft-images, for preview.
COPY --from=build /app/instance/cache/images /srv/derivatives
COPY --from=build /app/archive /srv/archive
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY deploy/security-headers.conf /etc/nginx/exhibition/security-headers.conf

FROM base AS app
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin exhibition
COPY --from=build /venv /venv
# Owned by root and read-only to the app's user: the app writes nothing here. The
# app trusts folders that are its user's or root's and that no one else may write.
COPY --from=build /app /app
WORKDIR /app
ENV EXHIBITION_PAGE_CACHE_DIR=/tmp/pages
# gunicorn.conf.py listens on loopback alone; in a container, the proxy is another
# host, so listen on every interface of the container's own network.
ENV GUNICORN_BIND=0.0.0.0:8000
USER exhibition
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
