"""Finished install jobs in the database, so a user can still see what failed after a restart.

Running jobs live in memory only: their progress changes many times a second, and a job cannot outlive its
process anyway. What a restart must not lose is a half-downloaded file, and that stays on disk where the
next install of the same URL resumes it.
"""

from __future__ import annotations

import sqlalchemy as sa

from impasto.models import tables as t
from impasto.models.install.jobs import InstallJob
from impasto.storage.db import Database


class JobHistory:
    """Stores finished jobs and answers for them."""

    def __init__(self, db: Database, keep: int = 500) -> None:
        self.db = db
        self.keep = keep

    def save(self, job: InstallJob) -> None:
        """Store a finished job, dropping the oldest beyond ``keep``."""
        row = job.model_dump(
            mode="json",
            include={"source", "source_type", "state", "bytes_done", "bytes_total", "model_key"},
        )
        row |= {
            "job_id": job.id,
            "request": job.request.model_dump(mode="json"),
            "error_type": job.error_type,
            "error_message": job.error_message,
            "created_at": job.created_at,
            "updated_at": job.updated_at,
        }
        with self.db.write() as conn:
            conn.execute(t.install_jobs.delete().where(t.install_jobs.c.job_id == job.id))
            conn.execute(t.install_jobs.insert().values(**row))
            stale = (
                sa.select(t.install_jobs.c.job_id)
                .order_by(t.install_jobs.c.updated_at.desc())
                .offset(self.keep)
            )
            conn.execute(t.install_jobs.delete().where(t.install_jobs.c.job_id.in_(stale)))

    def get(self, job_id: str) -> InstallJob | None:
        with self.db.read() as conn:
            row = (
                conn.execute(sa.select(t.install_jobs).where(t.install_jobs.c.job_id == job_id))
                .mappings()
                .first()
            )
        return None if row is None else _from_row(row)

    def newest(self, limit: int) -> list[InstallJob]:
        """The newest finished jobs first."""
        query = sa.select(t.install_jobs).order_by(t.install_jobs.c.updated_at.desc()).limit(limit)
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [_from_row(row) for row in rows]

    def prune(self) -> list[str]:
        """Forget every finished job; returns their ids."""
        with self.db.write() as conn:
            ids = list(conn.execute(sa.select(t.install_jobs.c.job_id)).scalars())
            conn.execute(t.install_jobs.delete())
        return [str(job_id) for job_id in ids]


def _from_row(row: sa.RowMapping) -> InstallJob:
    values = dict(row)
    values["id"] = values.pop("job_id")
    return InstallJob.model_validate(values)
