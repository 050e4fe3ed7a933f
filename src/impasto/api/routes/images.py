"""The gallery: list, upload, read, change, delete and download images.

Image names in paths are matched by the routes (32 hex digits and ``.png``: ``/images/delete`` is no
image) and checked again by the service, so nothing else reaches the file system. Files and thumbnails
never change under a name, so both are served with a strong ETag and a year-long ``immutable`` cache
lifetime.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from impasto.api.deps import CanvasesDep, EventsDep, ImagesDep, QueueDep
from impasto.api.errors import ERROR_RESPONSES, NOT_AN_IMAGE, ErrorBody
from impasto.api.params import ImageNamePath, Offset
from impasto.images.models import (
    ImageCategory,
    ImageChanges,
    ImageOrigin,
    ImagePage,
    ImageQuery,
    ImageRecord,
    MetadataReport,
)
from impasto.images.names import ImageName, check_name
from impasto.images.zips import stream_zip
from impasto.queue.references import images_in_use
from impasto.storage.types import utcnow

router = APIRouter(
    prefix="/api/v1/images",
    tags=["images"],
    responses={**ERROR_RESPONSES, 413: {"model": ErrorBody, "description": "Too large"}},
)

CACHE_CONTROL = "private, max-age=31536000, immutable"
MAX_BULK = 10000
Intermediates = Literal["exclude", "only", "include"]


class ImageNames(BaseModel):
    """A list of image names."""

    image_names: list[ImageName] = Field(
        min_length=1, max_length=MAX_BULK, description="Names of the images."
    )


class MoveRequest(ImageNames):
    """Images to move, and where."""

    board_id: str | None = Field(description="The board to move them to; null or 'none' for no board.")


def _given(field: str) -> dict[str, Any]:
    """JSON Schema of "``field`` is given and not null"."""
    return {"required": [field], "properties": {field: {"not": {"type": "null"}}}}


class DownloadRequest(BaseModel):
    """What to put in a ZIP: listed images, or every image of a board (one of the two is needed)."""

    model_config = ConfigDict(
        json_schema_extra={"allOf": [{"anyOf": [_given("image_names"), _given("board_id")]}]}
    )

    image_names: list[ImageName] | None = Field(None, max_length=MAX_BULK, description="Names of the images.")
    board_id: str | None = Field(None, description="A board (or 'none') whose images to download.")

    @model_validator(mode="after")
    def _names_or_board(self) -> DownloadRequest:
        if self.image_names is None and self.board_id is None:
            raise ValueError("name the images (image_names) or a board (board_id) to download")
        return self


class Deleted(BaseModel):
    """Images that were deleted."""

    deleted: list[str] = Field(description="Names of the deleted images.")


class Cleared(BaseModel):
    """How many intermediate images were deleted."""

    deleted: int = Field(description="Number of intermediate images deleted.")


class Updated(BaseModel):
    """Images that were changed."""

    images: list[ImageRecord] = Field(description="The changed records, as they are now.")


def image_query(
    board_id: Annotated[str | None, Query(description="Only this board; 'none' for no board.")] = None,
    category: Annotated[list[ImageCategory] | None, Query(description="Only these categories.")] = None,
    origin: Annotated[ImageOrigin | None, Query(description="Only generated or uploaded images.")] = None,
    starred: Annotated[bool | None, Query(description="Only starred (true) or unstarred (false).")] = None,
    intermediate: Annotated[
        Intermediates, Query(description="Intermediate images: exclude (default), only, or include.")
    ] = "exclude",
    search: Annotated[str | None, Query(max_length=500, description="Words to find in the prompts.")] = None,
    starred_first: Annotated[bool, Query(description="Starred images first.")] = False,
) -> ImageQuery:
    """The listing filters, from the query string."""
    flags: dict[str, bool | None] = {"exclude": False, "only": True, "include": None}
    return ImageQuery(
        board_id=board_id,
        categories=category,
        origin=origin,
        starred=starred,
        intermediate=flags[intermediate],
        search=search,
        starred_first=starred_first,
    )


QueryDep = Annotated[ImageQuery, Depends(image_query)]


@router.get("", response_model=ImagePage, summary="List images, newest first")
def list_images(
    images: ImagesDep,
    query: QueryDep,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size.")] = 50,
) -> ImagePage:
    return images.page(query, offset, limit)


@router.get("/names", response_model=list[str], summary="Names of every matching image, in list order")
def list_names(images: ImagesDep, query: QueryDep) -> list[str]:
    return images.names(query)


@router.post(
    "/upload",
    response_model=ImageRecord,
    status_code=201,
    summary="Upload a PNG, JPEG or WebP",
    responses=NOT_AN_IMAGE,
)
def upload(
    images: ImagesDep,
    file: Annotated[UploadFile, File(description="The image file.")],
    category: Annotated[ImageCategory, Form(description="What the image is for.")] = ImageCategory.GENERAL,
    board_id: Annotated[str | None, Form(description="Board to add it to.")] = None,
    intermediate: Annotated[bool, Form(description="Hide it from the gallery.")] = False,
) -> ImageRecord:
    data = file.file.read(images.settings.upload_limits.max_bytes + 1)
    return images.upload(data, category=category, board_id=board_id, intermediate=intermediate)


@router.delete("/intermediates", response_model=Cleared, summary="Delete every intermediate image")
def clear_intermediates(images: ImagesDep, queue: QueueDep, canvases: CanvasesDep) -> Cleared:
    """Images that running items made and images that waiting items' graphs name are kept, so no
    generation in progress or in the queue is broken; so are the layer bitmaps that canvases name."""
    cutoff = utcnow()  # taken first: an item that starts later only makes images after it
    in_use = images_in_use(queue)
    keep = in_use.image_names | canvases.image_names()
    deleted = images.clear_intermediates(in_use.running_item_ids, cutoff, keep_names=keep)
    return Cleared(deleted=deleted)


@router.post("/delete", response_model=Deleted, summary="Delete several images")
def delete_many(request: ImageNames, images: ImagesDep) -> Deleted:
    return Deleted(deleted=images.delete(request.image_names))


@router.post("/star", response_model=Updated, summary="Star several images")
def star(request: ImageNames, images: ImagesDep) -> Updated:
    return Updated(images=images.update(request.image_names, ImageChanges(starred=True)))


@router.post("/unstar", response_model=Updated, summary="Unstar several images")
def unstar(request: ImageNames, images: ImagesDep) -> Updated:
    return Updated(images=images.update(request.image_names, ImageChanges(starred=False)))


@router.post("/move", response_model=Updated, summary="Move several images to a board (or to none)")
def move(request: MoveRequest, images: ImagesDep) -> Updated:
    return Updated(images=images.update(request.image_names, ImageChanges(board_id=request.board_id)))


@router.post(
    "/download",
    summary="Download images as a ZIP (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/zip": {}}, "description": "The ZIP archive."}},
)
def download(request: DownloadRequest, images: ImagesDep, events: EventsDep) -> StreamingResponse:
    """Every file is checked before the first byte is sent; progress events carry the zip id header."""
    names = request.image_names
    if names is None:
        names = images.names(ImageQuery(board_id=request.board_id))
    entries = [(name, images.file(name)) for name in dict.fromkeys(names)]
    zip_id = uuid.uuid4().hex
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    headers = {
        "Content-Disposition": f'attachment; filename="impasto-images-{stamp}.zip"',
        "X-Impasto-Zip-Id": zip_id,
    }
    return StreamingResponse(
        stream_zip(entries, events, zip_id), media_type="application/zip", headers=headers
    )


@router.get("/{image_name:image_name}", response_model=ImageRecord, summary="One image's record")
def get_image(image_name: ImageNamePath, images: ImagesDep) -> ImageRecord:
    return images.get(image_name)


@router.patch(
    "/{image_name:image_name}", response_model=ImageRecord, summary="Star, recategorize or move an image"
)
def update_image(image_name: ImageNamePath, changes: ImageChanges, images: ImagesDep) -> ImageRecord:
    return images.update([check_name(image_name)], changes)[0]


@router.delete("/{image_name:image_name}", response_model=Deleted, summary="Delete an image")
def delete_image(image_name: ImageNamePath, images: ImagesDep) -> Deleted:
    images.get(image_name)
    return Deleted(deleted=images.delete([image_name]))


@router.get(
    "/{image_name:image_name}/full",
    summary="The image file (PNG)",
    response_class=FileResponse,
    responses={200: {"content": {"image/png": {}}}, 304: {"description": "Not modified"}},
)
def full(image_name: ImageNamePath, request: Request, images: ImagesDep) -> Response:
    return _cached_file(request, images.file(image_name), "image/png", f'"{Path(image_name).stem}"')


@router.get(
    "/{image_name:image_name}/thumbnail",
    summary="The image's thumbnail (WebP)",
    response_class=FileResponse,
    responses={200: {"content": {"image/webp": {}}}, 304: {"description": "Not modified"}},
)
def thumbnail(image_name: ImageNamePath, request: Request, images: ImagesDep) -> Response:
    etag = f'"{Path(image_name).stem}-thumbnail"'
    return _cached_file(request, images.thumbnail(image_name), "image/webp", etag)


@router.get(
    "/{image_name:image_name}/metadata", response_model=MetadataReport, summary="Raw metadata and recall"
)
def metadata(image_name: ImageNamePath, images: ImagesDep) -> MetadataReport:
    return images.metadata(image_name)


def _cached_file(request: Request, path: Path, media_type: str, etag: str) -> Response:
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    wanted = [tag.strip() for tag in request.headers.get("if-none-match", "").split(",")]
    if etag in wanted or "*" in wanted:
        return Response(status_code=304, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)
