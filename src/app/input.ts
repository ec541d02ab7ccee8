/** Validating use-case input: one place turns a zod failure into `invalid_input` with paths. */
import type { z } from "zod";
import { OkrError } from "../core/errors.js";
import { NUL_MESSAGE, nulPathOf } from "../core/nul-character.js";

export interface InputProblem {
  path: string;
  message: string;
}

/**
 * Parses `input` with `schema`, or throws `invalid_input` naming each bad field; a text holding
 * the NUL character is a bad field too (`core/nul-character.ts`), on every database alike.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  let problems: InputProblem[];
  if (result.success) {
    const nul = nulPathOf(result.data);
    if (nul === null) return result.data;
    problems = [{ path: nul.map(String).join(".") || "(body)", message: NUL_MESSAGE }];
  } else {
    problems = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(body)",
      message: issue.message,
    }));
  }
  const summary = problems.map((p) => `${p.path}: ${p.message}`).join("; ");
  throw new OkrError("invalid_input", `Invalid input: ${summary}`, problems);
}
