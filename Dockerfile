# syntax=docker/dockerfile:1
# Production image. The build stage runs the README's own install step (`make install`),
# so the image installs exactly what a developer's machine installs.

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN make install PYTHON=python3.11 \
    && DJANGO_SETTINGS_MODULE=entraide.settings.production \
       SECRET_KEY=build-only-collectstatic-key-not-used-at-run-time-0123456789 \
       ALLOWED_HOSTS=localhost \
       .venv/bin/python manage.py collectstatic --noinput

FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=entraide.settings.production \
    PORT=8000 \
    MEDIA_ROOT=/app/media
RUN groupadd --system --gid 10001 entraide \
    && useradd --system --uid 10001 --gid entraide --home-dir /app --shell /usr/sbin/nologin entraide
WORKDIR /app
COPY --from=build --chown=entraide:entraide /app /app
RUN mkdir -p /app/media && chown entraide:entraide /app/media
USER 10001:10001
EXPOSE 8000
VOLUME ["/app/media"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "site/healthcheck.py"]
CMD ["site/docker-entrypoint.sh"]
