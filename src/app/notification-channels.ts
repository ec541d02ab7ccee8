/**
 * Each person's channels (docs/decisions/0032): for each kind of notification, in-app only,
 * email or their own chat webhook, over a company default admins set. The in-app bell always
 * has it; this decides the copy that goes out. `channelsOf` is the one place that answers
 * "how does this account hear of that kind".
 */
import { OkrError } from "../core/errors.js";
import {
  BUILT_IN_CHANNELS,
  CHANNEL_KIND_NAMES,
  CHANNEL_KINDS,
  type Channel,
  type ChannelKind,
  effectiveChannel,
} from "../core/notification-channels.js";
import type { Id } from "../core/types.js";
import { type Db, withTransaction } from "../store/db.js";
import {
  COMPANY_CHANNELS,
  deletePersonalChatWebhook,
  findPersonalChatWebhook,
  listAccountsWithChat,
  listChannelChoices,
  putChannelChoices,
  putPersonalChatWebhook,
} from "../store/notification-channels.repository.js";
import { deleteUnsubscribe, listUnsubscribedKinds } from "../store/rhythm.repository.js";
import { findUser } from "../store/users.repository.js";
import { postChatMessage } from "./chat.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { rhythmOf } from "./mail.js";
import {
  CompanyChannelsInputSchema,
  MyChannelsInputSchema,
} from "./notification-channel-schemas.js";
import { assertAdmin } from "./permissions.js";

export type ChannelTable = Record<ChannelKind, Channel>;

function companyOf(stored: Map<string, string> | undefined): ChannelTable {
  const out = { ...BUILT_IN_CHANNELS };
  for (const kind of CHANNEL_KINDS) {
    const channel = stored?.get(kind);
    if (channel === "in-app" || channel === "email") out[kind] = channel;
  }
  return out;
}

/** How each of `userIds` hears of each kind (in `db`, a transaction when given). */
export async function channelsOf(
  db: Db,
  userIds: readonly Id[],
): Promise<(userId: Id, kind: ChannelKind) => Channel> {
  const [choices, withChat] = await Promise.all([
    listChannelChoices(db, userIds),
    listAccountsWithChat(db, userIds),
  ]);
  const company = companyOf(choices.get(COMPANY_CHANNELS));
  return (userId, kind) =>
    effectiveChannel(
      choices.get(userId)?.get(kind) as Channel | undefined,
      company[kind],
      withChat.has(userId),
    );
}

export interface MyChannelKind {
  kind: ChannelKind;
  name: string;
  /** The person's own choice; null while they follow the company default. */
  own: Channel | null;
  companyDefault: Channel;
  /** What applies now (chat without a webhook is in-app only). */
  effective: Channel;
}

export interface MyChannels {
  kinds: MyChannelKind[];
  /** Their chat webhook: the provider and host only (the URL is a secret). */
  chat: { provider: string; host: string } | null;
  /** Where their mail goes. */
  email: string;
  /** Whether the server sends mail at all (OKR_SMTP_URL). */
  mail: boolean;
  /** The kinds their address unsubscribed from by mail. */
  unsubscribed: ChannelKind[];
}

function requireUser(actor: Actor): Id {
  if (!actor.userId) {
    throw new OkrError("forbidden", "Only a signed-in account has notification channels.");
  }
  return actor.userId;
}

export async function getMyChannels(deps: AppDeps, actor: Actor): Promise<MyChannels> {
  const userId = requireUser(actor);
  const [user, choices, hook] = await Promise.all([
    findUser(deps.db, userId),
    listChannelChoices(deps.db, [userId]),
    findPersonalChatWebhook(deps.db, userId),
  ]);
  if (!user) throw new OkrError("not_found", `Account ${userId} not found`);
  const company = companyOf(choices.get(COMPANY_CHANNELS));
  const mine = choices.get(userId);
  const unsubscribed = await listUnsubscribedKinds(deps.db, user.email);
  return {
    kinds: CHANNEL_KINDS.map((kind) => {
      const own = (mine?.get(kind) as Channel | undefined) ?? null;
      return {
        kind,
        name: CHANNEL_KIND_NAMES[kind],
        own,
        companyDefault: company[kind],
        effective: effectiveChannel(own ?? undefined, company[kind], hook !== undefined),
      };
    }),
    chat: hook ? { provider: hook.provider, host: new URL(hook.url).host } : null,
    email: user.email,
    mail: rhythmOf(deps).mail !== null,
    unsubscribed: CHANNEL_KINDS.filter((kind) => unsubscribed.includes(kind)),
  };
}

