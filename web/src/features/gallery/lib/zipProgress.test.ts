import { describe, expect, it } from "vitest";
import { zipNotice } from "./zipProgress";

const event = {
  type: "zip_progress" as const,
  timestamp: "2026-01-01T00:00:00Z",
  zip_id: "abc",
  done: 250,
  total: 1000,
  finished: false,
};

describe("zipNotice", () => {
  it("shows how far a large download is, and stays open", () => {
    expect(zipNotice(event)).toMatchObject({
      id: "zip-abc",
      title: "Preparing ZIP",
      message: "250 of 1000 images (25%)",
      loading: true,
      autoClose: false,
    });
  });

  it("turns the same notification into a closing 'ready' one", () => {
    const done = zipNotice({ ...event, done: 1000, finished: true });
    expect(done).toMatchObject({ id: "zip-abc", title: "ZIP ready", loading: false, autoClose: 4000 });
    expect(done.message).toContain("1000 images");
  });
});
