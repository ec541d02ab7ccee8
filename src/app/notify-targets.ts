/**
 * What a check-in needs to know to tell anyone about it, kept per process between writes: the
 * items anyone chose to follow or unfollow, the accounts that are people (the owners who
 * follow their own), and the active webhooks. Each is kept with the write counter it was read
 * under (migration 0014: triggers step it on every write to its tables, from any process), so
 * while nothing changed a check-in reads none of them; after a change, the first check-in reads
 * them again (docs/decisions/0035).
 */
import type { Id } from "../core/types.js";
import type { Db } from "../store/db.js";
import { listAccountPeople } from "../store/follows.repository.js";
import { listActiveWebhooks, type Webhook } from "../store/webhooks.repository.js";
import {
  listItemsWithFollowChoices,
  type WriteCounterName,
  type WriteCounters,
} from "../store/write-counters.repository.js";

export type AccountPerson = Awaited<ReturnType<typeof listAccountPeople>>[number];

/** What notifying of a change needs, as of the counters it was read under. */
export interface NotifyTargets {
  /** Items with any follow choice; the others are followed by their owners only. */
  itemsWithChoices: ReadonlySet<Id>;
  accounts: readonly AccountPerson[];
  webhooks: readonly Webhook[];
}

interface Kept<T> {
  counter: string;
  value: Promise<T>;
  /** The value once read. */
  ready?: T;
}

type Cache = { [K in WriteCounterName]?: Kept<unknown> };

/** One cache per database (tests open many in one process). */
const caches = new WeakMap<object, Cache>();

const LOADERS: { [K in WriteCounterName]: (db: Db) => Promise<unknown> } = {
  follows: listItemsWithFollowChoices,
  accounts: listAccountPeople,
  webhooks: listActiveWebhooks,
};

function kept<T>(cache: Cache, name: WriteCounterName, counter: string, db: Db): Promise<T> {
  const found = cache[name];
  // A counter missing (a database before migration 0014) keeps nothing.
  if (found && counter !== "" && found.counter === counter) return found.value as Promise<T>;
  const value = LOADERS[name](db) as Promise<T>;
  if (counter !== "") {
    const entry: Kept<unknown> = { counter, value };
    cache[name] = entry;
    value.then(
      (ready) => {
        entry.ready = ready;
      },
      // A failed read is not kept: the next check-in reads again.
      () => {
        if (cache[name] === entry) delete cache[name];
      },
    );
  }
  return value;
}

/**
 * The targets as of `counters` (read in `db`, the change's transaction): from this process's
 * cache where the counter has not moved since, else read in `db` and kept.
 */
export async function notifyTargets(
  database: object,
  db: Db,
  counters: WriteCounters,
): Promise<NotifyTargets> {
  let cache = caches.get(database);
  if (!cache) {
    cache = {};
    caches.set(database, cache);
  }
  const [itemsWithChoices, accounts, webhooks] = await Promise.all([
    kept<Set<Id>>(cache, "follows", counters.follows, db),
    kept<AccountPerson[]>(cache, "accounts", counters.accounts, db),
    kept<Webhook[]>(cache, "webhooks", counters.webhooks, db),
  ]);
  return { itemsWithChoices, accounts, webhooks };
}

/**
 * The targets this process keeps with the counters they were read under, reading nothing:
 * undefined unless all three are kept and read. For a check-in planned without a read
 * (decisions/0041), whose write holds only where the counters are still these.
 */
export function keptNotifyTargets(
  database: object,
): { counters: WriteCounters; targets: NotifyTargets } | undefined {
  const cache = caches.get(database);
  const follows = cache?.follows;
  const accounts = cache?.accounts;
  const webhooks = cache?.webhooks;
  if (!follows?.ready || !accounts?.ready || !webhooks?.ready) return undefined;
  return {
    counters: { follows: follows.counter, accounts: accounts.counter, webhooks: webhooks.counter },
    targets: {
      itemsWithChoices: follows.ready as Set<Id>,
      accounts: accounts.ready as AccountPerson[],
      webhooks: webhooks.ready as Webhook[],
    },
  };
}
