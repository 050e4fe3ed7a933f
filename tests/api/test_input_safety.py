"""Hostile input through the real app: image references outside the store, control characters in text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ..models.factory import write_lora
from .conftest import wait_for_item
from .test_models_api import wait_job

MISSING_IMAGE = "f" * 32 + ".png"


def error_of(response: Any, code: str) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    return body


def one_node(node_id: str, node_type: str, **inputs: Any) -> dict[str, Any]:
    return {"nodes": {node_id: {"id": node_id, "type": node_type, **inputs}}, "edges": []}


@pytest.mark.parametrize(
    "name", ["../secret.png", "/etc/passwd", "..\\..\\boot.ini", MISSING_IMAGE + "/../x.png"]
)
def test_image_references_outside_the_store_are_refused_at_enqueue(client: TestClient, name: str) -> None:
    graph = one_node("load", "load_image", image={"image_name": name})
    body = error_of(client.post("/api/v1/queue/enqueue", json={"graph": graph}), "invalid_graph")
    (issue,) = body["details"]
    assert set(issue) == {"code", "node_id", "field", "message"}
    assert (issue["code"], issue["node_id"], issue["field"]) == ("invalid_value", "load", "image")
    assert f"{name!r} is not a valid image name" in issue["message"]
    checked = client.post("/api/v1/graphs/validate", json={"graph": graph}).json()
    assert (checked["valid"], checked["issues"]) == (False, body["details"])
    assert client.get("/api/v1/queue/status").json()["counts"]["total"] == 0


def test_batch_data_cannot_smuggle_an_image_path(client: TestClient) -> None:
    graph = one_node("pick", "image", image={"image_name": MISSING_IMAGE})
    data = [[{"node_id": "pick", "field": "image", "items": [{"image_name": "../../etc/passwd"}]}]]
    body = error_of(
        client.post("/api/v1/queue/enqueue", json={"graph": graph, "data": data}), "invalid_graph"
    )
    assert [(i["code"], i["node_id"], i["field"]) for i in body["details"]] == [
        ("invalid_batch", "pick", "image")
    ]
    assert "is not a valid image name" in body["details"][0]["message"]


def test_a_well_formed_name_passes_validation_and_fails_only_when_missing(client: TestClient) -> None:
    graph = one_node("load", "load_image", image={"image_name": MISSING_IMAGE})
    response = client.post("/api/v1/queue/enqueue", json={"graph": graph})
    assert response.status_code == 200, response.text
    item = wait_for_item(client, response.json()["item_ids"][0], "failed")
    assert item["error_type"] == "NotFoundError"


@pytest.mark.parametrize("bad", ["\x00", "\x1b[31m", "\x07", "\x7f", "\x85", "\t", "\n"])
def test_names_with_control_characters_are_refused_naming_the_field(client: TestClient, bad: str) -> None:
    code = f"U+{ord(bad[0]):04X}"
    board = error_of(client.post("/api/v1/boards", json={"board_name": f"Cats{bad}"}), "invalid_request")
    assert "board_name" in board["message"]
    assert code in board["message"]
    preset = error_of(
        client.post("/api/v1/style_presets", json={"name": f"Ink{bad}", "positive_prompt": "{prompt}"}),
        "invalid_request",
    )
    assert "body.name" in preset["message"]
    assert code in preset["message"]
    install = error_of(
        client.post("/api/v1/models/install", json={"source": "/nowhere", "name": f"x{bad}"}),
        "invalid_request",
    )
    assert "body.name" in install["message"]
    assert client.get("/api/v1/boards").json() == []
    assert [p for p in client.get("/api/v1/style_presets").json()["presets"] if p["type"] == "user"] == []


def test_renaming_to_a_name_with_control_characters_is_refused(client: TestClient, tmp_path: Path) -> None:
    board = client.post("/api/v1/boards", json={"board_name": "Cats"}).json()
    renamed = client.patch(f"/api/v1/boards/{board['board_id']}", json={"board_name": "Ca\x00ts"})
    assert "board_name" in error_of(renamed, "invalid_request")["message"]
    preset = client.post("/api/v1/style_presets", json={"name": "Ink", "positive_prompt": "{prompt}"}).json()
    changed = client.patch(f"/api/v1/style_presets/{preset['id']}", json={"name": "I\x1bnk"})
    assert "body.name" in error_of(changed, "invalid_request")["message"]
    lora = write_lora(tmp_path / "style.safetensors")
    key = wait_job(client, client.post("/api/v1/models/install", json={"source": str(lora)}).json()["id"])[
        "model_key"
    ]
    for changes, field in (
        ({"name": "st\x00yle"}, "body.name"),
        ({"description": "made \x1b[2J here"}, "body.description"),
        ({"trigger_words": ["ok", "bad\x00"]}, "body.trigger_words.1"),
    ):
        refused = client.patch(f"/api/v1/models/{key}", json=changes)
        assert field in error_of(refused, "invalid_request")["message"]
    kept = client.patch(f"/api/v1/models/{key}", json={"description": "line one\nline two\ttabbed"})
    assert kept.json()["description"] == "line one\nline two\ttabbed"
    assert client.get(f"/api/v1/boards/{board['board_id']}").json()["board_name"] == "Cats"
    assert client.get(f"/api/v1/style_presets/{preset['id']}").json()["name"] == "Ink"
    assert client.get(f"/api/v1/models/{key}").json()["name"] == "style"


def test_a_model_named_after_a_file_loses_its_control_characters(client: TestClient, tmp_path: Path) -> None:
    lora = write_lora(tmp_path / "evil\x1b[31m.safetensors")
    job = wait_job(client, client.post("/api/v1/models/install", json={"source": str(lora)}).json()["id"])
    assert job["state"] == "completed", job
    assert client.get(f"/api/v1/models/{job['model_key']}").json()["name"] == "evil[31m"


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x0b", "\x9b"])
def test_prompts_with_control_characters_are_refused(client: TestClient, bad: str) -> None:
    prompt = f"a cat{bad} on a mat"
    generate = client.post("/api/v1/generate", json={"prompt": prompt, "steps": 1})
    assert "body.prompt" in error_of(generate, "invalid_request")["message"]
    negative = client.post("/api/v1/generate", json={"prompt": "a cat", "negative_prompt": prompt})
    assert "body.negative_prompt" in error_of(negative, "invalid_request")["message"]
    dynamic = client.post("/api/v1/prompts/dynamic", json={"prompt": prompt})
    assert "body.prompt" in error_of(dynamic, "invalid_request")["message"]
    template = client.post("/api/v1/style_presets", json={"name": "Ink", "negative_prompt": prompt})
    assert "body.negative_prompt" in error_of(template, "invalid_request")["message"]
    builtin = client.get("/api/v1/style_presets").json()["presets"][0]
    applied = client.post(f"/api/v1/style_presets/{builtin['id']}/apply", json={"prompt": prompt})
    assert "body.prompt" in error_of(applied, "invalid_request")["message"]
    graph = one_node("p", "dynamic_prompt", prompt=prompt)
    body = error_of(client.post("/api/v1/queue/enqueue", json={"graph": graph}), "invalid_graph")
    assert [(i["code"], i["node_id"], i["field"]) for i in body["details"]] == [
        ("invalid_value", "p", "prompt")
    ]
    assert f"U+{ord(bad):04X}" in body["details"][0]["message"]
    assert client.get("/api/v1/queue/status").json()["counts"]["total"] == 0


def test_prompts_keep_tabs_and_line_breaks(client: TestClient) -> None:
    prompt = "a cat\ton a mat\r\nwatercolor"
    expanded = client.post("/api/v1/prompts/dynamic", json={"prompt": prompt})
    assert expanded.status_code == 200, expanded.text
    assert (expanded.json()["count"], expanded.json()["error"]) == (1, None)
    graph = one_node("p", "dynamic_prompt", prompt=prompt)
    assert client.post("/api/v1/graphs/validate", json={"graph": graph}).json() == {
        "valid": True,
        "issues": [],
    }
    created = client.post("/api/v1/style_presets", json={"name": "Multi line", "positive_prompt": prompt})
    assert created.status_code == 201, created.text


def test_import_reports_a_preset_name_with_control_characters(client: TestClient) -> None:
    items = [{"name": "Bad\x00name", "positive_prompt": "x"}, {"name": "Good", "positive_prompt": "y"}]
    body = client.post("/api/v1/style_presets/import", json={"style_presets": items}).json()
    assert [p["name"] for p in body["created"]] == ["Good"]
    (skipped,) = body["skipped"]
    assert skipped["name"] == "Badname"
    assert skipped["reason"].startswith("name: ")
    assert "U+0000" in skipped["reason"]
