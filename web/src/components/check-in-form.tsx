/** The check-in form: value (or progress, or done), health, confidence, note. */
import { type FormEvent, useId, useState } from "react";
import { api, messageOf } from "../api/client";
import { type CheckIn, HEALTH_LABELS, HEALTHS, type Health, type KeyResult } from "../api/types";
import { formatValue, isTargetHidden } from "../format";

export function CheckInForm({
  keyResult,
  onDone,
  autoFocus = false,
}: {
  keyResult: KeyResult;
  onDone: (checkIn: CheckIn | undefined) => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const usesValue = keyResult.kind === "metric" || keyResult.kind === "threshold";
  const [value, setValue] = useState(
    usesValue
      ? String(keyResult.current ?? keyResult.start ?? "")
      : String(Math.round((keyResult.progress ?? 0) * 100)),
  );
  const [done, setDone] = useState((keyResult.progress ?? 0) >= 1);
  const [health, setHealth] = useState<Health | "">(keyResult.health ?? "on_track");
  const [confidence, setConfidence] = useState(String(keyResult.confidence ?? 7));
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const body: Record<string, unknown> = { note };
    if (health) body.health = health;
    if (confidence !== "") body.confidence = Number(confidence);
    if (keyResult.kind === "milestone") body.progress = done ? 1 : 0;
    else if (value.trim() !== "") {
      const number = Number(value);
      if (Number.isNaN(number)) {
        setError("The value must be a number.");
        return;
      }
      if (usesValue) body.value = number;
      else body.progress = number / 100;
    }
    setBusy(true);
    try {
      const answer = await api.post<CheckIn | { checkIn: CheckIn }>(
        `/key-results/${keyResult.id}/check-ins`,
        body,
      );
      onDone("checkIn" in answer ? answer.checkIn : answer);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const hiddenTarget = isTargetHidden(keyResult);
  return (
    <form className="check-in-form" onSubmit={submit} aria-label={`Check in on ${keyResult.title}`}>
      {usesValue && (
        <p className="hint">
          From {formatValue(keyResult.start, keyResult.unit)} to{" "}
          {hiddenTarget ? "a confidential target" : formatValue(keyResult.target, keyResult.unit)}
          {keyResult.kind === "threshold" ? ` (stay ${keyResult.direction ?? "above"})` : ""}; now{" "}
          {formatValue(keyResult.current, keyResult.unit)}.
        </p>
      )}
      {keyResult.kind === "milestone" ? (
        <label className="checkbox" htmlFor={`${id}-done`}>
          <input
            id={`${id}-done`}
            type="checkbox"
            checked={done}
            onChange={(e) => setDone(e.target.checked)}
          />
          Done
        </label>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-value`}>{usesValue ? "Value" : "Progress (%)"}</label>
          <input
            id={`${id}-value`}
            name="value"
            type="number"
            step="any"
            inputMode="decimal"
            value={value}
            // biome-ignore lint/a11y/noAutofocus: the dialog opens to check in
            autoFocus={autoFocus}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-health`}>Health</label>
          <select
            id={`${id}-health`}
            value={health}
            onChange={(e) => setHealth(e.target.value as Health | "")}
          >
            <option value="">Not set</option>
            {HEALTHS.map((h) => (
              <option key={h} value={h}>
                {HEALTH_LABELS[h]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-confidence`}>Confidence (0–10)</label>
          <input
            id={`${id}-confidence`}
            type="number"
            min={0}
            max={10}
            step={1}
            value={confidence}
            onChange={(e) => setConfidence(e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : "Save check-in"}
        </button>
      </div>
    </form>
  );
}
