/**
 * The public OKR site (`okr publish`, and `/public` when served): chosen periods written the
 * way the public export writes them (`buildPeriodDocument` with publish on: confidential
 * objectives left out, confidential targets as `$N0` placeholders), rendered as plain HTML.
 * The hiding is the export's, never a second copy.
 */
import type { DocumentItem } from "../core/document.js";
import { OkrError } from "../core/errors.js";
import { ownerDirectory } from "../core/owners.js";
import type { Id, Objective, Owner, Period, Settings } from "../core/types.js";
import { renderSite, type SiteFile, type SiteTeam } from "../markdown/render-site.js";
import { listPeople } from "../store/people.repository.js";
import { findPeriod, listPeriods } from "../store/periods.repository.js";
import { listTeams } from "../store/teams.repository.js";
import { type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { buildPeriodDocument } from "./export.js";
import { loadSettings } from "./settings.js";
import { loadVisiblePeriodItems } from "./tree.js";
import { findConfidentialIds } from "./visibility.js";

export type { SiteFile } from "../markdown/render-site.js";

export interface PublicSite {
  files: SiteFile[];
  /** The periods it shows, earliest first. */
  periods: Period[];
}

/** Which periods a site shows, and why. */
export interface PublicPeriodChoice {
  periods: Period[];
  /** "chosen": named by the caller; "marked": marked public in Settings; "all": none marked. */
  reason: "chosen" | "marked" | "all";
}

/**
 * The periods to publish: `chosen` when given (each must exist); else those marked public in
 * Settings; else, when `fallBackToAll` (the `okr publish` command), every period.
 */
export async function choosePublicPeriods(
  deps: Pick<AppDeps, "db">,
  options: { chosen?: readonly Id[]; fallBackToAll: boolean },
  settings?: Settings,
): Promise<PublicPeriodChoice> {
  const all = await listPeriods(deps.db);
  if (options.chosen && options.chosen.length > 0) {
    const wanted = new Set(options.chosen);
    for (const id of wanted) {
      if (!(await findPeriod(deps.db, id))) {
        throw new OkrError("not_found", `No period with id '${id}' to publish`, {
          field: "periods",
        });
      }
    }
    return { periods: all.filter((p) => wanted.has(p.id)), reason: "chosen" };
  }
  const marked = new Set((settings ?? (await loadSettings(deps.db))).publicSite.periods);
  const periods = all.filter((p) => marked.has(p.id));
  if (periods.length > 0 || !options.fallBackToAll) return { periods, reason: "marked" };
  return { periods: all, reason: "all" };
}

/** Every objective in `items` (at any depth) whose owner `belongs` says is the team's. */
function objectivesOf(
  items: readonly DocumentItem[],
  belongs: (owner: string) => boolean,
): DocumentItem[] {
  const found: DocumentItem[] = [];
  const stack = [...items].reverse();
  while (stack.length > 0) {
    const item = stack.pop() as DocumentItem;
    if (item.kind === "objective" && item.owner !== null && belongs(item.owner)) {
      // Its key results come along; objectives aligned beneath are listed where they belong.
      found.push({ ...item, children: item.children.filter((c) => c.kind === "key_result") });
    }
    for (let i = item.children.length - 1; i >= 0; i--)
      stack.push(item.children[i] as DocumentItem);
  }
  return found;
}

/** The public site of `periods`, as anyone may read it. */
export async function buildPublicSite(
  deps: AppDeps,
  periods: readonly Period[],
  options: { title?: string } = {},
): Promise<PublicSite> {
  const [settings, people, teams] = await Promise.all([
    loadSettings(deps.db),
    listPeople(deps.db),
    listTeams(deps.db),
  ]);
  const directory = ownerDirectory(people, teams);
  const sitePeriods = [];
  const sections = new Map<Id, SiteTeam["sections"]>();
  for (const period of periods) {
    const document = await buildPeriodDocument(deps, SYSTEM_ACTOR, period.id, true);
    sitePeriods.push({
      label: period.label,
      start: period.start,
      end: period.end,
      closed: period.closedAt !== null,
      document,
    });
    // Owners by the name the document shows, from the objectives the public may see.
    const { objectives, keyResults } = await loadVisiblePeriodItems(
      deps.db,
      SYSTEM_ACTOR,
      period.id,
    );
    const hidden = findConfidentialIds([...objectives, ...keyResults]);
    const owners = new Map<string, Owner>();
    for (const o of objectives as Objective[]) {
      if (o.owner && !hidden.has(o.id) && !owners.has(o.owner.name))
        owners.set(o.owner.name, o.owner);
    }
    for (const team of teams) {
      const items = objectivesOf(document.items, (name) =>
        directory.ownedByTeam(owners.get(name) ?? null, team.id),
      );
      if (items.length === 0) continue;
      const list = sections.get(team.id) ?? [];
      list.push({ periodLabel: period.label, items });
      sections.set(team.id, list);
    }
  }
  const siteTeams = teams
    .filter((t) => sections.has(t.id))
    .map((t) => ({ name: t.name, sections: sections.get(t.id) ?? [] }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  const files = renderSite({
    title: options.title ?? "OKRs",
    periods: sitePeriods,
    teams: siteTeams,
    grading: settings.grading,
    sweetSpot: settings.sweetSpot,
  });
  return { files, periods: [...periods] };
}

/** The site `/public` serves: the periods marked public; `not_found` while it is not served. */
export async function buildServedSite(deps: AppDeps): Promise<PublicSite> {
  const settings = await loadSettings(deps.db);
  if (!settings.publicSite.served) {
    throw new OkrError(
      "not_found",
      "The public site is not served here (an admin turns it on in Settings)",
    );
  }
  const { periods } = await choosePublicPeriods(deps, { fallBackToAll: false }, settings);
  return buildPublicSite(deps, periods);
}
