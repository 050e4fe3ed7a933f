import { describe, expect, it } from "vitest";
import type { ServerEvent } from "./events";
import { keysToInvalidate } from "./invalidation";

const timestamp = "2026-01-01T00:00:00Z";
const counts = { pending: 0, in_progress: 0, completed: 0, failed: 0, canceled: 0, total: 0 };
const image = {
  image_name: "0123456789abcdef0123456789abcdef.png",
  width: 64,
  height: 64,
  file_size: 1,
  created_at: timestamp,
  updated_at: timestamp,
  origin: "generated" as const,
  category: "general" as const,
  intermediate: false,
  starred: false,
  has_workflow: false,
};

function keys(event: ServerEvent): string[] {
  return keysToInvalidate(event).map((key) => key.join("/"));
}

describe("keysToInvalidate", () => {
  it("refreshes the queue on every queue change", () => {
    const status: ServerEvent = {
      type: "queue_item_status_changed",
      timestamp,
      item_id: 1,
      batch_id: "b",
      status: "completed",
      error_type: null,
      error_message: null,
      counts,
    };
    expect(keys(status)).toEqual(["queue"]);
    expect(keys({ type: "worker_status_changed", timestamp, worker_id: "w", paused: true })).toEqual(["queue"]);
  });

  it("refreshes image lists and board counts for a new gallery image, not for intermediates", () => {
    expect(keys({ type: "image_added", timestamp, image })).toEqual(["images/names", "images/page", "boards"]);
    expect(keys({ type: "image_added", timestamp, image: { ...image, intermediate: true } })).toEqual([]);
  });

  it("refreshes images and boards when images change or go", () => {
    expect(keys({ type: "images_updated", timestamp, images: [image] })).toEqual(["images", "boards"]);
    expect(
      keys({ type: "images_deleted", timestamp, image_names: [image.image_name], intermediates_cleared: false }),
    ).toEqual(["images", "boards"]);
  });

  it("refreshes images too when a board is deleted (its images moved or went)", () => {
    expect(keys({ type: "board_changed", timestamp, board_id: "x", action: "updated", board: null })).toEqual([
      "boards",
    ]);
    expect(keys({ type: "board_changed", timestamp, board_id: "x", action: "deleted", board: null })).toEqual([
      "boards",
      "images",
    ]);
  });

  it("refreshes models when records change or an install completes", () => {
    expect(keys({ type: "model_record_changed", timestamp, key: "k", name: "n", action: "added" })).toEqual([
      "models/list",
      "models/starters",
    ]);
    const job = {
      id: "j",
      source: "/m",
      source_type: "path" as const,
      state: "downloading" as const,
      request: { source: "/m", inplace: false },
      bytes_done: 0,
      percentage: null,
      created_at: timestamp,
      updated_at: timestamp,
    };
    expect(keys({ type: "install_job_changed", timestamp, job })).toEqual([]);
    expect(keys({ type: "install_job_changed", timestamp, job: { ...job, state: "completed" } })).toEqual([
      "models/list",
      "models/starters",
    ]);
  });

  it("leaves caches alone for progress events", () => {
    const progress: ServerEvent = {
      type: "node_progress",
      timestamp,
      item_id: 3,
      node_id: "denoise",
      node_type: "denoise_latents",
      percentage: 50,
      message: null,
      preview: null,
    };
    expect(keys(progress)).toEqual([]);
  });
});
