"""The workflow document: a graph plus what the editor needs to show it, versioned, as files hold it.

A workflow is what the node editor saves and the library stores: the executable graph (the same document
the queue runs, see :class:`~impasto.graph.model.Graph`), where each of its nodes sits on the canvas with
its label and notes, free-standing notes, and an optional form (the "linear view": the few inputs a user
fills in, laid out in rows and columns with headings). Images made from a workflow carry this document.

``format`` names the kind of file and ``schema_version`` its layout. A file of a version this Impasto
does not know is refused with a message saying so, rather than read halfway; a later version that
changes the layout adds a new literal and an upgrade step here.

Only the shape is checked here; whether the graph and the form fit the registered nodes is the job of
:mod:`impasto.workflows.checks`.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from impasto.graph.model import Graph
from impasto.text import NameStr, NonBlankName, TextStr

FORMAT: Final = "impasto.workflow"
SCHEMA_VERSION: Final = "1.0.0"
MAX_NAME = 255
MAX_TEXT = 20_000
MAX_TAGS = 32
MAX_TAG = 64
MAX_ELEMENTS = 1000
MAX_COORDINATE = 1e7

Coordinate = Annotated[float, Field(ge=-MAX_COORDINATE, le=MAX_COORDINATE)]
ElementId = Annotated[str, Field(min_length=1, max_length=255)]


class Position(BaseModel):
    """A point on the editor's canvas (its pixels at zoom 1; y grows downwards)."""

    model_config = ConfigDict(extra="forbid")

    x: Coordinate = Field(description="Horizontal position of the top-left corner.")
    y: Coordinate = Field(description="Vertical position of the top-left corner.")


class NodeView(BaseModel):
    """How the editor shows one node of the graph (nothing here changes what the node does)."""

    model_config = ConfigDict(extra="forbid")

    position: Position = Field(description="Where the node sits.")
    label: NameStr = Field("", max_length=MAX_NAME, description="Title shown instead of the node type's.")
    notes: TextStr = Field("", max_length=MAX_TEXT, description="The user's notes on this node.")
    collapsed: bool = Field(False, description="Shown folded (header only).")
    input_labels: dict[str, Annotated[NameStr, Field(max_length=MAX_NAME)]] = Field(
        default_factory=dict,
        max_length=MAX_ELEMENTS,
        description="Labels shown instead of the names of some of its inputs, keyed by input name.",
        exclude_if=lambda labels: not labels,  # files without labels read as before
    )


class StickyNote(BaseModel):
    """A note on the canvas that belongs to no node."""

    model_config = ConfigDict(extra="forbid")

    id: ElementId = Field(description="Unique among notes and graph nodes.")
    position: Position = Field(description="Where the note sits.")
    text: TextStr = Field("", max_length=MAX_TEXT, description="What it says.")


class _Element(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: ElementId = Field(description="Unique id of the element; its key in the form's elements.")


class ContainerElement(_Element):
    """A row or column of other elements."""

    type: Literal["container"] = Field(description="Kind of element.")
    layout: Literal["row", "column"] = Field("column", description="How the children are laid out.")
    children: list[ElementId] = Field(
        default_factory=list, max_length=MAX_ELEMENTS, description="Ids of the child elements, in order."
    )


class FieldElement(_Element):
    """One input of one node, for the user to fill in without opening the graph."""

    type: Literal["field"] = Field(description="Kind of element.")
    node_id: ElementId = Field(description="Id of the graph node.")
    field: ElementId = Field(description="Name of the node's input.")
    label: NameStr = Field("", max_length=MAX_NAME, description="Label shown instead of the input's name.")
    description: TextStr = Field(
        "",
        max_length=MAX_TEXT,
        description="Help shown under the input instead of the node's description of it (empty: the node's).",
    )
    show_description: bool = Field(True, description="Show the description under the input.")
    component: Literal["default", "slider", "textarea", "dropdown"] = Field(
        "default", description="How a number or text input is drawn ('default': as the node says)."
    )


class HeadingElement(_Element):
    """A heading."""

    type: Literal["heading"] = Field(description="Kind of element.")
    text: NameStr = Field(max_length=MAX_NAME, description="The heading.")


class TextElement(_Element):
    """A paragraph of text (instructions for the user)."""

    type: Literal["text"] = Field(description="Kind of element.")
    text: TextStr = Field(max_length=MAX_TEXT, description="The text.")


class DividerElement(_Element):
    """A line between elements."""

    type: Literal["divider"] = Field(description="Kind of element.")


FormElement = Annotated[
    ContainerElement | FieldElement | HeadingElement | TextElement | DividerElement,
    Field(discriminator="type"),
]


class WorkflowForm(BaseModel):
    """The linear view: a tree of elements under one root container."""

    model_config = ConfigDict(extra="forbid")

    root_id: ElementId = Field(description="Id of the root element (a container).")
    elements: dict[str, FormElement] = Field(
        max_length=MAX_ELEMENTS, description="Every element, keyed by its id."
    )


def clean_tags(tags: list[str]) -> list[str]:
    """Tags trimmed, with inner whitespace collapsed and repeats (in any case) dropped, in order."""
    seen: set[str] = set()
    cleaned = []
    for tag in tags:
        text = " ".join(tag.split())
        if not text:
            raise ValueError("a tag must not be empty")
        if text.casefold() not in seen:
            seen.add(text.casefold())
            cleaned.append(text)
    return cleaned


Tag = Annotated[NameStr, Field(min_length=1, max_length=MAX_TAG)]


class WorkflowInfo(BaseModel):
    """What the library shows of a workflow: its name, description, author, tags and notes."""

    model_config = ConfigDict(extra="forbid")

    name: NonBlankName = Field(min_length=1, max_length=MAX_NAME, description="Name of the workflow.")
    description: TextStr = Field("", max_length=MAX_TEXT, description="What it does, for the library.")
    author: NameStr = Field("", max_length=MAX_NAME, description="Who made it.")
    tags: list[Tag] = Field(
        default_factory=list, max_length=MAX_TAGS, description="Tags to find it by (repeats are dropped)."
    )
    notes: TextStr = Field("", max_length=MAX_TEXT, description="Longer notes on how to use it.")
    version: NameStr = Field(
        "", max_length=MAX_NAME, description="The workflow's own version, as its author numbers it."
    )
    contact: NameStr = Field(
        "", max_length=MAX_NAME, description="How to reach its author (an address or a page)."
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        name = " ".join(value.split())
        if not name:
            raise ValueError("the name must not be empty")
        return name

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        return clean_tags(value)


class WorkflowDocument(WorkflowInfo):
    """A workflow as the editor saves it and a file holds it."""

    format: Literal["impasto.workflow"] = Field(FORMAT, description="Kind of document.")
    schema_version: Literal["1.0.0"] = Field(
        SCHEMA_VERSION, description="Version of this document's layout (this Impasto reads 1.0.0)."
    )
    graph: Graph = Field(description="The graph that runs: nodes keyed by id, and edges.")
    layout: dict[str, NodeView] = Field(
        default_factory=dict, description="How each graph node is shown, keyed by node id."
    )
    sticky_notes: list[StickyNote] = Field(
        default_factory=list, max_length=MAX_ELEMENTS, description="Notes on the canvas."
    )
    form: WorkflowForm | None = Field(None, description="The linear view, if the workflow has one.")

    def info(self) -> WorkflowInfo:
        """Its name, description, author, tags and notes."""
        return WorkflowInfo.model_validate(self.model_dump(include=set(WorkflowInfo.model_fields)))
