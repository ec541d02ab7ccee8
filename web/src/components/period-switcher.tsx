/** Chooses the period by the workspace's own labels (`FY20-Q4`, `2017-Q3`). */
import type { Period } from "../api/types";

export function PeriodSwitcher({
  periods,
  current,
  onChange,
}: {
  periods: Period[];
  current: Period | undefined;
  onChange: (id: string) => void;
}) {
  if (periods.length === 0) return null;
  const sorted = [...periods].sort(
    (a, b) => b.start.localeCompare(a.start) || a.kind.localeCompare(b.kind),
  );
  return (
    <label className="period-switcher">
      <span className="visually-hidden">Period</span>
      <select value={current?.id ?? ""} onChange={(event) => onChange(event.target.value)}>
        {sorted.map((period) => (
          <option key={period.id} value={period.id}>
            {period.label}
            {period.closedAt ? " (closed)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
