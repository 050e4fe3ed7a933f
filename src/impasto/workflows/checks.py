"""Checking a workflow against the registered nodes: its graph, its layout and its form, all at once.

The graph goes through the engine's own validation (:func:`impasto.graph.validation.validate`), so a
workflow the library accepts is one the queue would accept, with one exception: an input nobody has filled
in yet (``missing_input``) is an *open input*, not a problem. Shipped workflows leave the model for the
user to pick, and a half-built workflow may be saved; the open inputs are listed with the workflow so the
editor can ask for them before it runs. Everything else (an unknown node type, a bad value, a mistyped
edge, a cycle) is refused with every problem listed, as the editor needs them to mark the sockets.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from impasto.errors import InvalidInputError
from impasto.graph.model import GraphIssue
from impasto.graph.node import NodeRegistry
from impasto.graph.validation import validate
from impasto.workflows.document import ContainerElement, FieldElement, WorkflowDocument, WorkflowForm

OPEN_INPUT = "missing_input"
Part = Literal["graph", "layout", "sticky_notes", "form"]


class WorkflowIssue(BaseModel):
    """One problem in a workflow, located precisely enough for the editor to show it."""

    model_config = ConfigDict(frozen=True)

    part: Part = Field(description="Where the problem is: the graph, the layout, the notes or the form.")
    code: str = Field(description="Stable kind of problem, e.g. 'unknown_node_type' or 'unknown_element'.")
    message: str = Field(description="What is wrong, in words.")
    node_id: str | None = Field(None, description="The graph node concerned, if any.")
    field: str | None = Field(None, description="The node's field concerned, if any.")
    element_id: str | None = Field(None, description="The form element or note concerned, if any.")


class OpenInput(BaseModel):
    """A required input that neither has a value nor is connected: the user fills it in before a run."""

    model_config = ConfigDict(frozen=True)

    node_id: str = Field(description="Id of the node.")
    field: str = Field(description="Name of the input.")


class InvalidWorkflowError(InvalidInputError):
    """A workflow has problems; ``details`` lists each as ``{part, code, message, node_id, field, ...}``."""

    code = "invalid_workflow"

    def __init__(self, issues: list[WorkflowIssue]) -> None:
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        details = [issue.model_dump() for issue in issues]
        super().__init__(f"invalid workflow: {issues[0].message}{more}", details)
        self.issues = issues


def check_workflow(document: WorkflowDocument, registry: NodeRegistry) -> list[OpenInput]:
    """The open inputs of a workflow that fits ``registry``; raises :class:`InvalidWorkflowError`
    listing every problem otherwise."""
    issues, open_inputs = workflow_issues(document, registry)
    if issues:
        raise InvalidWorkflowError(issues)
    return open_inputs


def workflow_issues(
    document: WorkflowDocument, registry: NodeRegistry
) -> tuple[list[WorkflowIssue], list[OpenInput]]:
    """Every problem of a workflow, and its open inputs."""
    issues: list[WorkflowIssue] = []
    open_inputs: list[OpenInput] = []
    for issue in validate(document.graph, registry):
        if issue.code == OPEN_INPUT and issue.node_id is not None and issue.field is not None:
            open_inputs.append(OpenInput(node_id=issue.node_id, field=issue.field))
        else:
            issues.append(_graph_issue(issue))
    issues += _layout_issues(document)
    if document.form is not None:
        issues += _form_issues(document.form, document, registry)
    return issues, open_inputs


def _graph_issue(issue: GraphIssue) -> WorkflowIssue:
    return WorkflowIssue(part="graph", **issue.model_dump())


def _layout_issues(document: WorkflowDocument) -> list[WorkflowIssue]:
    nodes = document.graph.nodes
    issues = [
        WorkflowIssue(
            part="layout",
            code="unknown_node",
            message=f"layout: the graph has no node '{node_id}'",
            node_id=node_id,
        )
        for node_id in document.layout
        if node_id not in nodes
    ]
    seen: set[str] = set()
    for note in document.sticky_notes:
        if note.id in seen or note.id in nodes:
            clash = "another note" if note.id in seen else "a graph node"
            issues.append(
                WorkflowIssue(
                    part="sticky_notes",
                    code="duplicate_id",
                    message=f"sticky_notes: the id '{note.id}' is taken by {clash}",
                    element_id=note.id,
                )
            )
        seen.add(note.id)
    return issues


def _form_issues(
    form: WorkflowForm, document: WorkflowDocument, registry: NodeRegistry
) -> list[WorkflowIssue]:
    """The form must be one tree under a container root, each field naming an input of a graph node."""
    issues = [
        _form_issue("key_mismatch", f"the element under the key '{key}' has the id '{element.id}'", key)
        for key, element in form.elements.items()
        if element.id != key
    ]
    root = form.elements.get(form.root_id)
    if not isinstance(root, ContainerElement):
        what = "is missing" if root is None else f"is a {root.type}, not a container"
        return [
            *issues,
            _form_issue("invalid_root", f"the root element '{form.root_id}' {what}", form.root_id),
        ]
    reached = _walk(form, issues)
    for key in form.elements:
        if key not in reached:
            issues.append(_form_issue("unreachable_element", f"no container holds the element '{key}'", key))
    for element in form.elements.values():
        if isinstance(element, FieldElement):
            issues += _field_issues(element, document, registry)
    return issues


def _walk(form: WorkflowForm, issues: list[WorkflowIssue]) -> set[str]:
    """The ids reachable from the root, each once; a missing child or a second parent is an issue."""
    reached = {form.root_id}
    pending = [form.root_id]
    while pending:
        container = form.elements[pending.pop()]
        assert isinstance(container, ContainerElement)
        for child in container.children:
            element = form.elements.get(child)
            if element is None:
                issues.append(
                    _form_issue(
                        "unknown_element", f"'{container.id}' holds '{child}', which is no element", child
                    )
                )
            elif child in reached:
                issues.append(
                    _form_issue("repeated_element", f"the element '{child}' is placed twice", child)
                )
            else:
                reached.add(child)
                if isinstance(element, ContainerElement):
                    pending.append(child)
    return reached


def _field_issues(
    element: FieldElement, document: WorkflowDocument, registry: NodeRegistry
) -> list[WorkflowIssue]:
    node = document.graph.nodes.get(element.node_id)
    if node is None:
        message = (
            f"the field element '{element.id}' names the node '{element.node_id}', which the graph lacks"
        )
        return [_form_issue("unknown_node", message, element.id, element)]
    spec = registry.get(str(node.get("type")))
    if spec is None or element.field in spec.inputs:
        return []  # an unknown node type is reported by the graph's own check
    message = f"the field element '{element.id}' names '{element.field}', which is no input of '{spec.type}'"
    return [_form_issue("unknown_field", message, element.id, element)]


def _form_issue(
    code: str, message: str, element_id: str, element: FieldElement | None = None
) -> WorkflowIssue:
    return WorkflowIssue(
        part="form",
        code=code,
        message=f"form: {message}",
        element_id=element_id,
        node_id=element.node_id if element else None,
        field=element.field if element else None,
    )
