import { describe, expect, it } from "vitest";
import { attachmentName } from "./files";

describe("attachmentName", () => {
  it("reads the file name of a Content-Disposition header", () => {
    expect(attachmentName('attachment; filename="impasto-images-20260101.zip"', "x.zip")).toBe(
      "impasto-images-20260101.zip",
    );
    expect(attachmentName("attachment; filename=plain.zip", "x.zip")).toBe("plain.zip");
    expect(attachmentName(null, "x.zip")).toBe("x.zip");
  });
});
