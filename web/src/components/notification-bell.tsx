/** The bell in the header: how many notifications are unread, a link to them all. */
import { useEffect, useState } from "react";
import type { NotificationListAnswer } from "../../../src/contract/answers.js";
import { api } from "../api/client";
import { hrefOf } from "../router";

/** Reads the unread count again whenever `refreshKey` changes (each navigation). */
export function NotificationBell({ refreshKey, active }: { refreshKey: string; active: boolean }) {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    void refreshKey;
    let live = true;
    const load = () =>
      api
        .get<NotificationListAnswer>("/notifications?unread=true&limit=1")
        .then((answer) => {
          if (live) setUnread(answer.unread);
        })
        .catch(() => undefined);
    void load();
    window.addEventListener("okr:notifications", load);
    return () => {
      live = false;
      window.removeEventListener("okr:notifications", load);
    };
  }, [refreshKey]);
  const count = unread ?? 0;
  const label = count === 0 ? "Notifications, none unread" : `Notifications, ${count} unread`;
  return (
    <a
      className="bell"
      href={hrefOf("/notifications")}
      aria-label={label}
      title={label}
      aria-current={active ? "page" : undefined}
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          fill="currentColor"
        />
      </svg>
      {count > 0 && (
        <span className="bell-count" data-testid="unread-count">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </a>
  );
}

/** Tells the bell that the unread count changed (read on this page). */
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event("okr:notifications"));
}
