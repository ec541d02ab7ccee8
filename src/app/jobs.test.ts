/**
 * The durable job queue on both databases: a key runs once, failures come back after a
 * backoff and give up in the end, jobs sharing an ordering key keep their order, a schedule
 * catches up once after downtime, and two runners on two connections never run one job twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, openAppFixture } from "../../test/support/app-fixtures.js";
import { createEmptyDatabase, DIALECTS } from "../../test/support/databases.js";
import { createIdGenerator } from "../core/ids.js";
import { insertAuditEvents } from "../store/audit.repository.js";
import { openDatabase } from "../store/database.js";
import { claimDueJobs, completeJob, findLatestStartedJob } from "../store/jobs.repository.js";
import type { AppDeps } from "./deps.js";
import { CHORES, JOB_KINDS } from "./job-kinds.js";
import { createJobRunner, enqueueJob, type JobKind, jobStatus, requeueJob } from "./jobs.js";

describe.each(DIALECTS)("durable jobs (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect, "2026-03-02T08:00:00.000Z");
  });
  afterAll(() => fx.close());

  /** A kind that records what ran, failing while `failFor(job)` says so. */
  function recorder(
    kind: string,
    failFor: (key: string, attempt: number) => boolean = () => false,
  ) {
    const ran: string[] = [];
    const spec: JobKind = {
      kind,
      maxAttempts: 3,
      backoff: { baseMs: 60_000, maxMs: 600_000 },
      async run(_deps, job) {
        if (failFor(job.key, job.attempts))
          throw new Error(`${job.key} refused attempt ${job.attempts}`);
        ran.push(job.key);
      },
    };
    return { ran, spec };
  }

  it("runs a job once, however often its key is enqueued", async () => {
    const { ran, spec } = recorder("test.once");
    const first = await enqueueJob(fx.deps, { kind: "test.once", key: "k1", payload: { n: 1 } });
    const again = await enqueueJob(fx.deps, { kind: "test.once", key: "k1", payload: { n: 2 } });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const runner = createJobRunner(fx.deps, { kinds: [spec] });
    expect(await runner.runOnce()).toBe(1);
    expect(await runner.runOnce()).toBe(0);
    await enqueueJob(fx.deps, { kind: "test.once", key: "k1" });
    expect(await runner.runOnce()).toBe(0);
    expect(ran).toEqual(["k1"]);
    const [status] = await jobStatus(fx.deps, "test.once");
    expect(status).toMatchObject({ done: 1, pending: 0, failed: 0, lastError: null });
    expect(status?.lastSuccessAt).toBe(fx.deps.now().toISOString());
  });

  it("does not run a job before its time", async () => {
    const { ran, spec } = recorder("test.later");
    const runAt = new Date(fx.deps.now().getTime() + 3_600_000);
    await enqueueJob(fx.deps, { kind: "test.later", key: "later", runAt });
    const runner = createJobRunner(fx.deps, { kinds: [spec] });
    expect(await runner.runOnce()).toBe(0);
    fx.setNow(runAt.toISOString());
    expect(await runner.runOnce()).toBe(1);
    expect(ran).toEqual(["later"]);
  });

  it("retries a failing job after a growing wait, then gives up and says why", async () => {
    const { ran, spec } = recorder("test.flaky", (key, attempt) => key === "never" || attempt < 2);
    const runner = createJobRunner(fx.deps, { kinds: [spec] });
    await enqueueJob(fx.deps, { kind: "test.flaky", key: "second-time" });
    await enqueueJob(fx.deps, { kind: "test.flaky", key: "never" });
    expect(await runner.runOnce()).toBe(2);
    expect(ran).toEqual([]);
    fx.setNow(new Date(fx.deps.now().getTime() + 59_000).toISOString());
    expect(await runner.runOnce()).toBe(0);
    fx.setNow(new Date(fx.deps.now().getTime() + 1_000).toISOString());
    expect(await runner.runOnce()).toBe(2);
    expect(ran).toEqual(["second-time"]);
    // The third attempt of "never" waits twice as long (120 s), then it is failed for good.
    fx.setNow(new Date(fx.deps.now().getTime() + 119_000).toISOString());
    expect(await runner.runOnce()).toBe(0);
    fx.setNow(new Date(fx.deps.now().getTime() + 1_000).toISOString());
    expect(await runner.runOnce()).toBe(1);
    fx.setNow(new Date(fx.deps.now().getTime() + 86_400_000).toISOString());
    expect(await runner.runOnce()).toBe(0);
    const [status] = await jobStatus(fx.deps, "test.flaky");
    expect(status).toMatchObject({ done: 1, failed: 1, lastError: "never refused attempt 3" });
  });

  it("runs a failed job again when it is put back by hand", async () => {
    let fail = true;
    const kind: JobKind = {
      kind: "test.redo",
      maxAttempts: 1,
      async run() {
        if (fail) throw new Error("receiver down");
      },
    };
    const runner = createJobRunner(fx.deps, { kinds: [kind] });
    const { id } = await enqueueJob(fx.deps, { kind: "test.redo" });
    await runner.runOnce();
    expect((await jobStatus(fx.deps, "test.redo"))[0]).toMatchObject({ failed: 1 });
    fail = false;
    await requeueJob(fx.deps, id);
    expect(await runner.runOnce()).toBe(1);
    expect((await jobStatus(fx.deps, "test.redo"))[0]).toMatchObject({ failed: 0, done: 1 });
    await expect(requeueJob(fx.deps, "no-such-job")).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps the order of jobs sharing an ordering key, even when one of them must wait", async () => {
    const { ran, spec } = recorder(
      "test.ordered",
      (key, attempt) => key === "a-1" && attempt === 1,
    );
    const runner = createJobRunner(fx.deps, { kinds: [spec] });
    for (const key of ["a-1", "b-1", "a-2", "a-3", "b-2"]) {
      await enqueueJob(fx.deps, { kind: "test.ordered", key, orderingKey: key.slice(0, 1) });
    }
    await runner.runOnce();
    // a-1 failed and waits for its retry; the a-jobs behind it wait too, the b-jobs do not.
    expect(ran).toEqual(["b-1", "b-2"]);
    fx.setNow(new Date(fx.deps.now().getTime() + 60_000).toISOString());
    await runner.runOnce();
    expect(ran).toEqual(["b-1", "b-2", "a-1", "a-2", "a-3"]);
  });

  it("keys the next job of an ordering key by the last one started, never by one only queued", async () => {
    const { spec } = recorder("test.merged");
    const runner = createJobRunner(fx.deps, { kinds: [spec] });
    const ran = await enqueueJob(fx.deps, { kind: "test.merged", key: "m-1", orderingKey: "m" });
    expect(await findLatestStartedJob(fx.deps.db, "test.merged", "m")).toBeNull();
    await runner.runOnce();
    // A request that missed a queued job (not yet visible to it) still computes the same key
    // as the request that queued it, so the key's uniqueness merges the two.
    await enqueueJob(fx.deps, { kind: "test.merged", key: "m-2", orderingKey: "m" });
    expect(await findLatestStartedJob(fx.deps.db, "test.merged", "m")).toMatchObject({
      id: ran.id,
      state: "done",
    });
  });

  it("fails an attempt that runs past its time limit", async () => {
    const kind: JobKind = {
      kind: "test.hangs",
      maxAttempts: 1,
      timeoutMs: 50,
      run: () => new Promise(() => {}),
    };
    await enqueueJob(fx.deps, { kind: "test.hangs" });
    await createJobRunner(fx.deps, { kinds: [kind] }).runOnce();
    expect((await jobStatus(fx.deps, "test.hangs"))[0]).toMatchObject({
      failed: 1,
      lastError: "timed out after 50 ms",
    });
  });

  it("commits a job with the change that caused it, and not without", async () => {
    const { ran, spec } = recorder("test.outbox");
    await expect(
      fx.deps.db.transaction().execute(async (trx) => {
        await enqueueJob(fx.deps, { kind: "test.outbox", key: "rolled-back" }, trx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await fx.deps.db.transaction().execute(async (trx) => {
      await enqueueJob(fx.deps, { kind: "test.outbox", key: "committed" }, trx);
    });
    await createJobRunner(fx.deps, { kinds: [spec] }).runOnce();
    expect(ran).toEqual(["committed"]);
  });

  it("enqueues a schedule's slot once, and after downtime only the latest missed slot", async () => {
    fx.setNow("2026-03-09T06:30:00.000Z");
    const slots: string[] = [];
    const kind: JobKind = {
      kind: "test.hourly",
      async run(_deps, job) {
        slots.push((job.payload as { slot: string }).slot);
      },
    };
    const schedules = [{ name: "hourly", cron: "0 * * * *", kind: "test.hourly" }];
    const runner = createJobRunner(fx.deps, { kinds: [kind], schedules });
    expect(await runner.runOnce()).toBe(0); // first seen: the next slot is 07:00
    fx.setNow("2026-03-09T07:00:00.000Z");
    expect(await runner.runOnce()).toBe(1);
    expect(await runner.runOnce()).toBe(0);
    fx.setNow("2026-03-09T12:20:00.000Z"); // down from 07:00 to 12:20: five slots missed
    expect(await runner.runOnce()).toBe(1);
    expect(slots).toEqual(["2026-03-09T07:00:00.000Z", "2026-03-09T12:00:00.000Z"]);
  });

  it("runs every chore at each poll, before the jobs; one that fails is logged, the rest still run", async () => {
    const { ran, spec } = recorder("test.after-chores");
    await enqueueJob(fx.deps, { kind: "test.after-chores", key: "job" });
    const order: string[] = [];
    const logged: string[] = [];
    const runner = createJobRunner(fx.deps, {
      kinds: [
        {
          ...spec,
          run: async (deps, job) => {
            order.push("job");
            await spec.run(deps, job);
          },
        },
      ],
      chores: [
        { name: "broken", run: async () => Promise.reject(new Error("disk on fire")) },
        { name: "tidy", run: async () => void order.push("tidy") },
      ],
      logger: { warn: () => {}, error: (object) => logged.push(JSON.stringify(object)) },
    });
    expect(await runner.runOnce()).toBe(1);
    expect(order).toEqual(["tidy", "job"]);
    expect(ran).toEqual(["job"]);
    expect(logged).toEqual([JSON.stringify({ chore: "broken", err: "disk on fire" })]);
    await runner.runOnce();
    expect(order).toEqual(["tidy", "job", "tidy"]);
  });

  it("moves the audit journal into the log at each poll (the server's chores)", async () => {
    const event = (i: number) => ({
      id: `J${String(i).padStart(5, "0")}`,
      actorId: null,
      actorName: "system",
      at: new Date(Date.UTC(2026, 2, 2, 8, 0, 0, i)).toISOString(),
      action: "update",
      entity: "objective",
      entityId: "O1",
      before: null,
      after: { i },
    });
    // More than one batch: the chore moves batch after batch until the journal is empty.
    await insertAuditEvents(
      fx.deps.db,
      Array.from({ length: 2500 }, (_, i) => event(i)),
    );
    const count = async (table: "audit_journal" | "audit_events") =>
      Number(
        (
          await fx.deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("id", "like", "J%")
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("audit_journal")).toBe(2500);
    await createJobRunner(fx.deps, { kinds: JOB_KINDS, chores: CHORES }).runOnce();
    expect(await count("audit_journal")).toBe(0);
    expect(await count("audit_events")).toBe(2500);
  });

  it("takes a job back from a process that died holding it, once its lease runs out", async () => {
    const { ran, spec } = recorder("test.orphan");
    await enqueueJob(fx.deps, { kind: "test.orphan", key: "orphan" });
    const now = fx.deps.now();
    const leaseUntil = new Date(now.getTime() + 60_000).toISOString();
    const [taken] = await claimDueJobs(fx.deps.db, {
      worker: "dead-process",
      now: now.toISOString(),
      leaseUntil,
      kinds: ["test.orphan"],
      limit: 1,
    });
    expect(taken?.key).toBe("orphan");
    const runner = createJobRunner(fx.deps, { kinds: [spec] });
    expect(await runner.runOnce()).toBe(0);
    fx.setNow(new Date(now.getTime() + 60_001).toISOString());
    expect(await runner.runOnce()).toBe(1);
    expect(ran).toEqual(["orphan"]);
    // The dead process's late word changes nothing.
    expect(await completeJob(fx.deps.db, taken?.id ?? "", "dead-process", leaseUntil)).toBe(false);
  });
});

describe.each(DIALECTS)("two runners on two connections (%s)", (dialect) => {
  it("run each of 100 jobs and each schedule slot exactly once", async () => {
    const empty = await createEmptyDatabase(dialect);
    const first = await openDatabase(empty.url, { migrate: true });
    const second = await openDatabase(empty.url, { migrate: true });
    try {
      let now = new Date("2026-03-02T08:00:00.000Z");
      const depsOf = (db: typeof first): AppDeps => ({
        db: db.db,
        dialect: db.dialect,
        now: () => new Date(now.getTime()),
        newId: createIdGenerator(Date.now, (n) => crypto.getRandomValues(new Uint8Array(n))),
      });
      const [a, b] = [depsOf(first), depsOf(second)];
      const ran: string[] = [];
      const kind: JobKind = {
        kind: "test.shared",
        async run(_deps, job) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          ran.push(job.key);
        },
      };
      const schedules = [{ name: "minutely", cron: "* * * * *", kind: "test.shared" }];
      for (let i = 0; i < 100; i++)
        await enqueueJob(i % 2 ? a : b, { kind: "test.shared", key: `job-${i}` });
      const runners = [
        createJobRunner(a, { kinds: [kind], schedules, worker: "a", batch: 3 }),
        createJobRunner(b, { kinds: [kind], schedules, worker: "b", batch: 3 }),
      ];
      await Promise.all(runners.map((runner) => runner.runOnce()));
      for (let minute = 1; minute <= 30; minute++) {
        now = new Date(now.getTime() + 60_000);
        await Promise.all(runners.map((runner) => runner.runOnce()));
      }
      const jobs = ran.filter((key) => key.startsWith("job-"));
      const slots = ran.filter((key) => key.startsWith("minutely@"));
      expect(new Set(jobs).size).toBe(100);
      expect(jobs).toHaveLength(100);
      expect(new Set(slots).size).toBe(30);
      expect(slots).toHaveLength(30);
    } finally {
      await first.close();
      await second.close();
      await empty.drop();
    }
  });
});
