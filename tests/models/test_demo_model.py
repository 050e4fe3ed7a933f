"""The bundled demo model: identified as an SD 1.x main model and installed on a fresh root."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from impasto.api import create_app
from impasto.config import load_config
from impasto.models.probe import identify
from impasto.models.starters import BUNDLED_DIR
from impasto.services import build_services

DEMO = BUNDLED_DIR / "impasto-shapes"


def test_demo_model_is_identified_as_sd1_main() -> None:
    identity = identify(DEMO)
    assert (identity.base, identity.type, identity.format) == ("sd-1", "main", "diffusers")
    assert identity.details["native_resolution"] == 64
    assert (DEMO / "README.md").is_file()  # the model card travels with the weights
    assert sum(p.stat().st_size for p in DEMO.rglob("*") if p.is_file()) < 15_000_000


def test_fresh_root_has_the_demo_model_installed(tmp_path: Path) -> None:
    services = build_services(load_config(tmp_path / "fresh", {"allowed_hosts": ["testserver"]}, environ={}))
    with TestClient(create_app(services, start_worker=False)) as client:
        models = client.get("/api/v1/models").json()["models"]
        assert [(m["name"], m["source"], m["base"]) for m in models] == [
            ("Impasto Shapes (demo)", "bundled:impasto-shapes", "sd-1")
        ]
        assert models[0]["default_settings"] == {
            "width": 64,
            "height": 64,
            "steps": 20,
            "cfg_scale": 5.0,
            "scheduler": "dpmpp_2m",
            "guidance": None,
        }
        starters = {s["id"]: s for s in client.get("/api/v1/models/starters").json()}
        assert starters["impasto-shapes"]["installed"] is True
        client.delete(f"/api/v1/models/{models[0]['key']}")
        assert client.get("/api/v1/models").json()["models"] == []
        client.post("/api/v1/models/starters/install", json={"ids": ["impasto-shapes"]})
        listed = client.get("/api/v1/models").json()["models"]
        assert [m["name"] for m in listed] == ["Impasto Shapes (demo)"]
    services.db.dispose()
