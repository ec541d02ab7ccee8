/** KPIs: the list with each one's value and band, and a form to define one (editors). */
import { type FormEvent, useRef, useState } from "react";
import type { KpiAnswer, KpiListAnswer } from "../../../src/contract/kpis.js";
import { formatKpiBand } from "../../../src/core/kpis.js";
import { api } from "../api/client";
import { ErrorText, TextField } from "../components/field";
import { KpiBandBadge, kpiValueText } from "../components/kpi-strip";
import { formatDateTime, formatOwner } from "../format";
import { readNumberText } from "../number-text";
import { hrefOf, navigate } from "../router";
import { useWorkspace } from "../session";
import { useLoad } from "../use-load";
import { useAction } from "./settings/use-action";

/** A number field's value: undefined when empty, NaN when not a number (the API says why). */
export function KpisPage() {
  const workspace = useWorkspace();
  const kpis = useLoad(() => api.get<KpiListAnswer>("/kpis"), []);
  const editable = workspace.user.role !== "viewer";
  return (
    <section className="kpis">
      <h1>KPIs</h1>
      <p className="muted">
        Metrics that matter all year, each kept inside a target band. A key result can follow a KPI:
        each new reading is checked in on it.
      </p>
      <ErrorText error={kpis.error} />
      {kpis.data && kpis.data.kpis.length === 0 && <p>No KPIs yet.</p>}
      {kpis.data && kpis.data.kpis.length > 0 && (
        <table className="kpi-table">
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col">Value</th>
              <th scope="col">Band</th>
              <th scope="col">Owner</th>
              <th scope="col">Last reading</th>
            </tr>
          </thead>
          <tbody>
            {kpis.data.kpis.map((kpi) => (
              <KpiRow key={kpi.id} kpi={kpi} />
            ))}
          </tbody>
        </table>
      )}
      {editable && <NewKpiForm onAdded={(id) => navigate(`/kpis/${id}`)} />}
    </section>
  );
}

function KpiRow({ kpi }: { kpi: KpiAnswer }) {
  return (
    <tr>
      <th scope="row">
        <a href={hrefOf(`/kpis/${kpi.id}`)}>{kpi.name}</a>
      </th>
      <td>
        {kpiValueText(kpi)} <KpiBandBadge kpi={kpi} />
      </td>
      <td>{formatKpiBand(kpi) || "—"}</td>
      <td>{kpi.owner ? formatOwner(kpi.owner) : "—"}</td>
      <td>{formatDateTime(kpi.currentAt)}</td>
    </tr>
  );
}

function NewKpiForm({ onAdded }: { onAdded: (id: string) => void }) {
  const [name, setName] = useState("");
  const [unit, setUnit] = useState("");
  const [low, setLow] = useState("");
  const [high, setHigh] = useState("");
  const [owner, setOwner] = useState("");
  const { error, run } = useAction();
  const [shown, setShown] = useState<{ low?: string; high?: string }>({});
  const form = useRef<HTMLFormElement>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    const from = readNumberText(low, "Band from");
    const to = readNumberText(high, "Band to");
    const below =
      from.value != null && to.value != null && to.value < from.value
        ? `Band to must not be below Band from (${from.value}).`
        : undefined;
    const problems = { low: from.error, high: to.error ?? below };
    setShown(problems);
    if (problems.low || problems.high) {
      requestAnimationFrame(() =>
        form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    await run(async () => {
      const made = await api.post<KpiAnswer>("/kpis", {
        name,
        unit,
        targetLow: from.value ?? null,
        targetHigh: to.value ?? null,
        owner: owner.trim() || null,
      });
      onAdded(made.id);
    });
  }

  return (
    <form className="card kpi-form" onSubmit={add} aria-labelledby="new-kpi-heading" ref={form}>
      <h2 id="new-kpi-heading">New KPI</h2>
      <div className="field-row">
        <TextField
          label="Name"
          required
          placeholder="MTTR"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label="Unit"
          placeholder="min"
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
        />
        <TextField
          label="Band from"
          inputMode="decimal"
          hint="lowest good value; empty: no floor"
          error={shown.low}
          value={low}
          onChange={(e) => setLow(e.target.value)}
        />
        <TextField
          label="Band to"
          inputMode="decimal"
          hint="highest good value; empty: no ceiling"
          error={shown.high}
          value={high}
          onChange={(e) => setHigh(e.target.value)}
        />
        <TextField
          label="Owner"
          placeholder="a person, team or role title"
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
        />
      </div>
      <button type="submit">Add KPI</button>
      <ErrorText error={error} />
    </form>
  );
}
