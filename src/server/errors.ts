/**
 * The one place where error codes become HTTP statuses, and the one renderer of error bodies:
 * `{"error":{"code","message","details"}}`. Anything that is not an OkrError is logged with a
 * request id and answered as 500 `internal_error`, never with a stack trace.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import { isOkrError, OkrError, type OkrErrorCode } from "../core/errors.js";
import { NUL_MESSAGE, nulPathOf } from "../core/nul-character.js";

/** Status for each general code; every other (domain) code answers 422. */
const STATUS_OF: Partial<Record<OkrErrorCode, ContentfulStatusCode>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  version_conflict: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  database_unavailable: 503,
  upstream_failed: 502,
  renderer_unavailable: 503,
};

/** HTTP status for an error code: the table above, else 422 (a domain rule said no). */
export function statusOf(code: OkrErrorCode): ContentfulStatusCode {
  return STATUS_OF[code] ?? 422;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** One zod issue as the API reports it: where, and what is wrong. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Zod issues -> `[{path, message}]`, the path written `items.0.title` (empty for the whole body). */
export function describeZodIssues(error: ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const parts = issue.path.map((part) => String(part));
    const path = [prefix, ...parts].filter((part) => part !== undefined && part !== "").join(".");
    return { path, message: issue.message };
  });
}

/** Turns a ZodError from one request part into `invalid_input`, naming each field. */
export function invalidInputOf(error: ZodError, target?: string): OkrError {
  const details = describeZodIssues(error, target === "json" ? undefined : target);
  const first = details[0];
  const where = first ? (first.path === "" ? "the body" : `'${first.path}'`) : "the request";
  const message = first
    ? `Invalid input: ${where}: ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ""}`
    : "Invalid input";
  return new OkrError("invalid_input", message, details);
}

/**
 * A request part holding the NUL character (`core/nul-character.ts`) as `invalid_input`, naming
 * the field as `invalidInputOf` does; undefined where `data` holds none.
 */
export function invalidNulIn(data: unknown, target?: string): OkrError | undefined {
  const nul = nulPathOf(data);
  if (nul === null) return undefined;
  const parts = [target === "json" ? undefined : target, ...nul.map(String)];
  const path = parts.filter((part) => part !== undefined && part !== "").join(".");
  const where = path === "" ? "the body" : `'${path}'`;
  return new OkrError("invalid_input", `Invalid input: ${where}: ${NUL_MESSAGE}`, [
    { path, message: NUL_MESSAGE },
  ]);
}

/** Maps framework exceptions (malformed JSON, body limit, media type, zod) into our vocabulary. */
export function toOkrError(error: unknown): OkrError | undefined {
  if (isOkrError(error)) return error;
  if (error instanceof ZodError) return invalidInputOf(error);
  if (error instanceof HTTPException) {
    switch (error.status) {
      case 400: {
        const malformed = /malformed json/i.test(error.message);
        return new OkrError(
          "invalid_input",
          malformed ? "Malformed JSON in the request body" : error.message || "Bad request",
          malformed ? [{ path: "", message: "The body is not valid JSON" }] : undefined,
        );
      }
      case 401:
        return new OkrError("unauthenticated", error.message || "Sign in first");
      case 403:
        return new OkrError("forbidden", error.message || "Not allowed");
      case 404:
        return new OkrError("not_found", error.message || "Not found");
      case 413:
        return new OkrError("payload_too_large", "The request body is too large");
      case 415:
        return new OkrError(
          "unsupported_media_type",
          "This body's Content-Type is not accepted here: send application/json",
        );
      default:
        return undefined;
    }
  }
  return undefined;
}

/** Whether an unknown error means the database is unreachable (connection refused, closed pool…). */
export function isDatabaseDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    [
      "ECONNREFUSED",
      "ECONNRESET",
      "ENOTFOUND",
      "ETIMEDOUT",
      "57P01",
      "57P03",
      "SQLITE_CANTOPEN",
      "SQLITE_BUSY",
    ].includes(code)
  ) {
    return true;
  }
  return /connection terminated|pool is ended|database connection is not open|the database is closed|connect ECONNREFUSED|Cannot use a pool after calling end/i.test(
    error.message,
  );
}

/** Renders an error into the JSON body and status; logs what the client must not see. */
export function renderError(
  c: Context,
  error: unknown,
  log: (fields: Record<string, unknown>, message: string) => void,
): Response {
  const known = toOkrError(error);
  const requestId = (c.get("requestId" as never) as string | undefined) ?? undefined;
  if (known) {
    const body: ErrorBody = { error: { code: known.code, message: known.message } };
    if (known.details !== undefined) body.error.details = known.details;
    return c.json(body, statusOf(known.code));
  }
  if (isDatabaseDown(error)) {
    log({ err: describeUnknown(error), requestId }, "database unavailable");
    return c.json(
      {
        error: {
          code: "database_unavailable",
          message: "The database is not reachable; try again shortly",
          requestId,
        },
      },
      503,
    );
  }
  log({ err: describeUnknown(error), requestId }, "internal error");
  return c.json(
    {
      error: {
        code: "internal_error",
        message: `Something went wrong on our side (request ${requestId ?? "unknown"})`,
        requestId,
      },
    },
    500,
  );
}

function describeUnknown(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
