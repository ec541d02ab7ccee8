/** Diffing a page line against the stored item: what changed, and how to name the line. */
import type { DocumentItem, DocumentLink } from "../core/document.js";
import type { Link, Owner } from "../core/types.js";

export function describeItem(item: Pick<DocumentItem, "owner" | "title" | "kind">): string {
  const title = item.title.trim() === "" ? "(owner line)" : item.title;
  const short = title.length > 80 ? `${title.slice(0, 77)}…` : title;
  return item.owner ? `${item.owner}: ${short}` : short;
}

export function sameLinks(stored: readonly Link[], wanted: readonly DocumentLink[]): boolean {
  return (
    stored.length === wanted.length &&
    stored.every((link, i) => link.text === wanted[i]?.text && link.url === wanted[i]?.url)
  );
}

export function sameOwner(a: Owner | null, b: Owner | null): boolean {
  return (
    (a?.kind ?? null) === (b?.kind ?? null) &&
    (a?.id ?? null) === (b?.id ?? null) &&
    (a?.name ?? null) === (b?.name ?? null)
  );
}

/** The fields of `wanted` that differ from the stored item, in `wanted`'s order. */
export function changedFields<T extends { owner: Owner | null }>(
  stored: T,
  wanted: Partial<T>,
): string[] {
  return Object.entries(wanted)
    .filter(([key, value]) =>
      key === "owner"
        ? !sameOwner(stored.owner, value as Owner | null)
        : stored[key as keyof T] !== value,
    )
    .map(([key]) => key);
}
