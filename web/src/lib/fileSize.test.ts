import { describe, expect, it } from "vitest";
import { fileSize as portalFileSize } from "../portal/format";
import { fileSize } from "./fileSize";

describe("fileSize", () => {
  it.each([
    [0, "0 B"],
    [14, "14 B"], // was «1 KB» on the staff side (rounded up to at least 1 KB)
    [1023, "1023 B"],
    [1024, "1 KB"],
    [1434, "1.4 KB"],
    [20_480, "20 KB"],
    [1_048_575, "1024 KB"],
    [2_621_440, "2.5 MB"],
    [3_145_728, "3 MB"],
  ])("%i bytes read «%s»", (bytes, text) => {
    expect(fileSize(bytes)).toBe(text);
  });

  it("the portal reads a size as the staff app does", () => {
    expect(portalFileSize).toBe(fileSize);
  });
});
