"""The database engine and the migrations that shape it; the tensor store (:mod:`.tensors`) beside it."""

from impasto.storage.db import Database
from impasto.storage.migrations import MigrationError, apply_migrations, current_version

__all__ = ["Database", "MigrationError", "apply_migrations", "current_version"]
