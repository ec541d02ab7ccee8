import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess } from "../../../test/support/cli.js";
import { signIn } from "../../app/auth.js";
import { depsOf } from "../../server/test-harness.js";
import { openDatabase } from "../../store/database.js";
import { resolvePort } from "./serve.js";

const MAIN = join(import.meta.dirname, "..", "main.ts");
const TSX = join(import.meta.dirname, "..", "..", "..", "node_modules", ".bin", "tsx");

/** Runs the real `okr` command; resolves with its exit code and output. */
function okr(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [MAIN, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

const inProcess = runOkrInProcess;

describe("okr user and okr token", () => {
  let dir: string;
  let url: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "okr-cli-"));
    url = `sqlite:${join(dir, "okr.db")}`;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("bootstraps the first admin with a password from stdin, who can then sign in", async () => {
    const added = await okr(
      [
        "user",
        "add",
        "--admin",
        "--email",
        "Root@Example.com",
        "--name",
        "Root",
        "--password-stdin",
        "--database-url",
        url,
      ],
      { stdin: "a long admin password\n" },
    );
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added root@example\.com \(admin, insider\)/);
    expect(added.stdout).not.toMatch(/Password/);
    const opened = await openDatabase(url);
    try {
      const signedIn = await signIn(depsOf(opened), {
        email: "root@example.com",
        password: "a long admin password",
      });
      expect(signedIn.user.role).toBe("admin");
    } finally {
      await opened.close();
    }
  });

  it("adds users with a generated password, lists them and changes roles", async () => {
    const added = await inProcess([
      "user",
      "add",
      "--email",
      "ed@example.com",
      "--name",
      "Ed",
      "--role",
      "editor",
      "--database-url",
      url,
    ]);
    expect(added.exitCode).toBe(0);
    expect(added.stdout).toMatch(/Added ed@example\.com \(editor\)/);
    expect(added.stdout).toMatch(/Password \(shown once\): \S{12,}/);
    const listed = await inProcess(["user", "list", "--database-url", url]);
    // Every row has the same six columns: email, role, insider, disabled, name, person.
    expect(listed.stdout).toContain("ed@example.com\teditor\t\t\tEd\t\n");
    expect(listed.stdout).toContain("root@example.com\tadmin\tinsider\t\tRoot\t\n");
    const changed = await inProcess([
      "user",
      "set-role",
      "ed@example.com",
      "viewer",
      "--insider",
      "--database-url",
      url,
    ]);
    expect(changed.stdout).toBe("ed@example.com is now viewer, insider\n");
    const wrong = await inProcess([
      "user",
      "set-role",
      "ed@example.com",
      "owner",
      "--database-url",
      url,
    ]);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toMatch(/Role must be one of admin, editor, viewer/);
    const missing = await inProcess([
      "user",
      "set-role",
      "nobody@example.com",
      "viewer",
      "--database-url",
      url,
    ]);
    expect(missing.exitCode).toBe(3);
    const duplicate = await inProcess([
      "user",
      "add",
      "--email",
      "ED@example.com",
      "--name",
      "Again",
      "--database-url",
      url,
    ]);
    expect(duplicate.exitCode).not.toBe(0);
    expect(duplicate.stderr).toMatch(/exists already/);
  });

  it("creates a token (secret alone on stdout), lists it without the secret, revokes it", async () => {
    const created = await inProcess([
      "token",
      "create",
      "--user",
      "root@example.com",
      "--name",
      "CI import",
      "--database-url",
      url,
    ]);
    expect(created.exitCode).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^okr_[A-Za-z0-9_-]{30,}$/);
    expect(created.stderr).toMatch(/Keep the secret/);
    const listed = await inProcess(["token", "list", "--json", "--database-url", url]);
    expect(listed.stdout).not.toContain(secret);
    const tokens = JSON.parse(listed.stdout) as {
      id: string;
      name: string;
      revokedAt: string | null;
    }[];
    const token = tokens.find((t) => t.name === "CI import");
    expect(token?.revokedAt).toBeNull();
    const revoked = await inProcess(["token", "revoke", token?.id ?? "", "--database-url", url]);
    expect(revoked.stdout).toMatch(/Revoked/);
    const after = await inProcess([
      "token",
      "list",
      "--user",
      "root@example.com",
      "--database-url",
      url,
    ]);
    expect(after.stdout).toMatch(/CI import\trevoked/);
  });

  it("gives a user a new password from standard input, and the old one stops working", async () => {
    const changed = await okr(
      ["user", "set-password", "root@example.com", "--password-stdin", "--database-url", url],
      { stdin: "another long password\n" },
    );
    expect(changed.stderr).toBe("");
    expect(changed.stdout).toBe("root@example.com has a new password; their sessions ended\n");
    const opened = await openDatabase(url);
    try {
      const deps = depsOf(opened);
      await expect(
        signIn(deps, { email: "root@example.com", password: "a long admin password" }),
      ).rejects.toThrow(/Wrong email or password/);
      const signedIn = await signIn(deps, {
        email: "root@example.com",
        password: "another long password",
      });
      expect(signedIn.user.email).toBe("root@example.com");
    } finally {
      await opened.close();
    }
    const nobody = await inProcess([
      "user",
      "set-password",
      "nobody@example.com",
      "--database-url",
      url,
    ]);
    expect(nobody.exitCode).toBe(3);
  });

  it("refuses a user without a password: an empty standard input is no password", async () => {
    const added = await okr(
      [
        "user",
        "add",
        "--email",
        "empty@example.com",
        "--name",
        "Empty",
        "--password-stdin",
        "--database-url",
        url,
      ],
      { stdin: "" },
    );
    expect(added.code).toBe(2);
    expect(added.stderr).toMatch(/^okr: No password on standard input/);
    expect(added.stderr).not.toMatch(/\n\s+at /);
    const listed = await inProcess(["user", "list", "--database-url", url]);
    expect(listed.stdout).not.toMatch(/empty@example\.com/);
  });
});

