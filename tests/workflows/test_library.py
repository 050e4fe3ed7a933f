"""The library's storage: defaults kept in step with the package, thumbnails of deleted images."""

from __future__ import annotations

from pathlib import Path

import pytest

from impasto.events import Event, EventBus
from impasto.graph.model import Graph
from impasto.graph.node import NodeRegistry, default_registry
from impasto.nodes import load_builtin_nodes
from impasto.storage import Database, apply_migrations
from impasto.workflows import SqlWorkflows, WorkflowDocument, WorkflowQuery
from impasto.workflows.events import WorkflowChanged


def doc(name: str, value: int = 1) -> WorkflowDocument:
    graph = Graph.model_validate({"nodes": {"a": {"id": "a", "type": "integer", "value": value}}})
    return WorkflowDocument(name=name, graph=graph)


@pytest.fixture
def registry() -> NodeRegistry:
    load_builtin_nodes()
    return default_registry.copy()


@pytest.fixture
def events() -> list[Event]:
    return []


@pytest.fixture
def library(tmp_path: Path, registry: NodeRegistry, events: list[Event]) -> SqlWorkflows:
    db = Database(f"sqlite:///{tmp_path / 'library.db'}")
    apply_migrations(db)
    bus = EventBus()
    bus.subscribe(events.append)
    return SqlWorkflows(db, bus, registry, image_exists=lambda name: name == "shown.png")


def test_defaults_follow_the_package_and_keep_their_history(library: SqlWorkflows) -> None:
    assert library.install_defaults({"default-a": doc("A"), "default-b": doc("B")}) == [
        "default-a",
        "default-b",
    ]
    opened = library.get("default-a", mark_opened=True)
    assert library.install_defaults({"default-a": doc("A"), "default-b": doc("B")}) == []
    assert library.install_defaults({"default-a": doc("A2", value=2)}) == ["default-a"]
    again = library.get("default-a")
    assert (again.name, again.created_at, again.opened_at) == ("A2", opened.created_at, opened.opened_at)
    assert again.workflow.graph.nodes["a"]["value"] == 2
    listed = library.list(WorkflowQuery(category="default"))
    assert [item.id for item in listed.items] == ["default-a"]


def test_changes_are_announced_and_thumbnails_forget_deleted_images(
    library: SqlWorkflows, events: list[Event]
) -> None:
    created = library.create(doc("Mine"))
    assert library.set_thumbnail(created.id, "shown.png").thumbnail == "shown.png"
    library.forget_images(["other.png"])
    assert library.get(created.id).thumbnail == "shown.png"
    library.forget_images(["shown.png"])
    assert library.get(created.id).thumbnail is None
    library.delete(created.id)
    changes = [(e.action, e.name) for e in events if isinstance(e, WorkflowChanged)]
    assert changes == [("created", "Mine"), ("updated", "Mine"), ("deleted", "Mine")]


def test_search_treats_wildcards_as_text(library: SqlWorkflows) -> None:
    library.create(doc("100% sure"))
    library.create(doc("1000 sure"))
    library.create(doc("snake_case"))
    library.create(doc("snakeXcase"))

    def found(text: str) -> list[str]:
        return [item.name for item in library.list(WorkflowQuery(search=text)).items]

    assert found("0%") == ["100% sure"]
    assert found("e_c") == ["snake_case"]


def test_a_workflow_whose_node_type_went_away_still_opens_and_can_be_deleted(
    library: SqlWorkflows, registry: NodeRegistry
) -> None:
    created = library.create(doc("Uses integer"))
    assert created.issues == []
    registry.unregister("integer")  # as when a custom node pack is removed
    opened = library.get(created.id)
    assert [(issue.code, issue.node_id) for issue in opened.issues] == [("unknown_node_type", "a")]
    assert library.delete(created.id).id == created.id
