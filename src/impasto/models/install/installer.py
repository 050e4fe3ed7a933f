"""The install service: jobs that fetch, identify, hash and record models on a small pool of threads.

Submitting returns a job at once; the work runs in the background and every change is published as an
``install_job_changed`` event (progress at most ten times a second). Cancel stops a download at once (its
socket is shut) and other steps at their next chunk. A canceled or failed job installs nothing and leaves
no files, with one exception: a download that failed on the network, or was interrupted by stopping the
service, keeps its partial file in ``<models>/.download/`` so that installing the same URL again resumes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
import uuid
from abc import ABC, abstractmethod
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from impasto.config import ImpastoConfig
from impasto.errors import ConflictError, ImpastoError, InvalidInputError, NotFoundError
from impasto.events import EventBus
from impasto.models.events import InstallJobChanged
from impasto.models.identity import ModelRecord, SourceType
from impasto.models.install.download import (
    PART_SUFFIX,
    Downloader,
    DownloadError,
    DownloadSettings,
    Progress,
    SizeMismatchError,
    check_host,
)
from impasto.models.install.history import JobHistory
from impasto.models.install.jobs import InstallCanceledError, InstallJob, InstallRequest, JobState
from impasto.models.install.paths import PathRules
from impasto.models.install.place import Placement, install_files, refuse_duplicate, remove_path
from impasto.models.install.scan import ScanResult, checked_folder, scan_folder
from impasto.models.install.sources import (
    HFSource,
    LocalSource,
    Source,
    UrlSource,
    local_path,
    parse_source,
    source_type_of,
)
from impasto.models.records import ModelRecordService
from impasto.storage.types import utcnow

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.1
STAGING_DIR = ".download"


@dataclass(frozen=True)
class InstallerSettings:
    """What the installer needs from the configuration."""

    download: DownloadSettings = field(default_factory=DownloadSettings)
    hf_token: str | None = None
    hf_cache_dir: Path | None = None
    workers: int = 1
    paths: PathRules = field(default_factory=PathRules)

    @classmethod
    def from_config(cls, config: ImpastoConfig, *, restrict_paths: bool = True) -> InstallerSettings:
        """Settings of a server (paths restricted to the model folders) or, unrestricted, of the CLI."""
        token = config.hf_token.get_secret_value() if config.hf_token else None
        return cls(
            download=DownloadSettings(
                allow_private=config.allow_private_downloads,
                timeout_s=config.download_timeout_s,
                retries=config.download_retries,
            ),
            hf_token=token or None,
            hf_cache_dir=config.resolve(config.hf_cache_dir) if config.hf_cache_dir else None,
            workers=config.install_workers,
            paths=PathRules.inside(config.model_folders) if restrict_paths else PathRules(),
        )


class ModelInstaller(ABC):
    """What clients (API, CLI) do with installs."""

    @abstractmethod
    def install(self, request: InstallRequest, origin: SourceType | None = None) -> InstallJob:
        """Check the request and start a job; bad sources and in-place duplicates are refused here."""

    @abstractmethod
    def get_job(self, job_id: str) -> InstallJob:
        """One job, running or finished; raises ``NotFoundError``."""

    @abstractmethod
    def list_jobs(self, limit: int = 100) -> list[InstallJob]:
        """Jobs of this process and finished ones stored before, newest first."""

    @abstractmethod
    def cancel(self, job_id: str) -> InstallJob:
        """Cancel a waiting or running job; raises ``ConflictError`` when it has finished."""

    @abstractmethod
    def prune_jobs(self) -> int:
        """Forget finished jobs; returns how many."""

    @abstractmethod
    def wait(self, job_id: str, timeout: float | None = None) -> InstallJob:
        """Block until the job has finished (or the timeout passed); returns it."""

    @abstractmethod
    def scan(self, folder: Path) -> ScanResult:
        """Every model-like file and folder below ``folder``, identified."""

    @abstractmethod
    def install_scanned(self, folder: Path, paths: list[Path] | None, inplace: bool) -> list[InstallJob]:
        """Install the given paths of a scan, or every installable entry when ``paths`` is ``None``."""

    @abstractmethod
    def stop(self) -> None:
        """Interrupt running jobs (keeping partial downloads) and stop the workers."""


@dataclass
class _Active:
    job: InstallJob
    cancel: threading.Event = field(default_factory=threading.Event)
    downloader: Downloader | None = None
    last_progress: float = 0.0
    done: threading.Event = field(default_factory=threading.Event)


class ThreadedInstaller(ModelInstaller):
    """Install jobs on a thread pool; finished jobs are stored in the database."""

    def __init__(
        self, records: ModelRecordService, events: EventBus, history: JobHistory, settings: InstallerSettings
    ) -> None:
        self.records = records
        self.events = events
        self.history = history
        self.settings = settings
        self._jobs: dict[str, _Active] = {}
        self._lock = threading.RLock()
        self._pool: ThreadPoolExecutor | None = None
        self._stopping = False

    # -- clients ---------------------------------------------------------------------------------
    def install(self, request: InstallRequest, origin: SourceType | None = None) -> InstallJob:
        source = parse_source(request.source, self.settings.paths)
        self._check(source, request)
        now = utcnow()
        job = InstallJob(
            id=str(uuid.uuid4()),
            source=request.source,
            source_type=origin or source_type_of(source),
            state=JobState.WAITING,
            request=request,
            created_at=now,
            updated_at=now,
        )
        active = _Active(job)
        with self._lock:
            if self._stopping:
                raise ConflictError("the installer is stopping; no new installs are accepted")
            self._jobs[job.id] = active
            self._ensure_pool().submit(self._run, active, source)
        self.events.publish(InstallJobChanged(job=job))
        return job

    def _check(self, source: Source, request: InstallRequest) -> None:
        if request.inplace and not isinstance(source, LocalSource):
            raise InvalidInputError("inplace applies to local files and folders only, not to downloads")
        if isinstance(source, LocalSource) and request.inplace:
            refuse_duplicate(self.records, source.path)
        if isinstance(source, UrlSource):
            # A host that does not resolve (a typo, or no network) fails the job like any network
            # problem; refused here is only what the request itself gets wrong: a private address.
            with contextlib.suppress(DownloadError):
                check_host(source.url, self.settings.download.allow_private)

    def get_job(self, job_id: str) -> InstallJob:
        with self._lock:
            active = self._jobs.get(job_id)
        job = active.job if active else self.history.get(job_id)
        if job is None:
            raise NotFoundError(f"no install job has the id '{job_id}'", details={"job_id": job_id})
        return job

    def list_jobs(self, limit: int = 100) -> list[InstallJob]:
        with self._lock:
            current = {job_id: active.job for job_id, active in self._jobs.items()}
        stored = [job for job in self.history.newest(limit) if job.id not in current]
        jobs = sorted([*current.values(), *stored], key=lambda j: j.created_at, reverse=True)
        return jobs[:limit]

    def cancel(self, job_id: str) -> InstallJob:
        with self._lock:
            active = self._jobs.get(job_id)
        if active is None or active.job.state.finished:
            job = self.get_job(job_id)
            raise ConflictError(f"install job {job_id} is {job.state.value} already; it cannot be canceled")
        active.cancel.set()
        if active.downloader is not None:
            active.downloader.abort()
        if active.job.state is JobState.WAITING:
            self._finish(active, JobState.CANCELED)
        return active.job

    def prune_jobs(self) -> int:
        with self._lock:
            finished = {job_id for job_id, a in self._jobs.items() if a.job.state.finished}
            for job_id in finished:
                del self._jobs[job_id]
        return len(finished | set(self.history.prune()))

    def wait(self, job_id: str, timeout: float | None = None) -> InstallJob:
        with self._lock:
            active = self._jobs.get(job_id)
        if active is not None:
            active.done.wait(timeout)
        return self.get_job(job_id)

    def scan(self, folder: Path) -> ScanResult:
        return scan_folder(self._folder(folder), self.records, self.settings.paths)

    def install_scanned(self, folder: Path, paths: list[Path] | None, inplace: bool) -> list[InstallJob]:
        root = self._folder(folder)
        if paths is None:
            result = self.scan(root)
            paths = [
                Path(e.path) for e in result.entries if e.identity is not None and e.installed_key is None
            ]
        resolved = [(root / local_path(str(path))).resolve() for path in paths]
        outside = [str(path) for path in resolved if path != root and root not in path.parents]
        if outside:
            raise InvalidInputError(f"not inside the scanned folder {root}: {', '.join(outside)}")
        return [self.install(InstallRequest(source=str(path), inplace=inplace)) for path in resolved]

    def _folder(self, folder: Path) -> Path:
        """The folder to scan, absolute. The path rules come before looking at it, so that a server says
        the same for every folder outside the allowed ones, whether it exists or not."""
        path = local_path(str(folder))
        if self.settings.paths.roots is not None:
            path = self.settings.paths.check(path)
        return checked_folder(path)

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            running = [a for a in self._jobs.values() if not a.job.state.finished]
            pool, self._pool = self._pool, None
        for active in running:
            active.cancel.set()
            if active.downloader is not None:
                active.downloader.abort()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        for active in running:
            self._interrupted(active)

    def _ensure_pool(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.settings.workers, thread_name_prefix="impasto-install")
        return self._pool

    # -- workers ---------------------------------------------------------------------------------
    def _run(self, active: _Active, source: Source) -> None:
        if active.cancel.is_set():
            return
        staging: Path | None = None
        try:
            if isinstance(source, LocalSource):
                path, placement = source.path, "inplace" if active.job.request.inplace else "copy"
            else:
                staging = self._staging_folder(source)
                path, placement = self._download(active, source, staging), "move"
            self._update(active, state=JobState.RUNNING, step=None, bytes_done=0, bytes_total=None)
            record = self._place(active, path, placement)  # type: ignore[arg-type]
        except InstallCanceledError:
            self._end_canceled(active, staging)
        except BaseException as exc:
            self._end_failed(active, exc, staging)
        else:
            if staging is not None:
                remove_path(staging)
            self._finish(active, JobState.COMPLETED, model_key=record.key)

    def _download(self, active: _Active, source: UrlSource | HFSource, staging: Path) -> Path:
        """Fetch a remote source into its staging folder; returns the model file or folder there."""
        self._update(active, state=JobState.DOWNLOADING, step="download")
        if isinstance(source, UrlSource):
            active.downloader = Downloader(self.settings.download, active.cancel)
            return active.downloader.fetch(source.url, staging, self._progress_of(active))
        from impasto.models.install.hf import fetch_from_hub

        return fetch_from_hub(
            source,
            staging,
            token=self.settings.hf_token,
            cache_dir=self.settings.hf_cache_dir,
            progress=self._progress_of(active),
            cancel=active.cancel,
        )

    def _place(self, active: _Active, path: Path, placement: Placement) -> ModelRecord:
        request = active.job.request
        return install_files(
            self.records,
            path,
            placement=placement,
            source=request.source,
            source_type=active.job.source_type,
            sink=_JobSink(self, active),
            name=request.name,
            description=request.description,
            overrides=request.overrides,
        )

    def _staging_folder(self, source: UrlSource | HFSource) -> Path:
        """Named after the source, so that a retry of the same source finds its partial file."""
        text = source.url if isinstance(source, UrlSource) else f"hf:{source}"
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        return self.records.models_path / STAGING_DIR / digest

    def _progress_of(self, active: _Active) -> Progress:
        def progress(done: int, total: int | None) -> None:
            self._progress(active, done, total)

        return progress

    def _progress(self, active: _Active, done: int, total: int | None) -> None:
        if active.cancel.is_set():
            raise InstallCanceledError("the install was canceled")
        now = time.monotonic()
        final = total is not None and done >= total
        if now - active.last_progress < PROGRESS_INTERVAL_S and not final:
            with self._lock:
                if not active.job.state.finished:
                    active.job = active.job.model_copy(update={"bytes_done": done, "bytes_total": total})
            return
        active.last_progress = now
        self._update(active, bytes_done=done, bytes_total=total)

    def _end_canceled(self, active: _Active, staging: Path | None) -> None:
        if self._stopping:
            self._interrupted(active)
            return
        if staging is not None:
            remove_path(staging)
        self._finish(active, JobState.CANCELED)

    def _end_failed(self, active: _Active, exc: BaseException, staging: Path | None) -> None:
        resumable = (
            isinstance(exc, DownloadError)
            and not isinstance(exc, SizeMismatchError)
            and staging is not None
            and any(staging.glob("*" + PART_SUFFIX))
        )
        if staging is not None and not resumable:
            remove_path(staging)
        if not isinstance(exc, ImpastoError):
            logger.error("install of %s failed", active.job.source, exc_info=exc)
        message = exc.message if isinstance(exc, ImpastoError) else f"{type(exc).__name__}: {exc}"
        if resumable:
            message += " (the partial download is kept; install the same source again to resume)"
        self._finish(active, JobState.ERROR, error_type=type(exc).__name__, error_message=message)

    def _interrupted(self, active: _Active) -> None:
        self._finish(
            active,
            JobState.ERROR,
            error_type="Interrupted",
            error_message="Impasto stopped during the install; install the same source again to resume",
        )

    def _update(self, active: _Active, **changes: Any) -> None:
        with self._lock:
            if active.job.state.finished:
                return
            active.job = active.job.model_copy(update={**changes, "updated_at": utcnow()})
            job = active.job
        self.events.publish(InstallJobChanged(job=job))

    def _finish(self, active: _Active, state: JobState, **changes: Any) -> None:
        with self._lock:
            if active.job.state.finished:
                return
            active.job = active.job.model_copy(update={**changes, "state": state, "updated_at": utcnow()})
            job = active.job
        try:
            self.history.save(job)
        except Exception:
            logger.exception("could not store install job %s", job.id)
        active.done.set()
        self.events.publish(InstallJobChanged(job=job))


class _JobSink:
    """Reports the install steps of a job as job updates."""

    def __init__(self, installer: ThreadedInstaller, active: _Active) -> None:
        self.installer = installer
        self.active = active

    def step(self, name: str, total: int | None = None) -> None:
        if self.active.cancel.is_set():
            raise InstallCanceledError("the install was canceled")
        self.installer._update(self.active, step=name, bytes_done=0, bytes_total=total)

    def progress(self, done: int, total: int | None) -> None:
        self.installer._progress(self.active, done, total)
