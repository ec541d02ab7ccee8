/**
 * A step of `npm run build`, after the compiler: runs every migration on a SQLite database in
 * memory and writes what they made (the statements of its tables, indexes and triggers, and
 * the rows the migrations wrote) to `dist/store/fresh-sqlite-schema.json`. The server makes an
 * empty SQLite file from it in one step (`src/store/fresh-schema.ts`, decisions/0050).
 */
import { writeFileSync } from "node:fs";
import { openDatabase } from "../dist/store/database.js";
import { readFreshSchema } from "../dist/store/fresh-schema.js";
import { migrateToLatest } from "../dist/store/migrate.js";
import { MIGRATIONS } from "../dist/store/migrations/index.js";

const opened = await openDatabase("sqlite::memory:");
try {
  await migrateToLatest(opened.db, { freshSchema: false });
  const schema = await readFreshSchema(opened.db, Object.keys(MIGRATIONS));
  writeFileSync(
    new URL("../dist/store/fresh-sqlite-schema.json", import.meta.url),
    `${JSON.stringify(schema, null, 1)}\n`,
  );
} finally {
  await opened.close();
}
