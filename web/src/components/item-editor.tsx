/**
 * Edits an objective or key result with optimistic concurrency: the PATCH names the version we
 * saw; a 409 `version_conflict` shows the other person's change and lets the person choose.
 */
import { type FormEvent, useEffect, useId, useState } from "react";
import { ApiError, api, messageOf } from "../api/client";
import { ConflictNotice } from "./conflict-notice";
import { ErrorText } from "./field";
import { type FieldError, fieldErrorOf } from "./field-error";
import { OwnerPicker } from "./owner-picker";

export interface FieldSpec {
  key: string;
  label: string;
  /** `owner`: the owner picker (people, teams, role titles). */
  type: "text" | "textarea" | "number" | "select" | "checkbox" | "owner";
  options?: [string, string][];
  hint?: string;
  /** Select value "" means null. */
  nullable?: boolean;
}

type Values = Record<string, string | boolean>;

function toForm(item: Record<string, unknown>, fields: FieldSpec[]): Values {
  const values: Values = {};
  for (const field of fields) {
    const raw =
      field.key === "owner" ? (item.owner as { name?: string } | null)?.name : item[field.key];
    values[field.key] =
      field.type === "checkbox"
        ? Boolean(raw)
        : raw === null || raw === undefined
          ? ""
          : String(raw);
  }
  return values;
}

function toBody(values: Values, original: Values, fields: FieldSpec[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (value === original[field.key]) continue;
    if (field.type === "checkbox") body[field.key] = Boolean(value);
    else if (field.type === "number") body[field.key] = value === "" ? null : Number(value);
    else if (value === "" && (field.nullable || field.key === "owner" || field.key === "outcome"))
      body[field.key] = null;
    else body[field.key] = value;
  }
  return body;
}

/** The fields drawn as one input of their own, where an error can show beside it. */
function fieldKeysWithInputs(fields: FieldSpec[]): string[] {
  return fields.filter((f) => f.type !== "owner" && f.type !== "checkbox").map((f) => f.key);
}

export function ItemEditor<T extends { version: number }>({
  item,
  path,
  fields,
  onSaved,
}: {
  item: T;
  path: string;
  fields: FieldSpec[];
  onSaved: (item: T) => void;
}) {
  const id = useId();
  const [base, setBase] = useState<T>(item);
  const [values, setValues] = useState<Values>(() =>
    toForm(item as Record<string, unknown>, fields),
  );
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<FieldError>();
  const [conflict, setConflict] = useState<{ mine: Record<string, unknown>; current: T } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another version arrives
  useEffect(() => {
    if (item.version !== base.version && !conflict) {
      setBase(item);
      setValues(toForm(item as Record<string, unknown>, fields));
    }
  }, [item.version]);

  async function save(version: number, body: Record<string, unknown>) {
    setBusy(true);
    setError(undefined);
    setFieldError(undefined);
    setSaved(false);
    try {
      const updated = await api.patch<T>(path, { ...body, version });
      setConflict(null);
      setBase(updated);
      setValues(toForm(updated as Record<string, unknown>, fields));
      setSaved(true);
      onSaved(updated);
    } catch (err) {
      if (err instanceof ApiError && err.code === "version_conflict") {
        const current = (err.details as { current?: T } | undefined)?.current;
        if (current) setConflict({ mine: body, current });
        else setError(`${err.message} Reload the page to see the latest version.`);
      } else {
        const inField = fieldErrorOf(err, fieldKeysWithInputs(fields));
        if (inField) {
          setFieldError(inField);
          document.getElementById(`${id}-${inField.field}`)?.focus();
        } else setError(messageOf(err));
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const original = toForm(base as Record<string, unknown>, fields);
    const body = toBody(values, original, fields);
    if (Object.keys(body).length === 0) {
      setError("Nothing changed.");
      return;
    }
    void save(base.version, body);
  }

  const labels = Object.fromEntries(fields.map((f) => [f.key, f.label]));
  return (
    <form className="editor" onSubmit={submit} aria-label="Edit">
      {conflict && (
        <ConflictNotice
          mine={conflict.mine}
          current={conflict.current as Record<string, unknown>}
          labels={labels}
          onTakeTheirs={() => {
            setBase(conflict.current);
            setValues(toForm(conflict.current as Record<string, unknown>, fields));
            setConflict(null);
            onSaved(conflict.current);
          }}
          onKeepMine={() => void save(conflict.current.version, conflict.mine)}
        />
      )}
      <div className="editor-grid">
        {fields.map((field) => {
          const fieldId = `${id}-${field.key}`;
          const value = values[field.key];
          const set = (next: string | boolean) => {
            setValues((v) => ({ ...v, [field.key]: next }));
            if (fieldError?.field === field.key) setFieldError(undefined);
          };
          const invalid = fieldError?.field === field.key;
          const described =
            [invalid ? `${fieldId}-error` : "", field.hint ? `${fieldId}-hint` : ""]
              .filter(Boolean)
              .join(" ") || undefined;
          const control = {
            id: fieldId,
            "aria-invalid": invalid || undefined,
            "aria-describedby": described,
          };
          if (field.type === "owner")
            return (
              <OwnerPicker
                key={field.key}
                label={field.label}
                value={String(value)}
                onChange={(name) => set(name)}
              />
            );
          if (field.type === "checkbox")
            return (
              <label key={field.key} className="checkbox" htmlFor={fieldId}>
                <input
                  id={fieldId}
                  type="checkbox"
                  checked={Boolean(value)}
                  onChange={(e) => set(e.target.checked)}
                />
                {field.label}
              </label>
            );
          return (
            <div
              key={field.key}
              className={`field${field.type === "textarea" || field.key === "title" ? " wide" : ""}`}
            >
              <label htmlFor={fieldId}>{field.label}</label>
              {field.type === "textarea" ? (
                <textarea
                  {...control}
                  rows={3}
                  value={String(value)}
                  onChange={(e) => set(e.target.value)}
                />
              ) : field.type === "select" ? (
                <select {...control} value={String(value)} onChange={(e) => set(e.target.value)}>
                  {field.nullable && <option value="">—</option>}
                  {(field.options ?? []).map(([key, text]) => (
                    <option key={key} value={key}>
                      {text}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...control}
                  type={field.type}
                  step={field.type === "number" ? "any" : undefined}
                  value={String(value)}
                  onChange={(e) => set(e.target.value)}
                />
              )}
              {invalid && (
                <span id={`${fieldId}-error`} className="field-error">
                  {fieldError.message}
                </span>
              )}
              {field.hint && (
                <span id={`${fieldId}-hint`} className="hint">
                  {field.hint}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <ErrorText error={error} />
      {saved && (
        <p className="success" role="status">
          Saved.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : "Save changes"}
        </button>
      </div>
    </form>
  );
}
