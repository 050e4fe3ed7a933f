"""A studio on loopback with default settings, attacked as a web page in the user's browser would.

Cross-site "simple" requests (no preflight) and WebSocket upgrades from foreign origins are refused; a
DNS-rebinding page (foreign ``Host``) is refused everywhere; the studio's own pages, the CLI and scripts
(no ``Origin``) keep working.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from ..images.helpers import png_bytes
from ..servers import ServerProcess
from .raw import status_of, upgrade_status

pytestmark = pytest.mark.slow

EVIL = "http://evil.example"
SIMPLE_POSTS = [
    "/api/v1/queue/pause",
    "/api/v1/queue/resume",
    "/api/v1/queue/cancel_all",
    "/api/v1/queue/clear",
    "/api/v1/queue/prune",
    "/api/v1/models/cache/empty",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("loopback") / "root"
    root.mkdir()
    (root / "impasto.yaml").write_text(json.dumps({"install_bundled_models": False}))
    process = ServerProcess(root)
    yield process
    process.stop()
    assert "Traceback" not in process.output()


def paused(server: ServerProcess) -> bool:
    state: bool = server.request("GET", "/api/v1/queue/status").json()["paused"]
    return state


@pytest.mark.parametrize("path", SIMPLE_POSTS)
def test_cross_site_simple_posts_are_refused(server: ServerProcess, path: str) -> None:
    response = server.request("POST", path, headers={"Origin": EVIL})
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "origin_not_allowed"
    assert "allowed_origins" in response.json()["message"]
    assert not paused(server)


def test_a_form_upload_from_another_site_is_refused_and_stores_nothing(server: ServerProcess) -> None:
    files = {"file": ("x.png", png_bytes(), "image/png")}
    response = server.request("POST", "/api/v1/images/upload", files=files, headers={"Origin": EVIL})
    assert response.status_code == 403
    assert server.request("GET", "/api/v1/images").json()["total"] == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "null"},  # sandboxed frames and file:// pages
        {"Origin": "http://127.0.0.1.evil.example"},
        {"Sec-Fetch-Site": "cross-site"},  # a browser that left out Origin still says where it came from
        {"Sec-Fetch-Site": "same-site"},  # another port of localhost is another application
    ],
)
def test_other_signs_of_a_foreign_page_are_refused(server: ServerProcess, headers: dict[str, str]) -> None:
    response = server.request("POST", "/api/v1/queue/pause", headers=headers)
    assert response.status_code == 403
    assert not paused(server)


def test_a_text_plain_graph_from_another_site_is_refused(server: ServerProcess) -> None:
    body = json.dumps({"graph": {"nodes": {}, "edges": []}})
    headers = {"Origin": EVIL, "Content-Type": "text/plain"}
    assert server.request("POST", "/api/v1/queue/enqueue", content=body, headers=headers).status_code == 403


def test_the_studios_own_pages_and_scripts_may_change_things(server: ServerProcess) -> None:
    own = {"Origin": server.url}
    assert server.request("POST", "/api/v1/queue/pause", headers=own).status_code == 200
    assert paused(server)
    by_name = {"Origin": f"http://localhost:{server.port}", "Host": f"localhost:{server.port}"}
    assert server.request("POST", "/api/v1/queue/resume", headers=by_name).status_code == 200
    assert server.request("POST", "/api/v1/queue/pause").status_code == 200  # no Origin: CLI, scripts
    assert server.request(
        "POST", "/api/v1/queue/resume", headers={"Sec-Fetch-Site": "same-origin"}
    ).is_success
    assert not paused(server)
    files = {"file": ("x.png", png_bytes(), "image/png")}
    assert server.request("POST", "/api/v1/images/upload", files=files, headers=own).status_code == 201


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "rebind.attacker.test:9090", ""])
def test_a_foreign_host_is_refused_for_every_path(server: ServerProcess, host: str) -> None:
    for path in ("/api/v1/images", "/api/v1/queue/items", "/", "/openapi.json"):
        response = server.request("GET", path, headers={"Host": host})
        assert response.status_code == 421, (path, response.text)
        assert "allowed_hosts" in response.json()["message"]
    head = f"GET /api/v1/config HTTP/1.1\r\nHost: {host}\r\nConnection: close" if host else "GET / HTTP/1.0"
    assert status_of(server.port, head) in (421, 400)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_loopback_names_are_served(server: ServerProcess, host: str) -> None:
    response = server.request("GET", "/api/v1/queue/status", headers={"Host": f"{host}:{server.port}"})
    assert response.status_code == 200


def test_websocket_upgrades_are_checked_like_requests(server: ServerProcess) -> None:
    port = server.port
    assert upgrade_status(port, Host="evil.example") == 421
    assert upgrade_status(port, Origin=EVIL) == 403
    assert upgrade_status(port, Origin="null") == 403
    assert upgrade_status(port, Origin=server.url) == 101
    assert upgrade_status(port) == 101  # non-browser clients send no Origin


def test_requests_from_the_browser_of_the_user_still_read(server: ServerProcess) -> None:
    """Reads are not refused for an Origin (the browser keeps their answers from a foreign page)."""
    response = server.request("GET", "/api/v1/queue/status", headers={"Origin": EVIL})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_the_openapi_document_declares_the_refusals(server: ServerProcess) -> None:
    paths = server.request("GET", "/openapi.json").json()["paths"]
    pause = paths["/api/v1/queue/pause"]["post"]["responses"]
    assert {"401", "403", "413", "421"} <= set(pause)
    assert "403" not in paths["/api/v1/queue/status"]["get"]["responses"]


def test_no_traceback_was_logged(server: ServerProcess) -> None:
    assert "Traceback" not in server.output()
