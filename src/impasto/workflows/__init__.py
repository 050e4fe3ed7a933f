"""The workflow library: workflow documents (graph, layout, form), their checks, storage and defaults."""

from impasto.workflows.checks import InvalidWorkflowError, OpenInput, WorkflowIssue, check_workflow
from impasto.workflows.document import WorkflowDocument, WorkflowForm
from impasto.workflows.files import InvalidWorkflowFileError, read_workflow_file
from impasto.workflows.models import (
    ReadOnlyWorkflowError,
    TagCount,
    WorkflowChanges,
    WorkflowImport,
    WorkflowNotFoundError,
    WorkflowOrder,
    WorkflowPage,
    WorkflowQuery,
    WorkflowRecord,
    WorkflowSummary,
)
from impasto.workflows.service import SqlWorkflows, WorkflowService

__all__ = [
    "InvalidWorkflowError",
    "InvalidWorkflowFileError",
    "OpenInput",
    "ReadOnlyWorkflowError",
    "SqlWorkflows",
    "TagCount",
    "WorkflowChanges",
    "WorkflowDocument",
    "WorkflowForm",
    "WorkflowImport",
    "WorkflowIssue",
    "WorkflowNotFoundError",
    "WorkflowOrder",
    "WorkflowPage",
    "WorkflowQuery",
    "WorkflowRecord",
    "WorkflowService",
    "WorkflowSummary",
    "check_workflow",
    "read_workflow_file",
]
