/** Every error code the product speaks. Each edge (server, CLI) translates them once. */
export const ERROR_CODES = [
  "invalid_input",
  "unauthenticated",
  "forbidden",
  "not_found",
  "version_conflict",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "database_unavailable",
  "internal_error",
  // domain rules
  "target_equals_start",
  "negative_weight",
  "unknown_period_label",
  "tree_cycle",
  "period_closed",
  "invalid_config",
  // a service okr calls (a chat webhook, the mail server) refused or did not answer
  "upstream_failed",
  "source_failed",
  // a server-side tool the answer needs is not installed (the review PDF's Chromium)
  "renderer_unavailable",
] as const;
export type OkrErrorCode = (typeof ERROR_CODES)[number];

export class OkrError extends Error {
  constructor(
    readonly code: OkrErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "OkrError";
  }
}

export function isOkrError(error: unknown): error is OkrError {
  return error instanceof OkrError;
}
