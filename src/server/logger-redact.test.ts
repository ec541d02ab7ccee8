/** Secrets never reach the log: tokens, webhook secrets and auth headers are written as [redacted]. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

describe("the log", () => {
  it("writes [redacted] where a token, a webhook secret or an auth header would be", () => {
    let out = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info(
      {
        connection: { name: "GitLab", token: "glpat-secret", webhookSecret: "hook-secret" },
        request: {
          headers: { authorization: "Bearer ghp_secret", "x-gitlab-token": "hook-secret" },
        },
      },
      "connection added",
    );
    expect(out).toContain('"name":"GitLab"');
    expect(out).not.toMatch(/glpat-secret|hook-secret|ghp_secret/);
    expect(out.match(/\[redacted\]/g)).toHaveLength(4);
  });
});
