/** The KPI strip on the dashboard: each KPI's value and where it stands against its band. */
import type { KpiAnswer, KpiListAnswer } from "../../../src/contract/kpis.js";
import { formatKpiBand } from "../../../src/core/kpis.js";
import { api } from "../api/client";
import { hrefOf } from "../router";
import { useLoad } from "../use-load";

const BAND_WORDS: Record<KpiAnswer["bandStatus"], string> = {
  in_band: "in band",
  below: "below band",
  above: "above band",
  unknown: "no band or reading",
};

/** "34 min", or "no reading". */
export function kpiValueText(kpi: Pick<KpiAnswer, "current" | "unit">): string {
  if (kpi.current === null) return "no reading";
  return `${kpi.current.toLocaleString()}${kpi.unit ? ` ${kpi.unit}` : ""}`;
}

/** A badge saying where a KPI stands against its band. */
export function KpiBandBadge({ kpi }: { kpi: Pick<KpiAnswer, "bandStatus"> }) {
  return <span className={`badge kpi-${kpi.bandStatus}`}>{BAND_WORDS[kpi.bandStatus]}</span>;
}

export function KpiStrip() {
  const kpis = useLoad(() => api.get<KpiListAnswer>("/kpis"), []);
  const list = kpis.data?.kpis ?? [];
  if (kpis.error || list.length === 0) return null;
  return (
    <section className="kpi-strip" aria-labelledby="kpi-strip-heading">
      <h2 id="kpi-strip-heading" className="visually-hidden">
        KPIs
      </h2>
      <ul>
        {list.map((kpi) => (
          <li key={kpi.id} className="card">
            <a href={hrefOf(`/kpis/${kpi.id}`)} className="kpi-name">
              {kpi.name}
            </a>
            <span className="kpi-value">{kpiValueText(kpi)}</span>
            <span className="muted small">{formatKpiBand(kpi)}</span>
            <KpiBandBadge kpi={kpi} />
          </li>
        ))}
      </ul>
    </section>
  );
}
