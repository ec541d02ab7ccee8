/** A closed period is read-only: pages say so, with the day it closed, instead of offering edits. */
import type { Period } from "../api/types";
import { formatLocalDate } from "../format";

/** Whether the period is closed (graded; writes stop until an admin reopens it). */
export function isClosed(period: Period | undefined): boolean {
  return Boolean(period?.closedAt);
}

/** "Closed on 3 Feb 2026": why nothing here can be changed, and who can change that. */
export function ClosedNotice({ period }: { period: Period | undefined }) {
  if (!period?.closedAt) return null;
  return (
    <p className="closed-notice" role="note">
      <strong>Closed on {formatLocalDate(period.closedAt)}.</strong> {period.label} is graded and
      read-only: no new objectives, check-ins or edits. An admin can reopen it in Settings.
    </p>
  );
}
