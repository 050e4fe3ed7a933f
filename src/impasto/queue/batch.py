"""Turning a batch (graph + batch data + runs) into the field values of each queue item.

Data within a group are zipped, groups are crossed, and the whole product is repeated ``runs`` times. The
item count is computed before anything is built, so an absurd cross product is refused at once instead of
filling memory.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from impasto.errors import InvalidInputError
from impasto.graph.model import FieldValue, GraphIssue
from impasto.graph.validation import GraphValidationError, PreparedGraph
from impasto.queue.models import Batch, BatchDatum


def item_count(batch: Batch) -> int:
    """How many queue items a batch expands to."""
    return batch.runs * math.prod(len(group[0].items) for group in batch.data if group)


def check_batch_data(batch: Batch, prepared: PreparedGraph) -> None:
    """Raise ``GraphValidationError`` if batch data name unknown inputs or hold invalid values."""
    issues: list[GraphIssue] = []
    seen: set[tuple[str, str]] = set()
    for group_index, group in enumerate(batch.data):
        if not group:
            issues.append(
                GraphIssue(code="invalid_batch", message=f"batch data group {group_index} is empty")
            )
            continue
        lengths = {len(datum.items) for datum in group}
        if len(lengths) > 1:
            issues.append(
                GraphIssue(
                    code="invalid_batch",
                    message=f"batch data group {group_index} zips lists of different lengths: "
                    f"{sorted(lengths)}",
                )
            )
        for datum in group:
            key = (datum.node_id, datum.field)
            if key in seen:
                issues.append(_issue(datum, f"input '{datum.field}' of node '{datum.node_id}' is set twice"))
            seen.add(key)
            issues.extend(_check_datum(datum, prepared))
    if issues:
        raise GraphValidationError(issues)


def expand(batch: Batch) -> Iterator[list[FieldValue]]:
    """The field values of every item, in queue order (runs outermost, then groups crossed in order)."""
    groups = [_zip_group(group) for group in batch.data if group]
    for _ in range(batch.runs):
        for combination in itertools.product(*groups):
            yield [value for part in combination for value in part]


def _zip_group(group: list[BatchDatum]) -> list[list[FieldValue]]:
    return [
        [FieldValue(node_id=datum.node_id, field=datum.field, value=datum.items[index]) for datum in group]
        for index in range(len(group[0].items))
    ]


def _check_datum(datum: BatchDatum, prepared: PreparedGraph) -> list[GraphIssue]:
    node = prepared.nodes.get(datum.node_id)
    if node is None:
        return [_issue(datum, f"batch data refer to missing node '{datum.node_id}'")]
    spec = node.spec.inputs.get(datum.field)
    if spec is None:
        return [_issue(datum, f"node '{datum.node_id}' ({node.spec.type}) has no input '{datum.field}'")]
    if any(edge.destination.field == datum.field for edge in node.incoming):
        return [
            _issue(
                datum, f"input '{datum.field}' of node '{datum.node_id}' is connected; data would be ignored"
            )
        ]
    problems = []
    for index, value in enumerate(datum.items):
        error = _value_error(node.spec.node_class, node.constants, datum.field, value)
        if error is not None:
            problems.append(_issue(datum, f"batch value #{index} {value!r} for '{datum.field}': {error}"))
    return problems


def _value_error(node_class: Any, constants: dict[str, Any], field: str, value: Any) -> str | None:
    try:
        node_class.model_validate({**constants, "id": "batch", field: value})
    except ValidationError as exc:
        for error in exc.errors():
            if error["loc"] and error["loc"][0] == field:
                return str(error["msg"])
    return None


def _issue(datum: BatchDatum, message: str) -> GraphIssue:
    return GraphIssue(code="invalid_batch", message=message, node_id=datum.node_id, field=datum.field)


def require_capacity(count: int, pending: int, max_size: int) -> None:
    """Refuse a batch that would not fit in the queue, saying by how much."""
    if count + pending > max_size:
        raise QueueFullError(
            f"the batch expands to {count} items but the queue has room for {max(0, max_size - pending)} "
            f"(max_queue_size={max_size}, {pending} waiting)",
            details={"requested": count, "pending": pending, "max_queue_size": max_size},
        )


class QueueFullError(InvalidInputError):
    """The batch would overflow ``max_queue_size``."""

    code = "queue_full"
    status_code = 409
