"""What the workflow library speaks: stored workflows, listings and their filters, changes and errors."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from impasto.errors import ConflictError, NotFoundError
from impasto.graph.model import Graph
from impasto.text import NameStr, NonBlankName, TextStr
from impasto.workflows.checks import OpenInput, WorkflowIssue
from impasto.workflows.document import (
    MAX_ELEMENTS,
    MAX_NAME,
    MAX_TAGS,
    MAX_TEXT,
    NodeView,
    StickyNote,
    Tag,
    WorkflowDocument,
    WorkflowForm,
    clean_tags,
)
from impasto.workflows.invokeai.report import ImportReport

Category = Literal["user", "default"]
"""``default`` workflows ship with Impasto and are read-only; ``user`` workflows are the user's own."""


class WorkflowOrder(StrEnum):
    """What a listing is sorted by."""

    NAME = "name"
    CREATED = "created_at"
    UPDATED = "updated_at"
    OPENED = "opened_at"


class WorkflowNotFoundError(NotFoundError):
    """No workflow has this id."""

    code = "workflow_not_found"


class ReadOnlyWorkflowError(ConflictError):
    """Default workflows cannot be changed or deleted (save a copy to make one your own)."""

    code = "workflow_read_only"


class WorkflowSummary(BaseModel):
    """A workflow as the library lists it (without its graph)."""

    id: str = Field(description="Stable id; default workflows' ids start with 'default-'.")
    name: str = Field(description="Name of the workflow.")
    description: str = Field(description="What it does.")
    author: str = Field(description="Who made it.")
    tags: list[str] = Field(description="Tags to find it by.")
    category: Category = Field(description="'default' workflows ship with Impasto and are read-only.")
    thumbnail: str | None = Field(None, description="Name of the stored image shown for it, if any.")
    created_at: datetime = Field(description="When it was created (default ones: first installed).")
    updated_at: datetime = Field(description="When it last changed.")
    opened_at: datetime | None = Field(None, description="When it was last opened (none: never).")


class WorkflowRecord(WorkflowSummary):
    """A stored workflow with its document."""

    workflow: WorkflowDocument = Field(description="The workflow document.")
    open_inputs: list[OpenInput] = Field(
        description="Required inputs left empty (such as the model of a default workflow): to be filled "
        "in before the graph can run."
    )
    issues: list[WorkflowIssue] = Field(
        default_factory=list,
        description="Problems with the nodes registered now, such as a node type whose custom node pack "
        "was removed since the workflow was saved (empty when it still fits).",
    )


class WorkflowImport(BaseModel):
    """An imported workflow as saved, and what of the file could not be carried over."""

    workflow: WorkflowRecord = Field(description="The saved workflow.")
    report: ImportReport = Field(
        description="Where the file came from and every node, field, edge or form element left out."
    )


class WorkflowPage(BaseModel):
    """One page of a workflow listing."""

    items: list[WorkflowSummary] = Field(description="The workflows of this page.")
    total: int = Field(description="How many workflows match the filters.")
    offset: int = Field(description="Index of the first workflow of this page.")
    limit: int = Field(description="Largest page size asked for.")


class WorkflowQuery(BaseModel):
    """Filters and order of a listing; each filter left empty does not filter."""

    model_config = ConfigDict(extra="forbid")

    search: str | None = Field(None, description="Text found in the name, description or tags (any case).")
    category: Category | None = Field(None, description="Only default or only user workflows.")
    tags: list[str] = Field(default_factory=list, description="Only workflows with any of these tags.")
    opened: bool | None = Field(None, description="Only workflows opened before (true) or never (false).")
    order_by: WorkflowOrder = Field(WorkflowOrder.NAME, description="What to sort by.")
    descending: bool = Field(False, description="Sort from the largest (newest, last name) down.")


class TagCount(BaseModel):
    """A tag and how many workflows carry it."""

    tag: str = Field(description="The tag (as first written).")
    count: int = Field(description="Workflows with the tag.")


class WorkflowChanges(BaseModel):
    """Parts of a workflow to replace; those left out (or null) stay as they are. The result is checked
    as a whole, as a new workflow would be."""

    model_config = ConfigDict(extra="forbid")

    name: NonBlankName | None = Field(None, min_length=1, max_length=MAX_NAME, description="New name.")
    description: TextStr | None = Field(None, max_length=MAX_TEXT, description="New description.")
    author: NameStr | None = Field(None, max_length=MAX_NAME, description="New author.")
    tags: list[Tag] | None = Field(None, max_length=MAX_TAGS, description="New tags (all of them).")
    notes: TextStr | None = Field(None, max_length=MAX_TEXT, description="New notes.")
    graph: Graph | None = Field(None, description="New graph.")
    layout: dict[str, NodeView] | None = Field(None, description="New layout of the graph's nodes.")
    sticky_notes: list[StickyNote] | None = Field(None, max_length=MAX_ELEMENTS, description="New notes.")
    form: WorkflowForm | None = Field(None, description="New form (the linear view).")
    remove_form: bool = Field(False, description="Drop the form (the workflow has no linear view then).")

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else clean_tags(value)


class DuplicateRequest(BaseModel):
    """How to name a copy."""

    model_config = ConfigDict(extra="forbid")

    name: NonBlankName | None = Field(
        None, min_length=1, max_length=MAX_NAME, description="Name of the copy; empty: '<name> (copy)'."
    )


class ThumbnailRequest(BaseModel):
    """The stored image to show for a workflow."""

    model_config = ConfigDict(extra="forbid")

    image_name: NameStr = Field(min_length=1, max_length=64, description="Name of a stored image.")
