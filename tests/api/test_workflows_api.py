"""Workflow library routes: save, list, open, change, copy, delete, thumbnails, export and import."""

from __future__ import annotations

import copy
from typing import Any

from fastapi.testclient import TestClient

from ..images.helpers import png_bytes

API = "/api/v1/workflows"


def document(name: str = "Counting", **fields: Any) -> dict[str, Any]:
    """A small valid workflow: two integers added, laid out, with a form for one input."""
    return {
        "format": "impasto.workflow",
        "schema_version": "1.0.0",
        "name": name,
        "graph": {
            "nodes": {
                "a": {"id": "a", "type": "integer", "value": 2},
                "sum": {"id": "sum", "type": "add", "b": 3},
            },
            "edges": [
                {
                    "source": {"node_id": "a", "field": "value"},
                    "destination": {"node_id": "sum", "field": "a"},
                }
            ],
        },
        "layout": {
            "a": {"position": {"x": 0, "y": 0}},
            "sum": {"position": {"x": 300, "y": 0}, "label": "Sum"},
        },
        "form": {
            "root_id": "root",
            "elements": {
                "root": {"id": "root", "type": "container", "children": ["title", "a.value"]},
                "title": {"id": "title", "type": "heading", "text": "Numbers"},
                "a.value": {"id": "a.value", "type": "field", "node_id": "a", "field": "value"},
            },
        },
        **fields,
    }


def create(client: TestClient, name: str = "Counting", **fields: Any) -> dict[str, Any]:
    response = client.post(API, json=document(name, **fields))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_a_workflow_goes_through_its_life(client: TestClient) -> None:
    created = create(client, tags=["math", " Math ", "demo"], description="Adds")
    assert (created["category"], created["tags"], created["opened_at"]) == ("user", ["math", "demo"], None)
    assert created["workflow"]["layout"]["sum"]["label"] == "Sum"
    assert created["open_inputs"] == []
    opened = client.get(f"{API}/{created['id']}").json()
    assert opened["opened_at"] is not None
    assert (
        client.get(f"{API}/{created['id']}", params={"mark_opened": False}).json()["opened_at"]
        == opened["opened_at"]
    )
    changed = client.patch(f"{API}/{created['id']}", json={"name": "Adding", "remove_form": True}).json()
    assert (changed["name"], changed["workflow"]["form"], changed["workflow"]["name"]) == (
        "Adding",
        None,
        "Adding",
    )
    assert changed["updated_at"] > created["updated_at"]
    assert client.delete(f"{API}/{created['id']}").json()["name"] == "Adding"
    missing = client.get(f"{API}/{created['id']}")
    assert (missing.status_code, missing.json()["code"]) == (404, "workflow_not_found")


def test_every_graph_and_form_problem_is_reported_at_once(client: TestClient) -> None:
    bad = document()
    bad["graph"]["nodes"]["ghost"] = {"id": "ghost", "type": "no_such_node"}
    bad["graph"]["nodes"]["a"]["value"] = "two"
    bad["layout"]["nowhere"] = {"position": {"x": 1, "y": 1}}
    bad["form"]["elements"]["root"]["children"].append("missing")
    bad["form"]["elements"]["loose"] = {"id": "loose", "type": "divider"}
    response = client.post(API, json=bad)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_workflow"
    found = {(d["part"], d["code"], d["node_id"] or d["element_id"]) for d in body["details"]}
    assert found == {
        ("graph", "unknown_node_type", "ghost"),
        ("graph", "invalid_value", "a"),
        ("layout", "unknown_node", "nowhere"),
        ("form", "unknown_element", "missing"),
        ("form", "unreachable_element", "loose"),
    }
    assert "(and 4 more)" in body["message"]


def test_a_missing_input_is_an_open_input_not_a_problem(client: TestClient) -> None:
    open_graph = document()
    open_graph["graph"]["nodes"]["blur"] = {"id": "blur", "type": "image_blur", "radius": 2}
    created = client.post(API, json=open_graph).json()
    assert created["open_inputs"] == [{"node_id": "blur", "field": "image"}]


def test_bad_fields_are_named(client: TestClient) -> None:
    response = client.post(API, json=document(schema_version="9.0.0"))
    assert response.status_code == 422
    assert response.json()["message"].startswith("invalid request: body.schema_version")
    field = document()
    field["form"]["elements"]["a.value"]["field"] = "colour"
    response = client.post(API, json=field)
    assert response.json()["details"][0]["message"] == (
        "form: the field element 'a.value' names 'colour', which is no input of 'integer'"
    )


def test_listing_searches_filters_sorts_and_pages(client: TestClient) -> None:
    create(client, "Zebra stripes", tags=["Pattern"])
    create(client, "apple", description="A red fruit", tags=["food"])
    mango = create(client, "Mango", tags=["food", "pattern"])
    client.get(f"{API}/{mango['id']}")

    def names(**params: Any) -> list[str]:
        page = client.get(API, params={"category": "user", **params}).json()
        return [item["name"] for item in page["items"]]

    assert names() == ["apple", "Mango", "Zebra stripes"]
    assert names(descending=True) == ["Zebra stripes", "Mango", "apple"]
    assert names(search="RED fruit") == ["apple"]
    assert names(search="pattern") == ["Mango", "Zebra stripes"]
    assert names(tag=["pattern"]) == ["Mango", "Zebra stripes"]
    assert names(tag=["food", "nothing"]) == ["apple", "Mango"]
    assert names(tag=["patt"]) == []
    assert names(opened=True) == ["Mango"]
    assert names(order_by="opened_at")[0] == "Mango"
    assert names(order_by="created_at", descending=True) == ["Mango", "apple", "Zebra stripes"]
    page = client.get(API, params={"category": "user", "offset": 1, "limit": 1}).json()
    assert (page["total"], [i["name"] for i in page["items"]]) == (3, ["Mango"])
    assert "workflow" not in page["items"][0]
    tags = client.get(f"{API}/tags", params={"category": "user"}).json()
    assert tags == [{"tag": "food", "count": 2}, {"tag": "Pattern", "count": 2}]


