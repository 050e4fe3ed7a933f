"""Shared pieces of the install tests: the model services of a temporary root and a loopback HTTP server.

The server is real (``http.server`` on 127.0.0.1 in a thread) and speaks enough HTTP for the downloader:
``Range`` requests, ``Content-Disposition``, and switches that make it misbehave the way real servers do
(drop the connection half-way, announce more bytes than it has, trickle slowly).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from impasto.config import ImpastoConfig, load_config
from impasto.events import Event, EventBus
from impasto.models.events import InstallJobChanged
from impasto.models.install.history import JobHistory
from impasto.models.install.installer import InstallerSettings, ThreadedInstaller
from impasto.models.install.jobs import InstallJob, InstallRequest, JobState
from impasto.models.records import SqlModelRecords
from impasto.storage import Database, apply_migrations


@dataclass
class ModelStack:
    """The model services of one root, and every event they published."""

    config: ImpastoConfig
    db: Database
    records: SqlModelRecords
    installer: ThreadedInstaller
    events: list[Event] = field(default_factory=list)

    def install(self, source: str | Path, timeout: float = 60, **options: Any) -> InstallJob:
        """Run one install to its end."""
        job = self.installer.install(InstallRequest(source=str(source), **options))
        return self.wait(job.id, timeout)

    def wait(self, job_id: str, timeout: float = 60) -> InstallJob:
        job = self.installer.wait(job_id, timeout)
        assert job.state.finished, f"job still {job.state.value} after {timeout}s"
        return job

    def job_events(self, job_id: str) -> list[InstallJob]:
        return [e.job for e in self.events if isinstance(e, InstallJobChanged) and e.job.id == job_id]

    def model_files(self) -> list[Path]:
        """Everything in the models folder outside the staging area."""
        models = self.config.models_path
        return sorted(p for p in models.rglob("*") if p.is_file() and ".download" not in p.parts)


@contextmanager
def model_stack(
    root: Path, settings: InstallerSettings | None = None, **overrides: Any
) -> Iterator[ModelStack]:
    config = load_config(root, overrides, environ={})
    config.ensure_dirs()
    db = Database(config.db_url)
    apply_migrations(db)
    bus = EventBus()
    records = SqlModelRecords(db, config.models_path, bus)
    installer = ThreadedInstaller(
        records, bus, JobHistory(db), settings or InstallerSettings.from_config(config)
    )
    stack = ModelStack(config, db, records, installer)
    bus.subscribe(stack.events.append)
    try:
        yield stack
    finally:
        installer.stop()
        db.dispose()


def wait_for(condition: Any, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


@dataclass
class Served:
    """One file the loopback server offers, and how it misbehaves."""

    data: bytes
    filename: str | None = None  # sent as Content-Disposition
    drop_after: int | None = None  # first response stops after this many bytes and closes
    extra_announced: int = 0  # Content-Length claims this many bytes more than there are
    chunk_delay_s: float = 0.0  # pause between 16 KiB chunks
    status: int = 200


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 serving ``files`` by path; ``requests`` logs what it was asked."""

    def __init__(self) -> None:
        self.files: dict[str, Served] = {}
        self.redirects: dict[str, str] = {}
        self.requests: list[tuple[str, str | None]] = []
        self._drops_done: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._handle(self)

            def log_message(self, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        self.requests.append((path, handler.headers.get("Range")))
        if path in self.redirects:
            handler.send_response(302)
            handler.send_header("Location", self.redirects[path])
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        served = self.files.get(path)
        if served is None or served.status != 200:
            handler.send_response(404 if served is None else served.status)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        self._send(handler, path, served)

    def _send(self, handler: BaseHTTPRequestHandler, path: str, served: Served) -> None:
        size = len(served.data) + served.extra_announced
        start = 0
        match = re.match(r"bytes=(\d+)-", handler.headers.get("Range") or "")
        if match:
            start = int(match.group(1))
            if start >= len(served.data):
                handler.send_response(416)
                handler.send_header("Content-Range", f"bytes */{len(served.data)}")
                handler.send_header("Content-Length", "0")
                handler.end_headers()
                return
            handler.send_response(206)
            handler.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        else:
            handler.send_response(200)
        handler.send_header("Content-Length", str(size - start))
        if served.filename:
            handler.send_header("Content-Disposition", f'attachment; filename="{served.filename}"')
        handler.end_headers()
        body = served.data[start:]
        limit = len(body)
        if served.drop_after is not None and path not in self._drops_done:
            self._drops_done.add(path)
            limit = served.drop_after
        self._write(handler, body[:limit], served.chunk_delay_s)
        if limit < len(body) or served.extra_announced:
            handler.close_connection = True
            handler.wfile.flush()
            handler.connection.close()

    @staticmethod
    def _write(handler: BaseHTTPRequestHandler, body: bytes, delay: float) -> None:
        step = 16 * 1024
        try:
            for offset in range(0, len(body), step):
                handler.wfile.write(body[offset : offset + step])
                if delay:
                    handler.wfile.flush()
                    time.sleep(delay)
        except (BrokenPipeError, ConnectionResetError):
            return


FINISHED = {JobState.COMPLETED, JobState.ERROR, JobState.CANCELED}
