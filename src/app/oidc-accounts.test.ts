/** Who a single sign-on becomes, on every dialect: matched by verified email, or made once. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { SIGN_ON_PROBLEMS } from "../core/sign-on-problems.js";
import { depsOf } from "../server/test-harness.js";
import type { OpenedDatabase } from "../store/database.js";
import { disableUser } from "./account-access.js";
import { createUser } from "./accounts.js";
import { listAudit } from "./audit.js";
import { type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import type { OidcConfig } from "./oidc-config.js";
import { accountOf, finishOidcSignIn } from "./oidc-sign-in.js";

const CONFIG: OidcConfig = {
  issuer: "https://id.example.com",
  clientId: "okr",
  clientSecret: "secret",
  name: "Example ID",
  defaultRole: "editor",
  emailDomains: ["example.com"],
  publicUrl: null,
};

describe.each(DIALECTS)("single sign-on accounts (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let deps: AppDeps;
  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    deps = depsOf(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("makes an account with the default role at the first sign-on, and finds it after", async () => {
    const made = await accountOf(deps, CONFIG, {
      email: "Ines.Ortiz@Example.com",
      email_verified: true,
      name: "Inés Ortiz",
    });
    expect(made).toMatchObject({
      email: "ines.ortiz@example.com",
      name: "Inés Ortiz",
      role: "editor",
      insider: false,
      disabledAt: null,
    });
    const again = await accountOf(deps, CONFIG, {
      email: "ines.ortiz@example.com",
      email_verified: "true",
    });
    expect(again.id).toBe(made.id);
    const events = await listAudit(deps, SYSTEM_ACTOR, { entityId: made.id });
    expect(events.map((e) => [e.actorName, e.action])).toEqual([["single sign-on", "create"]]);
  });

  it("matches an existing account by email and keeps its role", async () => {
    const admin = await createUser(deps, SYSTEM_ACTOR, {
      email: "root@example.com",
      name: "Root",
      role: "admin",
      password: "a password for root",
    });
    const found = await accountOf(deps, CONFIG, {
      email: "ROOT@example.com",
      email_verified: true,
    });
    expect(found).toMatchObject({ id: admin.id, role: "admin" });
  });

  it("refuses an unverified or missing email, another domain, and a disabled account", async () => {
    const problem = (claims: Record<string, unknown>) =>
      accountOf(deps, CONFIG, claims).then(
        () => "signed on",
        (error: { details?: { problem?: string } }) => error.details?.problem,
      );
    expect(await problem({ email: "uma@example.com", email_verified: false })).toBe(
      "email_unverified",
    );
    expect(await problem({ email: "uma@example.com" })).toBe("email_unverified");
    expect(await problem({ email_verified: true })).toBe("email_missing");
    expect(await problem({ email: "olga@example.org", email_verified: true })).toBe("email_domain");
    expect(await problem({ email: "olga@sub.example.com", email_verified: true })).toBe(
      "email_domain",
    );
    const dora = await createUser(deps, SYSTEM_ACTOR, {
      email: "dora@example.com",
      name: "Dora",
      password: "a password for dora",
    });
    await disableUser(deps, SYSTEM_ACTOR, dora.id);
    expect(await problem({ email: "dora@example.com", email_verified: true })).toBe(
      "account_disabled",
    );
  });

  it("refuses a callback with no sign-in started in this browser, before asking the provider", async () => {
    await expect(
      finishOidcSignIn(deps, CONFIG, undefined, new URL("http://localhost/cb?code=x&state=y")),
    ).rejects.toMatchObject({ message: SIGN_ON_PROBLEMS.expired });
    await expect(
      finishOidcSignIn(deps, CONFIG, "unknown", new URL("http://localhost/cb?code=x&state=y")),
    ).rejects.toMatchObject({ message: SIGN_ON_PROBLEMS.expired });
  });
});
