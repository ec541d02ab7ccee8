/**
 * The built `okr serve` (`npm run build`: one CommonJS bundle run with V8's code cache,
 * decisions/0051) against the server run from source: the same answers, V8 taking the cache the
 * build wrote, the packages left outside the bundle loading (argon2 at sign-up, the browser
 * driver for the review PDF), and a start whose flags make V8 refuse the cache still serving.
 * The bundle is what users run; the rest of the suite runs the source.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer } from "../../test/support/local-server.js";

const MAIN = resolve(import.meta.dirname, "../../dist/cli/main.js");
const PASSWORD = "correct horse battery staple";
const ULID = /\b[0-9A-HJKMNP-TV-Z]{26}\b/g;

interface Started {
  child: ChildProcess;
  url: string;
  listening: Record<string, unknown>;
  stderr: () => string;
}

/** `node dist/cli/main.js serve` on a free port; answers once it logs that it listens. */
async function startBuilt(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  if (!existsSync(MAIN)) throw new Error("dist/cli/main.js is missing: run `npm run build` first");
  const child = spawn(
    process.execPath,
    [MAIN, "serve", "--port", "0", "--host", "127.0.0.1", "--database-url", databaseUrl],
    { env: { ...process.env, NODE_OPTIONS: "", ...env, OKR_LOG_LEVEL: "info" } },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const listening = await new Promise<Record<string, unknown>>((done, fail) => {
    child.once("exit", (code) => fail(new Error(`okr serve stopped (${code}): ${stderr}`)));
    lines.on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === "okr is listening") done(entry);
    });
  });
  return { child, url: `http://127.0.0.1:${listening.port}`, listening, stderr: () => stderr };
}

async function stopBuilt(started: Started): Promise<void> {
  const exited = new Promise((done) => started.child.once("exit", done));
  started.child.kill("SIGTERM");
  await exited;
}

async function json<T = unknown>(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T };
}

interface Session {
  cookie: string;
  csrfToken: string;
}

/** Sets up the first admin, signed in. */
async function signedIn(url: string): Promise<Session> {
  const response = await fetch(`${url}/api/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@example.com", name: "Admin", password: PASSWORD }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] as string;
  return { cookie, csrfToken: body.csrfToken };
}

/**
 * The example company as a reader sees it: the periods, and every closed period's tree with
 * its scores, ids written as ID (they are random per database).
 */
async function exampleCompany(url: string, session: Session): Promise<string> {
  const headers = { cookie: session.cookie };
  const periods = await json<{ periods: { id: string; closedAt: string | null }[] }>(
    `${url}/api/periods`,
    { headers },
  );
  const trees: unknown[] = [];
  for (const period of periods.body.periods) {
    if (period.closedAt === null) continue;
    trees.push((await json(`${url}/api/periods/${period.id}/tree`, { headers })).body);
  }
  return JSON.stringify({ periods: periods.body, trees }).replace(ULID, "ID");
}

/**
 * A page in the signs people type, some beyond ASCII: the parser's patterns for them are
 * written with those characters, which the bundle holds as escapes (scripts/bundle.mjs).
 */
const PAGE = `# FY27-Q1 OKRs

## Objective 1 – Make the first week painless (owner: Ana Díaz)

- ✅ KR 1.1: Cut the time to a first check-in from 3 days → 1 day. Result: ≈ 1 day (100%)
- ☑ KR 1.2 — Reach ≥ 80% activation of new teams… ~75% reached
- [P1] KR 1.3: Ship the guided tour by “end of February” – 60%
- ✔️ KR 1.4: 😀 Five teams say the tour helped → 3/5

## Objective 2: Keep what we promised

- KR 2.1: Answer 95% of tickets within a day → 97% ✅
- KR 2.2: Cut open bugs from 120 to ≤ 40 – 30%
`;

/** What importing {@link PAGE} would do, as the preview tells it. */
async function previewOfPage(url: string, session: Session): Promise<string> {
  const preview = await json(`${url}/api/import/preview`, {
    method: "POST",
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
      "content-type": "text/markdown",
    },
    body: PAGE,
  });
  return JSON.stringify(preview).replace(ULID, "ID");
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "okr-built-server-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the built okr serve", () => {
  it("takes the code cache the build wrote and answers as the source does", async () => {
    const built = await startBuilt(`sqlite:${join(dir, "built.db")}`);
    const source = await startLocalServer(`sqlite:${join(dir, "source.db")}`, {
      exampleData: true,
    });
    try {
      expect(built.listening.codeCache).toBe("used");
      expect(built.listening.exampleData).toEqual(["2026-Q2", "2026-Q3", "2026-Q4"]);
      const [builtSession, sourceSession] = [await signedIn(built.url), await signedIn(source.url)];
      const fromBuilt = await exampleCompany(built.url, builtSession);
      const fromSource = await exampleCompany(source.url, sourceSession);
      // Two closed quarters with their items, scores and check-ins, parsed from the example pages.
      expect(fromBuilt.length).toBeGreaterThan(20_000);
      expect(fromBuilt).toContain('"score":{"score":0.');
      expect(fromBuilt).toBe(fromSource);
      const previewBuilt = await previewOfPage(built.url, builtSession);
      expect(previewBuilt).toContain("Make the first week painless");
      expect(previewBuilt).toBe(await previewOfPage(source.url, sourceSession));
      // The browser driver stays outside the bundle and loads with `require`.
      const periods = await json<{ periods: { id: string }[] }>(`${built.url}/api/periods`, {
        headers: { cookie: builtSession.cookie },
      });
      const pdf = await fetch(
        `${built.url}/api/periods/${periods.body.periods[0]?.id}/review.pdf`,
        {
          headers: { cookie: builtSession.cookie },
        },
      );
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
      expect(built.stderr()).toBe("");
    } finally {
      await stopBuilt(built);
      await source.close();
    }
  });

  it("is a program of its own: the package's okr command runs without naming node", () => {
    const version = execFileSync(MAIN, ["--version"], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("serves as well when V8 refuses the cache (other flags), without a word on stderr", async () => {
    const built = await startBuilt(`sqlite:${join(dir, "flags.db")}`, {
      NODE_OPTIONS: "--max-old-space-size=1024",
    });
    try {
      expect(built.listening.codeCache).toBe("rejected");
      const { cookie } = await signedIn(built.url);
      const me = await json<{ user: { role: string } }>(`${built.url}/api/session`, {
        headers: { cookie },
      });
      expect(me.body.user.role).toBe("admin");
      const health = await json(`${built.url}/api/health`);
      expect(health).toEqual({
        status: 200,
        body: { status: "ok", database: "sqlite", version: expect.any(String) },
      });
      expect(built.stderr()).toBe("");
    } finally {
      await stopBuilt(built);
    }
  });
});
