"""The gallery over HTTP: uploads, listing, files, metadata, changes, deletes, ZIPs and name checks."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tests.api.conftest import wait_for_item
from tests.images.helpers import exif_image_bytes, png_bomb, png_bytes, user_comment

A1111_TEXT = (
    "a watercolor fox, autumn leaves\n"
    "Negative prompt: photo, 3d\n"
    "Steps: 24, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6, Seed: 2718281828, "
    "Size: 640x448, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.10.0"
)


def upload(client: TestClient, data: bytes, filename: str = "x.png", **form: str) -> Any:
    return client.post("/api/v1/images/upload", files={"file": (filename, data, "image/png")}, data=form)


def uploaded(client: TestClient, data: bytes | None = None, **form: str) -> str:
    response = upload(client, data or png_bytes(), **form)
    assert response.status_code == 201, response.text
    name: str = response.json()["image_name"]
    return name


def test_uploaded_a1111_png_recalls_its_parameters(client: TestClient) -> None:
    response = upload(client, png_bytes({"parameters": A1111_TEXT}, size=(64, 44)), category="general")
    assert response.status_code == 201
    record = response.json()
    assert (record["origin"], record["category"], record["width"], record["height"]) == (
        "uploaded",
        "general",
        64,
        44,
    )
    meta = client.get(f"/api/v1/images/{record['image_name']}/metadata").json()
    assert meta["chunks"]["parameters"] == A1111_TEXT
    recall = meta["recall"]
    assert recall["positive_prompt"] == "a watercolor fox, autumn leaves"
    assert recall["negative_prompt"] == "photo, 3d"
    assert (recall["seed"], recall["steps"], recall["cfg_scale"]) == (2718281828, 24, 6.0)
    assert (recall["sampler"], recall["scheduler"]) == ("DPM++ 2M", "dpmpp_2m_k")
    assert (recall["width"], recall["height"]) == (640, 448)
    found = client.get("/api/v1/images", params={"search": "watercolor FOX"}).json()
    assert [item["image_name"] for item in found["items"]] == [record["image_name"]]


@pytest.mark.parametrize(("fmt", "encoding"), [("JPEG", "utf-16-be"), ("WEBP", "utf-16-le")])
def test_jpeg_and_webp_exif_user_comment_is_read_and_kept(
    client: TestClient, fmt: str, encoding: str
) -> None:
    data = exif_image_bytes(fmt, user_comment(A1111_TEXT, encoding))
    name = uploaded(client, data)  # sent as "x.png": the content decides
    with Image.open(io.BytesIO(client.get(f"/api/v1/images/{name}/full").content)) as stored:
        assert stored.format == "PNG"
        assert stored.size == (20, 10)
    recall = client.get(f"/api/v1/images/{name}/metadata").json()["recall"]
    assert (recall["seed"], recall["scheduler"]) == (2718281828, "dpmpp_2m_k")


def test_comfy_webp_exif_prompt_is_read(client: TestClient) -> None:
    prompt = {
        "1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "m.safetensors"}},
        "2": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["1", 1], "text": "moon"}},
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "seed": 5,
                "steps": 9,
                "cfg": 2,
                "sampler_name": "lcm",
                "scheduler": "normal",
                "model": ["1", 0],
                "positive": ["2", 0],
                "negative": ["2", 0],
                "latent_image": ["4", 0],
            },
        },
        "4": {"class_type": "EmptyLatentImage", "inputs": {"width": 256, "height": 256, "batch_size": 1}},
    }
    data = exif_image_bytes("WEBP", None, {0x0110: "prompt:" + json.dumps(prompt)})
    response = client.post("/api/v1/metadata/parse", files={"file": ("a.webp", data, "image/webp")})
    assert response.status_code == 200
    recall = response.json()["recall"]
    assert (recall["source"], recall["positive_prompt"], recall["scheduler"]) == ("comfyui", "moon", "lcm")
    assert client.get("/api/v1/images").json()["total"] == 0  # parsing stores nothing


def test_upload_limits_and_content_checks(client: TestClient) -> None:
    bomb = upload(client, png_bomb(60000, 60000))
    assert bomb.status_code == 413
    assert bomb.json()["code"] == "too_large"
    assert "too many pixels" in bomb.json()["message"]
    over_limit = upload(client, png_bomb(9000, 9000))  # under Pillow's own limit, over the configured one
    assert over_limit.status_code == 413
    assert "9000x9000" in over_limit.json()["message"]
    parse_bomb = client.post("/api/v1/metadata/parse", files={"file": ("b.png", png_bomb(60000, 60000))})
    assert parse_bomb.status_code == 413
    text = upload(client, b"GIF89a not really")
    assert text.status_code == 415
    assert "PNG, JPEG or WebP" in text.json()["message"]
    truncated = upload(client, png_bytes()[:45])
    assert truncated.status_code == 422
    assert upload(client, b"").status_code == 422
    services = client.app.state.services  # type: ignore[attr-defined]
    services.images.settings = replace(
        services.images.settings, upload_limits=replace(services.images.settings.upload_limits, max_bytes=100)
    )
    big = upload(client, png_bytes(size=(64, 64)))
    assert big.status_code == 413
    assert "at most 100 bytes" in big.json()["message"]
    assert client.get("/api/v1/images", params={"intermediate": "include"}).json()["total"] == 0


def test_upload_to_a_board_and_category_and_bad_board(client: TestClient) -> None:
    board = client.post("/api/v1/boards", json={"board_name": "refs"}).json()
    record = upload(client, png_bytes(), category="control", board_id=board["board_id"]).json()
    assert (record["category"], record["board_id"]) == ("control", board["board_id"])
    assert upload(client, png_bytes(), board_id="missing").status_code == 404
    assert upload(client, png_bytes(), category="selfie").status_code == 422


def test_full_and_thumbnail_are_cacheable(client: TestClient) -> None:
    name = uploaded(client, png_bytes(size=(600, 300)))
    full = client.get(f"/api/v1/images/{name}/full")
    assert full.status_code == 200
    assert full.headers["content-type"] == "image/png"
    assert "immutable" in full.headers["cache-control"]
    etag = full.headers["etag"]
    again = client.get(f"/api/v1/images/{name}/full", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    thumb = client.get(f"/api/v1/images/{name}/thumbnail")
    assert thumb.headers["content-type"] == "image/webp"
    assert thumb.headers["etag"] != etag
    with Image.open(io.BytesIO(thumb.content)) as image:
        assert image.size == (256, 128)
    assert (
        client.get(
            f"/api/v1/images/{name}/thumbnail", headers={"If-None-Match": thumb.headers["etag"]}
        ).status_code
        == 304
    )


@pytest.mark.parametrize(
    "bad",
    [
        "..%2F..%2Fimpasto.yaml",
        "%2E%2E%2Fdatabases%2Fimpasto.db",
        "..",
        "0123456789abcdef0123456789abcdef.PNG",
        "0123456789abcdef0123456789abcdef.png%00.txt",
        "%2Fetc%2Fpasswd",
        "0123456789abcdef0123456789abcdeg.png",
        "..%5C..%5Cimpasto.yaml",
    ],
)
def test_traversal_and_odd_names_are_refused(client: TestClient, bad: str) -> None:
    for suffix in ("", "/full", "/thumbnail", "/metadata"):
        response = client.get(f"/api/v1/images/{bad}{suffix}")
        assert response.status_code in (404, 422), (bad, suffix, response.status_code)
        assert response.headers["content-type"].startswith("application/json")
        assert b"install_bundled_models" not in response.content
    assert client.patch(f"/api/v1/images/{bad}", json={"starred": True}).status_code in (404, 422)
    assert client.delete(f"/api/v1/images/{bad}").status_code in (404, 422)


def test_a_symlinked_image_file_is_not_served(client: TestClient, tmp_path: Any) -> None:
    name = uploaded(client)
    services = client.app.state.services  # type: ignore[attr-defined]
    path = services.images.files.folder / name
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(color="black"))
    path.unlink()
    path.symlink_to(secret)
    assert client.get(f"/api/v1/images/{name}/full").status_code == 404
    bulk = client.post("/api/v1/images/delete", json={"image_names": ["../secret.png"]})
    assert bulk.status_code == 422


def test_list_paging_filters_and_names(client: TestClient) -> None:
    names = [uploaded(client, png_bytes(color=c)) for c in ("red", "green", "blue")]
    mask = uploaded(client, category="mask")
    hidden = uploaded(client, intermediate="true")
    page = client.get("/api/v1/images", params={"offset": 1, "limit": 2}).json()
    assert page["total"] == 4
    assert [i["image_name"] for i in page["items"]] == [names[2], names[1]]
    assert client.get("/api/v1/images/names").json() == [mask, *names[::-1]]
    only = client.get("/api/v1/images/names", params={"intermediate": "only"}).json()
    assert only == [hidden]
    assert client.get("/api/v1/images/names", params={"category": ["mask", "user"]}).json() == [mask]
    assert client.get("/api/v1/images/names", params={"origin": "generated"}).json() == []
    assert client.get("/api/v1/images/names", params={"board_id": "none"}).json() == [mask, *names[::-1]]
    assert client.get("/api/v1/images", params={"limit": 0}).status_code == 422


def test_patch_bulk_star_move_and_events(client: TestClient) -> None:
    a, b = uploaded(client), uploaded(client)
    board = client.post("/api/v1/boards", json={"board_name": "picks"}).json()["board_id"]
    with client.websocket_connect("/api/v1/events?types=images_updated,images_deleted") as ws:
        patched = client.patch(f"/api/v1/images/{a}", json={"starred": True, "category": "user"}).json()
        assert (patched["starred"], patched["category"]) == (True, "user")
        event = ws.receive_json()
        assert event["type"] == "images_updated"
        assert event["images"][0]["image_name"] == a
        moved = client.post("/api/v1/images/move", json={"image_names": [a, b], "board_id": board}).json()
        assert {i["board_id"] for i in moved["images"]} == {board}
        assert len(ws.receive_json()["images"]) == 2
        assert client.post("/api/v1/images/star", json={"image_names": [b]}).json()["images"][0]["starred"]
        ws.receive_json()
        assert not client.post("/api/v1/images/unstar", json={"image_names": [a]}).json()["images"][0][
            "starred"
        ]
        ws.receive_json()
        assert client.post("/api/v1/images/delete", json={"image_names": [a]}).json() == {"deleted": [a]}
        deleted = ws.receive_json()
        assert deleted["type"] == "images_deleted"
        assert deleted["image_names"] == [a]
    assert client.patch(f"/api/v1/images/{b}", json={"board_id": None}).json()["board_id"] is None
    assert client.patch(f"/api/v1/images/{b}", json={"board_id": "nope"}).status_code == 404
    assert client.patch(f"/api/v1/images/{b}", json={"colour": "red"}).status_code == 422
    assert client.get(f"/api/v1/images/{a}").status_code == 404
    assert client.post("/api/v1/images/star", json={"image_names": [a]}).status_code == 404
    assert client.delete(f"/api/v1/images/{b}").json() == {"deleted": [b]}
    assert client.delete(f"/api/v1/images/{b}").status_code == 404


def test_zip_download_streams_every_image_and_reports_progress(client: TestClient) -> None:
    names = [uploaded(client, png_bytes(color=(i * 10, 0, 0))) for i in range(21)]  # type: ignore[arg-type]
    with client.websocket_connect("/api/v1/events?types=zip_progress") as ws:
        response = client.post("/api/v1/images/download", json={"image_names": names})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/zip"
        assert "attachment" in response.headers["content-disposition"]
        zip_id = response.headers["x-impasto-zip-id"]
        progress: list[dict[str, Any]] = []
        while not progress or not progress[-1]["finished"]:
            progress.append(ws.receive_json())
    assert {p["zip_id"] for p in progress} == {zip_id}
    assert progress[-1]["done"] == 21
    assert len(progress) > 2
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == names
        services = client.app.state.services  # type: ignore[attr-defined]
        assert archive.read(names[3]) == services.images.file(names[3]).read_bytes()


def test_zip_of_a_board_and_bad_requests(client: TestClient) -> None:
    board = client.post("/api/v1/boards", json={"board_name": "z"}).json()["board_id"]
    inside = uploaded(client, board_id=board)
    uploaded(client)
    response = client.post("/api/v1/images/download", json={"board_id": board})
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == [inside]
    assert client.post("/api/v1/images/download", json={}).status_code == 422
    missing = client.post("/api/v1/images/download", json={"image_names": ["0" * 32 + ".png"]})
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_clearing_intermediates(client: TestClient) -> None:
    kept = uploaded(client)
    gone = uploaded(client, intermediate="true")
    with client.websocket_connect("/api/v1/events?types=images_deleted") as ws:
        assert client.delete("/api/v1/images/intermediates").json() == {"deleted": 1}
        event = ws.receive_json()
    assert event["image_names"] == [gone]
    assert event["intermediates_cleared"] is True
    assert client.get("/api/v1/images/names", params={"intermediate": "include"}).json() == [kept]


def test_clearing_intermediates_keeps_those_waiting_items_use(client: TestClient) -> None:
    in_graph, in_batch_data, unused = (uploaded(client, intermediate="true") for _ in range(3))
    load = {"id": "load", "type": "load_image", "image": {"image_name": in_graph}}
    client.post("/api/v1/queue/pause")
    first = client.post("/api/v1/queue/enqueue", json={"graph": {"nodes": {"load": load}}}).json()
    data = [[{"node_id": "load", "field": "image", "items": [{"image_name": in_batch_data}]}]]
    second = client.post(
        "/api/v1/queue/enqueue", json={"graph": {"nodes": {"load": load}}, "data": data}
    ).json()
    assert client.delete("/api/v1/images/intermediates").json() == {"deleted": 1}
    remaining = client.get("/api/v1/images/names", params={"intermediate": "include"}).json()
    assert sorted(remaining) == sorted([in_graph, in_batch_data])
    assert unused not in remaining
    client.post("/api/v1/queue/resume")
    for item_id in first["item_ids"] + second["item_ids"]:
        wait_for_item(client, item_id, "completed")


def test_a_generation_from_the_queue_lands_in_the_gallery_with_recall(client: TestClient) -> None:
    board = client.post("/api/v1/boards", json={"board_name": "auto"}).json()["board_id"]
    graph = {
        "nodes": {
            "blank": {"id": "blank", "type": "blank_image", "width": 16, "height": 16},
            "meta": {
                "id": "meta",
                "type": "generation_metadata",
                "base": {
                    "positive_prompt": "queued square",
                    "steps": 3,
                    "scheduler": "euler",
                    "cfg_scale": 2,
                },
            },
            "seed": {"id": "seed", "type": "integer", "value": 1},
            "save": {"id": "save", "type": "save_image", "board": board},
        },
        "edges": [
            {
                "source": {"node_id": "blank", "field": "image"},
                "destination": {"node_id": "save", "field": "image"},
            },
            {
                "source": {"node_id": "meta", "field": "metadata"},
                "destination": {"node_id": "save", "field": "metadata"},
            },
            {
                "source": {"node_id": "seed", "field": "value"},
                "destination": {"node_id": "meta", "field": "seed"},
            },
        ],
    }
    workflow = {"name": "queued squares", "nodes": [], "edges": []}
    batch = {
        "graph": graph,
        "data": [[{"node_id": "seed", "field": "value", "items": [11, 22]}]],
        "workflow": workflow,
    }
    item_ids = client.post("/api/v1/queue/enqueue", json=batch).json()["item_ids"]
    assert client.get(f"/api/v1/queue/items/{item_ids[0]}").json()["workflow"] == workflow
    for item_id in item_ids:
        wait_for_item(client, item_id, "completed")
    names = client.get(f"/api/v1/boards/{board}/image_names").json()
    assert len(names) == 2
    records = [client.get(f"/api/v1/images/{name}").json() for name in names]
    assert sorted(r["queue_item_id"] for r in records) == sorted(item_ids)
    assert {r["node_id"] for r in records} == {"save"}
    for record in records:
        meta = client.get(f"/api/v1/images/{record['image_name']}/metadata").json()
        executed = json.loads(meta["chunks"]["impasto_graph"])
        seed = meta["recall"]["seed"]
        assert executed["nodes"]["seed"]["value"] == seed  # the graph with this item's batch value
        assert json.loads(meta["chunks"]["impasto_workflow"]) == workflow
        assert meta["recall"]["positive_prompt"] == "queued square"
    assert sorted(client.get(f"/api/v1/images/{n}/metadata").json()["recall"]["seed"] for n in names) == [
        11,
        22,
    ]


def test_the_schema_states_what_the_image_routes_refuse(client: TestClient) -> None:
    """Found by fuzzing: a client that follows the schema must not be refused, one that breaks it must be."""
    document = client.get("/openapi.json").json()
    paths, schemas = document["paths"], document["components"]["schemas"]
    name = paths["/api/v1/images/{image_name}"]["get"]["parameters"][0]["schema"]
    assert name["pattern"] == r"^[0-9a-f]{32}\.png$"
    assert schemas["ImageNames"]["properties"]["image_names"]["items"]["pattern"] == name["pattern"]
    needed = schemas["DownloadRequest"]["allOf"][0]["anyOf"]
    assert [option["required"] for option in needed] == [["image_names"], ["board_id"]]
    for path in ("/api/v1/images/upload", "/api/v1/metadata/parse"):
        assert "415" in paths[path]["post"]["responses"]


def test_requests_outside_the_image_schema_are_refused(client: TestClient) -> None:
    name = uploaded(client)
    assert client.get("/api/v1/images/0").status_code == 404  # no image can have that name
    not_an_image = client.patch("/api/v1/images/names", json={"starred": True})
    assert (not_an_image.status_code, not_an_image.headers["allow"]) == (405, "GET, HEAD")
    for path in ("/api/v1/images/star", "/api/v1/images/delete"):
        refused = client.post(path, json={"image_names": [name, ""]})
        assert (refused.status_code, refused.json()["code"]) == (422, "invalid_request")
        assert refused.json()["details"][0]["loc"] == ["body", "image_names", 1]
    for body in ({}, {"image_names": None, "board_id": None}):
        nothing = client.post("/api/v1/images/download", json=body)
        assert (nothing.status_code, nothing.json()["code"]) == (422, "invalid_request")
        assert "name the images (image_names) or a board (board_id)" in nothing.json()["message"]
    assert client.get(f"/api/v1/images/{name}").json()["starred"] is False
