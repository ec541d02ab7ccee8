/**
 * Webhooks out, end to end through a real HTTP listener: changes made through the use cases are
 * delivered signed, retried with backoff while the receiver fails, logged, and redelivered by
 * hand; the job runner is driven with the test's clock, so a minute of downtime takes no minute.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ADMIN, type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { KeyResult, Objective } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import { carryOverKeyResult } from "./carry-over.js";
import { checkIn } from "./check-ins.js";
import { addComment } from "./comments.js";
import { importMarkdown } from "./import.js";
import { createJobRunner, type JobRunner } from "./jobs.js";
import { archiveKeyResult, createKeyResult, getKeyResult } from "./key-results.js";
import { createObjective, getObjective, updateObjective } from "./objectives.js";
import { closePeriod, createPeriod, reopenPeriod } from "./periods.js";
import { WEBHOOK_DELIVERY_KIND } from "./webhook-delivery.js";
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  pingWebhook,
  redeliver,
  updateWebhook,
} from "./webhooks.js";

interface Received {
  id: string;
  type: string;
  entityId: string;
  data: { checkIn?: { value: number | null }; keyResult?: { target: number | null } };
}

/** A receiver as a customer would write one: checks the signature, deduplicates by event id. */
class Receiver {
  server: Server;
  secret = "";
  /** Answer this status instead of 204 while set. */
  failWith: number | null = null;
  attempts = 0;
  badSignatures = 0;
  /** Events accepted, first arrival of each id only, in arrival order. */
  accepted: Received[] = [];
  seen = new Set<string>();
  duplicates = 0;

  constructor() {
    this.server = createServer((req, res) => {
      void this.read(req).then((body) => {
        this.attempts++;
        if (this.failWith !== null) {
          res.writeHead(this.failWith, { "content-type": "text/plain" });
          res.end("receiver is down for maintenance");
          return;
        }
        const timestamp = String(req.headers["x-okr-timestamp"]);
        const expected = `sha256=${createHmac("sha256", this.secret).update(`${timestamp}.${body}`).digest("hex")}`;
        if (req.headers["x-okr-signature"] !== expected) {
          this.badSignatures++;
          res.writeHead(401).end("bad signature");
          return;
        }
        const event = JSON.parse(body) as Received;
        expect(req.headers["x-okr-event-id"]).toBe(event.id);
        expect(req.headers["x-okr-event"]).toBe(event.type);
        if (this.seen.has(event.id)) this.duplicates++;
        else {
          this.seen.add(event.id);
          this.accepted.push(event);
        }
        res.writeHead(204).end();
      });
    });
  }

