"""Bounded request bodies and the folders model installs and scans may read, against a real server."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from impasto.models.install.paths import PathRules
from impasto.models.install.sources import HFSource, LocalSource, parse_source

from ..images.helpers import png_bytes
from ..servers import ServerProcess
from .raw import status_of, stream_until_answered

pytestmark = pytest.mark.slow
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def extra(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's model folder listed in ``model_dirs``, holding a FIFO dressed as a model."""
    folder = tmp_path_factory.mktemp("a1111-models")
    os.mkfifo(folder / "stuck.safetensors")
    (folder / "notes.txt").write_text("not a model")
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, extra: Path) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("limits") / "root"
    (root / "models").mkdir(parents=True)
    (root / "models" / "passwd.safetensors").symlink_to("/etc/passwd")
    settings = {
        "install_bundled_models": False,
        "max_request_mb": 1,
        "max_upload_mb": 1,
        "model_dirs": [str(extra)],
    }
    (root / "impasto.yaml").write_text(json.dumps(settings))
    process = ServerProcess(root)
    yield process
    process.stop()
    assert "Traceback" not in process.output()


# --- Body limits ----------------------------------------------------------------------------------
def test_a_huge_declared_upload_is_refused_before_it_is_sent(server: ServerProcess) -> None:
    head = (
        f"POST /api/v1/images/upload HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 1073741824"
    )
    started = time.monotonic()
    assert status_of(server.port, head) == 413
    assert time.monotonic() - started < 5


def test_a_huge_declared_json_body_is_refused_with_the_setting(server: ServerProcess) -> None:
    response = server.request(
        "POST",
        "/api/v1/queue/enqueue",
        content=b"{" + b" " * (2 * MIB) + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert "max_request_mb" in response.json()["message"]


PART = (
    b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'
)


@pytest.mark.parametrize(
    ("path", "content_type", "first"),
    [
        ("/api/v1/queue/enqueue", "application/json", b'{"graph": "'),
        ("/api/v1/images/upload", "multipart/form-data; boundary=x", PART),
    ],
)
def test_a_chunked_body_is_cut_off_at_the_limit(
    server: ServerProcess, path: str, content_type: str, first: bytes
) -> None:
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nContent-Type: {content_type}"
    status, sent = stream_until_answered(server.port, head, b"x" * 65536, most=200 * MIB, first=first)
    assert status == 413
    assert sent < 32 * MIB  # answered soon after the limit, not after reading everything


def test_uploads_within_the_limit_still_work(server: ServerProcess) -> None:
    files = {"file": ("x.png", png_bytes(size=(64, 64)), "image/png")}
    assert server.request("POST", "/api/v1/images/upload", files=files).status_code == 201


# --- Install and scan paths -----------------------------------------------------------------------
OUTSIDE = [
    "/etc/passwd",
    "/proc/self/environ",
    "/dev/zero",
    "/etc",
    "/root",
    "/nonexistent/model.safetensors",
]


@pytest.mark.parametrize("path", OUTSIDE)
def test_installs_outside_the_model_folders_are_refused_alike(server: ServerProcess, path: str) -> None:
    response = server.request("POST", "/api/v1/models/install", json={"source": path})
    assert response.status_code == 403, response.text
    body = response.json()
    assert body["code"] == "path_not_allowed"
    assert "model_dirs" in body["message"]
    # the same answer whether or not the path exists
    assert body["message"].removeprefix(path) == body_of_missing(server)


def body_of_missing(server: ServerProcess) -> str:
    missing = "/nonexistent/model.safetensors"
    response = server.request("POST", "/api/v1/models/install", json={"source": missing})
    message: str = response.json()["message"]
    return message.removeprefix(missing)


@pytest.mark.parametrize("path", ["/root", "/etc", "/proc", "/nonexistent", "/"])
def test_scans_outside_the_model_folders_are_refused(server: ServerProcess, path: str) -> None:
    for route, body in (("/scan", {"path": path}), ("/scan/install", {"path": path})):
        response = server.request("POST", f"/api/v1/models{route}", json=body)
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "path_not_allowed"


def test_file_urls_and_traversal_are_held_to_the_same_rule(server: ServerProcess) -> None:
    models = server.root / "models"
    for source in ("file:///etc/passwd", f"{models}/../../../../etc/passwd", "~/.bashrc"):
        response = server.request("POST", "/api/v1/models/install", json={"source": source})
        assert response.status_code == 403, (source, response.text)


def test_a_link_inside_the_models_folder_cannot_lead_out(server: ServerProcess) -> None:
    link = server.root / "models" / "passwd.safetensors"
    response = server.request("POST", "/api/v1/models/install", json={"source": str(link)})
    assert response.status_code == 403
    scan = server.request("POST", "/api/v1/models/scan", json={"path": str(server.root / "models")})
    assert scan.status_code == 200
    assert scan.json()["entries"] == []


def test_a_fifo_in_a_listed_folder_is_neither_installed_nor_read(server: ServerProcess, extra: Path) -> None:
    response = server.request(
        "POST", "/api/v1/models/install", json={"source": str(extra / "stuck.safetensors")}
    )
    assert response.status_code == 422
    assert "not a regular file" in response.json()["message"]
    started = time.monotonic()
    scan = server.request("POST", "/api/v1/models/scan", json={"path": str(extra)})
    assert scan.status_code == 200
    assert scan.json()["entries"] == []
    assert time.monotonic() - started < 10


def test_a_missing_file_inside_a_listed_folder_says_so(server: ServerProcess, extra: Path) -> None:
    response = server.request(
        "POST", "/api/v1/models/install", json={"source": str(extra / "gone.safetensors")}
    )
    assert response.status_code == 422
    assert "is not an existing file" in response.json()["message"]


def test_hugging_face_ids_are_not_paths(tmp_path: Path) -> None:
    """An id that is not a path in an allowed folder stays an id (no download is started here)."""
    rules = PathRules.inside([tmp_path])
    assert parse_source("someone/some-model", rules) == HFSource("someone/some-model")
    (tmp_path / "someone").mkdir()
    (tmp_path / "someone" / "model.safetensors").write_bytes(b"x")
    inside = parse_source(str(tmp_path / "someone" / "model.safetensors"), rules)
    assert inside == LocalSource(tmp_path / "someone" / "model.safetensors")
