"""The save_image and generation_metadata nodes through the real engine: our own metadata round trip."""

from __future__ import annotations

import json
from typing import Any

from PIL import Image

from impasto.graph import ExecutionServices, validate
from impasto.images.metadata import GenerationMetadata
from impasto.images.metadata.chunks import read_chunks
from impasto.images.models import ImageQuery
from impasto.services import Services
from tests.graph.stubs import GraphBuilder

BASE = GenerationMetadata(
    mode="txt2img",
    positive_prompt="base prompt",
    negative_prompt="lowres",
    model={"name": "impasto-shapes", "key": "k1", "hash": "blake3:00ff", "base": "sd-1"},
    loras=[{"name": "crisp", "key": "l1", "weight": 0.6}],
    steps=8,
    cfg_scale=4.5,
    scheduler="euler_a",
    width=32,
    height=24,
    control=[{"kind": "controlnet", "model": {"name": "canny"}, "weight": 0.5, "begin": 0, "end": 1}],
)


def generation_graph(board: str | None = None) -> GraphBuilder:
    return (
        GraphBuilder()
        .add("blank", "blank_image", width=32, height=24, color="#336699")
        .add("seed", "integer", value=31337)
        .add("meta", "generation_metadata", base=BASE.model_dump(mode="json"), positive_prompt="a blue card")
        .add("save", "save_image", board=board)
        .edge("seed.value", "meta.seed")
        .edge("blank.image", "save.image")
        .edge("meta.metadata", "save.metadata")
    )


def run(services: Services, graph: GraphBuilder, item_id: int | None, workflow: Any = None) -> dict[str, Any]:
    built = graph.build()
    assert validate(built, services.registry) == []
    images = services.images.for_run(item_id, built.model_dump(mode="json"), workflow)
    context = ExecutionServices(config=services.config, images=images)
    return services.executor.run(built, context).outputs()


def test_saved_image_carries_metadata_graph_and_workflow_and_recalls(services: Services) -> None:
    board = services.boards.create("cards")
    workflow = {"name": "cards", "nodes": [], "edges": []}
    outputs = run(services, generation_graph(board.board_id), item_id=12, workflow=workflow)
    name = outputs["save"]["image"]["image_name"]
    record = services.images.get(name)
    assert (record.intermediate, record.board_id, record.queue_item_id, record.node_id) == (
        False,
        board.board_id,
        12,
        "save",
    )
    assert record.has_workflow
    blank = services.images.get(outputs["blank"]["image"]["image_name"])
    assert blank.intermediate
    assert blank.node_id == "blank"
    with Image.open(services.images.file(name)) as image:
        chunks = read_chunks(image)
        assert image.getpixel((0, 0)) == (0x33, 0x66, 0x99)
    written = GenerationMetadata.model_validate_json(chunks["impasto_metadata"])
    assert written == BASE.model_copy(update={"seed": 31337, "positive_prompt": "a blue card"})
    assert json.loads(chunks["impasto_graph"])["nodes"]["save"]["type"] == "save_image"
    assert json.loads(chunks["impasto_workflow"]) == workflow
    assert chunks["parameters"].startswith("a blue card <lora:crisp:0.6>\nNegative prompt: lowres\nSteps: 8,")
    assert "Sampler: Euler a" in chunks["parameters"]

    report = services.images.metadata(name)
    recall = report.recall
    assert recall.source == "impasto"
    assert recall.unread == []
    expected = written.model_dump(exclude={"app_version", "extra"})
    assert recall.model_dump(include=set(expected)) == expected
    assert services.images.names(ImageQuery(search="blue card")) == [name]
    assert services.boards.get(board.board_id).image_count == 1


def test_save_image_runs_every_time_and_a1111_text_can_be_turned_off(services: Services) -> None:
    first = run(services, generation_graph(), item_id=None)["save"]["image"]["image_name"]
    services.images.settings = services.images.settings.__class__(
        write_a1111=False, upload_limits=services.images.settings.upload_limits
    )
    second = run(services, generation_graph(), item_id=None)["save"]["image"]["image_name"]
    assert first != second
    assert services.images.names(ImageQuery()) == [second, first]
    chunks = services.images.metadata(second).chunks
    assert "parameters" not in chunks
    assert "impasto_metadata" in chunks
    assert "impasto_graph" in chunks
    assert "impasto_workflow" not in chunks


def test_saving_without_metadata_or_board(services: Services) -> None:
    graph = (
        GraphBuilder()
        .add("blank", "blank_image", width=4, height=4)
        .add("save", "save_image", category="user")
        .edge("blank.image", "save.image")
    )
    name = run(services, graph, item_id=None)["save"]["image"]["image_name"]
    record = services.images.get(name)
    assert (record.category, record.board_id) == ("user", None)
    assert services.images.metadata(name).recall.source is None
