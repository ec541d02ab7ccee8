/**
 * The conversation from the command line: `okr comment add|list|edit|delete`,
 * `okr notifications` (and `--read`), `okr check-in add|correct|delete`. Commands that act as a
 * person take `--as EMAIL` (the account whose comment, notifications or check-in it is).
 */
import type { Command } from "commander";
import type { Actor, AppDeps } from "../../app/deps.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import { HEALTHS } from "../../core/types.js";
import { percent } from "./review.js";
import { withDatabase } from "./user.js";

const DB_FLAG = "--database-url <url>";
const DB_HELP = "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)";
const AS_FLAG = "--as <email>";

interface Flags {
  as?: string;
  databaseUrl?: string;
  json?: boolean;
}

/** The actor of `--as EMAIL`, or the system (an admin) when `required` is false and none is given. */
export async function actorFor(deps: AppDeps, email: string | undefined, required: string | null) {
  if (!email) {
    if (required) throw new OkrError("invalid_input", `--as EMAIL is required: ${required}`);
    return SYSTEM_ACTOR;
  }
  const { getUserByEmail } = await import("../../app/accounts.js");
  const { actorOf } = await import("../../app/auth.js");
  const user = await getUserByEmail(deps, email);
  if (user.disabledAt) throw new OkrError("forbidden", `The account ${email} is disabled.`);
  return actorOf(user, "user") as Actor;
}

/** `value` as JSON with `--json`, else the text. */
export function print(value: unknown, json: boolean | undefined, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text());
}

function commentCommand(program: Command): void {
  const comment = program
    .command("comment")
    .description("Comments on objectives and key results (Markdown; @Name mentions a person)");
  comment
    .command("add <itemId> <text...>")
    .description("Comment on an objective or key result as --as EMAIL")
    .requiredOption(AS_FLAG, "the account commenting")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (itemId: string, words: string[], flags: Flags) => {
      const { addComment } = await import("../../app/comments.js");
      const added = await withDatabase(flags.databaseUrl, async (deps) =>
        addComment(deps, await actorFor(deps, flags.as, "whose comment"), itemId, {
          body: words.join(" "),
        }),
      );
      print(added, flags.json, () => {
        const mentioned = added.mentions.map((m) => m.name).join(", ");
        return `Added comment ${added.id}${mentioned ? ` (mentions ${mentioned})` : ""}\n`;
      });
    });
  comment
    .command("list <itemId>")
    .description("The comments on an objective or key result, oldest first")
    .option(AS_FLAG, "read as this account (default: everything)")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (itemId: string, flags: Flags) => {
      const { listComments } = await import("../../app/comments.js");
      const comments = await withDatabase(flags.databaseUrl, async (deps) =>
        listComments(deps, await actorFor(deps, flags.as, null), itemId),
      );
      print(comments, flags.json, () =>
        comments.length === 0
          ? "No comments.\n"
          : comments
              .map(
                (c) =>
                  `${c.id}\t${c.createdAt}\t${c.authorName}${c.edited ? " (edited)" : ""}\n  ${c.body.replace(/\n/g, "\n  ")}\n`,
              )
              .join(""),
      );
    });
  comment
    .command("edit <commentId> <text...>")
    .description("Change a comment's text (its author, --as EMAIL)")
    .requiredOption(AS_FLAG, "the comment's author")
    .option(DB_FLAG, DB_HELP)
    .action(async (commentId: string, words: string[], flags: Flags) => {
      const { editComment } = await import("../../app/comments.js");
      const edited = await withDatabase(flags.databaseUrl, async (deps) =>
        editComment(deps, await actorFor(deps, flags.as, "the comment's author"), commentId, {
          body: words.join(" "),
        }),
      );
      process.stdout.write(`Edited comment ${edited.id}\n`);
    });
  comment
    .command("delete <commentId>")
    .description("Delete a comment (its author with --as, or as an admin without)")
    .option(AS_FLAG, "the comment's author (default: as an admin)")
    .option(DB_FLAG, DB_HELP)
    .action(async (commentId: string, flags: Flags) => {
      const { deleteComment } = await import("../../app/comments.js");
      await withDatabase(flags.databaseUrl, async (deps) =>
        deleteComment(deps, await actorFor(deps, flags.as, null), commentId),
      );
      process.stdout.write(`Deleted comment ${commentId}\n`);
    });
}

function notificationsCommand(program: Command): void {
  program
    .command("notifications")
    .description("The notifications of --as EMAIL, newest first; --read marks them all read")
    .option(AS_FLAG, "whose notifications (required)")
    .option("--unread", "only the unread ones")
    .option("--read", "mark them all read")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (flags: Flags & { unread?: boolean; read?: boolean }) => {
      const { listMyNotifications, markMyNotificationsRead } = await import(
        "../../app/notifications.js"
      );
      const list = await withDatabase(flags.databaseUrl, async (deps) => {
        const actor = await actorFor(deps, flags.as, "whose notifications");
        const shown = await listMyNotifications(deps, actor, {
          unread: flags.unread ? "true" : "false",
        });
        if (flags.read) await markMyNotificationsRead(deps, actor, {});
        return shown;
      });
      print(list, flags.json, () => {
        const lines = list.notifications.map(
          (n) =>
            `${n.readAt ? " " : "*"} ${n.createdAt}\t${n.kind}\t${n.title}\t${n.link}${n.body ? `\n    ${n.body}` : ""}\n`,
        );
        const head = `${list.unread} unread${flags.read && list.unread > 0 ? ", now marked read" : ""}\n`;
        return head + lines.join("");
      });
    });
}

