"""The prompt helper routes: dynamic prompt previews (errors answered as data) and the wildcard list."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

API = "/api/v1/prompts"


def test_combinatorial_preview_lists_every_combination(client: TestClient) -> None:
    response = client.post(f"{API}/dynamic", json={"prompt": "a {cat|dog} on a {mat|rug}"})
    assert response.status_code == 200
    assert response.json() == {
        "prompts": ["a cat on a mat", "a cat on a rug", "a dog on a mat", "a dog on a rug"],
        "count": 4,
        "error": None,
    }


def test_random_preview_is_seeded_and_capped(client: TestClient) -> None:
    body = {"prompt": "{a|b|c|d} {e|f|g|h}", "combinatorial": False, "seed": 11, "max_prompts": 6}
    first = client.post(f"{API}/dynamic", json=body).json()
    assert first["count"] == 6
    assert client.post(f"{API}/dynamic", json=body).json() == first


def test_wildcards_come_from_the_roots_folder(client: TestClient, root: Path) -> None:
    (root / "wildcards").mkdir()
    (root / "wildcards" / "pet.txt").write_text("cat\ndog\n")
    assert client.get(f"{API}/wildcards").json() == {"wildcards": ["pet"]}
    response = client.post(f"{API}/dynamic", json={"prompt": "a __pet__"}).json()
    assert response["prompts"] == ["a cat", "a dog"]


def test_a_template_error_is_answered_with_its_message(client: TestClient) -> None:
    response = client.post(f"{API}/dynamic", json={"prompt": "a {cat|dog"})
    assert response.status_code == 200
    body = response.json()
    assert (body["prompts"], body["count"]) == ([], 0)
    assert "never closed" in body["error"]
    missing = client.post(f"{API}/dynamic", json={"prompt": "a __nothing__"}).json()
    assert "wildcard __nothing__" in missing["error"]


def test_bad_parameters_are_refused(client: TestClient) -> None:
    response = client.post(f"{API}/dynamic", json={"prompt": "a", "max_prompts": 0})
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["details"]] == [["body", "max_prompts"]]
