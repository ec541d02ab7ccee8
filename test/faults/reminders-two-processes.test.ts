/**
 * Exactly once across processes: two app processes on one PostgreSQL walk 100 hourly slots,
 * each slot some person's reminder time; one process is killed in the middle of an SMTP
 * conversation. Every reminder arrives at the SMTP server once (decisions/0020).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyResult } from "../../src/app/key-results.js";
import { createObjective } from "../../src/app/objectives.js";
import { createPerson } from "../../src/app/people.js";
import { createPeriod } from "../../src/app/periods.js";
import { putMyReminders } from "../../src/app/reminder-preferences.js";
import { depsOf } from "../../src/server/test-harness.js";
import { openDatabase } from "../../src/store/database.js";
import { actorOf, EDITOR } from "../support/app-fixtures.js";
import { createEmptyDatabase, type EmptyDatabase } from "../support/databases.js";
import { startTestSmtp, type TestSmtp } from "../support/smtp.js";

const SLOTS = 100;
const FIRST = "2030-01-07T00:00:00.000Z";
/** The process that sends the 21st message dies with that conversation open. */
const KILL_AT = 21;

interface Worker {
  child: ChildProcess;
  /** Sets the process's clock to `line`'s instant and runs its queue; resolves when it answers or dies. */
  step(line: string): Promise<void>;
  exited: Promise<number | null>;
}

function startWorker(url: string, smtpUrl: string, from: string): Worker {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/faults/reminder-worker.ts", url, smtpUrl, from],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let waiting: (() => void) | null = null;
  child.stdout?.on("data", (chunk: Buffer) => {
    for (const _ of chunk.toString().matchAll(/ok\n/g)) {
      const resolve = waiting;
      waiting = null;
      resolve?.();
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) console.error(stderr);
      waiting?.();
      resolve(code);
    }),
  );
  return {
    child,
    exited,
    step(line) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        waiting = resolve;
        child.stdin?.write(`${line}\n`);
      });
    },
  };
}

describe("reminders sent once by two processes on PostgreSQL, one killed mid-send", () => {
  let database: EmptyDatabase;
  let smtp: TestSmtp;
  const children = new Map<string, ChildProcess>();
  const kill = { seen: 0, victim: "", inFlightTo: "" };

  beforeAll(async () => {
    database = await createEmptyDatabase("postgres");
    const opened = await openDatabase(database.url, { migrate: true });
    const deps = depsOf(opened);
    const period = await createPeriod(deps, EDITOR, { label: "2030-Q1" });
    const objective = await createObjective(deps, EDITOR, {
      periodId: period.id,
      title: "Keep the habit",
    });
    for (let i = 0; i < SLOTS; i++) {
      const at = new Date(Date.parse(FIRST) + i * 3_600_000);
      const person = await createPerson(deps, EDITOR, {
        name: `Person ${i}`,
        email: `p${i}@example.com`,
      });
      await createKeyResult(deps, EDITOR, {
        objectiveId: objective.id,
        title: `Key result ${i}`,
        owner: `Person ${i}`,
        kind: "metric",
        start: 0,
        target: 10,
      });
      await putMyReminders(deps, actorOf("viewer", { personId: person.id, name: `p${i}` }), {
        preference: {
          cadence: "weekly",
          weekday: at.getUTCDay(),
          hour: at.getUTCHours(),
          timeZone: "UTC",
        },
      });
    }
    await opened.close();
    smtp = await startTestSmtp({
      async beforeAccept(from, to) {
        kill.seen += 1;
        if (kill.seen !== KILL_AT) return true;
        // Its sender dies with this conversation open: the server never accepted it.
        kill.victim = from;
        kill.inFlightTo = to.join(",");
        children.get(from)?.kill("SIGKILL");
        return false;
      },
    });
  }, 300_000);
  afterAll(async () => {
    await smtp?.stop();
    await database?.drop();
  });

  it("delivers each of the 100 reminders exactly once", async () => {
    const a = startWorker(database.url, smtp.url, "a@okr.test");
    const b = startWorker(database.url, smtp.url, "b@okr.test");
    children.set("a@okr.test", a.child);
    children.set("b@okr.test", b.child);
    // One clock for both, a minute past each hour; the hour before the first slot sets the
    // schedules up.
    for (let slot = -1; slot < SLOTS; slot++) {
      const at = new Date(Date.parse(FIRST) + slot * 3_600_000 + 60_000).toISOString();
      await Promise.all([a.step(at), b.step(at)]);
    }
    // Past every lease the killed process left: what it held runs on the other.
    const end = new Date(Date.parse(FIRST) + (SLOTS + 1) * 3_600_000).toISOString();
    await Promise.all([a.step(`drain ${end}`), b.step(`drain ${end}`)]);
    a.child.stdin?.end();
    b.child.stdin?.end();
    const [victim, survivor] = kill.victim === "a@okr.test" ? [a, b] : [b, a];
    expect(kill.victim).not.toBe("");
    expect(await victim.exited).toBeNull(); // killed
    expect(await survivor.exited).toBe(0);
    const recipients = smtp.received.map((m) => m.to.join(",")).sort();
    const expected = Array.from({ length: SLOTS }, (_, i) => `p${i}@example.com`).sort();
    expect(recipients).toEqual(expected);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(SLOTS);
    // The reminder in flight when its sender died went out once, from the other process.
    const resent = smtp.received.filter((m) => m.to.join(",") === kill.inFlightTo);
    expect(resent.map((m) => m.from)).toEqual([
      kill.victim === "a@okr.test" ? "b@okr.test" : "a@okr.test",
    ]);
  }, 300_000);
});
