/** Add a key result to an objective. */
import { type FormEvent, useEffect, useRef, useState } from "react";
import {
  KEY_RESULT_KINDS,
  type KeyResultKind,
  METRIC_UNITS,
  type MetricUnit,
} from "../../../src/core/types.js";
import { api, messageOf } from "../api/client";
import { type KeyResult, KIND_LABELS, type Objective } from "../api/types";
import { ErrorText, TextField } from "../components/field";
import { type FieldError, fieldErrorOf } from "../components/field-error";
import { plainTextOf } from "../components/inline-markdown";
import { OwnerPicker } from "../components/owner-picker";
import { navigate } from "../router";
import { useLoad } from "../use-load";

const FIELDS = ["title", "start", "target", "weight"] as const;

export function NewKeyResultPage({ query }: { query: URLSearchParams }) {
  const objectiveId = query.get("objectiveId") ?? "";
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [kind, setKind] = useState<KeyResultKind>("metric");
  const [unit, setUnit] = useState<MetricUnit | "">("count");
  const [start, setStart] = useState("0");
  const [target, setTarget] = useState("");
  const [direction, setDirection] = useState<"above" | "below">("above");
  const [weight, setWeight] = useState("1");
  const [targetConfidential, setTargetConfidential] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<FieldError>();
  const form = useRef<HTMLFormElement>(null);
  const objective = useLoad(() => api.get<Objective>(`/objectives/${objectiveId}`), [objectiveId]);
  const numeric = kind === "metric" || kind === "threshold";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setFieldError(undefined);
    try {
      const body: Record<string, unknown> = {
        objectiveId,
        title,
        kind,
        owner: owner || null,
        weight: Number(weight),
        targetConfidential,
      };
      if (numeric) {
        body.unit = unit || null;
        body.target = target === "" ? null : Number(target);
        if (kind === "metric") body.start = start === "" ? null : Number(start);
        else body.direction = direction;
      }
      const created = await api.post<KeyResult>("/key-results", body);
      navigate(`/key-results/${created.id}`);
    } catch (err) {
      const inField = fieldErrorOf(err, FIELDS);
      if (inField) setFieldError(inField);
      else setError(messageOf(err));
    }
  }

  useEffect(() => {
    if (fieldError) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldError]);
  /** The error said beside `field`, until its value changes. */
  const errorOf = (field: (typeof FIELDS)[number]) =>
    fieldError?.field === field ? fieldError.message : undefined;
  const changed =
    (field: (typeof FIELDS)[number], set: (value: string) => void) => (value: string) => {
      set(value);
      if (fieldError?.field === field) setFieldError(undefined);
    };

  return (
    <section className="narrow">
      <h1>New key result</h1>
      {objective.data && (
        <p className="muted">For the objective “{plainTextOf(objective.data.title)}”.</p>
      )}
      <form className="card" onSubmit={submit} ref={form}>
        <TextField
          label="Title"
          required
          value={title}
          error={errorOf("title")}
          onChange={(e) => changed("title", setTitle)(e.target.value)}
          hint='With a number where possible: "Raise MR rate from 8 to 10".'
        />
        <OwnerPicker value={owner} onChange={setOwner} />
        <div className="field">
          <label htmlFor="new-kr-kind">Kind</label>
          <select
            id="new-kr-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as KeyResultKind)}
          >
            {KEY_RESULT_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        {numeric && (
          <>
            <div className="field">
              <label htmlFor="new-kr-unit">Unit</label>
              <select
                id="new-kr-unit"
                value={unit}
                onChange={(e) => setUnit(e.target.value as MetricUnit)}
              >
                {METRIC_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </div>
            {kind === "metric" ? (
              <TextField
                label="Start"
                type="number"
                step="any"
                value={start}
                error={errorOf("start")}
                onChange={(e) => changed("start", setStart)(e.target.value)}
              />
            ) : (
              <div className="field">
                <label htmlFor="new-kr-direction">Stay</label>
                <select
                  id="new-kr-direction"
                  value={direction}
                  onChange={(e) => setDirection(e.target.value as "above" | "below")}
                >
                  <option value="above">above</option>
                  <option value="below">below</option>
                </select>
              </div>
            )}
            <TextField
              label="Target"
              type="number"
              step="any"
              required
              value={target}
              error={errorOf("target")}
              onChange={(e) => changed("target", setTarget)(e.target.value)}
              hint="A target below the start means reduce."
            />
          </>
        )}
        <TextField
          label="Weight"
          type="number"
          step="any"
          min={0}
          value={weight}
          error={errorOf("weight")}
          onChange={(e) => changed("weight", setWeight)(e.target.value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={targetConfidential}
            onChange={(e) => setTargetConfidential(e.target.checked)}
          />
          Target is confidential
        </label>
        <ErrorText error={error} />
        <div className="actions">
          <button type="submit" className="primary">
            Create key result
          </button>
          <button type="button" onClick={() => window.history.back()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