  private async read(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/okr`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe.each(DIALECTS)("webhooks out (%s)", (dialect) => {
  let fx: AppFixture;
  let receiver: Receiver;
  let url: string;
  let runner: JobRunner;
  let objective: Objective;
  const later = (ms: number) => fx.setNow(new Date(fx.deps.now().getTime() + ms).toISOString());

  beforeAll(async () => {
    fx = await openAppFixture(dialect, "2026-03-02T09:00:00.000Z");
    runner = createJobRunner(fx.deps, { kinds: [WEBHOOK_DELIVERY_KIND], batch: 50 });
    const period = await createPeriod(fx.deps, EDITOR, { label: "2026-Q1" });
    objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Ship faster",
    });
  });
  afterAll(() => fx.close());
  beforeEach(async () => {
    receiver = new Receiver();
    url = await receiver.listen();
  });
  afterEach(async () => {
    for (const hook of await listWebhooks(fx.deps, ADMIN)) {
      await deleteWebhook(fx.deps, ADMIN, hook.id);
    }
    await receiver.close();
  });

  async function subscribe(events?: string[]) {
    const made = await createWebhook(fx.deps, ADMIN, { url, ...(events ? { events } : {}) });
    receiver.secret = made.secret;
    return made.webhook;
  }

  async function metricKeyResult(title: string): Promise<KeyResult> {
    return createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title,
      kind: "metric",
      start: 0,
      target: 100,
    });
  }

  it("retries a delivery the receiver refuses, with growing waits, until it takes it; the log says how each attempt went", async () => {
    const hook = await subscribe(["check_in"]);
    expect(hook).not.toHaveProperty("secret");
    const kr = await metricKeyResult("Cut build time");
    await checkIn(fx.deps, EDITOR, kr.id, { value: 40, note: "halfway there" });
    receiver.failWith = 503;

    expect(await runner.runOnce()).toBe(1);
    let [log] = await listWebhookDeliveries(fx.deps, ADMIN, hook.id);
    expect(log).toMatchObject({
      event: "check_in",
      status: "failing",
      attempts: 1,
      responseCode: 503,
      responseExcerpt: "receiver is down for maintenance",
    });
    // Not due yet: the first retry waits 10 seconds, the second 20.
    later(9_000);
    expect(await runner.runOnce()).toBe(0);
    later(1_000);
    expect(await runner.runOnce()).toBe(1);
    later(19_000);
    expect(await runner.runOnce()).toBe(0);
    receiver.failWith = null;
    later(1_000);
    expect(await runner.runOnce()).toBe(1);

    [log] = await listWebhookDeliveries(fx.deps, ADMIN, hook.id);
    expect(log).toMatchObject({ status: "delivered", attempts: 3, responseCode: 204 });
    expect(receiver.attempts).toBe(3);
    expect(receiver.badSignatures).toBe(0);
    expect(receiver.accepted).toHaveLength(1);
    expect(receiver.accepted[0]).toMatchObject({
      type: "check_in",
      entityId: kr.id,
      data: { checkIn: { value: 40 } },
    });
  });

  it("delivers 1,000 events exactly once each, in order per key result, after the receiver was down for a minute", async () => {
    await subscribe(["check_in"]);
    const keyResults: KeyResult[] = [];
    for (let i = 0; i < 20; i++) keyResults.push(await metricKeyResult(`Metric ${i}`));
    receiver.failWith = 500;
    const started = fx.deps.now().getTime();
    for (let round = 1; round <= 50; round++) {
      for (const kr of keyResults) await checkIn(fx.deps, EDITOR, kr.id, { value: round });
    }
    // The first minute: every attempt fails, and later events of an item wait behind its first.
    while (fx.deps.now().getTime() - started < 60_000) {
      await runner.runOnce();
      later(5_000);
    }
    expect(receiver.accepted).toHaveLength(0);
    expect(receiver.attempts).toBeGreaterThan(0);
    receiver.failWith = null;
    // Back up: within the next backoff step everything goes through.
    for (let i = 0; i < 30 && receiver.accepted.length < 1000; i++) {
      later(10_000);
      await runner.runOnce();
    }
    expect(receiver.accepted).toHaveLength(1000);
    expect(receiver.duplicates).toBe(0);
    expect(receiver.badSignatures).toBe(0);
    for (const kr of keyResults) {
      const values = receiver.accepted
        .filter((event) => event.entityId === kr.id)
        .map((event) => event.data.checkIn?.value);
      expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    }
  }, 120_000);

  it("gives up after 24 hours and marks the delivery failed; redelivery by hand sends the same event again", async () => {
    const hook = await subscribe(["item.archived"]);
    const kr = await metricKeyResult("Retire the old queue");
    await archiveKeyResult(fx.deps, EDITOR, kr.id, { version: kr.version });
    receiver.failWith = 500;
    for (let hours = 0; hours < 26; hours++) {
      await runner.runOnce();
      later(3_600_000);
    }
    const [failed] = await listWebhookDeliveries(fx.deps, ADMIN, hook.id);
    expect(failed).toMatchObject({ status: "failed", event: "item.archived" });
    const attempts = failed?.attempts ?? 0;
    expect(attempts).toBeGreaterThan(10);
    await runner.runOnce();
    expect((await listWebhookDeliveries(fx.deps, ADMIN, hook.id))[0]?.attempts).toBe(attempts);

    receiver.failWith = null;
    const again = await redeliver(fx.deps, ADMIN, failed?.id ?? "");
    expect(again).toMatchObject({ eventId: failed?.eventId, redeliveryOf: failed?.id });
    expect(await runner.runOnce()).toBe(1);
    const log = await listWebhookDeliveries(fx.deps, ADMIN, hook.id);
    expect(log.map((d) => d.status)).toEqual(["delivered", "failed"]);
    expect(receiver.accepted.map((e) => e.id)).toEqual([failed?.eventId]);
  });

  it("sends nothing for a change that rolls back, nor to a webhook that does not hear that event", async () => {
    const hook = await subscribe(["item.created"]);
    await expect(
      withTransaction(fx.deps.db, async (trx) => {
        await createObjective({ ...fx.deps, db: trx }, EDITOR, {
          periodId: objective.periodId,
          title: "Never saved",
        });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const kr = await metricKeyResult("Heard of");
    await checkIn(fx.deps, EDITOR, kr.id, { value: 5 });
    await runner.runOnce();
    expect(receiver.accepted.map((e) => [e.type, e.entityId])).toEqual([["item.created", kr.id]]);
    expect(await listWebhookDeliveries(fx.deps, ADMIN, hook.id)).toHaveLength(1);
  });

  it("keeps confidential objectives out of events and withholds the numbers of a confidential target", async () => {
    await subscribe();
    const secret = await createObjective(fx.deps, ADMIN, {
      periodId: objective.periodId,
      title: "Acquire Initech",
      confidential: true,
    });
    await createKeyResult(fx.deps, ADMIN, {
      objectiveId: secret.id,
      title: "Sign the deal",
      kind: "metric",
      start: 0,
      target: 1,
    });
    const hidden = await createKeyResult(fx.deps, ADMIN, {
      objectiveId: objective.id,
      title: "Margin to 41%",
      kind: "metric",
      start: 30,
      target: 41,
      targetConfidential: true,
    });
    await checkIn(fx.deps, ADMIN, hidden.id, { value: 35 });
    await runner.runOnce();
    const text = JSON.stringify(receiver.accepted);
    expect(text).not.toContain("Initech");
    expect(text).not.toContain("Sign the deal");
    const sent = receiver.accepted.filter((e) => e.entityId === hidden.id);
    expect(sent.map((e) => e.type)).toEqual(["item.created", "check_in"]);
    expect(sent[1]?.data).toMatchObject({
      keyResult: { target: null, hidden: true },
      checkIn: { value: null, hidden: true },
    });
  });

  it("names no carried copy an outsider may not see in an event's carry-over links", async () => {
    await subscribe();
    const kr = await metricKeyResult("Onboard the Porto partners");
    const carried = await carryOverKeyResult(fx.deps, EDITOR, kr.id, { version: kr.version });
    const copyObjective = await getObjective(fx.deps, ADMIN, carried.objectiveId);
    await updateObjective(fx.deps, ADMIN, copyObjective.id, {
      version: copyObjective.version,
      confidential: true,
    });
    await checkIn(fx.deps, ADMIN, kr.id, { value: 20 });
    await runner.runOnce();
    const sent = receiver.accepted.filter((e) => e.type === "check_in" && e.entityId === kr.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data).toMatchObject({ keyResult: { id: kr.id, carriedToId: null } });
    // (The carry-over's own event named the copy while it was public.)
    const text = JSON.stringify(sent);
    expect(text).not.toContain(carried.id);
    expect(text).not.toContain(copyObjective.id);
    // An insider still reads where it went.
    expect((await getKeyResult(fx.deps, ADMIN, kr.id)).carriedToId).toBe(carried.id);
  });

  it("pings a webhook on request, signs with a rotated secret at once, and refuses editors and bad input", async () => {
    const hook = await subscribe(["period.closed"]);
    await pingWebhook(fx.deps, ADMIN, hook.id);
    await runner.runOnce();
    expect(receiver.accepted.map((e) => e.type)).toEqual(["ping"]);
    const rotated = await updateWebhook(fx.deps, ADMIN, hook.id, { rotateSecret: true });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(receiver.secret);
    await pingWebhook(fx.deps, ADMIN, hook.id);
    await runner.runOnce();
    // Signed with the new secret now: the receiver, still on the old one, refuses it.
    expect(receiver.badSignatures).toBe(1);
    await expect(createWebhook(fx.deps, EDITOR, { url })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      createWebhook(fx.deps, ADMIN, { url: "ftp://example.com/x" }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: [{ path: "url", message: "must be an http:// or https:// URL" }],
    });
    await expect(
      createWebhook(fx.deps, ADMIN, { url, events: ["check_in", "lunch"] }),
    ).rejects.toMatchObject({ code: "invalid_input", details: [{ path: "events.1" }] });
  });

  it("hears an import's new items and a closed period, as it hears the API", async () => {
    await subscribe(["item.created", "item.updated", "period.closed"]);
    const page = "# 2026-Q3 OKRs\n\n- CEO: Grow the business\n  - CRO: Close 10 new deals\n";
    const imported = await importMarkdown(fx.deps, EDITOR, page);
    await closePeriod(fx.deps, ADMIN, imported.periodId);
    await runner.runOnce();
    const types = receiver.accepted.map((e) => e.type);
    expect(types.filter((t) => t === "item.created")).toHaveLength(2);
    // Events of different items (here the period) may interleave: only per item is order kept.
    const closed = receiver.accepted.filter((e) => e.type === "period.closed");
    expect(closed.map((e) => e.entityId)).toEqual([imported.periodId]);
    // Importing the same page again changes nothing, so it sends nothing.
    const before = receiver.accepted.length;
    await reopenPeriod(fx.deps, ADMIN, imported.periodId);
    await importMarkdown(fx.deps, EDITOR, page);
    await runner.runOnce();
    expect(receiver.accepted).toHaveLength(before);
  });

  it("sends a comment on a visible item and keeps one on a confidential objective to itself", async () => {
    await subscribe(["comment.created"]);
    const secret = await createObjective(fx.deps, ADMIN, {
      periodId: objective.periodId,
      title: "Acquire Initech",
      confidential: true,
    });
    await addComment(fx.deps, ADMIN, secret.id, { body: "Initech says yes" });
    await addComment(fx.deps, EDITOR, objective.id, { body: "Ship it on Friday" });
    await runner.runOnce();
    expect(receiver.accepted.map((e) => e.type)).toEqual(["comment.created"]);
    expect(JSON.stringify(receiver.accepted)).toContain("Ship it on Friday");
    expect(JSON.stringify(receiver.accepted)).not.toContain("Initech");
  });
});
