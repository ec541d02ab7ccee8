/** `okr notifications channels`: an account's channels and chat webhook, and the company default. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatListener, startChatListener } from "../../../test/support/chat-listener.js";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";
import { createUser } from "../../app/accounts.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { depsOf } from "../../server/test-harness.js";
import { openDatabase } from "../../store/database.js";

describe.each(DIALECTS)("okr notifications channels (%s)", (dialect) => {
  let database: EmptyDatabase;
  let db: string[];
  let chat: ChatListener;

  beforeAll(async () => {
    chat = await startChatListener();
    database = await createEmptyDatabase(dialect);
    db = ["--database-url", database.url];
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      await createUser(depsOf(opened), SYSTEM_ACTOR, {
        email: "nia@example.com",
        name: "Nia Noted",
        password: "nia password",
      });
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await database?.drop();
    await chat?.stop();
  });

  it("shows, sets and clears an account's channels, with a chat webhook and its test message", async () => {
    const shown = await okr(["notifications", "channels", "--as", "nia@example.com", ...db]);
    expect(shown.stderr).toBe("");
    expect(shown.stdout).toContain("mention\tin the app only (company default)\n");
    expect(shown.stdout).toContain("reminder\temail (company default)\n");

    const refused = await okr([
      "notifications",
      "channels",
      "--as",
      "nia@example.com",
      "--set",
      "mention=chat",
      ...db,
    ]);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toContain(
      "channels.mention: chat needs a chat webhook of your own; add its URL first.",
    );

    const set = await okr([
      "notifications",
      "channels",
      "--as",
      "nia@example.com",
      "--chat",
      `mattermost=${chat.urlFor("nia")}`,
      "--set",
      "mention=chat",
      "reply=email",
      "--test",
      ...db,
    ]);
    expect(set.stderr).toBe("");
    expect(set.stdout).toContain("mention\tchat\n");
    expect(set.stdout).toContain("reply\temail\n");
    expect(set.stdout).toContain(`chat webhook: mattermost at ${new URL(chat.urlFor("nia")).host}`);
    expect(set.stdout).toContain("Test message posted.");
    expect(chat.posts).toHaveLength(1);
    expect(JSON.stringify(chat.posts[0]?.body)).toContain("Test message from okr");

    const cleared = await okr([
      "notifications",
      "channels",
      "--as",
      "nia@example.com",
      "--set",
      "reply=default",
      "--json",
      ...db,
    ]);
    const json = JSON.parse(cleared.stdout) as { kinds: { kind: string; own: string | null }[] };
    expect(json.kinds.find((k) => k.kind === "reply")?.own).toBeNull();
    expect(json.kinds.find((k) => k.kind === "mention")?.own).toBe("chat");
  });

  it("sets the company default, in-app or email, and says what is wrong with anything else", async () => {
    const set = await okr([
      "notifications",
      "channels",
      "--default",
      "--set",
      "change=email",
      ...db,
    ]);
    expect(set.stderr).toBe("");
    expect(set.stdout).toContain("change\temail\n");
    const bad = await okr([
      "notifications",
      "channels",
      "--default",
      "--set",
      "mention=pigeon",
      ...db,
    ]);
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain("mention: must be in-app or email");
    const noPair = await okr(["notifications", "channels", "--default", "--set", "mention", ...db]);
    expect(noPair.stderr).toContain("--set takes kind=channel (e.g. mention=email), got 'mention'");
  });
});
