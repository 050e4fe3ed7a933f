"""Boards: create, list with counts, rename, archive, set the cover, delete; names of a board's images."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from impasto.api.deps import BoardsDep, ImagesDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.images.models import BoardChanges, BoardDeleted, BoardRecord, ImageCategory, ImageQuery
from impasto.text import NonBlankName

router = APIRouter(prefix="/api/v1/boards", tags=["boards"], responses=ERROR_RESPONSES)


class NewBoard(BaseModel):
    """A board to create."""

    board_name: NonBlankName = Field(min_length=1, max_length=255, description="Its name.")


@router.get("", response_model=list[BoardRecord], summary="Boards with their counts and covers")
def list_boards(
    boards: BoardsDep,
    include_archived: Annotated[bool, Query(description="Also list archived boards.")] = False,
) -> list[BoardRecord]:
    return boards.list_boards(include_archived)


@router.post("", response_model=BoardRecord, status_code=201, summary="Create a board")
def create_board(request: NewBoard, boards: BoardsDep) -> BoardRecord:
    return boards.create(request.board_name)


@router.get("/{board_id}", response_model=BoardRecord, summary="One board ('none': Uncategorized)")
def get_board(board_id: str, boards: BoardsDep) -> BoardRecord:
    return boards.get(board_id)


@router.patch("/{board_id}", response_model=BoardRecord, summary="Rename, archive or set the cover")
def update_board(board_id: str, changes: BoardChanges, boards: BoardsDep) -> BoardRecord:
    return boards.update(board_id, changes)


@router.delete("/{board_id}", response_model=BoardDeleted, summary="Delete a board")
def delete_board(
    board_id: str,
    boards: BoardsDep,
    delete_images: Annotated[
        bool, Query(description="Delete its images too (otherwise they move to Uncategorized).")
    ] = False,
) -> BoardDeleted:
    return boards.delete(board_id, delete_images=delete_images)


@router.get(
    "/{board_id}/image_names",
    response_model=list[str],
    summary="Names of a board's images, newest first (for virtualized lists)",
)
def board_image_names(
    board_id: str,
    boards: BoardsDep,
    images: ImagesDep,
    category: Annotated[list[ImageCategory] | None, Query(description="Only these categories.")] = None,
    starred_first: Annotated[bool, Query(description="Starred images first.")] = False,
) -> list[str]:
    boards.get(board_id)
    return images.names(ImageQuery(board_id=board_id, categories=category, starred_first=starred_first))
