/**
 * `/public` (the public site, served when an admin turns it on) and the review's answers:
 * no sign-in, the public export's hiding, ETag and Cache-Control; the review as JSON and PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { findServerChromium } from "./review-pdf.js";
import { openTestServer, readJson, request, type TestServer } from "./test-harness.js";

const SECRET_TARGET = 987654321;
const SECRET_DIGITS = /9876\d{3}|987,654,321/;
const SECRET_TITLE = "Acquire Zanzibar Holdings quietly";

/** Pages of a PDF: its `/Type /Page` objects (not `/Pages`). */
function pdfPageCount(bytes: Uint8Array): number {
  return (
    Buffer.from(bytes)
      .toString("latin1")
      .match(/\/Type\s*\/Page(?![s\w])/g) ?? []
  ).length;
}

describe.each(DIALECTS)("the public site and the review over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  const ids: Record<string, string> = {};
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await server.call(server.accounts.admin.token, method, path, body);
    const json = await readJson(response);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const get = (path: string, headers: Record<string, string> = {}) =>
    request(server.app, "GET", path, undefined, headers);

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    const period = await admin("POST", "/api/periods", { label: "2026-Q1" });
    const other = await admin("POST", "/api/periods", { label: "2026-Q2" });
    ids.period = period.id;
    ids.other = other.id;
    const growth = await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: "Grow the business",
      owner: "CEO",
    });
    const kr = await admin("POST", "/api/key-results", {
      objectiveId: growth.id,
      title: `Reach $${SECRET_TARGET} in new revenue`,
      kind: "metric",
      start: 0,
      target: SECRET_TARGET,
      targetConfidential: true,
    });
    ids.keyResult = kr.id;
    await admin("POST", `/api/key-results/${kr.id}/check-ins`, {
      value: 400_000_000,
      health: "at_risk",
      note: "Two deals slipped",
    });
    await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: SECRET_TITLE,
      owner: "CEO",
      confidential: true,
    });
    await admin("POST", "/api/objectives", {
      periodId: other.id,
      title: "Not published",
      owner: "CEO",
    });
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("is not served until an admin turns it on", async () => {
    expect((await get("/public/")).status).toBe(404);
    const refused = await server.call(server.accounts.editor.token, "PUT", "/api/settings", {
      publicSite: { served: true },
    });
    expect(refused.status).toBe(403);
    const unknown = await server.call(server.accounts.admin.token, "PUT", "/api/settings", {
      publicSite: { periods: ["nope"] },
    });
    expect(unknown.status).toBe(400);
    expect((await readJson(unknown)).error.message).toContain("publicSite.periods[0]");
    const settings = await admin("PUT", "/api/settings", {
      publicSite: { served: true, periods: [ids.period] },
    });
    expect(settings.publicSite).toEqual({ served: true, periods: [ids.period] });
  });

  it("serves the marked periods to anyone, hidden as the public export hides them", async () => {
    const moved = await get("/public");
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe("/public/");
    const index = await get("/public/");
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toContain("text/html");
    const html = await index.text();
    expect(html).toContain("2026-Q1");
    expect(html).not.toContain("2026-Q2");
    const page = await (await get("/public/period-2026-q1.html")).text();
    expect(page).toContain("Grow the business");
    expect(page).toContain("N<sub>0</sub>");
    expect(page).not.toMatch(SECRET_DIGITS);
    expect(page).not.toContain(SECRET_TITLE);
    expect((await get("/public/period-2026-q2.html")).status).toBe(404);
    const css = await get("/public/site.css");
    expect(css.headers.get("content-type")).toContain("text/css");
  });

  it("answers 304 to a matching If-None-Match, and a new ETag once the data changes", async () => {
    const first = await get("/public/period-2026-q1.html");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    const again = await get("/public/period-2026-q1.html", { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    await admin("POST", `/api/key-results/${ids.keyResult}/check-ins`, { value: 800_000_000 });
    const changed = await get("/public/period-2026-q1.html", { "if-none-match": etag ?? "" });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("gives the review as the reader may see it", async () => {
    const asViewer = await readJson(
      await server.call(server.accounts.viewer.token, "GET", `/api/periods/${ids.period}/review`),
    );
    expect(asViewer.objectives.map((o: { title: string }) => o.title)).toEqual([
      "Grow the business",
    ]);
    const [growth] = asViewer.objectives;
    expect(growth.keyResults[0].lastNote.note).toBe("Two deals slipped");
    expect(growth.atRisk).toHaveLength(1);
    expect(growth.notes.map((n: { note: string }) => n.note)).toContain("Two deals slipped");
    expect(JSON.stringify(asViewer)).not.toMatch(SECRET_DIGITS);
    const asAdmin = await admin("GET", `/api/periods/${ids.period}/review`);
    expect(asAdmin.objectives).toHaveLength(2);
  });

  it.skipIf(!findServerChromium())("prints the review as a PDF, a page per screen", async () => {
    const response = await server.call(
      server.accounts.viewer.token,
      "GET",
      `/api/periods/${ids.period}/review.pdf`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain("2026-Q1-review.pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    // The opening, one objective the viewer may see, the closing.
    expect(pdfPageCount(bytes)).toBe(3);
  });

  it("says what to install when Chromium is missing", async () => {
    const saved = process.env.OKR_CHROMIUM;
    process.env.OKR_CHROMIUM = "/nonexistent/chromium";
    try {
      const response = await server.call(
        server.accounts.viewer.token,
        "GET",
        `/api/periods/${ids.period}/review.pdf`,
      );
      expect(response.status).toBe(503);
      const body = await readJson(response);
      expect(body.error.code).toBe("renderer_unavailable");
      expect(body.error.message).toContain("OKR_CHROMIUM");
    } finally {
      if (saved === undefined) delete process.env.OKR_CHROMIUM;
      else process.env.OKR_CHROMIUM = saved;
    }
  });
});
