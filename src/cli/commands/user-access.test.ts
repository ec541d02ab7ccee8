/** `okr user disable|enable|delete` and `okr token list --all|revoke`, on every dialect. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";
import { resolveApiToken, signIn } from "../../app/auth.js";
import { depsOf } from "../../server/test-harness.js";
import { openDatabase } from "../../store/database.js";

describe.each(DIALECTS)(
  "okr user disable|enable|delete and okr token list --all (%s)",
  (dialect) => {
    let empty: EmptyDatabase;
    let url: string;
    let viewerToken = "";
    let valPassword = "";

    beforeAll(async () => {
      empty = await createEmptyDatabase(dialect);
      url = empty.url;
      const accounts: [string, string][] = [
        ["boss@example.com", "admin"],
        ["val@example.com", "viewer"],
      ];
      for (const [email, role] of accounts) {
        const added = await okr([
          "user",
          "add",
          "--email",
          email,
          "--name",
          email.split("@")[0] ?? email,
          "--role",
          role,
          "--database-url",
          url,
        ]);
        expect(added.exitCode).toBe(0);
        if (email.startsWith("val")) {
          valPassword = /Password \(shown once\): (\S+)/.exec(added.stdout)?.[1] ?? "";
        }
      }
      const created = await okr([
        "token",
        "create",
        "--user",
        "val@example.com",
        "--name",
        "CI",
        "--database-url",
        url,
      ]);
      viewerToken = created.stdout.trim();
    });
    afterAll(async () => {
      await empty?.drop();
    });

    async function tokenWorks(secret: string): Promise<boolean> {
      const opened = await openDatabase(url, { migrate: false });
      try {
        return (await resolveApiToken(depsOf(opened), secret)) !== undefined;
      } finally {
        await opened.close();
      }
    }

    it("disables a user, whose token stops, and enables them again, whose token works again", async () => {
      expect(await tokenWorks(viewerToken)).toBe(true);
      const disabled = await okr(["user", "disable", "VAL@example.com", "--database-url", url]);
      expect(disabled).toMatchObject({ exitCode: 0 });
      expect(disabled.stdout).toMatch(/^val@example.com is disabled \(since 20\d\d-/);
      expect(await tokenWorks(viewerToken)).toBe(false);
      expect((await okr(["user", "list", "--database-url", url])).stdout).toMatch(
        /val@example.com\tviewer\t\tdisabled\tval/,
      );
      expect((await okr(["user", "enable", "val@example.com", "--database-url", url])).stdout).toBe(
        "val@example.com is enabled\n",
      );
      expect(await tokenWorks(viewerToken)).toBe(true);
    });

    it("refuses to disable or delete the last admin who can sign in, saying why", async () => {
      for (const command of ["disable", "delete"]) {
        const refused = await okr(["user", command, "boss@example.com", "--database-url", url]);
        expect(refused.exitCode).not.toBe(0);
        expect(refused.stderr).toMatch(/last admin who can sign in/);
        expect(refused.stderr).not.toMatch(/\n\s+at /);
      }
      const unknown = await okr(["user", "disable", "nobody@example.com", "--database-url", url]);
      expect(unknown.exitCode).not.toBe(0);
      expect(unknown.stderr).toMatch(/No user with email nobody@example.com/);
    });

    it("lists every user's tokens with their owner, and revokes one", async () => {
      await okr([
        "token",
        "create",
        "--user",
        "boss@example.com",
        "--name",
        "backup",
        "--database-url",
        url,
      ]);
      const listed = await okr(["token", "list", "--all", "--database-url", url]);
      const lines = listed.stdout.trim().split("\n");
      expect(lines.map((line) => line.split("\t").slice(1, 5))).toEqual([
        ["boss@example.com", expect.stringMatching(/^okr_.{6}…$/), "backup", "active"],
        ["val@example.com", expect.stringMatching(/^okr_.{6}…$/), "CI", "active"],
      ]);
      const both = await okr([
        "token",
        "list",
        "--all",
        "--user",
        "val@example.com",
        "--database-url",
        url,
      ]);
      expect(both.stderr).toMatch(/--user <email> or --all, not both/);
      const id = lines[1]?.split("\t")[0] ?? "";
      expect((await okr(["token", "revoke", id, "--database-url", url])).stdout).toBe(
        `Revoked ${id} 'CI'\n`,
      );
      expect(await tokenWorks(viewerToken)).toBe(false);
    });

    it("signs a user out on every device", async () => {
      const opened = await openDatabase(url, { migrate: false });
      try {
        const deps = depsOf(opened);
        for (let i = 0; i < 2; i++) {
          await signIn(deps, { email: "val@example.com", password: valPassword });
        }
      } finally {
        await opened.close();
      }
      const out = await okr(["user", "sign-out", "val@example.com", "--database-url", url]);
      expect(out.stdout).toBe("Signed val@example.com out of 2 sessions\n");
      const again = await okr(["user", "sign-out", "val@example.com", "--database-url", url]);
      expect(again.stdout).toBe("Signed val@example.com out of 0 sessions\n");
    });

    it("deletes a user with their tokens", async () => {
      expect((await okr(["user", "delete", "val@example.com", "--database-url", url])).stdout).toBe(
        "Deleted val@example.com\n",
      );
      const listed = await okr(["token", "list", "--json", "--database-url", url]);
      expect(JSON.parse(listed.stdout).map((t: { userEmail: string }) => t.userEmail)).toEqual([
        "boss@example.com",
      ]);
    });
  },
);
