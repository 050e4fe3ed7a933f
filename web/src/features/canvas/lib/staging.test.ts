import { describe, expect, it } from "vitest";
import { discardAt, dropItem, EMPTY_STAGING, resolveResult, shownResult, stagePending, stepStaging } from "./staging";

const box = { x: 0, y: 0, width: 64, height: 64 };

describe("staging", () => {
  it("stacks queued items and fills them in as images arrive", () => {
    let staging = stagePending(EMPTY_STAGING, [1, 2], box);
    staging = stagePending(staging, [3], { ...box, x: 64 });
    staging = resolveResult(staging, 2, "b.png");
    expect(staging.results.map((result) => result.status)).toEqual(["pending", "done", "pending"]);
    expect(resolveResult(staging, 2, "again.png")).toBe(staging);
    expect(resolveResult(staging, 9, "x.png")).toBe(staging);
  });

  it("steps around, discards and drops failed items", () => {
    let staging = stagePending(EMPTY_STAGING, [1, 2, 3], box);
    staging = stepStaging(staging, -1);
    expect(shownResult(staging)?.itemId).toBe(3);
    staging = discardAt(staging, 2);
    expect(shownResult(staging)?.itemId).toBe(2);
    staging = dropItem(staging, 1);
    expect(staging.results.map((result) => result.itemId)).toEqual([2]);
    expect(shownResult(discardAt(staging, 0))).toBeNull();
  });
});
