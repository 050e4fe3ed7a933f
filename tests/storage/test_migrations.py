"""The migration chain: validated before running, applied once, never run against a newer database."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from impasto.storage import Database, MigrationError, apply_migrations, current_version
from impasto.storage.migrations import discover


def write_package(tmp_path: Path, name: str, modules: dict[str, str]) -> str:
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, body in modules.items():
        (package / f"{module}.py").write_text(body)
    sys.path.insert(0, str(tmp_path))
    return name


MIGRATION = '''"""Create table {table}."""
import sqlalchemy as sa

def upgrade(connection):
    connection.execute(sa.text("CREATE TABLE {table} (id INTEGER PRIMARY KEY)"))
'''


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'test.db'}")


def test_builtin_chain_is_valid_and_applies_once(db: Database) -> None:
    chain = discover()
    assert [m.version for m in chain] == list(range(1, len(chain) + 1))
    assert apply_migrations(db) == [m.name for m in chain]
    assert apply_migrations(db) == []
    assert current_version(db) == len(chain)
    with db.read() as conn:
        assert sa.inspect(conn).has_table("queue_items")


def test_sqlite_runs_in_wal_mode(db: Database) -> None:
    apply_migrations(db)
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_gaps_in_the_chain_are_refused(tmp_path: Path, db: Database) -> None:
    package = write_package(
        tmp_path,
        "gapped_migrations",
        {"m0001_a": MIGRATION.format(table="a"), "m0003_c": MIGRATION.format(table="c")},
    )
    with pytest.raises(MigrationError, match="without gaps"):
        apply_migrations(db, package)


def test_badly_named_module_is_refused(tmp_path: Path, db: Database) -> None:
    package = write_package(tmp_path, "misnamed_migrations", {"add_stuff": MIGRATION.format(table="a")})
    with pytest.raises(MigrationError, match="mNNNN_name"):
        apply_migrations(db, package)


def test_failed_migration_rolls_back_and_is_retried(tmp_path: Path, db: Database) -> None:
    broken = (
        '"""Broken."""\nimport sqlalchemy as sa\n\ndef upgrade(connection):\n'
        '    connection.execute(sa.text("CREATE TABLE half (id INTEGER)"))\n'
        '    raise RuntimeError("disk full")\n'
    )
    package = write_package(
        tmp_path, "broken_migrations", {"m0001_a": MIGRATION.format(table="a"), "m0002_b": broken}
    )
    with pytest.raises(RuntimeError):
        apply_migrations(db, package)
    assert current_version(db) == 1
    with db.read() as conn:
        assert not sa.inspect(conn).has_table("half")


def test_newer_database_is_refused(db: Database) -> None:
    apply_migrations(db)
    with db.write() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO schema_migrations (version, name, applied_at) "
                "VALUES (999, 'm0999_x', '2030-01-01')"
            )
        )
    with pytest.raises(MigrationError, match="newer than this Impasto"):
        apply_migrations(db)


def test_readers_do_not_wait_for_the_writer(db: Database) -> None:
    apply_migrations(db)
    with db.write() as conn:
        conn.execute(sa.text("CREATE TABLE t (v INTEGER)"))
        conn.execute(sa.text("INSERT INTO t VALUES (1)"))
    holding = threading.Event()
    release = threading.Event()

    def slow_writer() -> None:
        with db.write() as conn:
            conn.execute(sa.text("UPDATE t SET v = 2"))
            holding.set()
            release.wait(5)

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert holding.wait(5)
    started = time.monotonic()
    with db.read() as conn:
        value = conn.execute(sa.text("SELECT v FROM t")).scalar()
    elapsed = time.monotonic() - started
    release.set()
    writer.join()
    assert value == 1  # the reader sees the last committed state, at once
    assert elapsed < 1.0


def test_the_workflows_table_holds_a_library(db: Database) -> None:
    apply_migrations(db)
    with db.read() as conn:
        columns = {column["name"] for column in sa.inspect(conn).get_columns("workflows")}
    assert {"workflow_id", "category", "name", "tags", "workflow", "thumbnail", "opened_at"} <= columns
