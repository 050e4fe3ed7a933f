"""The rules behind the checks, in process: who needs a token, which hosts and origins pass, CORS for
listed origins, and the limit on wrong tokens."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from impasto.api import create_app
from impasto.api.security.auth import FailureLimiter, server_token
from impasto.api.security.hosts import HostPolicy, is_loopback_bind, split_host
from impasto.config import load_config
from impasto.errors import ConfigError
from impasto.services import build_services


def app_client(root: Path, **settings: Any) -> Iterator[TestClient]:
    config = load_config(root, {"allowed_hosts": ["testserver"], **settings}, environ={})
    services = build_services(config)
    with TestClient(create_app(services, start_worker=False)) as client:
        yield client
    services.close()


@pytest.mark.parametrize(
    ("host", "auth", "needed"),
    [
        ("127.0.0.1", "auto", False),
        ("localhost", "auto", False),
        ("::1", "auto", False),
        ("0.0.0.0", "auto", True),
        ("192.168.1.20", "auto", True),
        ("127.0.0.1", "token", True),
        ("0.0.0.0", "none", False),
    ],
)
def test_who_needs_a_token(root: Path, host: str, auth: str, needed: bool) -> None:
    config = load_config(root, {"host": host, "auth": auth}, environ={})
    token, generated = server_token(config, {})
    assert (token is not None) == needed
    assert generated == needed
    assert is_loopback_bind(host) == (host in ("127.0.0.1", "localhost", "::1"))


def test_a_configured_token_wins_over_the_environment_and_is_not_made_up(root: Path) -> None:
    config = load_config(root, {"host": "0.0.0.0", "auth_token": "from-config"}, environ={})
    assert server_token(config, {"IMPASTO_TOKEN": "from-env"}) == ("from-config", False)
    plain = load_config(root, {"host": "0.0.0.0"}, environ={})
    assert server_token(plain, {"IMPASTO_TOKEN": "from-env"}) == ("from-env", False)


def test_the_config_shows_no_token(root: Path) -> None:
    config = load_config(root, {"auth_token": "s3cret"}, environ={})
    assert "s3cret" not in str(config.public_dict())


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (["*"], "'*' is not allowed"),
        (["https://a.example/path"], "nothing after it"),
        (["ftp://a.example"], "not an origin"),
        (["a.example"], "not an origin"),
    ],
)
def test_bad_origins_stop_start_up(root: Path, value: list[str], problem: str) -> None:
    with pytest.raises(ConfigError, match="allowed_origins") as raised:
        load_config(root, {"allowed_origins": value}, environ={})
    assert problem in raised.value.message


def test_bad_hosts_stop_start_up(root: Path) -> None:
    with pytest.raises(ConfigError, match="allowed_hosts"):
        load_config(root, environ={"IMPASTO_ALLOWED_HOSTS": "good.example, bad host/x"})


def test_hosts_and_origins() -> None:
    policy = HostPolicy.build("127.0.0.1", ["studio.example", "*.lan.example"], ["https://app.example"])
    assert policy.host_allowed("127.0.0.1:9090")
    assert policy.host_allowed("LOCALHOST")
    assert policy.host_allowed("[::1]:9090")
    assert policy.host_allowed("studio.example.:443")
    assert policy.host_allowed("box.lan.example")
    assert not policy.host_allowed("lan.example.evil")
    assert not policy.host_allowed("evil.example")
    assert not policy.host_allowed("user@127.0.0.1")
    assert not policy.host_allowed(None)
    assert policy.origin_allowed("http://127.0.0.1:9090", "127.0.0.1:9090", "http")
    assert not policy.origin_allowed("http://127.0.0.1:9091", "127.0.0.1:9090", "http")
    assert policy.origin_allowed("https://studio.example", "studio.example", "http")  # behind a TLS proxy
    assert policy.origin_allowed("https://app.example", "127.0.0.1:9090", "http")
    assert not policy.origin_allowed("null", "127.0.0.1:9090", "http")
    assert split_host("[::1]:80") == ("::1", 80)
    assert split_host("a:b:c") is None
    assert HostPolicy.build("127.0.0.1", ["*"], []).host_allowed("anything.example")


def test_a_wildcard_bind_answers_to_this_machines_addresses() -> None:
    policy = HostPolicy.build("0.0.0.0", [], [])
    assert policy.host_allowed("127.0.0.1")
    assert not policy.host_allowed("evil.example")
    assert len(policy.names) > len(HostPolicy.build("127.0.0.1", [], []).names)


def test_listed_origins_get_exact_cors(root: Path) -> None:
    for client in app_client(root, allowed_origins=["http://app.example:3000"]):
        preflight = client.options(
            "/api/v1/queue/pause",
            headers={"Origin": "http://app.example:3000", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "http://app.example:3000"
        assert preflight.headers["access-control-allow-credentials"] == "true"
        listed = client.post("/api/v1/queue/pause", headers={"Origin": "http://app.example:3000"})
        assert listed.status_code == 200
        assert listed.headers["access-control-allow-origin"] == "http://app.example:3000"
        other = client.options(
            "/api/v1/queue/pause",
            headers={"Origin": "http://other.example", "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in other.headers
        assert (
            client.post("/api/v1/queue/pause", headers={"Origin": "http://other.example"}).status_code == 403
        )


def test_without_listed_origins_there_is_no_cors(root: Path) -> None:
    for client in app_client(root):
        preflight = client.options(
            "/api/v1/queue/pause",
            headers={"Origin": "http://a.example", "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in preflight.headers


def test_wrong_tokens_are_limited_per_client(root: Path) -> None:
    for client in app_client(root, auth="token", auth_token="right"):
        for _ in range(10):
            assert client.get("/api/v1/queue/status?token=wrong").status_code == 401
        limited = client.get("/api/v1/queue/status?token=right")
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) > 0
        assert "try again" in limited.json()["message"]
        # a bearer token is not guessed through this door and still works
        assert (
            client.get("/api/v1/queue/status", headers={"Authorization": "Bearer right"}).status_code == 200
        )


def test_the_limiter_forgets_old_failures() -> None:
    limiter = FailureLimiter(limit=2, window_s=0.05)
    limiter.failed("a")
    limiter.failed("a")
    assert limiter.retry_after("a") > 0
    assert limiter.retry_after("b") == 0
    time.sleep(0.06)
    assert limiter.retry_after("a") == 0
    assert limiter._failures == {}


def test_an_api_query_token_is_accepted_without_a_redirect(root: Path) -> None:
    for client in app_client(root, auth="token", auth_token="right"):
        assert client.get("/api/v1/queue/status?token=right").status_code == 200
        page = client.get("/?token=right", follow_redirects=False)
        assert page.status_code == 303
        assert client.get("/api/v1/queue/status").status_code == 200  # the cookie from the redirect
        out = client.post("/logout", follow_redirects=False)
        assert out.status_code == 303
        assert client.get("/api/v1/queue/status").status_code == 401
