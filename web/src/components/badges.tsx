/** Small visual markers: progress bar with its number, health, status, confidential. */
import type { Owner } from "../../../src/core/types.js";
import { HEALTH_LABELS, type Health, STATUS_LABELS, type Status } from "../api/types";
import { bandOf, formatPercent } from "../format";
import { useGrading } from "../session";

const HEALTH_BANDS: Record<Health, "green" | "yellow" | "red"> = {
  on_track: "green",
  needs_attention: "yellow",
  at_risk: "red",
};

/**
 * A bar with its number. A key result's bar takes the colour of its health, so the bar and the
 * health badge beside it agree; without a health the score band colours it.
 */
export function ProgressBar({
  progress,
  label,
  health,
}: {
  progress: number | null | undefined;
  label?: string;
  health?: Health | null | undefined;
}) {
  const grading = useGrading();
  const value = progress ?? 0;
  const width = Math.max(0, Math.min(1, value)) * 100;
  const text = formatPercent(progress);
  return (
    <span className="progress" title={label ? `${label}: ${text}` : text}>
      <span
        className="progress-track"
        role="progressbar"
        aria-label={label ?? "Progress"}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={
          progress === null || progress === undefined ? undefined : Math.round(value * 100)
        }
        aria-valuetext={text}
      >
        <span
          className={`progress-fill band-${health ? HEALTH_BANDS[health] : bandOf(progress, grading)}`}
          style={{ width: `${width}%` }}
        />
      </span>
      <span className={`progress-number${value > 1 ? " over" : ""}`}>{text}</span>
    </span>
  );
}

const HEALTH_ICONS: Record<Health, string> = { on_track: "●", needs_attention: "▲", at_risk: "■" };

export function HealthBadge({ health }: { health: Health | null | undefined }) {
  if (!health) return null;
  return (
    <span className={`badge health-${health}`}>
      <span aria-hidden="true">{HEALTH_ICONS[health]} </span>
      {HEALTH_LABELS[health]}
    </span>
  );
}

export function StatusBadge({ status }: { status: Status | null | undefined }) {
  if (!status) return null;
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

/** A padlock drawn in SVG (emoji fonts are not everywhere). */
export function LockMarker({ label = "Confidential" }: { label?: string }) {
  return (
    <span className="lock" title={label}>
      <svg viewBox="0 0 16 16" width="14" height="14" role="img" aria-label={label}>
        <path
          d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z"
          fill="currentColor"
        />
      </svg>
    </span>
  );
}

/** "CMO: " before a title, as the handbook writes it; nothing when there is no owner. */
export function OwnerPrefix({ owner }: { owner: Owner | string | null | undefined }) {
  const name = typeof owner === "string" ? owner : owner?.name;
  if (!name) return null;
  return <span className="owner">{name}: </span>;
}

/** A key result with no check-in for the workspace's stale threshold. */
export function StaleBadge({ days }: { days: number }) {
  return (
    <span className="badge stale" title={`No check-in for ${days} days or more`}>
      Stale
    </span>
  );
}
