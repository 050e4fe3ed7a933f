import { describe, expect, it } from "vitest";
import type { Schemas } from "@/api/client";
import { isActive, jobPercent, upsertJob } from "./jobs";

function job(id: string, state: Schemas["JobState"] = "downloading"): Schemas["InstallJob"] {
  return {
    id,
    source: "/m",
    source_type: "path",
    state,
    request: { source: "/m", inplace: false },
    bytes_done: 0,
    percentage: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

describe("install jobs", () => {
  it("replaces a known job in place and puts new ones first", () => {
    const list = [job("b"), job("a")];
    expect(upsertJob(list, job("a", "completed")).map((j) => [j.id, j.state])).toEqual([
      ["b", "downloading"],
      ["a", "completed"],
    ]);
    expect(upsertJob(list, job("c")).map((j) => j.id)).toEqual(["c", "b", "a"]);
    expect(upsertJob(undefined, job("c")).map((j) => j.id)).toEqual(["c"]);
  });

  it("ignores a copy older than the one it holds", () => {
    const done = { ...job("a", "completed"), updated_at: "2026-01-01T00:00:05Z" };
    const stale = { ...job("a", "waiting"), updated_at: "2026-01-01T00:00:01Z" };
    expect(upsertJob([done], stale)).toEqual([done]);
    expect(upsertJob([stale], done)).toEqual([done]);
  });

  it("tells running jobs from finished ones", () => {
    expect(isActive(job("a", "waiting"))).toBe(true);
    expect(isActive(job("a", "error"))).toBe(false);
  });

  it("computes progress from the percentage or the bytes", () => {
    expect(jobPercent({ ...job("a"), percentage: 42 })).toBe(42);
    expect(jobPercent({ ...job("a"), bytes_done: 50, bytes_total: 200 })).toBe(25);
    expect(jobPercent(job("a"))).toBeNull();
    expect(jobPercent(job("a", "completed"))).toBe(100);
  });
});
