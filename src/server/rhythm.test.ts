/**
 * The rhythm's edges over HTTP, on both dialects: a one-click unsubscribe as a mail provider
 * sends it (a form body, no sign-in), chat test messages in each provider's shape received by a
 * real HTTP listener, and a failing SMTP server retried with its last error shown to admins.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { startTestSmtp, type TestSmtp } from "../../test/support/smtp.js";
import { JOB_KINDS } from "../app/job-kinds.js";
import { createJobRunner } from "../app/jobs.js";
import { unsubscribeTokenOf } from "../app/mail.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("mail and chat over HTTP (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let smtp: TestSmtp;
  let listener: Server;
  let hookUrl: string;
  const posts: { path: string; body: unknown }[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtp();
    listener = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on("end", () => {
        posts.push({ path: req.url ?? "", body: JSON.parse(body) });
        const refuse = req.url?.includes("broken");
        res.writeHead(refuse ? 404 : 200).end(refuse ? "no_such_channel" : "ok");
      });
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    server.deps.rhythm = {
      mail: { smtpUrl: smtp.url, from: "okr <okr@okr.test>" },
      publicUrl: "http://okr.test",
    };
  });
  afterAll(async () => {
    await opened?.close();
    await smtp?.stop();
    await new Promise((resolve) => listener?.close(resolve));
  });

  it("takes a one-click unsubscribe as a mail provider posts it, without a session", async () => {
    const token = await unsubscribeTokenOf(server.deps, "Kim@Example.com", "digest");
    const response = await server.app.request(`/api/unsubscribe?token=${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      email: "kim@example.com",
      kind: "digest",
      what: "the weekly digest",
    });
    const forged = await server.app.request(`/api/unsubscribe?token=${token.slice(0, -2)}xx`, {
      method: "POST",
    });
    expect(forged.status).toBe(400);
  });

  it("posts a test message in Slack, Mattermost and Teams shape, and says what a broken hook answered", async () => {
    const admin = server.accounts.admin.token;
    const team = await readJson(
      await server.call(admin, "POST", "/api/teams", { name: `Runners ${dialect}` }),
    );
    for (const provider of ["slack", "mattermost", "teams"]) {
      const hook = await readJson(
        await server.call(admin, "POST", "/api/chat-webhooks", {
          teamId: team.id,
          provider,
          url: `${hookUrl}/${provider}`,
        }),
      );
      expect(hook.host).toBe(new URL(hookUrl).host);
      const test = await server.call(admin, "POST", `/api/chat-webhooks/${hook.id}/test`);
      expect(test.status).toBe(204);
    }
    const byPath = new Map(posts.map((p) => [p.path, JSON.stringify(p.body)]));
    expect(byPath.get("/slack")).toContain('"type":"header"');
    expect(byPath.get("/slack")).toContain(`Test message from okr for Runners ${dialect}`);
    expect(byPath.get("/mattermost")).toContain(`"text":"#### Test message from okr`);
    expect(byPath.get("/teams")).toContain("application/vnd.microsoft.card.adaptive");
    expect(byPath.get("/teams")).toContain('"type":"AdaptiveCard"');

    const broken = await readJson(
      await server.call(admin, "POST", "/api/chat-webhooks", {
        teamId: team.id,
        provider: "slack",
        url: `${hookUrl}/broken`,
      }),
    );
    const answer = await server.call(admin, "POST", `/api/chat-webhooks/${broken.id}/test`);
    expect(answer.status).toBe(502);
    expect((await readJson(answer)).error.message).toBe(
      "The slack webhook answered 404: no_such_channel",
    );
  });

  it("retries an invite's mail while SMTP refuses it, showing the last error, and never in the request", async () => {
    const admin = server.accounts.admin.token;
    smtp.failing(1);
    const invite = await server.call(admin, "POST", "/api/invites", {
      email: `lee-${dialect}@example.com`,
      name: "Lee",
    });
    expect(invite.status).toBe(201);
    expect((await readJson(invite)).mailed).toBe(true);
    const runner = createJobRunner(server.deps, { kinds: JOB_KINDS });
    await runner.runOnce();
    const state: { jobs: { kind: string; pending: number; lastError: string | null }[] } =
      await readJson(await server.call(admin, "GET", "/api/mail"));
    const account = state.jobs.find((j) => j.kind === "account.mail");
    expect(account?.pending).toBe(1);
    expect(account?.lastError).toContain("Relay is down");
    expect(smtp.received).toHaveLength(0);
    // The backoff passes; the next run delivers it.
    const later = new Date(Date.now() + 60_000);
    await createJobRunner({ ...server.deps, now: () => later }, { kinds: JOB_KINDS }).runOnce();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual([`lee-${dialect}@example.com`]);
    expect(mail?.links.some((l) => l.startsWith("http://okr.test/#/set-password?token="))).toBe(
      true,
    );
  });
});
