# The exhibition as a container: gunicorn serving the content baked into the image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY exhibition/ exhibition/
COPY templates/ templates/
COPY static/ static/
COPY content/ content/

# Resized images are written to instance/cache, the one folder the app user may write.
RUN useradd --create-home --uid 10001 exhibition \
    && mkdir -p instance/cache \
    && chown exhibition instance/cache
USER exhibition

EXPOSE 8000
CMD ["gunicorn", "exhibition:create_app()", "--bind", "0.0.0.0:8000"]
