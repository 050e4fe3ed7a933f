"""Keep the editor workflow a batch came from, so the images it makes can carry it."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection


def upgrade(connection: Connection) -> None:
    connection.execute(sa.text("ALTER TABLE queue_batches ADD COLUMN workflow JSON"))
