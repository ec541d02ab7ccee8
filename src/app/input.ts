/** Validating use-case input: one place turns a zod failure into `invalid_input` with paths. */
import type { z } from "zod";
import { OkrError } from "../core/errors.js";

export interface InputProblem {
  path: string;
  message: string;
}

/** Parses `input` with `schema`, or throws `invalid_input` naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems: InputProblem[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
  const summary = problems.map((p) => `${p.path}: ${p.message}`).join("; ");
  throw new OkrError("invalid_input", `Invalid input: ${summary}`, problems);
}
