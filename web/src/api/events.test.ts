import { describe, expect, it } from "vitest";
import { eventsUrl, parseEvent, reconnectDelay } from "./events";

describe("event stream helpers", () => {
  it("parses JSON events and ignores anything else", () => {
    expect(parseEvent('{"type":"queue_cleared","deleted":2}')).toMatchObject({ type: "queue_cleared", deleted: 2 });
    expect(parseEvent("not json")).toBeNull();
    expect(parseEvent('{"no_type":1}')).toBeNull();
    expect(parseEvent(new ArrayBuffer(2))).toBeNull();
  });

  it("backs off exponentially up to eight seconds", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it("uses wss behind https", () => {
    expect(eventsUrl({ protocol: "http:", host: "127.0.0.1:9090" })).toBe("ws://127.0.0.1:9090/api/v1/events");
    expect(eventsUrl({ protocol: "https:", host: "studio.example" })).toBe("wss://studio.example/api/v1/events");
  });
});
