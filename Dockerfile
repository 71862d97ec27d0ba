# Production image: gunicorn serves the portal; the same image runs the Celery worker and beat.
FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; Liberation fonts are metric-compatible with Times New Roman.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-liberation poppler-utils gettext \
    && rm -rf /var/lib/apt/lists/*
# pg_dump/pg_restore of the same major version as compose's PostgreSQL 16 (manage.py backup and
# restore), from the PostgreSQL project's own Debian repository (Debian bookworm ships 15).
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && install -d /usr/share/postgresql-common/pgdg \
    && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc \
         https://www.postgresql.org/media/keys/ACCC4CF8.asc \
    && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
         > /etc/apt/sources.list.d/pgdg.list \
    && apt-get update && apt-get install -y --no-install-recommends postgresql-client-16 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install . && python manage.py compilemessages --ignore=.venv >/dev/null \
    && DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput >/dev/null
RUN useradd --create-home cchc && mkdir -p /data && chown cchc /data
USER cchc
ENV CCHC_VAR_DIR=/data MEDIA_ROOT=/data/media
EXPOSE 8000
CMD ["gunicorn", "cchc_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120"]
