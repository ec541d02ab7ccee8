/**
 * The cascade of a period: objectives ▸ key results ▸ aligned objectives, each objective with
 * its roll-up and explanation. One read of the period's items, then pure core work, so it
 * stays fast at thousands of items.
 */

import { z } from "zod";
import { buildTree, forEachObjectiveNode } from "../core/tree.js";
import type { Id, KeyResult, Objective, Period, RollUp } from "../core/types.js";
import { type Db, notFound } from "../store/db.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import {
  hiddenCarriedIdsFor,
  hideCarriedInPlace,
  NONE_HIDDEN,
  withCarriedShown,
} from "./carried-links.js";
import { rollUpCompany } from "./dashboard-data.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { getVisibleItem } from "./items.js";
import { type PeriodModel, periodModelAt } from "./period-model.js";
import { isInsider } from "./permissions.js";
import { cachedRead, readVersionOfPeriod, visibilityClassOf } from "./read-cache.js";
import { IdSchema } from "./schemas.js";
import {
  findConfidentialIds,
  hideTextInPlace,
  presentKeyResultInPlace,
  shownPositions,
  type VisibleKeyResult,
} from "./visibility.js";

export const TreeInputSchema = z.object({ includeArchived: z.boolean().default(false) });

/**
 * A roll-up as the tree carries it: the score and whether the cap bit. What makes it up
 * repeats the children's own data, so it is asked for per objective (`getObjectiveRollUp`).
 */
export interface TreeRollUp {
  score: number | null;
  capped: boolean;
}

export interface TreeKeyResultNode {
  type: "key_result";
  keyResult: VisibleKeyResult;
  children: TreeObjectiveNode[];
}

/** An objective in the tree: each item's data once, its score without the explanation. */
export interface TreeObjectiveNode {
  type: "objective";
  objective: Objective;
  rollUp: TreeRollUp;
  depth: number;
  keyResults: TreeKeyResultNode[];
  children: TreeObjectiveNode[];
}

export interface PeriodTree {
  period: Period;
  /** The company score: the roll-up of the top-level objectives. */
  score: TreeRollUp;
  roots: TreeObjectiveNode[];
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
  // So do the carry-over links that name what this reader may not see (decisions/0066).
  const hiddenCarried = await hiddenCarriedIdsFor(db, actor, [...objectives, ...keyResults]);
  if (hiddenCarried.size > 0) {
    for (const item of objectives) hideCarriedInPlace(item, hiddenCarried);
    for (const item of keyResults) hideCarriedInPlace(item, hiddenCarried);
  }
  const keep = (item: Objective | KeyResult) =>
    !hidden.has(item.id) && (options.includeArchived || !item.archived);
  // Read for this answer alone: places beside a hidden objective are changed here and now.
  const shown = hidden.size === 0 ? undefined : shownPositions(objectives, hidden);
  if (shown?.size) {
    for (const objective of objectives)
      objective.position = shown.get(objective.id) ?? objective.position;
  }
  return { objectives: objectives.filter(keep), keyResults: keyResults.filter(keep) };
}

/**
 * The items of a period's model the actor may see, as `loadVisiblePeriodItems` gives them:
 * key results copied (the model is shared; presenting them changes them), objectives shared.
 */
export function visibleItemsOf(
  model: PeriodModel,
  actor: Actor,
  options: { includeArchived?: boolean } = {},
): VisiblePeriodItems {
  const keyResults = model.keyResults.map((kr) => ({ ...kr }));
  hideTextInPlace(actor, keyResults);
  const insider = isInsider(actor);
  // Carry-over links naming what a non-insider may not see read null (decisions/0066): the
  // key results are copies already; objectives that name such an id are copied.
  const hiddenCarried = insider ? NONE_HIDDEN : model.hiddenCarried;
  for (const kr of keyResults) hideCarriedInPlace(kr, hiddenCarried);
  const objectives =
    hiddenCarried.size === 0
      ? model.objectives
      : model.objectives.map((o) => withCarriedShown(o, hiddenCarried));
  const hidden = insider ? new Set<Id>() : confidentialIdsOf(model);
  const keep = (item: Objective | KeyResult) =>
    !hidden.has(item.id) && (options.includeArchived || !item.archived);
  const shown = hidden.size === 0 ? undefined : shownPositionsOf(model, hidden);
  if (!shown?.size) {
    return { objectives: objectives.filter(keep), keyResults: keyResults.filter(keep) };
  }
  // The model's objectives are shared: those whose place a hidden sibling moves are copied.
  const placed = objectives.filter(keep).map((objective) => {
    const position = shown.get(objective.id);
    return position === undefined ? objective : { ...objective, position };
  });
  return { objectives: placed, keyResults: keyResults.filter(keep) };
}

/** The places a non-insider reads beside the hidden objectives of `model`, kept as the ids are. */
const shownByObjectives = new WeakMap<readonly Objective[], Map<Id, number>>();

