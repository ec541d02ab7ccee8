/** Team retrospectives on import: created, replaced or left as they are; others stay. */
import type { OkrDocument } from "../core/document.js";
import type { Id, Retrospective } from "../core/types.js";
import type { Db } from "../store/db.js";
import { listRetrospectives, replaceRetrospectives } from "../store/retrospectives.repository.js";
import { nowIso } from "./context.js";
import type { AppDeps } from "./deps.js";
import type { ImportAction, ImportChange } from "./import-types.js";

export interface RetrospectiveImport {
  deps: AppDeps;
  db: Db;
  /** Null in a dry run whose period does not exist yet. */
  periodId: Id | null;
  dryRun: boolean;
  record(change: ImportChange): void;
}

export async function importRetrospectives(
  { deps, db, periodId, dryRun, record }: RetrospectiveImport,
  wanted: OkrDocument["retrospectives"],
): Promise<void> {
  if (wanted.length === 0) return;
  const stored = periodId === null ? [] : await listRetrospectives(db, periodId);
  const byTeam = new Map(stored.map((r) => [r.team, r]));
  let changed = false;
  for (const retro of wanted) {
    const current = byTeam.get(retro.team);
    const same =
      current !== undefined &&
      JSON.stringify([current.good, current.bad, current.try]) ===
        JSON.stringify([retro.good, retro.bad, retro.try]);
    const action: ImportAction = current === undefined ? "create" : same ? "unchanged" : "update";
    if (action !== "unchanged") changed = true;
    record({
      action,
      entity: "retrospective",
      line: 0,
      label: `Retrospective: ${retro.team}`,
    });
  }
  if (!changed || dryRun || periodId === null) return;
  const merged: Retrospective[] = stored.map((r) => {
    const next = wanted.find((w) => w.team === r.team);
    return next ? { ...r, good: next.good, bad: next.bad, try: next.try } : r;
  });
  for (const retro of wanted) {
    if (!byTeam.has(retro.team)) {
      merged.push({ id: deps.newId(), periodId: periodId, ...retro });
    }
  }
  const unique = merged.filter((r, i) => merged.findIndex((o) => o.team === r.team) === i);
  await replaceRetrospectives(db, periodId, unique, nowIso(deps));
}
