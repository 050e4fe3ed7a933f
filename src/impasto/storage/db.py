"""One database per installation, reached through SQLAlchemy Core.

SQLite (the embedded default) runs in WAL mode so that readers never wait for the writer. Writes are
serialised: inside a process by a lock, across processes (a CLI next to a running server) by SQLite's own
lock, which a write transaction takes at its start (``BEGIN IMMEDIATE``) so two writers can never deadlock
upgrading read locks. Nothing here is SQLite-only beyond those pragmas, so a PostgreSQL URL works too.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from impasto.errors import StorageError

logger = logging.getLogger(__name__)

_WRITE_OPTION = "impasto_write"
BUSY_TIMEOUT_MS = 15000


class Database:
    """A connection pool plus the rule "one writer at a time, readers never blocked"."""

    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine: Engine = create_engine(url, future=True, **self._engine_options())
        except (SQLAlchemyError, ImportError) as exc:
            raise StorageError(
                f"cannot open database {parsed.render_as_string(hide_password=True)}: {exc}"
            ) from exc
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._write_lock = threading.RLock()

    def _engine_options(self) -> dict[str, Any]:
        if self.is_sqlite:
            return {"connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}}
        return {"pool_pre_ping": True}

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed on success, rolled back on error, one at a time."""
        with self._write_lock, self.engine.connect() as plain:
            connection = plain.execution_options(**{_WRITE_OPTION: True})
            with connection.begin():
                yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction on a consistent snapshot; never waits for the writer."""
        with self.engine.connect() as connection, connection.begin():
            yield connection

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, and transactions that SQLAlchemy (not the driver) begins."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" hook below emit BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
