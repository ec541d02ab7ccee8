/**
 * Security headers on every answer: a Content-Security-Policy that allows only our own
 * scripts, styles and requests (no inline script, no framing), `nosniff`, and frame denial for
 * browsers that predate `frame-ancestors`. The API documentation page carries its one inline
 * script and style sheet, so its policy names them by hash instead of allowing inline code.
 */
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { setAnswerHeader } from "./answer-headers.js";
import type { ServerEnv } from "./context.js";
import { DOCS_PAGE } from "./docs-page.js";

const BASE = {
  "default-src": "'self'",
  "script-src": "'self'",
  "style-src": "'self'",
  "img-src": "'self' data:",
  "font-src": "'self'",
  "connect-src": "'self'",
  "object-src": "'none'",
  "base-uri": "'none'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
};

function policyOf(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");
}

/** `'sha256-…'` of every `<tag>…</tag>` body of a page. */
function hashesOf(page: string, tag: "script" | "style"): string {
  const found: string[] = [];
  const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g");
  for (const m of page.matchAll(pattern)) {
    found.push(
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "")
        .digest("base64")}'`,
    );
  }
  return found.join(" ");
}

/** The policy of every answer. */
export const CONTENT_SECURITY_POLICY = policyOf(BASE);

/** The policy of `/api/docs`: its own inline script and styles, by hash. */
export const DOCS_CONTENT_SECURITY_POLICY = policyOf({
  ...BASE,
  "script-src": `'self' ${hashesOf(DOCS_PAGE, "script")}`,
  "style-src": `'self' ${hashesOf(DOCS_PAGE, "style")}`,
});

/** Sets the headers on every answer, whoever makes it (`answer-headers.ts` sees to that). */
export function securityHeaders(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    setAnswerHeader(
      c,
      "content-security-policy",
      c.req.path === "/api/docs" ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
    );
    setAnswerHeader(c, "x-content-type-options", "nosniff");
    setAnswerHeader(c, "x-frame-options", "DENY");
    setAnswerHeader(c, "referrer-policy", "no-referrer");
    await next();
  };
}
