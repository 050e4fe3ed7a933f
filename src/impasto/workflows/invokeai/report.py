"""What an import could not carry over, each thing with the reason, for the user to fix by hand."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Part = Literal["workflow", "node", "field", "edge", "notes", "form"]


class ImportProblem(BaseModel):
    """One node, field, edge, note or form element of the imported file that is not in the result."""

    part: Part = Field(description="What was left out: a node, a field's value, an edge, a note, ...")
    reason: str = Field(description="Why, in words.")
    node_id: str | None = Field(None, description="The node concerned (its id in the file), if any.")
    node_type: str | None = Field(None, description="The node's type in the file, if any.")
    field: str | None = Field(None, description="The field concerned (its name in the file), if any.")
    edge: str | None = Field(None, description="The edge concerned, as 'node.output -> node.input'.")
    element_id: str | None = Field(None, description="The form element or note concerned, if any.")


class ImportReport(BaseModel):
    """Where a workflow came from and what of it could not be mapped (empty: everything was)."""

    source: Literal["impasto", "invokeai"] = Field(description="The program that wrote the file.")
    schema_version: str = Field(description="The version of the file's layout.")
    problems: list[ImportProblem] = Field(
        default_factory=list, description="Everything that was left out, each with the reason."
    )

    def add(self, part: Part, reason: str, **where: str | None) -> None:
        """Note one thing left out."""
        self.problems.append(ImportProblem(part=part, reason=reason, **where))
