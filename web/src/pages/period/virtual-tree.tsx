/** The period tree, virtualised: only the rows in view are in the page. */
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { DEFAULT_STALE_DAYS, isStale } from "../../../../src/core/settings.js";
import type { KeyResult } from "../../api/types";
import {
  HealthBadge,
  LockMarker,
  OwnerPrefix,
  ProgressBar,
  StaleBadge,
  StatusBadge,
} from "../../components/badges";
import { InlineMarkdown, plainTextOf, safeUrl } from "../../components/inline-markdown";
import { isTargetHidden, placeholderOf } from "../../format";
import { hrefOf, navigate } from "../../router";
import { useWorkspace } from "../../session";
import { type FlatRow, isKeyResult, scoreOf } from "../../tree-model";

export function hrefOfNode(node: { id: string; type: string }): string {
  return hrefOf(node.type === "key_result" ? `/key-results/${node.id}` : `/objectives/${node.id}`);
}

export function VirtualTree({
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
          {kr && <StaleMarker kr={kr} />}
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
                <span key={link.id} className="link-chip">
                  {link.text || link.kind}
                </span>
              ) : (
                <a
                  key={link.id}
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

/** The stale badge of a key result in an open period, by the workspace's threshold. */
function StaleMarker({ kr }: { kr: KeyResult }) {
  const { settings, periods } = useWorkspace();
  const staleDays = settings?.staleDays ?? DEFAULT_STALE_DAYS;
  const period = periods.find((p) => p.id === kr.periodId);
  if (!period || period.closedAt || !isStale(kr, new Date(), staleDays, period.start)) return null;
  return <StaleBadge days={staleDays} />;
}
