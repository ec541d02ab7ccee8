import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenedDatabase, openDatabase } from "../store/database.js";
import { type App, createApp } from "./app.js";
import { ROUTE_ACCESS } from "./route.js";
import { depsOf, readJson, request } from "./test-harness.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Every route Hono would answer under /api, as `METHOD /api/path/{param}`. */
function honoRoutes(app: App): Set<string> {
  const out = new Set<string>();
  for (const route of app.routes) {
    if (!route.path.startsWith("/api/") || route.path.includes("*")) continue;
    if (route.method === "ALL") continue;
    out.add(`${route.method} ${route.path.replace(/:([A-Za-z]+)/g, "{$1}")}`);
  }
  return out;
}

describe("the OpenAPI document", () => {
  let opened: OpenedDatabase;
  let app: App;
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document
  let doc: any;

  beforeAll(async () => {
    opened = await openDatabase("sqlite::memory:", { migrate: true });
    app = createApp(depsOf(opened));
    const response = await request(app, "GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    doc = await readJson(response);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("is OpenAPI 3.1 with info and paths", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe("okr");
    expect(typeof doc.info.version).toBe("string");
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
  });

  it("says an edit may answer 409 and a check-in never does", () => {
    expect(Object.keys(doc.paths["/api/key-results/{id}"].patch.responses)).toContain("409");
    const checkIn = doc.paths["/api/key-results/{id}/check-ins"].post;
    expect(Object.keys(checkIn.responses)).not.toContain("409");
    expect(checkIn.responses["201"]).toMatchObject({
      content: { "application/json": { schema: expect.anything() } },
    });
    expect(checkIn.description).toContain("never conflicts");
  });

  it("gives every operation a unique operationId, a summary and responses", () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      expect(path.startsWith("/api/")).toBe(true);
      for (const method of Object.keys(item)) {
        expect(METHODS as readonly string[]).toContain(method);
        // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document
        const op = item[method] as any;
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-zA-Z][a-zA-Z0-9]*$/);
        expect(ids.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        expect(op.summary, `${method} ${path}`).toMatch(/\S/);
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        // A success, or the redirect a browser follows (single sign-on).
        const success = Object.keys(op.responses).filter((code) => /^[23]/.test(code));
        expect(success.length, `${method} ${path} has a 2xx or 3xx response`).toBeGreaterThan(0);
        for (const parameter of op.parameters ?? []) {
          expect(["path", "query", "header", "cookie"]).toContain(parameter.in);
          if (parameter.in === "path") {
            expect(parameter.required).toBe(true);
            expect(path).toContain(`{${parameter.name}}`);
          }
        }
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          const declared = (op.parameters ?? []).some(
            (p: { in: string; name: string }) => p.in === "path" && `{${p.name}}` === name,
          );
          expect(declared, `${method} ${path} declares ${name}`).toBe(true);
        }
      }
    }
  });

  it("resolves every $ref to a component", () => {
    const text = JSON.stringify(doc);
    for (const match of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(doc.components.schemas[match[1] as string], match[1]).toEqual(expect.any(Object));
    }
  });

  it("lists every route the server answers, and only those", () => {
    const documented = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = honoRoutes(app);
    // The document itself and its page are plain routes.
    served.delete("GET /api/openapi.json");
    served.delete("GET /api/docs");
    expect([...served].sort()).toEqual([...documented].sort());
    expect([...ROUTE_ACCESS.keys()].sort()).toEqual([...documented].sort());
  });

  it("serves a self-contained docs page", async () => {
    const response = await request(app, "GET", "/api/docs");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("openapi.json");
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    // The page's script must at least parse (it renders the document in the browser).
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? "";
    expect(script.length).toBeGreaterThan(100);
    expect(() => new Function(`return async () => {${script}}`)).not.toThrow();
  });
});
