/**
 * Whether credentials a process looked up (an API token or a session with its account) may
 * still be as they were: an epoch per opened database that steps whenever they may have
 * changed. It steps on this process's own writes to those tables (as each statement runs and
 * again when its transaction ends, so a look-up that overlapped the write is not kept), and, on
 * PostgreSQL, on every notice of a commit by any process (`okr_credentials`, sent by triggers:
 * migration 0015); on SQLite, whenever the file's data version says another connection (another
 * process: the CLI, a second server) committed anything since it was last asked. Without a live
 * channel to other processes there is no epoch, and nothing may be kept (docs/decisions/0039).
 */
import type { Kysely } from "kysely";
import { keepNewest } from "../core/collections.js";

/** The writes that can change a credential: any to accounts; to tokens and sessions, some. */
const WRITE = /\b(insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+"?(\w+)"?/gi;
const WATCHED = new Set(["users", "api_tokens", "sessions", "people"]);
/** Columns written on every use, which change nothing a request may do. */
const HARMLESS: Readonly<Record<string, ReadonlySet<string>>> = {
  api_tokens: new Set(["last_used_at"]),
  sessions: new Set(["expires_at", "last_seen_at"]),
  people: new Set(["name", "title", "team_id", "email", "updated_at"]),
};

export class CredentialWatch {
  #epoch = 0;
  #live = false;
  #others: (() => number) | undefined;
  #othersSeen: number | undefined;
  readonly #judged = new Map<string, boolean>();

  /** The current epoch, or null while changes by other processes could go unseen. */
  get epoch(): number | null {
    if (this.#others) {
      const seen = this.#others();
      if (seen !== this.#othersSeen) {
        this.#othersSeen = seen;
        this.#epoch += 1;
      }
    }
    return this.#live ? this.#epoch : null;
  }

  /**
   * Other processes' commits seen through a counter read on demand that changes whenever any
   * of them committed (SQLite's data version): the epoch is live and steps as it changes.
   */
  watchOthersBy(counter: () => number): void {
    this.#others = counter;
    this.#othersSeen = counter();
    this.setLive(true);
  }

  /** Something may have changed. */
  step(): void {
    this.#epoch += 1;
  }

  /** Whether notices of other processes' changes arrive (stepping either way). */
  setLive(live: boolean): void {
    this.#live = live;
    this.#epoch += 1;
  }

  /**
   * Whether a statement may change a credential: a write to a watched table, wherever it stands
   * in the statement (a common table expression writes too).
   */
  writes(text: string): boolean {
    if (text.length > JUDGED_TEXT_MAX) return writesCredentials(text);
    let writes = this.#judged.get(text);
    if (writes === undefined) {
      writes = writesCredentials(text);
      keepNewest(this.#judged, text, writes, JUDGED_KEPT);
    }
    return writes;
  }
}

/**
 * Statements judged per watch, by their text: the hot paths run a few dozen over and over. Long
 * ones (many rows at once) are rare and judged each time, so what is kept stays small.
 */
const JUDGED_KEPT = 500;
const JUDGED_TEXT_MAX = 4000;

function writesCredentials(text: string): boolean {
  for (const match of text.matchAll(WRITE)) {
    const table = (match[2] ?? "").toLowerCase();
    if (!WATCHED.has(table)) continue;
    const harmless = HARMLESS[table];
    if (!harmless || !/^update/i.test(match[1] ?? "")) return true;
    const columns = setColumnsOf(text.slice(match.index ?? 0));
    if (!columns.every((column) => harmless.has(column))) return true;
  }
  return false;
}

/** The columns an UPDATE sets (a statement as the query builder writes it). */
function setColumnsOf(text: string): string[] {
  const set = /\bset\s+(.*?)(?:\s+where\s|\s+returning\s|$)/is.exec(text)?.[1] ?? "";
  const columns = [...set.matchAll(/"?(\w+)"?\s*=/g)].map((m) => (m[1] ?? "").toLowerCase());
  // Nothing understood: assume the worst.
  return columns.length > 0 ? columns : ["?"];
}

const watches = new WeakMap<Kysely<never>, CredentialWatch>();

export function attachCredentialWatch(db: Kysely<never>, watch: CredentialWatch): void {
  watches.set(db, watch);
}

/**
 * The epoch of credentials as `db` (the opened database, not a transaction) sees them, or null
 * when none may be kept.
 */
export function credentialEpoch(db: object): number | null {
  return watches.get(db as Kysely<never>)?.epoch ?? null;
}
