/** Turns errors into one clear line and an exit code: never a stack trace. */
import { isOkrError, type OkrErrorCode } from "../core/errors.js";

const EXIT_CODES: Partial<Record<OkrErrorCode, number>> = {
  invalid_input: 2,
  invalid_config: 2,
  not_found: 3,
  version_conflict: 4,
  database_unavailable: 5,
  renderer_unavailable: 5,
};

/** Exit code for an error code: 1 unless listed. */
export function exitCodeOf(code: OkrErrorCode): number {
  return EXIT_CODES[code] ?? 1;
}

export async function runCommand(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (isOkrError(error)) {
      process.stderr.write(`okr: ${error.message} (${error.code})\n`);
      process.exitCode = exitCodeOf(error.code);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`okr: unexpected error: ${message}\n`);
      if (process.env.OKR_LOG_LEVEL === "debug" && error instanceof Error) {
        process.stderr.write(`${error.stack ?? ""}\n`);
      }
      process.exitCode = 1;
    }
  }
}
