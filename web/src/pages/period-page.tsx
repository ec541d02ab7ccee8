/** The cascade of one period as an interactive, virtualised tree. */
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { getList } from "../api/client";
import { fetchPeriodTree } from "../api/tree";
import {
  HEALTH_LABELS,
  HEALTHS,
  type KeyResult,
  type Person,
  STATUS_LABELS,
  type Status,
  type Team,
} from "../api/types";
import {
  HealthBadge,
  LockMarker,
  OwnerPrefix,
  ProgressBar,
  StatusBadge,
} from "../components/badges";
import { CheckInForm } from "../components/check-in-form";
import { ClosedNotice, isClosed } from "../components/closed-notice";
import { Dialog } from "../components/dialog";
import { InlineMarkdown, plainTextOf, safeUrl } from "../components/inline-markdown";
import { formatDate, formatScore, isTargetHidden, placeholderOf } from "../format";
import { hrefOf, navigate } from "../router";
import { canCheckIn, canEdit, useWorkspace } from "../session";
import {
  countNodes,
  type FlatRow,
  flattenTree,
  isFiltering,
  isKeyResult,
  NO_FILTERS,
  ownersIn,
  parentIdsIn,
  scoreOf,
  type TreeFilters,
} from "../tree-model";
import { useLoad } from "../use-load";

const STATUSES = Object.keys(STATUS_LABELS) as Status[];

export function hrefOfNode(node: { id: string; type: string }): string {
  return hrefOf(node.type === "key_result" ? `/key-results/${node.id}` : `/objectives/${node.id}`);
}

