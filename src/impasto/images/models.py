"""What the images and boards services store and answer with."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from impasto.images.metadata.models import RecallParameters
from impasto.images.names import NAME_BODY
from impasto.text import NonBlankName

IMAGE_FACTS_CHUNK = "impasto_image"
UNCATEGORIZED = "none"
"""The board id that stands for "no board" in filters and moves (the virtual Uncategorized board)."""


class ImageOrigin(StrEnum):
    """Where an image came from."""

    GENERATED = "generated"
    UPLOADED = "uploaded"


class ImageCategory(StrEnum):
    """What an image is for; the gallery shows ``general`` as images and the rest as assets."""

    GENERAL = "general"
    MASK = "mask"
    CONTROL = "control"
    USER = "user"
    OTHER = "other"


class ImageFacts(BaseModel):
    """The facts of a record that are also written into the file, so a file can be adopted after a crash."""

    model_config = ConfigDict(extra="ignore")

    origin: ImageOrigin = Field(ImageOrigin.GENERATED, description="Generated or uploaded.")
    category: ImageCategory = Field(ImageCategory.GENERAL, description="What the image is for.")
    intermediate: bool = Field(False, description="Whether the image is hidden from the gallery.")
    board_id: str | None = Field(None, description="The board it was added to.")
    queue_item_id: int | None = Field(None, description="The queue item that made it.")
    node_id: str | None = Field(None, description="The node that made it.")


class ImageRecord(ImageFacts):
    """One stored image."""

    image_name: str = Field(description="Unique name: 32 hex digits and .png.")
    width: int = Field(description="Width in pixels.")
    height: int = Field(description="Height in pixels.")
    file_size: int = Field(description="Size of the PNG file in bytes.")
    starred: bool = Field(False, description="Whether the user starred it.")
    has_workflow: bool = Field(False, description="Whether its metadata holds a workflow or graph to load.")
    created_at: datetime = Field(description="When it was stored.")
    updated_at: datetime = Field(description="When its record last changed.")


class ImagePage(BaseModel):
    """One page of images, newest first."""

    items: list[ImageRecord] = Field(description="The images of this page.")
    total: int = Field(description="How many images match the filters.")
    offset: int = Field(description="Index of the first image of this page.")
    limit: int = Field(description="Largest page size asked for.")


class ImageQuery(BaseModel):
    """Filters of an image listing; each one left empty does not filter."""

    model_config = ConfigDict(extra="forbid")

    board_id: str | None = Field(None, description="Only this board; 'none' means images without a board.")
    categories: list[ImageCategory] | None = Field(None, description="Only these categories.")
    origin: ImageOrigin | None = Field(None, description="Only generated or only uploaded images.")
    starred: bool | None = Field(None, description="Only starred (true) or unstarred (false) images.")
    intermediate: bool | None = Field(
        False, description="Intermediate images are hidden unless this is true (only them) or null (all)."
    )
    search: str | None = Field(None, description="Words that must all occur in the prompts (any case).")
    starred_first: bool = Field(False, description="List starred images before the others.")


class ImageChanges(BaseModel):
    """Changes to one or many images; fields left out stay as they are."""

    model_config = ConfigDict(extra="forbid")

    starred: bool | None = Field(None, description="Star or unstar.")
    category: ImageCategory | None = Field(None, description="The new category.")
    board_id: str | None = Field(
        None, description="Move to this board; 'none' (or null, when given) removes it from its board."
    )
    intermediate: bool | None = Field(None, description="Show in (false) or hide from (true) the gallery.")


class MetadataReport(BaseModel):
    """An image's metadata: the raw text chunks and the parameters recalled from them."""

    image_name: str | None = Field(None, description="The stored image, when it is one.")
    chunks: dict[str, str] = Field(description="Every metadata text of the file by chunk name.")
    recall: RecallParameters = Field(description="Normalized parameters, with what could not be read.")


class BoardRecord(BaseModel):
    """A board with its counts and cover."""

    board_id: str = Field(description="Unique id ('none' for the virtual Uncategorized board).")
    board_name: str = Field(description="Name shown to the user.")
    archived: bool = Field(False, description="Archived boards are hidden from the default board list.")
    cover_image_name: str | None = Field(
        None, description="The chosen cover image, else the board's newest image."
    )
    image_count: int = Field(0, description="Images (category general) on the board, intermediates excluded.")
    asset_count: int = Field(0, description="Assets (other categories) on the board, intermediates excluded.")
    created_at: datetime | None = Field(None, description="When the board was made.")
    updated_at: datetime | None = Field(None, description="When the board last changed.")


class BoardChanges(BaseModel):
    """Changes to a board; fields left out stay as they are."""

    model_config = ConfigDict(extra="forbid")

    board_name: NonBlankName | None = Field(None, min_length=1, max_length=255, description="The new name.")
    archived: bool | None = Field(None, description="Archive (true) or restore (false).")
    cover_image_name: str | None = Field(
        None,
        pattern=f"^({NAME_BODY})?$",
        description="The cover image; null or '' (when given) goes back to the newest image.",
    )


class BoardDeleted(BaseModel):
    """What deleting a board did."""

    board_id: str = Field(description="The deleted board.")
    deleted_images: list[str] = Field(description="Images deleted with it.")
    released_images: int = Field(description="Images kept and moved to Uncategorized.")


class ConsistencyReport(BaseModel):
    """What the start-up check found in the images folder and the database, and what it did."""

    adopted: list[str] = Field(default_factory=list, description="Files without a record that were adopted.")
    moved_to_orphans: list[str] = Field(
        default_factory=list, description="Foreign or unreadable files moved to the orphans folder."
    )
    missing_files: list[str] = Field(
        default_factory=list, description="Records whose file is gone (removed when repaired)."
    )
    finished_deletes: list[str] = Field(
        default_factory=list, description="Deletes that a crash interrupted, now finished."
    )
    removed_temp_files: int = Field(0, description="Half-written temp files removed.")
    removed_thumbnails: int = Field(0, description="Thumbnails of images that no longer exist, removed.")
    repaired: bool = Field(True, description="False when problems were only reported, not repaired.")

    @property
    def clean(self) -> bool:
        return not (self.adopted or self.moved_to_orphans or self.missing_files or self.finished_deletes)
