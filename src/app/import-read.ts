/**
 * Reading an import's text as a canonical document: Markdown is parsed, JSON is checked.
 * Large texts are read on a worker thread with a time budget, so a slow page holds up no
 * other request (and one past the budget is stopped, with a clear error).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { OkrDocument } from "../core/document.js";
import { OkrError, type OkrErrorCode } from "../core/errors.js";
import type { FiscalCalendar } from "../core/types.js";
import { checkDocument } from "../markdown/document-schema.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import type { PeriodSection } from "../markdown/period-sections.js";
import { findJsonError, lineAndColumn } from "./import-json.js";
import type { ImportOptions } from "./import-types.js";

/** Reads the input as a canonical document: Markdown is parsed, JSON is checked. */
export function readImportDocument(
  text: string,
  format: ImportOptions["format"],
  calendar: FiscalCalendar | undefined,
  section?: PeriodSection,
): OkrDocument {
  const source = typeof text === "string" ? text : "";
  const isJson = format === "json" || (format === undefined && source.trimStart().startsWith("{"));
  if (!isJson) {
    return parseHandbook(source, {
      ...(calendar ? { calendar } : {}),
      ...(section ? { section } : {}),
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new OkrError("invalid_input", `Invalid JSON: ${jsonErrorWhere(source, error)}`);
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new OkrError(
      "invalid_input",
      `Not a canonical OKR document: it nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep, the limit (items may hang at most ${MAX_JSON_DEPTH / 2 - 2} levels under one another).`,
    );
  }
  const check = checkDocument(value);
  if (!check.ok) {
    throw new OkrError(
      "invalid_input",
      `Not a canonical OKR document (format okr/1): ${check.errors.join("; ")}`,
      { errors: check.errors },
    );
  }
  return check.document;
}

/** Deepest nesting of arrays and objects a canonical document may have (items nest in pairs). */
export const MAX_JSON_DEPTH = 100;

/** Whether `value` nests more than `limit` arrays and objects deep (walked without recursion). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.value === null || typeof next.value !== "object") continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value))
      stack.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/** "expected ',' or ']', found ',' at line 3, column 13": where a JSON text breaks. */
export function jsonErrorWhere(text: string, error: unknown): string {
  const found = findJsonError(text);
  if (found !== null) {
    const { line, column } = lineAndColumn(text, found.index);
    return `${found.reason} at line ${line}, column ${column}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Texts up to this many characters are read in place: they take milliseconds. */
export const IN_PLACE_LIMIT = 64 * 1024;
/** How long reading one import may take on its worker before it is stopped. */
export const READ_BUDGET_MS = 20_000;
/** Workers reading at once; more imports wait their turn (each worker holds a whole page). */
export const MAX_READERS = 2;

let readers = 0;
const waiting: Array<() => void> = [];

/** Runs `work` when fewer than {@link MAX_READERS} others run. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (readers >= MAX_READERS) await new Promise<void>((start) => waiting.push(start));
  readers++;
  try {
    return await work();
  } finally {
    readers--;
    waiting.shift()?.();
  }
}

/**
 * How to start the worker: its file beside this module (bundled or compiled), or — running
 * from source, as the tests do — a script that loads tsx first and then the source file.
 */
function workerFile(): { script: URL | string; eval: boolean } | null {
  for (const name of ["./import-read-worker.mjs", "./import-read-worker.js"]) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return { script: url, eval: false };
  }
  const source = new URL("./import-read-worker.ts", import.meta.url);
  if (!existsSync(fileURLToPath(source))) return null;
  const load = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); })`;
  return { script: load, eval: true };
}

/** What the worker reads: the arguments of {@link readImportDocument}. */
export interface ReadInput {
  text: string;
  format: ImportOptions["format"];
  calendar: FiscalCalendar | undefined;
  section: PeriodSection | undefined;
}

/** What the worker answers: the document, or the error it met. */
export type ReadAnswer =
  | { document: OkrDocument }
  | { error: { code: OkrErrorCode; message: string; details?: unknown } };

/**
 * {@link readImportDocument}, on a worker thread for a large text (the event loop keeps
 * answering meanwhile), stopped after `budgetMs` with `invalid_input` saying so.
 */
export async function readImportDocumentOffThread(
  text: string,
  format: ImportOptions["format"],
  calendar: FiscalCalendar | undefined,
  section?: PeriodSection,
  budgetMs = READ_BUDGET_MS,
): Promise<OkrDocument> {
  const file = typeof text === "string" && text.length > IN_PLACE_LIMIT ? workerFile() : null;
  if (file === null) return readImportDocument(text, format, calendar, section);
  const answer = await inTurn(() =>
    readOnWorker(file, { text, format, calendar, section }, budgetMs),
  );
  if ("error" in answer) {
    throw new OkrError(answer.error.code, answer.error.message, answer.error.details);
  }
  return answer.document;
}

/** One read on a fresh worker, stopped after `budgetMs`. */
function readOnWorker(
  file: { script: URL | string; eval: boolean },
  input: ReadInput,
  budgetMs: number,
): Promise<ReadAnswer> {
  return new Promise<ReadAnswer>((resolve, reject) => {
    const worker = new Worker(file.script, { eval: file.eval, workerData: input });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new OkrError(
          "invalid_input",
          `Reading the page took longer than ${budgetMs / 1000} s, the limit; split it into smaller pages.`,
        ),
      );
    }, budgetMs);
    worker.once("message", (message: ReadAnswer) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message);
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Gone without an answer (out of memory): after an answer this changes nothing.
    worker.once("exit", () => {
      clearTimeout(timer);
      reject(new OkrError("internal_error", "The page could not be read: its reader stopped."));
    });
  });
}
