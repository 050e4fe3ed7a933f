"""The form's field elements carry their own display settings: label, description and component."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from impasto.workflows.document import MAX_TEXT, FieldElement, WorkflowForm


def _field(**settings: object) -> dict[str, object]:
    return {"id": "f", "type": "field", "node_id": "denoise", "field": "steps", **settings}


def test_a_field_shows_the_nodes_description_unless_given_its_own() -> None:
    assert FieldElement.model_validate(_field()).description == ""
    element = FieldElement.model_validate(_field(description="More steps, finer detail", component="slider"))
    assert (element.description, element.component) == ("More steps, finer detail", "slider")


def test_a_form_keeps_its_elements_settings_through_json() -> None:
    form = WorkflowForm.model_validate(
        {
            "root_id": "root",
            "elements": {
                "root": {"id": "root", "type": "container", "children": ["row"]},
                "row": {"id": "row", "type": "container", "layout": "row", "children": ["f"]},
                "f": _field(label="Steps", description="How long it works", component="slider"),
            },
        }
    )
    assert WorkflowForm.model_validate_json(form.model_dump_json()) == form


def test_a_description_longer_than_the_limit_is_refused() -> None:
    with pytest.raises(ValidationError, match="description"):
        FieldElement.model_validate(_field(description="x" * (MAX_TEXT + 1)))
