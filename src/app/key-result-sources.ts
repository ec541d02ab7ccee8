/**
 * A key result's source of progress: set, shown, previewed, removed, and refreshed. The one
 * source model (`source-model.ts`, shared with KPIs) does the work: a refresh that reads
 * something new checks in through the one check-in writer, authored by the source, with the
 * raw reading kept beside the check-in; a failed one keeps the last good reading and value.
 */
import type { Id } from "../core/types.js";
import type { Actor, AppDeps } from "./deps.js";
import {
  getSourceOf,
  keyResultOwner,
  previewSourceOf,
  removeSourceOf,
  requestRefreshOf,
  setSourceOf,
} from "./owner-sources.js";
import { refreshSourceOf, type SourcePreview, type SourceView } from "./source-model.js";

export type { SourcePreview, SourceView };

export const getSource = (deps: AppDeps, actor: Actor, keyResultId: Id) =>
  getSourceOf(deps, actor, keyResultOwner(keyResultId));

export const previewSource = (deps: AppDeps, actor: Actor, keyResultId: Id, input: unknown) =>
  previewSourceOf(deps, actor, keyResultOwner(keyResultId), input);

export const setSource = (deps: AppDeps, actor: Actor, keyResultId: Id, input: unknown) =>
  setSourceOf(deps, actor, keyResultOwner(keyResultId), input);

export const removeSource = (deps: AppDeps, actor: Actor, keyResultId: Id) =>
  removeSourceOf(deps, actor, keyResultOwner(keyResultId));

export const requestSourceRefresh = (deps: AppDeps, actor: Actor, keyResultId: Id) =>
  requestRefreshOf(deps, actor, keyResultOwner(keyResultId));

export const refreshSource = (deps: AppDeps, keyResultId: Id) =>
  refreshSourceOf(deps, keyResultOwner(keyResultId));
