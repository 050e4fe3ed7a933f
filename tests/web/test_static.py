"""Serving the built web UI: assets, client-side routes, and the API left untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from impasto.api import app as app_module
from impasto.api import create_app
from impasto.api.errors import install_error_handlers
from impasto.api.routes import system
from impasto.api.static import IMMUTABLE, find_web_dist, install_web_ui
from impasto.services import Services


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    folder = tmp_path / "dist"
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><div id=root></div>", encoding="utf-8")
    (folder / "assets" / "index-abc123.js").write_text("console.log(1)", encoding="utf-8")
    (folder / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside the build", encoding="utf-8")
    return folder


@pytest.fixture
def client(dist: Path) -> Iterator[TestClient]:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(system.router)
    install_web_ui(app, dist)
    with TestClient(app) as test_client:
        yield test_client


def test_index_for_the_root_and_client_side_routes(client: TestClient) -> None:
    for path in ("/", "/queue", "/models/some-key"):
        response = client.get(path)
        assert response.status_code == 200
        assert "id=root" in response.text
        assert response.headers["cache-control"] == "no-cache"


def test_hashed_assets_are_cached_for_good(client: TestClient) -> None:
    response = client.get("/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.text == "console.log(1)"
    assert response.headers["cache-control"] == IMMUTABLE
    assert client.get("/assets/missing.js").status_code == 404


def test_other_build_files_are_served(client: TestClient) -> None:
    response = client.get("/favicon.svg")
    assert response.text == "<svg/>"
    assert response.headers["content-type"].startswith("image/svg")


def test_the_api_never_falls_back_to_the_ui(client: TestClient) -> None:
    assert client.get("/api/v1/health").json()["status"] == "ok"
    missing = client.get("/api/v1/no-such-route")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert client.get("/api").status_code == 404


def test_other_methods_keep_their_api_answers(client: TestClient) -> None:
    assert client.post("/api/v1/health").status_code == 405
    assert client.patch("/api/v1/images/x").status_code == 404
    assert client.post("/queue").status_code == 404
    assert client.head("/queue").status_code == 200


def test_nothing_outside_the_build_is_served(client: TestClient) -> None:
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"):
        response = client.get(path)
        assert "outside the build" not in response.text


def test_find_web_dist_needs_an_index(tmp_path: Path, dist: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert find_web_dist((empty, dist)) == dist
    assert find_web_dist((empty,)) is None


def test_without_a_build_the_root_page_says_how_to_build_it(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "find_web_dist", lambda: None)
    with TestClient(create_app(services, start_worker=False)) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert "make run" in page.text
        assert client.get("/docs").status_code == 200
        assert client.get("/some/client/route").status_code == 404


def test_the_app_serves_a_found_build(
    services: Services, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "find_web_dist", lambda: dist)
    with TestClient(create_app(services, start_worker=False)) as client:
        assert "id=root" in client.get("/").text
        assert "id=root" in client.get("/queue").text
        assert client.get("/openapi.json").json()["info"]["title"] == "Impasto"
        assert client.get("/docs").status_code == 200
        assert client.get("/api/v1/queue/status").status_code == 200
