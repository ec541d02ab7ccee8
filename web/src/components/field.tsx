/** A labelled input: every input has a label, and an error is tied to its field. */
import { type InputHTMLAttributes, useId } from "react";

export function TextField({
  label,
  hint,
  error,
  ...input
}: {
  label: string;
  hint?: string;
  /** What is wrong with the value, said beside the field. */
  error?: string;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described =
    [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        {...input}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

export function ErrorText({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error}
    </p>
  );
}
