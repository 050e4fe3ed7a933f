"""Running built-in nodes through the real engine on a temporary root, for the node tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from impasto.config import load_config
from impasto.graph import (
    ExecutionResult,
    ExecutionServices,
    Executor,
    GraphIssue,
    NodeCache,
    NodeError,
    default_registry,
    validate,
)
from impasto.images.files import ImageFileStore
from impasto.nodes import load_builtin_nodes
from tests.graph.stubs import GraphBuilder

load_builtin_nodes()


class Engine:
    """An executor with its own cache and image store under ``root``."""

    def __init__(self, root: Path) -> None:
        self.store = ImageFileStore(root / "images")
        self.executor = Executor(default_registry, NodeCache(100))
        self.services = ExecutionServices(config=load_config(root, environ={}), images=self.store)

    def issues(self, graph: GraphBuilder) -> list[GraphIssue]:
        return validate(graph.build(), default_registry)

    def run(self, graph: GraphBuilder) -> ExecutionResult:
        """Validate ``graph`` (it must be valid) and run it."""
        built = graph.build()
        assert validate(built, default_registry) == []
        return self.executor.run(built, self.services)

    def outputs(self, graph: GraphBuilder) -> dict[str, Any]:
        return self.run(graph).outputs()

    def output(self, type_id: str, **inputs: Any) -> dict[str, Any]:
        """The output of a graph holding one node of ``type_id`` with constant ``inputs``."""
        result: dict[str, Any] = self.outputs(GraphBuilder().add("n", type_id, **inputs))["n"]
        return result

    def failure(self, graph: GraphBuilder) -> NodeError:
        """The error of a valid graph whose run must fail."""
        with pytest.raises(NodeError) as info:
            self.run(graph)
        return info.value

    def save(self, image: Image.Image) -> str:
        return self.store.save(image)

    def load(self, output: dict[str, Any]) -> Image.Image:
        """The image named by an ``ImageOutput`` (as JSON)."""
        name: str = output["image"]["image_name"]
        return self.store.load(name)


def image_source(graph: GraphBuilder, node_id: str, name: str) -> GraphBuilder:
    """Add an ``image`` node that provides the stored image ``name``."""
    return graph.add(node_id, "image", image={"image_name": name})
