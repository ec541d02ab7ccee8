/** The fiscal calendar and the sweet spot score. */
import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../api/client";
import type { Settings } from "../../api/types";
import { ErrorText } from "../../components/field";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function CalendarSection({ editable }: { editable: boolean }) {
  const settings = useLoad(() => api.get<Settings>("/settings"), []);
  const [startMonth, setStartMonth] = useState(1);
  const [naming, setNaming] = useState<"start" | "end">("end");
  const [sweetSpot, setSweetSpot] = useState("0.7");
  const { error, run } = useAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setStartMonth(settings.data.calendar.startMonth);
    setNaming(settings.data.calendar.naming);
    setSweetSpot(String(settings.data.sweetSpot));
  }, [settings.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const current = settings.data;
    if (!current) return;
    setSaved(false);
    const ok = await run(async () => {
      const next = await api.put<Settings>("/settings", {
        calendar: { startMonth, naming },
        grading: current.grading,
        sweetSpot: Number(sweetSpot),
      });
      settings.setData(next);
    });
    if (ok) setSaved(true);
  }

  const example = exampleLabel(startMonth, naming);
  return (
    <section id="calendar" className="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading" tabIndex={-1}>
        Fiscal calendar and scoring
      </h2>
      <ErrorText error={settings.error ?? error} />
      {!settings.data && !settings.error && <p className="muted">Loading…</p>}
      {settings.data && (
        <form onSubmit={save} className="editor-grid">
          <div className="field">
            <label htmlFor="calendar-start">Fiscal year starts in</label>
            <select
              id="calendar-start"
              value={startMonth}
              disabled={!editable}
              onChange={(e) => setStartMonth(Number(e.target.value))}
            >
              {MONTHS.map((m, i) => (
                <option key={m} value={i + 1}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="calendar-naming">A fiscal year is named after the year it</label>
            <select
              id="calendar-naming"
              value={naming}
              disabled={!editable}
              onChange={(e) => setNaming(e.target.value as "start" | "end")}
            >
              <option value="end">ends in (GitLab)</option>
              <option value="start">starts in (Sourcegraph)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="settings-sweet">Sweet spot score</label>
            <input
              id="settings-sweet"
              type="number"
              required
              step="0.05"
              min="0"
              max="1"
              value={sweetSpot}
              disabled={!editable}
              onChange={(e) => setSweetSpot(e.target.value)}
            />
          </div>
          <p className="hint wide">{example}</p>
          {editable && (
            <div className="actions wide">
              <button type="submit" className="primary">
                Save settings
              </button>
              {saved && (
                <span className="success" role="status">
                  Saved.
                </span>
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}

/** "Q1 runs February–April" for the chosen calendar. */
function exampleLabel(startMonth: number, naming: "start" | "end"): string {
  if (startMonth === 1) return "Calendar quarters: Q1 runs January–March; labels like 2020-Q1.";
  const first = MONTHS[startMonth - 1];
  const third = MONTHS[(startMonth + 1) % 12];
  const year = 2020;
  const fy = naming === "start" ? year : year + 1;
  return `The fiscal year starting ${first} ${year} is FY${String(fy).slice(2)}; its Q1 runs ${first}–${third}.`;
}
