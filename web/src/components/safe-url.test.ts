import { describe, expect, it } from "vitest";
import { safeUrl } from "./inline-markdown.js";

describe("links people write", () => {
  it("keep web, mail and same-site addresses", () => {
    expect(safeUrl("https://gitlab.com/x/-/issues/1")).toBe("https://gitlab.com/x/-/issues/1");
    expect(safeUrl("mailto:ops@example.com")).toBe("mailto:ops@example.com");
    expect(safeUrl("/periods/1")).toBe("/periods/1");
  });

  it("refuse script and other sites however the address is spelled", () => {
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("java\tscript:alert(1)")).toBeUndefined();
    expect(safeUrl("java\nscript:alert(1)")).toBeUndefined();
    expect(safeUrl("\u0001javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("//evil.example")).toBeUndefined();
    expect(safeUrl("/\\evil.example")).toBeUndefined();
    expect(safeUrl("\\\\evil.example")).toBeUndefined();
  });
});
