/**
 * Random bodies to every write endpoint the OpenAPI document lists: whatever arrives —
 * malformed JSON, wrong types, huge numbers, unknown fields, fields of the right name with
 * the wrong value — the answer is never a 500 and never shows a stack trace; a refusal is a
 * JSON error with a code. On both databases, since what one stores the other may refuse (the
 * NUL character: PostgreSQL's text cannot hold it). Bounded in time, shared between them.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openTestServer,
  readJson,
  request,
  type TestServer,
} from "../../src/server/test-harness.js";
import type { OpenedDatabase } from "../../src/store/database.js";
import { DIALECTS, openTestDatabase } from "../support/databases.js";

const WRITE_METHODS = ["post", "put", "patch", "delete"] as const;
/** Each database's share of the time given (`OKR_FUZZ_MS`, 40 s by default). */
const TOTAL_MS = Number(process.env.OKR_FUZZ_MS ?? 40_000) / DIALECTS.length;

interface Endpoint {
  method: string;
  path: string;
  fields: string[];
}

/** What a route's path parameters are filled with: real ids where the resource has them. */
interface Ids {
  periodId: string;
  objectiveId: string;
  keyResultId: string;
}

function itemOf(body: Record<string, unknown>): Record<string, unknown> {
  return (body.keyResult ?? body.objective ?? body.period ?? body) as Record<string, unknown>;
}

function endpointsOf(document: {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>
  >;
}): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      const schema = operation.requestBody?.content?.["application/json"]?.schema as
        | { properties?: Record<string, unknown> }
        | undefined;
      endpoints.push({
        method: method.toUpperCase(),
        path,
        fields: Object.keys(schema?.properties ?? {}),
      });
    }
  }
  return endpoints;
}

function fillPath(path: string, ids: Ids, pickReal: boolean, random: string): string {
  return path.replace(/\{(\w+)\}/g, () => {
    if (!pickReal || /\/(users|tokens|people|teams|links|webhooks)\//.test(path))
      return encodeURIComponent(random);
    if (path.startsWith("/api/periods/")) return ids.periodId;
    if (path.startsWith("/api/objectives/")) return ids.objectiveId;
    if (path.startsWith("/api/key-results/")) return ids.keyResultId;
    return encodeURIComponent(random);
  });
}

const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    null,
    "",
    " ",
    -1,
    0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    "1e309",
    "NaN",
    "x".repeat(5000),
    "<script>alert(1)</script>",
    "'; DROP TABLE key_results; --",
    "\u0000",
    "😀",
    [],
    {},
    { __proto__: { admin: true } },
    "2024-Q1",
    "FY20-Q2",
  ),
);

function bodyFor(fields: string[]): fc.Arbitrary<{ raw: string } | { json: unknown }> {
  const shaped =
    fields.length > 0
      ? fc.dictionary(fc.constantFrom(...fields), nasty, { maxKeys: fields.length + 2 })
      : fc.dictionary(fc.string(), nasty);
  return fc.oneof(
    { weight: 4, arbitrary: shaped.map((json) => ({ json })) },
    { weight: 2, arbitrary: fc.jsonValue().map((json) => ({ json })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.string(), fc.constantFrom("{", '{"a":', "[1,2", "nul", '{"version": 1,}'))
        .map((raw) => ({ raw })),
    },
  );
}

describe.each(DIALECTS)("API fuzzing (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let ids: Ids;
  let endpoints: Endpoint[];

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    const admin = server.accounts.admin.token;
    const period = itemOf(
      await readJson(await server.call(admin, "POST", "/api/periods", { label: "2024-Q1" })),
    );
    const objective = itemOf(
      await readJson(
        await server.call(admin, "POST", "/api/objectives", { periodId: period.id, title: "Grow" }),
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
    ids = {
      periodId: String(period.id),
      objectiveId: String(objective.id),
      keyResultId: String(kr.id),
    };
    const document = await readJson(await server.call(admin, "GET", "/api/openapi.json"));
    endpoints = endpointsOf(document);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it("finds the write endpoints in the OpenAPI document", () => {
    expect(endpoints.length).toBeGreaterThan(5);
    expect(endpoints.some((e) => e.path.includes("check-ins"))).toBe(true);
  });

  it(
    "never answers a random body with a 500 or a stack trace",
    async () => {
      const perEndpoint = Math.max(300, Math.floor(TOTAL_MS / Math.max(1, endpoints.length)));
      const failures: string[] = [];
      let sent = 0;
      for (const endpoint of endpoints) {
        // Signing out or revoking would only take our own token away; they still get random bodies.
        const token = server.accounts.admin.token;
        await fc
          .assert(
            fc.asyncProperty(
              bodyFor(endpoint.fields),
              fc.boolean(),
              fc.string({ maxLength: 80 }),
              async (body, real, random) => {
                const path = fillPath(endpoint.path, ids, real, random);
                const response =
                  "raw" in body
                    ? await request(server.app, endpoint.method, path, body.raw, {
                        authorization: `Bearer ${token}`,
                        "content-type": "application/json",
                      })
                    : await server.call(token, endpoint.method, path, body.json);
                const text = await response.text();
                sent += 1;
                const ok =
                  response.status < 500 &&
                  !/\n\s+at\s/.test(text) &&
                  !/node_modules|\.ts:\d+/.test(text) &&
                  (response.status < 400 || /"code"\s*:/.test(text));
                if (!ok)
                  failures.push(
                    `${endpoint.method} ${path} ${JSON.stringify(body).slice(0, 200)} -> ${response.status} ${text.slice(0, 300)}`,
                  );
                return ok;
              },
            ),
            {
              numRuns: 200,
              interruptAfterTimeLimit: perEndpoint,
              markInterruptAsFailure: false,
              seed: 42,
            },
          )
          .catch(() => {});
      }
      expect(failures.slice(0, 10)).toEqual([]);
      console.log(`fuzzed ${endpoints.length} write endpoints with ${sent} random requests`);
      expect(sent).toBeGreaterThan(endpoints.length * 20);
    },
    TOTAL_MS + 60_000,
  );
});
