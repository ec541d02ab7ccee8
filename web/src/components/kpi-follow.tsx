/**
 * Which KPI a key result follows ("move MTTR from 34 to 20 minutes"): each new reading of that
 * KPI is checked in on it. Editors choose it; everyone sees it.
 */
import { useState } from "react";
import type { KeyResultFollowsAnswer, KpiListAnswer } from "../../../src/contract/kpis.js";
import { api, messageOf } from "../api/client";
import { hrefOf } from "../router";
import { useLoad } from "../use-load";
import { ErrorText } from "./field";

export function KpiFollow({
  keyResultId,
  editable,
  onChanged,
}: {
  keyResultId: string;
  editable: boolean;
  onChanged: () => void;
}) {
  const follows = useLoad(
    () => api.get<KeyResultFollowsAnswer>(`/key-results/${keyResultId}/kpi`),
    [keyResultId],
  );
  const kpis = useLoad(
    () => (editable ? api.get<KpiListAnswer>("/kpis") : Promise.resolve({ kpis: [] })),
    [editable],
  );
  const [error, setError] = useState<string>();
  const current = follows.data?.kpi ?? null;
  if (!editable && !current) return null;

  async function choose(kpiId: string) {
    setError(undefined);
    try {
      await api.put(`/key-results/${keyResultId}/kpi`, { kpiId: kpiId || null });
      follows.reload();
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div className="kpi-follow">
      {current ? (
        <p>
          Follows KPI <a href={hrefOf(`/kpis/${current.id}`)}>{current.name}</a>: each new reading
          is checked in here.
        </p>
      ) : (
        <p className="muted">Follows no KPI: check-ins come from people (or a source).</p>
      )}
      {editable && (kpis.data?.kpis.length ?? 0) > 0 && (
        <div className="field">
          <label htmlFor={`kpi-of-${keyResultId}`}>Follow a KPI</label>
          <select
            id={`kpi-of-${keyResultId}`}
            value={current?.id ?? ""}
            onChange={(e) => void choose(e.target.value)}
          >
            <option value="">none</option>
            {kpis.data?.kpis.map((kpi) => (
              <option key={kpi.id} value={kpi.id}>
                {kpi.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorText error={error ?? follows.error} />
    </div>
  );
}
