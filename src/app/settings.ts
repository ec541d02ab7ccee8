/** Workspace settings: fiscal calendar, grading bands, roll-up options. Read by all, written by admins. */

import { OkrError } from "../core/errors.js";
import type { Settings } from "../core/types.js";
import type { Db } from "../store/db.js";
import { withTransaction } from "../store/db.js";
import { findPeriod } from "../store/periods.repository.js";
import * as store from "../store/settings.repository.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertAdmin } from "./permissions.js";
import { SettingsSchema } from "./schemas.js";

/** The workspace's settings, defaults filled in. */
export async function loadSettings(db: Db): Promise<Settings> {
  return store.getSettings(db);
}

/** The settings, for anyone signed in. */
export async function getSettings(deps: AppDeps, _actor: Actor): Promise<Settings> {
  return loadSettings(deps.db);
}

/**
 * Replaces the settings (admins only); every field may be given, missing ones keep their
 * stored value. Nonsense is refused with `invalid_input` or `invalid_config`.
 */
export async function putSettings(deps: AppDeps, actor: Actor, input: unknown): Promise<Settings> {
  const patch = parseInput(SettingsSchema.partial(), input);
  assertAdmin(actor, "change settings");
  return withTransaction(deps.db, async (trx) => {
    await assertPeriodsExist(trx, patch.publicSite?.periods);
    const before = await store.getSettings(trx);
    const after = await store.putSettings(trx, patch, nowIso(deps));
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "settings",
      entityId: "workspace",
      before,
      after,
    });
    return after;
  });
}

/** Every period marked public must exist: a mistyped id is refused, naming it. */
async function assertPeriodsExist(db: Db, ids: readonly string[] | undefined): Promise<void> {
  for (const [index, id] of (ids ?? []).entries()) {
    if (!(await findPeriod(db, id))) {
      throw new OkrError(
        "invalid_input",
        `publicSite.periods[${index}]: no period with id '${id}'`,
        {
          field: `publicSite.periods.${index}`,
        },
      );
    }
  }
}
