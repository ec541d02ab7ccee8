/**
 * Key result lines of a page that take back check-ins the page does not know (decisions/0065),
 * as the `409 conflict` an apply answers names them in `details.conflicts` (a preview gives
 * them as `takenBack`).
 */
import { ApiError } from "../../api/client";
import type { TakenBackCheckIn } from "../../api/types";

/** The lines an apply was refused for, when it was refused because the page takes back check-ins. */
export function refusedFor(error: unknown): TakenBackCheckIn[] | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== "conflict")
    return null;
  const conflicts = (error.details as { conflicts?: unknown } | undefined)?.conflicts;
  if (!Array.isArray(conflicts)) return null;
  return conflicts.flatMap((c: unknown) => {
    if (typeof c !== "object" || c === null) return [];
    const { line, item, app, page, checkedInAt } = c as Record<string, unknown>;
    if (typeof line !== "number" || typeof item !== "string" || typeof app !== "string") return [];
    return [
      {
        line,
        item,
        app,
        page: typeof page === "string" ? page : null,
        checkedInAt: typeof checkedInAt === "string" ? checkedInAt : "",
      },
    ];
  });
}
