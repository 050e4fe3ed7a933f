"""Image files and records: saving, listing, changing, deleting, and the start-up consistency check."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PIL import Image

from impasto.config import ImpastoConfig
from impasto.errors import InvalidInputError, NotFoundError
from impasto.events import Event
from impasto.images.consistency import check_consistency
from impasto.images.files import TRASH_PREFIX
from impasto.images.models import (
    IMAGE_FACTS_CHUNK,
    ImageCategory,
    ImageChanges,
    ImageFacts,
    ImageOrigin,
    ImageQuery,
)
from impasto.images.names import new_name
from impasto.images.service import ImageLibrary
from impasto.services import Services, build_services


def red(size: tuple[int, int] = (8, 6)) -> Image.Image:
    return Image.new("RGB", size, "red")


def age(path: Path, seconds: float = 3600) -> None:
    """Make a file look as if it was written ``seconds`` ago (older than the check's grace period)."""
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp), follow_symlinks=False)


def test_save_writes_file_record_and_thumbnail(library: ImageLibrary, services: Services) -> None:
    events: list[Event] = []
    services.events.subscribe(events.append)
    name = library.save(red((300, 150)), node_id="n1", intermediate=False, category="control")
    record = library.get(name)
    assert (record.width, record.height, record.category, record.node_id) == (300, 150, "control", "n1")
    assert record.origin is ImageOrigin.GENERATED
    assert not record.intermediate
    assert library.file(name).read_bytes().startswith(b"\x89PNG")
    with Image.open(library.thumbnail(name)) as thumb:
        assert thumb.format == "WEBP"
        assert thumb.size == (256, 128)
    assert library.load(name).size == (300, 150)
    assert [type(e).__name__ for e in events] == ["ImageAdded"]


def test_listing_pages_filters_and_search(library: ImageLibrary) -> None:
    meta = {"positive_prompt": "A Snowy Owl", "negative_prompt": "blur_ry 100%"}
    owl = library.save(red(), intermediate=False, metadata=meta)
    plain = library.save(red(), intermediate=False, category="mask")
    hidden = library.save(red())
    names = library.names(ImageQuery())
    assert names == [plain, owl]  # newest first, intermediates hidden
    assert library.names(ImageQuery(intermediate=True)) == [hidden]
    assert library.names(ImageQuery(intermediate=None)) == [hidden, plain, owl]
    assert library.names(ImageQuery(search="snowy OWL")) == [owl]
    assert library.names(ImageQuery(search="owl cat")) == []
    assert library.names(ImageQuery(search="blur_ry 100%")) == [owl]
    assert library.names(ImageQuery(search="blurxry")) == []  # '_' is not a wildcard
    assert library.names(ImageQuery(categories=[ImageCategory.MASK])) == [plain]
    page = library.page(ImageQuery(), offset=1, limit=1)
    assert (page.total, [i.image_name for i in page.items]) == (2, [owl])
    library.update([owl], ImageChanges(starred=True))
    assert library.names(ImageQuery(starred_first=True)) == [owl, plain]
    assert library.names(ImageQuery(starred=True)) == [owl]


def test_update_validates_names_boards_and_existence(library: ImageLibrary, services: Services) -> None:
    name = library.save(red(), intermediate=False)
    board = services.boards.create("b")
    [moved] = library.update([name], ImageChanges(board_id=board.board_id, category=ImageCategory.USER))
    assert (moved.board_id, moved.category) == (board.board_id, "user")
    assert library.update([name], ImageChanges(board_id="none"))[0].board_id is None
    with pytest.raises(NotFoundError):
        library.update([name], ImageChanges(board_id="no-such-board"))
    with pytest.raises(NotFoundError):
        library.update([name, new_name()], ImageChanges(starred=True))
    assert library.get(name).starred is False  # nothing changed when one name was missing
    with pytest.raises(InvalidInputError):
        library.update(["../../etc/passwd"], ImageChanges(starred=True))


def test_delete_removes_file_thumbnail_and_record_and_clears_node_cache(
    library: ImageLibrary, services: Services
) -> None:
    name = library.save(red(), intermediate=False)
    thumb = library.thumbnail(name)
    from impasto.nodes.types import IntegerOutput

    services.cache.put("sig", IntegerOutput(value=1))
    assert library.delete([name, new_name()]) == [name]
    assert not (library.files.folder / name).exists()
    assert not thumb.exists()
    assert services.cache.get("sig") is None
    with pytest.raises(NotFoundError):
        library.get(name)
    assert list(library.files.folder.iterdir()) == []


