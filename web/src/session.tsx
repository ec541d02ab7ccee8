/** Who is signed in, the workspace settings and the periods: shared by every page. */
import { createContext, useContext, useEffect } from "react";
import { ownerDirectory } from "../../src/core/owners.js";
import { DEFAULT_GRADING } from "../../src/core/settings.js";
import type { GradingBand } from "../../src/core/types.js";
import type { KeyResult, Period, Person, Settings, User } from "./api/types";

export interface Workspace {
  user: User;
  settings: Settings | null;
  periods: Period[];
  reloadPeriods: () => void;
  /** Makes `id` the period the header shows (an item page shows its own period). */
  showPeriod: (id: string) => void;
  signOut: () => void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

/** The workspace's grading bands (the defaults before settings load or outside the app). */
export function useGrading(): readonly GradingBand[] {
  return useContext(WorkspaceContext)?.settings?.grading ?? DEFAULT_GRADING;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspace outside the signed-in app");
  return workspace;
}

/** Shows the period of the item on screen in the header's switcher and the page title. */
export function useShowPeriod(periodId: string | undefined): void {
  const { showPeriod } = useWorkspace();
  useEffect(() => {
    if (periodId) showPeriod(periodId);
  }, [periodId, showPeriod]);
}

/** The period containing today, else the latest one that started, else the first. */
export function pickCurrentPeriod(
  periods: Period[],
  today = new Date().toISOString().slice(0, 10),
): Period | undefined {
  const quarters = periods.filter((p) => p.kind === "quarter");
  const list = quarters.length > 0 ? quarters : periods;
  const containing = list.find((p) => p.start <= today && today <= p.end);
  if (containing) return containing;
  const started = list
    .filter((p) => p.start <= today)
    .sort((a, b) => b.start.localeCompare(a.start));
  return started[0] ?? list[0];
}

export function canEdit(user: User): boolean {
  return user.role === "admin" || user.role === "editor";
}

/**
 * Whether the user may check in on a key result: editors and admins always; viewers on what
 * they own (their person, or their person's team).
 */
export function canCheckIn(user: User, kr: KeyResult, people: Person[]): boolean {
  if (canEdit(user)) return true;
  if (!user.personId) return false;
  // The server's rule, through the one owner model: my name, my team, or a title I hold.
  const me = people.find((p) => p.id === user.personId);
  const teamIds = me?.teamId ? [me.teamId] : [];
  const teams = teamIds.map((id) => ({ id, name: "", parentId: null }));
  return ownerDirectory(me ? [me] : [], teams).ownedByMember(kr.owner, {
    personId: user.personId,
    teamIds,
  });
}
