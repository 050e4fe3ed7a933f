"""The workflow library: the service interface and its SQL implementation.

User workflows and the default ones that ship with Impasto live in one table, so a listing searches,
filters, sorts and pages both alike; the default ones are written there at start-up from the package's
files (:mod:`impasto.workflows.defaults`) and refuse every change. Every document stored has passed
:func:`~impasto.workflows.checks.check_workflow` against the node registry of this process.
"""

from __future__ import annotations

import builtins
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, TypeVar

import sqlalchemy as sa
from pydantic import ValidationError

from impasto.errors import InvalidInputError
from impasto.events import EventBus
from impasto.graph.node import NodeRegistry
from impasto.storage.db import Database
from impasto.storage.types import utcnow
from impasto.workflows import imports, queries
from impasto.workflows.checks import check_workflow, workflow_issues
from impasto.workflows.document import MAX_NAME, WorkflowDocument
from impasto.workflows.events import WorkflowChanged
from impasto.workflows.invokeai import ModelCatalog, RecordCatalog, to_invokeai_workflow
from impasto.workflows.models import (
    Category,
    ReadOnlyWorkflowError,
    TagCount,
    WorkflowChanges,
    WorkflowImport,
    WorkflowNotFoundError,
    WorkflowPage,
    WorkflowQuery,
    WorkflowRecord,
    WorkflowSummary,
)
from impasto.workflows.tables import workflows as table

Action = Literal["created", "updated", "deleted"]
R = TypeVar("R", bound=WorkflowSummary)


class WorkflowService(ABC):
    """Saved workflows: the user's own and the read-only default ones."""

    @abstractmethod
    def list(self, query: WorkflowQuery, offset: int = 0, limit: int = 50) -> WorkflowPage:
        """One page of the workflows that match ``query``, in its order."""

    @abstractmethod
    def tags(self, category: Category | None = None) -> builtins.list[TagCount]:
        """Every tag in use (of one category), with how many workflows carry it, by tag."""

    @abstractmethod
    def get(self, workflow_id: str, *, mark_opened: bool = False) -> WorkflowRecord:
        """One workflow (noting that it was opened, if asked); raises ``WorkflowNotFoundError``."""

    @abstractmethod
    def create(self, document: WorkflowDocument) -> WorkflowRecord:
        """Store a new user workflow after checking it against the registered nodes."""

    @abstractmethod
    def import_workflow(self, data: Mapping[str, Any]) -> WorkflowImport:
        """Store the workflow of a file, Impasto's or InvokeAI's (a user workflow, whatever it was before)."""

    @abstractmethod
    def import_image(self, chunks: Mapping[str, str]) -> WorkflowImport:
        """Store the workflow (or else the graph) an image's metadata carries, Impasto's or InvokeAI's."""

    @abstractmethod
    def export_invokeai(self, workflow_id: str) -> dict[str, Any]:
        """A workflow as an InvokeAI workflow file (schema 4.0.0)."""

    @abstractmethod
    def update(self, workflow_id: str, changes: WorkflowChanges) -> WorkflowRecord:
        """Change a user workflow; raises ``ReadOnlyWorkflowError`` for a default one."""

    @abstractmethod
    def delete(self, workflow_id: str) -> WorkflowSummary:
        """Remove a user workflow and return it."""

    @abstractmethod
    def duplicate(self, workflow_id: str, name: str | None = None) -> WorkflowRecord:
        """A user copy of any workflow, named ``name`` or '<name> (copy)'."""

    @abstractmethod
    def set_thumbnail(self, workflow_id: str, image_name: str | None) -> WorkflowSummary:
        """Show a stored image for a user workflow (None: none)."""

    @abstractmethod
    def forget_images(self, image_names: Iterable[str]) -> None:
        """Drop the thumbnails that show these (deleted) images."""


