"""InvokeAI's workflows and graphs, mapped onto Impasto's nodes both ways (see :mod:`.table`)."""

from impasto.workflows.invokeai.graph_in import InvokeAIGraphError, read_invokeai_graph, require_mapped
from impasto.workflows.invokeai.report import ImportProblem, ImportReport
from impasto.workflows.invokeai.values import ModelCatalog, RecordCatalog
from impasto.workflows.invokeai.workflow_in import is_invokeai_workflow, read_invokeai_workflow
from impasto.workflows.invokeai.workflow_out import InvokeAIWorkflowFile, to_invokeai_workflow

__all__ = [
    "ImportProblem",
    "ImportReport",
    "InvokeAIGraphError",
    "InvokeAIWorkflowFile",
    "ModelCatalog",
    "RecordCatalog",
    "is_invokeai_workflow",
    "read_invokeai_graph",
    "read_invokeai_workflow",
    "require_mapped",
    "to_invokeai_workflow",
]
