/**
 * A route's query, path and JSON body checked in one step (`route-input.ts`): what a client
 * sends is taken or refused as zod-openapi's validators would, and the OpenAPI document still
 * declares every part.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, request, type TestServer } from "./test-harness.js";

describe("route input checked in one step (sqlite)", () => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let token: string;
  let keyResultId: string;
  let periodId: string;

  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    server = await openTestServer(opened);
    token = server.accounts.editor.token;
    const period = await readJson(
      await server.call(token, "POST", "/api/periods", { label: "2026-Q3" }),
    );
    periodId = period.id;
    const objective = await readJson(
      await server.call(token, "POST", "/api/objectives", { periodId: period.id, title: "Ship" }),
    );
    const keyResult = await readJson(
      await server.call(token, "POST", "/api/key-results", {
        objectiveId: objective.id,
        title: "Releases from 0 to 10",
        kind: "metric",
        start: 0,
        target: 10,
      }),
    );
    keyResultId = keyResult.id;
  });
  afterAll(async () => {
    await opened?.close();
  });

  const checkIn = (body: string | undefined, headers: Record<string, string>) =>
    request(server.app, "POST", `/api/key-results/${keyResultId}/check-ins`, body, {
      authorization: `Bearer ${token}`,
      ...headers,
    });

  it("takes a JSON body with a charset or a +json media type, parsed as sent", async () => {
    const plain = await checkIn(JSON.stringify({ value: 2 }), {
      "content-type": "application/json; charset=utf-8",
    });
    expect(plain.status).toBe(201);
    expect((await readJson(plain)).keyResult.current).toBe(2);
    const vendor = await checkIn(JSON.stringify({ value: 3, note: "vendor" }), {
      "content-type": "application/vnd.okr+json",
    });
    expect(vendor.status).toBe(201);
    expect((await readJson(vendor)).checkIn.note).toBe("vendor");
  });

  it("refuses a body without a media type (415), and names the fields when none is sent", async () => {
    const untyped = await checkIn('{"value":4}', { "content-type": "" });
    expect(untyped.status).toBe(415);
    expect((await readJson(untyped)).error.code).toBe("unsupported_media_type");
    const none = await request(server.app, "POST", "/api/periods", undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(none.status).toBe(400);
    expect((await readJson(none)).error.details[0].path).toBe("label");
  });

  it("says where the input is wrong: the path before the body, each field of the body", async () => {
    const both = await request(
      server.app,
      "POST",
      `/api/key-results/${"x".repeat(200)}/check-ins`,
      {
        value: "ten",
      },
      { authorization: `Bearer ${token}` },
    );
    expect(both.status).toBe(400);
    expect((await readJson(both)).error.details[0].path).toBe("param.id");
    const wrong = await checkIn(JSON.stringify({ value: "ten", confidence: 99 }), {
      "content-type": "application/json",
    });
    expect(wrong.status).toBe(400);
    const paths = (await readJson(wrong)).error.details.map((d: { path: string }) => d.path);
    expect(paths.sort()).toEqual(["confidence", "value"]);
    const malformed = await checkIn("{value: 5", { "content-type": "application/json" });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.details).toEqual([
      { path: "", message: "The body is not valid JSON" },
    ]);
  });

  it("checks the query, a repeated key as a list", async () => {
    const dashboard = `/api/periods/${periodId}/dashboard`;
    expect((await server.call(token, "GET", `${dashboard}?staleDays=3`)).status).toBe(200);
    const twice = await server.call(token, "GET", `${dashboard}?staleDays=3&staleDays=4`);
    expect(twice.status).toBe(400);
    expect((await readJson(twice)).error.details[0].path).toBe("query.staleDays");
  });

  it("keeps every part of the route in the OpenAPI document", async () => {
    const document = await readJson(await request(server.app, "GET", "/api/openapi.json"));
    const operation = document.paths["/api/key-results/{id}/check-ins"].post;
    expect(
      operation.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`),
    ).toEqual(["path:id"]);
    expect(operation.requestBody.required).toBe(true);
    expect(Object.keys(operation.requestBody.content)).toEqual(["application/json"]);
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "404", "415", "422"]),
    );
  });
});