function numberOrNull(flag: string, text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  if (text.trim().toLowerCase() === "none") return null;
  const number = Number(text);
  if (!Number.isFinite(number))
    throw new OkrError("invalid_input", `${flag} must be a number (or none), got '${text}'`);
  return number;
}

interface CheckInFlags extends Flags {
  value?: string;
  progress?: string;
  health?: string;
  confidence?: string;
  note?: string;
}

/** What `--health` takes: a health, or `none` to clear it. */
const HEALTH_WORDS: ReadonlySet<string> = new Set([...HEALTHS, "none"]);

/** A check-in's fields from the flags; `none` clears one (a correction), absent leaves it. */
function checkInInputOf(flags: CheckInFlags) {
  const progress = numberOrNull("--progress", flags.progress);
  const health = flags.health?.trim();
  if (health !== undefined && !HEALTH_WORDS.has(health.toLowerCase())) {
    throw new OkrError(
      "invalid_input",
      `--health must be ${HEALTHS.slice(0, -1).join(", ")} or ${HEALTHS.at(-1)} (or none), got '${health}'`,
    );
  }
  return {
    value: numberOrNull("--value", flags.value),
    progress: typeof progress === "number" ? progress / 100 : progress,
    health:
      health === undefined
        ? undefined
        : health.toLowerCase() === "none"
          ? null
          : health.toLowerCase(),
    confidence: numberOrNull("--confidence", flags.confidence),
    note: flags.note,
  };
}

/** Where a key result stands after a check-in, in the words `okr tree` uses: "now at 67%". */
const standing = (p: number | null) => (p === null ? "not scored yet" : `now at ${percent(p)}`);

/** The flags a check-in's fields take, for `add` and `correct`. */
function withCheckInFields(command: Command, clears: string): Command {
  return command
    .option("--value <number>", `the value${clears}`)
    .option("--progress <percent>", `the progress in %${clears}`)
    .option("--health <health>", `on_track, needs_attention, at_risk${clears}`)
    .option("--confidence <0-10>", `the confidence${clears}`)
    .option("--note <text>", "the note");
}

function checkInCommand(program: Command): void {
  const checkIn = program
    .command("check-in")
    .description(
      "Check in on a key result, correct a check-in (its author, within 7 days) or delete one (as an admin)",
    );
  withCheckInFields(
    checkIn
      .command("add <keyResultId>")
      .description(
        "Check in on a key result as --as EMAIL (its owner or an editor); `okr tree` shows ids",
      )
      .requiredOption(AS_FLAG, "the account checking in"),
    "",
  )
    .option("--json", "print the check-in and the key result as JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (keyResultId: string, flags: CheckInFlags) => {
      const input = checkInInputOf(flags);
      const { checkIn: record } = await import("../../app/check-ins.js");
      const result = await withDatabase(flags.databaseUrl, async (deps) =>
        record(deps, await actorFor(deps, flags.as, "who checks in"), keyResultId, input),
      );
      print(result, flags.json, () => {
        const kr = result.keyResult;
        const health = kr.health ? `, ${kr.health.replace(/_/g, " ")}` : "";
        return `Checked in on "${kr.title}": it is ${standing(kr.progress)}${health} (check-in ${result.checkIn.id})\n`;
      });
    });
  withCheckInFields(
    checkIn
      .command("correct <checkInId>")
      .description("Correct a check-in as its author (--as EMAIL); the key result is recomputed")
      .requiredOption(AS_FLAG, "the check-in's author"),
    " (none clears it)",
  )
    .option(DB_FLAG, DB_HELP)
    .action(async (checkInId: string, flags: CheckInFlags) => {
      const input = checkInInputOf(flags);
      if (Object.values(input).every((v) => v === undefined)) {
        throw new OkrError(
          "invalid_input",
          "Say what to correct: --value, --progress, --health, --confidence or --note",
        );
      }
      const { correctCheckIn } = await import("../../app/check-in-corrections.js");
      const result = await withDatabase(flags.databaseUrl, async (deps) =>
        correctCheckIn(
          deps,
          await actorFor(deps, flags.as, "the check-in's author"),
          checkInId,
          input,
        ),
      );
      process.stdout.write(
        `Corrected check-in ${checkInId}; the key result is ${standing(result.keyResult.progress)}\n`,
      );
    });
  checkIn
    .command("delete <checkInId>")
    .description("Delete a check-in; the key result is recomputed from the rest")
    .option(AS_FLAG, "an editor's account (default: as an admin)")
    .option(DB_FLAG, DB_HELP)
    .action(async (checkInId: string, flags: Flags) => {
      const { deleteCheckIn } = await import("../../app/check-in-corrections.js");
      const result = await withDatabase(flags.databaseUrl, async (deps) =>
        deleteCheckIn(deps, await actorFor(deps, flags.as, null), checkInId),
      );
      process.stdout.write(
        `Deleted check-in ${checkInId}; the key result is ${standing(result.keyResult.progress)}\n`,
      );
    });
}

export function registerConversationCommands(program: Command): void {
  commentCommand(program);
  notificationsCommand(program);
  checkInCommand(program);
}
