/** Paging and rate-limit headers as GitLab and GitHub send them, and sealed secrets. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret, secretKey } from "../secret-box.js";
import { nextPageUrl, retryDelayMs } from "./http.js";

const answer = (url: string, headers: Record<string, string>) => ({
  body: [],
  url,
  headers: new Headers(headers),
});

describe("paging", () => {
  it("follows Link rel=next (GitHub, GitLab keyset) before X-Next-Page", () => {
    const link =
      '<https://api.github.com/repositories/1/issues?page=3>; rel="next", <https://api.github.com/repositories/1/issues?page=9>; rel="last"';
    expect(
      nextPageUrl(answer("https://api.github.com/repositories/1/issues?page=2", { link })),
    ).toBe("https://api.github.com/repositories/1/issues?page=3");
    expect(
      nextPageUrl(
        answer("https://gitlab.example.com/api/v4/projects/1/issues?per_page=100&page=1", {
          "x-next-page": "2",
        }),
      ),
    ).toBe("https://gitlab.example.com/api/v4/projects/1/issues?per_page=100&page=2");
  });

  it("stops on the last page: no next link, an empty X-Next-Page", () => {
    const last =
      '<https://api.github.com/x?page=1>; rel="first", <https://api.github.com/x?page=8>; rel="prev"';
    expect(nextPageUrl(answer("https://api.github.com/x?page=9", { link: last }))).toBeNull();
    expect(
      nextPageUrl(answer("https://gitlab.example.com/api/v4/x", { "x-next-page": "" })),
    ).toBeNull();
  });
});

describe("rate limits", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");
  it("reads Retry-After in seconds or as a date, and reset times in Unix seconds", () => {
    expect(retryDelayMs(new Headers({ "retry-after": "7" }), now)).toBe(7000);
    expect(retryDelayMs(new Headers({ "retry-after": "Tue, 01 Dec 2026 12:00:30 GMT" }), now)).toBe(
      30_000,
    );
    expect(retryDelayMs(new Headers({ "x-ratelimit-reset": String(now / 1000 + 60) }), now)).toBe(
      60_000,
    );
    expect(retryDelayMs(new Headers({}), now)).toBeNull();
  });
});

describe("sealed secrets", () => {
  const env = { OKR_SECRET_KEY: randomBytes(32).toString("hex") };
  it("opens only with the same key, for the same row", () => {
    const key = secretKey(env);
    const sealed = sealSecret("glpat-abc", "conn-1:token", key);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain("glpat");
    expect(openSecret(sealed, "conn-1:token", key)).toBe("glpat-abc");
    expect(() => openSecret(sealed, "conn-2:token", key)).toThrow(
      /does not open with OKR_SECRET_KEY/,
    );
    const other = secretKey({ OKR_SECRET_KEY: randomBytes(32).toString("base64") });
    expect(() => openSecret(sealed, "conn-1:token", other)).toThrow(/was the key changed\?/);
  });

  it("says how to set a missing or short key", () => {
    expect(() => secretKey({})).toThrow(/OKR_SECRET_KEY is not set.*openssl rand -hex 32/);
    expect(() => secretKey({ OKR_SECRET_KEY: "abcd" })).toThrow(
      "OKR_SECRET_KEY must be 32 bytes (64 hex characters or base64); it is 3 bytes",
    );
  });
});
