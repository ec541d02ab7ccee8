/**
 * `okr notifications channels`: how each kind of notification reaches an account (--as EMAIL),
 * or the company default (--default): `--set mention=email reply=default …`, a personal chat
 * webhook (`--chat slack=https://…`, `--remove-chat`) and `--test` to post a test message.
 */
import type { Command } from "commander";
import { OkrError } from "../../core/errors.js";
import { actorFor } from "./conversation.js";
import { withDatabase } from "./user.js";

interface Flags {
  as?: string;
  default?: boolean;
  set?: string[];
  chat?: string;
  removeChat?: boolean;
  test?: boolean;
  json?: boolean;
  databaseUrl?: string;
}

/** `kind=channel` pairs as the API takes them (`default` clears an account's own choice). */
export function parseChannelPairs(pairs: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const pair of pairs) {
    const [kind, channel, ...rest] = pair.split("=");
    if (!kind || !channel || rest.length > 0) {
      throw new OkrError(
        "invalid_input",
        `--set takes kind=channel (e.g. mention=email), got '${pair}'`,
      );
    }
    out[kind.trim()] = channel.trim() === "default" ? null : channel.trim();
  }
  return out;
}

function parseChat(text: string): { provider: string; url: string } {
  const at = text.indexOf("=");
  if (at < 1) {
    throw new OkrError(
      "invalid_input",
      `--chat takes provider=URL (slack, mattermost or teams), got '${text}'`,
    );
  }
  return { provider: text.slice(0, at).trim(), url: text.slice(at + 1).trim() };
}

const WORDS: Record<string, string> = { "in-app": "in the app only", email: "email", chat: "chat" };

export function registerNotificationChannelsCommand(program: Command): void {
  const parent =
    program.commands.find((c) => c.name() === "notifications") ?? program.command("notifications");
  // Options after `channels` are its own, not those of `okr notifications` (the program has
  // no options of its own, so this changes nothing for other commands).
  program.enablePositionalOptions();
  parent.enablePositionalOptions();
  parent
    .command("channels")
    .description(
      "How each kind of notification (mention, reply, change, reminder, digest) reaches --as EMAIL: in-app, email or chat; --default for the company's",
    )
    .option("--as <email>", "whose channels")
    .option("--default", "the company default (in-app or email per kind)")
    .option(
      "--set <kind=channel...>",
      "choose: in-app, email, chat, or default (follow the company)",
    )
    .option("--chat <provider=url>", "my incoming webhook: slack=, mattermost= or teams=URL")
    .option("--remove-chat", "remove my chat webhook")
    .option("--test", "post a test message to my chat webhook now")
    .option("--json", "print JSON")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: Flags) => {
      const app = await import("../../app/notification-channels.js");
      const choices = parseChannelPairs(flags.set ?? []);
      if (flags.default) {
        if (flags.as || flags.chat || flags.removeChat || flags.test) {
          throw new OkrError("invalid_input", "--default takes only --set (and --json)");
        }
        const table = await withDatabase(flags.databaseUrl, async (deps) => {
          const { SYSTEM_ACTOR } = await import("../../app/deps.js");
          return flags.set
            ? app.putCompanyChannels(deps, SYSTEM_ACTOR, choices)
            : app.getCompanyChannels(deps);
        });
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(table, null, 2)}\n`
            : Object.entries(table)
                .map(([kind, channel]) => `${kind}\t${WORDS[channel]}\n`)
                .join(""),
        );
        return;
      }
      if (flags.chat && flags.removeChat) {
        throw new OkrError("invalid_input", "Say either --chat provider=URL or --remove-chat");
      }
      const mine = await withDatabase(flags.databaseUrl, async (deps) => {
        const actor = await actorFor(deps, flags.as, "whose channels (or --default)");
        const changing = flags.set || flags.chat || flags.removeChat;
        const saved = changing
          ? await app.putMyChannels(deps, actor, {
              channels: choices,
              ...(flags.chat ? { chat: parseChat(flags.chat) } : {}),
              ...(flags.removeChat ? { chat: null } : {}),
            })
          : await app.getMyChannels(deps, actor);
        if (flags.test) await app.testMyChatWebhook(deps, actor);
        return saved;
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(mine, null, 2)}\n`);
        return;
      }
      const lines = mine.kinds.map(
        (k) =>
          `${k.kind}\t${WORDS[k.effective]}${k.own ? "" : " (company default)"}${k.own === "chat" && k.effective !== "chat" ? " — chat needs a webhook" : ""}`,
      );
      const chat = mine.chat ? `${mine.chat.provider} at ${mine.chat.host}` : "none";
      const extra = [
        `mail to ${mine.email}${mine.mail ? "" : " (mail is off on this server)"}`,
        `chat webhook: ${chat}`,
        ...(mine.unsubscribed.length > 0
          ? [`unsubscribed by mail: ${mine.unsubscribed.join(", ")}`]
          : []),
        ...(flags.test ? ["Test message posted."] : []),
      ];
      process.stdout.write(`${[...lines, ...extra].join("\n")}\n`);
    });
}