/**
 * Saves the actor's channels and chat webhook. Chat needs a webhook (given now or before);
 * choosing email again takes back an earlier unsubscribe of that kind.
 */
export async function putMyChannels(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<MyChannels> {
  const data = parseInput(MyChannelsInputSchema, input);
  const userId = requireUser(actor);
  await withTransaction(deps.db, async (trx) => {
    const user = await findUser(trx, userId);
    if (!user) throw new OkrError("not_found", `Account ${userId} not found`);
    const beforeHook = await findPersonalChatWebhook(trx, userId);
    const before = Object.fromEntries((await listChannelChoices(trx, [userId])).get(userId) ?? []);
    const at = nowIso(deps);
    if (data.chat === null) await deletePersonalChatWebhook(trx, userId);
    else if (data.chat) {
      await putPersonalChatWebhook(trx, { userId, ...data.chat, updatedAt: at });
    }
    const hasChat = data.chat === undefined ? beforeHook !== undefined : data.chat !== null;
    const choices = Object.fromEntries(
      Object.entries(data.channels).filter(([, channel]) => channel !== undefined),
    ) as Record<ChannelKind, Channel | null>;
    const wantsChat = Object.entries(choices).filter(([, channel]) => channel === "chat");
    if (wantsChat.length > 0 && !hasChat) {
      throw new OkrError(
        "invalid_input",
        `${wantsChat.map(([kind]) => `channels.${kind}`).join(", ")}: chat needs a chat webhook of your own; add its URL first.`,
        wantsChat.map(([kind]) => ({ path: `channels.${kind}`, message: "needs a chat webhook" })),
      );
    }
    await putChannelChoices(trx, userId, choices, at);
    for (const [kind, channel] of Object.entries(choices)) {
      if (channel === "email") await deleteUnsubscribe(trx, user.email, kind);
    }
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "notification_channels",
      entityId: userId,
      before: { channels: before, chat: beforeHook ? new URL(beforeHook.url).host : null },
      after: {
        channels: choices,
        chat:
          data.chat === undefined ? "unchanged" : data.chat ? new URL(data.chat.url).host : null,
      },
    });
  });
  return getMyChannels(deps, actor);
}

/** Posts a test message to the actor's own chat webhook now; 502 says what it answered. */
export async function testMyChatWebhook(deps: AppDeps, actor: Actor): Promise<void> {
  const userId = requireUser(actor);
  const hook = await findPersonalChatWebhook(deps.db, userId);
  if (!hook) {
    throw new OkrError("invalid_input", "You have no chat webhook yet: paste its URL first.", [
      { path: "chat", message: "not set" },
    ]);
  }
  await postChatMessage(hook, {
    title: "Test message from okr",
    lines: [`${actor.name}, this is where okr tells you what you chose to hear of in chat.`],
    link: { text: "Open okr", url: rhythmOf(deps).publicUrl },
  });
}

/** The company default per kind (anyone signed in may read it). */
export async function getCompanyChannels(deps: AppDeps): Promise<ChannelTable> {
  return companyOf((await listChannelChoices(deps.db, [])).get(COMPANY_CHANNELS));
}

/** Sets the company default of the kinds given (admins only). */
export async function putCompanyChannels(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ChannelTable> {
  const data = parseInput(CompanyChannelsInputSchema, input);
  assertAdmin(actor, "change the company's notification channels");
  return withTransaction(deps.db, async (trx) => {
    const before = companyOf((await listChannelChoices(trx, [])).get(COMPANY_CHANNELS));
    const choices = Object.fromEntries(
      Object.entries(data).filter(([, channel]) => channel !== undefined),
    ) as Record<string, string>;
    await putChannelChoices(trx, COMPANY_CHANNELS, choices, nowIso(deps));
    const after = { ...before, ...choices } as ChannelTable;
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "notification_channels",
      entityId: COMPANY_CHANNELS,
      before,
      after,
    });
    return after;
  });
}

/**
 * How a person hears of a reminder or a digest: by the choice of their account (the first,
 * when they have several), else by the company default. `userId` is that account, if any.
 */
export async function personChannelOf(
  db: Db,
  userIds: readonly Id[],
  kind: "reminder" | "digest",
): Promise<{ channel: Channel; userId: Id | null }> {
  const userId = userIds[0] ?? null;
  const channelOf = await channelsOf(db, userId ? [userId] : []);
  return { channel: channelOf(userId ?? COMPANY_CHANNELS, kind), userId };
}
