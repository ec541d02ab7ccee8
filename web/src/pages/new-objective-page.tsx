/** Create an objective: top level, or aligned under an objective or key result. */
import { type FormEvent, useEffect, useRef, useState } from "react";
import { api, messageOf } from "../api/client";
import type { Objective } from "../api/types";
import { ErrorText, TextField } from "../components/field";
import { type FieldError, fieldErrorOf } from "../components/field-error";
import { OwnerPicker } from "../components/owner-picker";
import { navigate } from "../router";
import { useWorkspace } from "../session";

export function NewObjectivePage({ query }: { query: URLSearchParams }) {
  const workspace = useWorkspace();
  const [periodId, setPeriodId] = useState(query.get("periodId") ?? workspace.periods[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [weight, setWeight] = useState("1");
  const [confidential, setConfidential] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<FieldError>();
  const form = useRef<HTMLFormElement>(null);
  const parentObjectiveId = query.get("parentObjectiveId");
  const parentKeyResultId = query.get("parentKeyResultId");

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setFieldError(undefined);
    if (title.trim() === "") {
      setFieldError({ field: "title", message: "Say what the objective is to achieve." });
      return;
    }
    try {
      const created = await api.post<Objective>("/objectives", {
        periodId,
        title,
        owner: owner || null,
        weight: Number(weight),
        confidential,
        parentObjectiveId: parentObjectiveId ?? undefined,
        parentKeyResultId: parentKeyResultId ?? undefined,
      });
      navigate(`/objectives/${created.id}`);
    } catch (err) {
      const inField = fieldErrorOf(err, ["title", "weight"]);
      if (inField) setFieldError(inField);
      else setError(messageOf(err));
    }
  }

  useEffect(() => {
    if (fieldError) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldError]);
  const errorOf = (field: string) => (fieldError?.field === field ? fieldError.message : undefined);

  return (
    <section className="narrow">
      <h1>New objective</h1>
      {(parentObjectiveId || parentKeyResultId) && (
        <p className="muted">It will be aligned under the item you came from.</p>
      )}
      <form className="card" onSubmit={submit} ref={form}>
        <div className="field">
          <label htmlFor="new-objective-period">Period</label>
          <select
            id="new-objective-period"
            value={periodId}
            onChange={(e) => setPeriodId(e.target.value)}
          >
            {workspace.periods.map((p) => (
              <option key={p.id} value={p.id} disabled={Boolean(p.closedAt)}>
                {p.closedAt ? `${p.label} (closed)` : p.label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Title"
          required
          value={title}
          error={errorOf("title")}
          onChange={(e) => setTitle(e.target.value)}
          hint="What do we want to achieve?"
        />
        <OwnerPicker value={owner} onChange={setOwner} />
        <TextField
          label="Weight"
          type="number"
          step="any"
          min={0}
          value={weight}
          error={errorOf("weight")}
          onChange={(e) => setWeight(e.target.value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={confidential}
            onChange={(e) => setConfidential(e.target.checked)}
          />
          Confidential (only insiders see it)
        </label>
        <ErrorText error={error} />
        <div className="actions">
          <button type="submit" className="primary">
            Create objective
          </button>
          <button type="button" onClick={() => window.history.back()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
