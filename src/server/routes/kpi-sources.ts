/** A KPI's source: the same routes and answers as a key result's (`owner-source-routes.ts`). */
import { kpiOwner } from "../../app/owner-sources.js";
import type { RouteContext } from "../context.js";
import { registerOwnerSourceRoutes } from "./owner-source-routes.js";

export function registerKpiSourceRoutes(ctx: RouteContext): void {
  registerOwnerSourceRoutes(ctx, {
    segment: "kpis",
    tags: ["kpis", "sources"],
    owner: kpiOwner,
    write: "editor",
    summaries: {
      get: "The KPI's source (null when its readings are recorded by hand), with its last reading and error",
      set: "Set the KPI's source (editors); its first refresh is queued",
      remove: "Remove the KPI's source (editors); its readings stay in the history",
      preview:
        "Read a source for the KPI without saving it: the value it would record (502 upstream_failed says why it could not be read)",
      refresh: "Queue a refresh of the KPI's source now; the answer does not wait for it",
    },
    previewReading: "The reading, e.g. value 0.42",
  });
}