function shownPositionsOf(model: PeriodModel, hidden: ReadonlySet<Id>): Map<Id, number> {
  let shown = shownByObjectives.get(model.objectives);
  if (!shown) {
    shown = shownPositions(model.objectives, hidden);
    shownByObjectives.set(model.objectives, shown);
  }
  return shown;
}

/**
 * The ids under a confidential objective in `model`. Check-ins change no alignment and no
 * confidential mark, and a model brought forward by check-ins shares its objectives with the
 * one before (decisions/0029): kept per list of objectives.
 */
const confidentialByObjectives = new WeakMap<readonly Objective[], Set<Id>>();

function confidentialIdsOf(model: PeriodModel): Set<Id> {
  let hidden = confidentialByObjectives.get(model.objectives);
  if (!hidden) {
    hidden = findConfidentialIds([...model.objectives, ...model.keyResults]);
    confidentialByObjectives.set(model.objectives, hidden);
  }
  return hidden;
}

/** The period's model at `version`, or at the version read now. */
export async function modelOf(deps: AppDeps, periodId: Id, version?: string): Promise<PeriodModel> {
  return periodModelAt(deps, periodId, version ?? (await readVersionOfPeriod(deps, periodId)));
}

/**
 * The tree of a period as the actor may see it; `{includeArchived: true}` keeps archived items.
 * `version`: the period's read version when the caller has just read it.
 */
export async function getPeriodTree(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  input: unknown = {},
  version?: string,
): Promise<PeriodTree> {
  const id = parseInput(IdSchema, periodId);
  const options = parseInput(TreeInputSchema, input);
  return periodTreeOf(await modelOf(deps, id, version), actor, options);
}

/** The tree of a period's model as the actor may see it. */
export function periodTreeOf(
  model: PeriodModel,
  actor: Actor,
  options: { includeArchived?: boolean },
): PeriodTree {
  const { period, settings } = model;
  const { objectives, keyResults } = visibleItemsOf(model, actor, options);
  const roots = buildTree(objectives, keyResults, settings);
  const company = options.includeArchived
    ? companyScoreOf(model, actor)
    : rollUpCompany(roots, settings);
  let objectiveCount = 0;
  let keyResultCount = 0;
  // The nodes were built for this answer alone: present and compact them in place.
  forEachObjectiveNode(roots, (node) => {
    objectiveCount++;
    const { score, capped } = node.rollUp;
    (node as unknown as TreeObjectiveNode).rollUp = { score, capped };
    for (const krNode of node.keyResults) {
      keyResultCount++;
      krNode.keyResult = presentKeyResultInPlace(actor, krNode.keyResult);
    }
  });
  return {
    period,
    score: { score: company.score, capped: company.capped },
    roots: roots as unknown as TreeObjectiveNode[],
    count: { objectives: objectiveCount, keyResults: keyResultCount },
  };
}

/**
 * The company score of a period as `actor` may see it, from the tree without archived items,
 * whichever view is read: there an objective under an archived one stands at the top level and
 * counts for the company, and showing archived items changes no score.
 */
export function companyScoreOf(model: PeriodModel, actor: Actor): RollUp {
  const { objectives, keyResults } = visibleItemsOf(model, actor);
  return rollUpCompany(buildTree(objectives, keyResults, model.settings), model.settings);
}

/** Every objective's full roll-up (contributions, explanation) in a period, as `actor` sees it. */
async function loadPeriodRollUps(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  version: string,
): Promise<ReadonlyMap<Id, RollUp>> {
  const model = await modelOf(deps, periodId, version);
  const { settings } = model;
  const { objectives, keyResults } = visibleItemsOf(model, actor, { includeArchived: true });
  const rollUps = new Map<Id, RollUp>();
  forEachObjectiveNode(buildTree(objectives, keyResults, settings), (node) =>
    rollUps.set(node.objective.id, node.rollUp),
  );
  return rollUps;
}

/**
 * One objective's roll-up with what makes it up: each contribution's weight, share, progress
 * and what counted, and the sentence that explains the score. `not_found` when the actor may
 * not see the objective.
 */
export async function getObjectiveRollUp(
  deps: AppDeps,
  actor: Actor,
  objectiveId: Id,
): Promise<RollUp> {
  const { item } = await getVisibleItem(deps.db, actor, parseInput(IdSchema, objectiveId));
  if (item.type !== "objective") throw notFound("Objective", item.id);
  const periodId = item.periodId;
  const rollUps = await cachedRead(
    deps,
    periodId,
    `roll-ups:${periodId}:${visibilityClassOf(actor)}`,
    (version) => loadPeriodRollUps(deps, actor, periodId, version),
    (map) => map.size * 600,
  );
  const rollUp = rollUps.get(item.id);
  if (!rollUp) throw notFound("Objective", item.id);
  return rollUp;
}
