/**
 * The check-in bench's baseline: a bare `node:http` server that does only what a check-in must,
 * with nothing of the product in between. It reads the JSON body, writes one check-in row with
 * a single INSERT (its own transaction) into the same database the app serves, and answers 201
 * with the row as JSON. Started as a child process the same way as the app, and reached over the
 * same kind of socket (TCP on 127.0.0.1, keep-alive), so the ratio measures the app's own work.
 *
 * On SQLite it writes into its own page-for-page copy of the app's file (made with SQLite's
 * backup at start): a server is the one process writing its file, and two processes writing one
 * file by turns would each find its page cache emptied by the other before every request, a
 * cost that no deployment pays and that falls hardest on whichever touches more pages.
 *
 *   node bench/support/raw-insert-server.mjs DATABASE_URL   prints "listening PORT" when ready
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const url = process.argv[2] ?? "";

const INSERT_COLUMNS =
  "id, key_result_id, value, progress, health, confidence, note, author_id, author_name, created_at";

/** One INSERT of a check-in row: `(row) => Promise<void>`. */
async function openInsert() {
  if (url.startsWith("sqlite:")) {
    const Database = require("better-sqlite3");
    const served = url.slice("sqlite:".length);
    const copy = `${served}.baseline`;
    const source = new Database(served, { readonly: true });
    await source.backup(copy);
    source.close();
    const db = new Database(copy);
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    const insert = db.prepare(
      `insert into check_ins (${INSERT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return async (row) => {
      insert.run(...row);
    };
  }
  const pg = require("pg");
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const text = `insert into check_ins (${INSERT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
  return async (row) => {
    await pool.query(text, row);
  };
}

const insert = await openInsert();
const PATH = /^\/api\/key-results\/([^/]+)\/check-ins$/;

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    const match = request.method === "POST" ? PATH.exec(request.url ?? "") : null;
    if (!match) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"no route"}');
      return;
    }
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const row = {
        id: randomUUID(),
        keyResultId: decodeURIComponent(match[1]),
        value: typeof body.value === "number" ? body.value : null,
        progress: typeof body.progress === "number" ? body.progress : null,
        health: typeof body.health === "string" ? body.health : null,
        confidence: typeof body.confidence === "number" ? body.confidence : null,
        note: typeof body.note === "string" ? body.note : "",
        authorId: null,
        authorName: "bench",
        createdAt: new Date().toISOString(),
      };
      await insert(Object.values(row)); if (process.env.PW) { const fs = await import('node:fs'); globalThis.__fd ??= fs.openSync('/tmp/ci/pw.bin', 'w'); const b = Buffer.alloc(4096, 1); for (let i = 0; i < Number(process.env.PW); i++) fs.writeSync(globalThis.__fd, b, 0, 4096, (i % 1000) * 4096); } if (process.env.SPIN) { const e = performance.now() + Number(process.env.SPIN) / 1000; while (performance.now() < e); }
      const text = JSON.stringify({ checkIn: row, pad: process.env.PAD ? "x".repeat(Number(process.env.PAD)) : undefined });
      response
        .writeHead(201, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
        })
        .end(text);
    } catch (error) {
      const text = JSON.stringify({ error: String(error?.message ?? error) });
      response.writeHead(500, { "content-type": "application/json" }).end(text);
    }
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
