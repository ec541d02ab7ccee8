/**
 * Use-case tests: a fresh migrated database with a clock the test moves and ids that follow
 * it, plus actors of each role.
 */

import type { Actor, AppDeps } from "../../src/app/deps.js";
import { createIdGenerator } from "../../src/core/ids.js";
import type { Id, Role } from "../../src/core/types.js";
import type { DialectName } from "../../src/store/database.js";
import { openTestDatabase } from "./databases.js";

export interface AppFixture {
  deps: AppDeps;
  /** Sets the clock (ISO 8601). */
  setNow(iso: string): void;
  /** Moves the clock forward by whole days. */
  advanceDays(days: number): void;
  close(): Promise<void>;
}

/** A fresh database of `dialect`, a fixed clock starting at `start`, ids in clock order. */
export async function openAppFixture(
  dialect: DialectName,
  start = "2020-01-15T12:00:00.000Z",
): Promise<AppFixture> {
  const opened = await openTestDatabase(dialect);
  let now = new Date(start);
  const deps: AppDeps = {
    db: opened.db,
    dialect: opened.dialect,
    now: () => new Date(now.getTime()),
    newId: createIdGenerator(
      () => now.getTime(),
      (n) => new Uint8Array(n),
    ),
  };
  return {
    deps,
    setNow(iso) {
      now = new Date(iso);
    },
    advanceDays(days) {
      now = new Date(now.getTime() + days * 86_400_000);
    },
    close: () => opened.close(),
  };
}

/** An actor of `role`; `insider` and `personId` as given. */
export function actorOf(
  role: Role,
  options: { insider?: boolean; personId?: Id | null; name?: string } = {},
): Actor {
  return {
    kind: "user",
    userId: `user-${options.name ?? role}`,
    name: options.name ?? role,
    role,
    insider: options.insider ?? false,
    personId: options.personId ?? null,
  };
}

export const ADMIN = actorOf("admin");
export const EDITOR = actorOf("editor");
export const INSIDER_EDITOR = actorOf("editor", { insider: true, name: "insider" });
export const VIEWER = actorOf("viewer");
