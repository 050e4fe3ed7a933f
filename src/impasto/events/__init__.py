"""Typed events and the in-process bus that carries them to the WebSocket and other listeners."""

from impasto.events.bus import Event, EventBus, event_types, register_event

__all__ = ["Event", "EventBus", "event_types", "register_event"]
