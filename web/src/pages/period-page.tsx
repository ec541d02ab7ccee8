/** The cascade of one period as an interactive, virtualised tree. */
import { useCallback, useMemo, useState } from "react";
import { getList } from "../api/client";
import { fetchPeriodTree } from "../api/tree";
import type { KeyResult, Person, Team } from "../api/types";
import { CheckInForm } from "../components/check-in-form";
import { ClosedNotice, isClosed } from "../components/closed-notice";
import { Dialog } from "../components/dialog";
import { plainTextOf } from "../components/inline-markdown";
import { formatCount, formatDate, formatScore } from "../format";
import { hrefOf } from "../router";
import { canCheckIn, canEdit, useWorkspace } from "../session";
import { countNodes, flattenTree, ownersIn, parentIdsIn, type TreeFilters } from "../tree-model";
import { useLoad } from "../use-load";
import { filtersFromAddress, useFiltersInAddress } from "./period/filters-in-address";
import { TreeFilterForm } from "./period/tree-filters";
import { VirtualTree } from "./period/virtual-tree";

export function PeriodPage({ periodId }: { periodId: string }) {
  const workspace = useWorkspace();
  const loaded = useLoad(() => fetchPeriodTree(periodId), [periodId]);
  // Right after a switch the last tree is another period's: never show it under this one.
  const tree = { ...loaded, data: loaded.data?.period.id === periodId ? loaded.data : undefined };
  const people = useLoad(
    () => getList<Person>("/people", "people").catch(() => [] as Person[]),
    [],
  );
  const teams = useLoad(() => getList<Team>("/teams", "teams").catch(() => [] as Team[]), []);
  const [filters, setFilters] = useState<TreeFilters>(filtersFromAddress);
  useFiltersInAddress(periodId, filters);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [checkInFor, setCheckInFor] = useState<KeyResult | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const nodes = tree.data?.nodes ?? [];
  // People and teams matter only to the team filter: their arrival does not redo the rows.
  const byTeam = filters.team !== "";
  const teamPeople = byTeam ? people.data : undefined;
  const teamList = byTeam ? teams.data : undefined;
  const rows = useMemo(
    () => flattenTree(nodes, collapsed, filters, teamPeople ?? [], teamList ?? []),
    [nodes, collapsed, filters, teamPeople, teamList],
  );
  const owners = useMemo(() => ownersIn(nodes), [nodes]);
  const counts = useMemo(() => countNodes(nodes), [nodes]);
  const period = tree.data?.period ?? workspace.periods.find((p) => p.id === periodId);
  const periodScore = tree.data?.score?.score ?? null;
  const closed = isClosed(period);
  const writable = canEdit(workspace.user) && !closed;

  const toggle = useCallback((id: string, open?: boolean) => {
    setCollapsed((previous) => {
      const next = new Set(previous);
      const shouldOpen = open ?? next.has(id);
      if (shouldOpen) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  return (
    <section className="period-page">
      <div className="page-head">
        <div>
          <h1>
            {period?.label ?? "Period"} <span className="muted small">OKRs</span>
          </h1>
          {period && tree.data && (
            <p className="muted">
              {formatDate(period.start)} – {formatDate(period.end)}
              {" · "}
              {formatCount(counts.objectives, "objective")},{" "}
              {formatCount(counts.keyResults, "key result")} · score{" "}
              <strong>{formatScore(periodScore)}</strong>
            </p>
          )}
        </div>
        <div className="page-actions">
          <a className="button" href={hrefOf(`/periods/${periodId}/map`)}>
            Alignment map
          </a>
          {writable && (
            <a className="button primary" href={hrefOf(`/objectives/new?periodId=${periodId}`)}>
              New objective
            </a>
          )}
        </div>
      </div>
      <ClosedNotice period={period} />

      <TreeFilterForm
        filters={filters}
        setFilters={setFilters}
        owners={owners}
        teams={teams.data ?? []}
        onExpandAll={() => setCollapsed(new Set())}
        onCollapseAll={() => setCollapsed(new Set(parentIdsIn(nodes)))}
      />

      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {tree.error && (
        <p role="alert" className="error">
          {tree.error}
        </p>
      )}
      {tree.loading && !tree.data && <p className="page-status">Loading the tree…</p>}
      {tree.data && nodes.length === 0 && (
        <div className="empty">
          <p>No OKRs in this period yet.</p>
          <p>
            <a href={hrefOf("/import")}>Import a handbook page</a>
            {writable && (
              <>
                {" "}
                or <a href={hrefOf(`/objectives/new?periodId=${periodId}`)}>create an objective</a>
              </>
            )}
            .
          </p>
        </div>
      )}
      {tree.data && nodes.length > 0 && rows.length === 0 && (
        <p className="empty">Nothing matches these filters.</p>
      )}
      {rows.length > 0 && (
        <VirtualTree
          rows={rows}
          onToggle={toggle}
          onCheckIn={setCheckInFor}
          mayCheckIn={(kr) => !closed && canCheckIn(workspace.user, kr, people.data ?? [])}
        />
      )}
      {checkInFor && (
        <Dialog
          title={`Check in: ${plainTextOf(checkInFor.title)}`}
          onClose={() => setCheckInFor(null)}
        >
          <CheckInForm
            keyResult={checkInFor}
            autoFocus
            onDone={() => {
              setCheckInFor(null);
              setAnnouncement("Check-in saved.");
              tree.reload();
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
