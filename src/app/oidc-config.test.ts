import { describe, expect, it } from "vitest";
import { oidcSettingsFromEnv, resolveOidcConfig } from "./oidc-config.js";

describe("single sign-on settings", () => {
  it("are off without an issuer, and read every variable when it is set", () => {
    expect(resolveOidcConfig(oidcSettingsFromEnv({}))).toBeNull();
    expect(
      resolveOidcConfig(
        oidcSettingsFromEnv({
          OKR_OIDC_ISSUER: "https://login.example.com/",
          OKR_OIDC_CLIENT_ID: "okr",
          OKR_OIDC_CLIENT_SECRET: "s3cret",
          OKR_OIDC_DEFAULT_ROLE: "Editor",
          OKR_OIDC_EMAIL_DOMAIN: "example.com, @Example.org",
        }),
      ),
    ).toEqual({
      issuer: "https://login.example.com",
      clientId: "okr",
      clientSecret: "s3cret",
      name: "login.example.com",
      defaultRole: "editor",
      emailDomains: ["example.com", "example.org"],
      publicUrl: null,
    });
  });

  it("name the setting that is wrong", () => {
    const base = { issuer: "https://id.example.com", clientId: "a", clientSecret: "b" };
    expect(() => resolveOidcConfig({ issuer: "https://id.example.com" })).toThrow(
      "OKR_OIDC_ISSUER is set: set OKR_OIDC_CLIENT_ID and OKR_OIDC_CLIENT_SECRET too",
    );
    expect(() => resolveOidcConfig({ ...base, issuer: "id.example.com" })).toThrow(
      "OKR_OIDC_ISSUER must be a URL, got 'id.example.com'",
    );
    expect(() => resolveOidcConfig({ ...base, issuer: "http://id.example.com" })).toThrow(
      /OKR_OIDC_ISSUER must use https \(plain http only for localhost\)/,
    );
    expect(resolveOidcConfig({ ...base, issuer: "http://localhost:9000" })?.issuer).toBe(
      "http://localhost:9000",
    );
    expect(() => resolveOidcConfig({ ...base, defaultRole: "owner" })).toThrow(
      "OKR_OIDC_DEFAULT_ROLE must be viewer, editor or admin, got 'owner'",
    );
    expect(() => resolveOidcConfig({ ...base, emailDomain: "example" })).toThrow(
      "OKR_OIDC_EMAIL_DOMAIN: 'example' is not a domain name (e.g. example.com)",
    );
  });
});
