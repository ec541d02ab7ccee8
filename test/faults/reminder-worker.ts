/**
 * One app process of the two-process reminder test. The test moves one clock for all
 * processes, as a wall clock would: each line on stdin is an instant; the process sets its
 * clock there, runs the job queue (schedules included) and answers "ok". A line
 * "drain <instant>" runs what is left without ticking the schedules. Arguments: database URL,
 * SMTP URL, from-address.
 */
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { JOB_KINDS, SCHEDULES } from "../../src/app/job-kinds.js";
import { createJobRunner } from "../../src/app/jobs.js";
import { createIdGenerator } from "../../src/core/ids.js";
import { openDatabase } from "../../src/store/database.js";

const [databaseUrl = "", smtpUrl = "", from = ""] = process.argv.slice(2);
const opened = await openDatabase(databaseUrl);
let clock = new Date(0);
const deps = {
  db: opened.db,
  dialect: opened.dialect,
  now: () => new Date(clock.getTime()),
  newId: createIdGenerator(Date.now, (n) => randomBytes(n)),
  rhythm: { mail: { smtpUrl, from }, publicUrl: "http://okr.test" },
};
const runner = createJobRunner(deps, { kinds: JOB_KINDS, schedules: SCHEDULES, worker: from });
const drainer = createJobRunner(deps, { kinds: JOB_KINDS, worker: from });
for await (const line of createInterface({ input: process.stdin })) {
  const [word = "", at = word] = line.trim().split(" ");
  clock = new Date(at);
  await (word === "drain" ? drainer : runner).runOnce();
  process.stdout.write("ok\n");
}
await opened.close();
