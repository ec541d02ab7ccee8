/**
 * Owners on an imported page. Every owner name on the page is listed in the preview with what
 * it matches today — a person, a team, or a role title some people hold — or "new". A name is
 * kept as written (a role title) unless the user maps it to an existing person or team
 * (`ownerMap`, `--map-owner "Customer Success=team:Support"`) or asks to attach every exact
 * match (`attachMatchingOwners`, `--attach-owners`), so a 2017 line never attaches itself to
 * today's team of the same name by accident.
 */
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { OkrError } from "../core/errors.js";
import { sameName } from "../core/name-key.js";
import { ownerDirectory } from "../core/owners.js";
import type { Owner, Person, Team } from "../core/types.js";
import type { Db } from "../store/db.js";
import { listPeople } from "../store/people.repository.js";
import { listTeams } from "../store/teams.repository.js";

/** What a page's owner name matches in the workspace, and what the import will store. */
export interface OwnerMatch {
  /** As written on the page. */
  name: string;
  /** Lines that name it. */
  lines: number[];
  /** What the name matches today: `role` when people hold it as their title. */
  matches: { kind: "person" | "team" | "role"; name: string; people: number } | null;
  /** What the import stores: the mapped owner, else the name as a role title. */
  owner: Owner;
  /** True when `ownerMap` chose the owner. */
  mapped: boolean;
}

/** How a name maps: `team:Support`, `person:Ola Berg`, or `role` (kept as written). */
export type OwnerMap = Record<string, string>;

/** Reads `Name=team:Support` lines (the CLI's `--map-owner`) into a map; says which one is wrong. */
export function parseOwnerMapEntries(entries: readonly string[]): OwnerMap {
  const map: OwnerMap = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf("=");
    const name = at > 0 ? entry.slice(0, at).trim() : "";
    const target = at > 0 ? entry.slice(at + 1).trim() : "";
    if (name === "" || target === "") {
      throw new OkrError(
        "invalid_input",
        `--map-owner "${entry}": expected NAME=team:TEAM, NAME=person:PERSON or NAME=role`,
        { field: "ownerMap" },
      );
    }
    map[name] = target;
  }
  return map;
}

function ownerNames(items: readonly DocumentItem[], into: Map<string, number[]>): void {
  for (const item of items) {
    const name = item.owner?.trim();
    if (name) {
      const lines = into.get(name) ?? [];
      if (!lines.includes(item.line)) lines.push(item.line);
      into.set(name, lines);
    }
    ownerNames(item.children, into);
  }
}

function mappedOwner(
  name: string,
  target: string,
  people: readonly Person[],
  teams: readonly Team[],
): Owner {
  const colon = target.indexOf(":");
  const kind = (colon < 0 ? target : target.slice(0, colon)).trim().toLowerCase();
  const wanted = colon < 0 ? "" : target.slice(colon + 1).trim();
  const where = { field: `ownerMap.${name}` };
  if (kind === "role") return { kind: "role", id: null, name: wanted || name };
  if (kind === "team") {
    const team = teams.find((t) => sameName(t.name, wanted));
    if (!team)
      throw new OkrError("invalid_input", `ownerMap "${name}": no team named "${wanted}"`, where);
    return { kind: "team", id: team.id, name: team.name };
  }
  if (kind === "person") {
    const person = people.find((p) => sameName(p.name, wanted));
    if (!person)
      throw new OkrError("invalid_input", `ownerMap "${name}": no person named "${wanted}"`, where);
    return { kind: "person", id: person.id, name: person.name };
  }
  throw new OkrError(
    "invalid_input",
    `ownerMap "${name}": "${target}" should be team:NAME, person:NAME or role`,
    where,
  );
}

/** The page's owners, what each matches, and what the import stores for each. */
export async function planOwners(
  db: Db,
  document: OkrDocument,
  ownerMap: OwnerMap = {},
  /** Attach every name that is exactly a person's or a team's (the user says so for all). */
  attachMatching = false,
): Promise<OwnerMatch[]> {
  const names = new Map<string, number[]>();
  ownerNames(document.items, names);
  for (const name of Object.keys(ownerMap)) {
    if (![...names.keys()].some((n) => n === name.trim())) {
      throw new OkrError("invalid_input", `ownerMap "${name}": no owner of that name on the page`, {
        field: `ownerMap.${name}`,
      });
    }
  }
  if (names.size === 0) return [];
  const [people, teams] = await Promise.all([listPeople(db), listTeams(db)]);
  const directory = ownerDirectory(people, teams);
  const matches: OwnerMatch[] = [];
  for (const [name, lines] of names) {
    const person = people.find((p) => sameName(p.name, name));
    const team = teams.find((t) => sameName(t.name, name));
    const holders = directory.resolve({ kind: "role", id: null, name }).personIds.length;
    const matched: OwnerMatch["matches"] = person
      ? { kind: "person", name: person.name, people: 1 }
      : team
        ? { kind: "team", name: team.name, people: 0 }
        : holders > 0
          ? { kind: "role", name, people: holders }
          : null;
    const target = Object.entries(ownerMap).find(([n]) => n.trim() === name)?.[1];
    matches.push({
      name,
      lines,
      matches: matched,
      owner:
        target !== undefined
          ? mappedOwner(name, target, people, teams)
          : attachMatching && person
            ? { kind: "person", id: person.id, name: person.name }
            : attachMatching && team
              ? { kind: "team", id: team.id, name: team.name }
              : { kind: "role", id: null, name },
      mapped: target !== undefined || (attachMatching && (person ?? team) !== undefined),
    });
  }
  return matches;
}
