"""InvokeAI's generator nodes, folded into the batch node they feed as one of Impasto's range batch nodes.

In an InvokeAI workflow a generator (``integer_generator``, ``float_generator``, ``string_generator``,
``image_generator``) holds a recipe (``{type, start, step, count}``, ...) and feeds a batch node's list
(``integer_batch.integers``, ...); InvokeAI's front end works the list out before it queues. Impasto's
batch nodes that hold the recipe themselves (``integer_range_batch``, ``float_range_batch``,
``string_lines_batch``, ``image_batch.board_id``) do the same, so the pair becomes one such node with
the batch node's id, group and edges. A recipe with no Impasto counterpart (random values, a linear
spread of integers, ...) is left as it is: the generator is then reported as a node Impasto lacks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any, Final

Recipe = Mapping[str, Any]
Rewrite = Callable[[Recipe], tuple[str, dict[str, Any]] | None]


def _integers(recipe: Recipe) -> tuple[str, dict[str, Any]] | None:
    if recipe.get("type") != "integer_generator_arithmetic_sequence":
        return None
    values = {
        "start": recipe.get("start", 0),
        "step": recipe.get("step", 1),
        "count": recipe.get("count", 10),
    }
    return "integer_range_batch", values


def _floats(recipe: Recipe) -> tuple[str, dict[str, Any]] | None:
    if recipe.get("type") != "float_generator_linear_distribution":
        return None
    values = {
        "start": recipe.get("start", 0.0),
        "end": recipe.get("end", 1.0),
        "count": recipe.get("count", 10),
    }
    return "float_range_batch", values


def _strings(recipe: Recipe) -> tuple[str, dict[str, Any]] | None:
    text, separator = recipe.get("input"), recipe.get("splitOn")
    if recipe.get("type") != "string_generator_parse_string" or not isinstance(text, str):
        return None
    if separator in ("\n", "\\n"):
        return "string_lines_batch", {"text": text, "strip": False}
    if not isinstance(separator, str) or not separator or "\\" in separator or "\n" in text:
        return None  # an escaped separator, or lines that are not the items: no list of lines says it
    return "string_lines_batch", {"text": "\n".join(text.split(separator)), "strip": False}


def _images(recipe: Recipe) -> tuple[str, dict[str, Any]] | None:
    board = recipe.get("board_id")
    kind = recipe.get("type") == "image_generator_images_from_board"
    if not kind or not isinstance(board, str) or recipe.get("category", "images") != "images":
        return None
    return "image_batch", {"board_id": board}


GENERATORS: Final[Mapping[str, tuple[str, str, Rewrite]]] = {
    "integer_generator": ("integers", "integer_batch", _integers),
    "float_generator": ("floats", "float_batch", _floats),
    "string_generator": ("strings", "string_batch", _strings),
    "image_generator": ("images", "image_batch", _images),
}
"""Generator type → (its output and the batch node's list input, the batch type, the rewrite)."""


def fold_generators(nodes: list[Any], edges: list[Any]) -> tuple[list[Any], list[Any]]:
    """The workflow's nodes and edges with each generator that feeds a batch node folded into it."""
    by_id = {n.get("id"): n for n in nodes if isinstance(n, Mapping) and isinstance(n.get("data"), Mapping)}
    folded: dict[str, dict[str, Any]] = {}
    gone: set[Any] = set()
    fanout = Counter(e.get("source") for e in edges if isinstance(e, Mapping))
    for edge in edges:
        if not isinstance(edge, Mapping) or fanout[edge.get("source")] != 1:
            continue
        source, target = by_id.get(edge.get("source")), by_id.get(edge.get("target"))
        if source is None or target is None or edge.get("target") in folded:
            continue
        entry = GENERATORS.get(str(source["data"].get("type")))
        if entry is None or target["data"].get("type") != entry[1]:
            continue
        if (edge.get("sourceHandle"), edge.get("targetHandle")) != (entry[0], entry[0]):
            continue
        recipe = source["data"].get("inputs", {}).get("generator", {})
        rewritten = entry[2](recipe.get("value") or {}) if isinstance(recipe, Mapping) else None
        if rewritten is None:
            continue
        folded[str(edge["target"])] = _batch_node(target, *rewritten)
        gone.add(edge.get("source"))
    nodes = [folded.get(str(n.get("id")), n) for n in nodes if not _is(n, gone)]
    edges = [e for e in edges if not (isinstance(e, Mapping) and e.get("source") in gone)]
    return nodes, edges


def _is(node: Any, ids: set[Any]) -> bool:
    return isinstance(node, Mapping) and node.get("id") in ids


def _batch_node(node: Mapping[str, Any], node_type: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The batch node as the range batch node holding the recipe (its group and view kept)."""
    inputs = {name: {"name": name, "label": "", "value": value} for name, value in values.items()}
    group = node["data"].get("inputs", {}).get("batch_group_id")
    if isinstance(group, Mapping):
        inputs["batch_group_id"] = dict(group)
    return {**node, "data": {**node["data"], "type": node_type, "inputs": inputs}}
