/**
 * Chat through incoming webhooks, configured per team: the same message as a Slack Block Kit
 * payload, a Mattermost post or a Microsoft Teams Adaptive Card. Admins add, remove and test
 * them; the weekly digest posts each team's summary through the job queue.
 */
import { OkrError } from "../core/errors.js";
import type { Id } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import {
  type ChatWebhook,
  deleteChatWebhook,
  findChatWebhook,
  insertChatWebhook,
  listChatWebhooks,
} from "../store/rhythm-links.repository.js";
import { getTeam } from "../store/teams.repository.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { rhythmOf } from "./mail.js";
import { assertAdmin } from "./permissions.js";
import { type ChatProvider, ChatWebhookInputSchema } from "./rhythm-schemas.js";

/** One chat message, before it takes a provider's shape. */
export interface ChatMessage {
  title: string;
  lines: string[];
  link: { text: string; url: string } | null;
}

/**
 * People's words (titles, comments, names) as words in any provider's markup: no mention that
 * pings (`@all`, `@channel`, `@name`: a word joiner after the `@`) and no Markdown link or
 * image showing one thing and leading to another (`[t](u)`, `[t][r]`, `[r]: u`: a zero-width
 * space after the `]`). Addresses stay readable, so a link still shows where it goes.
 */
function wordsOf(text: string): string {
  return text.replace(/@(?=\w)/g, "@\u2060").replace(/\](?=[([:])/g, "]\u200b");
}

/** Slack's mrkdwn: `&`, `<` and `>` escaped as Slack asks, so `<!channel>` and `<url|label>` stay text. */
function slackWordsOf(text: string): string {
  return wordsOf(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The JSON body each provider's incoming webhook takes. */
export function chatPayloadOf(provider: ChatProvider, written: ChatMessage): unknown {
  const message: ChatMessage = {
    title: wordsOf(written.title),
    lines: written.lines.map(wordsOf),
    link: written.link,
  };
  if (provider === "slack") {
    const lines = written.lines.map(slackWordsOf);
    return {
      text: [slackWordsOf(written.title), ...lines].join("\n"),
      blocks: [
        { type: "header", text: { type: "plain_text", text: message.title.slice(0, 150) } },
        ...(lines.length > 0
          ? [{ type: "section", text: { type: "mrkdwn", text: lines.join("\n") } }]
          : []),
        ...(message.link
          ? [
              {
                type: "actions",
                elements: [
                  {
                    type: "button",
                    text: { type: "plain_text", text: message.link.text },
                    url: message.link.url,
                  },
                ],
              },
            ]
          : []),
      ],
    };
  }
  if (provider === "mattermost") {
    const link = message.link ? `\n[${message.link.text}](${message.link.url})` : "";
    return { username: "okr", text: `#### ${message.title}\n${message.lines.join("\n")}${link}` };
  }
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              text: message.title,
              weight: "Bolder",
              size: "Medium",
              wrap: true,
            },
            ...message.lines.map((line) => ({ type: "TextBlock", text: line, wrap: true })),
          ],
          actions: message.link
            ? [{ type: "Action.OpenUrl", title: message.link.text, url: message.link.url }]
            : [],
        },
      },
    ],
  };
}

/**
 * Where only admins read why a post failed (a job's last error, the test of a team's webhook),
 * it quotes the start of the webhook's answer.
 */
export const QUOTE_FOR_JOBS = { quoteAnswer: true } as const;

/**
 * Posts a message; throws with the status when it is refused, and the start of the answer
 * with `quoteAnswer`. Anyone may paste their own webhook's URL, and the answer of whatever it
 * points at is not theirs to read; nor is a redirect followed elsewhere.
 */
export async function postChatMessage(
  hook: Pick<ChatWebhook, "provider" | "url">,
  message: ChatMessage,
  options: { quoteAnswer?: boolean } = {},
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(hook.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(chatPayloadOf(hook.provider as ChatProvider, message)),
      // A webhook answers where it is: a redirect is not followed elsewhere.
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new OkrError(
      "upstream_failed",
      `The ${hook.provider} webhook did not answer: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!response.ok) {
    let body = "";
    if (options.quoteAnswer) body = (await response.text().catch(() => "")).slice(0, 200);
    else await response.body?.cancel().catch(() => undefined);
    throw new OkrError(
      "upstream_failed",
      `The ${hook.provider} webhook answered ${response.status}${body ? `: ${body}` : ""}`,
    );
  }
}

/** A webhook as admins see it: the URL is a secret, so only its host shows. */
export interface ChatWebhookView {
  id: Id;
  teamId: Id;
  provider: string;
  host: string;
  createdAt: string;
}

function viewOf(hook: ChatWebhook): ChatWebhookView {
  return {
    id: hook.id,
    teamId: hook.teamId,
    provider: hook.provider,
    host: new URL(hook.url).host,
    createdAt: hook.createdAt,
  };
}

export async function listTeamWebhooks(deps: AppDeps, actor: Actor): Promise<ChatWebhookView[]> {
  assertAdmin(actor, "see chat webhooks");
  return (await listChatWebhooks(deps.db)).map(viewOf);
}

export async function addChatWebhook(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ChatWebhookView> {
  const data = parseInput(ChatWebhookInputSchema, input);
  assertAdmin(actor, "add chat webhooks");
  return withTransaction(deps.db, async (trx) => {
    await getTeam(trx, data.teamId);
    const hook = await insertChatWebhook(trx, {
      id: deps.newId(),
      teamId: data.teamId,
      provider: data.provider,
      url: data.url,
      createdAt: nowIso(deps),
    });
    await recordAudit(trx, deps, actor, {
      action: "create",
      entity: "chat_webhook",
      entityId: hook.id,
      before: null,
      after: viewOf(hook),
    });
    return viewOf(hook);
  });
}

export async function removeChatWebhook(deps: AppDeps, actor: Actor, id: Id): Promise<void> {
  assertAdmin(actor, "remove chat webhooks");
  await withTransaction(deps.db, async (trx) => {
    const hook = await findChatWebhook(trx, id);
    if (!hook || !(await deleteChatWebhook(trx, id))) {
      throw new OkrError("not_found", `Chat webhook ${id} not found`);
    }
    await recordAudit(trx, deps, actor, {
      action: "delete",
      entity: "chat_webhook",
      entityId: id,
      before: viewOf(hook),
      after: null,
    });
  });
}

/** Sends a test message now, and says what the webhook answered (admins). */
export async function testChatWebhook(deps: AppDeps, actor: Actor, id: Id): Promise<void> {
  assertAdmin(actor, "test chat webhooks");
  const hook = await findChatWebhook(deps.db, id);
  if (!hook) throw new OkrError("not_found", `Chat webhook ${id} not found`);
  const team = await getTeam(deps.db, hook.teamId);
  await postChatMessage(
    hook,
    {
      title: `Test message from okr for ${team.name}`,
      lines: [`${actor.name} checked that okr can post here. The weekly digest comes on Mondays.`],
      link: { text: "Open okr", url: rhythmOf(deps).publicUrl },
    },
    QUOTE_FOR_JOBS,
  );
}
