"""Just-written images are served from memory, as independent copies, and forgotten when deleted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from impasto.errors import NotFoundError
from impasto.images.files import ImageFileStore


def test_a_just_written_image_loads_without_decoding_and_as_a_copy(tmp_path: Path) -> None:
    store = ImageFileStore(tmp_path)
    image = Image.new("RGB", (8, 8), (10, 20, 30))
    name = store.save(image)
    (tmp_path / name).write_bytes(b"not a png any more")  # only the memory copy can answer now
    first = store.load(name)
    assert first.getpixel((0, 0)) == (10, 20, 30)
    first.putpixel((0, 0), (0, 0, 0))
    image.putpixel((1, 1), (0, 0, 0))
    assert store.load(name).getpixel((0, 0)) == (10, 20, 30)
    assert store.load(name).getpixel((1, 1)) == (10, 20, 30)


def test_deleted_images_are_not_served_from_memory(tmp_path: Path) -> None:
    store = ImageFileStore(tmp_path)
    name = store.save(Image.new("RGB", (8, 8)))
    assert store.trash(name)
    with pytest.raises(NotFoundError):
        store.load(name)


def test_images_written_by_another_process_are_read_from_disk(tmp_path: Path) -> None:
    writer, reader = ImageFileStore(tmp_path), ImageFileStore(tmp_path)
    name = writer.save(Image.new("L", (4, 4), 200))
    assert reader.load(name).getpixel((0, 0)) == 200


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "P", "1"])
def test_a_memory_hit_is_what_a_read_of_the_file_gives(tmp_path: Path, mode: str) -> None:
    writer, reader = ImageFileStore(tmp_path), ImageFileStore(tmp_path)
    image = Image.radial_gradient("L").resize((16, 16)).convert(mode)
    name = writer.save(image, metadata={"seed": 7, "positive_prompt": "a cat"})
    hit, read = writer.load(name), reader.load(name)
    assert (hit.mode, hit.size, hit.info) == (read.mode, read.size, read.info)
    assert hit.tobytes() == read.tobytes()


def test_rewriting_a_name_replaces_its_memory_copy(tmp_path: Path) -> None:
    store = ImageFileStore(tmp_path)
    store.write("a" * 32 + ".png", Image.new("RGB", (4, 4), (1, 2, 3)), {})
    store.write("a" * 32 + ".png", Image.new("RGB", (4, 4), (9, 9, 9)), {})
    assert store.load("a" * 32 + ".png").getpixel((0, 0)) == (9, 9, 9)
    assert store._recent._bytes == 4 * 4 * 3


def test_images_with_a_transparent_colour_are_read_back_from_the_file(tmp_path: Path) -> None:
    writer, reader = ImageFileStore(tmp_path), ImageFileStore(tmp_path)
    image = Image.new("RGB", (4, 4), (0, 0, 0))
    image.info["transparency"] = (0, 0, 0)
    name = writer.save(image)
    assert writer.load(name).info.get("transparency") == reader.load(name).info.get("transparency")