export function PeriodPage({ periodId }: { periodId: string }) {
  const workspace = useWorkspace();
  const tree = useLoad(() => fetchPeriodTree(periodId), [periodId]);
  const people = useLoad(
    () => getList<Person>("/people", "people").catch(() => [] as Person[]),
    [],
  );
  const teams = useLoad(() => getList<Team>("/teams", "teams").catch(() => [] as Team[]), []);
  const [filters, setFilters] = useState<TreeFilters>(NO_FILTERS);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [checkInFor, setCheckInFor] = useState<KeyResult | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [filtersOpen, setFiltersOpen] = useState(false);

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

  const set = (key: keyof TreeFilters) => (value: string) =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <section className="period-page">
      <div className="page-head">
        <div>
          <h1>
            {period?.label ?? "Period"} <span className="muted small">OKRs</span>
          </h1>
          {period && (
            <p className="muted">
              {formatDate(period.start)} – {formatDate(period.end)}
              {" · "}
              {counts.objectives} objectives, {counts.keyResults} key results · score{" "}
              <strong>{formatScore(periodScore)}</strong>
            </p>
          )}
        </div>
        {writable && (
          <a className="button primary" href={hrefOf(`/objectives/new?periodId=${periodId}`)}>
            New objective
          </a>
        )}
      </div>
      <ClosedNotice period={period} />

      <form
        className={`filters${filtersOpen ? " open" : ""}`}
        aria-label="Filter the tree"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field grow">
          <label htmlFor="tree-search">Search</label>
          <input
            id="tree-search"
            type="search"
            placeholder="Title, owner or outcome"
            value={filters.search}
            onChange={(e) => set("search")(e.target.value)}
          />
        </div>
        <button
          type="button"
          className="filters-toggle"
          aria-expanded={filtersOpen}
          onClick={() => setFiltersOpen((open) => !open)}
        >
          Filters{isFiltering({ ...filters, search: "" }) ? " •" : ""}
        </button>
        <FilterSelect
          id="filter-owner"
          label="Owner"
          value={filters.owner}
          onChange={set("owner")}
          options={owners.map((o) => [o, o])}
        />
        <FilterSelect
          id="filter-team"
          label="Team"
          value={filters.team}
          onChange={set("team")}
          options={(teams.data ?? []).map((t) => [t.name, t.name])}
        />
        <FilterSelect
          id="filter-status"
          label="Status"
          value={filters.status}
          onChange={set("status")}
          options={STATUSES.map((s) => [s, STATUS_LABELS[s]])}
        />
        <FilterSelect
          id="filter-health"
          label="Health"
          value={filters.health}
          onChange={set("health")}
          options={HEALTHS.map((h) => [h, HEALTH_LABELS[h]])}
        />
        <div className="filter-actions">
          {isFiltering(filters) && (
            <button type="button" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </button>
          )}
          <button type="button" onClick={() => setCollapsed(new Set())}>
            Expand all
          </button>
          <button type="button" onClick={() => setCollapsed(new Set(parentIdsIn(nodes)))}>
            Collapse all
          </button>
        </div>
      </form>

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

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function VirtualTree({
  rows,
  onToggle,
  onCheckIn,
  mayCheckIn,
}: {
  rows: FlatRow[];
  onToggle: (id: string, open?: boolean) => void;
  onCheckIn: (kr: KeyResult) => void;
  mayCheckIn: (kr: KeyResult) => boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 56,
    overscan: 12,
    getItemKey: (index) => rows[index]?.node.id ?? index,
  });
  const activeIndex = Math.min(active, rows.length - 1);
  const activeRow = rows[activeIndex];

  useEffect(() => {
    if (active >= rows.length) setActive(Math.max(0, rows.length - 1));
  }, [rows.length, active]);

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return;
    const row = rows[activeIndex];
    if (!row) return;
    switch (event.key) {
      case "ArrowDown":
        moveTo(activeIndex + 1);
        break;
      case "ArrowUp":
        moveTo(activeIndex - 1);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(rows.length - 1);
        break;
      case "PageDown":
        moveTo(activeIndex + 10);
        break;
      case "PageUp":
        moveTo(activeIndex - 10);
        break;
      case "ArrowRight":
        if (row.hasChildren && !row.expanded) onToggle(row.node.id, true);
        else if (row.hasChildren) moveTo(activeIndex + 1);
        break;
      case "ArrowLeft":
        if (row.hasChildren && row.expanded) onToggle(row.node.id, false);
        else if (row.parentId) moveTo(rows.findIndex((r) => r.node.id === row.parentId));
        break;
      case "Enter":
        navigate(hrefOfNode(row.node).slice(1));
        break;
      case "c":
        if (isKeyResult(row.node) && mayCheckIn(row.node)) onCheckIn(row.node);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  return (
    <div
      ref={scrollRef}
      className="tree-scroll"
      role="tree"
      aria-label="OKR cascade: arrow keys move, Enter opens, C checks in"
      tabIndex={0}
      aria-activedescendant={activeRow ? `row-${activeRow.node.id}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <TreeRow
              key={item.key}
              row={row}
              index={item.index}
              start={item.start}
              active={item.index === activeIndex}
              measure={virtualizer.measureElement}
              onToggle={onToggle}
              onCheckIn={onCheckIn}
              mayCheckIn={mayCheckIn}
              onFocusRow={() => setActive(item.index)}
            />
          );
        })}
      </div>
    </div>
  );
}

function TreeRow({
  row,
  index,
  start,
  active,
  measure,
  onToggle,
  onCheckIn,
  mayCheckIn,
  onFocusRow,
}: {
  row: FlatRow;
  index: number;
  start: number;
  active: boolean;
  measure: (element: HTMLElement | null) => void;
  onToggle: (id: string, open?: boolean) => void;
  onCheckIn: (kr: KeyResult) => void;
  mayCheckIn: (kr: KeyResult) => boolean;
  onFocusRow: () => void;
}) {
  const { node } = row;
  const kr = isKeyResult(node) ? node : null;
  const confidential = kr ? kr.targetConfidential : "confidential" in node && node.confidential;
  const hiddenTarget = kr ? isTargetHidden(kr) : false;
  const score = scoreOf(node);
  // The title is itself a link to the item, so links written in it show as chips; those in
  // the outcome are not repeated.
  const chips = node.links.filter((link) => !(node.outcome ?? "").includes(link.url));
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: the tree holds focus (aria-activedescendant)
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles the keyboard
    <div
      ref={measure}
      data-index={index}
      id={`row-${node.id}`}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={active}
      className={`tree-row ${kr ? "kr" : "objective"}${active ? " active" : ""}`}
      style={{
        transform: `translateY(${start}px)`,
        paddingLeft: `${0.5 + Math.min(row.depth, 8) * 1.25}rem`,
      }}
      onClick={onFocusRow}
    >
      <span className="toggle-cell">
        {row.hasChildren ? (
          <button
            type="button"
            className="toggle"
            tabIndex={-1}
            aria-label={row.expanded ? "Collapse" : "Expand"}
            onClick={() => onToggle(node.id)}
          >
            {row.expanded ? "▾" : "▸"}
          </button>
        ) : null}
      </span>
      <span
        className={`kind-tag ${kr ? "kr" : "objective"}`}
        title={kr ? "Key result" : "Objective"}
      >
        {kr ? "KR" : "O"}
      </span>
      <span className="row-main">
        <span className="row-title">
          {/* A real link: it opens in a new tab and copies like any other. Keyboard: Enter on the tree. */}
          <a className="title-link" href={hrefOfNode(node)} tabIndex={-1}>
            <OwnerPrefix owner={node.owner} />
            <InlineMarkdown text={node.title} plain />
          </a>
          {confidential && (
            <LockMarker
              label={hiddenTarget ? "Confidential target, hidden from you" : "Confidential"}
            />
          )}
          {hiddenTarget && kr && <span className="placeholder">target {placeholderOf(kr)}</span>}
        </span>
        {(node.outcome || chips.length > 0) && (
          <span className="row-meta">
            {node.outcome && (
              <span className="outcome">
                ⇒ <InlineMarkdown text={node.outcome} />
              </span>
            )}
            {chips.slice(0, 3).map((link) => {
              const href = safeUrl(link.url);
              // A javascript: or data: URL is shown as text, never followed.
              return href === undefined ? (
                <span key={link.id ?? link.url} className="link-chip">
                  {link.text || link.kind}
                </span>
              ) : (
                <a
                  key={link.id ?? link.url}
                  className="link-chip"
                  href={href}
                  target="_blank"
                  rel="noopener noreferrer"
                  tabIndex={-1}
                >
                  {link.text || link.kind}
                </a>
              );
            })}
          </span>
        )}
      </span>
      <span className="row-figures tree-figures">
        <span className="cell-progress">
          <ProgressBar progress={score} label={kr ? "Progress" : "Score"} health={kr?.health} />
        </span>
        <span className="cell-health">{kr && <HealthBadge health={kr.health} />}</span>
        <span className="cell-status">
          <StatusBadge status={node.status} />
        </span>
        <span className="cell-action">
          {kr && mayCheckIn(kr) && (
            <button
              type="button"
              className="small check-in-button"
              aria-label={`Check in: ${plainTextOf(kr.title)}`}
              onClick={() => onCheckIn(kr)}
            >
              Check in
            </button>
          )}
        </span>
      </span>
    </div>
  );
}
