"""The schema's history: an ordered chain of small migrations applied at start-up.

Each migration is a module in this package named ``mNNNN_what_it_does.py`` (four digits, numbered from
0001 without gaps) with a docstring and an ``upgrade(connection)`` function written with SQLAlchemy Core so
that it runs on SQLite and PostgreSQL alike. The chain is validated before anything runs, each migration
runs in its own transaction, and a database newer than this code is refused rather than touched.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from impasto.errors import StorageError
from impasto.storage.db import Database

logger = logging.getLogger(__name__)

NAME_PATTERN = re.compile(r"^m(\d{4})_[a-z0-9_]+$")

_metadata = sa.MetaData()
schema_migrations = sa.Table(
    "schema_migrations",
    _metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)


class MigrationError(StorageError):
    """The migration chain is broken, or the database is newer than this version of Impasto."""

    code = "migration_error"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    description: str
    upgrade: Callable[[Connection], None]


def discover(package: str = __name__) -> list[Migration]:
    """The validated chain of migrations in ``package``, in order."""
    module = importlib.import_module(package)
    migrations = []
    for info in pkgutil.iter_modules(module.__path__):
        match = NAME_PATTERN.match(info.name)
        if match is None:
            raise MigrationError(f"migration module '{info.name}' does not match mNNNN_name")
        loaded = importlib.import_module(f"{package}.{info.name}")
        upgrade = getattr(loaded, "upgrade", None)
        description = (loaded.__doc__ or "").strip()
        if not callable(upgrade) or not description:
            raise MigrationError(f"migration '{info.name}' needs a docstring and an upgrade(connection)")
        migrations.append(Migration(int(match.group(1)), info.name, description, upgrade))
    migrations.sort(key=lambda m: m.version)
    expected = list(range(1, len(migrations) + 1))
    if [m.version for m in migrations] != expected:
        found = ", ".join(m.name for m in migrations)
        raise MigrationError(f"migrations must be numbered 0001..{len(migrations):04d} without gaps: {found}")
    return migrations


def current_version(database: Database) -> int:
    """The highest applied migration (0 for an empty database)."""
    with database.read() as connection:
        if not sa.inspect(connection).has_table("schema_migrations"):
            return 0
        value = connection.execute(sa.select(sa.func.max(schema_migrations.c.version))).scalar()
    return int(value or 0)


def apply_migrations(database: Database, package: str = __name__) -> list[str]:
    """Bring the database up to date; returns the names of the migrations applied."""
    chain = discover(package)
    with database.write() as connection:
        _metadata.create_all(connection, tables=[schema_migrations])
    version = current_version(database)
    if version > len(chain):
        raise MigrationError(
            f"the database is at schema version {version}, newer than this Impasto knows "
            f"({len(chain)}); upgrade Impasto or use another root"
        )
    applied = []
    for migration in chain[version:]:
        with database.write() as connection:
            migration.upgrade(connection)
            connection.execute(
                schema_migrations.insert().values(
                    version=migration.version, name=migration.name, applied_at=datetime.now(UTC)
                )
            )
        logger.info("applied migration %s: %s", migration.name, migration.description.splitlines()[0])
        applied.append(migration.name)
    return applied
