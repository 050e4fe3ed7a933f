"""The node engine: node declarations, graph validation, execution and caching.

This package must not import torch, FastAPI or the storage layer; it is tested in milliseconds with stub
nodes and used by the queue worker, the CLI and (later) the workflow editor's server side.
"""

from impasto.graph.cache import NodeCache
from impasto.graph.context import (
    CanceledError,
    CancelToken,
    ExecutionServices,
    ImageStore,
    ModelProvider,
    NodeContext,
    Progress,
    ProgressSink,
    TensorStore,
)
from impasto.graph.executor import ExecutionListener, ExecutionResult, Executor, NodeError, NodeRun
from impasto.graph.fields import Input, InputField, OutputField, UIHints
from impasto.graph.model import Edge, EdgeEndpoint, FieldValue, Graph, GraphIssue
from impasto.graph.node import (
    BaseNode,
    BaseOutput,
    NodeDefinitionError,
    NodeRegistry,
    NodeSpec,
    default_registry,
    node,
)
from impasto.graph.validation import GraphValidationError, PreparedGraph, prepare, validate

__all__ = [
    "BaseNode",
    "BaseOutput",
    "CancelToken",
    "CanceledError",
    "Edge",
    "EdgeEndpoint",
    "ExecutionListener",
    "ExecutionResult",
    "ExecutionServices",
    "Executor",
    "FieldValue",
    "Graph",
    "GraphIssue",
    "GraphValidationError",
    "ImageStore",
    "Input",
    "InputField",
    "ModelProvider",
    "NodeCache",
    "NodeContext",
    "NodeDefinitionError",
    "NodeError",
    "NodeRegistry",
    "NodeRun",
    "NodeSpec",
    "OutputField",
    "PreparedGraph",
    "Progress",
    "ProgressSink",
    "TensorStore",
    "UIHints",
    "default_registry",
    "node",
    "prepare",
    "validate",
]
