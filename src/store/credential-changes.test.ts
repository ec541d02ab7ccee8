/** Which writes can change a credential, and how SQLite sees other processes' commits. */
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import { CredentialWatch, credentialEpoch } from "./credential-changes.js";
import { openDatabase } from "./database.js";

describe("writes that can change a credential", () => {
  const watch = new CredentialWatch();

  it("are any write to an account, and a token's or session's end, owner or secret", () => {
    for (const text of [
      'insert into "users" ("id", "email") values ($1, $2)',
      'update "users" set "role" = $1 where "id" = $2',
      'delete from "users" where "id" = $1',
      'update "api_tokens" set "revoked_at" = ? where "id" = ? and "revoked_at" is null',
      'update "api_tokens" set "last_used_at" = $1, "expires_at" = $2 where "id" = $3',
      'delete from "sessions" where "user_id" = $1',
      'update "sessions" set "csrf_token" = $1 where "id" = $2',
      'delete from "people" where "id" = $1',
      "truncate table users",
      'with "gone" as (delete from "sessions" where "user_id" = $1 returning "id") select count(*) from "gone"',
    ]) {
      expect(watch.writes(text), text).toBe(true);
    }
  });

  it("are not a token's last use, a session sliding forward, a person renamed, nor a read", () => {
    for (const text of [
      'update "api_tokens" set "last_used_at" = $1 where "id" = $2',
      'update "sessions" set "expires_at" = $1, "last_seen_at" = $2 where "id" = $3',
      'update "people" set "name" = $1, "updated_at" = $2 where "id" = $3',
      'select * from "users" where "id" = $1',
      'insert into "check_ins" ("id") values ($1)',
      'update "key_results" set "version" = "version" + 1',
      'insert into "read_versions" ("scope", "version") values ($1, 1) on conflict ("scope") do update set "version" = 2',
      'select * from "key_results" where "id" = $1 for update',
    ]) {
      expect(watch.writes(text), text).toBe(false);
    }
  });

  it("keeps nothing on SQLite unless asked to watch, and then steps on another's commit only", async () => {
    const watching = await openTestDatabase("sqlite");
    const plain = await openDatabase(watching.url);
    try {
      expect(credentialEpoch(plain.db)).toBeNull();
      const first = credentialEpoch(watching.db);
      expect(first).not.toBeNull();
      // Its own writes elsewhere change nothing it keeps.
      await watching.db.insertInto("read_versions").values({ scope: "own", version: 1 }).execute();
      expect(credentialEpoch(watching.db)).toBe(first);
      // Any commit by another connection to the file may have changed a credential.
      await plain.db.insertInto("read_versions").values({ scope: "other", version: 1 }).execute();
      const second = credentialEpoch(watching.db);
      expect(second).not.toBe(first);
      expect(credentialEpoch(watching.db)).toBe(second);
    } finally {
      await plain.close();
      await watching.close();
    }
  });
});
