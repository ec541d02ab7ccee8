/** Settings: how scores roll up — aligned objectives, key results with no progress, the cap. */
import { type FormEvent, useState } from "react";
import { api } from "../../api/client";
import type { Settings } from "../../api/types";
import { ErrorText } from "../../components/field";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

type RollUp = Settings["rollUp"];

const FIELDS = ["rollUp"];

export function RollUpSection({ editable }: { editable: boolean }) {
  const settings = useLoad(() => api.get<Settings>("/settings"), []);
  return (
    <section id="roll-up" className="card" aria-labelledby="roll-up-heading">
      <h2 id="roll-up-heading" tabIndex={-1}>
        How scores roll up
      </h2>
      <ErrorText error={settings.error} />
      {!settings.data && !settings.error && <p className="muted">Loading…</p>}
      {settings.data && (
        <RollUpForm
          initial={settings.data.rollUp}
          editable={editable}
          onSaved={(saved) => settings.setData(saved)}
        />
      )}
    </section>
  );
}

/** The form, first drawn with the stored options (never a default that they then replace). */
function RollUpForm({
  initial,
  editable,
  onSaved,
}: {
  initial: RollUp;
  editable: boolean;
  onSaved: (settings: Settings) => void;
}) {
  const [children, setChildren] = useState(initial.includeChildObjectives);
  const [unscored, setUnscored] = useState<RollUp["unscored"]>(initial.unscored);
  const [cap, setCap] = useState(String(initial.cap));
  const { error, errorOf, formRef, run } = useAction(FIELDS);
  const [saved, setSaved] = useState(false);
  // The server names the roll-up's fields as a whole ("rollUp.cap"): the cap is the one typed.
  const capError = errorOf("rollUp");

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const ok = await run(async () => {
      // Only the roll-up: other sections keep what they saved.
      const rollUp: RollUp = { includeChildObjectives: children, unscored, cap: Number(cap) };
      onSaved(await api.put<Settings>("/settings", { rollUp }));
    });
    if (ok) setSaved(true);
  }

  return (
    <>
      <ErrorText error={error} />
      <form ref={formRef} onSubmit={save} className="editor-grid">
        <div className="field wide">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={children}
              disabled={!editable}
              onChange={(e) => setChildren(e.target.checked)}
            />
            Count aligned objectives
          </label>
          <span className="hint">
            {children
              ? "An objective scores from its key results and from the objectives aligned under it or under one of its key results."
              : "An objective scores from its own key results only; objectives aligned under it do not change its score."}
          </span>
        </div>
        <div className="field">
          <label htmlFor="roll-up-unscored">Key results with no progress yet</label>
          <select
            id="roll-up-unscored"
            value={unscored}
            disabled={!editable}
            onChange={(e) => setUnscored(e.target.value as RollUp["unscored"])}
          >
            <option value="excluded">are not scored</option>
            <option value="zero">count as 0</option>
          </select>
          <span className="hint">
            {unscored === "excluded"
              ? "Left out of their objective's score until they have progress; an objective with nothing scored shows “not scored”."
              : "Count as 0 in their objective's score, so a quarter with no check-ins yet scores 0."}
          </span>
        </div>
        <div className="field">
          <label htmlFor="roll-up-cap">Cap on a rolled-up score</label>
          <input
            id="roll-up-cap"
            type="number"
            step="0.1"
            min="0.1"
            value={cap}
            disabled={!editable}
            aria-invalid={capError ? true : undefined}
            aria-describedby={capError ? "roll-up-cap-error roll-up-cap-hint" : "roll-up-cap-hint"}
            onChange={(e) => setCap(e.target.value)}
          />
          {capError && (
            <span id="roll-up-cap-error" className="field-error">
              {capError}
            </span>
          )}
          <span id="roll-up-cap-hint" className="hint">
            An objective's score above {cap || "the cap"} counts as {cap || "the cap"}; a key result
            keeps its own 150% on its page.
          </span>
        </div>
        {editable && (
          <div className="actions wide">
            <button type="submit" className="primary">
              Save roll-up
            </button>
            {saved && (
              <span className="success" role="status">
                Saved.
              </span>
            )}
          </div>
        )}
      </form>
    </>
  );
}
