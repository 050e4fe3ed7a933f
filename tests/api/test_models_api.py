"""The model routes through the real app: install jobs and their events, records, scans, starters."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient

from ..models.factory import (
    A1111_TREE,
    write_a1111_tree,
    write_lora,
    write_malicious_pickle,
    write_sd1_diffusers,
)

torch.set_num_threads(1)

API = "/api/v1/models"


def wait_job(client: TestClient, job_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    job: dict[str, Any] = {}
    while time.monotonic() < deadline:
        job = client.get(f"{API}/jobs/{job_id}").json()
        if job["state"] in ("completed", "error", "canceled"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job.get('state')}")


@pytest.fixture
def lora(tmp_path: Path) -> Path:
    return write_lora(tmp_path / "tiny-style.safetensors")


def test_install_job_events_arrive_on_the_websocket(client: TestClient, lora: Path) -> None:
    with client.websocket_connect("/api/v1/events?types=install_job_changed,model_record_changed") as ws:
        response = client.post(f"{API}/install", json={"source": str(lora)})
        assert response.status_code == 202
        job_id = response.json()["id"]
        events: list[dict[str, Any]] = []
        while (
            not events
            or events[-1]["type"] != "install_job_changed"
            or events[-1]["job"]["state"] != "completed"
        ):
            events.append(ws.receive_json())
    jobs = [e["job"] for e in events if e["type"] == "install_job_changed"]
    assert {j["id"] for j in jobs} == {job_id}
    assert jobs[0]["state"] == "waiting"
    assert "running" in [j["state"] for j in jobs]
    assert jobs[-1]["percentage"] == 100.0
    added = [e for e in events if e["type"] == "model_record_changed"]
    assert [(e["action"], e["key"]) for e in added] == [("added", jobs[-1]["model_key"])]


def test_records_get_patch_reidentify_delete(client: TestClient, lora: Path) -> None:
    job = wait_job(
        client, client.post(f"{API}/install", json={"source": str(lora), "name": "Style"}).json()["id"]
    )
    key = job["model_key"]
    listed = client.get(API, params={"type": "lora", "base": "sd-1", "name": "sty"}).json()["models"]
    assert [m["key"] for m in listed] == [key]
    assert client.get(API, params={"type": "main"}).json()["models"] == []
    assert client.get(API, params={"base": "sd-9"}).status_code == 422
    model = client.get(f"{API}/{key}").json()
    assert (model["name"], model["path"], model["owned"]) == ("Style", "sd-1/lora/Style.safetensors", True)
    patched = client.patch(f"{API}/{key}", json={"description": "crisp", "trigger_words": ["tiny"]}).json()
    assert (patched["description"], patched["trigger_words"], patched["name"]) == ("crisp", ["tiny"], "Style")
    empty = client.patch(f"{API}/{key}", json={})
    assert (empty.status_code, empty.json()["code"]) == (422, "invalid_input")
    bad = client.patch(f"{API}/{key}", json={"default_settings": {"width": 13}})
    assert bad.status_code == 422
    unnamed = client.patch(f"{API}/{key}", json={"name": None})
    assert (unnamed.status_code, unnamed.json()["code"]) == (422, "invalid_request")
    assert unnamed.json()["message"] == "invalid request: body.name: expected string, got null"
    assert client.post(f"{API}/{key}/reidentify").json()["type"] == "lora"
    deleted = client.delete(f"{API}/{key}")
    assert deleted.json()["key"] == key
    missing = client.get(f"{API}/{key}")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")


def test_duplicate_install_is_409_naming_the_record(client: TestClient, lora: Path) -> None:
    first = wait_job(
        client, client.post(f"{API}/install", json={"source": str(lora), "inplace": True}).json()["id"]
    )
    again = client.post(f"{API}/install", json={"source": str(lora), "inplace": True})
    assert again.status_code == 409
    body = again.json()
    assert body["code"] == "duplicate_model"
    assert body["details"]["key"] == first["model_key"]
    assert first["model_key"] in body["message"]


def test_bad_install_requests(client: TestClient, tmp_path: Path) -> None:
    missing = client.post(f"{API}/install", json={"source": str(tmp_path / "nope.safetensors")})
    assert (missing.status_code, missing.json()["code"]) == (422, "invalid_input")
    private = client.post(f"{API}/install", json={"source": "http://127.0.0.1:9/model.safetensors"})
    assert (private.status_code, private.json()["code"]) == (403, "forbidden_host")
    assert "allow_private_downloads" in private.json()["message"]
    assert client.post(f"{API}/install", json={"source": ""}).status_code == 422
    models_path = client.app.state.services.models.models_path  # type: ignore[attr-defined]
    too_long = str(models_path / ("n" * 300))  # inside the allowed folder, too long to look up
    for source in ("x\x00.safetensors", "~no-such-user-of-impasto/x.safetensors", too_long):
        unusable = client.post(f"{API}/install", json={"source": source})  # was a 500 (found by fuzzing)
        assert (unusable.status_code, unusable.json()["code"]) == (422, "invalid_input")
    for body in ({"path": "models\x00"}, {"path": str(tmp_path), "paths": ["a\x00b"]}):
        route = f"{API}/scan/install" if "paths" in body else f"{API}/scan"
        assert client.post(route, json=body).status_code == 422


def test_jobs_list_cancel_and_prune(client: TestClient, lora: Path) -> None:
    job = wait_job(client, client.post(f"{API}/install", json={"source": str(lora)}).json()["id"])
    assert [j["id"] for j in client.get(f"{API}/jobs").json()] == [job["id"]]
    finished = client.post(f"{API}/jobs/{job['id']}/cancel")
    assert (finished.status_code, finished.json()["code"]) == (409, "conflict")
    assert client.get(f"{API}/jobs/nope").status_code == 404
    assert client.post(f"{API}/jobs/prune").json() == {"deleted": 1}
    assert client.get(f"{API}/jobs").json() == []


def test_scan_and_install_from_an_a1111_tree(client: TestClient, tmp_path: Path) -> None:
    tree = write_a1111_tree(tmp_path / "webui")
    scan = client.post(f"{API}/scan", json={"path": str(tree)}).json()
    assert scan["layout"] == "a1111"
    assert len([e for e in scan["entries"] if e["identity"]]) == len(A1111_TREE)
    lora_path = str(tree / "models/Lora/tiny-style.safetensors")
    jobs = client.post(f"{API}/scan/install", json={"path": str(tree), "paths": [lora_path]}).json()
    assert [j["source"] for j in jobs] == [lora_path]
    assert wait_job(client, jobs[0]["id"])["state"] == "completed"
    record = client.get(API).json()["models"][0]
    assert (record["path"], record["owned"]) == (lora_path, False)
    rescan = client.post(f"{API}/scan", json={"path": str(tree)}).json()
    installed = {e["path"]: e["installed_key"] for e in rescan["entries"]}
    assert installed[lora_path] == record["key"]
    missing = client.post(f"{API}/scan", json={"path": str(tmp_path / "nope")})
    assert missing.status_code == 422


def no_model_files(root: Path) -> bool:
    models = root / "models"
    return not models.exists() or not any(
        p.is_file() for p in models.rglob("*") if ".download" not in p.parts
    )


def test_a_malicious_pickle_in_a_model_folder_is_refused(
    client: TestClient, root: Path, tmp_path: Path
) -> None:
    """A diffusers folder whose UNet weights are a malicious pickle: refused, copied, in place or scanned."""
    folder = write_sd1_diffusers(tmp_path / "library" / "tiny-sd1")
    clean = client.post(f"{API}/scan", json={"path": str(folder.parent)}).json()["entries"]
    assert [e["identity"]["type"] for e in clean] == ["main"]  # the folder itself is a good model
    marker = tmp_path / "pwned"
    (folder / "unet" / "diffusion_pytorch_model.safetensors").unlink()  # so a loader would read the .bin
    write_malicious_pickle(folder / "unet" / "diffusion_pytorch_model.bin", marker)
    for inplace in (False, True):
        body = {"source": str(folder), "inplace": inplace}
        job = wait_job(client, client.post(f"{API}/install", json=body).json()["id"])
        assert (job["state"], job["error_type"]) == ("error", "UnsafeModelError"), job
        assert "unet/diffusion_pytorch_model.bin contains code" in job["error_message"]
        assert "exec" in job["error_message"]
    entries = client.post(f"{API}/scan", json={"path": str(folder.parent)}).json()["entries"]
    found = [(e["path"], e["identity"], e["error_code"]) for e in entries]
    assert found == [(str(folder), None, "unsafe_model")]
    assert client.post(f"{API}/scan/install", json={"path": str(folder.parent)}).json() == []
    assert not marker.exists()
    assert client.get(API).json()["models"] == []
    assert no_model_files(root)


def test_every_pickle_suffix_at_any_depth_is_scanned(client: TestClient, root: Path, tmp_path: Path) -> None:
    """Not only the weights identification reads: a stray legacy ``.pkl`` deep in a sub-model counts too."""
    folder = write_sd1_diffusers(tmp_path / "tiny-sd1")
    marker = tmp_path / "pwned"
    write_malicious_pickle(folder / "text_encoder" / "old" / "weights.pkl", marker, zipped=False)
    job = wait_job(client, client.post(f"{API}/install", json={"source": str(folder)}).json()["id"])
    assert (job["state"], job["error_type"]) == ("error", "UnsafeModelError"), job
    assert "text_encoder/old/weights.pkl" in job["error_message"]
    assert not marker.exists()
    assert client.get(API).json()["models"] == []
    assert no_model_files(root)


def test_starter_models(client: TestClient) -> None:
    starters = client.get(f"{API}/starters").json()
    assert len(starters) >= 15
    assert not any(s["installed"] for s in starters)
    sdxl = next(s for s in starters if s["id"] == "sdxl")
    assert "sdxl-vae-fp16-fix" in sdxl["dependencies"]
    unknown = client.post(f"{API}/starters/install", json={"ids": ["nope"]})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")


def test_routes_are_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in (
        "/install",
        "/jobs",
        "/jobs/{job_id}/cancel",
        "/scan",
        "/scan/install",
        "/starters",
        "/{key}",
    ):
        assert f"{API}{route}" in paths


def test_model_cache_stats_and_empty(client: TestClient) -> None:
    stats = client.get(f"{API}/cache").json()
    assert stats["entries"] == []
    assert stats["hits"] == 0
    assert client.post(f"{API}/cache/empty").json() == {"dropped": 0, "bytes": 0, "kept": 0}


def test_record_changes_are_documented_as_the_route_takes_them(client: TestClient) -> None:
    """Found by fuzzing: the schema offered null for fields that cannot be cleared, and an empty change."""
    changes = client.get("/openapi.json").json()["components"]["schemas"]["ModelRecordChanges"]
    assert changes["minProperties"] == 1
    for field in ("name", "description", "trigger_words"):
        assert "anyOf" not in changes["properties"][field]
        assert "default" not in changes["properties"][field]
    assert {"type": "null"} in changes["properties"]["variant"]["anyOf"]
