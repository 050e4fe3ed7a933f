"""InvokeAI's enqueue body, so that its clients and scripts can queue their graphs here.

InvokeAI's ``enqueue_batch`` takes ``{prepend, batch: {graph, data, runs, origin, destination, workflow}}``,
a batch datum naming its input ``node_path`` and ``field_name``. Its graph is mapped onto Impasto's nodes
(:mod:`impasto.workflows.invokeai`); a graph with anything that cannot be mapped is refused as a whole,
naming each node, field or edge, since running part of it would make other images than InvokeAI does.
The workflow the graph was built from, if sent, is mapped too and goes with the batch, so the images
carry it as an Impasto workflow (what of it cannot be mapped is left out of it, as on import: the graph
that runs is the one checked above).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from impasto.graph.node import NodeRegistry
from impasto.queue.models import MAX_RUNS, Batch, BatchDatum
from impasto.workflows.invokeai import ModelCatalog, read_invokeai_workflow, require_mapped
from impasto.workflows.invokeai.graph_in import map_invokeai_graph
from impasto.workflows.invokeai.nodes import GraphMapper


class InvokeAIBatchDatum(BaseModel):
    """One input's values in InvokeAI's batch."""

    model_config = ConfigDict(extra="ignore")

    node_path: str = Field(description="Id of the node.")
    field_name: str = Field(description="Name of the input (InvokeAI's name).")
    items: list[Any] = Field(min_length=1, description="The values, one per queue item.")


class InvokeAIBatch(BaseModel):
    """InvokeAI's batch: a graph to run over batch data, ``runs`` times."""

    model_config = ConfigDict(extra="ignore")

    graph: dict[str, Any] = Field(description="The InvokeAI graph (mapped onto Impasto's nodes).")
    data: list[list[InvokeAIBatchDatum]] | None = Field(None, description="Groups of batch data.")
    runs: int = Field(1, ge=1, le=MAX_RUNS, description="How many times to run every combination.")
    origin: str | None = Field(None, max_length=64, description="Who enqueued.")
    destination: str | None = Field(None, max_length=64, description="Where results go.")
    workflow: dict[str, Any] | None = Field(
        None, description="The InvokeAI workflow the graph was built from; its images carry it (mapped)."
    )


class InvokeAIEnqueue(BaseModel):
    """The body InvokeAI's ``enqueue_batch`` takes; its graph is mapped onto Impasto's nodes."""

    model_config = ConfigDict(extra="ignore")

    batch: InvokeAIBatch = Field(description="The batch.")
    prepend: bool = Field(False, description="Put the new items at the front of the queue.")


def _kind(body: Any) -> str:
    """Which body it is: InvokeAI's wraps the batch under ``batch``."""
    has_batch = isinstance(body, dict) and "batch" in body and "graph" not in body
    return "invokeai" if has_batch or isinstance(body, InvokeAIEnqueue) else "impasto"


AnyBatch = Annotated[
    Annotated[Batch, Tag("impasto")] | Annotated[InvokeAIEnqueue, Tag("invokeai")],
    Discriminator(_kind),
]
"""An enqueue body: Impasto's batch, or InvokeAI's enqueue body."""


def as_batch(body: Batch | InvokeAIEnqueue, registry: NodeRegistry, catalog: ModelCatalog) -> Batch:
    """Impasto's batch for either body; an InvokeAI graph with anything that cannot be mapped is refused
    (``unmappable_graph``), naming each thing."""
    if isinstance(body, Batch):
        return body
    graph, mapper = map_invokeai_graph(body.batch.graph, registry, catalog)
    require_mapped(mapper.report)
    data = [[_datum(mapper, datum) for datum in group] for group in body.batch.data or []]
    workflow = None
    if body.batch.workflow is not None:
        document, _ = read_invokeai_workflow(body.batch.workflow, registry, catalog)
        workflow = document.model_dump(mode="json")
    return Batch(
        graph=graph,
        data=data,
        runs=body.batch.runs,
        prepend=body.prepend,
        origin=body.batch.origin,
        destination=body.batch.destination,
        workflow=workflow,
    )


def _datum(mapper: GraphMapper, datum: InvokeAIBatchDatum) -> BatchDatum:
    """The batch datum on the Impasto node and input it sets (a FLUX denoiser's seed is its noise
    node's); a node the graph lacks is left for the batch's checks to name."""
    node_id, field = datum.node_path, datum.field_name
    if node_id in mapper.types:
        node_id, field = mapper.input_of(node_id, field)
    return BatchDatum(node_id=node_id, field=field, items=datum.items)
