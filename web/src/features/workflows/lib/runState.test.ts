import { describe, expect, it } from "vitest";
import type { ServerEvent } from "@/api/events";
import {
  caughtUpRun,
  IDLE_RUN,
  openItems,
  reduceRun,
  refusedRun,
  runOngoing,
  runProgress,
  startedRun,
} from "./runState";

const events = (itemId: number): ServerEvent[] => [
  { type: "queue_item_status_changed", item_id: itemId, status: "in_progress" } as ServerEvent,
  { type: "node_started", item_id: itemId, node_id: "denoise", node_type: "denoise_latents", iteration: [] },
  {
    type: "node_progress",
    item_id: itemId,
    node_id: "denoise",
    node_type: "denoise_latents",
    percentage: 50,
    message: null,
    preview: null,
  },
  {
    type: "node_completed",
    item_id: itemId,
    node_id: "denoise",
    node_type: "denoise_latents",
    cached: false,
    iteration: [],
    output: {},
  },
  {
    type: "node_completed",
    item_id: itemId,
    node_id: "save",
    node_type: "save_image",
    cached: false,
    iteration: [],
    output: { image: { image_name: "abc.png" } },
  },
  { type: "queue_item_status_changed", item_id: itemId, status: "completed" } as ServerEvent,
];

describe("run state", () => {
  it("follows the nodes of its own item to the saved image", () => {
    const steps = events(7).map((_, n) =>
      events(7)
        .slice(0, n + 1)
        .reduce(reduceRun, startedRun([7])),
    );
    expect(steps[1]?.nodes.denoise?.status).toBe("running");
    expect(steps[2]?.nodes.denoise?.percentage).toBe(50);
    const done = steps[5];
    expect(done?.status).toBe("completed");
    expect(done?.nodes.denoise?.status).toBe("done");
    expect(done?.nodes.save).toEqual({ status: "done", image: "abc.png" });
  });

  it("ignores other items and anything before a run", () => {
    expect(events(8).reduce(reduceRun, startedRun([7]))).toEqual(startedRun([7]));
    expect(events(8).reduce(reduceRun, IDLE_RUN)).toBe(IDLE_RUN);
  });

  it("puts a failure on the failing node and the run", () => {
    const failed = reduceRun(startedRun([3]), {
      type: "node_failed",
      item_id: 3,
      node_id: "decode",
      node_type: "l2i",
      error_type: "ValueError",
      error_message: "latents are missing",
    });
    expect(failed.nodes.decode).toEqual({ status: "failed", error: "latents are missing" });
    expect(failed.error).toBe("latents are missing");
  });
});

describe("a run of several items", () => {
  it("follows every item, shows the last one's nodes and ends when all have ended", () => {
    const first = events(7).reduce(reduceRun, startedRun([7, 8]));
    expect(first.status).toBe("in_progress");
    expect(runProgress(first)).toEqual({ done: 1, total: 2 });
    expect(openItems(first)).toEqual([8]);
    const next = reduceRun(first, events(8)[1]!);
    expect(next.itemId).toBe(8);
    expect(next.nodes.denoise?.status).toBe("running");
    expect(next.nodes.save).toEqual({ status: "pending", image: "abc.png" });
    const done = events(8).reduce(reduceRun, first);
    expect(done.status).toBe("completed");
    expect(runProgress(done)).toEqual({ done: 2, total: 2 });
    expect(runOngoing(done)).toBe(false);
  });

  it("fails when one item failed, once all ended", () => {
    const failed = reduceRun(startedRun([1, 2]), {
      type: "queue_item_status_changed",
      item_id: 1,
      status: "failed",
      error_message: "boom",
    } as ServerEvent);
    expect(failed.status).toBe("in_progress");
    const ended = reduceRun(failed, {
      type: "queue_item_status_changed",
      item_id: 2,
      status: "completed",
    } as ServerEvent);
    expect(ended.status).toBe("failed");
    expect(ended.error).toBe("boom");
  });
});

describe("items canceled together", () => {
  it("takes the items canceled together as canceled", () => {
    const run = reduceRun(startedRun([1, 2]), {
      type: "queue_items_canceled",
      item_ids: [2, 1, 9],
      counts: {},
    } as never);
    expect(run.status).toBe("canceled");
    expect(runProgress(run)).toEqual({ done: 2, total: 2 });
    expect(reduceRun(IDLE_RUN, { type: "queue_items_canceled", item_ids: [1], counts: {} } as never)).toBe(IDLE_RUN);
  });
});

describe("refused runs", () => {
  it("puts each graph issue on its node", () => {
    const run = refusedRun("invalid graph: node 'model' needs a value for 'model' (and 2 more)", [
      { code: "missing_input", node_id: "model", field: "model", message: "node 'model' needs a value for 'model'" },
      { code: "invalid_value", node_id: "model", field: "x", message: "bad x" },
      { code: "cycle", node_id: null, field: null, message: "somewhere" },
    ]);
    expect(run.status).toBe("failed");
    expect(run.nodes).toEqual({ model: { status: "failed", error: "node 'model' needs a value for 'model'\nbad x" } });
    expect(run.error).toMatch(/^invalid graph/);
  });
});

describe("a run caught up from its queue item", () => {
  const item = (patch: Record<string, unknown>) => ({ item_id: 7, status: "completed", ...patch }) as never;

  it("takes the item's status and marks the nodes it has outputs of done, with their images", () => {
    const run = caughtUpRun(
      startedRun([7]),
      item({ result: { outputs: { save: { image: { image_name: "a.png" } }, n: [{ value: 1 }] } } }),
    );
    expect(run.status).toBe("completed");
    expect(run.nodes).toEqual({ save: { status: "done", image: "a.png" }, n: { status: "done", image: undefined } });
    expect(runOngoing(run)).toBe(false);
    expect(runOngoing(startedRun([7]))).toBe(true);
  });

  it("keeps the error of a failed item and ignores another item", () => {
    expect(caughtUpRun(startedRun([7]), item({ status: "failed", error_message: "out of memory" })).error).toBe(
      "out of memory",
    );
    expect(caughtUpRun(startedRun([8]), item({}))).toEqual(startedRun([8]));
  });
});
