/** `okr serve` sign-in settings: a wrong one stops the start with one line naming it. */
import { describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import { resolvePasswordSignIn } from "./serve.js";

describe("okr serve sign-in settings", () => {
  it("password sign-in is on unless turned off by flag or variable", () => {
    expect(resolvePasswordSignIn(undefined, {})).toBe(true);
    expect(resolvePasswordSignIn(false, {})).toBe(false);
    expect(resolvePasswordSignIn(undefined, { OKR_PASSWORD_SIGN_IN: "off" })).toBe(false);
    expect(() => resolvePasswordSignIn(undefined, { OKR_PASSWORD_SIGN_IN: "maybe" })).toThrow(
      "OKR_PASSWORD_SIGN_IN must be on or off, got 'maybe'",
    );
  });

  it("refuses to start with no way to sign in", async () => {
    const run = await okr(["serve", "--port", "0", "--no-password-sign-in"]);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(
      /Password sign-in is off and single sign-on is not set up \(OKR_OIDC_ISSUER\): nobody could sign in/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("names a trusted proxy that is no address, and a single sign-on setting that is missing", async () => {
    const proxies = await okr(["serve", "--port", "0", "--trusted-proxies", "10.0.0.0/8,lb.local"]);
    expect(proxies.stderr).toMatch(
      /--trusted-proxies: 'lb.local' is not an IP address or CIDR range/,
    );
    const oidc = await okr(["serve", "--port", "0", "--oidc-issuer", "https://id.example.com"]);
    expect(oidc.stderr).toMatch(/set OKR_OIDC_CLIENT_ID and OKR_OIDC_CLIENT_SECRET too/);
    expect(oidc.exitCode).not.toBe(0);
  });
});
