/** My notifications: mentions, replies, comments, check-ins and changes to what I follow, reminders. */
import type { NotificationAnswer, NotificationListAnswer } from "../../../src/contract/answers.js";
import { api } from "../api/client";
import { ErrorText } from "../components/field";
import { announceNotificationsChanged } from "../components/notification-bell";
import { formatDateTime, formatTimeAgo } from "../format";
import { hrefOf, navigate } from "../router";
import { useLoad } from "../use-load";
import { useAction } from "./settings/use-action";

const KIND_LABELS: Record<string, string> = {
  mention: "Mention",
  reply: "Reply",
  comment: "Comment",
  check_in: "Check-in",
  change: "Change",
  reminder: "Reminder",
  digest: "Weekly digest",
};

export function NotificationsPage() {
  const list = useLoad(() => api.get<NotificationListAnswer>("/notifications?limit=100"), []);
  const { error, run } = useAction();

  async function markRead(ids?: string[]) {
    const ok = await run(() => api.post("/notifications/read", ids ? { ids } : {}));
    if (ok) {
      list.reload();
      announceNotificationsChanged();
    }
  }
  async function open(notification: NotificationAnswer) {
    if (!notification.readAt) await markRead([notification.id]);
    navigate(notification.link);
  }

  const unread = list.data?.unread ?? 0;
  return (
    <section className="narrow">
      <h1>Notifications</h1>
      <ErrorText error={list.error ?? error} />
      <p className="muted" aria-live="polite">
        {unread === 0 ? "Nothing unread." : `${unread} unread.`}
      </p>
      <p className="muted">
        Want some of these by email or in your chat?{" "}
        <a href={hrefOf("/account")}>Choose on My account</a>.
      </p>
      {unread > 0 && (
        <button type="button" className="secondary" onClick={() => void markRead()}>
          Mark all read
        </button>
      )}
      {list.data && list.data.notifications.length === 0 && (
        <p className="muted">
          No notifications yet. You hear here when someone mentions you, replies to you, or checks
          in on what you own or follow.
        </p>
      )}
      <ul className="notification-list">
        {(list.data?.notifications ?? []).map((n) => (
          <li key={n.id} className={n.readAt ? "notification read" : "notification unread"}>
            <p className="eyebrow">
              {KIND_LABELS[n.kind] ?? n.kind} ·{" "}
              <time dateTime={n.createdAt} title={formatDateTime(n.createdAt)}>
                {formatTimeAgo(n.createdAt)}
              </time>
              {!n.readAt && <span className="unread-dot"> · unread</span>}
            </p>
            <a
              href={hrefOf(n.link)}
              onClick={(event) => {
                event.preventDefault();
                void open(n);
              }}
            >
              {n.title}
            </a>
            {n.body && <p className="notification-body">{n.body}</p>}
            {!n.readAt && (
              <button type="button" className="link-button" onClick={() => void markRead([n.id])}>
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
