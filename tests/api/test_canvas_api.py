"""Canvas routes: a document is stored, read, replaced and deleted; bad names and documents are refused."""

from __future__ import annotations

from fastapi.testclient import TestClient

from impasto.canvases import MAX_DOCUMENT_BYTES

from ..images.helpers import png_bytes

API = "/api/v1/canvas"


def test_a_canvas_goes_through_its_life(client: TestClient) -> None:
    missing = client.get(f"{API}/main")
    assert (missing.status_code, missing.json()["code"]) == (404, "canvas_not_found")
    document = {
        "version": 1,
        "layers": [{"id": "a", "kind": "raster", "opacity": 0.5}],
        "bbox": [0, 0, 64, 64],
    }
    stored = client.put(f"{API}/main", json=document)
    assert stored.status_code == 200
    assert (stored.json()["name"], stored.json()["document"]) == ("main", document)
    assert client.get(f"{API}/main").json() == stored.json()
    replaced = client.put(f"{API}/main", json={"version": 2}).json()
    assert replaced["document"] == {"version": 2}
    assert replaced["created_at"] == stored.json()["created_at"]
    assert replaced["updated_at"] >= stored.json()["updated_at"]
    assert client.delete(f"{API}/main").json()["document"] == {"version": 2}
    assert client.get(f"{API}/main").status_code == 404
    assert client.delete(f"{API}/main").json()["code"] == "canvas_not_found"


def test_documents_need_an_integer_version(client: TestClient) -> None:
    for body, where in [
        ({"layers": []}, "body.version"),
        ({"version": "1"}, "body.version"),
        ({"version": True}, "body.version"),
        ({"version": 1.5}, "body.version"),
        ({"version": 0}, "body.version"),
        ([{"version": 1}], "body"),
    ]:
        response = client.put(f"{API}/main", json=body)
        assert response.status_code == 422, body
        assert response.json()["message"].startswith(f"invalid request: {where}:"), response.json()


def test_oversized_documents_and_bad_names_are_refused(client: TestClient) -> None:
    big = {"version": 1, "notes": "x" * MAX_DOCUMENT_BYTES}
    response = client.put(f"{API}/big", json=big)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_canvas_document")
    assert "over the 1024 KiB a canvas may hold" in response.json()["message"]
    for name in ["-lead", "a" * 65, "sp ace"]:
        refused = client.put(f"{API}/{name}", json={"version": 1})
        assert refused.status_code == 422, name
        assert "name" in refused.json()["message"]
    assert client.get(f"{API}/big").status_code == 404


def test_clearing_intermediates_spares_the_images_a_canvas_names(client: TestClient) -> None:
    def upload() -> str:
        files = {"file": ("layer.png", png_bytes(), "image/png")}
        answer = client.post(
            "/api/v1/images/upload", files=files, data={"intermediate": "true", "category": "other"}
        )
        assert answer.status_code == 201
        name: str = answer.json()["image_name"]
        return name

    kept, dropped = upload(), upload()
    layers = [{"id": "a", "kind": "raster", "bitmap": {"image_name": kept}}]
    assert client.put(f"{API}/main", json={"version": 1, "layers": layers}).status_code == 200
    assert client.delete("/api/v1/images/intermediates").json() == {"deleted": 1}
    assert client.get(f"/api/v1/images/{kept}").status_code == 200
    assert client.get(f"/api/v1/images/{dropped}").status_code == 404
