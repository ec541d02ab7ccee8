/** Settings: after how many days without a check-in a key result counts as stale. */
import { type FormEvent, useId, useState } from "react";
import { api } from "../../api/client";
import type { Settings } from "../../api/types";
import { ErrorText } from "../../components/field";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

export function StaleSection({ editable }: { editable: boolean }) {
  const settings = useLoad(() => api.get<Settings>("/settings"), []);
  return (
    <section id="stale" className="card" aria-labelledby="stale-heading">
      <h2 id="stale-heading" tabIndex={-1}>
        When a key result is stale
      </h2>
      <ErrorText error={settings.error} />
      {settings.data && (
        <StaleForm
          initial={settings.data.staleDays}
          editable={editable}
          onSaved={(saved) => settings.setData(saved)}
        />
      )}
    </section>
  );
}

const FIELDS = ["staleDays"];

function StaleForm({
  initial,
  editable,
  onSaved,
}: {
  initial: number;
  editable: boolean;
  onSaved: (settings: Settings) => void;
}) {
  const id = useId();
  const [days, setDays] = useState(String(initial));
  const [saved, setSaved] = useState(false);
  const { error, errorOf, formRef, run } = useAction(FIELDS);
  const daysError = errorOf("staleDays");

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const ok = await run(async () =>
      onSaved(await api.put<Settings>("/settings", { staleDays: Number(days) })),
    );
    if (ok) setSaved(true);
  }

  return (
    <form ref={formRef} onSubmit={save} className="editor-grid">
      <div className="field">
        <label htmlFor={id}>Stale after (days without a check-in)</label>
        <input
          id={id}
          type="number"
          min={1}
          max={365}
          step={1}
          value={days}
          disabled={!editable}
          aria-invalid={daysError ? true : undefined}
          aria-describedby={daysError ? `${id}-error ${id}-hint` : `${id}-hint`}
          onChange={(e) => setDays(e.target.value)}
        />
        {daysError && (
          <span id={`${id}-error`} className="field-error">
            {daysError}
          </span>
        )}
        <span id={`${id}-hint`} className="hint">
          The dashboard's stale list, My OKRs and the tree's badges all use this.
        </span>
      </div>
      <ErrorText error={error} />
      {editable && (
        <div className="button-row wide">
          <button type="submit">Save</button>
          {saved && (
            <span role="status" className="muted">
              Saved.
            </span>
          )}
        </div>
      )}
    </form>
  );
}
