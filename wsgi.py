"""Entry point for gunicorn: `gunicorn wsgi:app`."""

from app import serve

app = serve()
