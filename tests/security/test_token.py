"""A studio bound beyond loopback asks for its token: in the browser (link, cookie, sign-in page), from
scripts (bearer), on the WebSocket and from the CLI's ``--server`` mode."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from ..servers import ServerProcess
from .raw import upgrade_status

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """On every address, the demo model installed, no token configured: one is made and printed."""
    root = tmp_path_factory.mktemp("token") / "root"
    root.mkdir()
    env = {"IMPASTO_DEVICE": "cpu", "IMPASTO_TOKEN": ""}
    process = ServerProcess(root, "--host", "0.0.0.0", env=env)
    yield process
    process.stop()
    assert "Traceback" not in process.output()


@pytest.fixture(scope="module")
def token(server: ServerProcess) -> str:
    found = re.search(rf"http://127\.0\.0\.1:{server.port}/\?token=([\w-]+)", server.output())
    assert found, server.output()
    return found.group(1)


def test_without_the_token_everything_is_401_with_a_way_in(server: ServerProcess) -> None:
    for path in ("/api/v1/queue/status", "/api/v1/images", "/openapi.json", "/api/v1/health"):
        response = server.request("GET", path)
        assert response.status_code == 401, path
        assert response.json()["code"] == "unauthorized"
        assert "token" in response.json()["message"]
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert server.request("POST", "/api/v1/queue/pause").status_code == 401
    page = server.request("GET", "/", headers={"Accept": "text/html"})
    assert page.status_code == 401
    assert '<form method="post" action="/login">' in page.text
    assert "?token=" in page.text


def test_a_bearer_token_opens_the_api(server: ServerProcess, token: str) -> None:
    good = server.request("GET", "/api/v1/queue/status", headers={"Authorization": f"Bearer {token}"})
    assert good.status_code == 200
    bad = server.request("GET", "/api/v1/queue/status", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401


def test_the_link_is_traded_for_a_cookie(server: ServerProcess, token: str) -> None:
    response = server.request("GET", f"/queue?token={token}&tab=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/queue?tab=1"  # the token leaves the address bar
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"impasto_auth_{server.port}=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert token not in cookie
    jar = {f"impasto_auth_{server.port}": response.cookies[f"impasto_auth_{server.port}"]}
    assert server.request("GET", "/api/v1/queue/status", cookies=jar).status_code == 200
    own = {"Origin": server.url}
    assert server.request("POST", "/api/v1/queue/pause", cookies=jar, headers=own).status_code == 200
    assert server.request("POST", "/api/v1/queue/resume", cookies=jar, headers=own).status_code == 200
    assert (
        server.request(
            "POST", "/api/v1/queue/pause", cookies=jar, headers={"Origin": "http://x.example"}
        ).status_code
        == 403
    )
    assert (
        server.request("GET", "/api/v1/queue/status", cookies={jar.popitem()[0]: "forged"}).status_code == 401
    )


def test_the_sign_in_page_sets_the_cookie(server: ServerProcess, token: str) -> None:
    form = {"token": token, "next": "/models"}
    response = server.request("POST", "/login", data=form, headers={"Origin": server.url})
    assert response.status_code == 303
    assert response.headers["location"] == "/models"
    assert "set-cookie" in response.headers
    elsewhere = server.request("POST", "/login", data={"token": token, "next": "//evil.example/"})
    assert elsewhere.headers["location"] == "/"
    wrong = server.request("POST", "/login", data={"token": "wrong", "next": "/"})
    assert wrong.status_code == 401
    assert "not this studio" in wrong.text
    foreign = server.request("POST", "/login", data=form, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403


def test_the_event_stream_needs_the_token_too(server: ServerProcess, token: str) -> None:
    port = server.port
    assert upgrade_status(port) == 401
    assert upgrade_status(port, path=f"/api/v1/events?token={token}") == 101
    assert upgrade_status(port, Authorization=f"Bearer {token}") == 101
    response = server.request("GET", f"/?token={token}")
    cookie = response.headers["set-cookie"].split(";")[0]
    assert upgrade_status(port, Cookie=cookie, Origin=server.url) == 101
    assert upgrade_status(port, Cookie=cookie, Origin="http://evil.example") == 403


def impasto(
    *args: str, token: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("IMPASTO_TOKEN", "IMPASTO_URL")}
    if token is not None:
        env["IMPASTO_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "impasto", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_the_cli_generates_on_the_server_with_the_token(
    server: ServerProcess, token: str, tmp_path: Path
) -> None:
    out = tmp_path / "remote.png"
    prompt = "a red circle on a blue background"
    done = impasto(
        "generate",
        prompt,
        "--steps",
        "4",
        "--seed",
        "3",
        "-o",
        str(out),
        "--server",
        server.url,
        "--token",
        token,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}\tseed 3"
    with Image.open(out) as image:
        assert image.size == (64, 64)
        assert "impasto_metadata" in image.info or "parameters" in image.info
    by_env = impasto("generate", prompt, "--steps", "2", "--server", server.url, cwd=tmp_path, token=token)
    assert by_env.returncode == 0, by_env.stderr
    written = Path(by_env.stdout.split("\t")[0])
    assert written.parent == tmp_path
    assert written.is_file()


def test_the_cli_says_how_to_get_in(server: ServerProcess, token: str) -> None:
    refused = impasto("generate", "x", "--server", server.url)
    assert refused.returncode == 2
    assert "asks for an access token" in refused.stderr
    assert "--token" in refused.stderr
    wrong = impasto("queue", "list", "--server", server.url, "--token", "nope")
    assert wrong.returncode == 2
    assert "token was refused" in wrong.stderr
    listed = impasto("queue", "list", "--json", "--server", server.url, "--token", token)
    assert listed.returncode == 0, listed.stderr
    assert '"total"' in listed.stdout


def test_server_errors_name_the_cli_option(server: ServerProcess, token: str) -> None:
    bad = impasto("generate", "x", "--scheduler", "nonsense", "--server", server.url, "--token", token)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: --scheduler")


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    gone = impasto("queue", "list", "--server", "http://127.0.0.1:9")
    assert gone.returncode == 2
    assert gone.stderr.startswith("error: could not reach the server")
    assert "Traceback" not in gone.stderr
