# The portal as a container: `docker build -t portal .` then
# `docker run -p 8000:8000 -v portal-data:/data -e SECRET_KEY=... -e ALLOWED_HOSTS=... -e SITE_URL=https://... portal`.
# It runs in production mode: SECRET_KEY, ALLOWED_HOSTS and SITE_URL are required. The data directory
# (/data: SQLite database, Whoosh index) is a volume; the archive is set up on every start
# (`bootstrap` is idempotent and keeps editors' changes).

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PORTAL_ENV=production PORTAL_DATA_DIR=/data BIND=0.0.0.0:8000
RUN useradd --create-home --uid 1000 portal && mkdir /data && chown portal /data
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=portal . /app
# hashed, gzipped static files, served by gunicorn through WhiteNoise
RUN PORTAL_ENV=development PORTAL_DATA_DIR=/tmp/build python manage.py collectstatic --noinput --verbosity 0 \
    && rm -rf /tmp/build
USER portal
VOLUME ["/data"]
EXPOSE 8000
CMD ["sh", "-c", "python manage.py bootstrap && exec gunicorn --config gunicorn.conf.py portal.wsgi"]
