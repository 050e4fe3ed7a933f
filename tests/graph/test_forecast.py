"""Forecasting a graph's heavy passes before it runs, with stub nodes: sizes flow along edges, batch
values make variants, and nodes without (or with a broken) forecast leave sizes unknown."""

from __future__ import annotations

from typing import Any

from impasto.graph import (
    BaseNode,
    BaseOutput,
    Graph,
    InputField,
    NodeContext,
    NodeRegistry,
    OutputField,
    node,
    prepare,
)
from impasto.graph.forecast import Extent, Forecast, ForecastInputs, Pass, PassKind
from impasto.graph.passes import batch_variants, forecast

registry = NodeRegistry()


class Picture(BaseOutput):
    picture: str = OutputField(description="A name.")


@node("canvas", title="Canvas", category="test", registry=registry)
class CanvasNode(BaseNode):
    """Makes a picture of a size."""

    width: int = InputField(64, description="Width.")
    height: int = InputField(64, description="Height.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return Forecast(inputs.size("width", "height"))

    def invoke(self, ctx: NodeContext) -> Picture:
        return Picture(picture="p")


@node("enlarge", title="Enlarge", category="test", registry=registry)
class EnlargeNode(BaseNode):
    """Enlarges a picture, heavily."""

    picture: str = InputField(description="The picture.")
    factor: float = InputField(2.0, description="By how much.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        source, factor = inputs.extent("picture"), inputs.value("factor")
        if source is None:
            return Forecast()
        result = source.scaled(factor, inputs.node_id, "factor")
        return Forecast(result, (Pass(PassKind.DECODE, result, inputs.node_id),))

    def invoke(self, ctx: NodeContext) -> Picture:
        return Picture(picture="p")


@node("opaque", title="Opaque", category="test", registry=registry)
class OpaqueNode(BaseNode):
    """Passes a picture on without saying how large it is."""

    picture: str = InputField(description="The picture.")

    def invoke(self, ctx: NodeContext) -> Picture:
        return Picture(picture="p")


@node("broken", title="Broken", category="test", registry=registry)
class BrokenNode(BaseNode):
    """Its forecast fails."""

    picture: str = InputField(description="The picture.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        raise KeyError("oops")

    def invoke(self, ctx: NodeContext) -> Picture:
        return Picture(picture="p")


def chain(*types: str, **canvas: Any) -> Graph:
    """canvas → each type in turn, linked by their pictures."""
    nodes: dict[str, dict[str, Any]] = {"c": {"id": "c", "type": "canvas", **canvas}}
    edges, previous = [], "c"
    for index, type_id in enumerate(types):
        node_id = f"n{index}"
        nodes[node_id] = {"id": node_id, "type": type_id}
        edges.append(
            {
                "source": {"node_id": previous, "field": "picture"},
                "destination": {"node_id": node_id, "field": "picture"},
            }
        )
        previous = node_id
    return Graph.model_validate({"nodes": nodes, "edges": edges})


def test_sizes_flow_along_edges_and_remember_who_set_them() -> None:
    found = forecast(prepare(chain("enlarge", "enlarge", width=100, height=50), registry))
    assert [(p.node_id, p.extent.width, p.extent.height) for p in found.passes] == [
        ("n0", 200, 100),
        ("n1", 400, 200),
    ]
    assert found.passes[1].extent == Extent(400, 200, "n1", ("factor",))
    assert found.passes[1].extent.set_by() == "node 'n1' (factor)"
    assert ("c", "width") in found.read


def test_values_replace_typed_in_inputs() -> None:
    prepared = prepare(chain("enlarge", width=100, height=50), registry)
    found = forecast(prepared, {("c", "width"): 300, ("n0", "factor"): 3.0})
    assert [(p.extent.width, p.extent.height) for p in found.passes] == [(900, 150)]


def test_unknown_and_broken_forecasts_leave_the_size_unknown() -> None:
    assert forecast(prepare(chain("opaque", "enlarge"), registry)).passes == []
    assert forecast(prepare(chain("broken", "enlarge"), registry)).passes == []


def test_batch_variants_only_for_inputs_a_forecast_read() -> None:
    read = {("c", "width"), ("c", "height")}
    groups = [
        [("c", "width", [64, 128, 64]), ("c", "height", [64, 256, 64]), ("seed", "value", [1, 2, 3])],
        [("seed", "value", [7, 8])],
    ]
    assert list(batch_variants(read, groups)) == [
        {("c", "width"): 64, ("c", "height"): 64},
        {("c", "width"): 128, ("c", "height"): 256},
    ]
