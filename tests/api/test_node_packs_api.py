"""Custom node packs through the API: install from a local git repository or a zip, reload without a
restart, remove; unsafe sources are refused and leave nothing behind."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from impasto.api import create_app
from impasto.config import load_config
from impasto.nodepacks import sources
from impasto.services import build_services

PACK = '''
from impasto.graph import BaseNode, BaseOutput, InputField, NodeContext, OutputField, node


class ShoutOutput(BaseOutput):
    value: str = OutputField(description="The text, loud.")


@node("{type}", title="Shout", category="testing")
class ShoutNode(BaseNode):
    """Upper-cases a text."""

    text: str = InputField("", description="The text.")

    def invoke(self, ctx: NodeContext) -> ShoutOutput:
        return ShoutOutput(value=self.text.upper())
'''


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    root = tmp_path / "root"
    root.mkdir()
    settings = {
        "install_bundled_models": False,
        "allowed_hosts": ["testserver"],
        "node_pack_source_dirs": [str(tmp_path / "repos")],
    }
    (root / "impasto.yaml").write_text(json.dumps(settings))
    services = build_services(load_config(root, environ={}))
    with TestClient(create_app(services)) as test_client:
        yield test_client
    services.db.dispose()


def git_repo(folder: Path, node_type: str = "shout") -> Path:
    """A git repository holding a node pack (one node, ``node_type``) at its top."""
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(PACK.replace("{type}", node_type))
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "pack"],
    ):
        subprocess.run(["git", "-C", str(folder), *command], check=True, capture_output=True)
    return folder


def zipped(members: dict[str, str], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def node_types(client: TestClient) -> set[str]:
    return {schema["type"] for schema in client.get("/api/v1/nodes").json()}


def test_a_pack_from_git_loads_on_reload_and_goes_on_removal(client: TestClient, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repos" / "shout-pack.git")
    installed = client.post("/api/v1/nodes/packs/git", json={"url": repo.as_uri()})
    assert installed.status_code == 201, installed.text
    assert (installed.json()["name"], installed.json()["loaded"]) == ("shout-pack", False)
    assert client.get("/api/v1/nodes/packs/status").json()["pending"] == ["shout-pack"]
    assert "shout" not in node_types(client)

    reloaded = client.post("/api/v1/nodes/packs/reload").json()
    pack = next(p for p in reloaded["packs"] if p["name"] == "shout-pack")
    assert (pack["loaded"], pack["nodes"], reloaded["pending"]) == (True, ["shout"], [])
    assert "shout" in node_types(client)
    graph = {"nodes": {"a": {"id": "a", "type": "shout", "text": "hi"}}, "edges": []}
    assert client.post("/api/v1/graphs/validate", json={"graph": graph}).json()["valid"] is True

    assert client.delete("/api/v1/nodes/packs/shout-pack").json()["pending"] == ["shout-pack"]
    client.post("/api/v1/nodes/packs/reload")
    assert "shout" not in node_types(client)
    assert [p["name"] for p in client.get("/api/v1/nodes/packs").json()] == []


def test_a_broken_pack_is_reported_and_the_others_still_load(client: TestClient, tmp_path: Path) -> None:
    broken = tmp_path / "repos" / "broken"
    git_repo(broken, "fine")
    (broken / "__init__.py").write_text("raise RuntimeError('this pack is broken')\n")
    subprocess.run(
        ["git", "-C", str(broken), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "x"],
        check=True,
    )
    client.post("/api/v1/nodes/packs/git", json={"url": broken.as_uri()})
    client.post("/api/v1/nodes/packs/git", json={"url": git_repo(tmp_path / "repos" / "good").as_uri()})
    packs = {p["name"]: p for p in client.post("/api/v1/nodes/packs/reload").json()["packs"]}
    assert packs["good"]["loaded"]
    assert not packs["broken"]["loaded"]
    assert "this pack is broken" in packs["broken"]["error"]


def test_git_sources_outside_the_allowed_folders_or_schemes_are_refused(
    client: TestClient, tmp_path: Path
) -> None:
    elsewhere = git_repo(tmp_path / "elsewhere")
    assert client.post("/api/v1/nodes/packs/git", json={"url": elsewhere.as_uri()}).status_code == 403
    for url in ("ssh://example.com/x.git", "git://example.com/x.git", "ext::sh -c touch% /tmp/x", "/tmp/x"):
        response = client.post("/api/v1/nodes/packs/git", json={"url": url})
        assert response.status_code == 422, url
    repo = git_repo(tmp_path / "repos" / "twice")
    bad_name = client.post("/api/v1/nodes/packs/git", json={"url": repo.as_uri(), "name": "../up"})
    assert bad_name.status_code == 422
    assert client.post("/api/v1/nodes/packs/git", json={"url": repo.as_uri()}).status_code == 201
    assert client.post("/api/v1/nodes/packs/git", json={"url": repo.as_uri()}).status_code == 409


def test_git_urls_on_this_machine_or_a_private_network_are_refused(client: TestClient) -> None:
    """As for model downloads: the server must not be made to reach what only it can reach."""
    for url in ("http://127.0.0.1:9/x.git", "https://10.0.0.1/x.git", "http://[::1]/x.git"):
        response = client.post("/api/v1/nodes/packs/git", json={"url": url})
        assert response.status_code == 403, url
        assert response.json()["code"] == "forbidden_host"


def test_a_zip_installs_its_one_folder_as_the_pack(client: TestClient) -> None:
    data = zipped(
        {"shout-main/__init__.py": PACK.replace("{type}", "zipped_shout"), "shout-main/README": "x"}
    )
    files = {"file": ("shout.zip", data, "application/zip")}
    response = client.post("/api/v1/nodes/packs/zip", files=files, data={"name": "zipped"})
    assert response.status_code == 201, response.text
    client.post("/api/v1/nodes/packs/reload")
    assert "zipped_shout" in node_types(client)


@pytest.mark.parametrize(
    ("members", "links", "reason"),
    [
        ({"__init__.py": "", "../escape.py": "x"}, (), "outside the pack"),
        ({"__init__.py": "", "/abs.py": "x"}, (), "outside the pack"),
        ({"__init__.py": ""}, ("link",), "is a link"),
        ({"README": "no package"}, (), "no __init__.py"),
    ],
)
def test_unsafe_zips_are_refused_and_leave_nothing(
    client: TestClient, members: dict[str, str], links: tuple[str, ...], reason: str
) -> None:
    files = {"file": ("x.zip", zipped(members, links), "application/zip")}
    response = client.post("/api/v1/nodes/packs/zip", files=files, data={"name": "unsafe"})
    assert response.status_code == 422, response.text
    assert reason in response.json()["message"]
    nodes_dir = client.app.state.services.config.nodes_path  # type: ignore[attr-defined]
    assert sorted(path.name for path in nodes_dir.iterdir()) == []


def test_a_zip_that_unpacks_too_large_is_refused_before_writing(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_UNPACKED_BYTES", 1000)
    files = {"file": ("x.zip", zipped({"__init__.py": "#" * 2000}), "application/zip")}
    response = client.post("/api/v1/nodes/packs/zip", files=files, data={"name": "bomb"})
    assert response.status_code == 422
    assert "unpacks to over" in response.json()["message"]
    not_a_zip = {"file": ("x.zip", b"PK no zip", "application/zip")}
    assert client.post("/api/v1/nodes/packs/zip", files=not_a_zip, data={"name": "z"}).status_code == 422


def test_a_local_path_is_read_as_its_url_says(client: TestClient, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repos" / "with space")
    response = client.post("/api/v1/nodes/packs/git", json={"url": repo.as_uri()})
    assert response.status_code == 201, response.text
    assert response.json()["name"] == "with-space"


def test_removing_a_pack_that_is_not_there_is_a_404(client: TestClient) -> None:
    assert client.delete("/api/v1/nodes/packs/nothing").status_code == 404
