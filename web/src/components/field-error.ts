/**
 * Which field of a form an API error is about, and what to say next to it: the server names the
 * field as `details.field` (a rule of the domain) or as each detail's `path` (the request's shape).
 */
import { ApiError } from "../api/client";

export interface FieldError {
  field: string;
  message: string;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The error of one of `fields`, or undefined when the error names none of them. */
export function fieldErrorOf(error: unknown, fields: readonly string[]): FieldError | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = error.details;
  if (Array.isArray(details)) {
    for (const detail of details as { path?: unknown; message?: unknown }[]) {
      const path = Array.isArray(detail.path) ? detail.path.join(".") : String(detail.path ?? "");
      const field = path.split(".")[0] ?? "";
      if (fields.includes(field))
        return { field, message: sentence(String(detail.message ?? error.message)) };
    }
    return undefined;
  }
  const field = (details as { field?: unknown } | undefined)?.field;
  if (typeof field === "string" && fields.includes(field))
    return { field, message: sentence(error.message) };
  return undefined;
}
