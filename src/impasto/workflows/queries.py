"""The SQL side of the library: rows from documents, listing filters and order, rows back to summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from impasto.workflows.document import WorkflowDocument
from impasto.workflows.models import TagCount, WorkflowOrder, WorkflowQuery, WorkflowSummary
from impasto.workflows.tables import workflows as table

SUMMARY_COLUMNS = tuple(column for column in table.c if column.name != "workflow")
_ESCAPE = "\\"
_ORDER = {
    WorkflowOrder.NAME: table.c.name_key,
    WorkflowOrder.CREATED: table.c.created_at,
    WorkflowOrder.UPDATED: table.c.updated_at,
    WorkflowOrder.OPENED: table.c.opened_at,
}


def document_values(document: WorkflowDocument) -> dict[str, Any]:
    """The columns a document fills (everything but id, category and timestamps)."""
    keys = [tag.casefold() for tag in document.tags]
    return {
        "name": document.name,
        "name_key": document.name.casefold(),
        "description": document.description,
        "author": document.author,
        "tags": list(document.tags),
        "tags_key": "".join(f"\n{key}" for key in keys) + "\n",
        "search_text": "\n".join([document.name, document.description, *document.tags]).casefold(),
        "workflow": document.model_dump(mode="json"),
    }


def conditions(query: WorkflowQuery) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of a listing."""
    found: list[sa.ColumnElement[bool]] = [
        table.c.search_text.like(f"%{_escaped(word)}%", escape=_ESCAPE)
        for word in (query.search or "").casefold().split()
    ]
    if query.category is not None:
        found.append(table.c.category == query.category)
    tags = [" ".join(tag.split()).casefold() for tag in query.tags]
    if any(tags):
        found.append(
            sa.or_(*(table.c.tags_key.like(f"%\n{_escaped(tag)}\n%", escape=_ESCAPE) for tag in tags if tag))
        )
    if query.opened is not None:
        found.append(table.c.opened_at.is_not(None) if query.opened else table.c.opened_at.is_(None))
    return found


def ordering(query: WorkflowQuery) -> list[sa.UnaryExpression[Any]]:
    """ORDER BY of a listing: the chosen column (never-opened workflows last either way), then the name."""
    column = _ORDER[query.order_by]
    first = sa.nulls_last(column.desc() if query.descending else column.asc())
    return [first, table.c.name_key.asc(), table.c.workflow_id.asc()]


def summary(row: Any) -> WorkflowSummary:
    return WorkflowSummary(
        id=row["workflow_id"],
        name=row["name"],
        description=row["description"],
        author=row["author"],
        tags=list(row["tags"]),
        category=row["category"],
        thumbnail=row["thumbnail"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        opened_at=row["opened_at"],
    )


def count_tags(tag_lists: Iterable[list[str]]) -> list[TagCount]:
    """How many workflows carry each tag (any case), by tag; each tag as it was first written."""
    spelled: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for tags in tag_lists:
        for tag in tags:
            spelled.setdefault(tag.casefold(), tag)
            counts[tag.casefold()] += 1
    return [TagCount(tag=spelled[key], count=counts[key]) for key in sorted(counts)]


def stored_defaults(conn: Connection) -> dict[str, Any]:
    """The documents of the default workflows in the database (as stored JSON), by id."""
    rows = conn.execute(sa.select(table.c.workflow_id, table.c.workflow).where(table.c.category == "default"))
    return {row.workflow_id: row.workflow for row in rows}


def _escaped(text: str) -> str:
    return text.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
