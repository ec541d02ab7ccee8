/** Workspace settings: one row per top-level key, JSON text, merged over the defaults. */
import { OkrError } from "../core/errors.js";
import { resolveSettings } from "../core/settings.js";
import type { IsoDateTime, Settings } from "../core/types.js";
import type { Db } from "./db.js";

const KEYS = ["calendar", "grading", "rollUp", "sweetSpot", "staleDays", "publicSite"] as const;
type Key = (typeof KEYS)[number];

/** What a write may set: any top-level key, nested objects partly. */
export interface SettingsPatch {
  calendar?: Partial<Settings["calendar"]>;
  grading?: Settings["grading"];
  rollUp?: Partial<Settings["rollUp"]>;
  sweetSpot?: number;
  staleDays?: number;
  publicSite?: Partial<Settings["publicSite"]>;
}

async function readStored(db: Db): Promise<SettingsPatch> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    if (!(KEYS as readonly string[]).includes(row.key)) continue;
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      throw new OkrError(
        "invalid_config",
        `The stored setting '${row.key}' is not valid JSON; set it again with PUT /api/settings`,
      );
    }
  }
  return stored as SettingsPatch;
}

/** The settings: what is stored, merged over `DEFAULT_SETTINGS`. */
export async function getSettings(db: Db): Promise<Settings> {
  return resolveSettings(await readStored(db));
}

/** Merges `patch` over the stored settings, validates the result, stores it and returns it. */
export async function putSettings(
  db: Db,
  patch: SettingsPatch,
  at: IsoDateTime = new Date().toISOString(),
): Promise<Settings> {
  const stored = await readStored(db);
  const merged: SettingsPatch = {
    calendar: { ...stored.calendar, ...patch.calendar },
    grading: patch.grading ?? stored.grading,
    rollUp: { ...stored.rollUp, ...patch.rollUp },
    sweetSpot: patch.sweetSpot ?? stored.sweetSpot,
    staleDays: patch.staleDays ?? stored.staleDays,
    publicSite: { ...stored.publicSite, ...patch.publicSite },
  };
  const settings = resolveSettings(merged);
  for (const key of KEYS as readonly Key[]) {
    const value = JSON.stringify(settings[key]);
    await db
      .insertInto("settings")
      .values({ key, value, updated_at: at })
      .onConflict((conflict) => conflict.column("key").doUpdateSet({ value, updated_at: at }))
      .execute();
  }
  return settings;
}

/**
 * Claims a one-time step (`setup`) for this database: true for the one caller whose row went
 * in, false for every other, in any number of processes (the key is the primary key).
 */
export async function claimOnce(
  db: Db,
  step: string,
  at: IsoDateTime = new Date().toISOString(),
): Promise<boolean> {
  const result = await db
    .insertInto("settings")
    .values({ key: `once:${step}`, value: JSON.stringify(at), updated_at: at })
    .onConflict((conflict) => conflict.column("key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
