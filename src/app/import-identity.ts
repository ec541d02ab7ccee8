/**
 * How an imported line is recognised on the next import of the same page.
 *
 * The rule: an item is the same item when it sits in the same period at the same path of
 * (kind, owner, title) from the top of the page. Titles are compared as a reader sees them
 * (links reduced to their text, emphasis dropped, case and spacing ignored), so re-wrapping a
 * line or changing a link target updates the item instead of creating a new one. Changing an
 * owner or the words of a title, or moving a line under another parent, makes it a new item.
 * Two identical lines under one parent are told apart by their order (`#2`, `#3`, …).
 */
import { createHash } from "node:crypto";
import type { DocumentItem, DocumentLink } from "../core/document.js";
import { nameKey } from "../core/name-key.js";
import type { LinkKind } from "../core/types.js";
import { plainText } from "../markdown/inline-text.js";

/** One step of an item's path: what makes it itself among its siblings. */
export function identityStep(item: Pick<DocumentItem, "kind" | "owner" | "title">): string {
  const owner = nameKey(item.owner ?? "");
  const title = plainText(item.title).toLowerCase().replace(/\s+/g, " ").trim();
  return `${item.kind}\u0000${owner}\u0000${title}`;
}

/** The stored key for a path of steps: short, fixed length, the same on every dialect. */
export function sourceKeyOf(path: readonly string[]): string {
  return createHash("sha256").update(path.join("\u0001")).digest("hex").slice(0, 40);
}

/** Gives repeated steps under one parent their order: `step`, `step#2`, `step#3`. */
export class StepCounter {
  private readonly seen = new Map<string, number>();

  next(parentKey: string, step: string): string {
    const key = `${parentKey}\u0002${step}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n === 1 ? step : `${step}#${n}`;
  }
}

/** What a link points at, from its URL: issues, epics, merge requests, dashboards, documents. */
export function linkKindOf(link: DocumentLink): LinkKind {
  const url = link.url.toLowerCase();
  if (/\/epics\//.test(url)) return "epic";
  if (/\/(?:merge_requests|pull)\/\d/.test(url)) return "merge_request";
  if (/\/issues\/\d/.test(url)) return "issue";
  if (/dashboard|looker|periscope|grafana|sisense|tableau/.test(url)) return "dashboard";
  if (/docs\.google|drive\.google|\/handbook\/|\.pdf$|notion\.|confluence/.test(url))
    return "document";
  return "other";
}
