"""InvokeAI workflows through the workflow library: import (files of each schema and PNGs), report, export."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ..images.helpers import png_bytes

API = "/api/v1/workflows"
FILES = Path(__file__).parents[1] / "workflows" / "invokeai_files"
SCHEMAS = {1: "1.0.0", 2: "2.0.0", 3: "3.0.0", 4: "4.0.0"}

EXPECTED_NODES = {
    "model": {"id": "model", "type": "main_model_loader"},
    "seed": {"id": "seed", "type": "random_int", "low": 0, "high": 1000, "use_cache": False},
    "positive": {"id": "positive", "type": "compel", "prompt": "a red circle"},
    "negative": {"id": "negative", "type": "compel", "prompt": ""},
    "noise": {"id": "noise", "type": "noise", "seed": 0, "width": 64, "height": 64},
    "denoise": {
        "id": "denoise",
        "type": "denoise_latents",
        "steps": 2,
        "cfg_scale": 7.5,
        "denoising_start": 0,
        "denoising_end": 1,
        "scheduler": "euler",
    },
    "decode": {"id": "decode", "type": "l2i", "tiled": False, "fp32": True},
    "decode-gallery": {"id": "decode-gallery", "type": "save_image"},
}
"""The Impasto graph every fixture maps to: InvokeAI's ``rand_int`` is Impasto's ``random_int``, and the
not-intermediate ``l2i`` gets a ``save_image`` node after it."""
EXPECTED_EDGES = {
    ("model.clip", "positive.clip"),
    ("model.clip", "negative.clip"),
    ("model.unet", "denoise.unet"),
    ("model.vae", "decode.vae"),
    ("seed.value", "noise.seed"),
    ("positive.conditioning", "denoise.positive_conditioning"),
    ("negative.conditioning", "denoise.negative_conditioning"),
    ("noise.latents", "denoise.noise"),
    ("denoise.latents", "decode.latents"),
    ("decode.image", "decode-gallery.image"),
}


def fixture(version: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FILES / f"text_to_image_v{version}.json").read_text())
    return data


def edges(graph: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (
            f"{e['source']['node_id']}.{e['source']['field']}",
            f"{e['destination']['node_id']}.{e['destination']['field']}",
        )
        for e in graph["edges"]
    }


def imported(client: TestClient, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    response = client.post(f"{API}/import", json=data)
    assert response.status_code == 201, response.text
    body = response.json()
    return body["workflow"], body["report"]


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_each_schema_imports_with_nothing_left_out(client: TestClient, version: int) -> None:
    record, report = imported(client, fixture(version))
    assert report == {"source": "invokeai", "schema_version": SCHEMAS[version], "problems": []}
    document = record["workflow"]
    assert document["graph"]["nodes"] == EXPECTED_NODES
    assert edges(document["graph"]) == EXPECTED_EDGES
    assert (document["name"], document["tags"]) == (
        f"Tiny text to image (schema {SCHEMAS[version]})",
        ["text to image", "SD1"],
    )
    assert (document["author"], document["notes"]) == ("Impasto tests", "Written for the import tests.")
    layout = document["layout"]
    assert layout["denoise"]["position"] == {"x": 800, "y": 0}
    assert (layout["positive"]["label"], layout["positive"]["input_labels"]) == (
        "Positive",
        {"prompt": "Prompt"},
    )
    assert layout["decode-gallery"]["input_labels"] == {"board": "Board"}
    assert document["sticky_notes"] == [
        {"id": "note", "position": {"x": 0, "y": -200}, "text": "Pick a model, then invoke."}
    ]
    assert record["open_inputs"] == [{"node_id": "model", "field": "model"}]
    fields = {
        (e["node_id"], e["field"], e["label"])
        for e in document["form"]["elements"].values()
        if e["type"] == "field"
    }
    assert fields == {
        ("model", "model", ""),
        ("positive", "prompt", "Prompt"),
        ("denoise", "steps", "Steps"),
        ("decode-gallery", "board", "Board"),
    }


def test_a_v4_form_keeps_its_layout(client: TestClient) -> None:
    form = imported(client, fixture(4))[0]["workflow"]["form"]
    root = form["elements"]["root"]
    assert root["children"] == [
        "heading-1",
        "text-1",
        "container-1",
        "divider-1",
        "node-field-model",
        "node-field-board",
    ]
    assert form["elements"]["container-1"]["layout"] == "row"
    assert form["elements"]["heading-1"]["text"] == "Text to image"
    assert form["elements"]["text-1"]["text"] == "Describe the picture."
    prompt, steps = form["elements"]["node-field-prompt"], form["elements"]["node-field-steps"]
    assert (prompt["component"], steps["component"], steps["show_description"]) == (
        "textarea",
        "slider",
        False,
    )


def test_what_cannot_be_mapped_is_reported_and_the_rest_imported(client: TestClient) -> None:
    data = fixture(3)
    data["nodes"].append(
        {
            "id": "mystery",
            "type": "invocation",
            "position": {"x": 0, "y": 900},
            "data": {"id": "mystery", "type": "mystery_node", "label": "", "notes": "", "inputs": {}},
        }
    )
    data["edges"].append(
        {
            "id": "m",
            "type": "default",
            "source": "mystery",
            "sourceHandle": "value",
            "target": "noise",
            "targetHandle": "width",
        }
    )
    denoise = next(node for node in data["nodes"] if node["id"] == "denoise")
    denoise["data"]["inputs"]["hidiffusion"] = {"name": "hidiffusion", "label": "", "value": True}
    denoise["data"]["inputs"]["scheduler"]["value"] = "no_such_scheduler"
    data["exposedFields"].append({"nodeId": "mystery", "fieldName": "value"})
    record, report = imported(client, data)
    problems = {(p["part"], p.get("node_id"), p.get("field")): p for p in report["problems"]}
    assert problems[("node", "mystery", None)]["reason"] == "no Impasto node for 'mystery_node'"
    assert problems[("node", "mystery", None)]["node_type"] == "mystery_node"
    assert problems[("edge", "mystery", None)]["edge"] == "mystery.value -> noise.width"
    assert "has no input 'hidiffusion'" in problems[("field", "denoise", "hidiffusion")]["reason"]
    assert "no_such_scheduler" in problems[("field", "denoise", "scheduler")]["reason"]
    assert problems[("form", "mystery", "value")]["element_id"] == "mystery.value"
    assert len(report["problems"]) == 5
    graph = record["workflow"]["graph"]
    assert "mystery" not in graph["nodes"]
    assert "scheduler" not in graph["nodes"]["denoise"]
    assert edges(graph) == EXPECTED_EDGES


def test_settled_fields_with_other_values_are_reported(client: TestClient) -> None:
    data = fixture(3)
    noise = next(node for node in data["nodes"] if node["id"] == "noise")
    noise["data"]["inputs"]["use_cpu"]["value"] = False
    report = imported(client, data)[1]
    assert [(p["node_id"], p["field"]) for p in report["problems"]] == [("noise", "use_cpu")]


def test_a_png_with_an_invokeai_workflow_imports(client: TestClient) -> None:
    image = png_bytes({"invokeai_workflow": json.dumps(fixture(4)), "invokeai_graph": "{}"})
    response = client.post(f"{API}/import/image", files={"file": ("made.png", image, "image/png")})
    assert response.status_code == 201, response.text
    record, report = response.json()["workflow"], response.json()["report"]
    assert (report["source"], report["problems"]) == ("invokeai", [])
    assert record["workflow"]["graph"]["nodes"] == EXPECTED_NODES


def test_a_png_with_only_a_graph_imports_the_graph(client: TestClient) -> None:
    graph = {
        "id": "g",
        "nodes": {
            "a": {"id": "a", "type": "integer", "value": 2, "is_intermediate": True, "use_cache": True},
            "b": {"id": "b", "type": "mul", "b": 3, "is_intermediate": True},
        },
        "edges": [
            {"source": {"node_id": "a", "field": "value"}, "destination": {"node_id": "b", "field": "a"}}
        ],
    }
    image = png_bytes({"invokeai_graph": json.dumps(graph)})
    response = client.post(f"{API}/import/image", files={"file": ("made.png", image, "image/png")})
    assert response.status_code == 201, response.text
    document = response.json()["workflow"]["workflow"]
    assert document["graph"]["nodes"] == {
        "a": {"id": "a", "type": "integer", "value": 2},
        "b": {"id": "b", "type": "multiply", "b": 3},
    }
    assert document["layout"]["b"]["position"]["x"] > document["layout"]["a"]["position"]["x"]
    assert response.json()["report"] == {"source": "invokeai", "schema_version": "graph", "problems": []}


def test_a_png_without_a_workflow_is_refused(client: TestClient) -> None:
    for chunks, says in (
        ({"parameters": "a cat\nSteps: 20, Sampler: Euler, CFG scale: 7"}, "invokeai_workflow"),
        ({"impasto_graph": '{"nodes": []}'}, "impasto_graph: the image's graph is not a graph"),
        ({"invokeai_workflow": "{not json"}, "invokeai_workflow: the image's metadata is not JSON"),
    ):
        image = png_bytes(chunks)
        response = client.post(f"{API}/import/image", files={"file": ("made.png", image, "image/png")})
        assert (response.status_code, response.json()["code"]) == (422, "invalid_workflow_file")
        assert says in response.json()["message"]


def test_export_to_invokeai_gives_back_what_was_imported(client: TestClient) -> None:
    original = fixture(4)
    record = imported(client, original)[0]
    exported = client.get(f"{API}/{record['id']}/export", params={"format": "invokeai"}).json()
    assert exported["meta"] == {"version": "4.0.0", "category": "user"}
    by_id = {node["id"]: node for node in exported["nodes"]}
    assert set(by_id) == {node["id"] for node in original["nodes"]}
    for node in original["nodes"]:
        mine = by_id[node["id"]]
        assert (mine["type"], mine["position"]) == (node["type"], node["position"])
        for key in ("type", "label", "notes", "isOpen", "isIntermediate", "useCache"):
            assert mine["data"].get(key) == node["data"].get(key), (node["id"], key)
        for name, field in node["data"].get("inputs", {}).items():
            assert mine["data"]["inputs"][name]["label"] == field["label"], (node["id"], name)
            assert mine["data"]["inputs"][name].get("value") == field.get("value"), (node["id"], name)

    def ends(edge: dict[str, Any]) -> tuple[str, str, str, str]:
        return edge["source"], edge["sourceHandle"], edge["target"], edge["targetHandle"]

    assert sorted(map(ends, exported["edges"])) == sorted(map(ends, original["edges"]))
    assert exported["form"] == original["form"] | {"elements": exported["form"]["elements"]}
    for key, element in original["form"]["elements"].items():
        assert exported["form"]["elements"][key] == element, key
    assert sorted(map(str, exported["exposedFields"])) == sorted(map(str, original["exposedFields"]))
    again, report = imported(client, exported)
    assert report["problems"] == []
    graph, before = again["workflow"]["graph"], record["workflow"]["graph"]
    assert edges(graph) == edges(before)
    for key, node in before["nodes"].items():  # now with every default spelled out, as InvokeAI writes them
        assert graph["nodes"][key] == graph["nodes"][key] | node


def test_export_of_impasto_nodes_invokeai_names_otherwise(client: TestClient) -> None:
    document = {
        "format": "impasto.workflow",
        "schema_version": "1.0.0",
        "name": "Splitting",
        "graph": {
            "nodes": {
                "split": {"id": "split", "type": "string_split", "string": "a,b"},
                "first": {"id": "first", "type": "string_split_first", "string": "a,b"},
                "resize": {"id": "resize", "type": "image_resize", "width": 64, "resample": "nearest"},
            },
            "edges": [],
        },
    }
    created = client.post(API, json=document).json()
    exported = client.get(f"{API}/{created['id']}/export", params={"format": "invokeai"}).json()
    types = {node["id"]: node["data"]["type"] for node in exported["nodes"]}
    assert types == {"split": "impasto_string_split", "first": "string_split", "resize": "img_resize"}
    resize = next(node for node in exported["nodes"] if node["id"] == "resize")["data"]["inputs"]
    assert (resize["width"]["value"], resize["resample_mode"]["value"]) == (64, "nearest")
    assert "resample" not in resize
    back, report = imported(client, copy.deepcopy(exported))
    assert report["problems"] == []
    nodes = back["workflow"]["graph"]["nodes"]
    assert {key: node["type"] for key, node in nodes.items()} == {
        "split": "string_split",
        "first": "string_split_first",
        "resize": "image_resize",
    }
    assert (nodes["resize"]["width"], nodes["resize"]["resample"]) == (64, "nearest")
