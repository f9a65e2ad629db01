#!/bin/sh
# Production container start: apply migrations, then serve with gunicorn.
set -eu
python manage.py migrate --noinput
python manage.py createcachetable
exec gunicorn entraide.wsgi:application \
    --bind "0.0.0.0:${PORT:-8000}" \
    --workers "${GUNICORN_WORKERS:-3}" \
    --access-logfile - --error-logfile - \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
