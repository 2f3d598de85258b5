# Production image. gunicorn serves the web app; the worker, beat and the one-off
# migrate service of docker-compose.yml run the same image with other commands.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=procuratorate.settings.production \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/app/media

# WeasyPrint draws PDFs through Pango and HarfBuzz (subset: smaller embedded
# fonts); gettext gives `manage.py makemessages/compilemessages` in the image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 gettext \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home app
WORKDIR /app

# Requirements first: this layer is rebuilt only when they change.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Static files are collected (hashed, compressed) at build time, so a broken
# asset fails the build; the key only lets the settings load, it signs nothing.
# /app/media and /srv/static are volume mount points the app user writes to.
RUN python scripts/compile_messages.py \
    && DJANGO_SECRET_KEY=build-only-not-a-secret \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/media /srv/static \
    && chown app:app /app/media /srv/static

USER app
EXPOSE 8000
CMD ["gunicorn", "procuratorate.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-"]
