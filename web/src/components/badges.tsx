/** Small visual markers: progress bar with its number, health, status, confidential. */
import { HEALTH_LABELS, type Health, STATUS_LABELS, type Status } from "../api/types";
import { bandOf, formatPercent } from "../format";

export function ProgressBar({
  progress,
  label,
}: {
  progress: number | null | undefined;
  label?: string;
}) {
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
        <span className={`progress-fill band-${bandOf(progress)}`} style={{ width: `${width}%` }} />
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

export function LockMarker({ label = "Confidential" }: { label?: string }) {
  return (
    <span className="lock" title={label} role="img" aria-label={label}>
      🔒
    </span>
  );
}
