/**
 * The cascade of a period: objectives ▸ key results ▸ aligned objectives, each objective with
 * its roll-up and explanation. One read of the period's items, then pure core work, so it
 * stays fast at thousands of items.
 */

import { z } from "zod";
import { buildTree, forEachObjectiveNode, type ObjectiveNode } from "../core/tree.js";
import type { Id, KeyResult, Objective, Period, RollUp } from "../core/types.js";
import type { Db } from "../store/db.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { getPeriod } from "../store/periods.repository.js";
import { rollUpCompany } from "./dashboard-data.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { isInsider } from "./permissions.js";
import { IdSchema } from "./schemas.js";
import { loadSettings } from "./settings.js";
import { findConfidentialIds, hideTextInPlace, presentKeyResultInPlace } from "./visibility.js";

export const TreeInputSchema = z.object({ includeArchived: z.boolean().default(false) });

export interface PeriodTree {
  period: Period;
  /** The company score: the roll-up of the top-level objectives. */
  score: RollUp;
  roots: ObjectiveNode[];
  /** Objectives and key results in the tree. */
  count: { objectives: number; keyResults: number };
}

export interface VisiblePeriodItems {
  objectives: Objective[];
  keyResults: KeyResult[];
}

/**
 * A period's items the actor may see, numbers not yet redacted (roll-ups need them; present
 * key results before they leave the app). Archived items only when asked for.
 */
export async function loadVisiblePeriodItems(
  db: Db,
  actor: Actor,
  periodId: Id,
  options: { includeArchived?: boolean; keepText?: boolean } = {},
): Promise<VisiblePeriodItems> {
  const { objectives, keyResults } = await listPeriodItems(db, periodId);
  // Read for this answer alone: a hidden target's numbers leave its title here and now.
  if (!options.keepText) hideTextInPlace(actor, keyResults);
  const hidden = isInsider(actor)
    ? new Set<Id>()
    : findConfidentialIds([...objectives, ...keyResults]);
  const keep = (item: Objective | KeyResult) =>
    !hidden.has(item.id) && (options.includeArchived || !item.archived);
  return { objectives: objectives.filter(keep), keyResults: keyResults.filter(keep) };
}

/** The tree of a period as the actor may see it; `{includeArchived: true}` keeps archived items. */
export async function getPeriodTree(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  input: unknown = {},
): Promise<PeriodTree> {
  const id = parseInput(IdSchema, periodId);
  const options = parseInput(TreeInputSchema, input);
  const [period, settings] = await Promise.all([getPeriod(deps.db, id), loadSettings(deps.db)]);
  const { objectives, keyResults } = await loadVisiblePeriodItems(deps.db, actor, id, options);
  const roots = buildTree(objectives, keyResults, settings);
  let objectiveCount = 0;
  let keyResultCount = 0;
  forEachObjectiveNode(roots, (node) => {
    objectiveCount++;
    for (const krNode of node.keyResults) {
      keyResultCount++;
      // The key results were read for this answer alone: present them without copying.
      krNode.keyResult = presentKeyResultInPlace(actor, krNode.keyResult);
    }
  });
  return {
    period,
    score: rollUpCompany(roots, settings),
    roots,
    count: { objectives: objectiveCount, keyResults: keyResultCount },
  };
}
