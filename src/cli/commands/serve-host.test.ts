import { describe, expect, it } from "vitest";
import { resolveHost } from "./serve.js";

describe("okr serve --host", () => {
  it("listens on all interfaces unless --host or HOST says otherwise; the flag wins", () => {
    expect(resolveHost(undefined, {})).toBeUndefined();
    expect(resolveHost(undefined, { HOST: "127.0.0.1" })).toBe("127.0.0.1");
    expect(resolveHost("::1", { HOST: "127.0.0.1" })).toBe("::1");
    expect(resolveHost(" okr.internal ", {})).toBe("okr.internal");
    expect(resolveHost("0.0.0.0", {})).toBe("0.0.0.0");
  });

  it("refuses what is no address, naming where it came from", () => {
    expect(() => resolveHost("local host", {})).toThrow(
      expect.objectContaining({
        code: "invalid_config",
        message: expect.stringContaining("--host"),
      }),
    );
    expect(() => resolveHost(undefined, { HOST: "http://x" })).toThrow(
      expect.objectContaining({ code: "invalid_config", message: expect.stringContaining("HOST") }),
    );
  });
});
