/**
 * The gzip bomb: a small `.gz` file that unpacks to one endless line. `okr import` stops at the
 * line limit with a clear error instead of reading it all (it once ran for minutes at 840 MB).
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess } from "../../../test/support/cli.js";
import { MAX_BACKUP_LINE } from "../../store/backup.js";

/** Writes `bytes` of one line ('a'…) gzipped to `file`, a megabyte at a time. */
async function writeBomb(file: string, bytes: number): Promise<void> {
  const block = Buffer.alloc(1024 * 1024, "a");
  async function* blocks() {
    for (let written = 0; written < bytes; written += block.length) yield block;
  }
  await pipeline(blocks(), createGzip({ level: 1 }), createWriteStream(file));
}

describe("okr import of a gzip bomb", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-bomb-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a .gz that unpacks to one line past the limit stops with the limit in words", async () => {
    const bomb = join(dir, "bomb.jsonl.gz");
    await writeBomb(bomb, MAX_BACKUP_LINE * 4);
    const result = await runOkrInProcess([
      "import",
      "--database-url",
      `sqlite:${join(dir, "okr.db")}`,
      bomb,
    ]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain("Line 1 of the backup is longer than 16,777,216 characters");
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
