/**
 * Anyone signed in may paste their own chat webhook's URL and ask for a test message: the URL
 * may point inside the company's network, so the server neither follows a redirect elsewhere
 * nor tells the caller what the address answered.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const INTERNAL = "INTERNAL-ONLY: the build server's admin password is hunter2";

describe.each(DIALECTS)("a viewer's own chat webhook pointing inside (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let internal: Server;
  let base: string;
  const heard: string[] = [];

  beforeAll(async () => {
    internal = createServer((request, response) => {
      heard.push(`${request.method} ${request.url}`);
      if (request.url === "/moved") {
        response.writeHead(302, { location: "/secret" });
        response.end();
        return;
      }
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(INTERNAL);
    });
    await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
  });
  afterAll(async () => {
    await opened?.close();
    await new Promise((resolve) => internal?.close(resolve));
  });

  async function testMessageTo(url: string) {
    const viewer = server.accounts.viewer.token;
    const set = await server.call(viewer, "PUT", "/api/me/notification-channels", {
      chat: { provider: "slack", url },
    });
    expect(set.status).toBe(200);
    const answer = await server.call(viewer, "POST", "/api/me/notification-channels/test");
    return { status: answer.status, message: (await readJson(answer)).error?.message as string };
  }

  it("says only the status of what answered, never its words", async () => {
    expect(await testMessageTo(`${base}/secret`)).toEqual({
      status: 502,
      message: "The slack webhook answered 500",
    });
  });

  it("does not follow a redirect to another address", async () => {
    heard.length = 0;
    expect(await testMessageTo(`${base}/moved`)).toEqual({
      status: 502,
      message: "The slack webhook answered 302",
    });
    expect(heard).toEqual(["POST /moved"]);
  });
});
