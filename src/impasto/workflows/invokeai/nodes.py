"""Mapping InvokeAI nodes and edges onto Impasto's, one at a time, noting what is left out.

Shared by the workflow import (nodes with positions, labels and a form) and the graph import (what
InvokeAI's queue runs); both hand over a node as its type and its input values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from impasto.graph.model import Edge, EdgeEndpoint, Graph
from impasto.graph.node import NodeRegistry, NodeSpec
from impasto.graph.validation import validate
from impasto.workflows.invokeai.gallery import GALLERY_INPUTS, GALLERY_SUFFIX, SAVE_IMAGE
from impasto.workflows.invokeai.noise import (
    DENOISERS,
    INVOKEAI_DEFAULTS,
    MODEL_INPUT,
    NOISE,
    NOISE_INPUTS,
    NOISE_SUFFIX,
)
from impasto.workflows.invokeai.report import ImportReport
from impasto.workflows.invokeai.table import IGNORED_KEYS, SETTLED_EVERYWHERE, node_map
from impasto.workflows.invokeai.values import LeftOutError, ModelCatalog, value_in

METADATA = "metadata"
DROPPED_VALUE = frozenset({"invalid_value", "not_direct"})
"""Graph issues that a value Impasto does not accept causes: the value is left out."""
DROPPED_EDGE = frozenset({"type_mismatch", "duplicate_input", "not_connectable"})
"""Graph issues that an edge Impasto does not accept causes: the edge is left out."""


@dataclass
class GraphMapper:
    """Maps the nodes and edges of one file into an Impasto graph, noting what is left out."""

    registry: NodeRegistry
    catalog: ModelCatalog
    report: ImportReport
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    """InvokeAI type of every node of the file, mapped or not."""

    redirects: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    """(node, InvokeAI input) → (node, Impasto input) for the inputs moved onto a gallery node."""
    galleries: dict[str, str] = field(default_factory=dict)
    """Node id → id of the ``save_image`` node added to put its image in the gallery."""
    metadata_edges: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(source, output, target, label) of the metadata edges into nodes with no metadata input."""
    noises: dict[str, str] = field(default_factory=dict)
    """Denoiser id → id of the ``noise`` node added to make its noise (see :mod:`.noise`)."""

    def add_node(
        self, node_id: str, node_type: str, inputs: Mapping[str, Any], *, to_gallery: bool = False
    ) -> bool:
        """Map one node; False (and reported) where Impasto has no node for its type. A node whose image
        InvokeAI keeps in the gallery (not intermediate) gets a ``save_image`` node after it, which takes
        its ``board`` and ``metadata``: Impasto's gallery images are those a ``save_image`` node saves."""
        self.types[node_id] = node_type
        mapping = node_map(node_type)
        spec = self.registry.get(mapping.impasto)
        if spec is None:
            self.report.add(
                "node", f"no Impasto node for '{node_type}'", node_id=node_id, node_type=node_type
            )
            return False
        self.nodes[node_id] = {"id": node_id, "type": spec.type, **mapping.fixed}
        if mapping.approximate:
            self.report.add("node", mapping.approximate, node_id=node_id, node_type=node_type)
        if spec.type in DENOISERS:
            self._add_noise(node_id)
        settled = {**SETTLED_EVERYWHERE, **mapping.settled}
        if to_gallery and self._add_gallery(node_id, spec):
            settled = {key: value for key, value in settled.items() if key not in GALLERY_INPUTS}
        for name, value in inputs.items():
            if name in IGNORED_KEYS or value is None:
                continue
            target, mine = self.input_of(node_id, name)
            field_spec = self._spec(target).inputs.get(mine)
            if field_spec is None:
                switch = mapping.only_with.get(name)
                if switch is not None and inputs.get(switch) is not True:
                    continue  # InvokeAI ignores it too while the switch is off
                if name not in settled or settled[name] != value:
                    why = f"Impasto's '{spec.type}' has no input '{name}' (the value {_short(value)} is lost)"
                    self.report.add("field", why, node_id=node_id, node_type=node_type, field=name)
                continue
            try:
                converted = value_in(field_spec.type, mine, mapping.impasto_value(name, value), self.catalog)
            except LeftOutError as exc:
                self.report.add("field", str(exc), node_id=node_id, node_type=node_type, field=name)
                continue
            if name in mapping.file_names and isinstance(converted, str):
                converted = self._file_name(node_id, node_type, name, converted)
            if converted is not None:
                self.nodes[target][mine] = converted
        return True

    def _file_name(self, node_id: str, node_type: str, name: str, path: str) -> str:
        base = PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name
        if base != path:
            why = (
                f"the path {path!r} is on InvokeAI's machine: '{base}' is read from Impasto's prompt files "
                "folder (`prompt_files_dir`), so copy the file there"
            )
            self.report.add("field", why, node_id=node_id, node_type=node_type, field=name)
        return base

    def input_of(self, node_id: str, name: str) -> tuple[str, str]:
        """The Impasto node and input that stand for an InvokeAI node's input."""
        return self.redirects.get((node_id, name)) or (
            node_id,
            node_map(self.types[node_id]).impasto_input(name),
        )

    def _add_gallery(self, node_id: str, spec: NodeSpec) -> bool:
        save_id = f"{node_id}{GALLERY_SUFFIX}"
        image = spec.outputs.get("image")
        if spec.type == SAVE_IMAGE or image is None or image.type != "ImageField" or save_id in self.types:
            return False
        if SAVE_IMAGE not in self.registry:
            return False
        self.nodes[save_id] = {"id": save_id, "type": SAVE_IMAGE}
        self.types[save_id] = SAVE_IMAGE
        self.galleries[node_id] = save_id
        self.redirects.update({(node_id, name): (save_id, name) for name in GALLERY_INPUTS})
        self.edges.append(_edge(node_id, "image", save_id, "image"))
        return True

    def _add_noise(self, node_id: str) -> None:
        noise_id = f"{node_id}{NOISE_SUFFIX}"
        if NOISE not in self.registry or noise_id in self.types:
            return
        self.nodes[noise_id] = {"id": noise_id, "type": NOISE, **INVOKEAI_DEFAULTS}
        self.types[noise_id] = NOISE
        self.noises[node_id] = noise_id
        self.redirects.update({(node_id, name): (noise_id, name) for name in NOISE_INPUTS})
        self.edges.append(_edge(noise_id, "latents", node_id, "noise"))

    def _connect_noise_vaes(self) -> None:
        """Each added noise node takes the VAE of the loader that gives its denoiser the model (the
        VAE's latent channels are the noise's); one whose denoiser has noise from the file (written by
        Impasto) is taken out again."""
        for node_id, noise_id in list(self.noises.items()):
            feeds = [
                e for e in self.edges if (e.destination.node_id, e.destination.field) == (node_id, "noise")
            ]
            if len(feeds) > 1:
                self._drop_added(noise_id, node_id)
                del self.noises[node_id]
                continue
            loaders = [
                e.source.node_id
                for e in self.edges
                if (e.destination.node_id, e.destination.field) == (node_id, MODEL_INPUT)
            ]
            has_vae = any(
                e.destination.node_id == noise_id and e.destination.field == "vae" for e in self.edges
            )
            if loaders and not has_vae and "vae" in self._spec(loaders[0]).outputs:
                self.edges.append(_edge(loaders[0], "vae", noise_id, "vae"))

    def _reroute_metadata(self) -> None:
        """A metadata edge into an image node (which Impasto's lack) goes to the ``save_image`` node its
        image reaches, where Impasto records metadata; reported where there is none or it has one."""
        for source, output, target, label in self.metadata_edges:
            save = self._save_after(target)
            taken = save is not None and any(
                (e.destination.node_id, e.destination.field) == (save, METADATA) for e in self.edges
            )
            if save is None or taken:
                why = f"Impasto's '{self.nodes[target]['type']}' has no input 'metadata'" + (
                    ", and the image it makes reaches no save_image node that could take it"
                    if save is None
                    else f", and '{save}' has its own"
                )
                self.report.add("edge", why, edge=label, node_id=target, field=METADATA)
                continue
            self.edges.append(_edge(source, output, save, METADATA))

    def _save_after(self, node_id: str) -> str | None:
        """The first ``save_image`` node that the node's image reaches (through image nodes)."""
        seen, frontier = {node_id}, [node_id]
        while frontier:
            current = frontier.pop(0)
            for edge in self.edges:
                after = edge.destination.node_id
                if edge.source.node_id != current or edge.source.field != "image" or after in seen:
                    continue
                if self.nodes[after]["type"] == SAVE_IMAGE:
                    return after
                seen.add(after)
                frontier.append(after)
        return None

    def _drop_added(self, node_id: str, owner: str) -> None:
        """Take out an added node, reporting the file's edges into it (their inputs are unused)."""
        del self.nodes[node_id]
        for edge in [e for e in self.edges if node_id in (e.source.node_id, e.destination.node_id)]:
            self.edges.remove(edge)
            if edge.destination.node_id == node_id and edge.source.node_id != owner:
                why = f"'{owner}' takes its noise from a noise node in the file, so this input is unused"
                label = _edge_label(edge).replace(f"-> {node_id}.", f"-> {owner}.")  # as in the file
                self.report.add("edge", why, edge=label, node_id=owner, field=edge.destination.field)

    def _spec(self, node_id: str) -> NodeSpec:
        spec = self.registry.get(str(self.nodes[node_id]["type"]))
        assert spec is not None  # only mapped nodes are in self.nodes
        return spec

    def add_edge(self, source: str, output: str, target: str, input_name: str) -> None:
        """Map one edge; reported where an end is not mapped."""
        label = f"{source}.{output} -> {target}.{input_name}"
        for end in (source, target):
            if end not in self.nodes:
                why = f"the node '{end}' is not in the graph" + (
                    f" (its type '{self.types[end]}' is not mapped)" if end in self.types else ""
                )
                self.report.add("edge", why, edge=label, node_id=end)
                return
        out_name = node_map(self.types[source]).impasto_output(output)
        target, in_name = self.input_of(target, input_name)
        if in_name == METADATA and METADATA not in self._spec(target).inputs:
            self.metadata_edges.append((source, out_name, target, label))
            return
        for node_id, name, kind in ((source, out_name, "outputs"), (target, in_name, "inputs")):
            if name not in getattr(self._spec(node_id), kind):
                why = f"Impasto's '{self.nodes[node_id]['type']}' has no {kind[:-1]} '{name}'"
                self.report.add("edge", why, edge=label, node_id=node_id, field=name)
                return
        self.edges.append(_edge(source, out_name, target, in_name))

    def graph(self, graph_id: str | None = None) -> Graph:
        """The mapped graph, less the values and edges Impasto's checks refuse (each reported)."""
        self._connect_noise_vaes()
        self._reroute_metadata()
        graph = Graph(id=graph_id, nodes=self.nodes, edges=self.edges)
        for _ in range(4):  # a left-out edge can reveal another problem behind it; a few rounds suffice
            if not self._drop_refused(graph):
                break
        return graph

    def _drop_refused(self, graph: Graph) -> bool:
        dropped = False
        for issue in validate(graph, self.registry):
            if issue.node_id is None or issue.field is None:
                continue
            node_type = self.types.get(issue.node_id)
            if issue.code in DROPPED_VALUE and issue.field in graph.nodes[issue.node_id]:
                del graph.nodes[issue.node_id][issue.field]
                self.report.add(
                    "field", issue.message, node_id=issue.node_id, node_type=node_type, field=issue.field
                )
                dropped = True
            elif issue.code in DROPPED_EDGE:
                into = [
                    e
                    for e in graph.edges
                    if (e.destination.node_id, e.destination.field) == (issue.node_id, issue.field)
                ]
                for edge in into[1:] if issue.code == "duplicate_input" else into:
                    graph.edges.remove(edge)
                    self.report.add("edge", issue.message, edge=_edge_label(edge), node_id=issue.node_id)
                    dropped = True
        return dropped


def _edge(source: str, output: str, target: str, input_name: str) -> Edge:
    return Edge(
        source=EdgeEndpoint(node_id=source, field=output),
        destination=EdgeEndpoint(node_id=target, field=input_name),
    )


def _edge_label(edge: Edge) -> str:
    src, dst = edge.source, edge.destination
    return f"{src.node_id}.{src.field} -> {dst.node_id}.{dst.field}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
