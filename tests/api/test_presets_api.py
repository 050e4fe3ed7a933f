"""Style preset routes: list, create, change, delete, apply, export and import, with their errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

from impasto.text import NON_BLANK_NAME, NON_BLANK_TEXT

API = "/api/v1/style_presets"


def test_builtins_are_listed_and_read_only(client: TestClient) -> None:
    presets = client.get(API).json()["presets"]
    anime = next(p for p in presets if p["name"] == "Anime")
    assert anime["type"] == "builtin"
    response = client.patch(f"{API}/{anime['id']}", json={"name": "Mine"})
    assert response.status_code == 409
    assert response.json()["code"] == "style_preset_read_only"
    assert client.delete(f"{API}/{anime['id']}").status_code == 409


def test_a_user_preset_goes_through_its_life(client: TestClient) -> None:
    response = client.post(API, json={"name": "Ink", "positive_prompt": "{prompt}, ink drawing"})
    assert response.status_code == 201
    preset = response.json()
    assert (preset["type"], preset["negative_prompt"]) == ("user", "")
    assert client.get(f"{API}/{preset['id']}").json() == preset
    styled = client.post(f"{API}/{preset['id']}/apply", json={"prompt": "a cat", "negative_prompt": "blur"})
    assert styled.json() == {"positive_prompt": "a cat, ink drawing", "negative_prompt": "blur"}
    changed = client.patch(f"{API}/{preset['id']}", json={"negative_prompt": "color"}).json()
    assert changed["negative_prompt"] == "color"
    assert client.delete(f"{API}/{preset['id']}").json()["name"] == "Ink"
    missing = client.get(f"{API}/{preset['id']}")
    assert (missing.status_code, missing.json()["code"]) == (404, "style_preset_not_found")


def test_duplicate_and_invalid_presets_are_refused(client: TestClient) -> None:
    assert client.post(API, json={"name": "Ink", "positive_prompt": "ink"}).status_code == 201
    duplicate = client.post(API, json={"name": "INK", "positive_prompt": "ink"})
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "duplicate_style_preset")
    empty = client.post(API, json={"name": "Nothing"})
    assert empty.status_code == 422
    assert "needs a positive or a negative template" in empty.json()["message"]
    ink = next(p for p in client.get(API).json()["presets"] if p["name"] == "Ink")
    emptied = client.patch(f"{API}/{ink['id']}", json={"positive_prompt": ""})  # valid alone, not for Ink
    assert (emptied.status_code, emptied.json()["code"]) == (409, "style_preset_incomplete")
    assert "needs a positive or a negative template" in emptied.json()["message"]
    both = client.patch(f"{API}/{ink['id']}", json={"positive_prompt": " ", "negative_prompt": ""})
    assert (both.status_code, both.json()["code"]) == (422, "invalid_request")
    assert "needs a positive or a negative template" in both.json()["message"]


def test_export_and_import(client: TestClient) -> None:
    client.post(API, json={"name": "One", "positive_prompt": "{prompt}, one"})
    exported = client.get(f"{API}/export").json()
    assert exported == {
        "style_presets": [{"name": "One", "positive_prompt": "{prompt}, one", "negative_prompt": ""}]
    }
    items = [*exported["style_presets"], {"name": "Two", "prompt": "two", "negative_prompt": "not two"}]
    result = client.post(f"{API}/import", json={"style_presets": items}).json()
    assert [p["name"] for p in result["created"]] == ["Two"]
    assert [s["name"] for s in result["skipped"]] == ["One"]
    names = [p["name"] for p in client.get(API).json()["presets"] if p["type"] == "user"]
    assert names == ["One", "Two"]


def test_import_skips_bad_entries_with_reasons_and_keeps_the_good_ones(client: TestClient) -> None:
    client.post(API, json={"name": "Taken", "positive_prompt": "{prompt}, taken"})
    items = [
        {"name": "Good", "prompt": "{prompt}, good"},
        {"name": "Taken", "positive_prompt": "again"},
        {"name": "Empty"},
        {"positive_prompt": "nameless"},
        {"name": "Long", "positive_prompt": "x" * 100_000},
        {"name": "Also good", "negative_prompt": "blurry"},
    ]
    result = client.post(f"{API}/import", json={"style_presets": items})
    assert result.status_code == 200, result.text
    body = result.json()
    assert [p["name"] for p in body["created"]] == ["Good", "Also good"]
    reasons = {s["name"]: s["reason"] for s in body["skipped"]}
    assert list(reasons) == ["Taken", "Empty", "entry 4", "Long"]
    assert "taken" in reasons["Taken"]
    assert "needs a positive or a negative template" in reasons["Empty"]
    assert reasons["entry 4"].startswith("name: ")
    assert reasons["Long"].startswith("positive_prompt: ")
    assert client.post(f"{API}/import", json={"style_presets": ["not an object"]}).status_code == 422


def test_the_schema_says_a_preset_needs_a_template(client: TestClient) -> None:
    """Found by fuzzing: a preset of blank templates matched the schema, so the refusal surprised."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    needed = schemas["StylePresetFields"]["allOf"][0]["anyOf"]
    assert [option["properties"] for option in needed] == [
        {"positive_prompt": {"type": "string", "pattern": NON_BLANK_TEXT}},
        {"negative_prompt": {"type": "string", "pattern": NON_BLANK_TEXT}},
    ]
    assert schemas["StylePresetFields"]["properties"]["name"]["pattern"] == NON_BLANK_NAME
    assert len(schemas["StylePresetChanges"]["not"]["allOf"]) == 2
    assert client.post(API, json={"name": " ", "positive_prompt": "ink"}).status_code == 422
