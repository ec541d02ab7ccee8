/**
 * Two people edit the same key result from the version they both saw: one wins, the other
 * gets 409 `version_conflict` with the item as it is now, and nothing is silently overwritten.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestServer, readJson, type TestServer } from "../../src/server/test-harness.js";
import type { OpenedDatabase } from "../../src/store/database.js";
import { DIALECTS, openTestDatabase } from "../support/databases.js";

/** The item out of an answer that may wrap it (`{keyResult}`) or be it. */
function itemOf(body: Record<string, unknown>): Record<string, unknown> {
  return (body.keyResult ?? body.objective ?? body) as Record<string, unknown>;
}

describe.each(DIALECTS)("two people editing one key result (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let keyResultId: string;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    const admin = server.accounts.admin.token;
    const period = await readJson(
      await server.call(admin, "POST", "/api/periods", { label: "2024-Q1" }),
    );
    const objective = itemOf(
      await readJson(
        await server.call(admin, "POST", "/api/objectives", {
          periodId: period.id ?? period.period?.id,
          title: "Grow",
        }),
      ),
    );
    const kr = itemOf(
      await readJson(
        await server.call(admin, "POST", "/api/key-results", {
          objectiveId: objective.id,
          title: "Raise MR Rate from 8 to 10",
          kind: "metric",
          start: 8,
          target: 10,
        }),
      ),
    );
    keyResultId = String(kr.id);
  });

  afterAll(async () => {
    await opened?.close();
  });

  async function current(): Promise<Record<string, unknown>> {
    const answer = await server.call(
      server.accounts.admin.token,
      "GET",
      `/api/key-results/${keyResultId}`,
    );
    expect(answer.status).toBe(200);
    return itemOf(await readJson(answer));
  }

  it("lets the first write win and answers the second with 409 and the current item", async () => {
    const before = await current();
    const version = before.version as number;
    const first = await server.call(
      server.accounts.editor.token,
      "PATCH",
      `/api/key-results/${keyResultId}`,
      {
        version,
        title: "Raise MR Rate from 8 to 11",
      },
    );
    expect(first.status).toBe(200);
    const second = await server.call(
      server.accounts.admin.token,
      "PATCH",
      `/api/key-results/${keyResultId}`,
      {
        version,
        title: "Raise MR Rate from 8 to 12",
      },
    );
    expect(second.status).toBe(409);
    const body = await readJson(second);
    expect(body.error.code).toBe("version_conflict");
    expect(JSON.stringify(body.error.details)).toContain("Raise MR Rate from 8 to 11");
    const after = await current();
    expect(after.title).toBe("Raise MR Rate from 8 to 11");
    expect(after.version).toBe(version + 1);
  });

  it("when both write at the same moment, exactly one wins and the other's change is nowhere", async () => {
    const version = (await current()).version as number;
    const titles = ["Raise MR Rate to 13 (editor)", "Raise MR Rate to 14 (admin)"];
    const answers = await Promise.all([
      server.call(server.accounts.editor.token, "PATCH", `/api/key-results/${keyResultId}`, {
        version,
        title: titles[0],
      }),
      server.call(server.accounts.admin.token, "PATCH", `/api/key-results/${keyResultId}`, {
        version,
        title: titles[1],
      }),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = titles[answers.findIndex((a) => a.status === 200)];
    const after = await current();
    expect(after.title).toBe(winner);
    expect(after.version).toBe(version + 1);
  });

  it("refuses a write that names no version", async () => {
    const answer = await server.call(
      server.accounts.admin.token,
      "PATCH",
      `/api/key-results/${keyResultId}`,
      {
        title: "No version",
      },
    );
    expect(answer.status).toBe(400);
    expect((await readJson(answer)).error.code).toBe("invalid_input");
  });
});
