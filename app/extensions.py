"""Flask extensions, created once here and bound to the app in create_app()."""

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

from app.read_replica import RoutingSession

# Named constraints so Alembic migrations behave the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Its session reads from the read replica where a view allows it (app/read_replica.py).
db = SQLAlchemy(model_class=Base, session_options={"class_": RoutingSession})
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()


# After a checkpoint has emptied the WAL, SQLite cuts the file back to this size. Without it
# the file keeps its largest size ever, and past the frames in use it holds stale copies of
# pages (rows since deleted or changed) for as long as nothing overwrites them. About the
# 1,000-page automatic checkpoint, so an ordinary cycle never pays for a truncate.
WAL_SIZE_LIMIT = 4 * 1024 * 1024


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets readers run beside the writer; the busy timeout makes writers queue, not fail.
    secure_delete zeroes what a delete or an update frees, so deleted respondent data does not
    live on in free pages or in the slack of a page (R5)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA secure_delete=ON")
        cur.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        cur.close()


def checkpoint(engine, mode: str = "PASSIVE") -> tuple[int, int, int]:
    """SQLite's WAL copied into the database: (busy, frames in the WAL, frames copied). PASSIVE
    copies what readers allow without waiting for anyone; TRUNCATE waits (the busy timeout) and
    then cuts the WAL to nothing."""
    with engine.connect() as conn:
        return tuple(conn.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})").one())


def empty_wal() -> bool:
    """On SQLite, copy the WAL into the database and cut it to nothing, so no copy of a page
    from before (a deleted answer, a forgotten key) is left in it. Waits (the busy timeout)
    for readers of the old frames; True if the WAL is now empty. Run after the app deletes
    respondent data in bulk, not per request: it costs a full checkpoint."""
    if db.engine.dialect.name != "sqlite":
        return True
    busy, _frames, _done = checkpoint(db.engine, "TRUNCATE")
    return not busy
