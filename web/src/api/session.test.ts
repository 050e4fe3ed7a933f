import { describe, expect, it } from "vitest";
import { signInIfRefused, signInUrl } from "./session";

describe("signInUrl", () => {
  it("brings the user back to the page and query they were on", () => {
    expect(signInUrl("/queue", "?item=3")).toBe("/login?next=%2Fqueue%3Fitem%3D3");
  });
});

describe("signInIfRefused", () => {
  it("ignores every answer but 401", () => {
    expect(signInIfRefused(new Response(null, { status: 403 }))).toBe(false);
    expect(signInIfRefused(new Response(null, { status: 200 }))).toBe(false);
  });
});
