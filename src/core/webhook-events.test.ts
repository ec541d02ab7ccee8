import { describe, expect, it } from "vitest";
import { webhookEventOf, webhookHears } from "./webhook-events.js";

describe("webhookEventOf", () => {
  it("names the event of each audited change", () => {
    const kr = (action: string, before: unknown = {}) => ({ entity: "key_result", action, before });
    expect(webhookEventOf(kr("check_in"))).toBe("check_in");
    expect(webhookEventOf(kr("create", null))).toBe("item.created");
    expect(webhookEventOf({ entity: "objective", action: "import", before: null })).toBe(
      "item.created",
    );
    expect(webhookEventOf({ entity: "objective", action: "import", before: {} })).toBe(
      "item.updated",
    );
    expect(webhookEventOf(kr("archive"))).toBe("item.archived");
    expect(webhookEventOf(kr("move"))).toBe("item.updated");
    expect(webhookEventOf({ entity: "period", action: "close", before: {} })).toBe("period.closed");
    expect(webhookEventOf({ entity: "comment", action: "create", before: null })).toBe(
      "comment.created",
    );
  });
  it("keeps people, accounts and reopened periods to themselves", () => {
    expect(webhookEventOf({ entity: "person", action: "create", before: null })).toBeUndefined();
    expect(webhookEventOf({ entity: "user", action: "update", before: {} })).toBeUndefined();
    expect(webhookEventOf({ entity: "period", action: "reopen", before: {} })).toBeUndefined();
  });
});

describe("webhookHears", () => {
  it("hears what it subscribed to, and everything when it named nothing", () => {
    expect(webhookHears(["check_in"], "check_in")).toBe(true);
    expect(webhookHears(["check_in"], "item.created")).toBe(false);
    expect(webhookHears([], "period.closed")).toBe(true);
  });
});
