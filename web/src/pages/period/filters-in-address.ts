/**
 * The tree's filters kept in the address (`#/periods/ID?search=cache&health=at_risk`), so going
 * back to the tree, or reloading it, shows what it showed.
 */
import { useEffect } from "react";
import { HEALTHS, type Health, STATUSES, type Status } from "../../api/types";
import type { TreeFilters } from "../../tree-model";

const KEYS = ["search", "owner", "team", "status", "health"] as const;

function hashParts(): { path: string; query: URLSearchParams } {
  const [path = "/", search = ""] = window.location.hash.replace(/^#/, "").split("?");
  return { path, query: new URLSearchParams(search) };
}

/** The filters the address names; anything else is no filter. */
export function filtersFromAddress(): TreeFilters {
  const { query } = hashParts();
  const status = query.get("status") ?? "";
  const health = query.get("health") ?? "";
  return {
    search: query.get("search") ?? "",
    owner: query.get("owner") ?? "",
    team: query.get("team") ?? "",
    status: (STATUSES as readonly string[]).includes(status) ? (status as Status) : "",
    health: (HEALTHS as readonly string[]).includes(health) ? (health as Health) : "",
  };
}

/** Writes the filters into the address of the period's tree, in place (no new history entry). */
export function useFiltersInAddress(periodId: string, filters: TreeFilters): void {
  useEffect(() => {
    const write = () => {
      const { path, query } = hashParts();
      if (path !== `/periods/${periodId}`) return;
      for (const key of KEYS) {
        if (filters[key]) query.set(key, filters[key]);
        else query.delete(key);
      }
      const search = query.toString();
      const hash = `#${path}${search ? `?${search}` : ""}`;
      if (hash !== window.location.hash)
        window.history.replaceState(window.history.state, "", hash);
    };
    write();
    // A link to the bare tree (the menu's "Tree") keeps the filters the tree still shows.
    window.addEventListener("hashchange", write);
    return () => window.removeEventListener("hashchange", write);
  }, [periodId, filters]);
}