describe("okr serve configuration", () => {
  it("takes the port from the flag, else PORT, else 8080", () => {
    expect(resolvePort("9000", { PORT: "7000" })).toBe(9000);
    expect(resolvePort(undefined, { PORT: "7000" })).toBe(7000);
    expect(resolvePort(undefined, {})).toBe(8080);
    expect(() => resolvePort("http", {})).toThrow(/--port must be a port number/);
    expect(() => resolvePort(undefined, { PORT: "99999" })).toThrow(/PORT must be a port number/);
  });

  it("refuses bad configuration with one clear line and exit code 2", async () => {
    const [badPort, badLevel, badUrl] = await Promise.all([
      okr(["serve", "--port", "abc"]),
      okr(["serve", "--port", "0"], { env: { OKR_LOG_LEVEL: "loud" } }),
      okr(["serve", "--port", "0", "--database-url", "mysql://x"]),
    ]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr.trim().split("\n")).toEqual([
      "okr: --port must be a port number 0–65535, got 'abc' (invalid_config)",
    ]);
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toMatch(/Unknown log level 'loud'/);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).not.toMatch(/\n\s+at /);
  });

  it("starts, logs one JSON line, answers health, and stops on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "okr-serve-"));
    try {
      const child = execFile(TSX, [
        MAIN,
        "serve",
        "--port",
        "0",
        "--no-example-data",
        "--database-url",
        `sqlite:${join(dir, "okr.db")}`,
      ]);
      const line = await new Promise<string>((resolve, reject) => {
        let buffer = "";
        child.stdout?.on("data", (chunk) => {
          buffer += chunk;
          if (buffer.includes("\n")) resolve(buffer.split("\n")[0] ?? "");
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      const log = JSON.parse(line) as { msg: string; url: string; database: string; level: number };
      expect(log).toMatchObject({ msg: "okr is listening", database: "sqlite", level: 30 });
      const health = await fetch(`${log.url}/api/health`);
      expect(await health.json()).toMatchObject({ status: "ok", database: "sqlite" });
      const exited = new Promise<number | null>((resolve) =>
        child.on("exit", (code) => resolve(code)),
      );
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
