"""Installing from HTTP URLs, against a real loopback server: resume, size checks, cancel, private hosts."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from impasto.models.install import download
from impasto.models.install.download import Downloader, DownloadSettings, ForbiddenHostError, check_host
from impasto.models.install.installer import InstallerSettings
from impasto.models.install.jobs import InstallRequest, JobState

from .factory import write_lora
from .install_helpers import LoopbackServer, ModelStack, Served, model_stack, wait_for

torch.set_num_threads(1)

FAST = DownloadSettings(allow_private=True, timeout_s=10, retries=2, retry_delay_s=0.05)


@pytest.fixture(scope="module")
def lora_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_lora(tmp_path_factory.mktemp("lora") / "tiny.safetensors").read_bytes()


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        yield running


@pytest.fixture
def stack(root: Path) -> Iterator[ModelStack]:
    with model_stack(root, InstallerSettings(download=FAST)) as built:
        yield built


def test_url_install_names_the_file_from_content_disposition(
    stack: ModelStack, server: LoopbackServer, lora_bytes: bytes
) -> None:
    server.files["/download/123"] = Served(lora_bytes, filename="tiny-style.safetensors")
    job = stack.install(server.url("/download/123"))
    assert job.state is JobState.COMPLETED, job.error_message
    record = stack.records.get(job.model_key or "")
    assert (record.name, record.path, record.source_type) == (
        "tiny-style",
        "sd-1/lora/tiny-style.safetensors",
        "url",
    )
    assert (stack.config.models_path / record.path).read_bytes() == lora_bytes
    assert not any((stack.config.models_path / ".download").iterdir())
    downloads = [j for j in stack.job_events(job.id) if j.state is JobState.DOWNLOADING]
    assert downloads[-1].bytes_done == downloads[-1].bytes_total == len(lora_bytes)


def test_dropped_connection_resumes_with_a_range_request(
    stack: ModelStack, server: LoopbackServer, lora_bytes: bytes
) -> None:
    half = len(lora_bytes) // 2
    server.files["/models/style.safetensors"] = Served(lora_bytes, drop_after=half)
    job = stack.install(server.url("/models/style.safetensors"))
    assert job.state is JobState.COMPLETED, job.error_message
    assert server.requests == [
        ("/models/style.safetensors", None),
        ("/models/style.safetensors", f"bytes={half}-"),
    ]
    record = stack.records.get(job.model_key or "")
    assert record.name == "style"
    assert (stack.config.models_path / record.path).read_bytes() == lora_bytes


def test_a_partial_download_left_by_a_stop_is_resumed_by_the_next_install(
    root: Path, server: LoopbackServer, lora_bytes: bytes
) -> None:
    server.files["/slow.safetensors"] = Served(lora_bytes, chunk_delay_s=0.02)
    with model_stack(root, InstallerSettings(download=FAST)) as stack:
        job = stack.installer.install(InstallRequest(source=server.url("/slow.safetensors")))
        wait_for(lambda: stack.installer.get_job(job.id).bytes_done > 64 * 1024)
    stopped = stack.installer.get_job(job.id)
    assert (stopped.state, stopped.error_type) == (JobState.ERROR, "Interrupted")
    parts = list((stack.config.models_path / ".download").rglob("*.part"))
    assert len(parts) == 1
    kept = parts[0].stat().st_size
    server.files["/slow.safetensors"].chunk_delay_s = 0
    with model_stack(root, InstallerSettings(download=FAST)) as again:
        job = again.install(server.url("/slow.safetensors"))
        assert job.state is JobState.COMPLETED, job.error_message
    assert server.requests[-1] == ("/slow.safetensors", f"bytes={kept}-")


def test_size_mismatch_is_refused_and_cleaned_up(
    stack: ModelStack, server: LoopbackServer, lora_bytes: bytes
) -> None:
    server.files["/short.safetensors"] = Served(lora_bytes, extra_announced=1000)
    job = stack.install(server.url("/short.safetensors"))
    assert job.state is JobState.ERROR
    assert job.error_type == "SizeMismatchError"
    assert f"{len(lora_bytes) + 1000}" in (job.error_message or "")
    assert stack.records.list() == []
    assert stack.model_files() == []
    assert not any((stack.config.models_path / ".download").iterdir())


def test_http_errors_are_reported(stack: ModelStack, server: LoopbackServer) -> None:
    job = stack.install(server.url("/missing.safetensors"))
    assert job.state is JobState.ERROR
    assert "HTTP 404" in (job.error_message or "")
    assert "partial" not in (job.error_message or "")
    assert not any((stack.config.models_path / ".download").iterdir())


def test_cancel_stops_a_download_promptly_and_removes_it(
    stack: ModelStack, server: LoopbackServer, lora_bytes: bytes
) -> None:
    server.files["/big.safetensors"] = Served(lora_bytes * 20, chunk_delay_s=0.05)
    job = stack.installer.install(InstallRequest(source=server.url("/big.safetensors")))
    wait_for(lambda: stack.installer.get_job(job.id).bytes_done > 0)
    time.sleep(0.5)
    stack.installer.cancel(job.id)
    final = stack.wait(job.id, timeout=3)
    assert final.state is JobState.CANCELED
    events = stack.job_events(job.id)
    progress = [j for j in events if j.state is JobState.DOWNLOADING and j.bytes_done]
    seconds = (events[-1].updated_at - events[0].updated_at).total_seconds()
    assert 0 < len(progress) <= seconds * 10 + 2  # throttled to about ten a second
    assert stack.records.list() == []
    assert not any((stack.config.models_path / ".download").iterdir())
    assert stack.job_events(job.id)[-1].state is JobState.CANCELED


def test_cancel_unblocks_a_stalled_read(tmp_path: Path) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def stall() -> None:
        connection, _ = listener.accept()
        connection.recv(4096)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 1000)
        threading.Event().wait(10)
        connection.close()

    threading.Thread(target=stall, daemon=True).start()
    cancel = threading.Event()
    downloader = Downloader(DownloadSettings(allow_private=True, timeout_s=30), cancel)
    received: list[int] = []
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            downloader.fetch(f"http://127.0.0.1:{port}/f.bin", tmp_path, lambda d, t: received.append(d))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    wait_for(lambda: received and received[-1] >= 1000)
    downloader.abort()
    worker.join(2)
    assert not worker.is_alive()
    assert type(outcome[0]).__name__ == "InstallCanceledError"
    listener.close()


def test_private_addresses_are_refused_unless_allowed(
    root: Path, server: LoopbackServer, lora_bytes: bytes
) -> None:
    server.files["/x.safetensors"] = Served(lora_bytes)
    with model_stack(root) as strict:
        with pytest.raises(ForbiddenHostError, match="allow_private_downloads"):
            strict.installer.install(InstallRequest(source=server.url("/x.safetensors")))
        assert server.requests == []
    for url in ("http://localhost/x", "http://10.1.2.3/x", "http://169.254.169.254/latest", "http://[::1]/x"):
        with pytest.raises(ForbiddenHostError):
            check_host(url, allow_private=False)
    check_host("http://localhost/x", allow_private=True)
    with model_stack(root, allow_private_downloads=True) as allowed:
        assert allowed.install(server.url("/x.safetensors")).state is JobState.COMPLETED


def test_redirects_are_followed_and_every_hop_is_checked(
    stack: ModelStack, server: LoopbackServer, lora_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.files["/real/tiny-redirected.safetensors"] = Served(lora_bytes)
    server.redirects["/go"] = "/real/tiny-redirected.safetensors"
    job = stack.install(server.url("/go"))
    assert job.state is JobState.COMPLETED, job.error_message
    assert stack.records.get(job.model_key or "").name == "tiny-redirected"

    checked: list[str] = []

    def refuse_secret(url: str, allow_private: bool) -> None:
        checked.append(url)
        if "secret" in url:
            raise ForbiddenHostError(f"refusing {url}")

    monkeypatch.setattr(download, "check_host", refuse_secret)
    server.files["/secret.safetensors"] = Served(lora_bytes)
    server.redirects["/innocent"] = "/secret.safetensors"
    job = stack.install(server.url("/innocent"))
    assert (job.state, job.error_type) == (JobState.ERROR, "ForbiddenHostError")
    assert checked == [server.url("/innocent"), server.url("/secret.safetensors")]
    assert ("/secret.safetensors", None) not in server.requests


def test_a_host_that_does_not_resolve_fails_the_job_not_the_request(root: Path) -> None:
    """Resolving may fail for want of a network as much as for a typo, so the job reports it."""
    with model_stack(root) as strict:  # private downloads off: the host is checked before the job
        job = strict.installer.install(InstallRequest(source="https://no-such-host.invalid/x.safetensors"))
        done = strict.wait(job.id)
    assert (done.state, done.error_type) == (JobState.ERROR, "DownloadError")
    assert "cannot resolve the host 'no-such-host.invalid'" in (done.error_message or "")
