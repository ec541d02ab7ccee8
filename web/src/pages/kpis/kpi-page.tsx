/** One KPI: its value against the band, its history as a chart and a list, a reading form. */
import { type FormEvent, useMemo, useRef, useState } from "react";
import type { KpiDetailAnswer } from "../../../../src/contract/kpis.js";
import { formatKpiBand } from "../../../../src/core/kpis.js";
import { api } from "../../api/client";
import { Chart } from "../../components/chart";
import { ErrorText, TextField } from "../../components/field";
import { KpiBandBadge, kpiValueText } from "../../components/kpi-strip";
import { SourceSection } from "../../components/source-section";
import { formatDateTime, formatOwner } from "../../format";
import { readNumberText } from "../../number-text";
import { hrefOf } from "../../router";
import { useWorkspace } from "../../session";
import { useLoad } from "../../use-load";
import { useAction } from "../settings/use-action";

export function KpiPage({ id }: { id: string }) {
  const workspace = useWorkspace();
  const detail = useLoad(() => api.get<KpiDetailAnswer>(`/kpis/${id}`), [id]);
  const data = detail.data;

  const option = useMemo(() => {
    if (!data) return {};
    const { kpi, readings } = data;
    const bandLines = [
      ...(kpi.targetLow !== null ? [{ yAxis: kpi.targetLow, name: "band from" }] : []),
      ...(kpi.targetHigh !== null ? [{ yAxis: kpi.targetHigh, name: "band to" }] : []),
    ];
    return {
      grid: { left: 48, right: 24, top: 24, bottom: 40 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "time" },
      yAxis: { type: "value", name: kpi.unit, scale: true },
      series: [
        {
          type: "line",
          name: kpi.name,
          data: readings.map((r) => [r.at, r.value]),
          showSymbol: true,
          markLine: bandLines.length
            ? {
                symbol: "none",
                lineStyle: { type: "dashed", color: "#16a34a" },
                label: { formatter: "{b}", position: "insideEndTop" },
                data: bandLines,
              }
            : undefined,
        },
      ],
    };
  }, [data]);

  if (detail.error) return <ErrorText error={detail.error} />;
  if (!data) return <p className="page-status">Loading…</p>;
  const { kpi, readings, keyResultIds } = data;
  return (
    <section className="kpi-page">
      <p>
        <a href={hrefOf("/kpis")}>← All KPIs</a>
      </p>
      <h1>{kpi.name}</h1>
      {kpi.description && <p>{kpi.description}</p>}
      <div className="stat-row">
        <div className="card stat">
          <h2>Now</h2>
          <p className="big-number" data-testid="kpi-value">
            {kpiValueText(kpi)}
          </p>
          <KpiBandBadge kpi={kpi} />
        </div>
        <div className="card stat">
          <h2>Target band</h2>
          <p className="big-number">{formatKpiBand(kpi) || "none"}</p>
        </div>
        <div className="card stat">
          <h2>Owner</h2>
          <p>{kpi.owner ? formatOwner(kpi.owner) : "nobody yet"}</p>
          <p className="muted small" data-testid="kpi-source-kind">
            Source: {kpi.sourceKind}
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {readings.length ? (
          <Chart
            option={option}
            label={`${kpi.name} over time: ${readings.map((r) => `${r.value} on ${formatDateTime(r.at)}`).join(", ")}`}
          />
        ) : (
          <p className="muted">No readings yet.</p>
        )}
        <ReadingForm kpiId={kpi.id} unit={kpi.unit} onRecorded={detail.reload} />
        {readings.length > 0 && (
          <ol className="plain-list reading-list" reversed>
            {[...readings].reverse().map((r) => (
              <li key={r.id}>
                <strong>{r.value}</strong> {kpi.unit} · {formatDateTime(r.at)} · {r.source}
                {r.authorName ? ` · ${r.authorName}` : ""}
                {r.note && <span className="muted"> — {r.note}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <SourceSection
        owner={{ kpiId: kpi.id }}
        editable={workspace.user.role !== "viewer"}
        onRead={detail.reload}
      />
      {keyResultIds.length > 0 && (
        <section className="card" aria-labelledby="followers-heading">
          <h2 id="followers-heading">Key results that follow it</h2>
          <ul className="plain-list">
            {keyResultIds.map((krId) => (
              <li key={krId}>
                <a href={hrefOf(`/key-results/${krId}`)}>Key result {krId}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function ReadingForm({
  kpiId,
  unit,
  onRecorded,
}: {
  kpiId: string;
  unit: string;
  onRecorded: () => void;
}) {
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const { error, run } = useAction();
  const [valueError, setValueError] = useState<string>();
  const field = useRef<HTMLFormElement>(null);
  async function record(event: FormEvent) {
    event.preventDefault();
    const reading = readNumberText(value, "The reading");
    setValueError(reading.error);
    if (reading.error !== undefined || reading.value === null) {
      requestAnimationFrame(() => field.current?.querySelector("input")?.focus());
      return;
    }
    const number = reading.value;
    const ok = await run(() =>
      api.post(`/kpis/${kpiId}/readings`, { value: number, ...(note ? { note } : {}) }),
    );
    if (ok) {
      setValue("");
      setNote("");
      onRecorded();
    }
  }
  return (
    <form className="inline-form" onSubmit={record} ref={field}>
      <TextField
        label={`Reading${unit ? ` (${unit})` : ""}`}
        required
        inputMode="decimal"
        error={valueError}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <TextField label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit">Record reading</button>
      <ErrorText error={error} />
    </form>
  );
}
