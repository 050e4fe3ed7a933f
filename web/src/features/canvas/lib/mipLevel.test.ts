import { describe, expect, it } from "vitest";
import { mipLevel } from "./mipLevel";

describe("mipLevel", () => {
  it("draws full resolution from 100 % up and halves per halving of the zoom, down to 1/8", () => {
    expect([2, 1, 0.9, 0.5, 0.3, 0.25, 0.12, 0.05].map(mipLevel)).toEqual([0, 0, 0, 1, 1, 2, 3, 3]);
  });
});
