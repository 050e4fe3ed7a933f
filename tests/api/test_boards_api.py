"""Boards over HTTP: create, list with counts and covers, rename, archive, cover, delete, image names."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from impasto.text import NON_BLANK_NAME
from tests.api.test_images_api import uploaded
from tests.images.helpers import png_bytes


def create(client: TestClient, name: str) -> str:
    response = client.post("/api/v1/boards", json={"board_name": name})
    assert response.status_code == 201
    board_id: str = response.json()["board_id"]
    return board_id


def test_board_life_cycle_with_counts_cover_and_events(client: TestClient) -> None:
    with client.websocket_connect("/api/v1/events?types=board_changed") as ws:
        board = create(client, "  Landscapes ")
        created = ws.receive_json()
        assert (created["action"], created["board"]["board_name"]) == ("created", "Landscapes")
        first = uploaded(client, board_id=board)
        second = uploaded(client, board_id=board)
        mask = uploaded(client, board_id=board, category="mask")
        uploaded(client, board_id=board, intermediate="true")
        record = client.get(f"/api/v1/boards/{board}").json()
        assert (record["image_count"], record["asset_count"]) == (2, 1)
        assert record["cover_image_name"] == mask  # the newest (final) image is the cover by default
        chosen = client.patch(f"/api/v1/boards/{board}", json={"cover_image_name": first}).json()
        assert chosen["cover_image_name"] == first
        assert ws.receive_json()["action"] == "updated"
        renamed = client.patch(f"/api/v1/boards/{board}", json={"board_name": "Hills"}).json()
        assert renamed["board_name"] == "Hills"
        assert renamed["cover_image_name"] == first
        ws.receive_json()
        client.delete(f"/api/v1/images/{first}")
        assert client.get(f"/api/v1/boards/{board}").json()["cover_image_name"] == mask
        names = client.get(f"/api/v1/boards/{board}/image_names").json()
        assert names == [mask, second]  # intermediates are not listed
        only_images = client.get(f"/api/v1/boards/{board}/image_names", params={"category": "general"}).json()
        assert only_images == [second]
        deleted = client.delete(f"/api/v1/boards/{board}").json()
        assert deleted == {"board_id": board, "deleted_images": [], "released_images": 3}
        assert ws.receive_json()["action"] == "deleted"
    assert client.get(f"/api/v1/images/{second}").json()["board_id"] is None
    assert client.get(f"/api/v1/boards/{board}").status_code == 404


def test_list_archive_and_uncategorized(client: TestClient) -> None:
    b = create(client, "beta")
    a = create(client, "Alpha")
    uploaded(client)
    uploaded(client, category="user")
    listed = client.get("/api/v1/boards").json()
    assert [board["board_name"] for board in listed] == ["Alpha", "beta"]
    client.patch(f"/api/v1/boards/{b}", json={"archived": True})
    assert [board["board_id"] for board in client.get("/api/v1/boards").json()] == [a]
    with_archived = client.get("/api/v1/boards", params={"include_archived": True}).json()
    assert {board["board_id"]: board["archived"] for board in with_archived} == {a: False, b: True}
    none = client.get("/api/v1/boards/none").json()
    assert (none["board_name"], none["image_count"], none["asset_count"]) == ("Uncategorized", 1, 1)
    assert len(client.get("/api/v1/boards/none/image_names").json()) == 2
    assert client.patch("/api/v1/boards/none", json={"board_name": "x"}).status_code == 422
    assert client.delete("/api/v1/boards/none").status_code == 422


def test_delete_board_with_its_images_and_bad_requests(client: TestClient) -> None:
    board = create(client, "temp")
    inside = [uploaded(client, board_id=board), uploaded(client, board_id=board, intermediate="true")]
    outside = uploaded(client)
    services = client.app.state.services  # type: ignore[attr-defined]
    deleted = client.delete(f"/api/v1/boards/{board}", params={"delete_images": True}).json()
    assert sorted(deleted["deleted_images"]) == sorted(inside)
    assert deleted["released_images"] == 0
    for name in inside:
        assert not (services.images.files.folder / name).exists()
    assert client.get(f"/api/v1/images/{outside}").status_code == 200
    assert client.post("/api/v1/boards", json={"board_name": ""}).status_code == 422
    assert client.post("/api/v1/boards", json={"board_name": "   "}).status_code == 422
    other = create(client, "other")
    bad_cover = client.patch(f"/api/v1/boards/{other}", json={"cover_image_name": "../../x"})
    assert bad_cover.status_code == 422
    missing_cover = client.patch(f"/api/v1/boards/{other}", json={"cover_image_name": "f" * 32 + ".png"})
    assert missing_cover.status_code == 422  # the board exists; the image it names does not
    assert client.get("/api/v1/boards/missing/image_names").status_code == 404


def test_parse_invokeai_image_without_storing(client: TestClient) -> None:
    metadata = {"generation_mode": "img2img", "positive_prompt": "tea cup", "seed": 4, "strength": 0.4}
    data = png_bytes({"invokeai_metadata": json.dumps(metadata), "invokeai_graph": "{}"})
    report = client.post("/api/v1/metadata/parse", files={"file": ("i.png", data)}).json()
    assert report["image_name"] is None
    assert "invokeai_graph" in report["chunks"]
    recall = report["recall"]
    assert (recall["source"], recall["mode"], recall["strength"]) == ("invokeai", "img2img", 0.4)
    garbage = client.post(
        "/api/v1/metadata/parse", files={"file": ("g.png", png_bytes({"parameters": "\x01" * 300}))}
    )
    assert garbage.status_code == 200
    assert client.post("/api/v1/metadata/parse", files={"file": ("t.txt", b"hello")}).status_code == 415
    assert client.post("/api/v1/metadata/parse").status_code == 422


def test_an_empty_cover_goes_back_to_the_newest_image_and_blank_names_are_documented(
    client: TestClient,
) -> None:
    board = create(client, "covers")
    first, newest = uploaded(client, board_id=board), uploaded(client, board_id=board)
    chosen = client.patch(f"/api/v1/boards/{board}", json={"cover_image_name": first}).json()
    assert chosen["cover_image_name"] == first
    reset = client.patch(f"/api/v1/boards/{board}", json={"cover_image_name": ""})
    assert (reset.status_code, reset.json()["cover_image_name"]) == (200, newest)
    blank = client.patch(f"/api/v1/boards/{board}", json={"board_name": " \t"})
    assert blank.status_code == 422
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["NewBoard"]["properties"]["board_name"]["pattern"] == NON_BLANK_NAME
    cover = schemas["BoardChanges"]["properties"]["cover_image_name"]["anyOf"][0]
    assert cover["pattern"] == r"^([0-9a-f]{32}\.png)?$"


def test_a_cover_that_is_no_stored_image_is_a_bad_field_and_changes_nothing(client: TestClient) -> None:
    board = create(client, "Covers")
    response = client.patch(
        f"/api/v1/boards/{board}", json={"cover_image_name": "0" * 32 + ".png", "board_name": "Renamed"}
    )
    assert response.status_code == 422
    assert response.json()["message"] == f"cover_image_name: no stored image is named '{'0' * 32}.png'"
    assert client.get(f"/api/v1/boards/{board}").json()["board_name"] == "Covers"
