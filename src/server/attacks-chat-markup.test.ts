/**
 * What people write (titles, comments, names) reaches chat channels read by many. Written
 * there as chat markup, it could ping a whole channel (`<!channel>`, `@all`) or show one
 * address while linking to another. The words arrive as words.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import { postChatDigest } from "../app/chat-digest.js";
import type { OpenedDatabase } from "../store/database.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const TITLE =
  "<!channel> @here @all Sign in again at <https://evil.example/login|https://okr.example.com> or [okr.example.com](https://evil.example/login) ![x](https://evil.example/pixel.png)";

describe.each(["slack", "mattermost", "teams"] as const)(
  "an objective title in the team's %s digest",
  (provider) => {
    let opened: OpenedDatabase;
    let server: TestServer;
    let chat: Server;
    const posts: string[] = [];

    beforeAll(async () => {
      chat = createServer((request, response) => {
        let body = "";
        request.on("data", (chunk) => {
          body += chunk;
        });
        request.on("end", () => {
          posts.push(body);
          response.writeHead(200).end("ok");
        });
      });
      await new Promise<void>((resolve) => chat.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(chat.address() as AddressInfo).port}/hook`;
      opened = await openTestDatabase("sqlite");
      server = await openTestServer(opened);
      const admin = server.accounts.admin.token;
      const editor = server.accounts.editor.token;
      const team = await readJson(
        await server.call(admin, "POST", "/api/teams", { name: "Support" }),
      );
      const period = await readJson(
        await server.call(admin, "POST", "/api/periods", { label: "2026-Q1" }),
      );
      await server.call(editor, "POST", "/api/objectives", {
        periodId: period.id,
        title: TITLE,
        owner: "Support",
      });
      const hook = await server.call(admin, "POST", "/api/chat-webhooks", {
        teamId: team.id,
        provider,
        url,
      });
      expect(hook.status).toBe(201);
      posts.length = 0;
      await postChatDigest(server.deps, { webhookId: (await readJson(hook)).id });
    });
    afterAll(async () => {
      await opened?.close();
      await new Promise((resolve) => chat?.close(resolve));
    });

    /** Every text the provider would render from the post. */
    function textsOf(post: string): string[] {
      const texts: string[] = [];
      const walk = (value: unknown, key = ""): void => {
        if (typeof value === "string" && ["text", "title"].includes(key)) texts.push(value);
        else if (Array.isArray(value)) for (const v of value) walk(v, key);
        else if (value && typeof value === "object")
          for (const [k, v] of Object.entries(value)) walk(v, k);
      };
      walk(JSON.parse(post));
      return texts.filter((t) => t.includes("Sign in again"));
    }

    it("pings nobody and links nowhere the reader cannot see", () => {
      expect(posts).toHaveLength(1);
      const texts = textsOf(posts[0] as string);
      expect(texts.length).toBeGreaterThan(0);
      // Mattermost's post ends with okr's own link to itself.
      for (const text of texts.map((t) => t.replace(/\n\[Open okr\]\([^)]*\)$/, ""))) {
        // Slack's markup: <!channel>, <!here>, <url|label>.
        if (provider === "slack") expect(text).not.toMatch(/<[!@#]|<https?:/);
        // Mattermost and Teams: channel-wide mentions and Markdown links or images.
        expect(text).not.toMatch(/(^|\s)@(here|all|channel)\b/);
        expect(text).not.toMatch(/\]\(/);
        // The words themselves are still there to read.
        expect(text).toContain("Sign in again");
        expect(text).toContain("evil.example/login");
      }
    });
  },
);