class SqlWorkflows(WorkflowService):
    """Workflows in the database; publishes ``workflow_changed`` after each committed change."""

    def __init__(
        self,
        db: Database,
        events: EventBus,
        registry: NodeRegistry,
        image_exists: Callable[[str], bool],
        catalog: ModelCatalog | None = None,
    ) -> None:
        self.db = db
        self.events = events
        self.registry = registry
        self.image_exists = image_exists
        self.catalog = catalog or RecordCatalog(lambda: [])

    def list(self, query: WorkflowQuery, offset: int = 0, limit: int = 50) -> WorkflowPage:
        conditions = queries.conditions(query)
        statement = sa.select(*queries.SUMMARY_COLUMNS).where(*conditions)
        statement = statement.order_by(*queries.ordering(query)).offset(offset).limit(limit)
        with self.db.read() as conn:
            rows = conn.execute(statement).mappings().all()
            total = conn.execute(sa.select(sa.func.count()).select_from(table).where(*conditions)).scalar()
        items = [queries.summary(row) for row in rows]
        return WorkflowPage(items=items, total=int(total or 0), offset=offset, limit=limit)

    def tags(self, category: Category | None = None) -> builtins.list[TagCount]:
        statement = sa.select(table.c.tags)
        if category is not None:
            statement = statement.where(table.c.category == category)
        with self.db.read() as conn:
            rows = conn.execute(statement).scalars().all()
        return queries.count_tags(rows)

    def get(self, workflow_id: str, *, mark_opened: bool = False) -> WorkflowRecord:
        if mark_opened:
            with self.db.write() as conn:
                statement = table.update().where(table.c.workflow_id == workflow_id)
                conn.execute(statement.values(opened_at=utcnow()))
        with self.db.read() as conn:
            row = conn.execute(sa.select(table).where(table.c.workflow_id == workflow_id)).mappings().first()
        if row is None:
            raise WorkflowNotFoundError(f"no workflow has the id '{workflow_id}'", {"id": workflow_id})
        document = WorkflowDocument.model_validate(row["workflow"])
        # Reported, not raised: a workflow that no longer fits (its node pack removed) must still open.
        issues, open_inputs = workflow_issues(document, self.registry)
        summary = queries.summary(row).model_dump()
        return WorkflowRecord(**summary, workflow=document, open_inputs=open_inputs, issues=issues)

    def create(self, document: WorkflowDocument) -> WorkflowRecord:
        check_workflow(document, self.registry)
        workflow_id = str(uuid.uuid4())
        now = utcnow()
        row = {**queries.document_values(document), "category": "user", "created_at": now, "updated_at": now}
        with self.db.write() as conn:
            conn.execute(table.insert().values(workflow_id=workflow_id, **row))
        return self._announce(self.get(workflow_id), "created")

    def import_workflow(self, data: Mapping[str, Any]) -> WorkflowImport:
        document, report = imports.read_file(data, self.registry, self.catalog)
        return WorkflowImport(workflow=self.create(document), report=report)

    def import_image(self, chunks: Mapping[str, str]) -> WorkflowImport:
        document, report = imports.read_image(chunks, self.registry, self.catalog)
        return WorkflowImport(workflow=self.create(document), report=report)

    def export_invokeai(self, workflow_id: str) -> dict[str, Any]:
        return to_invokeai_workflow(self.get(workflow_id).workflow, self.registry, self.catalog)

    def update(self, workflow_id: str, changes: WorkflowChanges) -> WorkflowRecord:
        current = self._user_workflow(workflow_id, "changed")
        given = changes.model_dump(exclude_unset=True, exclude={"remove_form"})
        values = {key: value for key, value in given.items() if value is not None}
        merged = current.workflow.model_dump(mode="json")
        merged.update({key: getattr(changes, key) for key in values})
        if changes.remove_form:
            merged["form"] = None
        document = _merged(merged)
        check_workflow(document, self.registry)
        row = {**queries.document_values(document), "updated_at": utcnow()}
        with self.db.write() as conn:
            conn.execute(table.update().where(table.c.workflow_id == workflow_id).values(**row))
        return self._announce(self.get(workflow_id), "updated")

    def delete(self, workflow_id: str) -> WorkflowSummary:
        record = self._user_workflow(workflow_id, "deleted")
        with self.db.write() as conn:
            conn.execute(table.delete().where(table.c.workflow_id == workflow_id))
        summary = WorkflowSummary(**record.model_dump(include=set(WorkflowSummary.model_fields)))
        self._announce(summary, "deleted")
        return summary

    def duplicate(self, workflow_id: str, name: str | None = None) -> WorkflowRecord:
        source = self.get(workflow_id).workflow
        copy_name = name or _copy_name(source.name)
        return self.create(source.model_copy(update={"name": " ".join(copy_name.split())}))

    def set_thumbnail(self, workflow_id: str, image_name: str | None) -> WorkflowSummary:
        self._user_workflow(workflow_id, "given a thumbnail")
        if image_name is not None and not self.image_exists(image_name):
            raise InvalidInputError(
                f"image_name: no stored image is named {image_name!r}", {"field": "image_name"}
            )
        with self.db.write() as conn:
            statement = table.update().where(table.c.workflow_id == workflow_id)
            conn.execute(statement.values(thumbnail=image_name, updated_at=utcnow()))
        record = self._announce(self.get(workflow_id), "updated")
        return WorkflowSummary(**record.model_dump(include=set(WorkflowSummary.model_fields)))

    def forget_images(self, image_names: Iterable[str]) -> None:
        names = builtins.list(image_names)
        if not names:
            return
        with self.db.write() as conn:
            conn.execute(table.update().where(table.c.thumbnail.in_(names)).values(thumbnail=None))

    def install_defaults(self, documents: Mapping[str, WorkflowDocument]) -> builtins.list[str]:
        """Make the stored default workflows exactly ``documents`` (by id): new ones are added, changed ones
        replaced (keeping when they were first installed and last opened), withdrawn ones removed. Returns
        the ids of those added or replaced."""
        now = utcnow()
        with self.db.write() as conn:
            stored = queries.stored_defaults(conn)
            for gone in set(stored) - set(documents):
                conn.execute(table.delete().where(table.c.workflow_id == gone))
            changed = [
                key
                for key, document in documents.items()
                if stored.get(key) != document.model_dump(mode="json")
            ]
            for key in changed:
                values = {**queries.document_values(documents[key]), "updated_at": now}
                if key in stored:
                    conn.execute(table.update().where(table.c.workflow_id == key).values(**values))
                else:
                    row = {**values, "workflow_id": key, "category": "default", "created_at": now}
                    conn.execute(table.insert().values(**row))
        return changed

    def _user_workflow(self, workflow_id: str, what: str) -> WorkflowRecord:
        record = self.get(workflow_id)
        if record.category == "default":
            raise ReadOnlyWorkflowError(
                f"'{record.name}' is a default workflow and cannot be {what}; "
                "save it as a copy (duplicate it) and change the copy",
                {"id": workflow_id},
            )
        return record

    def _announce(self, record: R, action: Action) -> R:
        self.events.publish(WorkflowChanged(workflow_id=record.id, name=record.name, action=action))
        return record


def _merged(values: dict[str, Any]) -> WorkflowDocument:
    """The document a change leaves; a change valid on its own cannot make an invalid document, but the
    check keeps that true if one ever could."""
    try:
        return WorkflowDocument.model_validate(values)
    except ValidationError as exc:
        raise InvalidInputError(f"the changed workflow would not be valid: {exc.errors()[0]['msg']}") from exc


def _copy_name(name: str) -> str:
    suffix = " (copy)"
    return name[: MAX_NAME - len(suffix)] + suffix
