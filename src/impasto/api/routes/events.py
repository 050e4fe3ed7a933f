"""The event stream (WebSocket) and the documentation of every event type."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field

from impasto.events import Event, event_types

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1", tags=["events"])

CLIENT_BUFFER = 1000
"""Events kept for a slow client; beyond that the oldest are dropped (progress is superseded anyway)."""


class EventTypeDoc(BaseModel):
    """One kind of event sent on the WebSocket."""

    type: str = Field(description="Value of the event's `type` field.")
    description: str = Field(description="When it is sent.")
    json_schema: dict[str, Any] = Field(description="JSON schema of the event.")


@router.get("/events/types", response_model=list[EventTypeDoc], summary="Every event the WebSocket sends")
def list_event_types() -> list[EventTypeDoc]:
    return [
        EventTypeDoc(
            type=type_id, description=(cls.__doc__ or "").strip(), json_schema=cls.model_json_schema()
        )
        for type_id, cls in event_types().items()
    ]


@router.websocket("/events")
async def event_stream(websocket: WebSocket) -> None:
    """Push every event as JSON. Optional query ``types=a,b`` limits the kinds sent."""
    services = websocket.app.state.services
    wanted = {t for t in websocket.query_params.get("types", "").split(",") if t}
    await websocket.accept()
    loop = asyncio.get_running_loop()
    buffer: asyncio.Queue[Event | None] = asyncio.Queue()

    def deliver(event: Event | None) -> None:
        if event is not None and wanted and event.type not in wanted:
            return
        with contextlib.suppress(RuntimeError):  # the loop is closing
            loop.call_soon_threadsafe(_offer, buffer, event)

    unsubscribe = services.events.subscribe(deliver)
    closers: set[Any] = websocket.app.state.event_stream_closers
    closers.add(deliver)
    try:
        await _pump(websocket, buffer)
    finally:
        closers.discard(deliver)
        unsubscribe()


def _offer(buffer: asyncio.Queue[Event | None], event: Event | None) -> None:
    if buffer.qsize() >= CLIENT_BUFFER:
        buffer.get_nowait()
    buffer.put_nowait(event)


async def _pump(websocket: WebSocket, buffer: asyncio.Queue[Event | None]) -> None:
    """Send events until the client leaves or the server stops (a ``None`` in the buffer)."""
    receiver = asyncio.create_task(_wait_for_disconnect(websocket))
    try:
        while True:
            getter = asyncio.create_task(buffer.get())
            done, _ = await asyncio.wait({getter, receiver}, return_when=asyncio.FIRST_COMPLETED)
            if receiver in done:
                getter.cancel()
                return
            event = getter.result()
            if event is None:
                await websocket.close(code=1001)
                return
            await websocket.send_text(event.model_dump_json())
    except (WebSocketDisconnect, RuntimeError):
        return
    finally:
        receiver.cancel()


async def _wait_for_disconnect(websocket: WebSocket) -> None:
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            await websocket.receive_text()
