"""A node's ``is_intermediate`` setting decides whether the images it stores show in the gallery."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from impasto.config import load_config
from impasto.graph import (
    BaseNode,
    BaseOutput,
    ExecutionServices,
    Executor,
    InputField,
    NodeCache,
    NodeContext,
    NodeRegistry,
    OutputField,
    node,
)

from .stubs import GraphBuilder

registry = NodeRegistry()


class NameOut(BaseOutput):
    name: str = OutputField(description="The stored image's name.")


@node("paint", title="Paint", category="test", registry=registry)
class PaintNode(BaseNode):
    """Stores a one-colour image as an intermediate unless told to keep it."""

    keep: bool = InputField(False, description="Store it for the gallery.")

    def invoke(self, ctx: NodeContext) -> NameOut:
        image = Image.new("RGB", (4, 4), "red")
        return NameOut(name=ctx.images.save(image, node_id=ctx.node_id, intermediate=not self.keep))


class RecordingImages:
    """Remembers whether each image was stored as an intermediate."""

    def __init__(self) -> None:
        self.intermediate: dict[str, bool] = {}

    def save(
        self,
        image: Image.Image,
        *,
        node_id: str | None = None,
        intermediate: bool = True,
        category: str = "general",
        board_id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> str:
        name = f"image{len(self.intermediate)}"
        self.intermediate[name] = intermediate
        return name

    def load(self, name: str) -> Image.Image:
        raise AssertionError(f"nothing loads images here ({name})")


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ({}, True),
        ({"keep": True}, False),
        ({"is_intermediate": False}, False),
        ({"keep": True, "is_intermediate": True}, True),
    ],
)
def test_the_setting_wins_over_the_node(tmp_path: Path, inputs: dict[str, Any], expected: bool) -> None:
    images = RecordingImages()
    services = ExecutionServices(config=load_config(tmp_path, environ={}), images=images)
    run = Executor(registry, NodeCache(10)).run(GraphBuilder().add("p", "paint", **inputs).build(), services)
    name = run.outputs()["p"]["name"]
    assert images.intermediate == {name: expected}


def test_the_setting_is_no_input_of_the_node() -> None:
    assert "is_intermediate" not in PaintNode.spec.inputs
