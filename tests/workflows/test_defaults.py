"""The shipped workflows: written from their recipes, valid against the registered nodes, runnable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tools.default_workflows import FOLDER, render

from impasto.config import load_config
from impasto.graph.node import NodeRegistry
from impasto.services import build_registry
from impasto.workflows.catalogue import RECIPES
from impasto.workflows.checks import workflow_issues
from impasto.workflows.defaults import PREFIX, default_workflows
from impasto.workflows.recipes import STAND_IN, build_workflow

FILL_IN = {"model", "lora", "control_model", "image"}
"""The only inputs a default workflow may leave open: the models and images the user picks."""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> NodeRegistry:
    built, _ = build_registry(load_config(tmp_path_factory.mktemp("root"), environ={}), load_packs=False)
    return built


def test_every_recipe_has_its_file_as_the_tool_writes_it() -> None:
    files = {path.stem: path.read_text(encoding="utf-8") for path in FOLDER.glob("*.json")}
    assert sorted(files) == sorted(recipe.slug for recipe in RECIPES)
    stale = [slug for slug, text in files.items() if text != render(slug)]
    assert stale == [], f"run `PYTHONPATH=src python tools/default_workflows.py`: {stale} are out of date"


def test_every_shipped_workflow_fits_the_registered_nodes(registry: NodeRegistry) -> None:
    shipped = default_workflows()
    assert set(shipped) == {PREFIX + recipe.slug for recipe in RECIPES}
    for workflow_id, document in shipped.items():
        issues, open_inputs = workflow_issues(document, registry)
        assert issues == [], (workflow_id, issues)
        assert {entry.field for entry in open_inputs} <= FILL_IN, (workflow_id, open_inputs)
        assert "model" in {entry.field for entry in open_inputs}, workflow_id
        assert STAND_IN not in json.dumps(document.model_dump(mode="json"))
        assert set(document.layout) == set(document.graph.nodes)
        assert document.form is not None
        fields = {(e.node_id, e.field) for e in document.form.elements.values() if e.type == "field"}
        assert {(entry.node_id, entry.field) for entry in open_inputs} <= fields, workflow_id


def test_a_recipe_builds_the_graph_the_generate_tab_would_queue() -> None:
    sdxl = next(recipe for recipe in RECIPES if recipe.slug == "text-to-image-sdxl")
    nodes = build_workflow(sdxl).graph.nodes
    assert nodes["model"] == {"id": "model", "type": "sdxl_model_loader"}
    assert (nodes["noise"]["width"], nodes["denoise"]["steps"]) == (1024, 30)
    assert "model" not in nodes["metadata"]["base"]


def test_the_files_are_package_data() -> None:
    assert Path(__file__).parents[2] / "src" / "impasto" / "workflows" / "shipped" == FOLDER
