import { describe, expect, it } from "vitest";
import { canCancel, canRetry, finishedCount } from "./status";

describe("queue item commands", () => {
  it("cancels waiting and running items only", () => {
    expect(["pending", "in_progress", "completed", "failed", "canceled"].map((s) => canCancel(s as never))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("retries failed and canceled items only", () => {
    expect(["pending", "in_progress", "completed", "failed", "canceled"].map((s) => canRetry(s as never))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it("counts finished items", () => {
    expect(finishedCount({ pending: 1, in_progress: 1, completed: 3, failed: 2, canceled: 1, total: 8 })).toBe(6);
  });
});
