import { describe, expect, it } from "vitest";
import { ApiError, fieldProblems, normaliseFieldPath } from "./errors";

describe("ApiError.fromBody", () => {
  it("keeps the server's code, message and details", () => {
    const error = ApiError.fromBody(422, { code: "invalid_request", message: "bad", details: [1] });
    expect(error).toMatchObject({ status: 422, code: "invalid_request", message: "bad", details: [1] });
  });

  it("describes bodies of another shape by their status", () => {
    const error = ApiError.fromBody(502, "<html>bad gateway</html>");
    expect(error.code).toBe("http_502");
    expect(error.message).toContain("502");
  });
});

describe("fieldProblems", () => {
  it("maps pydantic locations below the body to dotted fields", () => {
    const error = new ApiError(422, "invalid_request", "invalid request: body.width: too small", [
      { loc: ["body", "width"], message: "Input should be greater than or equal to 8" },
      { loc: ["body", "loras", 0, "weight"], message: "Input should be less than or equal to 10" },
    ]);
    expect(fieldProblems(error)).toEqual({
      fields: {
        width: "Input should be greater than or equal to 8",
        "loras.0.weight": "Input should be less than or equal to 10",
      },
      general: null,
    });
  });

  it("maps details.field and drops the repeated field prefix", () => {
    const error = new ApiError(422, "invalid_input", "controlnets[1].begin: begin (0.8) is after end (0.2)", {
      field: "controlnets[1].begin",
    });
    expect(fieldProblems(error).fields).toEqual({ "controlnets.1.begin": "begin (0.8) is after end (0.2)" });
  });

  it("falls back to a general message", () => {
    expect(fieldProblems(new ApiError(500, "internal_error", "internal error: KeyError"))).toEqual({
      fields: {},
      general: "internal error: KeyError",
    });
    expect(fieldProblems(new TypeError("Failed to fetch")).general).toBe("Failed to fetch");
  });
});

describe("normaliseFieldPath", () => {
  it("turns indices into path segments", () => {
    expect(normaliseFieldPath("t2i_adapters[0].model")).toBe("t2i_adapters.0.model");
    expect(normaliseFieldPath("refiner.start")).toBe("refiner.start");
  });
});
