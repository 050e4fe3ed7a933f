import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, secondsBetween } from "./format";

describe("format", () => {
  it("formats sizes", () => {
    expect(formatBytes(null)).toBe("–");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(12_719_130)).toBe("12 MB");
    expect(formatBytes(7 * 1024 ** 3)).toBe("7.0 GB");
  });

  it("measures durations, running ones against now", () => {
    expect(secondsBetween("2026-01-01T00:00:00Z", "2026-01-01T00:00:02.5Z", 0)).toBe(2.5);
    expect(secondsBetween("2026-01-01T00:00:00Z", null, Date.parse("2026-01-01T00:01:00Z"))).toBe(60);
    expect(secondsBetween(null, null, 0)).toBeNull();
  });

  it("formats durations", () => {
    expect(formatDuration(null)).toBe("–");
    expect(formatDuration(1.234)).toBe("1.2 s");
    expect(formatDuration(42.4)).toBe("42 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatDuration(3725)).toBe("1 h 2 min");
  });
});