def test_default_workflows_are_listed_read_only_and_copied(client: TestClient) -> None:
    page = client.get(API, params={"category": "default", "limit": 1000}).json()
    assert page["total"] >= 10
    sdxl = next(item for item in page["items"] if item["name"] == "Text to Image - SDXL")
    assert sdxl["id"] == "default-text-to-image-sdxl"
    refused = client.patch(f"{API}/{sdxl['id']}", json={"name": "Mine"})
    assert (refused.status_code, refused.json()["code"]) == (409, "workflow_read_only")
    assert "save it as a copy" in refused.json()["message"]
    assert client.delete(f"{API}/{sdxl['id']}").status_code == 409
    assert client.put(f"{API}/{sdxl['id']}/thumbnail", json={"image_name": "x.png"}).status_code == 409
    opened = client.get(f"{API}/{sdxl['id']}").json()
    assert opened["open_inputs"] == [{"node_id": "model", "field": "model"}]
    assert opened["opened_at"] is not None  # opening a default one is remembered too
    copied = client.post(f"{API}/{sdxl['id']}/duplicate").json()
    assert (copied["name"], copied["category"]) == ("Text to Image - SDXL (copy)", "user")
    assert copied["workflow"]["graph"] == opened["workflow"]["graph"]
    named = client.post(f"{API}/{copied['id']}/duplicate", json={"name": "Mine"})
    assert (named.status_code, named.json()["name"]) == (201, "Mine")
    assert client.patch(f"{API}/{copied['id']}", json={"tags": ["mine"]}).json()["tags"] == ["mine"]


def test_thumbnails_name_stored_images_and_go_with_them(client: TestClient) -> None:
    created = create(client)
    image = client.post("/api/v1/images/upload", files={"file": ("a.png", png_bytes(), "image/png")}).json()
    missing = client.put(f"{API}/{created['id']}/thumbnail", json={"image_name": "0" * 32 + ".png"})
    assert (missing.status_code, missing.json()["details"]) == (422, {"field": "image_name"})
    shown = client.put(f"{API}/{created['id']}/thumbnail", json={"image_name": image["image_name"]}).json()
    assert shown["thumbnail"] == image["image_name"]
    assert client.delete(f"{API}/{created['id']}/thumbnail").json()["thumbnail"] is None
    client.put(f"{API}/{created['id']}/thumbnail", json={"image_name": image["image_name"]})
    client.delete(f"/api/v1/images/{image['image_name']}")
    assert client.get(f"{API}/{created['id']}").json()["thumbnail"] is None


def test_export_and_import(client: TestClient) -> None:
    created = create(client, "Adding / summing", tags=["math"])
    response = client.get(f"{API}/{created['id']}/export")
    assert response.headers["content-disposition"] == 'attachment; filename="Adding-summing.json"'
    exported = response.json()
    assert exported == created["workflow"]
    imported = client.post(f"{API}/import", json=exported)
    assert imported.status_code == 201
    record, report = imported.json()["workflow"], imported.json()["report"]
    assert record["workflow"] == exported
    assert record["id"] != created["id"]
    assert report == {"source": "impasto", "schema_version": "1.0.0", "problems": []}
    default = client.get(f"{API}/default-text-to-image-sd1/export").json()
    assert client.post(f"{API}/import", json=default).json()["workflow"]["category"] == "user"


def test_import_names_what_is_wrong_with_a_file(client: TestClient) -> None:
    def refused(data: dict[str, Any]) -> str:
        response = client.post(f"{API}/import", json=data)
        assert (response.status_code, response.json()["code"]) == (422, "invalid_workflow_file")
        message: str = response.json()["message"]
        return message

    comfy: dict[str, Any] = {"nodes": [], "links": []}
    assert "ComfyUI workflow" in refused(comfy)
    invokeai = {"name": "x", "meta": {"version": "5.0.0"}, "nodes": [], "edges": []}
    assert "InvokeAI workflows of schema 1.x" in refused(invokeai)
    assert "a later Impasto" in refused(document(schema_version="2.0.0"))
    broken = copy.deepcopy(document())
    broken["layout"]["a"]["position"]["x"] = "left"
    broken["name"] = ""
    message = refused(broken)
    assert message.startswith("name: ")
    assert "(and 1 more)" in message
    invalid_graph = document()
    invalid_graph["graph"]["edges"][0]["destination"]["field"] = "nothing"
    response = client.post(f"{API}/import", json=invalid_graph)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_workflow")


def test_a_listing_parameter_given_twice_is_refused(client: TestClient) -> None:
    response = client.get(f"{API}?search=a&search=b")
    assert (response.status_code, response.json()["message"]) == (
        422,
        "invalid request: query.search: given more than once; give it once",
    )
    assert client.get(f"{API}?tag=a&tag=b").status_code == 200
