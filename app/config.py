"""Settings: defaults here, overridden by instance/config.py, then by the environment."""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

TIMEZONE = "Europe/London"


def secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        _write_once(path, secrets.token_hex(32))
    return path.read_text().strip()


def _write_once(path: Path, text: str) -> None:
    """Several processes may start at once on a fresh clone (gunicorn workers, test workers):
    the key is written whole to a private file and linked into place, so exactly one wins and
    nobody ever reads a half-written key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    # Written with 0600 so only the service account can read it.
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        # If another process won, its key is the one everybody uses.
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink()


def database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "hwb.sqlite3")
    return with_driver(url)


def read_database_url() -> str:
    """DATABASE_READ_URL: a read replica for the pages that only read (app/read_replica.py);
    empty when unset, and then everything reads the primary."""
    url = os.environ.get("DATABASE_READ_URL", "").strip()
    return with_driver(url) if url else ""


def with_driver(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


# Each process (a gunicorn worker) keeps its own pool per database. A sync worker serves one
# request at a time and holds one connection to each database it reads, so these are ceilings
# a threaded worker could reach, not connections held: PostgreSQL's max_connections must cover
# app servers x workers x (DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW) at worst.
POOL_DEFAULTS = {"DATABASE_POOL_SIZE": 5, "DATABASE_MAX_OVERFLOW": 5}


def engine_options(url: str) -> dict:
    """A server connection can drop while pooled, so PostgreSQL's are pinged on checkout; a
    SQLite file cannot, and the ping would cost every request a statement. The pool's size
    comes from DATABASE_POOL_SIZE and DATABASE_MAX_OVERFLOW; SQLite keeps SQLAlchemy's own."""
    if url.startswith("sqlite"):
        return {}
    size, overflow = (_whole_from_environment(name, default)
                      for name, default in POOL_DEFAULTS.items())
    return {"pool_pre_ping": True, "pool_size": size, "max_overflow": overflow}


def replica_engine_options(url: str) -> dict:
    """The primary's pool settings, and a replica that does not answer is given up on after
    DATABASE_READ_CONNECT_TIMEOUT seconds (2), not after the system's TCP timeout of minutes."""
    options = engine_options(url)
    if not url.startswith("sqlite"):
        timeout = _whole_from_environment("DATABASE_READ_CONNECT_TIMEOUT", 2)
        options["connect_args"] = {"connect_timeout": timeout,
                                   "options": "-c default_transaction_read_only=on"}
    return options


def _whole_from_environment(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{name} must be a whole number of 0 or more, not {text!r}")
    return int(text)


def defaults(instance_path: str) -> dict:
    local_dev = os.environ.get("HWB_LOCAL_DEV") == "1" or os.environ.get("FLASK_DEBUG") == "1"
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        # SQLALCHEMY_ENGINE_OPTIONS follow the URI finally chosen (create_app).
        # A read replica (app/read_replica.py): dashboards, exports and the API read it, except
        # for READ_YOUR_WRITES_SECONDS after the same signed-in browser committed a write; one
        # that cannot be reached is tried again after READ_REPLICA_RETRY_SECONDS.
        "DATABASE_READ_URL": read_database_url(),
        "READ_YOUR_WRITES_SECONDS": 10,
        "READ_REPLICA_RETRY_SECONDS": 30,
        # A wave's row, kept by each worker for respondents' pages (app/staff_voice/waves.py):
        # a close made by another worker shows on pages within this many seconds; answers sent
        # after it are refused at once (the send reads the row again, under lock).
        "WAVE_ROW_SECONDS": 5,
        "TIMEZONE": TIMEZONE,
        # Cookies: Secure outside local development; never readable by scripts.
        "SESSION_COOKIE_SECURE": not local_dev,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "hwb_session",
        "REMEMBER_COOKIE_SECURE": not local_dev,
        "REMEMBER_COOKIE_HTTPONLY": True,
        # Signed-in sessions end after 30 minutes without a request.
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=int(os.environ.get("SESSION_MINUTES", 30))),
        "SESSION_REFRESH_EACH_REQUEST": True,
        # ... and SESSION_MAX_HOURS after signing in, however busy (app/sessions.py).
        "SESSION_MAX_HOURS": int(os.environ.get("SESSION_MAX_HOURS", 12)),
        # A survey page left open for hours must still submit: the token lives as long as the
        # session, and a stale one re-shows the page with the answers kept.
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
        # Sign-in throttling (app/auth.py, app/throttle.py): after the free failures each one
        # doubles the wait before the next attempt is checked, from 1 second up to the most.
        # Per account it holds back only clients that have failed on that account (and never a
        # browser with the account's device cookie); per client it counts every account.
        "LOGIN_FAILURE_WINDOW_MINUTES": 60,
        "LOGIN_FREE_FAILURES_PER_ACCOUNT": 5,
        "LOGIN_MAX_WAIT_PER_ACCOUNT_SECONDS": 900,
        "LOGIN_FREE_FAILURES_PER_CLIENT": 20,
        "LOGIN_MAX_WAIT_PER_CLIENT_SECONDS": 300,
        "LOGIN_DEVICE_COOKIE_DAYS": 90,
        # How many proxies in front of the app set X-Forwarded-For/-Proto (HWB_TRUSTED_PROXIES):
        # 0 trusts none, as a forged header would otherwise pick the client's address.
        "TRUSTED_PROXIES": 0,
        "SURVEY_DEFS_DIR": str(Path(__file__).resolve().parent.parent / "survey_defs"),
        "DEFAULT_MIN_GROUP_SIZE": 11,
        "HSTS_SECONDS": 31536000,
        # Email (app/mail/, docs/mail.md): messages wait in the outbox until `flask mail send`
        # delivers them through this server; with no server set they wait, visible to admins.
        "MAIL_SERVER": "",
        "MAIL_PORT": 587,
        "MAIL_USE_TLS": "1",
        "MAIL_USE_SSL": "0",
        "MAIL_USERNAME": "",
        "MAIL_PASSWORD": "",
        "MAIL_SENDER": "health-and-wellbeing@localhost",
        # Webhooks (app/webhooks/): "1" lets admins register targets on private or loopback
        # addresses (a receiver inside the organisation's network); off, they are refused.
        "WEBHOOKS_ALLOW_PRIVATE": "0",
        # Interface languages offered besides English (app/i18n.py), space or comma separated;
        # "" for English only. A survey's pages offer only those its definition translates.
        "LANGUAGES": "cy en-easy pl ro",
    }


def whole_number(config, name: str) -> int:
    """A setting that must be a whole number of at least 0 (HWB_* settings arrive as text)."""
    value = config[name]
    text = str(value).strip()
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()):
        raise ValueError(f"HWB_{name} must be a whole number of 0 or more, not {value!r}")
    return int(text)


def from_environment() -> dict:
    """Any HWB_* variable overrides the setting of the same name (HWB_FOO -> FOO)."""
    return {k[4:]: v for k, v in os.environ.items()
            if k.startswith("HWB_") and k != "HWB_LOCAL_DEV"}