def test_clearing_intermediates_keeps_running_items_and_newer_images(library: ImageLibrary) -> None:
    final = library.save(red(), intermediate=False)
    old = library.for_run(1, None, None).save(red())
    running = library.for_run(2, None, None).save(red())
    newer = library.for_run(3, None, None).save(red())  # made after the clearing began
    cutoff = library.get(newer).created_at
    assert library.clear_intermediates(keep_item_ids=[2], before=cutoff) == 1
    left = set(library.names(ImageQuery(intermediate=None)))
    assert left == {final, running, newer}
    assert old not in left


def test_a_board_that_vanished_does_not_lose_a_generation(library: ImageLibrary) -> None:
    name = library.save(red(), intermediate=False, board_id="deleted-board")
    assert library.get(name).board_id is None


def test_crash_between_file_and_record_is_adopted_at_start_up(config: ImpastoConfig) -> None:
    services = build_services(config)
    board = services.boards.create("kept")
    library = services.images
    # The crash: the file was written (atomically, with its facts chunk) but the record never was.
    name = new_name()
    facts = ImageFacts(
        category=ImageCategory.MASK, intermediate=False, board_id=board.board_id, queue_item_id=7
    )
    chunks = {
        IMAGE_FACTS_CHUNK: facts.model_dump_json(),
        "impasto_metadata": '{"positive_prompt": "lost cat"}',
    }
    library.files.write(name, red((10, 20)), chunks)
    young = new_name()
    library.files.write(young, red(), {})  # a store in progress in another process: left alone
    age(library.files.folder / name)
    services.close()

    restarted = build_services(config)
    try:
        record = restarted.images.get(name)
        assert (record.category, record.board_id, record.queue_item_id) == ("mask", board.board_id, 7)
        assert (record.width, record.height, record.intermediate) == (10, 20, False)
        assert restarted.images.names(ImageQuery(search="lost cat")) == [name]
        with pytest.raises(NotFoundError):
            restarted.images.get(young)
    finally:
        restarted.close()


def test_check_finishes_deletes_and_quarantines_foreign_files(library: ImageLibrary, tmp_path: Path) -> None:
    doomed = library.save(red(), intermediate=False)
    library.files.trash(doomed)  # crash in the middle of a delete: file hidden, record still there
    folder = library.files.folder
    (folder / "holiday.jpg").write_bytes(b"not ours")
    (folder / f"{'a' * 32}.png").write_bytes(b"not a png")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    link = folder / f"{'b' * 32}.png"
    link.symlink_to(outside)
    temp = folder / ".tmp-abc.png"
    temp.write_bytes(b"half")
    for path in folder.iterdir():
        age(path)
    orphans = tmp_path / "orphans"

    report = check_consistency(library, orphans)
    assert report.finished_deletes == [doomed]
    assert sorted(report.moved_to_orphans) == sorted(["holiday.jpg", f"{'a' * 32}.png", f"{'b' * 32}.png"])
    assert report.removed_temp_files == 1
    assert not (folder / f"{TRASH_PREFIX}{doomed}").exists()
    assert sorted(p.name for p in orphans.iterdir()) == sorted(report.moved_to_orphans)
    assert outside.read_text() == "secret"  # the link moved, not its target
    assert list(folder.iterdir()) == []
    with pytest.raises(NotFoundError):
        library.get(doomed)
    assert check_consistency(library, orphans).clean


def test_records_without_files_are_removed_unless_the_folder_seems_gone(library: ImageLibrary) -> None:
    names = [library.save(red(), intermediate=False) for _ in range(3)]
    (library.files.folder / names[0]).unlink()
    report = check_consistency(library, library.files.folder.parent / "orphans")
    assert report.missing_files == [names[0]]
    assert report.repaired
    assert set(library.names(ImageQuery())) == set(names[1:])

    more = [library.save(red()) for _ in range(12)]
    for name in names[1:] + more:
        (library.files.folder / name).unlink()
    report = check_consistency(library, library.files.folder.parent / "orphans")
    assert len(report.missing_files) == 14
    assert not report.repaired
    assert len(library.names(ImageQuery(intermediate=None))) == 14  # nothing was removed


def test_report_only_mode_changes_nothing(library: ImageLibrary) -> None:
    name = new_name()
    library.files.write(name, red(), {})
    age(library.files.folder / name)
    report = check_consistency(library, library.files.folder.parent / "orphans", repair=False)
    assert report.adopted == [name]
    assert not report.repaired
    with pytest.raises(NotFoundError):
        library.get(name)


def test_file_store_alone_writes_adoptable_files(library: ImageLibrary) -> None:
    name = library.files.save(red(), node_id="x", intermediate=True, category="user")
    age(library.files.folder / name)
    check_consistency(library, library.files.folder.parent / "orphans")
    record = library.get(name)
    assert (record.intermediate, record.category, record.node_id) == (True, "user", "x")
