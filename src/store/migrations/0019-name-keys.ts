/**
 * Names compare by one key (decisions/0059): `people.name_key`, `people.title_key` and
 * `teams.name_key` hold `nameKey` of the name and the title (NFC, trimmed, spaces collapsed,
 * lower case by the full Unicode rules), and the look-ups by name and title compare those.
 * SQL's `lower()` folds only ASCII on SQLite (and on PostgreSQL under the C locale), so the keys
 * are computed here, in JavaScript, for the rows already there: both databases get the same
 * keys. The columns are nullable (SQLite adds no NOT NULL column without a default); every write
 * of a name or title writes its key. The indexes are not unique: a workspace may already hold
 * two teams whose names differ only by a letter's case outside ASCII.
 *
 * The rows are read and written a page at a time, ordered by id, each page's keys in one
 * statement. A change of the key's rule later needs a migration of its own that computes the
 * keys again.
 */
import { type Kysely, sql } from "kysely";
import { nameKey } from "../../core/name-key.js";

/** Rows read and written per statement: three parameters each, well under both limits. */
const PAGE = 500;

interface Keyed {
  id: string;
  name_key: string;
  title_key: string | null;
}

/** Writes the keys of one page of rows in one statement (`update … from (values …)`). */
// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
async function writeKeys(db: Kysely<any>, table: "people" | "teams", rows: Keyed[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((row) => sql`(${row.id}, ${row.name_key}, ${row.title_key})`),
    sql`, `,
  );
  const titleKey = table === "people" ? sql`, title_key = keyed.column3` : sql``;
  await sql`update ${sql.table(table)} set name_key = keyed.column2${titleKey}
    from (values ${values}) as keyed
    where ${sql.table(table)}.id = keyed.column1`.execute(db);
}

/** Computes the keys of every row of `table`, a page at a time. */
// biome-ignore lint/suspicious/noExplicitAny: see writeKeys()
async function backfill(db: Kysely<any>, table: "people" | "teams"): Promise<void> {
  const columns = table === "people" ? ["id", "name", "title"] : ["id", "name"];
  let after: string | undefined;
  for (;;) {
    let query = db.selectFrom(table).select(columns).orderBy("id").limit(PAGE);
    if (after !== undefined) query = query.where("id", ">", after);
    const page = (await query.execute()) as { id: string; name: string; title?: string | null }[];
    await writeKeys(
      db,
      table,
      page.map((row) => ({
        id: row.id,
        name_key: nameKey(row.name),
        title_key: row.title == null ? null : nameKey(row.title),
      })),
    );
    const last = page[page.length - 1];
    if (page.length < PAGE || last === undefined) return;
    after = last.id;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see writeKeys()
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("people").addColumn("name_key", "text").execute();
  await db.schema.alterTable("people").addColumn("title_key", "text").execute();
  await db.schema.alterTable("teams").addColumn("name_key", "text").execute();
  await backfill(db, "people");
  await backfill(db, "teams");
  await db.schema.createIndex("people_name_key_idx").on("people").column("name_key").execute();
  await db.schema.createIndex("people_title_key_idx").on("people").column("title_key").execute();
  await db.schema.createIndex("teams_name_key_idx").on("teams").column("name_key").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see writeKeys()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("teams_name_key_idx").execute();
  await db.schema.dropIndex("people_title_key_idx").execute();
  await db.schema.dropIndex("people_name_key_idx").execute();
  await db.schema.alterTable("teams").dropColumn("name_key").execute();
  await db.schema.alterTable("people").dropColumn("title_key").execute();
  await db.schema.alterTable("people").dropColumn("name_key").execute();
}
