/**
 * The check-in history, newest first: its author may correct a check-in within 7 days (value
 * or progress, health, confidence, note), editors may delete one. Either way the key result's
 * state is recomputed by the server and the page reloads it.
 */
import { type FormEvent, useId, useState } from "react";
import { api } from "../api/client";
import { type CheckIn, HEALTH_LABELS, HEALTHS, type Health, type KeyResult } from "../api/types";
import { formatDateTime, formatPercent, formatValue, isTargetHidden } from "../format";
import { useAction } from "../pages/settings/use-action";
import { canEdit, useWorkspace } from "../session";
import { ErrorText } from "./field";

/** How long after making it the author may correct a check-in (the server's rule). */
const CORRECTION_DAYS = 7;

export function CheckInHistory({
  kr,
  checkIns,
  open,
  onChanged,
}: {
  kr: KeyResult;
  checkIns: CheckIn[];
  /** The period is open: corrections and deletions are allowed. */
  open: boolean;
  onChanged: () => void;
}) {
  const { user } = useWorkspace();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const { error, run } = useAction();
  if (checkIns.length === 0) return <p className="muted">No check-ins yet.</p>;
  const sorted = [...checkIns].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
  const mayCorrect = (c: CheckIn) =>
    open &&
    c.authorId === user.id &&
    Date.now() - Date.parse(c.createdAt) <= CORRECTION_DAYS * 86_400_000;
  const mayDelete = open && canEdit(user);

  async function remove(id: string) {
    if (await run(() => api.delete(`/check-ins/${id}`))) {
      setConfirming(null);
      onChanged();
    }
  }

  return (
    <div className="table-wrap">
      <ErrorText error={error} />
      <table className="data-table">
        <caption className="visually-hidden">Check-ins, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Value</th>
            <th scope="col">Progress</th>
            <th scope="col">Health</th>
            <th scope="col">Confidence</th>
            <th scope="col">Note</th>
            {(mayDelete || sorted.some(mayCorrect)) && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((c) =>
            editing === c.id ? (
              <tr key={c.id}>
                <td colSpan={8}>
                  <CorrectionForm
                    kr={kr}
                    checkIn={c}
                    onDone={() => {
                      setEditing(null);
                      onChanged();
                    }}
                    onCancel={() => setEditing(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={c.id}>
                <td>{formatDateTime(c.createdAt)}</td>
                <td>{c.authorName ?? "—"}</td>
                <td>{formatValue(c.value, kr.unit)}</td>
                <td>{formatPercent(c.progress)}</td>
                <td>{c.health ? HEALTH_LABELS[c.health] : "—"}</td>
                <td>{c.confidence ?? "—"}</td>
                <td>{c.note}</td>
                {(mayDelete || sorted.some(mayCorrect)) && (
                  <td className="row-actions">
                    {mayCorrect(c) && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing(c.id)}
                      >
                        Correct
                      </button>
                    )}
                    {mayDelete &&
                      (confirming === c.id ? (
                        <>
                          <button
                            type="button"
                            className="link-button danger"
                            onClick={() => void remove(c.id)}
                          >
                            Confirm delete
                          </button>
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => setConfirming(null)}
                          >
                            Keep it
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setConfirming(c.id)}
                        >
                          Delete
                        </button>
                      ))}
                  </td>
                )}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function CorrectionForm({
  kr,
  checkIn,
  onDone,
  onCancel,
}: {
  kr: KeyResult;
  checkIn: CheckIn;
  onDone: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const usesValue = (kr.kind === "metric" || kr.kind === "threshold") && !isTargetHidden(kr);
  const [amount, setAmount] = useState(
    usesValue
      ? String(checkIn.value ?? "")
      : checkIn.progress === null
        ? ""
        : String(Math.round(checkIn.progress * 100)),
  );
  const [health, setHealth] = useState<Health | "">(checkIn.health ?? "");
  const [confidence, setConfidence] = useState(String(checkIn.confidence ?? ""));
  const [note, setNote] = useState(checkIn.note);
  const { error, setError, run } = useAction();

  async function save(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = {
      note,
      health: health || null,
      confidence: confidence === "" ? null : Number(confidence),
    };
    if (amount.trim() !== "") {
      const number = Number(amount);
      if (Number.isNaN(number)) {
        setError(`The ${usesValue ? "value" : "progress"} must be a number.`);
        return;
      }
      if (usesValue) body.value = number;
      else body.progress = number / 100;
    }
    if (await run(() => api.patch(`/check-ins/${checkIn.id}`, body))) onDone();
  }

  return (
    <form onSubmit={save} className="editor-grid" aria-label="Correct the check-in">
      <div className="field">
        <label htmlFor={`${id}-amount`}>{usesValue ? "Value" : "Progress (%)"}</label>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-health`}>Health</label>
        <select
          id={`${id}-health`}
          value={health}
          onChange={(e) => setHealth(e.target.value as Health | "")}
        >
          <option value="">—</option>
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
          inputMode="decimal"
          value={confidence}
          onChange={(e) => setConfidence(e.target.value)}
        />
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <ErrorText error={error} />
      <div className="button-row wide">
        <button type="submit">Save correction</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
