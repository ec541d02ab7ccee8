/**
 * Mail and chat leave the app's access control: the weekly digest in someone's mail and in
 * their team's chat names no confidential objective, nor anything under it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { startTestSmtp, type TestSmtp } from "../../test/support/smtp.js";
import { JOB_KINDS } from "../app/job-kinds.js";
import { createJobRunner, enqueueJob } from "../app/jobs.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const SECRET = /Zanzibar/;

describe.each(DIALECTS)("the weekly digest and confidential objectives (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let smtp: TestSmtp;
  let chat: Server;
  const posts: string[] = [];

  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON answer
  const admin = async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await server.call(server.accounts.admin.token, method, path, body);
    const json = await readJson(response);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    chat = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      request.on("end", () => {
        posts.push(body);
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => chat.listen(0, "127.0.0.1", resolve));
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    server.deps.rhythm = {
      mail: { smtpUrl: smtp.url, from: "okr <okr@okr.test>" },
      publicUrl: "http://okr.test",
    };
    const team = await admin("POST", "/api/teams", { name: "Expansion" });
    await admin("POST", "/api/people", {
      name: "Quinn Query",
      email: "quinn@example.com",
      teamId: team.id,
    });
    const period = await admin("POST", "/api/periods", { label: "2026-Q1" });
    const open = await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: "Grow expansion revenue",
      owner: "Quinn Query",
    });
    await admin("POST", "/api/key-results", {
      objectiveId: open.id,
      title: "Sign ten partners",
      kind: "metric",
      start: 0,
      target: 10,
    });
    const secret = await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: "Acquire Zanzibar Holdings quietly",
      owner: "Quinn Query",
      confidential: true,
    });
    const aligned = await admin("POST", "/api/objectives", {
      periodId: period.id,
      title: "Prepare the Zanzibar data room",
      owner: "Quinn Query",
      parentObjectiveId: secret.id,
    });
    for (const objective of [secret, aligned]) {
      await admin("POST", "/api/key-results", {
        objectiveId: objective.id,
        title: "Sign the Zanzibar term sheet",
        kind: "milestone",
      });
    }
    const port = (chat.address() as AddressInfo).port;
    await admin("POST", "/api/chat-webhooks", {
      teamId: team.id,
      provider: "slack",
      url: `http://127.0.0.1:${port}/hook`,
    });
  });
  afterAll(async () => {
    await opened?.close();
    await smtp?.stop();
    await new Promise((resolve) => chat?.close(resolve));
  });

  it("names only what everyone may see, in mail and in the team's chat", async () => {
    await enqueueJob(server.deps, { kind: "digest.plan", key: "attack", runAt: server.deps.now() });
    const runner = createJobRunner(server.deps, { kinds: JOB_KINDS });
    for (let i = 0; i < 3; i++) await runner.runOnce();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(["quinn@example.com"]);
    expect(mail?.text).toContain("Grow expansion revenue");
    expect(posts.join("\n")).toContain("Grow expansion revenue");
    const leaks = [mail?.subject, mail?.text, mail?.html, ...posts].filter((text) =>
      SECRET.test(text ?? ""),
    );
    expect(leaks).toEqual([]);
  });
});
