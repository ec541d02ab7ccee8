/**
 * A KPI's source: the same model, kinds, clients, preview, schedule and on-demand refresh as a
 * key result's (`source-model.ts`). A new reading joins the KPI's history through
 * `recordKpiReading`, with the raw reading kept, and moves the key results that follow the KPI
 * as a reading by hand does. Editors set and remove it; everyone sees it and may ask for a
 * refresh.
 */
import type { Id } from "../core/types.js";
import type { Actor, AppDeps } from "./deps.js";
import {
  getSourceOf,
  kpiOwner,
  previewSourceOf,
  removeSourceOf,
  requestRefreshOf,
  setSourceOf,
} from "./owner-sources.js";

export const getKpiSource = (deps: AppDeps, actor: Actor, kpiId: Id) =>
  getSourceOf(deps, actor, kpiOwner(kpiId));

export const previewKpiSource = (deps: AppDeps, actor: Actor, kpiId: Id, input: unknown) =>
  previewSourceOf(deps, actor, kpiOwner(kpiId), input);

export const setKpiSource = (deps: AppDeps, actor: Actor, kpiId: Id, input: unknown) =>
  setSourceOf(deps, actor, kpiOwner(kpiId), input);

export const removeKpiSource = (deps: AppDeps, actor: Actor, kpiId: Id) =>
  removeSourceOf(deps, actor, kpiOwner(kpiId));

export const requestKpiSourceRefresh = (deps: AppDeps, actor: Actor, kpiId: Id) =>
  requestRefreshOf(deps, actor, kpiOwner(kpiId));
