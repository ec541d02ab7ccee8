/**
 * Each person's channels: which kinds of notification reach them, and how. The bell (in-app)
 * always shows them; a channel adds a copy by email or in their own chat.
 */

/** The kinds a person chooses a channel for. */
export const CHANNEL_KINDS = ["mention", "reply", "change", "reminder", "digest"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNELS = ["in-app", "email", "chat"] as const;
export type Channel = (typeof CHANNELS)[number];

/** What a kind is called where a person chooses. */
export const CHANNEL_KIND_NAMES: Record<ChannelKind, string> = {
  mention: "Mentions of me",
  reply: "Replies to my comments",
  change: "Changes to what I own or follow",
  reminder: "Check-in reminders",
  digest: "The weekly digest",
};

/** The default before an admin sets one: what the product did before channels existed. */
export const BUILT_IN_CHANNELS: Readonly<Record<ChannelKind, Channel>> = {
  mention: "in-app",
  reply: "in-app",
  change: "in-app",
  reminder: "email",
  digest: "email",
};

/**
 * The kind a notification's channel is chosen by: a comment, check-in or change on something
 * owned or followed is a "change". Reminders and digests are sent by their own jobs, not as
 * a copy of a notification, so they answer null here.
 */
export function channelKindOfNotification(kind: string): "mention" | "reply" | "change" | null {
  if (kind === "mention" || kind === "reply") return kind;
  if (kind === "comment" || kind === "check_in" || kind === "change") return "change";
  return null;
}

/**
 * The channel that applies: the person's own choice, else the company default; chat needs the
 * person's own webhook and is in-app only without one.
 */
export function effectiveChannel(
  own: Channel | undefined,
  companyDefault: Channel,
  hasChatWebhook: boolean,
): Channel {
  const chosen = own ?? companyDefault;
  return chosen === "chat" && !hasChatWebhook ? "in-app" : chosen;
}
