"""The CLI against a running server (``--server URL``): generate and the queue commands.

Everything runs on the server, so its queue, gallery and models are used and the jobs show in its web UI;
the CLI uploads local image files (``--init``, region masks, reference images) first, follows the
denoising progress on the event stream, and downloads the finished PNGs (to ``-o``, or the current folder
under their gallery names).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, TaskID

from impasto.cli_output import DENOISE_NODES, deliver_bytes, progress_bar
from impasto.errors import InvalidInputError
from impasto.remote import EventStream, RemoteStudio

ServerOption = Annotated[
    str | None,
    typer.Option(
        "--server",
        envvar="IMPASTO_URL",
        help="Send the work to a running server at this URL instead of running it here ($IMPASTO_URL).",
        show_default=False,
    ),
]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="IMPASTO_TOKEN",
        help="Access token of that server, when it asks for one ($IMPASTO_TOKEN).",
        show_default=False,
    ),
]
FINISHED = frozenset({"completed", "failed", "canceled"})
POLL_S = 0.5


def studio(server: str, token: str | None) -> RemoteStudio:
    return RemoteStudio.at(server, token)


def generate_remote(remote: RemoteStudio, fields: dict[str, Any], output: Path | None) -> list[Path]:
    """Enqueue on the server, follow progress, download the images; stdout lists each file and seed.
    ``fields``: the request, its images already on the server (see :func:`remote_image`)."""
    request = {name: value for name, value in fields.items() if value is not None}
    with remote.events(["node_progress", "queue_item_status_changed"]) as stream:
        started = remote.call("POST", "/api/v1/generate", json=request)
        outcome = _follow(remote, stream, started["item_ids"], started["seeds"])
    written: list[Path] = []
    try:
        for number, item_id in enumerate(started["item_ids"], start=1):
            if outcome[item_id] == "completed":
                written.append(_download(remote, item_id, output, number, len(started["item_ids"])))
    finally:
        seeds = dict(zip(started["item_ids"], started["seeds"], strict=True))
        done = [item_id for item_id in started["item_ids"] if outcome[item_id] == "completed"]
        sys.stdout.write(
            "".join(f"{path}\tseed {seeds[i]}\n" for path, i in zip(written, done, strict=False))
        )
    _raise_for_failures(remote, outcome)
    return written


def remote_image(remote: RemoteStudio, value: str) -> str:
    """A local file is uploaded to the server's gallery; anything else names an image stored there."""
    path = Path(value).expanduser()
    if not path.is_file():
        return value
    with path.open("rb") as file:
        record = remote.call(
            "POST", "/api/v1/images/upload", files={"file": (path.name, file)}, data={"category": "user"}
        )
    return str(record["image_name"])


def _follow(
    remote: RemoteStudio, stream: EventStream | None, item_ids: list[int], seeds: list[int]
) -> dict[int, str]:
    """Wait until every item finished, moving a bar per item; the final state of each."""
    states: dict[int, str] = {}
    with progress_bar() as bar:
        tasks = {
            item_id: bar.add_task(f"image {n}/{len(item_ids)} (seed {seed})", total=100)
            for n, (item_id, seed) in enumerate(zip(item_ids, seeds, strict=True), start=1)
        }
        next_poll = 0.0
        while len(states) < len(item_ids):
            event = stream.next(POLL_S) if stream is not None else _no_event(POLL_S)
            if event is not None:
                _apply(event, tasks, states, bar)
            if time.monotonic() >= next_poll:  # events may be missed; the item's record is the truth
                next_poll = time.monotonic() + 2.0
                _poll(remote, [i for i in item_ids if i not in states], states)
    return states


def _apply(event: dict[str, Any], tasks: dict[int, TaskID], states: dict[int, str], bar: Progress) -> None:
    item_id = event.get("item_id")
    if item_id not in tasks:
        return
    if event["type"] == "node_progress" and event.get("node_type") in DENOISE_NODES:
        bar.update(tasks[item_id], completed=event.get("percentage") or 0)
    elif event["type"] == "queue_item_status_changed" and event["status"] in FINISHED:
        states[item_id] = event["status"]
        bar.update(tasks[item_id], completed=100)


def _poll(remote: RemoteStudio, item_ids: list[int], states: dict[int, str]) -> None:
    for item_id in item_ids:
        status = remote.call("GET", f"/api/v1/queue/items/{item_id}")["status"]
        if status in FINISHED:
            states[item_id] = status


def _no_event(seconds: float) -> dict[str, Any] | None:
    """Without an event stream: wait as long as a stream would have, then poll."""
    time.sleep(seconds)
    return None


def _download(remote: RemoteStudio, item_id: int, output: Path | None, number: int, total: int) -> Path:
    item = remote.call("GET", f"/api/v1/queue/items/{item_id}")
    name = item["result"]["outputs"]["save"]["image"]["image_name"]
    data = remote.send("GET", f"/api/v1/images/{name}/full").content
    return deliver_bytes(data, name, output or Path.cwd(), number, total)


def _raise_for_failures(remote: RemoteStudio, outcome: dict[int, str]) -> None:
    failed = [item_id for item_id, state in outcome.items() if state != "completed"]
    if not failed:
        return
    item = remote.call("GET", f"/api/v1/queue/items/{failed[0]}")
    reason = (
        f"{item.get('error_type')}: {item.get('error_message')}" if item["status"] == "failed" else "canceled"
    )
    raise InvalidInputError(
        f"{len(failed)} of {len(outcome)} image(s) were not made (item {failed[0]}: {reason})"
    )


# --- Queue commands ---------------------------------------------------------------------------------
def queue_list_remote(remote: RemoteStudio, statuses: list[str], limit: int) -> dict[str, Any]:
    params: list[tuple[str, str | int | bool]] = [("limit", limit), ("newest_first", True)]
    params += [("status", status) for status in statuses]
    page: dict[str, Any] = remote.call("GET", "/api/v1/queue/items", params=params)
    return page


def queue_cancel_remote(
    remote: RemoteStudio, item_ids: list[int] | None, batch: str | None, all_items: bool
) -> list[int]:
    if all_items:
        answer = remote.call("POST", "/api/v1/queue/cancel_all")
    elif batch is not None:
        answer = remote.call("POST", f"/api/v1/queue/batches/{batch}/cancel")
    else:
        answer = remote.call("POST", "/api/v1/queue/cancel", json={"item_ids": item_ids})
    canceled: list[int] = answer["canceled"]
    return canceled


def queue_retry_remote(remote: RemoteStudio, item_ids: list[int]) -> list[int]:
    retried: list[int] = remote.call("POST", "/api/v1/queue/retry", json={"item_ids": item_ids})["retried"]
    return retried
